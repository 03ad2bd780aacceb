"""The command line through its real entry point: help, README coverage, exit codes."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from envkg.cli import main

from .conftest import ROOT

CONTRACT_COMMANDS = ["build", "validate", "eval", "query", "sparql", "export", "push", "show", "candidates"]


def test_every_contract_command_exists():
    assert set(CONTRACT_COMMANDS) <= set(main.commands)


@pytest.mark.parametrize("name", CONTRACT_COMMANDS)
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name):
    for flag in ("-h", "--help"):
        result = CliRunner().invoke(main, [name, flag])
        assert result.exit_code == 0, result.output
        assert "Example" in result.output, f"{name} help has no example"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^envkg {name}\b", readme, re.M), f"{name} missing from README"


def test_version_and_group_help():
    assert CliRunner().invoke(main, ["--version"]).output.startswith("envkg, version")
    assert CliRunner().invoke(main, ["-h"]).exit_code == 0


def test_installed_console_script_runs():
    exe = ROOT / ".venv" / "bin" / "envkg"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "envkg.cli"]
    out = subprocess.run(cmd + ["--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "build" in out.stdout


def test_missing_sources_folder_exits_2_naming_it(tmp_path):
    result = CliRunner().invoke(main, ["build", "--sources", str(tmp_path / "nowhere"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "nowhere" in result.output and "Traceback" not in result.output


def test_gb18030_binary_and_empty_inputs(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_bytes("一、目标\n空气质量持续改善。\n".encode("gb18030"))
    ok = CliRunner().invoke(main, ["build", "--sources", str(src), "--out", str(tmp_path / "b"), "-q"])
    assert ok.exit_code == 0, ok.output
    (src / "b.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    bad = CliRunner().invoke(main, ["build", "--sources", str(src), "--out", str(tmp_path / "c")])
    assert bad.exit_code == 2 and "b.txt: binary file" in bad.output
    assert not (tmp_path / "c" / "envkg.ttl").exists()


def test_unknown_command_is_a_usage_error():
    assert CliRunner().invoke(main, ["frobnicate"]).exit_code == 2


GRAPH_COMMANDS = [["validate"], ["query", "shared-programmes"], ["sparql", "-"], ["show", "无废城市"],
                  ["export", "--format", "nt"], ["push", "--endpoint", "http://127.0.0.1:9/query"],
                  ["candidates"]]


@pytest.mark.parametrize("args", GRAPH_COMMANDS, ids=lambda a: a[0])
def test_a_missing_build_is_one_line_exit_2(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no build/ here
    result = CliRunner().invoke(main, args, input="ASK { ?s ?p ?o }")
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert lines == ["envkg: graph file build/envkg.trig does not exist (run `envkg build` first)"]


@pytest.mark.parametrize("args", GRAPH_COMMANDS, ids=lambda a: a[0])
def test_a_missing_graph_file_is_named(args, tmp_path):
    missing = tmp_path / "gone-7.trig"
    result = CliRunner().invoke(main, [*args, "--graph", str(missing)] if args[0] != "validate" else
                                [*args, str(missing)], input="ASK { ?s ?p ?o }")
    assert result.exit_code == 2
    assert result.output.strip() == f"envkg: graph file {missing} does not exist"


def test_format_choices_come_from_the_library_registries():
    from envkg.export import FORMATS
    from envkg.query import RENDERERS
    from envkg.validate import FAIL_ON, REPORT_FORMATS

    def choices(command: str, option: str) -> tuple[str, ...]:
        param = next(p for p in main.commands[command].params if p.name == option)
        return tuple(param.type.choices)

    assert choices("query", "fmt") == choices("sparql", "fmt") == tuple(RENDERERS)
    assert choices("export", "fmt") == tuple(FORMATS)
    assert choices("validate", "fmt") == tuple(REPORT_FORMATS)
    assert choices("validate", "fail_on") == tuple(FAIL_ON)
    assert CliRunner().invoke(main, ["export", "--format", "rdfxml"]).exit_code == 2
