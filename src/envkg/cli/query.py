"""`envkg query`, `envkg sparql`, `envkg show`: options → library call → print.

Exit codes: 2 bad input (unknown query or parameter, unreadable graph), 3 endpoint
unreachable or refused.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from envkg.cli.common import (
    CONTEXT_SETTINGS,
    endpoint_option,
    graph_option,
    query_format_option,
    resolve_graph,
    user_errors,
)
from envkg.errors import InputError


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


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("name", required=False)
@click.option("--list", "list_only", is_flag=True, help="List the canned queries: name, title, parameters.")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter; a label is resolved to its node (repeatable).")
@query_format_option("table and md show labels (zh with en); csv and json are SPARQL 1.1 results.")
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


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("file", type=click.Path(allow_dash=True, path_type=Path))
@query_format_option("Output of a SELECT; CONSTRUCT/DESCRIBE print N-Triples, ASK prints true/false.")
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
    from envkg.query import run_sparql

    if str(file) == "-":
        text = sys.stdin.read()
    else:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise InputError(f"cannot read query file {file}: {reason}") from None
    kind, payload = run_sparql(text, labels=fmt in ("table", "md"), **_source(graph_path, endpoint))
    if kind == "ask":
        click.echo("true" if payload else "false")
    elif kind == "graph":
        click.echo(payload, nl=False)
    else:
        from envkg.query import render

        out = render(payload, fmt)
        click.echo(out, nl=not out.endswith("\n"))


@click.command(context_settings=CONTEXT_SETTINGS)
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
