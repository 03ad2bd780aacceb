"""Shared fixtures: the project paths and one build of the seed documents per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"
GOLD = ROOT / "data" / "gold"
SHARED_GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """build/ folder of a fresh build of data/sources (envkg.ttl, envkg.trig)."""
    from envkg.build import build_corpus

    out = tmp_path_factory.mktemp("build")
    build_corpus(SOURCES, out)
    return out


@pytest.fixture
def sources_copy(tmp_path) -> Path:
    """A writable copy of data/sources."""
    target = tmp_path / "sources"
    shutil.copytree(SOURCES, target)
    return target
