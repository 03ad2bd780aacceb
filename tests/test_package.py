"""The wheel carries the ontology, shapes, vocabularies and queries, and finds them installed."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0 and "hatchling" in result.stderr:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
            capture_output=True, text=True, timeout=300,
        )
    assert result.returncode == 0, result.stderr
    return next(out.glob("envkg-*.whl"))


def test_wheel_contains_the_data_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("ontology", "shapes", "vocab", "queries"):
        assert any(n.startswith(f"envkg/resources/{folder}/") for n in names), folder
    assert "envkg/resources/ontology/envkg.ttl" in names
    assert "envkg/resources/vocab/programmes.ttl" in names


def test_installed_package_reads_its_resources_outside_the_source_tree(wheel, tmp_path):
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = (
        "import envkg.resources as r, envkg.vocab as v;"
        "print(r.resource_dir('vocab'));"
        "print(len(v.load('regions.ttl')), len(r.shapes_files()), len(r.query_files()))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(target), "PATH": ""}, timeout=120)
    assert out.returncode == 0, out.stderr
    where, counts = out.stdout.splitlines()
    assert where.startswith(str(target)), "resources were read from the source tree, not the package"
    regions, shapes, queries = map(int, counts.split())
    assert regions > 3000 and shapes >= 1 and queries >= 1
