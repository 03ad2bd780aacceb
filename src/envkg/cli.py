"""The ``envkg`` command line: parses options, calls the library, prints.

Exit codes (DESIGN.md §6): 0 success; 1 validation failed at the chosen level; 2 bad
usage or bad input; 3 endpoint unreachable or refused.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from envkg import __version__
from envkg.errors import EXIT_USAGE, EnvkgError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULT_SOURCES = Path("data/sources")
DEFAULT_OUT = Path("build")
DEFAULT_GRAPH = DEFAULT_OUT / "envkg.trig"


def fail(message: str, code: int = EXIT_USAGE) -> None:
    click.echo(f"envkg: {message}", err=True)
    sys.exit(code)


def user_errors(func):
    """Turn an EnvkgError into its one-line message and exit code; a traceback is a bug."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except EnvkgError as exc:
            fail(str(exc), exc.exit_code)

    return wrapper


# --- options shared by several commands, defined once ---

graph_option = click.option(
    "--graph",
    "graph_path",
    type=click.Path(path_type=Path),
    default=None,
    help=f"Built graph to read (.trig, .ttl, .nt, .nq, .jsonld). Default: {DEFAULT_GRAPH}.",
)
endpoint_option = click.option(
    "--endpoint", default=None, metavar="URL", help="Query a SPARQL endpoint instead of a local graph."
)


def resolve_graph(graph_path: Path | None) -> Path:
    path = graph_path or DEFAULT_GRAPH
    if not path.exists():
        hint = " (run `envkg build` first)" if graph_path is None else ""
        raise click.exceptions.UsageError(f"graph file {path} does not exist{hint}")
    return path


class Group(click.Group):
    """Usage errors exit 2 (click's default too) with one line, not a wall of help."""

    def main(self, *args, **kwargs):
        kwargs.setdefault("standalone_mode", True)
        return super().main(*args, **kwargs)


@click.group(cls=Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="envkg")
def main() -> None:
    """Chinese environmental work plans as a cited RDF knowledge graph.

    \b
    Example:
      envkg build && envkg validate && envkg query shared-programmes
    """


@main.command(context_settings=CONTEXT_SETTINGS)
@click.option("--sources", type=click.Path(path_type=Path), default=DEFAULT_SOURCES, show_default=True,
              help="Folder of plain-text documents (optional metadata.csv).")
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


@main.command(name="eval", context_settings=CONTEXT_SETTINGS)
@click.option("--sources", type=click.Path(path_type=Path), default=DEFAULT_SOURCES, show_default=True)
@click.option("--gold", type=click.Path(path_type=Path), default=Path("data/gold"), show_default=True,
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


@main.command(context_settings=CONTEXT_SETTINGS)
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


# Commands of the validation, query and export modules attach themselves to `main`.
from envkg import cli_query as _cli_query  # noqa: E402,F401
from envkg import cli_validate as _cli_validate  # noqa: E402,F401

if __name__ == "__main__":
    main()
