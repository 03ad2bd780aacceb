"""Every export format round-trips to a graph isomorphic to its input (per named graph for
quad formats); output is deterministic, written atomically, with a VoID/DCAT description."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from envkg.cli import main
from envkg.export import FORMATS, context_text, export, shipped_context
from envkg.namespaces import DCAT, DCTERMS, ID, VOID, XSD
from envkg.store import load_store

FIXTURE = Path(__file__).parent / "fixtures" / "mini.trig"
RDFLIB_FORMAT = {"turtle": "turtle", "nt": "nt", "trig": "trig", "nquads": "nquads", "json-ld": "json-ld"}
SUFFIX = {fmt: suffix for fmt, (suffix, _) in FORMATS.items()}


def named_graphs(path: Path, fmt: str) -> dict[str, rdflib.Graph]:
    ds = rdflib.Dataset()
    ds.parse(str(path), format=fmt)
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


def union(graphs: dict[str, rdflib.Graph]) -> rdflib.Graph:
    g = rdflib.Graph()
    for part in graphs.values():
        for t in part:
            g.add(t)
    return g


@pytest.fixture(scope="module")
def source():
    return named_graphs(FIXTURE, "trig")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_round_trip_is_isomorphic(tmp_path, source, fmt):
    out = tmp_path / f"envkg{SUFFIX[fmt]}"
    export(FIXTURE, fmt, out)
    if fmt in ("turtle", "nt"):
        got = rdflib.Graph()
        got.parse(str(out), format=RDFLIB_FORMAT[fmt])
        expected = union(source)
        assert len(got) == len(expected) == 609
        assert isomorphic(got, expected)
    else:
        got = named_graphs(out, RDFLIB_FORMAT[fmt])
        assert sorted(got) == sorted(source)  # one named graph per document, vocab, inferred
        for name, graph in source.items():
            assert isomorphic(got[name], graph), name
    # and pyoxigraph reads it back too (JSON-LD through the context beside it)
    assert len(load_store(out)) == 609


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_output_is_deterministic_across_processes(tmp_path, fmt):
    texts = []
    for seed in ("1", "2"):
        code = ("import sys; from envkg.export import export; "
                f"sys.stdout.write(export({str(FIXTURE)!r}, {fmt!r}))")
        env = {**os.environ, "PYTHONHASHSEED": seed}
        texts.append(subprocess.run([sys.executable, "-c", code], capture_output=True, env=env,
                                    check=True).stdout)
    assert texts[0] == texts[1]
    assert texts[0]


def test_turtle_is_prefixed_and_readable(tmp_path):
    text = export(FIXTURE, "turtle")
    assert text.startswith("@base <https://w3id.org/envkg/id/> .\n")
    assert "@prefix envkg: <https://w3id.org/envkg/ontology#> ." in text
    assert "<doc/gz2024> a envkg:PolicyDocument, envkg:WorkPlan ;" in text
    assert "envkg:value -25.0 ;" in text  # lexical form kept as written
    assert 'dcterms:issued "2024-05-11"^^xsd:date' in text


def test_jsonld_uses_the_context_file(tmp_path):
    out = tmp_path / "envkg.jsonld"
    written = export(FIXTURE, "json-ld", out)
    assert tmp_path / "context.jsonld" in written
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@context"] == "context.jsonld"
    ctx = json.loads((tmp_path / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert ctx["title"] == {"@id": "dcterms:title"}
    assert ctx["region"] == {"@id": "envkg:region", "@type": "@id"}
    graphs = {g["@id"]: g["@graph"] for g in doc["@graph"]}
    assert set(graphs) >= {"id:graph/doc/gz2024", "id:graph/vocab", "id:graph/inferred"}
    gz = next(n for n in graphs["id:graph/doc/gz2024"] if n["@id"] == "id:doc/gz2024")
    assert gz["region"] == "id:region/440100"
    assert gz["title"] == {"@language": "zh", "@value": "2024年广州市生态环境工作要点"}
    assert gz["planYear"] == "2024"


def test_shipped_context_is_generated_from_code():
    assert shipped_context() == context_text(), "regenerate: python -c 'from envkg.export import ...'"


def test_void_description(tmp_path):
    out = tmp_path / "envkg.trig"
    written = export(FIXTURE, "trig", out, license_iri="https://creativecommons.org/licenses/by/4.0/")
    void_file = tmp_path / "envkg.void.ttl"
    assert void_file in written
    g = rdflib.Graph().parse(str(void_file), format="turtle")
    ds = rdflib.URIRef(ID["dataset/envkg"])
    assert (ds, rdflib.RDF.type, VOID.Dataset) in g and (ds, rdflib.RDF.type, DCAT.Dataset) in g
    assert g.value(ds, VOID.triples).toPython() == 609
    assert g.value(ds, VOID.documents).toPython() == 4
    assert g.value(ds, DCTERMS.issued) == rdflib.Literal("2024-05-14", datatype=XSD.date)  # from the inputs
    assert str(g.value(ds, DCTERMS.license)) == "https://creativecommons.org/licenses/by/4.0/"
    assert {str(t) for t in g.objects(ds, DCTERMS.title)}
    subsets = set(g.objects(ds, VOID.subset))
    assert rdflib.URIRef(ID["graph/doc/gz2024"]) in subsets and len(subsets) == 6
    dist = g.value(ds, DCAT.distribution)
    assert g.value(dist, DCAT.byteSize).toPython() == out.stat().st_size


def test_void_without_licence_says_so(tmp_path):
    export(FIXTURE, "nt", tmp_path / "x.nt")
    g = rdflib.Graph().parse(str(tmp_path / "x.void.ttl"), format="turtle")
    ds = rdflib.URIRef(ID["dataset/envkg"])
    assert g.value(ds, DCTERMS.license) is None
    assert "licence" in str(g.value(ds, DCTERMS.rights))


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path):
    out = tmp_path / "sub" / "envkg.nq"
    export(FIXTURE, "nquads", out)
    export(FIXTURE, "nquads", out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["envkg.nq", "envkg.void.ttl"]
    assert oct(out.stat().st_mode & 0o777) == "0o644"


def test_cli_export(tmp_path):
    runner = CliRunner()
    out = runner.invoke(main, ["export", "--format", "nt", "--graph", str(FIXTURE)])
    assert out.exit_code == 0
    assert len(out.output.splitlines()) == 609
    target = tmp_path / "e.jsonld"
    out = runner.invoke(main, ["export", "--format", "json-ld", "-o", str(target), "--graph", str(FIXTURE)])
    assert out.exit_code == 0
    assert target.exists() and (tmp_path / "context.jsonld").exists() and (tmp_path / "e.void.ttl").exists()
    out = runner.invoke(main, ["export", "--format", "nt", "--graph", str(tmp_path / "missing.trig")])
    assert out.exit_code == 2
