"""`envkg build`, `envkg eval`, `envkg candidates`: options → library call → print."""

from __future__ import annotations

from pathlib import Path

import click

from envkg.cli.common import CONTEXT_SETTINGS, graph_option, resolve_graph, user_errors
from envkg.defaults import DEFAULT_GOLD, DEFAULT_OUT, DEFAULT_SOURCES

sources_option = click.option(
    "--sources", type=click.Path(path_type=Path), default=DEFAULT_SOURCES, show_default=True,
    help="Folder of documents (.txt, .md, .html; optional metadata.csv).")


@click.command(context_settings=CONTEXT_SETTINGS)
@sources_option
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Output folder for envkg.ttl and envkg.trig.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@user_errors
def build(sources: Path, out: Path, quiet: bool) -> None:
    """Build the graph from a folder of documents.

    \b
    Example:
      envkg build --sources data/sources --out build
    """
    from envkg.build import build_corpus

    summary = build_corpus(sources, out, progress=not quiet)
    if not quiet:
        click.echo(summary.render())


@click.command(name="eval", context_settings=CONTEXT_SETTINGS)
@sources_option
@click.option("--gold", type=click.Path(path_type=Path), default=DEFAULT_GOLD, show_default=True,
              help="Folder of gold files named by document stem (*.jsonl).")
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=None,
              help="Score this built graph (envkg.ttl or envkg.trig) instead of building the sources.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@user_errors
def eval_cmd(sources: Path, gold: Path, graph_path: Path | None, as_json: bool) -> None:
    """Score extraction against a gold set: precision, recall, F1 per kind and document.

    \b
    Example:
      envkg eval --sources data/sources --gold data/gold --json
    """
    import json

    from envkg.evaluate import evaluate, render_table

    report = evaluate(sources, gold, graph_path)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        click.echo(render_table(report))


@click.command(context_settings=CONTEXT_SETTINGS)
@graph_option
@click.option("--min-count", default=1, show_default=True, help="Only names seen at least this often.")
@user_errors
def candidates(graph_path: Path | None, min_count: int) -> None:
    """Quoted names found in the documents but not in a vocabulary (for curators).

    \b
    Example:
      envkg candidates --min-count 2
    """
    from envkg.curation import candidate_rows

    rows = candidate_rows(resolve_graph(graph_path))
    shown = [r for r in rows if r["count"] >= min_count]
    for r in shown:
        click.echo(f"{r['count']:>4}  {r['label']}  ({r['documents']})")
        for passage in r["passages"][:2]:
            click.echo(f"        {passage}")
    click.echo(f"{len(shown)} candidate names")
