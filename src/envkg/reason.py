"""Targeted rules for the inferred graph (``id:graph/inferred``), and OWL RL for comparison.

A full OWL RL closure is slow (12–15 s on 13 k triples) and adds types from domains and
ranges that would break the disjoint entity kinds (DESIGN.md §3.2, §4).  ``infer`` applies
only the rules queries need, in plain Python over rdflib, linear in the input:

1. ``envkg:within`` transitive closure (direct parents from asserted ``within`` and from
   asserted ``contains``, the declared inverse);
2. ``envkg:contains`` for every ``within`` pair (the declared inverse);
3. ``envkg:inRegion`` for documents, measures and targets: the regions they name
   (``envkg:region``, a sub-property of ``inRegion``), or else their document's region,
   plus every region containing those;
4. every other ``owl:inverseOf`` pair the ontology declares (``envkg:hasTarget`` ↔
   ``envkg:statedIn``), both directions.

``infer`` returns the new triples only (nothing already asserted), deterministically.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import DCTERMS, OWL, RDF

from envkg import resources
from envkg.namespaces import ENVKG, INFERRED_GRAPH, bind_prefixes

WITHIN = ENVKG.within
CONTAINS = ENVKG.contains
REGION = ENVKG.region
IN_REGION = ENVKG.inRegion


@functools.cache
def load_ontology() -> Graph:
    """The envkg ontology (ontology/envkg.ttl), parsed once per process."""
    return Graph().parse(data=resources.ontology_text(), format="turtle")


def declared_inverses() -> list[tuple[URIRef, URIRef]]:
    """(p, q) for each ``p owl:inverseOf q`` in the ontology, sorted."""
    onto = load_ontology()
    return sorted((p, q) for p, q in onto.subject_objects(OWL.inverseOf) if isinstance(p, URIRef))


def asserted_graph(data: Graph) -> Graph:
    """The asserted triples: for a dataset, the union of its graphs minus any inferred graph."""
    if isinstance(data, ConjunctiveGraph):
        union = Graph()
        for g in _asserted_graphs(data):
            for t in g:
                union.add(t)
        return union
    return data


def _asserted_graphs(data: Graph) -> list[Graph]:
    if isinstance(data, ConjunctiveGraph):
        contexts = data.graphs() if isinstance(data, Dataset) else data.contexts()
        return [g for g in contexts if g.identifier != INFERRED_GRAPH]
    return [data]


def _rule_input(data: Graph) -> Graph:
    """Only the triples the rules read (and may re-derive), copied from every asserted graph:
    a few thousand of a document collection's triples instead of all of them."""
    predicates = {WITHIN, CONTAINS, REGION, IN_REGION, ENVKG.statedIn, DCTERMS.isPartOf, ENVKG.inSection}
    for p, q in declared_inverses():
        predicates.update((p, q))
    types = {ENVKG.PolicyDocument, ENVKG.Measure, ENVKG.Target}
    out = Graph()
    for g in _asserted_graphs(data):
        for p in predicates:
            for t in g.triples((None, p, None)):
                out.add(t)
        for cls in types:
            for t in g.triples((None, RDF.type, cls)):
                out.add(t)
    return out


def _ancestors(parents: dict, node) -> list:
    """All regions above ``node`` (cycle-safe), in a stable order."""
    out: list = []
    seen = {node}
    stack = sorted(parents.get(node, ()), reverse=True)
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        out.append(p)
        stack.extend(sorted(parents.get(p, ()), reverse=True))
    return out


def _triples(data: Graph) -> Iterable[tuple]:
    # 1 + 2: containment closure and its inverse.
    parents: dict = defaultdict(set)
    for child, parent in data.subject_objects(WITHIN):
        parents[child].add(parent)
    for parent, child in data.subject_objects(CONTAINS):
        parents[child].add(parent)
    ancestors = {node: _ancestors(parents, node) for node in list(parents)}
    for node, above in ancestors.items():
        for a in above:
            yield (node, WITHIN, a)
            yield (a, CONTAINS, node)

    # 3: inRegion for documents, measures and targets.
    def closure(regions: Iterable) -> set:
        out = set()
        for r in regions:
            out.add(r)
            out.update(ancestors.get(r, ()))
        return out

    doc_regions = {d: set(data.objects(d, REGION)) for d in data.subjects(RDF.type, ENVKG.PolicyDocument)}
    for doc, regions in doc_regions.items():
        for r in closure(regions):
            yield (doc, IN_REGION, r)

    def document_of(node):
        for prop in (ENVKG.statedIn, DCTERMS.isPartOf):
            for d in data.objects(node, prop):
                if d in doc_regions:
                    return d
        for section in data.objects(node, ENVKG.inSection):
            for d in data.objects(section, DCTERMS.isPartOf):
                if d in doc_regions:
                    return d
        return None

    for cls in (ENVKG.Measure, ENVKG.Target):
        for node in data.subjects(RDF.type, cls):
            named = set(data.objects(node, REGION))
            if not named:
                doc = document_of(node)
                named = doc_regions.get(doc, set()) if doc is not None else set()
            for r in closure(named):
                yield (node, IN_REGION, r)

    # 4: the other declared inverses.
    for p, q in declared_inverses():
        if {p, q} == {WITHIN, CONTAINS}:
            continue
        for s, o in data.subject_objects(p):
            if isinstance(o, URIRef):
                yield (o, q, s)
        for s, o in data.subject_objects(q):
            if isinstance(o, URIRef):
                yield (o, p, s)


def infer(data: Graph) -> Graph:
    """New triples from the targeted rules (for ``id:graph/inferred``); none already asserted.

    ``data`` is a graph or a dataset (its inferred graph, if any, is ignored).
    """
    asserted = _rule_input(data)
    out = bind_prefixes(Graph(identifier=INFERRED_GRAPH))
    for t in _triples(asserted):
        if t not in asserted:
            out.add(t)
    return out


def owl_rl_closure(data: Graph, *, with_ontology: bool = True) -> Graph:
    """The full OWL RL closure by owlrl, for comparison: returns the triples it adds.

    Never used by the build: it is slow and materialises domain and range types.
    """
    import owlrl

    work = Graph()
    for t in asserted_graph(data):
        work.add(t)
    if with_ontology:
        for t in load_ontology():
            work.add(t)
    before = set(work)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(work)
    out = bind_prefixes(Graph())
    for t in work:
        if t not in before:
            out.add(t)
    return out
