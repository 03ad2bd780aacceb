"""A remote SPARQL endpoint: queries through SPARQLWrapper, uploads through the SPARQL 1.1
Graph Store Protocol (GSP).  envkg never needs its own server (DESIGN.md §5).

Queries expect the server to answer over the union of its named graphs (Oxigraph:
``oxigraph serve --union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph true``).

``push`` PUTs each named graph of a build to ``GSP?graph=<graph IRI>`` (replacing that graph)
and a default graph, if the file has one, to ``GSP?default``.  The GSP URL is given with
``--gsp`` or derived from the query URL: a last path segment ``query`` or ``sparql`` becomes
``store`` (Oxigraph: ``http://host:7878/query`` → ``http://host:7878/store``); a URL that
already ends in ``/store`` or ``/data`` is used as it is.  For Fuseki pass
``--gsp http://host:3030/DATASET/data``.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from envkg.errors import EndpointError, InputError
from envkg.store import Row, Term, bind_values, read_quads, term_from_json

TIMEOUT_S = 60
USER_AGENT = "envkg (https://w3id.org/envkg)"


def _one_line(exc: BaseException) -> str:
    text = str(getattr(exc, "reason", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _wrapper(url: str, query: str):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    sw = SPARQLWrapper(url, agent=USER_AGENT)
    sw.setQuery(query)
    sw.setMethod(POST)
    sw.setReturnFormat(JSON)
    sw.setTimeout(TIMEOUT_S)
    return sw


def _call(url: str, sw):
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    try:
        return sw.query()
    except SPARQLWrapperException as exc:
        msg = _one_line(exc).replace("\n", " ")
        if type(exc).__name__ == "QueryBadFormed":
            raise InputError(f"endpoint {url} rejected the query: {msg[:200]}") from None
        raise EndpointError(f"endpoint {url} refused the request: {msg[:200]}") from None
    except urllib.error.HTTPError as exc:
        raise EndpointError(f"endpoint {url} refused the request: HTTP {exc.code} {exc.reason}") from None
    except (TimeoutError, urllib.error.URLError, OSError) as exc:
        raise EndpointError(f"endpoint {url} is unreachable: {_one_line(exc)}") from None


class RemoteBackend:
    """SELECT queries against a SPARQL endpoint; bindings become a VALUES block."""

    def __init__(self, url: str):
        check_url(url)
        self.url = url

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> tuple[list[str], list[Row]]:
        text = bind_values(query, bindings or {})
        result = _call(self.url, _wrapper(self.url, text))
        try:
            doc = json.loads(result.response.read().decode("utf-8"))
        except (ValueError, OSError) as exc:
            raise EndpointError(f"endpoint {self.url} sent no SPARQL JSON results: {_one_line(exc)}") from None
        if "boolean" in doc:
            raise InputError("expected a SELECT query, got ASK")
        variables = list(doc.get("head", {}).get("vars", []))
        rows = [{v: (term_from_json(b[v]) if v in b else None) for v in variables}
                for b in doc.get("results", {}).get("bindings", [])]
        return variables, rows


def check_url(url: str) -> None:
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InputError(f"endpoint {url!r} is not an http(s) URL")


def sparql_remote(url: str, query: str) -> tuple[str, object]:
    """Any query form: ("select", (vars, rows)) | ("ask", bool) | ("graph", N-Triples text)."""
    from SPARQLWrapper import TURTLE

    check_url(url)
    sw = _wrapper(url, query)
    kind = (sw.queryType or "").upper()
    if kind in ("CONSTRUCT", "DESCRIBE"):
        sw.setReturnFormat(TURTLE)
        body = _call(url, sw).response.read()
        try:
            triples = sorted({str(ox.Triple(q.subject, q.predicate, q.object))
                              for q in ox.parse(body, format=ox.RdfFormat.TURTLE)})
        except SyntaxError as exc:
            raise EndpointError(f"endpoint {url} sent unreadable Turtle: {_one_line(exc)}") from None
        return "graph", "".join(f"{t} .\n" for t in triples)
    if kind not in ("SELECT", "ASK"):
        raise InputError(f"envkg sparql runs queries only (SELECT, ASK, CONSTRUCT, DESCRIBE), not {kind or 'this'}")
    if kind == "ASK":
        doc = json.loads(_call(url, sw).response.read().decode("utf-8"))
        return "ask", bool(doc.get("boolean"))
    return "select", RemoteBackend(url).select(query)


def gsp_url(endpoint: str, gsp: str | None = None) -> str:
    """The Graph Store Protocol URL: GSP as given, else derived from the query endpoint."""
    url = gsp or endpoint
    check_url(url)
    if gsp:
        return gsp
    parsed = urllib.parse.urlparse(url)
    path = parsed.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if last in ("store", "data"):
        new_path = path
    elif last in ("query", "sparql"):
        new_path = f"{head}/store"
    else:
        new_path = f"{path}/store"
    return urllib.parse.urlunparse(parsed._replace(path=new_path, query="", fragment=""))


def _put(url: str, body: bytes, content_type: str) -> int:
    req = urllib.request.Request(url, data=body, method="PUT",
                                 headers={"Content-Type": content_type, "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        more = f": {detail[0][:160]}" if detail else ""
        raise EndpointError(f"graph store {url} refused the upload: HTTP {exc.code} {exc.reason}{more}") from None
    except (TimeoutError, urllib.error.URLError, OSError) as exc:
        raise EndpointError(f"graph store {url} is unreachable: {_one_line(exc)}") from None


def push(graph_path: Path | str, endpoint: str, gsp: str | None = None) -> list[tuple[str, int]]:
    """PUT every graph of GRAPH_PATH to the endpoint's graph store; (graph, triples) per graph.

    PUT replaces the graph, so pushing the same build twice leaves the same data.
    """
    from envkg.export import graphs_of, write_nt

    base = gsp_url(endpoint, gsp)
    done = []
    for graph, triples in graphs_of(read_quads(graph_path)).items():
        if isinstance(graph, ox.DefaultGraph):
            url, name = f"{base}?default", "(default graph)"
        elif isinstance(graph, ox.NamedNode):
            url = f"{base}?{urllib.parse.urlencode({'graph': graph.value})}"
            name = graph.value
        else:
            continue  # a blank-node graph name cannot be addressed over GSP
        _put(url, write_nt(triples).encode("utf-8"), "application/n-triples")
        done.append((name, len(triples)))
    return done
