"""Water bodies: the curated vocabulary and the extractor (vocabulary + guarded pattern)."""

from __future__ import annotations

import json
import pathlib
import re

import pytest

from envkg.extract.waterbodies import extract_waterbodies
from envkg.model import Context
from envkg.namespaces import short_hash
from envkg.textnorm import TextView, fold
from envkg.vocab import load

CASES = sorted((pathlib.Path(__file__).parent / "cases" / "waterbodies").glob("*.json"))


def test_vocabulary_is_well_formed():
    concepts = load("waterbodies.ttl")
    assert len(concepts) >= 150
    zh_labels: dict[str, str] = {}
    for key, c in concepts.items():
        assert re.fullmatch(r"waterbody/[a-z0-9-]+", key), key
        assert {"WaterBody", "Concept"} <= c.types, key
        assert c.zh and c.en, key
        for label in c.labels("zh"):
            assert label not in zh_labels, (label, key, zh_labels.get(label))
            zh_labels[label] = key
    for name in ("长江", "黄河", "淮河", "珠江", "西江", "漓江", "太湖", "巢湖", "洞庭湖", "鄱阳湖", "滇池", "洱海",
                 "千岛湖", "新安江", "流溪河", "渤海", "胶州湾", "茅尾海", "南海"):
        assert name in zh_labels, name


def _extract(text: str, region: str | None):
    view = TextView(fold(text), list(range(len(text))))
    mentions = extract_waterbodies(view, Context(stem="t", region_code=region))
    for m in mentions:
        assert m.kind == "waterbody"
        assert view.text[m.span.start : m.span.end] == m.surface
        if m.matched:
            assert m.key in load("waterbodies.ttl")
        else:
            assert m.key == f"waterbody/x-{short_hash(m.label)}"
    return mentions


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_extract_cases(path):
    case = json.loads(path.read_text(encoding="utf-8"))
    mentions = _extract(case["text"], case.get("region"))
    found = {(m.surface, m.key if m.matched else "x") for m in mentions}
    for surface, key in case["expect"]:
        assert (surface, key) in found, (surface, key, sorted(found))
    if case["reject"] is None:  # nothing else may be found
        assert len(found) == len(case["expect"]), sorted(found)
    else:
        surfaces = {m.surface for m in mentions}
        for surface in case["reject"]:
            assert surface not in surfaces, (surface, sorted(found))


def test_no_overlap_with_regions():
    from envkg.extract.regions import extract_regions

    text = "推进柳州柳江治理,巢湖市和巢湖,黑龙江省黑龙江干流。"
    view = TextView(fold(text), list(range(len(text))))
    ctx = Context(stem="t", region_code="450000")
    water = {(m.span.start, m.span.end) for m in extract_waterbodies(view, ctx)}
    regions = {(m.span.start, m.span.end) for m in extract_regions(view, ctx)}
    assert water and regions
    for a, b in water:
        assert not any(a < d and c < b for c, d in regions), (text[a:b], sorted(regions))
