"""Every namespace envkg uses, and the IRI builders for its own instances.

No other module writes an IRI string: they call these.
"""

from __future__ import annotations

import hashlib
import re

from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

ENVKG = Namespace("https://w3id.org/envkg/ontology#")
ID = Namespace("https://w3id.org/envkg/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")
SCHEMA = Namespace("https://schema.org/")

PREFIXES = {
    "envkg": ENVKG,
    "id": ID,
    "oa": OA,
    "org": ORG,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "qudt": QUDT,
    "unit": UNIT,
    "wd": WD,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
    "void": VOID,
    "dcat": DCAT,
}


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


def sparql_prologue() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def short_hash(text: str, length: int = 12) -> str:
    """Stable ASCII key for a Chinese string (titles, unmatched names)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


# --- instance IRIs: all derived from content, never from counters that shift ---


_SAFE_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}")


def doc_key(stem: str) -> str:
    """The ASCII id of a document in IRIs: the file stem when it is plain ASCII, else its
    ASCII letters and digits (no transliteration) plus a short hash of the whole stem, so
    名称 with spaces or Chinese characters stay distinct, stable and valid in an IRI."""
    if _SAFE_STEM.fullmatch(stem):
        return stem
    ascii_part = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower()[:40]
    return f"{ascii_part or 'doc'}-{short_hash(stem, 10)}"


def doc_iri(stem: str):
    return ID[f"doc/{doc_key(stem)}"]


def graph_iri(stem: str):
    return ID[f"graph/doc/{doc_key(stem)}"]


VOCAB_GRAPH = ID["graph/vocab"]
INFERRED_GRAPH = ID["graph/inferred"]


def span_iri(stem: str, start: int, end: int):
    return ID[f"doc/{doc_key(stem)}#char={start},{end}"]


def selector_iri(stem: str, start: int, end: int):
    return ID[f"selector/{doc_key(stem)}/{start}-{end}"]


def section_iri(stem: str, key: str):
    return ID[f"doc/{doc_key(stem)}/section/{key}"]


def measure_iri(stem: str, key: str):
    return ID[f"doc/{doc_key(stem)}/measure/{key}"]


def target_iri(stem: str, start: int, end: int):
    return ID[f"doc/{doc_key(stem)}/target/{start}-{end}"]


def mention_iri(stem: str, start: int, end: int, concept_key: str):
    return ID[f"doc/{doc_key(stem)}/mention/{start}-{end}-{short_hash(concept_key, 8)}"]


def reported_iri(stem: str, start: int, end: int):
    return ID[f"doc/{doc_key(stem)}/reported/{start}-{end}"]


def concept_iri(key: str):
    """A vocabulary concept by key: 'programme/zero-waste-city', 'region/440115', ..."""
    return ID[key]


def reference_key(title: str) -> str:
    return f"ref/{short_hash(title, 16)}"
