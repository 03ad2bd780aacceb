"""Link stage: metadata detected from the text when no metadata row gives it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from envkg.clean import body_view
from envkg.corpus import read_corpus, read_document
from envkg.link import complete_metadata, detect_metadata, kind_of

from .conftest import SOURCES

PAGES = Path(__file__).parent / "cases" / "pages"


def test_transmittal_notice_page():
    """A provincial site's page: navigation, a 关于印发《…》的通知 notice, the plan, a link list."""
    doc = read_document(PAGES / "transmittal_notice.txt")
    meta = detect_metadata(doc)
    assert meta.title == "2023年全省生态环境工作要点"  # the plan's own title, not the notice's
    assert meta.issuer == "江苏省生态环境厅" and meta.region == "江苏省"
    # the notice's own signing date wins over the posting time (gold README, Meta)
    assert meta.published == dt.date(2023, 2, 18) and meta.plan_year == 2023 and meta.kind == "work-plan"
    text = body_view(doc).text
    assert text.startswith("江苏省生态环境厅关于印发")
    for furniture in ("网站首页", "通知公告", "相关链接", "浙江省生态环境厅2023年工作要点", "打印本页", "ICP"):
        assert furniture not in text


@pytest.mark.parametrize("stem_prefix", ["000", "001", "002", "003"])
def test_detection_agrees_with_the_seed_metadata_rows(stem_prefix):
    """Detection alone recovers the curated title, region and kind of the seeds."""
    doc = next(d for d in read_corpus(SOURCES) if d.stem.startswith(stem_prefix))
    given = doc.meta
    detected = detect_metadata(doc)
    assert (detected.title, detected.region, detected.kind) == (given.title, given.region, given.kind)


def test_shared_file_header_gives_the_title():
    doc = next(d for d in read_corpus(SOURCES) if d.stem.startswith("004"))
    assert detect_metadata(doc).title == "绿色社区创建行动"


def test_metadata_row_wins_and_blank_cells_stay_unknown():
    doc = next(d for d in read_corpus(SOURCES) if d.stem.startswith("002"))
    assert complete_metadata(doc).published is None  # the row leaves it blank: not invented


@pytest.mark.parametrize("title, kind", [
    ("2024年广州市生态环境工作要点", "work-plan"),
    ("关于中央生态环境保护督察反馈意见的整改方案", "rectification-plan"),
    ("空气质量持续改善行动计划", "action-plan"),
    ("年度报告", "report"),
])
def test_kind_of(title, kind):
    assert kind_of(title) == kind


@pytest.mark.parametrize("name, title, issuer, published, region, plan_year, kind", [
    # a transmittal notice whose own title names the plan without 《》
    ("gov_portal_crlf.txt", "湖州市2024年大气污染防治工作计划", "湖州市人民政府办公室", dt.date(2024, 3, 15),
     "湖州市", 2024, "work-plan"),
    # a news headline ("…出炉"): the plan's title and issuer come from the lead-in
    ("news_portal.txt", "合肥市2023年水污染防治工作方案", "合肥市人民政府办公室", dt.date(2023, 4, 12),
     "合肥市", 2023, "action-plan"),
    # a WeChat headline ("重磅!…印发") above the plan's own title line
    ("wechat_reprint.txt", "湖南省2024年湘江保护和治理工作要点", "湖南省湘江保护协调委员会办公室",
     dt.date(2024, 3, 5), "湖南省", 2024, "work-plan"),
    # a shared document names no issuer or date: none invented
    ("docshare_pages.txt", "宁乡市2024年农村生活污水治理实施方案", None, None, "宁乡市", 2024, "action-plan"),
    # a notice heading broken over two lines, the issuer on the line above it, the signing date
    ("pdf_text_gb18030.txt", "湘潭市2023年土壤污染防治工作方案", "湘潭市人民政府办公室", dt.date(2023, 4, 6),
     "湘潭市", 2023, "action-plan"),
    # Traditional and full-width: the title keeps its raw spelling, the issuer is Simplified
    ("traditional_news.txt", "廣東省２０２４年生態環境保護工作要點", "广东省生态环境厅", dt.date(2024, 4, 8),
     "广东省", 2024, "work-plan"),
])
def test_metadata_of_pages_of_other_sites(name, title, issuer, published, region, plan_year, kind):
    meta = detect_metadata(read_document(PAGES / name))
    assert (meta.title, meta.issuer, meta.published, meta.region, meta.plan_year, meta.kind) == (
        title, issuer, published, region, plan_year, kind)


def test_county_portal_metadata():
    meta = detect_metadata(read_document(PAGES / "county_portal.txt"))
    assert (meta.title, meta.issuer, meta.published, meta.region, meta.plan_year, meta.kind) == (
        "长沙县2024年臭氧污染防治攻坚行动方案", "长沙县生态环境分局", dt.date(2024, 5, 20), "长沙县", 2024,
        "action-plan")
