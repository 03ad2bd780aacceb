"""Build: the graph contract for documents and spans, exact provenance, stable output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from envkg.build import build_corpus
from envkg.corpus import read_document
from envkg.evaluate import load_store
from envkg.namespaces import ENVKG, sparql_prologue

from .conftest import SOURCES

SPANS = sparql_prologue() + """
SELECT ?span ?file ?start ?end ?exact WHERE {
  ?span a oa:SpecificResource ; oa:hasSource ?doc ; oa:hasSelector ?sel .
  ?sel a oa:TextPositionSelector, oa:TextQuoteSelector ; oa:start ?start ; oa:end ?end ; oa:exact ?exact .
  ?doc envkg:sourceFile ?file .
}"""


def load_ttl(folder: Path) -> Graph:
    g = Graph()
    g.parse(folder / "envkg.ttl", format="turtle")
    return g


@pytest.fixture(scope="module")
def seed_graph(seed_build) -> Graph:
    return load_ttl(seed_build)


def check_every_span(build: Path, sources: Path) -> int:
    """raw[start:end] == oa:exact for every span of the build (read through pyoxigraph:
    rdflib's SPARQL engine took about 50 s on the seeds)."""
    raws = {}
    count = 0
    for sol in load_store(build / "envkg.ttl").query(SPANS):
        name = sol["file"].value
        if name not in raws:
            raws[name] = read_document(sources / name).raw
        start, end = int(sol["start"].value), int(sol["end"].value)
        span = sol["span"].value
        assert raws[name][start:end] == sol["exact"].value, f"{span}: quote differs from the source"
        assert span.endswith(f"#char={start},{end}")
        count += 1
    return count


def test_every_span_quotes_its_source_exactly(seed_build):
    assert check_every_span(seed_build, SOURCES) > 1000


def test_spans_hold_for_gb18030_with_crlf(tmp_path):
    """The same seed re-encoded as GB18030 with CRLF line ends: offsets still match the raw text."""
    src = tmp_path / "sources"
    src.mkdir()
    raw = (SOURCES / "001_87a84a70e823dd24.txt").read_bytes().decode("utf-8-sig")
    (src / "anhui.txt").write_bytes(raw.replace("\n", "\r\n").encode("gb18030"))
    out = tmp_path / "build"
    build_corpus(src, out)
    assert check_every_span(out, src) > 200
    graph = load_ttl(out)
    doc = URIRef("https://w3id.org/envkg/id/doc/anhui")
    assert str(graph.value(doc, ENVKG.encoding)) == "gb18030"
    # Without metadata.csv the title and plan year come from the text.
    assert "2024年安徽省生态环境工作要点" in {str(t) for t in graph.objects(doc, URIRef("http://purl.org/dc/terms/title"))}
    assert int(graph.value(doc, ENVKG.planYear)) == 2024


def test_documents_follow_the_contract(seed_graph):
    rows = list(seed_graph.query(sparql_prologue() + """
        SELECT ?doc ?file ?sha ?title ?year ?region WHERE {
          ?doc a envkg:PolicyDocument ; envkg:sourceFile ?file ; envkg:sha256 ?sha ; dcterms:title ?title .
          OPTIONAL { ?doc envkg:planYear ?year } OPTIONAL { ?doc envkg:region ?region }
        }"""))
    files = {str(r.file) for r in rows}
    assert files == {p.name for p in SOURCES.glob("*.txt")}
    for r in rows:
        assert len(str(r.sha)) == 64 and "/" not in str(r.file)
        assert r.region is not None, f"{r.file} has no region"
    years = {str(r.file)[:3]: r.year for r in rows}
    assert int(years["000"]) == 2024 and years["004"] is None  # not stated: not invented


def test_document_classes_and_dates(seed_graph):
    q = sparql_prologue() + "SELECT ?f ?issued WHERE { ?d envkg:sourceFile ?f ; a envkg:RectificationPlan ; dcterms:issued ?issued }"
    rows = list(seed_graph.query(q))
    assert [(str(r.f)[:3], str(r.issued)) for r in rows] == [("003", "2020-03-03")]


def test_every_section_measure_and_target_has_one_span(seed_graph):
    q = sparql_prologue() + """
    SELECT ?n (COUNT(?s) AS ?c) WHERE {
      VALUES ?cls { envkg:Section envkg:Measure envkg:Target }
      ?n a ?cls . OPTIONAL { ?n prov:wasDerivedFrom ?s }
    } GROUP BY ?n HAVING (COUNT(?s) != 1)"""
    assert list(seed_graph.query(q)) == []


def test_no_boilerplate_in_measure_text(seed_graph):
    texts = [str(o) for o in seed_graph.objects(None, ENVKG.text)]
    assert len(texts) > 500
    for phrase in ("点击:419", "下一篇", "上一篇", "版权与免责声明", "展开全部", "热门评论", "特别声明",
                   "北极星学社APP", "优知文库", "将全文内容保存为word文档", "\n2、", "\n3、"):
        assert not any(phrase in t for t in texts), phrase


def test_rebuild_is_byte_identical(seed_build, tmp_path):
    build_corpus(SOURCES, tmp_path)
    for name in ("envkg.ttl", "envkg.trig"):
        assert (tmp_path / name).read_bytes() == (seed_build / name).read_bytes(), name


def test_named_graph_per_document(seed_build):
    ds = Dataset()
    ds.parse(seed_build / "envkg.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    base = "https://w3id.org/envkg/id/graph/"
    assert {f"{base}doc/{p.stem}" for p in SOURCES.glob("*.txt")} <= names
    assert f"{base}vocab" in names


def test_a_sixth_document_changes_no_iri_of_the_first_five(seed_build, sources_copy, tmp_path):
    extra = (SOURCES / "000_efe0e8abda1b3d2c.txt").read_text(encoding="utf-8").replace("广州", "深圳")
    (sources_copy / "005_sixth.txt").write_text(extra, encoding="utf-8")
    build_corpus(sources_copy, tmp_path)
    before, after = Dataset(), Dataset()
    before.parse(seed_build / "envkg.trig", format="trig")
    after.parse(tmp_path / "envkg.trig", format="trig")
    for p in SOURCES.glob("*.txt"):
        gid = URIRef(f"https://w3id.org/envkg/id/graph/doc/{p.stem}")
        old, new = set(before.graph(gid)), set(after.graph(gid))
        assert old == new, f"{p.stem}: graph changed when a document was added"


def test_nothing_half_written_on_bad_input(tmp_path):
    from envkg.errors import InputError

    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("一、目标\n空气质量持续改善。\n", encoding="utf-8")
    (src / "bad.txt").write_bytes(b"")
    out = tmp_path / "out"
    with pytest.raises(InputError, match="bad.txt: empty file"):
        build_corpus(src, out)
    assert not out.exists() or not any(out.iterdir())


def test_cli_build_summary(tmp_path):
    from click.testing import CliRunner

    from envkg.cli import main

    src = tmp_path / "src"
    shutil.copytree(SOURCES, src)
    result = CliRunner().invoke(main, ["build", "--sources", str(src), "--out", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert "built 5 documents" in result.output and "triples" in result.output


def test_a_reference_to_a_corpus_document_links_to_it(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("2024年某市生态环境工作要点\n一、目标\n空气质量持续改善。\n", encoding="utf-8")
    # Traditional spelling of the same title: keys are taken from the folded text.
    (src / "b.txt").write_text("2025年某市生态环境工作要点\n一、目标\n落实《2024年某市生態環境工作要點》各项任务。\n",
                               encoding="utf-8")
    build_corpus(src, tmp_path / "out")
    graph = load_ttl(tmp_path / "out")
    refs = set(graph.objects(URIRef("https://w3id.org/envkg/id/doc/b"), URIRef("http://purl.org/dc/terms/references")))
    assert refs == {URIRef("https://w3id.org/envkg/id/doc/a")}
