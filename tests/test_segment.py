"""Segment stage: parts, sections, items, topic paragraphs and measures of the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from envkg.clean import body_view
from envkg.corpus import read_corpus, read_document
from envkg.model import Document, Metadata
from envkg.segment import cn_number, segment
from envkg.textnorm import TextView, fold

from .conftest import SOURCES


@pytest.fixture(scope="module")
def segmented():
    out = {}
    for d in read_corpus(SOURCES):
        view = body_view(d)
        out[d.stem[:3]] = (d, view, segment(view))
    return out


@pytest.mark.parametrize("text, n", [("一", 1), ("十", 10), ("十二", 12), ("二十九", 29), ("一百零三", 103)])
def test_chinese_numerals(text, n):
    assert cn_number(text) == n


def test_chinese_numeral_rejects_other_text():
    assert cn_number("三个") is None and cn_number("") is None


def _ordinals(seg, prefix):
    return [s.ordinal for s in seg.sections if s.ordinal.startswith(prefix)]


def test_guangzhou_2024_has_29_numbered_sections(segmented):
    _, _, seg = segmented["000"]
    numbered = _ordinals(seg, "(")
    assert len(numbered) == 29 and numbered[0] == "(一)" and numbered[-1] == "(二十九)"
    headings = {s.ordinal: s.heading for s in seg.sections}
    assert headings["(四)"] == "持续深入打好蓝天保卫战"
    assert len(_ordinals(seg, "十、")) == 1  # ten parts 一、…十、


def test_anhui_unnumbered_trailing_paragraphs_are_sections(segmented):
    _, _, seg = segmented["001"]
    assert len(_ordinals(seg, "(")) == 22
    topics = [s.heading for s in seg.sections if not s.ordinal]
    assert topics[:2] == ["严格督察执法", "强化生态环境领域科技建设"]


def test_guangxi_three_ones_and_thirteen_key_works(segmented):
    _, _, seg = segmented["002"]
    parts = {s.path: s for s in seg.sections if len(s.path) == 1}
    three_ones = [s for s in seg.sections if len(s.path) == 2 and s.path[0] == 2]
    key_works = [s for s in seg.sections if len(s.path) == 2 and s.path[0] == 3]
    assert "三个一" in parts[(2,)].heading and "13项重点工作" in parts[(3,)].heading
    assert len(three_ones) == 3 and len(key_works) == 13
    assert any(len(s.path) == 3 and s.heading == "推进海洋环境综合治理" for s in seg.sections)


def test_rectification_plan_has_23_items(segmented):
    _, _, seg = segmented["003"]
    items = [int(s.ordinal.rstrip(".")) for s in seg.sections if s.ordinal[:1].isdigit()]
    assert items == list(range(1, 24))


def test_run_on_document_finds_inline_headings(segmented):
    _, _, seg = segmented["004"]
    assert [s.ordinal for s in seg.sections if len(s.path) == 1] == ["一、", "二、", "三、"]
    assert len(_ordinals(seg, "(")) == 6


def test_measures_are_sentences_inside_sections(segmented):
    for stem, (doc, _, seg) in segmented.items():
        assert len(seg.measures) > 50, stem
        keys = [m.key for m in seg.measures]
        assert len(keys) == len(set(keys)), f"measure keys repeat in {stem}"
        for m in seg.measures:
            text = doc.raw[m.span.start : m.span.end]
            assert text.strip() == text and len(text) >= 4


def test_section_spans_nest(segmented):
    for _, (_, _, seg) in segmented.items():
        by_path = {s.path: s for s in seg.sections}
        for s in seg.sections:
            if len(s.path) > 1 and s.path[:-1] in by_path:
                assert by_path[s.path[:-1]].span.contains(s.span)


def test_small_plan():
    text = "一、总体要求\n坚持精准治污。\n二、主要任务\n(一)打好蓝天保卫战。完成钢铁行业超低排放改造。开展扬尘治理。\n"
    seg = segment(TextView(text, list(range(len(text)))))
    assert [(s.key, s.heading) for s in seg.sections] == [
        ("1", "总体要求"), ("2", "主要任务"), ("2-1", "打好蓝天保卫战")]
    assert [(m.key, text[m.span.start : m.span.end]) for m in seg.measures] == [
        ("1.1", "坚持精准治污。"), ("2-1.1", "完成钢铁行业超低排放改造。开展扬尘治理。")]


def test_document_object_roundtrip():
    doc = Document("x", None, "一、目标\n空气质量持续改善。\n", "", "utf-8", Metadata())  # type: ignore[arg-type]
    seg = segment(body_view(doc))
    assert seg.sections[0].heading == "目标"


PAGES = Path(__file__).parent / "cases" / "pages"


def _flat(text: str) -> str:
    return re.sub(r"\s", "", fold(text))


def test_pdf_page_sections_and_measures_across_line_breaks():
    """PDF text: hard line breaks and page numbers inside sentences do not split measures, and
    every measure's span is exact raw text."""
    doc = read_document(PAGES / "pdf_text_gb18030.txt")
    seg = segment(body_view(doc))
    assert [(s.key, s.heading) for s in seg.sections] == [
        ("1", "工作目标"), ("2", "主要任务"), ("2-1", "加强耕地土壤环境保护"), ("2-2", "严格建设用地准入管理"),
        ("3", "保障措施")]
    texts = {m.key: doc.raw[m.span.start : m.span.end] for m in seg.measures}
    flat = {k: _flat(t) for k, t in texts.items()}
    assert "为深入打好净土保卫战,持续改善全市土壤环境质量,保障农产品质量安全和人居环境安全,根据《湖南省土壤污染防治工作方案》,结合我市实际,制定本方案。" in flat.values()
    assert flat["2-1.2"] == "开展受污染耕地土壤与农产品协同监测,加强涉镉等重金属行业企业排查整治,完成12家企业整治任务。"
    assert flat["3.1"].startswith("各县市区人民政府") and flat["3.1"].endswith("加强指导。")
    assert not any("关于印发" in t for t in texts.values())  # the notice heading is front matter


def test_page_number_between_two_halves_of_a_sentence():
    doc = read_document(PAGES / "docshare_pages.txt")
    seg = segment(body_view(doc))
    goal = next(m for m in seg.measures if m.key == "1.1")
    raw = doc.raw[goal.span.start : goal.span.end]
    assert raw.startswith("2024年") and raw.endswith("生活污水收集处理。")


def test_hard_break_inside_a_sentence_is_one_measure():
    text = ("一、主要任务\n(一)治理大气。全市完成钢铁行业超低排放改造,推进重点行业挥发性\n有机物综合治理,"
            "开展扬尘专项整治。\n(二)治理水体。新建污水管网。\n")
    seg = segment(TextView(text, list(range(len(text)))))
    assert [text[m.span.start : m.span.end] for m in seg.measures if m.section_path == (1, 1)] == [
        "全市完成钢铁行业超低排放改造,推进重点行业挥发性\n有机物综合治理,开展扬尘专项整治。"]
    assert [s.heading for s in seg.sections] == ["主要任务", "治理大气", "治理水体"]


def test_continuation_line_is_not_a_topic_paragraph():
    text = ("一、主要任务\n推进化肥农药减量增效,开展受污染耕地土壤与农产品协同监测,全面推进农业\n"
            "面源。加强涉镉等重金属行业企业排查整治,完成12家企业整治任务。\n")
    seg = segment(TextView(text, list(range(len(text)))))
    assert [s.heading for s in seg.sections] == ["主要任务"]
    assert len(seg.measures) == 2
