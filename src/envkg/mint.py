"""Mint stage: extraction results into RDF (the only pipeline stage that imports rdflib).

Graph shape: docs/CONVENTIONS.md, "The graph mint produces". IRIs come from content
(document stem, section path, raw offsets, vocabulary keys), so rebuilding the same input
gives the same triples, and adding a document changes no IRI of another.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal

import pyoxigraph as ox
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from envkg import __version__, resources, vocab
from envkg.model import DocumentResult, Measure, Mention, Span, Target
from envkg.namespaces import (
    ENVKG,
    ID,
    OA,
    ORG,
    UNIT,
    bind_prefixes,
    concept_iri,
    doc_iri,
    measure_iri,
    mention_iri,
    reported_iri,
    section_iri,
    selector_iri,
    short_hash,
    span_iri,
    target_iri,
)

# A URL the metadata gives becomes dcterms:source only when it is a plain absolute IRI.
_SAFE_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
DOC_CLASSES = {
    "work-plan": ENVKG.WorkPlan,
    "rectification-plan": ENVKG.RectificationPlan,
    "action-plan": ENVKG.ActionPlan,
    "report": ENVKG.Report,
    "opinion": ENVKG.Opinion,
}
COMPARATORS = {
    "<=": ENVKG.atMost,
    ">=": ENVKG.atLeast,
    "=": ENVKG.exactly,
    "<": ENVKG.lessThan,
    ">": ENVKG.greaterThan,
}
TARGET_KINDS = {"level": ENVKG.LevelTarget, "change": ENVKG.ChangeTarget, "count": ENVKG.CountTarget}
MENTION_PROPERTY = {
    "programme": ENVKG.programme,
    "region": ENVKG.region,
    "waterbody": ENVKG.waterBody,
    "agency": ENVKG.responsibleAgency,
    "reference": DCTERMS.references,
    "candidate": ENVKG.programmeCandidate,
}
# Vocabulary files copied whole into the vocabulary graph (every file but the regions,
# which go in only as far as used).
PARTIAL_VOCABULARIES = ("regions.ttl",)


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def integer(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def decimal(text: str) -> Literal:
    return Literal(Decimal(text), datatype=XSD.decimal)


class SpanMinter:
    """The one helper that writes a span: SpecificResource + position/quote selector."""

    def __init__(self, graph: Graph, stem: str, raw: str):
        self.graph, self.stem, self.raw = graph, stem, raw

    def __call__(self, span: Span) -> URIRef:
        g = self.graph
        node = span_iri(self.stem, span.start, span.end)
        sel = selector_iri(self.stem, span.start, span.end)
        g.add((node, RDF.type, OA.SpecificResource))
        g.add((node, OA.hasSource, doc_iri(self.stem)))
        g.add((node, OA.hasSelector, sel))
        g.add((sel, RDF.type, OA.TextPositionSelector))
        g.add((sel, RDF.type, OA.TextQuoteSelector))
        g.add((sel, OA.start, integer(span.start)))
        g.add((sel, OA.end, integer(span.end)))
        g.add((sel, OA.exact, Literal(self.raw[span.start : span.end])))
        return node


def containing_measure(measures: list[Measure], span: Span) -> Measure | None:
    for m in measures:
        if m.span.contains(span):
            return m
    for m in measures:
        if m.span.overlaps(span):
            return m
    return None


def mint_document(res: DocumentResult, agency_for_issuer: str | None,
                  region_key: str | None) -> Graph:
    doc, meta = res.doc, res.doc.meta
    g = bind_prefixes(Graph())
    d = doc_iri(doc.stem)
    span_of = SpanMinter(g, doc.stem, doc.raw)

    g.add((d, RDF.type, ENVKG.PolicyDocument))
    if meta.kind in DOC_CLASSES:
        g.add((d, RDF.type, DOC_CLASSES[meta.kind]))
    g.add((d, ENVKG.sourceFile, Literal(doc.file_name)))
    g.add((d, ENVKG.sha256, Literal(doc.sha256)))
    g.add((d, ENVKG.encoding, Literal(doc.encoding)))
    if meta.title:
        g.add((d, DCTERMS.title, zh(meta.title)))
    if meta.published:
        g.add((d, DCTERMS.issued, Literal(meta.published.isoformat(), datatype=XSD.date)))
    if meta.plan_year:
        g.add((d, ENVKG.planYear, integer(meta.plan_year)))
    if region_key:
        g.add((d, ENVKG.region, concept_iri(region_key)))
    if agency_for_issuer:
        g.add((d, DCTERMS.publisher, concept_iri(agency_for_issuer)))
    if meta.url and _SAFE_URL.fullmatch(meta.url):
        g.add((d, DCTERMS.source, URIRef(meta.url)))
    if meta.number:
        g.add((d, DCTERMS.identifier, Literal(meta.number)))

    for s in res.sections:
        node = section_iri(doc.stem, s.key)
        g.add((node, RDF.type, ENVKG.Section))
        g.add((node, DCTERMS.isPartOf, d))
        if len(s.path) > 1:
            g.add((node, ENVKG.parentSection, section_iri(doc.stem, "-".join(map(str, s.path[:-1])))))
        g.add((node, ENVKG.ordinal, integer(s.path[-1])))
        g.add((node, ENVKG.level, integer(s.level)))
        if s.ordinal:
            g.add((node, ENVKG.ordinalText, Literal(s.ordinal)))
        g.add((node, ENVKG.heading, zh(s.heading)))
        g.add((node, PROV.wasDerivedFrom, span_of(s.span)))

    for m in res.measures:
        node = measure_iri(doc.stem, m.key)
        g.add((node, RDF.type, ENVKG.Measure))
        g.add((node, DCTERMS.isPartOf, d))
        if m.section_path:
            g.add((node, ENVKG.inSection, section_iri(doc.stem, "-".join(map(str, m.section_path)))))
        g.add((node, ENVKG.ordinal, integer(m.index)))
        g.add((node, ENVKG.text, zh(m.text)))
        for theme in m.themes:
            g.add((node, ENVKG.theme, concept_iri(theme)))
        g.add((node, PROV.wasDerivedFrom, span_of(m.span)))

    for t in res.targets:
        _mint_target(g, res, t, span_of, region_key)
    for t in res.reported:
        _mint_reported(g, res, t, span_of, region_key)

    for mention in res.mentions:
        _mint_mention(g, res, mention, span_of)
    return g


def _mint_figure(g: Graph, res: DocumentResult, t: Target, node: URIRef, span_of, region_key) -> None:
    """What a target and a reported value share: indicator, value and unit as written, region,
    document, measure and the passage."""
    stem = res.doc.stem
    g.add((node, ENVKG.indicator, concept_iri(t.indicator or unmatched_indicator_key(t.indicator_text))))
    if t.indicator_text.strip():
        g.add((node, ENVKG.indicatorText, zh(t.indicator_text)))
    g.add((node, ENVKG.value, decimal(t.value)))
    g.add((node, ENVKG.unitText, Literal(t.unit_text)))
    if t.unit:
        g.add((node, ENVKG.unit, UNIT[t.unit]))
    if region_key:
        g.add((node, ENVKG.region, concept_iri(region_key)))
    g.add((node, ENVKG.statedIn, doc_iri(stem)))
    measure = containing_measure(res.measures, t.span)
    if measure:
        g.add((node, ENVKG.measure, measure_iri(stem, measure.key)))
    g.add((node, PROV.wasDerivedFrom, span_of(t.span)))


def _mint_target(g: Graph, res: DocumentResult, t: Target, span_of, region_key) -> None:
    node = target_iri(res.doc.stem, t.span.start, t.span.end)
    g.add((node, RDF.type, ENVKG.Target))
    _mint_figure(g, res, t, node, span_of, region_key)
    if t.normalized_value is not None and t.normalized_unit:
        g.add((node, ENVKG.normalizedValue, decimal(t.normalized_value)))
        g.add((node, ENVKG.normalizedUnit, UNIT[t.normalized_unit]))
    g.add((node, ENVKG.comparator, COMPARATORS[t.comparator]))
    if t.year:
        g.add((node, ENVKG.targetYear, integer(t.year)))
    if t.base_year:
        g.add((node, ENVKG.baseYear, integer(t.base_year)))
    g.add((node, ENVKG.targetKind, TARGET_KINDS.get(t.kind, ENVKG.LevelTarget)))
    if t.approximate:
        g.add((node, ENVKG.approximate, Literal(True)))
    if t.aspirational:
        g.add((node, ENVKG.aspirational, Literal(True)))


def _mint_reported(g: Graph, res: DocumentResult, t: Target, span_of, region_key) -> None:
    """An achieved or current figure: what a report says was reached, never a commitment."""
    node = reported_iri(res.doc.stem, t.span.start, t.span.end)
    g.add((node, RDF.type, ENVKG.ReportedValue))
    _mint_figure(g, res, t, node, span_of, region_key)
    if t.comparator in COMPARATORS and t.comparator != "=":
        g.add((node, ENVKG.comparator, COMPARATORS[t.comparator]))
    if t.year:
        g.add((node, ENVKG.referenceYear, integer(t.year)))


def unmatched_indicator_key(text: str) -> str:
    return f"indicator/unmatched-{short_hash(text)}"


def _mint_mention(g: Graph, res: DocumentResult, mention: Mention, span_of) -> None:
    stem = res.doc.stem
    node = mention_iri(stem, mention.span.start, mention.span.end, mention.key)
    body = concept_iri(mention.key)
    g.add((node, RDF.type, OA.Annotation))
    g.add((node, OA.hasBody, body))
    g.add((node, OA.hasTarget, span_of(mention.span)))
    g.add((node, OA.motivatedBy, OA.identifying))
    measure = containing_measure(res.measures, mention.span)
    prop = MENTION_PROPERTY[mention.kind]
    if mention.kind == "agency" and mention.role != "responsible":
        prop = ENVKG.namesAgency
    if measure:
        m_node = measure_iri(stem, measure.key)
        g.add((node, ENVKG.inMeasure, m_node))
        g.add((m_node, prop, body))
    if mention.kind == "reference":
        g.add((doc_iri(stem), DCTERMS.references, body))


# --- the vocabulary graph ---


def _to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise ValueError(f"blank nodes are not used in vocabularies: {term}")


def _vocab_triples(file_name: str):
    text = resources.vocab_text(file_name)
    for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE):
        if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode):
            continue
        yield _to_rdflib(t.subject), URIRef(t.predicate.value), _to_rdflib(t.object)


def mint_vocabulary(used_regions: set[str], references: dict[str, tuple[str, set[str]]],
                    agencies: dict[str, dict], candidates: dict[str, str],
                    unmatched_indicators: dict[str, str], unmatched_entities: dict[str, tuple[str, str]],
                    build: dict) -> Graph:
    """Concepts the documents use: whole curated vocabularies, used regions with their chains,
    referenced documents, region-bound agencies, and the names not (yet) in a vocabulary."""
    g = bind_prefixes(Graph())
    for name in resources.vocab_files():
        if name not in PARTIAL_VOCABULARIES:
            for triple in _vocab_triples(name):
                g.add(triple)
    regions = vocab.load("regions.ttl") if "regions.ttl" in resources.vocab_files() else {}
    wanted = set()
    for key in used_regions:
        while key and key not in wanted and key in regions:
            wanted.add(key)
            parents = regions[key].props.get("within", [])
            key = parents[0] if parents else None
    if wanted:
        wanted_iris = {concept_iri(k) for k in wanted}
        for s, p, o in _vocab_triples("regions.ttl"):
            if s in wanted_iris or (p == RDF.type and o == SKOS.ConceptScheme):
                g.add((s, p, o))
    for key, (title, alternatives) in sorted(references.items()):
        node = concept_iri(key)
        g.add((node, RDF.type, ENVKG.PolicyDocument))
        g.add((node, DCTERMS.title, zh(title)))
        for alt in sorted(alternatives - {title}):
            g.add((node, DCTERMS.alternative, zh(alt)))
    for key, info in sorted(agencies.items()):
        node = concept_iri(key)
        g.add((node, RDF.type, ORG.Organization))
        g.add((node, SKOS.prefLabel, zh(info["zh"])))
        if info.get("en"):
            g.add((node, SKOS.prefLabel, Literal(info["en"], lang="en")))
        if info.get("region"):
            g.add((node, ENVKG.jurisdiction, concept_iri(f"region/{info['region']}")))
        if info.get("type"):
            g.add((node, ENVKG.agencyType, concept_iri(info["type"])))
        if info.get("parent"):
            g.add((node, ORG.subOrganizationOf, concept_iri(info["parent"])))
    for key, label in sorted(candidates.items()):
        node = concept_iri(key)
        g.add((node, RDF.type, ENVKG.ProgrammeCandidate))
        g.add((node, SKOS.prefLabel, zh(label)))
        g.add((node, ENVKG.matched, Literal(False)))
    # Names found by pattern but not (yet) curated: typed, labelled in Chinese, flagged;
    # not skos:Concepts of a scheme, which carry curated zh + en labels.
    for key, label in sorted(unmatched_indicators.items()):
        _mint_unmatched(g, key, ENVKG.Indicator, label)
    for key, (kind, label) in sorted(unmatched_entities.items()):
        _mint_unmatched(g, key, UNMATCHED_CLASSES[kind], label)
    _mint_build_activity(g, build)
    return g


UNMATCHED_CLASSES = {"programme": ENVKG.Programme, "waterbody": ENVKG.WaterBody}


def _mint_unmatched(g: Graph, key: str, cls: URIRef, label: str) -> None:
    node = concept_iri(key)
    g.add((node, RDF.type, cls))
    g.add((node, SKOS.prefLabel, zh(label)))
    g.add((node, ENVKG.matched, Literal(False)))


def _mint_build_activity(g: Graph, build: dict) -> None:
    """One prov:Activity per build: version, vocabulary and input hashes; no wall-clock time."""
    node = build["iri"]
    g.add((node, RDF.type, PROV.Activity))
    g.add((node, ENVKG.envkgVersion, Literal(__version__)))
    for name, sha in sorted(build["vocabularies"].items()):
        g.add((node, PROV.used, ID[f"vocab/{name.removesuffix('.ttl')}"]))
        g.add((ID[f"vocab/{name.removesuffix('.ttl')}"], ENVKG.sha256, Literal(sha)))
    for stem in sorted(build["inputs"]):
        # Kept out of the document graphs: a new input changes the build, not the documents.
        g.add((doc_iri(stem), PROV.wasGeneratedBy, node))


def latest_issued(results: list[DocumentResult]) -> dt.date | None:
    dates = [r.doc.meta.published for r in results if r.doc.meta.published]
    return max(dates) if dates else None


def group_references(results: list[DocumentResult]) -> dict[str, tuple[str, set[str]]]:
    """Reference key -> (the first title as written, every spelling seen)."""
    first: dict[str, str] = {}
    spellings: dict[str, set[str]] = defaultdict(set)
    for res in results:
        for m in res.mentions:
            if m.kind != "reference":
                continue
            raw_title = res.doc.raw[m.span.start + 1 : m.span.end - 1].strip()
            spellings[m.key].add(raw_title)
            first.setdefault(m.key, raw_title)
    return {k: (title, spellings[k]) for k, title in first.items()}
