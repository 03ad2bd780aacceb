#!/usr/bin/env python3
"""Developer aid: metadata detected without metadata.csv against the gold meta lines.

Usage: python tools/metascore.py SOURCES GOLD   (prints each field that differs; NFKC, spaces removed)
"""

from __future__ import annotations

import json
import pathlib
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from envkg.corpus import read_document  # noqa: E402
from envkg.evaluate import source_of  # noqa: E402
from envkg.link import complete_metadata  # noqa: E402

FIELDS = ("title", "issuer", "region", "plan_year")


def norm(value) -> str:
    return "".join(unicodedata.normalize("NFKC", str(value or "")).split())


def compare(sources: pathlib.Path, gold: pathlib.Path) -> tuple[int, int, list[str]]:
    same = total = 0
    misses = []
    for gold_path in sorted(gold.glob("*.jsonl")):
        meta = next(json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines()
                    if '"meta"' in x)
        doc = read_document(source_of(sources, gold_path.stem))
        got = complete_metadata(doc)
        for f in FIELDS:
            total += 1
            if norm(getattr(got, f)) == norm(meta.get(f)):
                same += 1
            else:
                misses.append(f"{gold_path.stem} {f}: got {getattr(got, f)!r}, gold {meta.get(f)!r}")
    return same, total, misses


if __name__ == "__main__":
    same, total, misses = compare(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))
    print("\n".join(misses))
    print(f"{same}/{total} fields equal")
