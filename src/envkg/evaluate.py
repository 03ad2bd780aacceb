"""Evaluate stage: extraction against a gold set, with the matching rules of the gold README.

The graph is built in memory and read back through the graph contract (DESIGN.md §3.1),
exactly as an outside scorer reads ``build/envkg.ttl``, so ``envkg eval`` and the reference
scorer agree on the same build.

Rules (gold README, "Matching"): per document, a maximum one-to-one matching;
- target: equal decimal value, equal comparator, equal unit after NFKC without spaces, and
  a span that overlaps an occurrence of the gold quote and is at most 2×its length + 10;
- programme/region/waterbody/agency: a mention span overlapping an occurrence of a gold
  form, at most 2×the form's length + 6;
- reference: equal titles after NFKC without spaces and 《》;
- items overlapping a gold ``ignore`` quote of the kind are not counted either way.
"""

from __future__ import annotations

import collections
import decimal
import json
import unicodedata
from pathlib import Path

import pyoxigraph as ox

from envkg.corpus import SOURCE_SUFFIXES, decode, read_corpus
from envkg.errors import InputError
from envkg.namespaces import sparql_prologue

KINDS = ["target", "programme", "reference", "region", "waterbody", "agency"]
COMPARATOR_SIGNS = {"atMost": "<=", "atLeast": ">=", "exactly": "=", "lessThan": "<", "greaterThan": ">"}

TARGETS_QUERY = sparql_prologue() + """
SELECT ?t ?value ?cmp ?unit ?start ?end ?file WHERE {
  ?t a envkg:Target ; envkg:value ?value ; envkg:comparator ?cmp ; prov:wasDerivedFrom ?span .
  OPTIONAL { ?t envkg:unitText ?unit }
  ?span oa:hasSource ?doc ; oa:hasSelector? ?sel .
  ?sel oa:start ?start ; oa:end ?end .
  ?doc envkg:sourceFile ?file .
}"""
MENTIONS_QUERY = sparql_prologue() + """
SELECT ?e ?kind ?start ?end ?file ?title WHERE {
  VALUES (?type ?kind) { (envkg:Programme "programme") (envkg:Region "region")
                         (envkg:WaterBody "waterbody") (org:Organization "agency")
                         (envkg:PolicyDocument "reference") }
  ?m a oa:Annotation ; oa:hasBody ?e ; oa:hasTarget ?span .
  ?e a ?type .
  ?span oa:hasSource ?doc ; oa:hasSelector? ?sel .
  ?sel oa:start ?start ; oa:end ?end .
  ?doc envkg:sourceFile ?file .
  OPTIONAL { ?e dcterms:title ?title }
}"""


def norm(text) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text or "")).split()).strip("《》")


def to_decimal(text) -> decimal.Decimal | None:
    try:
        return decimal.Decimal(str(text))
    except decimal.InvalidOperation:
        return None


def occurrences(raw: str, needle: str) -> list[tuple[int, int]]:
    spans, i = [], raw.find(needle)
    while needle and i >= 0:
        spans.append((i, i + len(needle)))
        i = raw.find(needle, i + 1)
    return spans


def _overlaps(a, b) -> bool:
    return any(a0 < b1 and b0 < a1 for a0, a1 in a for b0, b1 in b)


def _hits(pred_spans, gold_spans, slack) -> bool:
    return any(a0 < b1 and b0 < a1 and (a1 - a0) <= slack(b1 - b0)
               for a0, a1 in pred_spans for b0, b1 in gold_spans)


def load_store(data: bytes | Path, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> ox.Store:
    """An in-memory pyoxigraph store of a built graph (bytes, or a .ttl/.trig/.nt/.nq file)."""
    store = ox.Store()
    if isinstance(data, Path):
        fmt = ox.RdfFormat.from_extension(data.suffix.lstrip(".")) or fmt
        data = data.read_bytes()
    try:
        store.bulk_load(data, format=fmt)
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"cannot read the graph: {str(exc).splitlines()[0]}") from None
    return store


def _value(term) -> str | None:
    return None if term is None else term.value


def predictions(store: ox.Store) -> dict[str, dict[str, list]]:
    """stem -> kind -> items read through the graph contract (over the union of all graphs)."""
    out: dict = collections.defaultdict(lambda: collections.defaultdict(dict))
    for row in store.query(TARGETS_QUERY, use_default_graph_as_union=True):
        stem = Path(_value(row["file"])).stem
        cmp_name = _value(row["cmp"]).rsplit("#", 1)[-1]
        item = out[stem]["target"].setdefault(
            _value(row["t"]),
            [to_decimal(_value(row["value"])), COMPARATOR_SIGNS.get(cmp_name, cmp_name), norm(_value(row["unit"])),
             []])
        item[3].append((int(_value(row["start"])), int(_value(row["end"]))))
    for row in store.query(MENTIONS_QUERY, use_default_graph_as_union=True):
        stem = Path(_value(row["file"])).stem
        item = out[stem][_value(row["kind"])].setdefault(_value(row["e"]), [_value(row["e"]), [], set()])
        item[1].append((int(_value(row["start"])), int(_value(row["end"]))))
        if row["title"] is not None:
            item[2].add(norm(_value(row["title"])))
    return {stem: {k: list(v.values()) for k, v in kinds.items()} for stem, kinds in out.items()}


def matching(edges: list[list[int]], n_pred: int) -> list[int | None]:
    """A maximum one-to-one matching: for each extracted item, the gold item it matches."""
    owner: list[int | None] = [None] * n_pred

    def augment(g: int, seen: set[int]) -> bool:
        for p in edges[g]:
            if p not in seen:
                seen.add(p)
                if owner[p] is None or augment(owner[p], seen):
                    owner[p] = g
                    return True
        return False

    for g in range(len(edges)):
        augment(g, set())
    return owner


def _max_matching(edges: list[list[int]], n_pred: int) -> int:
    return sum(o is not None for o in matching(edges, n_pred))


def _compatible(kind: str, raw: str, g: dict, p: list) -> bool:
    if kind == "target":
        return (p[0] is not None and p[0] == to_decimal(g["value"]) and p[1] == g["comparator"]
                and p[2] == norm(g["unit"])
                and _hits(p[3], occurrences(raw, g["quote"]), lambda n: 2 * n + 10))
    if kind == "reference":
        return norm(g["title"]) in p[2]
    return _hits(p[1], [s for f in g["forms"] for s in occurrences(raw, f)], lambda n: 2 * n + 6)


def score_document(raw: str, gold_items: list[dict], pred: dict[str, list]) -> dict[str, dict[str, int]]:
    result = {}
    for kind in KINDS:
        gold = [g for g in gold_items if g["kind"] == kind]
        ignored = [s for g in gold_items if g["kind"] == "ignore" and g.get("of") == kind
                   for s in occurrences(raw, g["quote"])]
        preds = [p for p in pred.get(kind, []) if not _overlaps(p[3] if kind == "target" else p[1], ignored)]
        edges = [[i for i, p in enumerate(preds) if _compatible(kind, raw, g, p)] for g in gold]
        tp = _max_matching(edges, len(preds))
        result[kind] = {"tp": tp, "fp": len(preds) - tp, "fn": len(gold) - tp}
    return result


def finish(counts) -> dict:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def read_gold(path: Path) -> list[dict]:
    text, _ = decode(path.read_bytes(), str(path))
    items = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}: not a JSON object ({exc.msg})") from None
    return items


def source_of(sources: Path, stem: str) -> Path | None:
    for suffix in SOURCE_SUFFIXES:
        src = Path(sources) / f"{stem}{suffix}"
        if src.exists():
            return src
    return None


def score_graph(store: ox.Store, sources: Path, gold: Path) -> dict:
    """The report of ``envkg eval --json`` for a built graph."""
    gold = Path(gold)
    if not gold.is_dir():
        raise InputError(f"{gold}: not a folder of gold files")
    gold_files = sorted(gold.glob("*.jsonl"))
    if not gold_files:
        raise InputError(f"{gold}: no gold files (*.jsonl)")
    pred = predictions(store)
    overall = {k: collections.Counter() for k in KINDS}
    documents = {}
    for gold_path in gold_files:
        stem = gold_path.stem
        src = source_of(sources, stem)
        if src is None:
            raise InputError(f"{gold_path}: no source document {stem}.* in {sources}")
        raw, _ = decode(src.read_bytes(), str(src))
        doc = score_document(raw, read_gold(gold_path), pred.get(stem, {}))
        for kind, counts in doc.items():
            overall[kind].update(counts)
        documents[stem] = {kind: finish(c) for kind, c in doc.items()}
    return {"overall": {k: finish(c) for k, c in overall.items()}, "documents": documents}


def evaluate(sources: Path, gold: Path, graph: Path | None = None) -> dict:
    """Score a built graph (``graph``), or build the sources in memory, against the gold folder."""
    if graph is not None:
        if not Path(graph).is_file():
            raise InputError(f"{graph}: no such graph file")
        return score_graph(load_store(Path(graph)), sources, gold)
    from envkg.build import build_graphs, canonical_bytes, extract_document

    results = [extract_document(d) for d in read_corpus(Path(sources))]
    graphs, _ = build_graphs(results)
    return score_graph(load_store(canonical_bytes(graphs, quads=True), ox.RdfFormat.TRIG), sources, gold)


def render_table(report: dict) -> str:
    lines = [f"{'kind':<10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for kind, m in report["overall"].items():
        lines.append(f"{kind:<10} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} "
                     f"{m['tp']:5} {m['fp']:5} {m['fn']:5}")
    lines.append("")
    lines.append("recall per document: " + ", ".join(
        f"{stem[:3]} " + "/".join(f"{v['recall']:.2f}" for v in kinds.values())
        for stem, kinds in report["documents"].items()) + f"  ({'/'.join(KINDS)})")
    return "\n".join(lines)
