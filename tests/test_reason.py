"""Targeted rules (envkg.reason.infer) for the inferred graph, checked by querying."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.namespace import DCTERMS, RDF

from envkg.namespaces import ENVKG, ID, INFERRED_GRAPH, VOCAB_GRAPH, graph_iri, sparql_prologue
from envkg.reason import declared_inverses, infer, owl_rl_closure

BASE = Path(__file__).parent / "cases" / "shapes" / "base.ttl"
MEASURE = ID["doc/gz/measure/2.1"]
TARGET = ID["doc/gz/target/123-152"]
DOC = ID["doc/gz"]
NANSHA, GUANGZHOU, GUANGDONG = ID["region/440115"], ID["region/440100"], ID["region/440000"]

REGIONS_OF_MEASURE = sparql_prologue() + """
SELECT ?measure ?code WHERE {
    ?measure envkg:inRegion ?r . ?r envkg:regionCode ?code .
} ORDER BY ?code
"""
OX_BIND = {ox.Variable("measure"): ox.NamedNode(str(MEASURE))}


def base() -> Graph:
    return Graph().parse(BASE)


def codes(graph: Graph) -> list[str]:
    return [str(row.code) for row in graph.query(REGIONS_OF_MEASURE, initBindings={"measure": MEASURE})]


def test_measure_in_nansha_is_in_guangzhou_and_guangdong_only_after_reasoning():
    g = base()
    assert codes(g) == []  # envkg:region is asserted, envkg:inRegion is not
    assert (MEASURE, ENVKG.region, NANSHA) in g
    inferred = infer(g)
    assert codes(g + inferred) == ["440000", "440100", "440115"]


def test_queries_over_the_trig_union_see_inferred_facts():
    """As the build stores it: document + vocabulary + inferred graphs, queried as one union."""
    g = base()
    ds = Dataset()
    for s, p, o in g:
        target = graph_iri("gz") if str(s).startswith(str(ID["doc/"])) else VOCAB_GRAPH
        ds.graph(target).add((s, p, o))
    inferred = infer(ds)
    for t in inferred:
        ds.graph(INFERRED_GRAPH).add(t)
    store = ox.Store()
    store.load(ds.serialize(format="trig").encode("utf-8"), ox.RdfFormat.TRIG)
    rows = store.query(REGIONS_OF_MEASURE, use_default_graph_as_union=True, substitutions=OX_BIND)
    assert [row["code"].value for row in rows] == ["440000", "440100", "440115"]
    before = ox.Store()
    before.load(ds.serialize(format="trig").encode("utf-8"), ox.RdfFormat.TRIG)
    before.remove_graph(ox.NamedNode(str(INFERRED_GRAPH)))
    assert list(before.query(REGIONS_OF_MEASURE, use_default_graph_as_union=True, substitutions=OX_BIND)) == []


def test_within_is_closed_transitively_and_contains_is_its_inverse():
    inferred = infer(base())
    assert (NANSHA, ENVKG.within, GUANGDONG) in inferred
    assert (GUANGDONG, ENVKG.contains, NANSHA) in inferred
    assert (GUANGZHOU, ENVKG.contains, NANSHA) in inferred
    assert (GUANGDONG, ENVKG.contains, GUANGZHOU) in inferred


def test_only_new_triples_and_deterministic():
    g = base()
    first = infer(g)
    assert not [t for t in first if t in g]
    assert (NANSHA, ENVKG.within, GUANGZHOU) not in first  # asserted already
    second = infer(base())
    assert sorted(first) == sorted(second)
    assert first.serialize(format="nt") and len(first) == len(second)


def test_declared_inverse_has_target():
    assert (ENVKG.hasTarget, ENVKG.statedIn) in declared_inverses()
    inferred = infer(base())
    assert (DOC, ENVKG.hasTarget, TARGET) in inferred


def test_measure_without_its_own_region_takes_its_documents_region():
    g = base()
    g.remove((MEASURE, ENVKG.region, None))
    inferred = infer(g)
    regions = set(inferred.objects(MEASURE, ENVKG.inRegion))
    assert regions == {GUANGZHOU, GUANGDONG}
    assert set(inferred.objects(DOC, ENVKG.inRegion)) == {GUANGZHOU, GUANGDONG}


def test_measure_found_through_its_section():
    g = base()
    g.remove((MEASURE, ENVKG.region, None))
    g.remove((MEASURE, DCTERMS.isPartOf, None))
    assert set(infer(g).objects(MEASURE, ENVKG.inRegion)) == {GUANGZHOU, GUANGDONG}


def test_region_cycle_does_not_loop():
    g = base()
    g.add((GUANGDONG, ENVKG.within, NANSHA))  # a data error must not hang the build
    inferred = infer(g)
    assert (NANSHA, ENVKG.within, NANSHA) not in inferred


def test_inferred_graph_of_a_dataset_is_ignored_as_input():
    ds = Dataset()
    for t in base():
        ds.graph(graph_iri("gz")).add(t)
    ds.graph(INFERRED_GRAPH).add((MEASURE, ENVKG.region, ID["region/110000"]))
    assert (MEASURE, ENVKG.inRegion, ID["region/110000"]) not in infer(ds)


def test_no_types_are_added():
    """Unlike OWL RL, the rules add no rdf:type (disjoint entity kinds stay intact)."""
    assert not list(infer(base()).triples((None, RDF.type, None)))


def test_owl_rl_agrees_on_containment_and_region_closure():
    g = base()
    targeted = infer(g)
    full = owl_rl_closure(g)
    for t in targeted:
        assert t in full or t in g, t
    assert len(full) > len(targeted)  # and much more: types from domains and ranges
