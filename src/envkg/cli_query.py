"""`envkg` commands on the query modules; thin: options → library call → print.

query, sparql, show, export, push.  Exit codes as in envkg.cli: 2 bad input (unknown query
or parameter, unreadable graph), 3 endpoint unreachable or refused.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from envkg.cli import CONTEXT_SETTINGS, endpoint_option, graph_option, main, resolve_graph, user_errors
from envkg.errors import InputError

_FORMAT_CHOICES = click.Choice(["table", "csv", "json", "md"])


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"parameter {pair!r} is not KEY=VALUE")
        params[key.strip()] = value
    return params


def _source(graph_path: Path | None, endpoint: str | None) -> dict:
    if endpoint:
        return {"endpoint": endpoint}
    return {"graph_path": resolve_graph(graph_path)}


@main.command(context_settings=CONTEXT_SETTINGS)
@click.argument("name", required=False)
@click.option("--list", "list_only", is_flag=True, help="List the canned queries: name, title, parameters.")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter; a label is resolved to its node (repeatable).")
@click.option("--format", "fmt", type=_FORMAT_CHOICES, default="table", show_default=True,
              help="table and md show labels (zh with en); csv and json are SPARQL 1.1 results.")
@graph_option
@endpoint_option
@user_errors
def query(name: str | None, list_only: bool, params: tuple[str, ...], fmt: str,
          graph_path: Path | None, endpoint: str | None) -> None:
    """Run a canned research query (queries/*.rq) over the union of all graphs.

    \b
    Examples:
      envkg query --list
      envkg query indicator-targets -p indicator=PM2.5年均浓度 --format md
      envkg query shared-programmes --endpoint http://127.0.0.1:7878/query
    """
    from envkg.query import catalogue_lines, render, run_query

    if list_only:
        click.echo("\n".join(catalogue_lines()))
        return
    if not name:
        raise InputError("give a query NAME or --list")
    result = run_query(name, _parse_params(params), labels=fmt in ("table", "md"), **_source(graph_path, endpoint))
    text = render(result, fmt)
    click.echo(text, nl=not text.endswith("\n"))


@main.command(context_settings=CONTEXT_SETTINGS)
@click.argument("file", type=click.Path(allow_dash=True, path_type=Path))
@click.option("--format", "fmt", type=_FORMAT_CHOICES, default="table", show_default=True,
              help="Output of a SELECT; CONSTRUCT/DESCRIBE print N-Triples, ASK prints true/false.")
@graph_option
@endpoint_option
@user_errors
def sparql(file: Path, fmt: str, graph_path: Path | None, endpoint: str | None) -> None:
    """Run a SPARQL query from FILE (or - for standard input) over the union of all graphs.

    \b
    Examples:
      echo 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | envkg sparql -
      envkg sparql my-query.rq --format csv --endpoint http://127.0.0.1:7878/query
    """
    from envkg.query import QueryResult, fetch_labels, render

    if str(file) == "-":
        text = sys.stdin.read()
    else:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot read query file {file}: {exc.strerror}") from None
    if endpoint:
        from envkg.endpoint import RemoteBackend, sparql_remote

        kind, payload = sparql_remote(endpoint, text)
        backend = RemoteBackend(endpoint) if kind == "select" else None
    else:
        from envkg.query import LocalBackend
        from envkg.store import cached_store, run_any

        store = cached_store(resolve_graph(graph_path))
        kind, payload = run_any(store, text)
        backend = LocalBackend(store)
    if kind == "ask":
        click.echo("true" if payload else "false")
    elif kind == "graph":
        click.echo(payload, nl=False)
    else:
        variables, rows = payload
        result = QueryResult(variables, rows)
        if fmt in ("table", "md") and backend is not None:
            from envkg.query import _iris

            result.labels = fetch_labels(backend, _iris(rows))
        out = render(result, fmt)
        click.echo(out, nl=not out.endswith("\n"))


@main.command(context_settings=CONTEXT_SETTINGS)
@click.argument("term")
@graph_option
@endpoint_option
@user_errors
def show(term: str, graph_path: Path | None, endpoint: str | None) -> None:
    """Show one node — by IRI, prefixed name (id:region/440100) or label — with its labels,
    types, links and the source passages (quote, document, offsets) behind it.

    \b
    Examples:
      envkg show 无废城市
      envkg show id:region/440100
    """
    from envkg.query import describe

    click.echo(describe(term, **_source(graph_path, endpoint)).render())


@main.command(context_settings=CONTEXT_SETTINGS)
@click.option("--format", "fmt", type=click.Choice(["turtle", "json-ld", "nt", "trig", "nquads"]),
              required=True, help="turtle and nt: the union; trig, nquads, json-ld: one graph per document.")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=None,
              help="File to write (atomically), with FILE-STEM.void.ttl (VoID/DCAT) and, for json-ld, "
                   "context.jsonld beside it.  Default: standard output, context inlined.")
@click.option("--void/--no-void", default=True, show_default=True,
              help="Write the VoID/DCAT description beside the output file.")
@click.option("--license", "license_iri", default=None, metavar="IRI",
              help="Licence IRI for the VoID/DCAT description (else a rights note says none was given).")
@graph_option
@user_errors
def export(fmt: str, out: Path | None, void: bool, license_iri: str | None, graph_path: Path | None) -> None:
    """Export the built graph as Turtle, JSON-LD, N-Triples, TriG or N-Quads (sorted, deterministic).

    \b
    Example:
      envkg export --format json-ld -o build/export/envkg.jsonld
    """
    from envkg.export import export as do_export

    result = do_export(resolve_graph(graph_path), fmt, out, void=void, license_iri=license_iri)
    if out is None:
        click.echo(result, nl=False)
    else:
        for path in result:
            click.echo(f"wrote {path}", err=True)


@main.command(context_settings=CONTEXT_SETTINGS)
@click.option("--endpoint", required=True, metavar="URL",
              help="The SPARQL query URL (the graph store URL is derived: …/query → …/store).")
@click.option("--gsp", default=None, metavar="URL",
              help="Graph Store Protocol URL, when it cannot be derived (Fuseki: http://host:3030/ds/data).")
@graph_option
@user_errors
def push(endpoint: str, gsp: str | None, graph_path: Path | None) -> None:
    """Upload the build to a SPARQL server, one HTTP PUT per named graph
    (SPARQL 1.1 Graph Store Protocol; PUT replaces each graph, so pushing twice is safe).

    \b
    Example:
      oxigraph serve --location db --union-default-graph &
      envkg push --endpoint http://127.0.0.1:7878/query
    """
    from envkg.endpoint import push as do_push

    done = do_push(resolve_graph(graph_path), endpoint, gsp)
    total = sum(n for _, n in done)
    click.echo(f"pushed {len(done)} graphs, {total} triples")
