"""Validate a built graph against the SHACL shapes of ``shapes/`` (DESIGN.md §4).

pySHACL over the whole graph is slow, so a built dataset is validated one document
graph at a time, each together with the shared graphs (vocabulary, build provenance);
the shared graphs are also validated once on their own.  Results are kept only for focus
nodes of the graph being checked, so nothing is reported twice.  A plain graph (.ttl, .nt)
is validated whole.

pySHACL runs with ``allow_warnings=True``; conformance is decided here from the
severities, at the level the caller chooses (``fail_on="violation"`` or ``"warning"``).
Every result carries the quote (``oa:exact``) of its focus node's span when it has one,
because an implausible value is only useful next to what the source says.
"""

from __future__ import annotations

import functools
import json
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import PROV, RDF
from rdflib.plugins.sparql import prepareQuery

from envkg import resources
from envkg.errors import InputError
from envkg.namespaces import ENVKG, ID, INFERRED_GRAPH, OA, SH, bind_prefixes

SEVERITIES = ("Violation", "Warning", "Info")
FAIL_ON = ("violation", "warning")
_RANK = {s: i for i, s in enumerate(SEVERITIES)}
DOC_GRAPH_PREFIX = str(ID["graph/doc/"])

_FORMATS = {
    ".trig": "trig",
    ".nq": "nquads",
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}


@dataclass(frozen=True)
class Result:
    """One SHACL result, in plain strings (IRIs in full, literals as their lexical form)."""

    severity: str  # Violation | Warning | Info
    focus: str
    path: str | None
    message: str
    value: str | None
    shape: str  # the named node shape (property shapes are blank nodes inside one)
    component: str  # sh:sourceConstraintComponent, local name
    quote: str | None = None  # oa:exact of the focus node's span
    graph: str | None = None  # named graph the focus node was validated in

    def key(self) -> tuple:
        return (_RANK[self.severity], self.shape, self.focus, self.path or "", self.message, self.value or "")


@dataclass
class Report:
    results: list[Result]
    fail_on: str = "violation"
    seconds: float = 0.0
    graphs: int = 1
    _terms: dict = field(default_factory=dict, repr=False)  # result -> original rdflib terms

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for r in self.results:
            counts[r.severity] += 1
        return counts

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Warning"]

    @property
    def conforms(self) -> bool:
        """True when nothing at or above the ``fail_on`` level was found."""
        failing = {"violation": {"Violation"}, "warning": {"Violation", "Warning"}}[self.fail_on]
        return not any(r.severity in failing for r in self.results)

    def summary(self) -> str:
        c = self.counts
        verdict = "conforms" if self.conforms else "does not conform"
        return (
            f"{c['Violation']} violations, {c['Warning']} warnings, {c['Info']} infos "
            f"in {self.graphs} graph(s), {self.seconds:.1f} s: {verdict} (--fail-on {self.fail_on})"
        )

    def text(self) -> str:
        """Human-readable report grouped by shape and severity: focus node, message, quote."""
        groups: dict[tuple[str, str], list[Result]] = defaultdict(list)
        for r in self.results:
            groups[(r.severity, r.shape)].append(r)
        lines: list[str] = []
        for (severity, shape), results in sorted(groups.items(), key=lambda kv: (_RANK[kv[0][0]], kv[0][1])):
            lines.append(f"{severity.upper()}  {_short(shape)}  ({len(results)})")
            for r in results:
                where = _short(r.focus) + (f"  {_short(r.path)}" if r.path else "")
                lines.append(f"  {where}")
                value = f"  [value: {_short(r.value)}]" if r.value is not None else ""
                lines.append(f"    {r.message}{value}")
                if r.quote:
                    lines.append(f"    “{_one_line(r.quote)}”")
            lines.append("")
        lines.append(self.summary())
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps(
            {
                "conforms": self.conforms,
                "fail_on": self.fail_on,
                "counts": self.counts,
                "graphs": self.graphs,
                "seconds": round(self.seconds, 3),
                "results": [asdict(r) for r in self.results],
            },
            ensure_ascii=False,
            indent=1,
        )

    def to_graph(self) -> Graph:
        """A sh:ValidationReport with the merged results, each with envkg:quote when known."""
        g = bind_prefixes(Graph())
        report = BNode("report")
        g.add((report, RDF.type, SH.ValidationReport))
        g.add((report, SH.conforms, Literal(self.conforms)))
        for i, r in enumerate(self.results):
            terms = self._terms.get(r, {})
            node = BNode(f"result{i}")
            g.add((report, SH.result, node))
            g.add((node, RDF.type, SH.ValidationResult))
            g.add((node, SH.resultSeverity, SH[r.severity]))
            g.add((node, SH.focusNode, terms.get("focus", URIRef(r.focus))))
            g.add((node, SH.resultMessage, Literal(r.message)))
            g.add((node, SH.sourceShape, URIRef(r.shape)))
            g.add((node, SH.sourceConstraintComponent, SH[r.component]))
            path = terms.get("path")
            if isinstance(path, URIRef):
                g.add((node, SH.resultPath, path))
            value = terms.get("value")
            if value is not None and not isinstance(value, BNode):
                g.add((node, SH.value, value))
            if r.quote:
                g.add((node, ENVKG.quote, Literal(r.quote)))
        return g

    def to_turtle(self) -> str:
        return self.to_graph().serialize(format="turtle")


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_SHORT = [
    (str(ID), "id:"),
    (str(ENVKG), "envkg:"),
    ("https://w3id.org/envkg/shapes#", "shape:"),
    (str(OA), "oa:"),
    (str(PROV), "prov:"),
    ("http://purl.org/dc/terms/", "dcterms:"),
    ("http://www.w3.org/2004/02/skos/core#", "skos:"),
    ("http://www.w3.org/ns/org#", "org:"),
    ("http://qudt.org/vocab/unit/", "unit:"),
]


def _short(iri: str) -> str:
    for base, prefix in _SHORT:
        if iri.startswith(base):
            return prefix + iri[len(base) :]
    return iri


# --- shapes ---


@functools.cache
def load_shapes() -> Graph:
    """All shapes of shapes/*.ttl as one graph (parsed once per process)."""
    g = Graph()
    for name in resources.shapes_files():
        g.parse(data=resources.shapes_text(name), format="turtle")
    return g


@functools.cache
def _shape_parents() -> dict:
    """Blank property shape -> the named node shape holding it."""
    shapes = load_shapes()
    return {prop: node for node, prop in shapes.subject_objects(SH.property)}


def _named_shape(shape) -> str:
    parents = _shape_parents()
    seen = set()
    while isinstance(shape, BNode) and shape in parents and shape not in seen:
        seen.add(shape)
        shape = parents[shape]
    return str(shape)


# --- reading the data ---


def read_graph(path: str | Path) -> Dataset:
    """Parse a graph file into a Dataset; InputError (exit 2) naming the file when that fails."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"graph file {path} does not exist")
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"graph file {path}: unknown format (use .trig, .ttl, .nt, .nq or .jsonld)")
    ds = Dataset()
    try:
        ds.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many kinds; all mean "unreadable"
        raise InputError(f"graph file {path} cannot be read as {fmt}: {_one_line(str(exc), 200)}") from None
    return ds


def _split(data: Graph) -> tuple[list[tuple[str, Graph]], Graph]:
    """(document graphs, shared graph).  A dataset without document graphs is one shared graph."""
    if not isinstance(data, ConjunctiveGraph):  # Dataset is a ConjunctiveGraph in rdflib 7
        return [], data
    docs: list[tuple[str, Graph]] = []
    shared = Graph()
    for g in (data.graphs() if isinstance(data, Dataset) else data.contexts()):
        ident = str(g.identifier)
        if ident.startswith(DOC_GRAPH_PREFIX):
            if len(g):
                docs.append((ident, g))
        elif g.identifier != INFERRED_GRAPH:
            for t in g:
                shared.add(t)
    docs.sort(key=lambda pair: pair[0])
    return docs, shared


# --- running pySHACL ---


def _quote(graph: Graph, node) -> str | None:
    """oa:exact of the node's span (or of the node itself when it is a span or selector)."""
    spans = [node, *graph.objects(node, PROV.wasDerivedFrom), *graph.objects(node, OA.hasTarget)]
    for span in spans:
        for selector in (span, *graph.objects(span, OA.hasSelector)):
            for exact in graph.objects(selector, OA.exact):
                return str(exact)
    return None


def _run(data: Graph, keep=None, graph_name: str | None = None) -> tuple[list[Result], dict]:
    _conforms, report, _text = shacl_validate(
        data,
        shacl_graph=load_shapes(),
        inference="none",
        allow_warnings=True,
        allow_infos=True,
        inplace=True,
    )
    results: list[Result] = []
    terms: dict = {}
    # only the results of the report itself, not nested sh:detail results
    nodes = [n for rep in report.subjects(RDF.type, SH.ValidationReport) for n in report.objects(rep, SH.result)]
    for node in nodes:
        focus = report.value(node, SH.focusNode)
        if keep is not None and focus not in keep:
            continue
        severity = str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1]
        path = report.value(node, SH.resultPath)
        value = report.value(node, SH.value)
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        component = str(report.value(node, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
        result = Result(
            severity=severity,
            focus=str(focus),
            path=str(path) if isinstance(path, URIRef) else (None if path is None else "(complex path)"),
            message=" / ".join(messages) or component,
            value=None if value is None else str(value),
            shape=_named_shape(report.value(node, SH.sourceShape)),
            component=component,
            quote=_quote(data, focus),
            graph=graph_name,
        )
        results.append(result)
        terms[result] = {"focus": focus, "path": path, "value": value}
    return results, terms


def validate(data: Graph | Dataset | str | Path, *, fail_on: str = "violation") -> Report:
    """Validate a graph, dataset or graph file; the report says whether it conforms at ``fail_on``.

    >>> report = validate("build/envkg.trig", fail_on="warning")   # doctest: +SKIP
    >>> print(report.text())                                        # doctest: +SKIP
    """
    if fail_on not in FAIL_ON:
        raise InputError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    started = time.perf_counter()
    if isinstance(data, str | Path):
        data = read_graph(data)
    docs, shared = _split(data)

    results: dict[Result, dict] = {}
    if not docs:
        found, terms = _run(_copy(shared))
        results.update(terms)
    else:
        shared_subjects = set(shared.subjects())
        found, terms = _run(_copy(shared), keep=shared_subjects, graph_name=None)
        results.update(terms)
        for ident, doc in docs:
            combined = _copy(shared)
            for t in doc:
                combined.add(t)
            found, terms = _run(combined, keep=set(doc.subjects()), graph_name=ident)
            for result, t in terms.items():
                results.setdefault(result, t)
    ordered = sorted(_dedupe(results), key=Result.key)
    return Report(
        results=ordered,
        fail_on=fail_on,
        seconds=time.perf_counter() - started,
        graphs=max(1, len(docs)),
        _terms=results,
    )


class _PreparedQueryGraph(Graph):
    """A graph that parses each SPARQL text once.

    pySHACL runs a SPARQL-based constraint once per focus node with the same text and
    ``initBindings``; rdflib would parse the text every time (~50 ms), which dominated the
    validation time.  Prepared queries are reused instead.
    """

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = _prepare(query_object)
        return super().query(query_object, *args, **kwargs)


@functools.lru_cache(maxsize=512)
def _prepare(text: str):
    return prepareQuery(text)


def _copy(graph: Graph) -> Graph:
    g = _PreparedQueryGraph()
    for t in graph:
        g.add(t)
    return g


def _dedupe(results: dict[Result, dict]) -> list[Result]:
    """A node found in the shared graph and a document graph is reported once."""
    seen: set[tuple] = set()
    out = []
    for r in sorted(results, key=lambda r: (r.key(), r.graph or "")):
        k = (r.severity, r.shape, r.focus, r.path, r.message, r.value, r.component)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out
