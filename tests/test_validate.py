"""envkg.validate and `envkg validate` on small built datasets (TriG, one graph per document)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from envkg.cli import main
from envkg.errors import InputError
from envkg.namespaces import ENVKG, ID, VOCAB_GRAPH, graph_iri
from envkg.validate import validate

CASES = Path(__file__).parent / "cases" / "shapes"
TARGET = ID["doc/gz/target/123-152"]
MEASURE = ID["doc/gz/measure/2.1"]
QUOTE = "细颗粒物(PM2.5)年均浓度控制在-25微克/立方米以下"


def _is_doc_node(node, stem: str) -> bool:
    s = str(node)
    return s.startswith(str(ID[f"doc/{stem}"])) or s.startswith(str(ID[f"selector/{stem}/"])) or "/build/" in s


def built_dataset(graph: Graph | None = None) -> Dataset:
    """base.ttl laid out as the build lays it out: document graph + vocabulary graph."""
    graph = graph if graph is not None else Graph().parse(CASES / "base.ttl")
    ds = Dataset()
    doc = ds.graph(graph_iri("gz"))
    vocab = ds.graph(VOCAB_GRAPH)
    for s, p, o in graph:
        (doc if _is_doc_node(s, "gz") else vocab).add((s, p, o))
    return ds


def write_trig(tmp_path: Path, ds: Dataset, name: str = "envkg.trig") -> Path:
    path = tmp_path / name
    ds.serialize(path, format="trig")
    return path


def run_cli(*args: str):
    return CliRunner().invoke(main, ["validate", *args])


def test_seedlike_dataset_conforms_with_the_negative_pm25_warning_and_its_quote(tmp_path):
    path = write_trig(tmp_path, built_dataset())
    report = validate(path)
    assert report.conforms
    assert report.graphs == 1
    (warning,) = report.warnings
    assert warning.focus == str(TARGET)
    assert warning.value == "-25.0"
    assert warning.quote == QUOTE
    assert warning.graph == str(graph_iri("gz"))
    assert not validate(path, fail_on="warning").conforms


def test_cli_exit_codes_follow_fail_on(tmp_path):
    path = write_trig(tmp_path, built_dataset())
    ok = run_cli(str(path))
    assert ok.exit_code == 0, ok.output
    assert QUOTE in ok.output
    assert "id:doc/gz/target/123-152" in ok.output
    strict = run_cli(str(path), "--fail-on", "warning")
    assert strict.exit_code == 1
    assert QUOTE in strict.output


def test_target_with_string_value_fails_naming_the_node(tmp_path):
    g = Graph().parse(CASES / "base.ttl")
    g.set((TARGET, ENVKG.value, Literal("-25")))
    result = run_cli(str(write_trig(tmp_path, built_dataset(g))))
    assert result.exit_code == 1, result.output
    assert "VIOLATION  shape:TargetShape" in result.output
    assert "id:doc/gz/target/123-152  envkg:value" in result.output
    assert "xsd:decimal" in result.output


def test_measure_without_span_fails_naming_the_node(tmp_path):
    g = Graph().parse(CASES / "base.ttl")
    g.remove((MEASURE, PROV.wasDerivedFrom, None))
    result = run_cli(str(write_trig(tmp_path, built_dataset(g))), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["conforms"] is False
    assert any(
        r["focus"] == str(MEASURE) and r["severity"] == "Violation" and r["path"] == str(PROV.wasDerivedFrom)
        for r in data["results"]
    )


def test_turtle_report_is_a_shacl_report_with_quotes(tmp_path):
    result = run_cli(str(write_trig(tmp_path, built_dataset())), "--format", "turtle")
    assert result.exit_code == 0
    g = Graph().parse(data=result.output, format="turtle")
    sh = "http://www.w3.org/ns/shacl#"
    assert (None, RDF.type, URIRef(sh + "ValidationReport")) in g
    assert (None, ENVKG.quote, Literal(QUOTE)) in g
    assert (None, URIRef(sh + "focusNode"), TARGET) in g


def test_missing_and_unreadable_files_exit_2_with_one_line(tmp_path):
    missing = run_cli(str(tmp_path / "nope.trig"))
    assert missing.exit_code == 2
    assert "nope.trig" in missing.output and len(missing.output.strip().splitlines()) == 1
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is <not turtle", encoding="utf-8")
    unreadable = run_cli(str(bad))
    assert unreadable.exit_code == 2
    assert "bad.ttl" in unreadable.output and len(unreadable.output.strip().splitlines()) == 1
    odd = tmp_path / "graph.xyz"
    odd.write_text("", encoding="utf-8")
    assert run_cli(str(odd)).exit_code == 2


def test_a_bug_in_the_reader_is_not_reported_as_an_unreadable_file(tmp_path, monkeypatch):
    import pyoxigraph

    from envkg.validate import read_parts

    path = write_trig(tmp_path, built_dataset())
    bad_json = tmp_path / "bad.jsonld"
    bad_json.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonld"):
        read_parts(bad_json)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(pyoxigraph, "parse", broken)
    with pytest.raises(RuntimeError, match="a bug"):
        read_parts(path)


def test_report_formats_render(tmp_path):
    report = validate(CASES / "base.ttl")
    assert report.render("text") == report.text()
    assert json.loads(report.render("json"))["conforms"] is True
    with pytest.raises(InputError, match="yaml"):
        report.render("yaml")


def test_default_graph_is_build_envkg_trig(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli()
    assert result.exit_code == 2
    assert "build/envkg.trig" in result.output
    (tmp_path / "build").mkdir()
    write_trig(tmp_path / "build", built_dataset())
    assert run_cli().exit_code == 0


def test_plain_turtle_is_validated_whole(tmp_path):
    report = validate(CASES / "base.ttl")
    assert report.conforms and len(report.warnings) == 1


def test_vocabulary_problem_is_reported_once_for_many_documents():
    g = Graph().parse(CASES / "base.ttl")
    g.remove((ID["theme/air"], None, Literal("Air", lang="en")))
    ds = built_dataset(g)
    # a second document graph using the same vocabulary graph
    second = ds.graph(graph_iri("gz2"))
    second.add((ID["doc/gz2"], RDF.type, ENVKG.PolicyDocument))
    second.add((ID["doc/gz2"], URIRef("http://purl.org/dc/terms/title"), Literal("另一份文件", lang="zh")))
    report = validate(ds)
    assert report.graphs == 2
    missing_en = [r for r in report.violations if r.focus == str(ID["theme/air"])]
    assert len(missing_en) == 1, missing_en


def test_document_graph_checked_against_the_vocabulary_graph():
    """A region used by a document but absent from the vocabulary graph is a violation."""
    g = Graph().parse(CASES / "base.ttl")
    g.remove((ID["region/440115"], None, None))
    report = validate(built_dataset(g))
    assert not report.conforms
    assert {r.focus for r in report.violations} >= {str(MEASURE), str(TARGET)}


def test_inferred_graph_is_not_validated():
    ds = built_dataset()
    ds.graph(ID["graph/inferred"]).add((MEASURE, ENVKG.value, Literal("not a number")))
    assert validate(ds).conforms


def test_fail_on_must_be_known():
    with pytest.raises(InputError):
        validate(CASES / "base.ttl", fail_on="info")


def test_text_report_groups_by_severity_and_shape():
    g = Graph().parse(CASES / "base.ttl")
    g.set((TARGET, ENVKG.targetYear, Literal("2024")))
    text = validate(g).text()
    lines = text.splitlines()
    assert lines[0].startswith("VIOLATION  shape:TargetShape")
    assert any(line.startswith("WARNING  shape:TargetPlausibilityShape") for line in lines)
    assert lines[-1].startswith("1 violations, 1 warnings")


def test_help_ends_with_an_example():
    result = run_cli("--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "envkg validate" in result.output.split("Example:")[1]


def test_parallel_jobs_give_the_same_report():
    g = Graph().parse(CASES / "base.ttl")
    g.set((TARGET, ENVKG.value, Literal("-25")))
    ds = built_dataset(g)
    second = ds.graph(graph_iri("gz2"))
    second.add((ID["doc/gz2"], RDF.type, ENVKG.PolicyDocument))
    sequential = validate(ds, jobs=1)
    parallel = validate(ds, jobs=2)
    assert parallel.results == sequential.results
    assert len(sequential.violations) >= 2  # the string value, and gz2 without a title


def test_document_level_check_reports_a_part_of_the_document_graph():
    """DocumentPartsShape's focus is the document (here a reference in the vocabulary graph);
    its value, the measure, is in the document graph: the result is kept, with its quote."""
    g = Graph().parse(CASES / "base.ttl")
    g.set((MEASURE, URIRef("http://purl.org/dc/terms/isPartOf"), ID["ref/0123456789abcdef"]))
    report = validate(built_dataset(g))
    parts = [r for r in report.violations if r.shape.endswith("#DocumentPartsShape")]
    assert [r.value for r in parts] == [str(MEASURE)]
    assert parts[0].quote.startswith("南沙区细颗粒物")


def test_union_file_with_inferred_triples_validates_like_the_trig(tmp_path):
    """build/envkg.ttl is the union of all graphs, the inferred closure included."""
    from envkg.reason import infer

    ds = built_dataset()
    inferred = infer(ds)
    for t in inferred:
        ds.graph(ID["graph/inferred"]).add(t)
    union = Graph()
    for g in ds.graphs():
        for t in g:
            union.add(t)
    path = tmp_path / "envkg.ttl"
    union.serialize(path, format="turtle")
    by_graph = validate(write_trig(tmp_path, ds))
    whole = validate(path)
    key = [(r.severity, r.shape, r.focus, r.message) for r in by_graph.results]
    assert [(r.severity, r.shape, r.focus, r.message) for r in whole.results] == key
    assert whole.conforms and len(whole.warnings) == 1
