#!/usr/bin/env python3
"""Developer aid: what a build gets wrong against a gold folder, item by item.

Usage: python tools/misses.py KIND [--sources DIR] [--gold DIR] [--graph FILE] [--doc STEM] [--fn]

Builds the sources in memory (or reads --graph), matches with the gold README rules exactly
as ``envkg eval`` does, and prints the extracted items no gold line matched (false
positives, with their quoted text). With --fn it also prints the gold lines nothing matched:
use that only on development data you may read (never copy gold text into code or vocabularies).
"""

from __future__ import annotations

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import pyoxigraph as ox  # noqa: E402

from envkg import evaluate as ev  # noqa: E402
from envkg.corpus import decode  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=ev.KINDS)
    ap.add_argument("--sources", type=pathlib.Path, default=ROOT / "data/sources")
    ap.add_argument("--gold", type=pathlib.Path, default=ROOT / "data/gold")
    ap.add_argument("--graph", type=pathlib.Path)
    ap.add_argument("--doc", help="only documents whose stem starts with this")
    ap.add_argument("--fn", action="store_true", help="also print unmatched gold lines")
    args = ap.parse_args()

    if args.graph:
        store = ev.load_store(args.graph)
    else:
        from envkg.build import build_graphs, canonical_bytes, extract_document
        from envkg.corpus import read_corpus

        results = [extract_document(d) for d in read_corpus(args.sources)
                   if not args.doc or d.stem.startswith(args.doc)]
        store = ev.load_store(canonical_bytes(build_graphs(results)[0], quads=True), ox.RdfFormat.TRIG)
    pred = ev.predictions(store)
    kind = args.kind
    for gold_path in sorted(args.gold.glob("*.jsonl")):
        stem = gold_path.stem
        if args.doc and not stem.startswith(args.doc):
            continue
        src = ev.source_of(args.sources, stem)
        raw, _ = decode(src.read_bytes(), str(src))
        gold = [g for g in ev.read_gold(gold_path) if g["kind"] == kind]
        ignored = [s for g in ev.read_gold(gold_path) if g["kind"] == "ignore" and g.get("of") == kind
                   for s in ev.occurrences(raw, g["quote"])]
        preds = [p for p in pred.get(stem, {}).get(kind, [])
                 if not ev._overlaps(p[3] if kind == "target" else p[1], ignored)]
        edges = [[i for i, p in enumerate(preds) if ev._compatible(kind, raw, g, p)] for g in gold]
        owner = ev.matching(edges, len(preds))
        matched_gold = {o for o in owner if o is not None}
        print(f"== {stem}: {len(gold)} gold, {len(preds)} extracted, "
              f"{sum(o is not None for o in owner)} matched")
        for i, p in enumerate(preds):
            if owner[i] is not None:
                continue
            spans = p[3] if kind == "target" else p[1]
            s, e = spans[0]
            context = raw[max(0, s - 12):s] + "[" + raw[s:e] + "]" + raw[e:e + 12]
            head = f"{p[0]} {p[1]} {p[2]!r}" if kind == "target" else p[0].rsplit("/", 2)[-2:]
            print(f"  FP {head}  {context!r}".replace("\\n", " "))
        if args.fn:
            for gi, g in enumerate(gold):
                if gi not in matched_gold:
                    print("  FN", {k: v for k, v in g.items() if k != "kind"})


if __name__ == "__main__":
    main()
