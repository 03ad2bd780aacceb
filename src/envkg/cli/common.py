"""What every command shares: context settings, the one error path, shared options.

Exit codes (DESIGN.md §6, envkg.errors): 0 success; 1 validation failed at the chosen level;
2 bad usage or bad input; 3 endpoint unreachable or refused.
"""

from __future__ import annotations

import functools
import importlib
import sys
from pathlib import Path

import click

from envkg.defaults import DEFAULT_GRAPH
from envkg.errors import EXIT_USAGE, EnvkgError, InputError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def fail(message: str, code: int = EXIT_USAGE) -> None:
    """The one error path: one `envkg: …` line on standard error, then the exit code."""
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


class RegistryChoice(click.Choice):
    """The names of a library registry (``module:ATTRIBUTE``), read when first needed, so
    ``envkg -h`` does not import pySHACL and the CLI never keeps its own copy of the list."""

    def __init__(self, registry: str):
        self._registry = registry
        self._names: tuple[str, ...] | None = None
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:
        if self._names is None:
            module, _, attr = self._registry.partition(":")
            self._names = tuple(getattr(importlib.import_module(module), attr))
        return self._names


def resolve_graph(graph_path: Path | None) -> Path:
    """The graph file to read; a missing one is a user error naming it (exit 2)."""
    path = graph_path or DEFAULT_GRAPH
    if not path.exists():
        hint = " (run `envkg build` first)" if graph_path is None else ""
        raise InputError(f"graph file {path} does not exist{hint}")
    return path


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


def query_format_option(help: str):
    return click.option("--format", "fmt", type=RegistryChoice("envkg.query:RENDERERS"), default="table",
                        show_default=True, help=help)
