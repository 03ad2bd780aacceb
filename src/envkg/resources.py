"""Named loaders for the data files that ship with the package.

The top-level ``ontology/``, ``shapes/``, ``data/vocab/`` and ``queries/`` folders are the
source of truth.  The wheel carries them under ``envkg/resources/`` (see pyproject.toml);
a source checkout reads them where they stand.
"""

from __future__ import annotations

import functools
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

# folder name inside the wheel -> folder in the source tree
_FOLDERS = {
    "ontology": "ontology",
    "shapes": "shapes",
    "vocab": "data/vocab",
    "queries": "queries",
}


def resource_dir(name: str) -> Traversable:
    packaged = resources.files("envkg") / "resources" / name
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parents[2] / _FOLDERS[name]
    if source.is_dir():
        return source
    raise FileNotFoundError(f"envkg resource folder {name!r} is missing from this installation")


def resource_files(name: str, suffix: str) -> list[Traversable]:
    return sorted(
        (f for f in resource_dir(name).iterdir() if f.name.endswith(suffix)),
        key=lambda f: f.name,
    )


@functools.cache
def read_text(name: str, file_name: str) -> str:
    return (resource_dir(name) / file_name).read_text(encoding="utf-8")


def ontology_text() -> str:
    return read_text("ontology", "envkg.ttl")


def vocab_text(file_name: str) -> str:
    """A vocabulary file of data/vocab, e.g. ``programmes.ttl``."""
    return read_text("vocab", file_name)


def vocab_files() -> list[str]:
    return [f.name for f in resource_files("vocab", ".ttl")]


def shapes_files() -> list[str]:
    return [f.name for f in resource_files("shapes", ".ttl")]


def shapes_text(file_name: str) -> str:
    return read_text("shapes", file_name)


def query_files() -> list[str]:
    return [f.name for f in resource_files("queries", ".rq")]


def query_text(file_name: str) -> str:
    return read_text("queries", file_name)
