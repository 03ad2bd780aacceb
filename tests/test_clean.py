"""Clean stage: the document's own text without site furniture or page-break fragments."""

from __future__ import annotations

import pytest

from envkg.clean import body_view
from envkg.corpus import read_corpus
from envkg.model import Document, Metadata

from .conftest import SOURCES

BOILERPLATE = [
    "食品法规中心", "点击:419", "将全文内容保存为word文档", "下一篇", "上一篇", "版权与免责声明",
    "展开全部", "热门评论", "特别声明", "打开北极星学社APP", "优知文库", "首页>", "新闻排行榜",
]


@pytest.fixture(scope="module")
def views():
    return {d.stem: (d, body_view(d)) for d in read_corpus(SOURCES)}


@pytest.mark.parametrize("phrase", BOILERPLATE)
def test_no_boilerplate_in_any_body(views, phrase):
    for stem, (_, view) in views.items():
        assert phrase not in view.text, f"{phrase!r} left in {stem}"


def test_view_maps_back_to_raw(views):
    for doc, view in views.values():
        for i in range(0, len(view.text), 97):
            raw_char = doc.raw[view.raw_index[i]]
            assert view.text[i] == raw_char or ord(raw_char) > 0x2000  # folded, never moved


def test_page_break_fragments_are_joined(views):
    doc, view = views["004_aa69e8eaeb116689"]
    assert "主要污染物排放总量持续减少" in view.text  # "主要污\n3、染物" in the raw text
    assert "\n2、" not in view.text and "\n3、" not in view.text
    span = view.to_raw(view.text.index("主要污染物"), view.text.index("主要污染物") + 5)
    assert doc.raw[span.start : span.end].startswith("主要污") and "3、" in doc.raw[span.start : span.end]


def test_title_lead_in_and_teaser(views):
    _, guangxi = views["002_1525b2c634cd8c3f"]
    assert guangxi.text.startswith("广西壮族自治区生态环境厅公布")  # an editorial lead-in is document
    doc, rect = views["003_b98d4fb1e431efc3"]
    # The page opens with a teaser that repeats the first paragraph; only one copy remains.
    assert rect.text.count("制定如下整改方案") == 1
    assert rect.text.startswith("广州:贯彻落实")


def test_numbered_list_is_not_taken_for_page_breaks():
    raw = ("工作要点\n一、任务\n1、加强大气污染防治,完成治理任务。\n2、加强水污染防治,完成治理任务。\n"
           "3、加强土壤污染防治,完成治理任务。\n")
    doc = Document("x", None, raw, "", "utf-8", Metadata())  # type: ignore[arg-type]
    assert "1、加强大气" in body_view(doc).text and "3、加强土壤" in body_view(doc).text


def test_full_width_and_traditional_text_is_folded_in_place():
    raw = "２０２４年環境工作要點\n細顆粒物（PM２.５）年均濃度控制在３５微克／立方米以下，空氣品質優良。\n"
    doc = Document("x", None, raw, "", "utf-8", Metadata())  # type: ignore[arg-type]
    view = body_view(doc)
    assert "细颗粒物(PM2.5)年均浓度控制在35微克/立方米以下,空气品质优良" in view.text
    assert len(view.text) == len(view.raw_index)


def test_appendix_table_after_the_last_paragraph_is_body_and_link_list_is_not():
    from pathlib import Path

    from envkg.corpus import read_document

    doc = read_document(Path(__file__).parent / "cases" / "pages" / "appendix_table.txt")
    text = body_view(doc).text
    assert "2022年主要目标任务表" in text and "≥88" in text and "≤32" in text
    assert "相关文章" not in text and "上一篇" not in text


def test_attachment_links_are_furniture():
    from envkg.clean import is_furniture

    assert is_furniture("附件：2023年全省生态环境工作要点.doc")
    assert not is_furniture("附件1:2024年主要目标任务表")
