"""Artefact checks on the programme vocabulary, kept in data/vocab/programmes*.ttl."""

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from envkg.textnorm import fold

VOCAB = Path(__file__).resolve().parents[1] / "data" / "vocab"
ENVKG = Namespace("https://w3id.org/envkg/ontology#")
FILES = sorted(VOCAB.glob("programmes*.ttl"))


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    return {f.name: Graph().parse(f, format="turtle") for f in FILES}


@pytest.fixture(scope="module")
def merged(graphs) -> Graph:
    g = Graph()
    for part in graphs.values():
        g += part
    return g


def programmes(g: Graph) -> set:
    return set(g.subjects(RDF.type, ENVKG.Programme))


# Issue 12 asks for at least 800 concepts; this session reached the count below (the rest of
# the field checklist is open work). The floor keeps what was curated from being lost.
CURATED_FLOOR = 390


def test_programme_count_does_not_fall(merged):
    assert len(programmes(merged)) >= CURATED_FLOOR


def test_labels_definition_field(merged):
    fields = set(merged.subjects(RDF.type, ENVKG.ProgrammeField))
    bad = []
    for c in programmes(merged):
        prefs = [o.language for o in merged.objects(c, SKOS.prefLabel)]
        defs = [o for o in merged.objects(c, SKOS.definition) if o.language == "en"]
        field = list(merged.objects(c, ENVKG.field))
        if sorted(prefs) != ["en", "zh"] or not defs or len(field) != 1 or field[0] not in fields:
            bad.append(str(c))
    assert not bad, bad[:20]


def test_no_zh_label_shared(merged):
    owners: dict[str, set] = {}
    for c in programmes(merged):
        for p in (SKOS.prefLabel, SKOS.altLabel):
            for o in merged.objects(c, p):
                if o.language == "zh":
                    owners.setdefault(fold(str(o)), set()).add(c)
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert not shared, list(shared.items())[:20]


def test_broader_targets_declared(merged):
    declared = programmes(merged)
    missing = {o for c in declared for o in merged.objects(c, SKOS.broader) if o not in declared}
    assert not missing, missing


def test_no_concept_in_two_files(graphs):
    seen = Counter(c for g in graphs.values() for c in programmes(g))
    twice = [c for c, n in seen.items() if n > 1]
    assert not twice, twice


def test_field_scheme_declared(merged):
    scheme = URIRef("https://w3id.org/envkg/id/scheme/programme-fields")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in merged
    assert len(set(merged.subjects(SKOS.topConceptOf, scheme))) == 16
