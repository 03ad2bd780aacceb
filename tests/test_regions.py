"""Regions: the GB/T 2260 vocabulary, the gazetteer and the region extractor."""

from __future__ import annotations

import json
import pathlib

import pytest

from envkg import gazetteer as g
from envkg.model import Context
from envkg.textnorm import TextView, fold
from envkg.vocab import load

CASES = sorted((pathlib.Path(__file__).parent / "cases" / "regions").glob("*.json"))


# --- vocabulary -------------------------------------------------------------------------


def test_vocabulary_is_complete_and_well_formed():
    regions = {k: c for k, c in load("regions.ttl").items() if k.startswith("region/")}
    assert len(regions) >= 3200
    levels = {"ProvinceLevel": 0, "PrefectureLevel": 0, "CountyLevel": 0}
    for key, c in regions.items():
        code = c.prop("regionCode")
        assert code and len(code) == 6 and code.isdigit(), key
        assert key == f"region/{code}"
        assert "Region" in c.types and "Concept" in c.types
        assert c.zh and c.en, key
        assert c.en[:1].isupper() and not any("\u4e00" <= ch <= "\u9fff" for ch in c.en), (key, c.en)
        for alt in c.alt.get("zh", []):
            assert len(alt) >= 2, (key, alt)
        levels[c.prop("adminLevel").rsplit("#", 1)[-1]] += 1
    assert levels["ProvinceLevel"] == 34
    assert levels["PrefectureLevel"] > 300
    assert levels["CountyLevel"] > 2800


def test_every_parent_chain_reaches_a_province():
    for code in g.full_names().values():
        for c in code:
            chain = g.region_chain(c)
            assert chain[0] == c
            assert g.level(chain[-1]) == "ProvinceLevel", chain
            assert len(chain) <= 3
            # levels strictly rise along the chain
            ranks = [g.LEVELS.index(g.level(x)) for x in chain]
            assert ranks == sorted(ranks, reverse=True) and len(set(ranks)) == len(ranks)


@pytest.mark.parametrize(
    "code, zh, en, alts, parent",
    [
        ("440115", "南沙区", "Nansha District", ["南沙"], "440100"),
        ("440100", "广州市", "Guangzhou", ["广州"], "440000"),
        ("450000", "广西壮族自治区", "Guangxi Zhuang Autonomous Region", ["广西"], None),
        ("340000", "安徽省", "Anhui Province", ["安徽"], None),
        ("341882", "广德市", "Guangde City", ["广德"], "341800"),
        ("341500", "六安市", "Lu'an", ["六安"], "340000"),
        ("110105", "朝阳区", "Chaoyang District", ["朝阳"], "110000"),  # 直辖市 district
        ("429004", "仙桃市", "Xiantao City", ["仙桃"], "420000"),  # province-administered
        ("469028", "陵水黎族自治县", "Lingshui Li Autonomous County", ["陵水", "陵水县"], "460000"),
        ("522600", "黔东南苗族侗族自治州", "Qiandongnan Miao and Dong Autonomous Prefecture",
         ["黔东南", "黔东南州"], "520000"),
        ("150000", "内蒙古自治区", "Inner Mongolia Autonomous Region", ["内蒙古"], None),
    ],
)
def test_region_entries(code, zh, en, alts, parent):
    c = g.region(code)
    assert (c.zh, c.en) == (zh, en)
    assert c.alt.get("zh", []) == alts
    assert g.parent(code) == parent


def test_wikidata_only_for_provinces_and_prefectures():
    for key, c in load("regions.ttl").items():
        if c.prop("exactMatch"):
            assert c.prop("adminLevel").endswith(("ProvinceLevel", "PrefectureLevel")), key
    assert g.region("440100").prop("exactMatch").endswith("Q16572")


# --- gazetteer lookups ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, within, code",
    [
        ("广州市", None, "440100"),
        ("广州", None, "440100"),
        ("南沙", None, "440115"),
        ("广西", None, "450000"),
        ("安徽", None, "340000"),
        ("吉林", None, "220000"),  # province before its namesake city
        ("吉林市", None, "220200"),
        ("鼓楼区", "320000", "320106"),  # inside the context province
        ("鼓楼区", "350100", "350102"),
        ("朝阳", "220000", "220104"),
        ("广东省广州市南沙区", None, "440115"),
        ("440115", None, "440115"),
        ("999999", None, None),
        ("", None, None),
        (None, None, None),
        ("粤港澳大湾区", None, None),
        ("粤", None, None),
        ("巴州", "650000", "652800"),  # customary abbreviation of 巴音郭楞蒙古自治州
        ("巴州", "510000", "511902"),  # 巴州区 of Bazhong inside Sichuan
        ("科右中旗", None, "152222"),
        ("雄安新区", None, None),  # a new area without a GB/T 2260 code
    ],
)
def test_region_code_for(name, within, code):
    assert g.region_code_for(name, within=within) == code


def test_region_chain():
    assert g.region_chain("440115") == ["440115", "440100", "440000"]
    assert g.region_chain("110105") == ["110105", "110000"]
    assert g.region_chain("440000") == ["440000"]
    assert g.region_chain("000000") == []
    assert g.is_within("440115", "440000") and not g.is_within("440115", "450000")


# --- extractor ------------------------------------------------------------------------


def _view(text: str):
    return TextView(fold(text), list(range(len(text))))


def _extract(text: str, region_code: str | None):
    from envkg.extract.regions import extract_regions

    ctx = Context(stem="t", region_code=region_code, region_name=g.name(region_code) if region_code else None)
    view = _view(text)
    mentions = extract_regions(view, ctx)
    for m in mentions:
        assert m.kind == "region"
        assert view.text[m.span.start : m.span.end] == m.surface
        assert m.key.startswith("region/") and g.name(m.key.split("/", 1)[1]) == m.label
    return mentions


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_extract_cases(path):
    case = json.loads(path.read_text(encoding="utf-8"))
    mentions = _extract(case["text"], case.get("region"))
    found = {(m.surface, m.key.split("/", 1)[1]) for m in mentions}
    for surface, code in case.get("expect", []):
        assert (surface, code) in found, (surface, code, sorted(found))
    surfaces = {m.surface for m in mentions}
    for surface in case.get("reject", []):
        assert surface not in surfaces, (surface, sorted(found))
