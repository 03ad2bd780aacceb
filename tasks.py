#!/usr/bin/env python3
"""The two quick-start commands, needing nothing but Python 3.11:

    python3 tasks.py build   # venv in .venv, install envkg, build the graph from data/sources
    python3 tasks.py test    # venv in .venv, install envkg with test extras, lint, run the tests,
                             # then build and validate the seeds (fails on any SHACL violation)

Both install the package non-editable (`pip install .`), as a user would get it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("ENVKG_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def run(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv(extras: str = "") -> None:
    if not (BIN / "python").exists():
        print(f"+ creating virtual environment {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "--upgrade", f".{extras}")


def build() -> None:
    ensure_venv()
    run(BIN / "envkg", "build", "--sources", "data/sources", "--out", "build")


def test() -> None:
    ensure_venv("[test]")
    run(BIN / "python", "-m", "ruff", "check", "src", "tests", "tools", "bench", "tasks.py")
    run(BIN / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    run(BIN / "envkg", "build", "--sources", "data/sources", "--out", "build")
    run(BIN / "envkg", "validate", "build/envkg.trig", "--fail-on", "violation")


COMMANDS = {"build": build, "test": test}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        sys.exit(f"usage: python3 {Path(__file__).name} {{{'|'.join(COMMANDS)}}}")
    COMMANDS[sys.argv[1]]()
