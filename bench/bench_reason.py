"""Time the targeted rules (envkg.reason.infer) against a full OWL RL closure (owlrl).

Usage:  .venv/bin/python bench/bench_reason.py [build/envkg.trig] [--no-owlrl]

Prints triple counts, seconds for each, and whether every targeted triple is also in the
OWL RL closure (the rules are meant to be a small, fast subset of what OWL RL entails).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from rdflib.namespace import RDF

from envkg.namespaces import ENVKG, ORG
from envkg.reason import asserted_graph, infer, owl_rl_closure
from envkg.validate import read_graph


def _short(iri) -> str:
    return str(iri).replace(str(ENVKG), "envkg:")


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else Path("build/envkg.trig")
    ds = read_graph(path)
    asserted = asserted_graph(ds)
    print(f"{path}: {len(asserted)} asserted triples (inferred graph ignored)")

    started = time.perf_counter()
    targeted = infer(ds)
    t_rules = time.perf_counter() - started
    print(f"targeted rules : {t_rules:7.2f} s  {len(targeted):>7} new triples")

    if "--no-owlrl" in argv:
        return 0
    started = time.perf_counter()
    full = owl_rl_closure(ds)
    t_owl = time.perf_counter() - started
    print(f"OWL RL closure : {t_owl:7.2f} s  {len(full):>7} new triples (with the ontology)")
    missing = Counter(_short(p) for s, p, o in targeted if (s, p, o) not in full)
    print(f"targeted triples not entailed by OWL RL: {sum(missing.values())} {dict(missing)}")
    print("  (envkg:inRegion from the document's region when a measure or target names none is a rule,")
    print("   not an ontology axiom)")
    kinds = [ENVKG.Programme, ENVKG.Region, ENVKG.WaterBody, ORG.Organization, ENVKG.PolicyDocument]
    union = asserted + full
    clashes = [n for n in set(union.subjects(RDF.type, None)) if sum((n, RDF.type, k) in union for k in kinds) > 1]
    print(f"entities with two of the five disjoint kinds after OWL RL: {len(clashes)} (targeted rules: 0)")
    print(f"speed-up: {t_owl / max(t_rules, 1e-9):.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
