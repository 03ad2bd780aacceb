"""Link stage support: the curated SKOS vocabularies of data/vocab as plain Python objects.

Parsed with pyoxigraph (fast) once per process.  A ``Concept`` keeps its key (the IRI
after ``…/id/``), labels, broader concepts and any other property values by local name.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from envkg import resources

ID_BASE = "https://w3id.org/envkg/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass
class Concept:
    key: str  # "programme/zero-waste-city"
    iri: str
    types: set[str] = field(default_factory=set)  # local names: "Programme", "Concept", ...
    pref: dict[str, str] = field(default_factory=dict)  # language -> preferred label
    alt: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    broader: list[str] = field(default_factory=list)  # keys
    props: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # local name -> values

    @property
    def zh(self) -> str:
        return self.pref.get("zh", "")

    @property
    def en(self) -> str:
        return self.pref.get("en", "")

    def labels(self, lang: str = "zh") -> list[str]:
        """Preferred then alternative labels in one language."""
        out = [self.pref[lang]] if lang in self.pref else []
        return out + [a for a in self.alt.get(lang, []) if a not in out]

    def prop(self, name: str) -> str | None:
        values = self.props.get(name)
        return values[0] if values else None


def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[-1]
    return iri


def _key(iri: str) -> str:
    return iri[len(ID_BASE) :] if iri.startswith(ID_BASE) else iri


def parse_concepts(turtle: str) -> dict[str, Concept]:
    """Concepts (subjects under …/id/ other than schemes) of a Turtle text, by key."""
    concepts: dict[str, Concept] = {}
    for triple in ox.parse(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE):
        s, p, o = triple.subject, triple.predicate.value, triple.object
        if not isinstance(s, ox.NamedNode) or not s.value.startswith(ID_BASE):
            continue
        key = _key(s.value)
        if key.startswith("scheme/"):
            continue
        c = concepts.setdefault(key, Concept(key=key, iri=s.value))
        if p == RDF_TYPE:
            c.types.add(_local(o.value))
        elif p == SKOS + "prefLabel" and isinstance(o, ox.Literal):
            c.pref[o.language or ""] = o.value
        elif p == SKOS + "altLabel" and isinstance(o, ox.Literal):
            c.alt[o.language or ""].append(o.value)
        elif p == SKOS + "broader":
            c.broader.append(_key(o.value))
        else:
            c.props[_local(p)].append(_key(o.value) if isinstance(o, ox.NamedNode) else o.value)
    return concepts


@functools.cache
def load(file_name: str) -> dict[str, Concept]:
    """A vocabulary file of data/vocab by name, e.g. ``load("programmes.ttl")``."""
    return parse_concepts(resources.vocab_text(file_name))


def available() -> list[str]:
    return resources.vocab_files()


def group_files(group: str) -> list[str]:
    """The files of one vocabulary: ``programmes.ttl`` and its parts ``programmes-*.ttl``."""
    return [name for name in available() if name == f"{group}.ttl" or name.startswith(f"{group}-")]


@functools.cache
def load_group(group: str) -> dict[str, Concept]:
    """One vocabulary kept in several files (by field), merged by concept key."""
    merged: dict[str, Concept] = {}
    for name in group_files(group):
        for key, concept in load(name).items():
            if key in merged:
                raise ValueError(f"vocabulary {group}: {key} is defined in two files")
            merged[key] = concept
    return merged
