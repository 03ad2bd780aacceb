"""Agency extraction (region × agency type, national bodies) and the agency vocabulary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from envkg import gazetteer
from envkg.extract.agencies import agency_types, describe_agency, extract_agencies
from envkg.model import Context
from envkg.textnorm import TextView, fold
from envkg.vocab import load

CASES = sorted((Path(__file__).parent / "cases" / "agencies").glob("*.json"))


def _view(text: str) -> TextView:
    folded = fold(text)
    return TextView(folded, list(range(len(folded))))


def _ctx(code: str | None) -> Context:
    return Context(stem="case", region_code=code, region_name=gazetteer.name(code) if code else None)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    view = _view(case["text"])
    found = extract_agencies(view, _ctx(case["region"]))
    for m in found:
        assert m.kind == "agency"
        assert view.text[m.span.start : m.span.end] == m.surface
    got = [(m.surface, m.label) for m in found]
    want = [(e["surface"], e["label"]) for e in case["expect"]]
    assert sorted(got) == sorted(want)
    keys = {(m.surface, m.key) for m in found}
    for e in case["expect"]:
        if e["key"] is not None:
            assert (e["surface"], e["key"]) in keys


def test_spans_are_view_coordinates() -> None:
    # A view that skips raw text: spans index view.text, not the raw string.
    text = "导航栏目\n按照市委部署"
    view = TextView(fold(text[5:]), list(range(5, len(text))))
    (m,) = extract_agencies(view, _ctx("440100"))
    assert (m.span.start, m.span.end) == (2, 4)
    assert view.to_raw(m.span.start, m.span.end).start == 7


def test_folded_full_width_and_traditional_text() -> None:
    view = _view("（市生態環境局）牽頭")
    (m,) = extract_agencies(view, _ctx("440100"))
    assert m.key == "agency/440100-eeb"


def test_describe_region_bound_agency() -> None:
    info = describe_agency("agency/440100-eeb")
    assert info == {
        "zh": "广州市生态环境局",
        "en": "Bureau of Ecology and Environment of Guangzhou",
        "region": "440100",
        "type": "agency-type/eeb",
        "parent": "agency/440100-gov",
        "in_vocabulary": False,
    }
    assert describe_agency("agency/340000-eeb")["zh"] == "安徽省生态环境厅"
    assert describe_agency("agency/110000-eeb")["zh"] == "北京市生态环境局"  # a municipality has 局
    assert describe_agency("agency/440100-party-committee")["zh"] == "中共广州市委员会"
    assert describe_agency("agency/440100-party-committee")["parent"] is None
    assert describe_agency("agency/440100-organization-department")["parent"] == "agency/440100-party-committee"


def test_describe_national_party_group_and_unknown() -> None:
    assert describe_agency("agency/mee")["in_vocabulary"] is True
    assert describe_agency("agency/mee")["en"] == "Ministry of Ecology and Environment"
    pg = describe_agency("agency/450000-eeb-party-group")
    assert pg["zh"] == "中共广西壮族自治区生态环境厅党组"
    assert pg["parent"] == "agency/450000-eeb"
    assert describe_agency("agency/999999-eeb") is None
    assert describe_agency("agency/440100-no-such-type") is None
    assert describe_agency("region/440100") is None


def test_issuer_string_resolves_whole_name() -> None:
    for issuer, key in [("广州市人民政府", "agency/440100-gov"), ("安徽省生态环境厅", "agency/340000-eeb"),
                        ("广西壮族自治区生态环境厅", "agency/450000-eeb")]:
        found = extract_agencies(_view(issuer), _ctx(None))
        assert [(m.key, m.surface) for m in found] == [(key, issuer)]


# --- the vocabulary -------------------------------------------------------------------------

VOCAB = load("agencies.ttl")


@pytest.mark.parametrize("key", sorted(VOCAB))
def test_every_concept_has_zh_and_en_labels(key: str) -> None:
    c = VOCAB[key]
    assert c.zh and re.search(r"[\u4e00-\u9fff]", c.zh)
    assert c.en and not re.search(r"[\u4e00-\u9fff]", c.en)
    assert c.prop("definition")
    assert c.prop("inScheme") == "scheme/agencies"
    assert re.fullmatch(r"agency(-type)?/[a-z0-9-]+", key)
    if key.startswith("agency/"):
        assert "Organization" in c.types
    else:
        assert "AgencyType" in c.types
        for prop in ("provincialName", "localName"):
            values = c.props[prop]
            assert len(values) == 2 and sum(bool(re.search(r"[\u4e00-\u9fff]", v)) for v in values) == 1


def test_agency_types_have_surface_forms() -> None:
    types = agency_types()
    assert {"eeb", "drc", "gov", "party-committee", "discipline-commission", "natres", "water"} <= set(types)
    assert {"生态环境厅", "生态环境局"} <= types["eeb"].full
    assert {"发展改革委", "发改委"} <= types["drc"].short


def test_no_label_is_both_national_and_a_suffix() -> None:
    national = {lab for k, c in VOCAB.items() if k.startswith("agency/")
                for lab in c.labels("zh") + c.props.get("hiddenLabel", [])}
    suffixes = {s for t in agency_types().values() for s in t.surfaces}
    assert not national & suffixes


def test_describe_bodies_of_other_kinds_of_region() -> None:
    assert describe_agency("agency/110105-eeb")["zh"] == "北京市朝阳区生态环境局"  # district of a municipality
    assert describe_agency("agency/652900-admin-office")["zh"] == "阿克苏地区行政公署"
    assert describe_agency("agency/652900-admin-office")["parent"] is None
    assert describe_agency("agency/330000-inspection-office")["zh"] == "浙江省生态环境保护督察办公室"
    assert describe_agency("agency/150000-forestry")["zh"] == "内蒙古自治区林业和草原局"


def test_research_institutes_and_monitoring_centres_are_not_agencies() -> None:
    # public institutions (事业单位) are not ministries, bureaus, departments, commissions or offices
    text = "省生态环境监测中心开展监测,浙江省生态环境科学设计研究院提供技术支撑。"
    assert extract_agencies(_view(text), _ctx("330000")) == []


def test_no_hidden_state_between_documents() -> None:
    # Document B alone and after document A: same mentions, same descriptions (no module state).
    doc_a = "市生态环境局南沙分局负责;市推进清水湾建设领导小组统筹。"
    doc_b = "南沙区生态环境局负责,市推进某某建设领导小组统筹。"

    def run(text: str, code: str) -> list[tuple]:
        found = extract_agencies(_view(text), _ctx(code))
        return [(m.key, m.surface, m.label, str(describe_agency(m.key, m.label))) for m in found]

    alone = run(doc_b, "440100")
    run(doc_a, "440100")
    assert run(doc_b, "440100") == alone
    # a district's own bureau and a city bureau's branch share a key; the label tells them apart
    assert describe_agency("agency/440115-eeb", "南沙区生态环境局")["parent"] == "agency/440115-gov"
    branch = describe_agency("agency/440115-eeb", "广州市生态环境局南沙分局")
    assert branch["parent"] == "agency/440100-eeb" and branch["zh"] == "广州市生态环境局南沙分局"


def test_every_parent_can_be_described() -> None:
    # the build describes the parents too: none may be a key describe_agency cannot read
    for key in ("agency/440100-eeb", "agency/440115-eeb", "agency/440100-organization-department",
                "agency/450000-eeb-party-group", "agency/440100-eco-committee-office"):
        parent = describe_agency(key)["parent"]
        while parent:
            info = describe_agency(parent)
            assert info is not None, parent
            parent = info["parent"]


@pytest.mark.parametrize("text,roles", [
    ("由市生态环境局负责,市水务局配合。", ["responsible", "responsible"]),
    ("责任单位:市发展改革委、市工业和信息化局", ["responsible", "responsible"]),
    ("市住房城乡建设局要加快推进。", ["responsible"]),
    ("在省委、省政府的领导下,国务院印发的《某某方案》,经市政府批准。", [None, None, None, None]),
])
def test_roles(text: str, roles: list) -> None:
    assert [m.role for m in extract_agencies(_view(text), _ctx("440100"))] == roles
