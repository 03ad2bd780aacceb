"""The ``envkg`` command line: a thin layer that parses options, calls the library, prints.

Each command lives in a module of this package and is registered here with ``add_command``;
shared options and the one error path are in :mod:`envkg.cli.common`.
"""

from __future__ import annotations

import click

from envkg import __version__
from envkg.cli.build import build, candidates, eval_cmd
from envkg.cli.common import CONTEXT_SETTINGS
from envkg.cli.export import export, push
from envkg.cli.query import query, show, sparql
from envkg.cli.validate import validate


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="envkg")
def main() -> None:
    """Chinese environmental work plans as a cited RDF knowledge graph.

    \b
    Example:
      envkg build && envkg validate && envkg query shared-programmes
    """


for _command in (build, validate, eval_cmd, query, sparql, show, export, push, candidates):
    main.add_command(_command)

__all__ = ["main"]
