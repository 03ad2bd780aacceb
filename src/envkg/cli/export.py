"""`envkg export` and `envkg push`: options → library call → print."""

from __future__ import annotations

from pathlib import Path

import click

from envkg.cli.common import CONTEXT_SETTINGS, RegistryChoice, graph_option, resolve_graph, user_errors


@click.command(context_settings=CONTEXT_SETTINGS)
@click.option("--format", "fmt", type=RegistryChoice("envkg.export:FORMATS"), required=True,
              help="turtle and nt: the union; trig, nquads, json-ld: one graph per document.")
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


@click.command(context_settings=CONTEXT_SETTINGS)
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
