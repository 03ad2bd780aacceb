"""Every shape has a case that conforms and one that does not (tests/cases/shapes/).

Each case file is a Turtle body read with the prefixes of ``base.ttl`` and merged with it;
its ``# expect:`` lines say exactly which results the merge adds to base's own results
(``none``, or ``SEVERITY SHAPE PATH|- [message fragment]``).  Unexpected results fail too,
so a loosened shape fails its bad case and a tightened one fails the conforming cases.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from envkg.namespaces import SH
from envkg.validate import load_shapes, validate

CASES = Path(__file__).parent / "cases" / "shapes"
BASE = CASES / "base.ttl"
SHAPES_NS = "https://w3id.org/envkg/shapes#"
CURIES = {
    "envkg": "https://w3id.org/envkg/ontology#",
    "dcterms": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
CASE_FILES = sorted(p for p in CASES.glob("*.ttl") if p.name != "base.ttl")


def _prefixes() -> str:
    return "".join(line + "\n" for line in BASE.read_text(encoding="utf-8").splitlines() if line.startswith("@prefix"))


def case_graph(path: Path) -> Graph:
    g = Graph().parse(BASE)
    g.parse(data=_prefixes() + path.read_text(encoding="utf-8"), format="turtle")
    return g


def expectations(path: Path) -> list[tuple[str, str, str | None, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"# expect: (.*)$", line)
        if not m or m.group(1).strip() == "none":
            continue
        severity, shape, path_curie, *fragment = m.group(1).split()
        if path_curie == "-":
            full_path = None
        else:
            prefix, local = path_curie.split(":", 1)
            full_path = CURIES[prefix] + local
        out.append((severity, SHAPES_NS + shape, full_path, " ".join(fragment)))
    return out


def _key(r):
    return (r.severity, r.shape, r.focus, r.path, r.message, r.value)


@functools.cache
def base_results() -> frozenset:
    return frozenset(_key(r) for r in validate(Graph().parse(BASE)).results)


def added_results(path: Path):
    report = validate(case_graph(path))
    return [r for r in report.results if _key(r) not in base_results()]


def test_base_has_only_the_negative_pm25_warning():
    report = validate(Graph().parse(BASE))
    assert [(r.severity, r.shape.rsplit("#")[-1], r.value) for r in report.results] == [
        ("Warning", "TargetPlausibilityShape", "-25.0")
    ]
    assert report.results[0].quote == "细颗粒物(PM2.5)年均浓度控制在-25微克/立方米以下"


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case(path: Path):
    expected = expectations(path)
    added = added_results(path)
    described = "\n".join(f"  {r.severity} {r.shape} {r.path} {r.message!r} focus={r.focus}" for r in added)
    for severity, shape, result_path, fragment in expected:
        assert any(
            r.severity == severity and r.shape == shape and r.path == result_path and fragment in r.message
            for r in added
        ), f"expected {severity} {shape} {result_path} {fragment!r}; got:\n{described or '  nothing'}"
    for r in added:
        assert any(
            r.severity == s and r.shape == sh and r.path == p and f in r.message for s, sh, p, f in expected
        ), f"unexpected result:\n  {r.severity} {r.shape} {r.path} {r.message!r} focus={r.focus}"


def _named_shapes() -> list[URIRef]:
    shapes = load_shapes()
    return sorted(s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))


def test_every_shape_has_a_failing_case():
    failing = {shape for p in CASE_FILES for _, shape, _, _ in expectations(p)}
    missing = [str(s) for s in _named_shapes() if str(s) not in failing]
    assert not missing, f"shapes without a case that fails them: {missing}"


def test_every_shape_has_focus_nodes_in_a_conforming_case():
    """Each shape's targets occur in some case that expects no result at all."""
    shapes = load_shapes()
    ok_graphs = [case_graph(p) for p in CASE_FILES if not expectations(p)]
    assert ok_graphs
    for shape in _named_shapes():
        classes = list(shapes.objects(shape, SH.targetClass))
        props = list(shapes.objects(shape, SH.targetSubjectsOf))
        if not classes and not props:
            continue  # reached only through sh:node from another shape
        hit = any(
            any(True for c in classes for _ in g.subjects(RDF.type, c))
            or any(True for p in props for _ in g.subjects(p, None))
            for g in ok_graphs
        )
        assert hit, f"no conforming case has a focus node for {shape}"
