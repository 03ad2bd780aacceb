"""The README's generated query catalogue matches what the queries answer on the seed build."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_query_catalogue_is_current(seed_build):
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_readme.py"), "--graph", str(seed_build / "envkg.trig"), "--check"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, "README.md query catalogue is stale: run python tools/gen_readme.py"


def test_readme_opens_with_the_two_quick_start_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["python3 tasks.py build", "python3 tasks.py test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 tasks.py test" in ci


def test_the_python_api_example_runs(tmp_path, monkeypatch, capsys):
    """The README's "Python API" block, run as written in a folder laid out like the repository."""
    import envkg

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    code = section.split("```python", 1)[1].split("```", 1)[0]
    (tmp_path / "data").symlink_to(ROOT / "data")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(code, "README.md#python-api", "exec"), namespace)
    assert sorted(envkg.__all__) == ["__version__", "build", "export", "extract", "push", "query", "validate"]
    assert (tmp_path / "build" / "envkg.trig").is_file()
    assert namespace["report"].graphs >= 1
    assert namespace["result"].rows, "shared-programmes has rows on the seeds"
    targets = namespace["doc"].targets
    assert [(t.value, t.unit_text, t.comparator) for t in targets] == [("28", "微克/立方米", "<=")]
    assert "prefix" in namespace["turtle"][:500].lower()
    assert "conform" in capsys.readouterr().out
