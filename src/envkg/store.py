"""The embedded store: a built graph loaded into an in-memory pyoxigraph ``Store``.

Queries run over the union of all named graphs (DESIGN.md §5):
``store.query(..., use_default_graph_as_union=True)``.  A ``.ttl``/``.nt`` file lands in
the default graph, which the union includes too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from envkg import resources
from envkg.errors import InputError

FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
}

CONTEXT_FILE = "context.jsonld"

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Row = dict[str, Term | None]


def graph_format(path: Path) -> ox.RdfFormat:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(FORMATS)
        raise InputError(f"{path}: unknown graph format {path.suffix!r} (use one of {known})") from None


def _jsonld_input(path: Path) -> str:
    """A JSON-LD file whose ``@context`` names our context file is read with the shipped one.

    The export writes ``"@context": "context.jsonld"`` (a file beside it); parsers here have
    no document loader, so the reference is replaced by the context itself.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and isinstance(data.get("@context"), str):
        ref = data["@context"]
        beside = path.parent / ref
        if beside.is_file():
            data["@context"] = json.loads(beside.read_text(encoding="utf-8"))["@context"]
        elif Path(ref).name == CONTEXT_FILE:
            # the shipped copy (a test keeps it equal to export.jsonld_context())
            data["@context"] = json.loads(resources.read_text("ontology", CONTEXT_FILE))["@context"]
    return json.dumps(data, ensure_ascii=False)


def read_quads(path: Path | str) -> list[ox.Quad]:
    """The quads of a graph file, as written (no store, so literals keep their lexical form:
    a store would canonicalise ``-25.0``^^xsd:decimal to ``-25``).  Duplicates are dropped."""
    path = Path(path)
    fmt = graph_format(path)
    if not path.is_file():
        raise InputError(f"graph file {path} does not exist")
    try:
        if fmt == ox.RdfFormat.JSON_LD:
            parsed = ox.parse(_jsonld_input(path), format=fmt)
        else:
            parsed = ox.parse(path=str(path), format=fmt)
        return list(dict.fromkeys(parsed))
    except (SyntaxError, ValueError, json.JSONDecodeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path}: cannot parse graph: {first}") from None


def load_store(path: Path | str) -> ox.Store:
    """Load a built graph file into a fresh in-memory store (format from the suffix)."""
    path = Path(path)
    fmt = graph_format(path)
    if not path.is_file():
        raise InputError(f"graph file {path} does not exist")
    store = ox.Store()
    try:
        if fmt == ox.RdfFormat.JSON_LD:
            store.load(_jsonld_input(path), format=fmt)
        else:
            store.load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, json.JSONDecodeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path}: cannot parse graph: {first}") from None
    return store


@dataclass(frozen=True)
class _Key:
    path: str
    mtime_ns: int
    size: int


_CACHE: dict[_Key, ox.Store] = {}


def cached_store(path: Path | str) -> ox.Store:
    """Like :func:`load_store`, but reuse the store while the file is unchanged."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(f"graph file {p} does not exist") from None
    key = _Key(str(p.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _CACHE:
        _CACHE.clear()  # one graph at a time is plenty
        _CACHE[key] = load_store(p)
    return _CACHE[key]


def select(
    store: ox.Store, query: str, substitutions: dict[str, Term] | None = None
) -> tuple[list[str], list[dict[str, Term | None]]]:
    """Run a SELECT over the union of all graphs; values are bound, never formatted in."""
    subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
    try:
        result = store.query(query, use_default_graph_as_union=True, substitutions=subs or None)
    except SyntaxError as exc:
        raise InputError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
    if not isinstance(result, ox.QuerySolutions):
        raise InputError("expected a SELECT query")
    names = [v.value for v in result.variables]
    rows = [{n: sol[n] for n in names} for sol in result]
    return names, rows


def run_any(store: ox.Store, query: str) -> tuple[str, object]:
    """Any query form over the union: ("select", (vars, rows)) | ("ask", bool) | ("graph", N-Triples)."""
    try:
        result = store.query(query, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise InputError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return "select", (names, [{n: sol[n] for n in names} for sol in result])
    if isinstance(result, ox.QueryBoolean):
        return "ask", bool(result)
    return "graph", "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in result)


# --- terms in query text and results, the same for the local store and an endpoint ---

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def strip_comment_lines(query: str) -> str:
    return "\n".join(line for line in query.splitlines() if not line.lstrip().startswith("#"))


def bind_values(query: str, bindings: Mapping[str, Term]) -> str:
    """The query with a ``VALUES`` block of serialised RDF terms opening its outer WHERE.

    For endpoints, which take no bindings beside the text.  Each value is an RDF term
    serialised by pyoxigraph (IRIs are validated, literals escaped), so it stays a value.
    """
    if not bindings:
        return query
    body = strip_comment_lines(query)
    m = _WHERE.search(body)
    if not m:
        raise InputError("cannot bind parameters: the query has no 'WHERE {'")
    names = list(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise InputError(f"bad parameter name {name!r}")
    values = " ".join(_serialise(bindings[n]) for n in names)
    block = f"\n  VALUES ({' '.join('?' + n for n in names)}) {{ ({values}) }}\n"
    return body[: m.end()] + block + body[m.end():]


def _serialise(term: Term) -> str:
    if not isinstance(term, ox.NamedNode | ox.Literal):
        raise InputError(f"cannot bind {term!r}")
    return str(term)  # N-Triples form: valid SPARQL, escaped



def term_from_json(binding: Mapping[str, str]) -> Term:
    """A SPARQL JSON results binding as a pyoxigraph term."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)
