#!/usr/bin/env python3
"""Developer aid: score one extractor on the seeds with the reference scorer's matching rules.

Usage: python tools/devscore.py KIND [--sources data/sources] [--gold data/gold] [-v]
KIND: target | programme | region | waterbody | agency | reference

Runs the read and clean stages and the one extractor (no RDF), then scores with the
functions of data/gold/score_graph.py. -v lists unmatched extracted items (false
positives) so you can see what the extractor does wrong; it never prints gold items.
The authoritative figures come from `envkg eval` / score_graph.py on a full build.
"""

from __future__ import annotations

import argparse
import collections
import importlib
import importlib.util
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from envkg.clean import body_view  # noqa: E402
from envkg.corpus import read_corpus  # noqa: E402
from envkg.model import Context  # noqa: E402

EXTRACTORS = {
    "target": ("envkg.extract.targets", "extract_targets"),
    "programme": ("envkg.extract.programmes", "extract_programmes"),
    "region": ("envkg.extract.regions", "extract_regions"),
    "waterbody": ("envkg.extract.waterbodies", "extract_waterbodies"),
    "agency": ("envkg.extract.agencies", "extract_agencies"),
    "reference": ("envkg.extract.references", "extract_references"),
}


def load_scorer(gold_dir: pathlib.Path):
    spec = importlib.util.spec_from_file_location("score_graph", gold_dir / "score_graph.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def context_for(doc) -> Context:
    ctx = Context(stem=doc.stem, plan_year=doc.meta.plan_year, region_name=doc.meta.region)
    try:
        from envkg.gazetteer import region_code_for

        ctx.region_code = region_code_for(doc.meta.region)
    except Exception:  # the link stage may not exist yet while developing an extractor
        pass
    return ctx


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=sorted(EXTRACTORS))
    ap.add_argument("--sources", type=pathlib.Path, default=ROOT / "data/sources")
    ap.add_argument("--gold", type=pathlib.Path, default=ROOT / "data/gold")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    sg = load_scorer(args.gold)
    module, name = EXTRACTORS[args.kind]
    extract = getattr(importlib.import_module(module), name)
    total = collections.Counter()
    for doc in read_corpus(args.sources):
        gold_path = args.gold / f"{doc.stem}.jsonl"
        if not gold_path.exists():
            continue
        view = body_view(doc)
        ctx = context_for(doc)
        items = extract(view, ctx)
        pred: dict[str, list] = {}
        shown = []
        if args.kind == "target":
            pred["target"] = []
            for t in items:
                raw = view.span_to_raw(t.span)
                pred["target"].append(
                    [sg.to_decimal(t.value), t.comparator, sg.norm(t.unit_text), [(raw.start, raw.end)]]
                )
                shown.append((t.value, t.comparator, t.unit_text, doc.raw[raw.start : raw.end]))
        else:
            grouped: dict[str, list] = {}
            for m in items:
                if m.kind != args.kind:
                    continue
                raw = view.span_to_raw(m.span)
                entry = grouped.setdefault(m.key, [m.key, [], set()])
                entry[1].append((raw.start, raw.end))
                if args.kind == "reference":
                    entry[2].add(sg.norm(m.label))
            pred[args.kind] = list(grouped.values())
        gold_items = [json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines() if x.strip()]
        res = sg.score_document(doc.raw, gold_items, pred)[args.kind]
        total.update(res)
        print(f"{doc.stem}: {sg.finish(res)}")
        if args.verbose:
            # false positives: extracted items that match no gold item on their own
            gold = [g for g in gold_items if g["kind"] == args.kind]
            for i, p in enumerate(pred[args.kind]):
                if not any(sg.compatible(args.kind, doc.raw, g, p) for g in gold):
                    if args.kind == "target":
                        print("   FP?", shown[i])
                    else:
                        print("   FP?", p[0], [doc.raw[a:b] for a, b in p[1][:3]])
    print("overall:", sg.finish(total))


if __name__ == "__main__":
    main()
