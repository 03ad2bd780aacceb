"""Canned research queries: a registry of ``queries/*.rq``, parameter binding, rendering.

The file stem is the query's name; its leading comment lines are the catalogue::

    # title: Programmes shared between regions
    # title@zh: 多地共同推进的计划与制度
    # question: Which programmes are named in the plans of more than one region?
    # question@zh: …
    # param: programme [envkg:Programme] = 无废城市 — a programme: its label or IRI

``param: NAME [KIND] = DEFAULT — DESCRIPTION`` declares the SPARQL variable ``?NAME``.
KIND is ``text`` (the value is a plain string literal), ``node`` (any node, by IRI or
label) or a class as a prefixed name (a node of that class, by IRI or label).  Other
comment lines in the header are free notes.

A value given as a label is resolved to the node first (``STR()`` of ``skos:prefLabel``,
``skos:altLabel``, ``dcterms:title``, ``skos:notation`` or ``envkg:regionCode``, any language
tag), then *bound* as a ``VALUES`` block of serialised RDF terms (pyoxigraph terms: IRIs
validated, literals escaped) opening the outer ``WHERE`` — the same locally and for a
remote endpoint.  A value is never pasted into query text.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from envkg import resources
from envkg.defaults import DEFAULT_GRAPH
from envkg.errors import InputError
from envkg.namespaces import DCTERMS, PREFIXES, RDF, SKOS, XSD, sparql_prologue
from envkg.store import Row, Term, bind_values, cached_store, run_any, select

PARAM_KINDS_PLAIN = ("text", "node")

# --- the registry -------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # "text", "node" or a class as a prefixed name ("envkg:Programme")
    default: str
    description: str

    @property
    def class_iri(self) -> ox.NamedNode | None:
        if self.kind in PARAM_KINDS_PLAIN:
            return None
        return expand_curie(self.kind)


@dataclass(frozen=True)
class QuerySpec:
    name: str
    text: str
    title: Mapping[str, str]
    question: Mapping[str, str]
    params: tuple[Param, ...]
    notes: tuple[str, ...] = ()

    def param(self, key: str) -> Param:
        for p in self.params:
            if p.name == key:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise InputError(f"query {self.name!r} has no parameter {key!r} (parameters: {known})")

    def label(self, lang: str = "en") -> str:
        return self.title.get(lang) or self.title.get("en") or self.name


_HEADER_LINE = re.compile(r"^#\s*(?P<key>[a-z]+)(?:@(?P<lang>[a-z-]+))?\s*:\s*(?P<value>.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\[(?P<kind>[^\]]+)\]\s*=\s*(?P<default>.*?)\s*"
    r"(?:—|--)\s*(?P<description>.+)$"
)


def parse_header(name: str, text: str) -> QuerySpec:
    title: dict[str, str] = {}
    question: dict[str, str] = {}
    params: list[Param] = []
    notes: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER_LINE.match(line)
        key = m.group("key") if m else None
        if m and key in ("title", "question"):
            target = title if key == "title" else question
            target[m.group("lang") or "en"] = m.group("value")
        elif m and key == "param":
            pm = _PARAM.match(m.group("value"))
            if not pm:
                raise InputError(f"query {name!r}: cannot read parameter line {line!r}")
            params.append(Param(pm["name"], pm["kind"].strip(), pm["default"], pm["description"]))
        else:
            notes.append(line.lstrip("#").strip())
    if "en" not in title:
        raise InputError(f"query {name!r} has no '# title:' line")
    return QuerySpec(name, text, title, question, tuple(params), tuple(n for n in notes if n))


@functools.cache
def _registry() -> dict[str, QuerySpec]:
    specs = {}
    for file_name in resources.query_files():
        name = file_name.removesuffix(".rq")
        specs[name] = parse_header(name, resources.query_text(file_name))
    return specs


def list_queries() -> list[QuerySpec]:
    """Every canned query, sorted by name."""
    return [spec for _, spec in sorted(_registry().items())]


def load_query(name: str) -> QuerySpec:
    try:
        return _registry()[name]
    except KeyError:
        known = ", ".join(sorted(_registry()))
        raise InputError(f"unknown query {name!r} (known: {known})") from None


# --- where queries run ----------------------------------------------------------------

class Backend(Protocol):
    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> tuple[list[str], list[Row]]:
        ...


class LocalBackend:
    """A pyoxigraph store, queried over the union of its graphs.

    Bindings go in as a ``VALUES`` block of serialised terms, exactly as for an endpoint, so
    a canned query means the same locally and remotely (pyoxigraph's ``substitutions=``
    would need every bound variable in the SELECT projection).
    """

    def __init__(self, store: ox.Store):
        self.store = store

    @classmethod
    def from_path(cls, path: Path | str) -> LocalBackend:
        return cls(cached_store(path))

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> tuple[list[str], list[Row]]:
        return select(self.store, bind_values(query, bindings or {}))


def backend_for(graph_path: Path | str | None = None, endpoint: str | None = None,
                store: ox.Store | None = None) -> Backend:
    if store is not None:
        return LocalBackend(store)
    if endpoint:
        from envkg.endpoint import RemoteBackend

        return RemoteBackend(endpoint)
    return LocalBackend.from_path(DEFAULT_GRAPH if graph_path is None else graph_path)


# --- parameters -------------------------------------------------------------------------

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(//|[^\s])")
_CURIE = re.compile(r"^(?P<prefix>[A-Za-z][A-Za-z0-9_-]*):(?P<local>[^\s<>\"{}|^`\\]*)$")


def expand_curie(value: str) -> ox.NamedNode:
    m = _CURIE.match(value)
    if not m or m["prefix"] not in PREFIXES:
        raise InputError(f"{value!r} is not a prefixed name with a known prefix")
    return ox.NamedNode(str(PREFIXES[m["prefix"]]) + m["local"])


def as_iri(value: str) -> ox.NamedNode | None:
    """An IRI written as <…>, as an absolute IRI or as a known prefixed name; else None."""
    text = value.strip()
    candidate = None
    if text.startswith("<") and text.endswith(">"):
        candidate = text[1:-1]
    else:
        m = _CURIE.match(text)
        if m and m["prefix"] in PREFIXES:
            candidate = str(PREFIXES[m["prefix"]]) + m["local"]
        elif text.startswith(("http://", "https://", "urn:")):
            candidate = text
    if candidate is None:
        return None
    try:
        return ox.NamedNode(candidate)
    except ValueError:
        raise InputError(f"{value!r} is not a valid IRI") from None


_RESOLVE = sparql_prologue() + """
SELECT DISTINCT ?node WHERE {
  ?node ?labelProperty ?literal .
  VALUES ?labelProperty { skos:prefLabel skos:altLabel dcterms:title skos:notation envkg:regionCode }
  FILTER(STR(?literal) = ?label)
}
ORDER BY ?node
"""

_RESOLVE_IN_CLASS = sparql_prologue() + """
SELECT DISTINCT ?node WHERE {
  ?node ?labelProperty ?literal .
  VALUES ?labelProperty { skos:prefLabel skos:altLabel dcterms:title skos:notation envkg:regionCode }
  FILTER(STR(?literal) = ?label)
  ?node a ?class .
}
ORDER BY ?node
"""

_HAS_CLASS = "SELECT ?node WHERE { ?node a ?class } LIMIT 1"
_EXISTS = "SELECT ?node WHERE { { ?node ?p ?o } UNION { ?s ?p ?node } } LIMIT 1"


def resolve_node(backend: Backend, value: str, class_iri: ox.NamedNode | None = None,
                 what: str = "node") -> ox.NamedNode:
    """A node given by IRI, prefixed name or label (of a class, when given)."""
    iri = as_iri(value)
    if iri is not None:
        if class_iri is not None:
            _, rows = backend.select(_HAS_CLASS, {"node": iri, "class": class_iri})
        else:
            _, rows = backend.select(_EXISTS, {"node": iri})
        if not rows:
            kind = f" of class {_compact(class_iri)}" if class_iri is not None else ""
            raise InputError(f"{what}: no node {iri}{kind} in the graph")
        return iri
    from envkg.textnorm import fold

    for label in dict.fromkeys([value.strip(), fold(value.strip())]):
        bindings: dict[str, Term] = {"label": ox.Literal(label)}
        if class_iri is not None:
            bindings["class"] = class_iri
        _, rows = backend.select(_RESOLVE_IN_CLASS if class_iri is not None else _RESOLVE, bindings)
        nodes = [r["node"] for r in rows if isinstance(r["node"], ox.NamedNode)]
        if len(nodes) == 1:
            return nodes[0]
        if len(nodes) > 1:
            listed = ", ".join(_compact(n) for n in nodes[:5])
            raise InputError(f"{what}: label {value!r} is ambiguous ({listed}); give an IRI")
    kind = f" {_compact(class_iri)}" if class_iri is not None else ""
    raise InputError(f"{what}: no{kind} node labelled {value!r} in the graph")


def bind_params(backend: Backend, spec: QuerySpec, params: Mapping[str, str] | None) -> dict[str, Term]:
    given = dict(params or {})
    for key in given:
        spec.param(key)  # unknown names fail here, with one line
    bindings: dict[str, Term] = {}
    for p in spec.params:
        value = given.get(p.name, p.default)
        if p.kind == "text":
            bindings[p.name] = ox.Literal(value)
        else:
            bindings[p.name] = resolve_node(backend, value, p.class_iri, what=f"{spec.name} -p {p.name}")
    return bindings


# --- results ----------------------------------------------------------------------------


@dataclass
class QueryResult:
    variables: list[str]
    rows: list[Row]
    name: str = ""
    bindings: dict[str, Term] = field(default_factory=dict)
    labels: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def column(self, var: str) -> list[Term | None]:
        return [r.get(var) for r in self.rows]

    def values(self, var: str) -> list[str | None]:
        """The lexical value of each cell (IRI string, literal lexical form)."""
        return [None if t is None else t.value for t in self.column(var)]

    def label(self, term: Term | None) -> str:
        return display(term, self.labels)


def run_query(name: str, params: Mapping[str, str] | None = None, *, graph_path: Path | str | None = None,
              endpoint: str | None = None, store: ox.Store | None = None, labels: bool = True) -> QueryResult:
    """Run canned query NAME with PARAMS (strings: labels, IRIs or text) and return its rows."""
    spec = load_query(name)
    backend = backend_for(graph_path, endpoint, store)
    bindings = bind_params(backend, spec, params)
    variables, rows = backend.select(spec.text, bindings)
    result = QueryResult(variables, rows, name, bindings)
    if labels:
        result.labels = fetch_labels(backend, _iris(rows))
    return result


def run_sparql(text: str, *, graph_path: Path | str | None = None, endpoint: str | None = None,
               store: ox.Store | None = None, labels: bool = True) -> tuple[str, object]:
    """Any query form over the union of all graphs: ("select", QueryResult) | ("ask", bool) |
    ("graph", sorted N-Triples text)."""
    if endpoint and store is None:
        from envkg.endpoint import RemoteBackend, sparql_remote

        kind, payload = sparql_remote(endpoint, text)
        backend: Backend = RemoteBackend(endpoint)
    else:
        backend = backend_for(graph_path, None, store)
        kind, payload = run_any(backend.store, text)
    if kind != "select":
        return kind, payload
    variables, rows = payload
    result = QueryResult(variables, rows)
    if labels:
        result.labels = fetch_labels(backend, _iris(rows))
    return kind, result


def _iris(rows: Iterable[Row]) -> list[ox.NamedNode]:
    seen: dict[str, ox.NamedNode] = {}
    for row in rows:
        for term in row.values():
            if isinstance(term, ox.NamedNode):
                seen.setdefault(term.value, term)
    return list(seen.values())


_LABELS = sparql_prologue() + """
SELECT ?node ?label WHERE {
  ?node skos:prefLabel|dcterms:title ?label .
}
"""


def fetch_labels(backend: Backend, iris: list[ox.NamedNode], chunk: int = 400
                 ) -> dict[str, tuple[str | None, str | None]]:
    """IRI → (zh label, en label) from skos:prefLabel or dcterms:title."""
    found: dict[str, dict[str, str]] = {}
    for i in range(0, len(iris), chunk):
        part = iris[i: i + chunk]
        # a VALUES block of serialised IRIs (validated NamedNodes), not user text
        values = " ".join(str(t) for t in part)
        query = _LABELS.replace("WHERE {", "WHERE {\n  VALUES ?node { " + values + " }", 1)
        _, rows = backend.select(query)
        for row in rows:
            node, label = row["node"], row["label"]
            if not isinstance(label, ox.Literal) or node is None:
                continue
            lang = (label.language or "zh").split("-")[0]
            slot = found.setdefault(node.value, {})
            if lang not in slot or label.value < slot[lang]:
                slot[lang] = label.value
    return {iri: (d.get("zh"), d.get("en")) for iri, d in found.items()}


def _compact(term: ox.NamedNode | None) -> str:
    if term is None:
        return ""
    iri = term.value
    best = None
    for prefix, ns in PREFIXES.items():
        ns = str(ns)
        if iri.startswith(ns) and (best is None or len(ns) > len(str(PREFIXES[best]))):
            best = prefix
    return f"{best}:{iri[len(str(PREFIXES[best])):]}" if best else f"<{iri}>"


def display(term: Term | None, labels: Mapping[str, tuple[str | None, str | None]] | None = None) -> str:
    """A cell for people: labels "zh (en)" for labelled IRIs, prefixed names otherwise."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        zh, en = (labels or {}).get(term.value, (None, None))
        if zh and en and zh != en:
            return f"{zh} ({en})"
        if zh or en:
            return zh or en or ""
        return _compact(term)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


# --- rendering --------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = _width(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def _numeric(term: Term | None) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value.rsplit("#", 1)[-1] in (
        "integer", "decimal", "double", "float", "int", "long")


def render_table(result: QueryResult, max_width: int = 60) -> str:
    header = result.variables
    cells = [[_clip(result.label(r.get(v)), max_width) for v in header] for r in result.rows]
    widths = [max([_width(h)] + [_width(row[i]) for row in cells]) for i, h in enumerate(header)]
    numeric = [all(_numeric(r.get(v)) or r.get(v) is None for r in result.rows) and result.rows
               for v in header]
    lines = ["  ".join(_pad(h, w) for h, w in zip(header, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for row in cells:
        lines.append("  ".join(_pad(c, w, bool(numeric[i])) for i, (c, w) in
                               enumerate(zip(row, widths, strict=True))).rstrip())
    n = len(result.rows)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines)


def render_markdown(result: QueryResult) -> str:
    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|")

    lines = ["| " + " | ".join(result.variables) + " |",
             "|" + "|".join("---:" if result.rows and all(_numeric(r.get(v)) or r.get(v) is None
                                                           for r in result.rows) else "---"
                            for v in result.variables) + "|"]
    for r in result.rows:
        lines.append("| " + " | ".join(cell(result.label(r.get(v))) for v in result.variables) + " |")
    return "\n".join(lines)


def render_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV results: IRIs in full, literals as their lexical form."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(result.variables)
    for r in result.rows:
        writer.writerow(["" if r.get(v) is None else r[v].value for v in result.variables])
    return buf.getvalue()


def term_json(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != str(XSD.string):
        out["datatype"] = term.datatype.value
    return out


def render_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    doc = {
        "head": {"vars": result.variables},
        "results": {"bindings": [
            {v: term_json(t) for v, t in r.items() if t is not None} for r in result.rows
        ]},
    }
    return json.dumps(doc, ensure_ascii=False, indent=1)


# the output formats of `envkg query` / `envkg sparql` (the CLI takes its choices from here)
RENDERERS = {"table": render_table, "csv": render_csv, "json": render_json, "md": render_markdown}


def render(result: QueryResult, fmt: str = "table") -> str:
    try:
        return RENDERERS[fmt](result)
    except KeyError:
        raise InputError(f"unknown output format {fmt!r} (use one of {', '.join(RENDERERS)})") from None


def catalogue_lines() -> list[str]:
    """`envkg query --list`: name, titles, parameters with defaults."""
    lines = []
    for spec in list_queries():
        zh = spec.title.get("zh", "")
        lines.append(f"{spec.name:<24} {spec.label('en')}" + (f" / {zh}" if zh else ""))
        for p in spec.params:
            lines.append(f"{'':<24}   -p {p.name}=…  [{p.kind}] default {p.default!r}: {p.description}")
    return lines


# --- one node: `envkg show` ----------------------------------------------------------------

_OUT = "SELECT ?p ?o WHERE { ?node ?p ?o }"
_IN_COUNTS = "SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?node } GROUP BY ?p ORDER BY ?p"
_IN_SAMPLE = "SELECT ?p ?s WHERE { ?s ?p ?node } ORDER BY ?p ?s LIMIT 200"
_LABEL_PROPS = {str(SKOS.prefLabel), str(SKOS.altLabel), str(DCTERMS.title), str(DCTERMS.alternative)}


@dataclass
class NodeDescription:
    node: ox.NamedNode
    labels: list[ox.Literal]
    types: list[ox.NamedNode]
    links: list[tuple[ox.NamedNode, Term]]
    incoming: list[tuple[ox.NamedNode, int, list[Term]]]
    passages: QueryResult
    names: dict[str, tuple[str | None, str | None]]

    def render(self, max_passages: int = 20, max_incoming: int = 5) -> str:
        def name(t: Term | None) -> str:
            return display(t, self.names)

        lines = [_compact(self.node) + (f"  {name(self.node)}" if self.node.value in self.names else ""),
                 f"  IRI     {self.node.value}"]
        for lit in self.labels:
            lines.append(f"  label   {lit.value}" + (f" @{lit.language}" if lit.language else ""))
        if self.types:
            lines.append("  type    " + ", ".join(_compact(t) for t in self.types))
        for p, o in self.links:
            lines.append(f"  {_compact(p)}  {name(o)}" + (f"  <{o.value}>" if isinstance(o, ox.NamedNode)
                                                         and o.value in self.names else ""))
        for p, n, sample in self.incoming:
            shown = ", ".join(name(s) for s in sample[:max_incoming])
            more = f", … {n - max_incoming} more" if n > max_incoming else ""
            lines.append(f"  ← {_compact(p)} ({n}): {shown}{more}")
        rows = self.passages.rows
        lines.append(f"  source passages ({len(rows)}):" if rows else "  source passages: none")
        for r in rows[:max_passages]:
            doc = r.get("doc")
            lines.append(f"    {r['how'].value} {_compact(doc)} [{r['start'].value}, {r['end'].value})"
                         f"  “{r['quote'].value}”")
        if len(rows) > max_passages:
            lines.append(f"    … {len(rows) - max_passages} more (envkg query provenance -p node=…)")
        return "\n".join(lines)


def describe(value: str, *, graph_path: Path | str | None = None, endpoint: str | None = None,
             store: ox.Store | None = None) -> NodeDescription:
    """A node by IRI, prefixed name or label: labels, types, links and its source passages."""
    backend = backend_for(graph_path, endpoint, store)
    node = resolve_node(backend, value, None, what="show")
    _, out = backend.select(_OUT, {"node": node})
    labels, types, links = [], [], []
    for r in out:
        p, o = r["p"], r["o"]
        if p.value == str(RDF.type) and isinstance(o, ox.NamedNode):
            types.append(o)
        elif p.value in _LABEL_PROPS and isinstance(o, ox.Literal):
            labels.append(o)
        else:
            links.append((p, o))
    _, counts = backend.select(_IN_COUNTS, {"node": node})
    _, sample = backend.select(_IN_SAMPLE, {"node": node})
    incoming = []
    for r in counts:
        subjects = [s["s"] for s in sample if s["p"] == r["p"]]
        incoming.append((r["p"], int(r["n"].value), subjects))
    spec = load_query("provenance")
    variables, rows = backend.select(spec.text, {"node": node})
    passages = QueryResult(variables, rows, "provenance", {"node": node})
    iris = [node] + [o for _, o in links if isinstance(o, ox.NamedNode)] + \
        [s for _, _, ss in incoming for s in ss if isinstance(s, ox.NamedNode)] + _iris(rows)
    names = fetch_labels(backend, list({i.value: i for i in iris}.values()))
    key = lambda t: (str(t),)  # noqa: E731
    return NodeDescription(node, sorted(labels, key=key), sorted(types, key=key),
                           sorted(links, key=lambda po: (_compact(po[0]), str(po[1]))),
                           incoming, passages, names)
