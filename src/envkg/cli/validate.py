"""`envkg validate`: options → library call → print; exit 1 when the graph does not conform."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from envkg.cli.common import CONTEXT_SETTINGS, RegistryChoice, resolve_graph, user_errors
from envkg.errors import EXIT_INVALID, EXIT_OK


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("graph", required=False, type=click.Path(path_type=Path), default=None)
@click.option("--fail-on", type=RegistryChoice("envkg.validate:FAIL_ON"), default="violation", show_default=True,
              help="Lowest severity that makes the command exit 1.")
@click.option("--format", "fmt", type=RegistryChoice("envkg.validate:REPORT_FORMATS"), default="text",
              show_default=True, help="Report format.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Processes validating document graphs in parallel (0: one per CPU).")
@user_errors
def validate(graph: Path | None, fail_on: str, fmt: str, jobs: int) -> None:
    """Check a built graph against the SHACL shapes.

    GRAPH is a .trig, .ttl, .nt, .nq or .jsonld file (default build/envkg.trig).  Each
    document graph is validated with the vocabulary graph.  Structural errors are
    violations; implausible values in a source (a negative concentration, a percentage
    over 100) are warnings, shown with the passage they come from.  Exit 0 when the graph
    conforms at the --fail-on level, 1 when not, 2 when the file cannot be read.

    \b
    Example:
      envkg validate build/envkg.trig --fail-on warning --format json
    """
    from envkg.validate import validate as run_validate

    report = run_validate(resolve_graph(graph), fail_on=fail_on, jobs=jobs)
    click.echo(report.render(fmt))
    sys.exit(EXIT_OK if report.conforms else EXIT_INVALID)
