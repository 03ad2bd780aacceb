#!/usr/bin/env python3
"""Benchmark: build time and peak memory on a corpus scaled up from the seeds.

Usage: python bench/bench_build.py [--copies N ...]   (default: 1 4 16)
Each copy of the five seeds gets new file stems, so the graph grows linearly. Prints one
line per size: documents, triples, seconds, documents per second, peak RSS. Not a test.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "sources"


def scaled_corpus(folder: Path, copies: int) -> None:
    for i in range(copies):
        for src in sorted(SEEDS.glob("*.txt")):
            shutil.copy(src, folder / f"{src.stem}_c{i:03d}.txt")


def run(copies: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "src", Path(tmp) / "out"
        src.mkdir()
        scaled_corpus(src, copies)
        code = (
            "import sys, time, resource; from envkg.build import build_corpus;"
            "t = time.perf_counter(); s = build_corpus(sys.argv[1], sys.argv[2]);"
            "print(s.documents, s.triples, round(time.perf_counter() - t, 2),"
            " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
        )
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", code, str(src), str(out)],
                                capture_output=True, text=True, check=True)
        docs, triples, seconds, rss_mb = result.stdout.split()
        wall = time.perf_counter() - start
        return (f"{int(docs):>6} docs {int(triples):>9} triples  build {float(seconds):7.1f} s  "
                f"({int(docs) / float(seconds):5.1f} docs/s, process {wall:5.1f} s)  peak RSS {rss_mb} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 4, 16])
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, maxrss unit KB on Linux ({resource.getpagesize()} B pages)")
    for n in args.copies:
        print(run(n), flush=True)


if __name__ == "__main__":
    main()
