"""envkg: Chinese environmental policy documents as a cited RDF knowledge graph.

The public Python API: thin wrappers over the library, the same calls the ``envkg``
command makes.  Each imports what it needs when called, so ``import envkg`` stays cheap.

    import envkg
    summary = envkg.build("data/sources", "build")
    report = envkg.validate("build/envkg.trig")
    rows = envkg.query("shared-programmes", graph="build/envkg.trig")

User errors raise :class:`envkg.errors.EnvkgError` (``InputError``, ``EndpointError``) with
a one-line message; anything else is a bug.
"""

from __future__ import annotations

import hashlib
import sys
import types
from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["__version__", "build", "export", "extract", "push", "query", "validate"]

if TYPE_CHECKING:
    from envkg.build import BuildSummary
    from envkg.model import DocumentResult, Metadata
    from envkg.query import QueryResult
    from envkg.validate import Report

GraphPath = str | PathLike


def build(sources: GraphPath = "data/sources", out: GraphPath = "build", *, progress: bool = False) -> BuildSummary:
    """Build the graph of a folder of documents into OUT (envkg.trig and envkg.ttl)."""
    from envkg.build import build_corpus

    return build_corpus(Path(sources), Path(out), progress=progress)


def extract(path_or_text: PathLike | str, *, name: str = "document.txt", meta: Metadata | None = None
            ) -> DocumentResult:
    """One document through every stage up to linking (no RDF): sections, measures, targets,
    mentions, all spans in offsets of the document's text.

    A ``Path`` is read as a file (UTF-8 or GB18030, .txt/.md/.html); a ``str`` is the text
    itself, its form (text, Markdown, HTML) taken from NAME's suffix and the content.
    """
    from envkg.build import extract_document
    from envkg.corpus import page_metadata, read_document
    from envkg.model import Document, Metadata
    from envkg.pages import MARKDOWN, detect_form

    if isinstance(path_or_text, PathLike):
        doc = read_document(Path(path_or_text), meta)
    else:
        path = Path(name)
        form = detect_form(path_or_text, path.suffix)
        doc = Document(stem=path.stem, path=path, raw=path_or_text,
                       sha256=hashlib.sha256(path_or_text.encode("utf-8")).hexdigest(), encoding="utf-8",
                       meta=meta or Metadata(), form=form,
                       page_meta=page_metadata(path_or_text) if form == MARKDOWN else Metadata())
    return extract_document(doc)


def validate(graph: GraphPath, *, fail_on: str = "violation", jobs: int = 1) -> Report:
    """Check a built graph file (or an rdflib Graph/Dataset) against the SHACL shapes."""
    from envkg.validate import validate as run_validate

    return run_validate(graph, fail_on=fail_on, jobs=jobs)


def query(name: str, params: Mapping[str, str] | None = None, *, graph: GraphPath | None = None,
          endpoint: str | None = None, labels: bool = True) -> QueryResult:
    """Run canned query NAME (``envkg query --list``) on a graph file or a SPARQL endpoint.

    PARAMS are strings (labels, IRIs or text).  Without GRAPH or ENDPOINT: build/envkg.trig.
    """
    from envkg.query import run_query

    return run_query(name, params, graph_path=graph, endpoint=endpoint, labels=labels)


def export(graph: GraphPath, format: str, out: GraphPath | None = None, *, void: bool = True,
           license: str | None = None) -> str | list[Path]:
    """Write GRAPH as FORMAT (turtle, json-ld, nt, trig, nquads) to OUT; without OUT, return the text."""
    from envkg.export import export as do_export

    return do_export(graph, format, out, void=void, license_iri=license)


def push(graph: GraphPath, endpoint: str, *, gsp: str | None = None) -> list[tuple[str, int]]:
    """Upload every graph of GRAPH to a SPARQL server (Graph Store Protocol PUT); (graph, triples) each."""
    from envkg.endpoint import push as do_push

    return do_push(graph, endpoint, gsp)


class _Package(types.ModuleType):
    """Keeps ``envkg.build``, ``envkg.query`` … the API functions above although modules of the
    same names exist: importing a submodule sets it as an attribute of its package, which
    would replace the function.  The modules stay importable (``from envkg.build import …``,
    ``importlib.import_module``); only attribute access through the package gives the function.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in __all__ and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
