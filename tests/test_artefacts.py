"""Check our own artefacts: ontology, shapes, vocabularies and queries agree with each other.

Every envkg: term used in shapes/, queries/ and data/vocab/ is declared in the ontology with
@zh and @en labels and an @en definition; the shapes parse and target classes that exist;
every vocabulary concept has exactly one @zh and one @en preferred label.  All files are
read through envkg.resources, as an installed wheel reads them.
"""

from __future__ import annotations

import functools
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from envkg import resources
from envkg.namespaces import ENVKG, OA, ORG, SH
from envkg.reason import load_ontology
from envkg.validate import load_shapes

E = str(ENVKG)
TERM_RE = re.compile(r"(?:\benvkg:|<https://w3id\.org/envkg/ontology#)([A-Za-z_][A-Za-z0-9_-]*)")
DECLARED_KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual}
# classes from other vocabularies that shapes may target
EXTERNAL_CLASSES = {SKOS.Concept, OA.Annotation, OA.SpecificResource, ORG.Organization}


def _terms_in_graph(g: Graph) -> set[str]:
    out = set()
    for triple in g:
        for node in triple:
            if isinstance(node, URIRef) and str(node).startswith(E):
                out.add(str(node)[len(E):])
            elif isinstance(node, Literal):  # SPARQL text inside shapes
                out.update(TERM_RE.findall(str(node)))
    return out


@functools.cache
def _vocab_graph(name: str) -> Graph:
    return Graph().parse(data=resources.vocab_text(name), format="turtle")


@functools.cache
def _used_terms() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for name in resources.shapes_files():
        g = Graph().parse(data=resources.shapes_text(name), format="turtle")
        used[f"shapes/{name}"] = _terms_in_graph(g)
    for name in resources.vocab_files():
        used[f"data/vocab/{name}"] = _terms_in_graph(_vocab_graph(name))
    try:
        query_names = resources.query_files()
    except FileNotFoundError:
        query_names = []
    for name in query_names:
        text = re.sub(r"(?m)^\s*#.*$", "", resources.query_text(name))
        used[f"queries/{name}"] = set(TERM_RE.findall(text))
    return used


def _declared() -> set[str]:
    onto = load_ontology()
    return {
        str(s)[len(E):]
        for kind in DECLARED_KINDS
        for s in onto.subjects(RDF.type, kind)
        if str(s).startswith(E)
    }


def test_ontology_parses_and_is_an_owl_ontology():
    onto = load_ontology()
    assert (URIRef("https://w3id.org/envkg/ontology"), RDF.type, OWL.Ontology) in onto
    assert len(_declared()) > 70


def _missing_label(term: URIRef) -> list[str]:
    onto = load_ontology()
    problems = []
    labels = {lbl.language for lbl in onto.objects(term, RDFS.label) if isinstance(lbl, Literal)}
    for lang in ("zh", "en"):
        if lang not in labels:
            problems.append(f"rdfs:label @{lang}")
    definitions = [
        d for p in (SKOS.definition, RDFS.comment) for d in onto.objects(term, p)
        if isinstance(d, Literal) and d.language == "en"
    ]
    if not definitions:
        problems.append("skos:definition/rdfs:comment @en")
    return problems


def test_every_ontology_term_has_zh_en_labels_and_a_definition():
    onto = load_ontology()
    terms = sorted({s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(E)})
    problems = {str(t): p for t in terms if (p := _missing_label(t))}
    assert not problems, problems


@pytest.mark.parametrize("source", sorted(_used_terms()))
def test_every_envkg_term_used_is_declared(source):
    missing = sorted(_used_terms()[source] - _declared())
    assert not missing, f"{source} uses envkg terms the ontology does not declare: {missing}"


def test_contract_terms_of_the_ontology():
    onto = load_ontology()
    assert (ENVKG.within, RDF.type, OWL.TransitiveProperty) in onto
    assert (ENVKG.contains, OWL.inverseOf, ENVKG.within) in onto
    assert (ENVKG.hasTarget, OWL.inverseOf, ENVKG.statedIn) in onto
    members = set()
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members |= set(onto.items(onto.value(node, OWL.members)))
    assert members == {ENVKG.Programme, ENVKG.Region, ENVKG.WaterBody, ORG.Organization, ENVKG.PolicyDocument}
    for individual, cls in [
        (ENVKG.atMost, ENVKG.Comparator), (ENVKG.greaterThan, ENVKG.Comparator),
        (ENVKG.LevelTarget, ENVKG.TargetKind), (ENVKG.CountyLevel, ENVKG.AdminLevel),
        (ENVKG.LowerIsBetter, ENVKG.Direction),
    ]:
        assert (individual, RDF.type, cls) in onto


def test_shapes_files_are_the_modules_and_parse():
    assert resources.shapes_files() == [
        "documents.ttl", "measures.ttl", "provenance.ttl", "regions.ttl", "targets.ttl", "vocabulary.ttl",
    ]
    shapes = load_shapes()
    assert len(list(shapes.subjects(RDF.type, SH.NodeShape))) >= 15
    assert not list(shapes.subjects(SH.closed, None)), "shapes stay open"


def test_shapes_target_classes_that_exist():
    onto = load_ontology()
    classes = set(onto.subjects(RDF.type, OWL.Class)) | EXTERNAL_CLASSES
    targeted = set(load_shapes().objects(None, SH.targetClass))
    assert targeted, "no sh:targetClass at all"
    assert not targeted - classes, f"shapes target undeclared classes: {targeted - classes}"
    for prop in load_shapes().objects(None, SH.targetSubjectsOf):
        assert (prop, RDF.type, None) in onto or not str(prop).startswith(E), prop


def test_sparql_in_shapes_uses_declared_prefixes():
    """Each SPARQL constraint names its prefixes node, and the prefixes it uses are declared."""
    shapes = load_shapes()
    for constraint in shapes.subjects(SH.select, None):
        text = str(shapes.value(constraint, SH.select))
        decl = shapes.value(constraint, SH.prefixes)
        assert decl is not None, text[:80]
        declared = {str(p) for d in shapes.objects(decl, SH.declare) for p in shapes.objects(d, SH.prefix)}
        used = set(re.findall(r"\b([a-z]+):[A-Za-z]", re.sub(r"<[^>]*>|\"[^\"]*\"", "", text)))
        assert used <= declared, (used - declared, text[:80])


@pytest.mark.parametrize("name", resources.vocab_files())
def test_vocabulary_concepts_have_one_zh_and_one_en_label(name):
    g = _vocab_graph(name)
    problems = []
    for concept in sorted(set(g.subjects(RDF.type, SKOS.Concept))):
        langs = [lbl.language for lbl in g.objects(concept, SKOS.prefLabel)]
        if langs.count("zh") != 1 or langs.count("en") != 1:
            problems.append(f"{concept}: prefLabel languages {sorted(map(str, langs))}")
    assert not problems, problems[:20]


def test_concepts_named_in_shapes_exist_in_the_vocabularies():
    """A shape that names a concept (the PM2.5 warning) names one a vocabulary defines."""
    named = set()
    shapes = load_shapes()
    for text in shapes.objects(None, SH.select):
        named.update(re.findall(r"<(https://w3id\.org/envkg/id/[^>]+)>", str(text)))
    assert named
    defined = {str(s) for name in resources.vocab_files() for s in _vocab_graph(name).subjects(RDF.type, SKOS.Concept)}
    assert named <= defined, named - defined


def test_regions_have_one_direct_parent_with_their_code_prefix():
    """GB/T 2260: a county sits in one prefecture (or province), a prefecture in one province."""
    if "regions.ttl" not in resources.vocab_files():
        pytest.skip("no data/vocab/regions.ttl yet")
    g = _vocab_graph("regions.ttl")
    problems = []
    for region in g.subjects(RDF.type, ENVKG.Region):
        parents = list(g.objects(region, ENVKG.within))
        code = str(g.value(region, ENVKG.regionCode))
        if len(parents) > 1:
            problems.append(f"{code}: {len(parents)} parents")
        for parent in parents:
            parent_code = str(g.value(parent, ENVKG.regionCode))
            if code[:2] != parent_code[:2]:
                problems.append(f"{code} within {parent_code}")
    assert not problems, problems[:20]
