"""Load a build and time every canned query (with its default parameters).  Not a test.

    .venv/bin/python bench/bench_query.py [build/envkg.trig] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from envkg.query import list_queries, run_query
from envkg.store import load_store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("graph", nargs="?", default="build/envkg.trig", type=Path)
    ap.add_argument("--repeat", type=int, default=3, help="runs per query; the best is shown")
    args = ap.parse_args()

    t0 = time.perf_counter()
    store = load_store(args.graph)
    load_s = time.perf_counter() - t0
    print(f"loaded {args.graph}: {len(store)} quads in {load_s:.2f} s")
    print(f"{'query':<24} {'rows':>6} {'best ms':>9} {'first ms':>9}")
    total = 0.0
    for spec in list_queries():
        times, rows = [], 0
        for _ in range(max(1, args.repeat)):
            t = time.perf_counter()
            result = run_query(spec.name, store=store, labels=False)
            times.append(time.perf_counter() - t)
            rows = len(result.rows)
        total += min(times)
        print(f"{spec.name:<24} {rows:>6} {min(times) * 1000:>9.1f} {times[0] * 1000:>9.1f}")
    print(f"{'all (best)':<24} {'':>6} {total * 1000:>9.1f}")


if __name__ == "__main__":
    main()
