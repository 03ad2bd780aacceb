"""Numeric targets: pattern cases under tests/cases/targets/*.json, plus unit and indicator linking.

A case file holds a short passage of the genre and every target expected in it:
    {"description": "…", "plan_year": 2024, "text": "…",
     "expected": [{"quote": "…", "value": "36.8", "unit": "微克/立方米", "comparator": "<=",
                   "year": 2024, "kind": "level", "indicator": "indicator/pm25-annual-mean", …}]}
"quote" is written as in the raw text; the extracted span must overlap it and contain the value.
Fields other than quote/value/unit/comparator are checked only when the case gives them.
Extracted targets must match the expected ones one to one: extra targets fail the case.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from envkg.extract.targets import chinese_number, extract_targets, link_indicator
from envkg.model import Context, Span
from envkg.textnorm import TextView
from envkg.units import unit_for

CASES = sorted((Path(__file__).parent / "cases" / "targets").glob("*.json"))
OPTIONAL = ("year", "kind", "indicator", "base_year", "approximate", "aspirational",
            "normalized_value", "normalized_unit", "unit_iri", "status")


def _extract(raw: str, plan_year: int | None, doc_kind: str | None = None):
    view = TextView.of_ranges(raw, [Span(0, len(raw))])
    return view, extract_targets(view, Context(stem="case", plan_year=plan_year, doc_kind=doc_kind))


def _matches(raw: str, view: TextView, t, exp: dict) -> bool:
    span = view.span_to_raw(t.span)
    quote = exp["quote"]
    at = raw.find(quote)
    assert at >= 0, f"quote {quote!r} is not in the case text"
    if not (span.start < at + len(quote) and at < span.end):
        return False
    if Decimal(t.value) != Decimal(exp["value"]) or t.unit_text != exp["unit"]:
        return False
    if t.comparator != exp["comparator"]:
        return False
    if len(span) > 2 * len(quote) + 10:
        return False
    got = {"unit_iri": t.unit, **{k: getattr(t, k) for k in OPTIONAL if k != "unit_iri"}}
    return all(got[k] == exp[k] for k in OPTIONAL if k in exp)


def _describe(raw, view, t) -> str:
    span = view.span_to_raw(t.span)
    return (f"{raw[span.start:span.end]!r} value={t.value} unit={t.unit_text!r} {t.comparator} "
            f"year={t.year} kind={t.kind} indicator={t.indicator} base={t.base_year} "
            f"approx={t.approximate} asp={t.aspirational} unit_iri={t.unit} "
            f"norm={t.normalized_value} {t.normalized_unit}")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_target_case(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    raw = case["text"]
    view, targets = _extract(raw, case.get("plan_year"), case.get("doc_kind"))
    if not any("status" in exp for exp in case["expected"]):
        targets = [t for t in targets if t.status == "target"]  # the case speaks of targets only
    remaining = list(targets)
    missing = []
    for exp in case["expected"]:
        hit = next((t for t in remaining if _matches(raw, view, t, exp)), None)
        if hit is None:
            missing.append(exp)
        else:
            remaining.remove(hit)
    report = "\n".join(["extracted:"] + ["  " + _describe(raw, view, t) for t in targets])
    assert not missing, f"missing {missing}\n{report}"
    assert not remaining, f"unexpected {[_describe(raw, view, t) for t in remaining]}\n{report}"


def test_cases_exist() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("微克/立方米", ("MicroGM-PER-M3", Decimal(1))),
        ("%", ("PERCENT", Decimal(1))),
        ("公里", ("KiloM", Decimal(1))),
        ("千米", ("KiloM", Decimal(1))),
        ("万吨/日", ("TONNE-PER-DAY", Decimal(10000))),
        ("吨/天", ("TONNE-PER-DAY", Decimal(1))),
        ("亿立方米", ("M3", Decimal(100000000))),
        ("公顷", ("HA", Decimal(1))),
        ("万亩", (None, Decimal(10000))),
        ("座", ("NUM", Decimal(1))),
        ("个百分点", (None, Decimal(1))),
        ("", (None, Decimal(1))),
        ("蒸吨", (None, Decimal(1))),
        ("公斤", ("KiloGM", Decimal(1))),
        ("亿千瓦时", ("KiloW-HR", Decimal(100000000))),
        ("‰", ("PERMILLE", Decimal(1))),
        ("立方米/万元", (None, Decimal(1))),
    ],
)
def test_unit_for(text: str, expected) -> None:
    assert unit_for(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("细颗粒物(PM2.5)年均浓度", "indicator/pm25-annual-mean"),
        ("全市PM2.5平均浓度", "indicator/pm25-annual-mean"),
        ("空气质量优良天数比率", "indicator/good-air-days-ratio"),
        ("地表水国考断面水质优良(Ⅰ—Ⅲ类)比例", "indicator/surface-water-good-quality-ratio"),
        ("劣Ⅴ类比例", "indicator/inferior-v-water-ratio"),
        ("劣V类水体比例", "indicator/inferior-v-water-ratio"),
        ("农村生活污水治理率", "indicator/rural-sewage-treatment-rate"),
        ("單位地區生產總值二氧化碳排放", "indicator/co2-intensity"),
        ("森林覆盖率", "indicator/forest-coverage"),
        ("新建口袋公园", None),
    ],
)
def test_link_indicator(text: str, key: str | None) -> None:
    assert link_indicator(text) == key


@pytest.mark.parametrize(("text", "n"), [("三", 3), ("十", 10), ("十二", 12), ("二十", 20),
                                         ("一百五十", 150), ("两", 2), ("七", 7)])
def test_chinese_number(text: str, n: int) -> None:
    assert chinese_number(text) == n


def test_every_indicator_is_complete() -> None:
    from envkg import vocab

    concepts = vocab.load("indicators.ttl")
    assert len(concepts) >= 30
    for key, c in concepts.items():
        assert c.zh and c.en, key
        assert "Indicator" in c.types, key
        assert c.prop("definition"), key
        assert (c.prop("preferredUnit") or "").startswith("http://qudt.org/vocab/unit/"), key
        assert (c.prop("direction") or "").rsplit("#", 1)[-1] in {"LowerIsBetter", "HigherIsBetter"}, key
