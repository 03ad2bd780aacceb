"""Themes: the vocabulary and the classification of measures by headings and words."""

from __future__ import annotations

from collections import Counter, defaultdict

import pyoxigraph as ox
import pytest

from envkg import resources
from envkg.extract.themes import FALLBACK, assign_themes, theme_scores
from envkg.vocab import load

SKOS = "http://www.w3.org/2004/02/skos/core#"
EXPECTED = {
    "air", "water", "marine", "soil-groundwater", "rural-environment", "solid-waste-new-pollutants", "noise",
    "climate-change", "ecology-biodiversity", "nuclear-radiation", "risk-emergency", "inspection-rectification",
    "law-standards", "enforcement", "monitoring", "green-development", "publicity-cooperation", "party-building",
}


def test_vocabulary_has_every_theme_with_labels_definition_and_keywords():
    themes = load("themes.ttl")
    assert {k.split("/", 1)[1] for k in themes} == EXPECTED
    for key, c in themes.items():
        assert {"Theme", "Concept"} <= c.types, key
        assert c.zh and c.en and c.prop("definition"), key
        assert len(c.props["keyword"]) >= 3, key
    pref: dict[str, Counter] = defaultdict(Counter)
    for t in ox.parse(resources.vocab_text("themes.ttl").encode("utf-8"), format=ox.RdfFormat.TURTLE):
        if t.predicate.value == SKOS + "prefLabel":
            pref[t.subject.value][t.object.language] += 1
    for subject, counts in pref.items():
        assert counts == Counter({"zh": 1, "en": 1}), subject
    labels = [c.zh for c in themes.values()] + [c.en for c in themes.values()]
    assert len(labels) == len(set(labels))


CASES = [
    # (text, headings, expected first theme, themes that must be present)
    ("深化挥发性有机物治理,加快推进钢铁行业超低排放改造。", ["四、持续深入打好污染防治攻坚战", "(四)持续深入打好蓝天保卫战"],
     "theme/air", []),
    ("开展湾长制规范化建设,启动湾长制考核工作。", ["(三)深入打好碧水保卫战"], "theme/water", ["theme/marine"]),
    ("印发实施2024年噪声污染防治工作计划。", ["(九)持续推进噪声污染防治"], "theme/noise", []),
    ("组织开展执法大练兵,推进执法稽查常态化。", [], "theme/enforcement", []),
    ("深入开展理想信念教育、对党忠诚教育。", ["十、全面加强党的建设"], "theme/party-building", []),
    ("推进“无废城市”高质量建设,强化危险废物收集利用处置能力保障。", ["(八)加强固体废物综合治理和新污染物治理"],
     "theme/solid-waste-new-pollutants", []),
    ("积极参与全国碳排放权交易市场建设,深入推进碳普惠试点。", ["(八)积极应对气候变化"], "theme/climate-change", []),
    ("加强核技术利用项目辐射安全日常监管。", ["(十六)确保核与辐射安全"], "theme/nuclear-radiation", []),
    ("做好第三轮中央生态环境保护督察相关工作。", ["六、全力抓好突出生态环境问题整改"], "theme/inspection-rectification", []),
]


@pytest.mark.parametrize("text,headings,first,present", CASES, ids=[c[2].split("/")[1] for c in CASES])
def test_assign_themes(text, headings, first, present):
    themes = assign_themes(text, headings)
    assert themes[0] == first, themes
    for key in present:
        assert key in themes, themes
    assert len(themes) == len(set(themes))


def test_deepest_cueing_heading_decides_before_the_measure_words():
    # The part heading (污染防治攻坚战) cues nothing; the section heading (净土) decides,
    # even though the measure speaks once of 监测.
    themes = assign_themes("开展地下水环境状况调查监测。", ["四、持续深入打好污染防治攻坚战", "(六)持续深入打好净土保卫战"])
    assert themes[0] == "theme/soil-groundwater"
    assert "theme/monitoring" not in themes


def test_own_words_decide_without_headings_and_add_strong_themes():
    assert assign_themes("强化入海排污口动态监管,加强近岸海域污染防治。", [])[0] == "theme/marine"
    themes = assign_themes("加强大气颗粒物组分监测和挥发性有机物监测,推进自动监测站建设。", ["(四)持续深入打好蓝天保卫战"])
    assert themes[0] == "theme/air" and "theme/monitoring" in themes


def test_every_measure_gets_a_theme():
    assert assign_themes("", []) == [FALLBACK]
    assert assign_themes("提出如下工作安排。", ["一、总体要求"]) == [FALLBACK]


def test_scores_fold_traditional_and_full_width_text():
    assert theme_scores("噪聲汙染防治")["theme/noise"] == 1
    assert theme_scores("ＰＭ２.５年均浓度")["theme/air"] == 1
    assert all(k in load("themes.ttl") for k in assign_themes("推进生物多样性保护", []))
