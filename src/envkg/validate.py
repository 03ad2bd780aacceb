"""Validate a built graph against the SHACL shapes of ``shapes/`` (DESIGN.md §4).

pySHACL over the whole graph is slow, so a built dataset is validated one document
graph at a time, each together with the part of the shared graphs (vocabulary, build
provenance) it links to; the shared graphs are also validated once on their own.  Results are kept only for focus
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
import multiprocessing
import os
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from decimal import Decimal
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
                value = f"  [value: {self._show_value(r)}]" if r.value is not None else ""
                lines.append(f"    {r.message}{value}")
                if r.quote:
                    lines.append(f"    “{_one_line(r.quote)}”")
            lines.append("")
        lines.append(self.summary())
        return "\n".join(lines)

    def _show_value(self, r: Result) -> str:
        term = self._terms.get(r, {}).get("value")
        if isinstance(term, Literal) and not isinstance(term.toPython(), int | float | Decimal):
            return f'"{_one_line(r.value or "", 80)}"'
        return _short(r.value or "")

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

    def render(self, fmt: str = "text") -> str:
        try:
            method = REPORT_FORMATS[fmt]
        except KeyError:
            raise InputError(f"unknown report format {fmt!r} (use one of {', '.join(REPORT_FORMATS)})") from None
        return getattr(self, method)()


# report format -> Report method (the CLI takes its --format choices from here)
REPORT_FORMATS = {"text": "text", "turtle": "to_turtle", "json": "to_json"}


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


_OX_FORMATS = {"trig": "TRIG", "nquads": "N_QUADS", "turtle": "TURTLE", "nt": "N_TRIPLES"}


def _check_path(path: Path) -> str:
    if path.is_dir():
        raise InputError(f"graph file {path} is a folder, not a file")
    if not path.is_file():
        raise InputError(f"graph file {path} does not exist")
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"graph file {path}: unknown format (use .trig, .ttl, .nt, .nq or .jsonld)")
    return fmt


def read_parts(path: str | Path) -> dict[str | None, Graph]:
    """Parse a graph file into {graph name (None for the default graph): Graph}.

    Turtle, TriG, N-Triples and N-Quads go through pyoxigraph's parser (about twice as
    fast as rdflib's); JSON-LD through rdflib.  InputError (exit 2) names an unreadable file.
    """
    path = Path(path)
    fmt = _check_path(path)
    parts: dict[str | None, Graph] = {}
    try:
        if fmt in _OX_FORMATS:
            import pyoxigraph as ox

            convert = _OxConverter()
            for q in ox.parse(path=str(path), format=getattr(ox.RdfFormat, _OX_FORMATS[fmt])):
                name = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
                graph = parts.get(name)
                if graph is None:
                    graph = parts[name] = _PreparedQueryGraph(identifier=None if name is None else URIRef(name))
                graph.add((convert(q.subject), convert(q.predicate), convert(q.object)))
        else:
            ds = Dataset()
            ds.parse(path, format=fmt)
            for g in ds.graphs():
                if len(g):
                    name = None if g.identifier == ds.default_graph.identifier else str(g.identifier)
                    parts[name] = _copy(g)
    except (SyntaxError, ValueError, OSError) as exc:  # parse errors (rdflib's BadSyntax is a
        # SyntaxError), bad JSON / encoding (ValueError), unreadable file; anything else is a bug
        raise InputError(f"graph file {path} cannot be read as {fmt}: {_one_line(str(exc), 200)}") from None
    return parts


class _OxConverter:
    """pyoxigraph terms → rdflib terms (simple literals stay plain, as rdflib parses them)."""

    def __init__(self) -> None:
        self.cache: dict = {}

    def __call__(self, term):
        import pyoxigraph as ox

        out = self.cache.get(term)
        if out is None:
            if isinstance(term, ox.NamedNode):
                out = URIRef(term.value)
            elif isinstance(term, ox.BlankNode):
                out = BNode(term.value)
            elif term.language:
                out = Literal(term.value, lang=term.language)
            elif term.datatype.value == _XSD_STRING:
                out = Literal(term.value)
            else:
                out = Literal(term.value, datatype=URIRef(term.datatype.value))
            self.cache[term] = out
        return out


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def read_graph(path: str | Path) -> Dataset:
    """Parse a graph file into an rdflib Dataset; InputError (exit 2) naming the file when that fails."""
    ds = Dataset()
    for name, graph in read_parts(path).items():
        target = ds.default_graph if name is None else ds.graph(URIRef(name))
        for t in graph:
            target.add(t)
    return ds


def _split(data) -> tuple[list[tuple[str, Graph]], Graph]:
    """(document graphs, shared graph).  Without document graphs, everything is one shared graph."""
    if isinstance(data, dict):
        named = list(data.items())
    elif isinstance(data, ConjunctiveGraph):  # Dataset is a ConjunctiveGraph in rdflib 7
        contexts = data.graphs() if isinstance(data, Dataset) else data.contexts()
        named = [(str(g.identifier), g) for g in contexts]
    else:
        return [], data
    docs: list[tuple[str, Graph]] = []
    shared = _PreparedQueryGraph()
    for ident, g in named:
        if ident is not None and ident.startswith(DOC_GRAPH_PREFIX):
            if len(g):
                docs.append((ident, g))
        elif ident is None or URIRef(ident) != INFERRED_GRAPH:
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


@functools.cache
def _shape_targets() -> list[tuple[str, frozenset, frozenset, frozenset]]:
    """(shape, target classes, target predicates (subjects-of and objects-of), target nodes)."""
    shapes = load_shapes()
    out = []
    for shape in sorted(s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)):
        classes = frozenset(shapes.objects(shape, SH.targetClass))
        predicates = frozenset([*shapes.objects(shape, SH.targetSubjectsOf), *shapes.objects(shape, SH.targetObjectsOf)])
        nodes = frozenset(shapes.objects(shape, SH.targetNode))
        if classes or predicates or nodes:
            out.append((str(shape), classes, predicates, nodes))
    return out


def _shapes_targeting(graph: Graph) -> list[str]:
    """The shapes with at least one target among this graph's own triples.

    A document run needs no others: the slice of the vocabulary it carries is there for
    sh:class and path checks on the document's nodes, and is validated in the shared run.
    """
    types = set(graph.objects(None, RDF.type))
    predicates = set(graph.predicates())
    subjects = set(graph.subjects())
    return [
        shape
        for shape, classes, preds, nodes in _shape_targets()
        if classes & types or preds & predicates or nodes & subjects
    ]


def _run(data: Graph, keep=None, graph_name: str | None = None, shapes: list[str] | None = None):
    if shapes is not None and not shapes:
        return [], {}
    _conforms, report, _text = shacl_validate(
        data,
        shacl_graph=load_shapes(),
        inference="none",
        allow_warnings=True,
        allow_infos=True,
        inplace=True,
        use_shapes=shapes,
    )
    results: list[Result] = []
    terms: dict = {}
    # only the results of the report itself, not nested sh:detail results
    nodes = [n for rep in report.subjects(RDF.type, SH.ValidationReport) for n in report.objects(rep, SH.result)]
    for node in nodes:
        focus = report.value(node, SH.focusNode)
        value = report.value(node, SH.value)
        # a document-level check may report a node of this graph as the value
        if keep is not None and focus not in keep and value not in keep:
            continue
        severity = str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1]
        path = report.value(node, SH.resultPath)
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
            quote=_quote(data, focus) or (_quote(data, value) if isinstance(value, URIRef) else None),
            graph=graph_name,
        )
        results.append(result)
        terms[result] = {"focus": focus, "path": path, "value": value}
    return results, terms


def validate(data: Graph | Dataset | str | Path, *, fail_on: str = "violation", jobs: int = 1) -> Report:
    """Validate a graph, dataset or graph file; the report says whether it conforms at ``fail_on``.

    ``jobs`` > 1 validates document graphs in that many forked processes (0: one per CPU).

    >>> report = validate("build/envkg.trig", fail_on="warning")   # doctest: +SKIP
    >>> print(report.text())                                        # doctest: +SKIP
    """
    if fail_on not in FAIL_ON:
        raise InputError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    started = time.perf_counter()
    if isinstance(data, str | Path):
        data = read_parts(data)
    docs, shared = _split(data)

    results: dict[Result, dict] = {}
    if not docs:
        _found, terms = _run(_as_prepared(shared))
        results.update(terms)
    else:
        global _WORK
        _WORK = (shared, docs)
        try:
            indexes = range(-1, len(docs))  # -1: the shared graph on its own
            jobs = min(jobs if jobs > 0 else (os.cpu_count() or 1), len(indexes))
            if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
                context = multiprocessing.get_context("fork")
                with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
                    parts = list(pool.map(_run_part, indexes))
            else:
                parts = [_run_part(i) for i in indexes]
        finally:
            _WORK = None
        for terms in parts:
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


_WORK: tuple | None = None  # (shared graph, document graphs) for the current validate() call


def _run_part(index: int) -> dict:
    """Validate part ``index`` of ``_WORK``: -1 the shared graph, else one document graph
    with the slice of the shared graph it links to.  Runs in-process or in a forked worker."""
    assert _WORK is not None
    shared, docs = _WORK
    if index < 0:
        return _run(_as_prepared(shared), keep=set(shared.subjects()), graph_name=None)[1]
    ident, doc = docs[index]
    combined = _slice(shared, doc)
    for t in doc:
        combined.add(t)
    return _run(combined, keep=set(doc.subjects()), graph_name=ident, shapes=_shapes_targeting(doc))[1]


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


def _as_prepared(graph: Graph) -> Graph:
    return graph if isinstance(graph, _PreparedQueryGraph) else _copy(graph)


def _copy(graph: Graph) -> Graph:
    g = _PreparedQueryGraph()
    for t in graph:
        g.add(t)
    return g


def _slice(shared: Graph, doc: Graph) -> Graph:
    """The part of the shared graph a document graph reaches: every node it names, and
    everything those nodes link to (parent regions, broader concepts, schemes), transitively.

    Validating a document with this slice instead of the whole vocabulary gives the same
    results for the document's nodes (shapes follow links forward only) at a fraction of
    the cost, which stays constant as the vocabulary grows.
    """
    out = _PreparedQueryGraph()
    todo = [n for n in {*doc.subjects(), *doc.objects()} if isinstance(n, URIRef | BNode)]
    seen = set(todo)
    while todo:
        node = todo.pop()
        for t in shared.triples((node, None, None)):
            out.add(t)
            o = t[2]
            if isinstance(o, URIRef | BNode) and o not in seen:
                seen.add(o)
                todo.append(o)
    return out


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
