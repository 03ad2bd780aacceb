"""Clean stage: the document's own text without site furniture or page-break fragments."""

from __future__ import annotations

from pathlib import Path

import pytest

from envkg.clean import body_view
from envkg.corpus import read_corpus
from envkg.model import Document, Metadata

from .conftest import SOURCES

PAGES = Path(__file__).parent / "cases" / "pages"

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


# Pages of other sites and styles (tests/cases/pages): what must stay, what must go.
PAGE_CASES = {
    "gov_portal_crlf.txt": (  # a city portal, CRLF: metadata table, widgets, related links
        ["湖州市人民政府办公室关于印发湖州市2024年大气污染防治工作计划的通知", "各区县人民政府,市政府直属各单位:",
         "2024年3月15日", "湖州市2024年大气污染防治工作计划", "完成长兴县、安吉县12家企业整治提升",
         "市生态环境局加强督查考核,确保各项任务按期完成。"],
        ["当前位置", "字号", "扫一扫", "打印", "关闭", "相关链接", "湖州市生态文明建设规划", "嘉兴市",
         "德清县", "ICP", "网站地图", "长者模式"],
    ),
    "news_portal.txt": (  # a news portal: headline, source line, editor, related news, comments
        ["安徽:合肥市2023年水污染防治工作方案出炉", "来源:合肥日报", "近日,合肥市人民政府办公室印发",
         "大房郢水库水源地保护区规范化建设。"],
        ["字号", "分享到", "责任编辑", "纠错", "南京市", "芜湖", "评论", "苏州", "上海市", "杭州", "版权所有"],
    ),
    "wechat_reprint.txt": (  # a WeChat article: follow prompts, credits, "往期推荐", QR code
        ["重磅!湖南省2024年湘江保护和治理工作要点印发", "2024-03-05 18:00", "全文如下:",
         "完成县级以上饮用水水源地问题整治。", "来源:湖南省生态环境厅"],
        ["点击上方蓝字", "湘江保护在行动", "编辑:", "审核", "往期推荐", "岳阳市", "洞庭湖", "郴州市",
         "东江湖", "END", "二维码", "阅读原文", "在看"],
    ),
    "docshare_pages.txt": (  # a document-sharing site: "由会员分享", page lines, disclaimer
        ["宁乡市2024年农村生活污水治理实施方案\n为加快补齐", "沩水流域沿线村庄开展\n生活污水收集处理。",
         "市生态环境局加强指导和考核。"],
        ["由会员分享", "第1页", "第2页", "共5页", "展开阅读全文", "相关资源", "长沙县", "浏阳市", "本站", "版权"],
    ),
    "pdf_text_gb18030.txt": (  # PDF to text, GB18030 + CRLF: red head, notice, page numbers, wraps
        ["湘潭市人民政府办公室文件", "潭政办发", "关于印发《湘潭市2023年土壤污染防治工作",
         "各县市区人民政府,市直有关单位:", "已经市人民政府同意,现印发给你们,请认真组织实施。",
         "保障农产品质量安全和人居环境安全", "加强涉镉等重金属行业企业排查整治,完成12家企业整治任务。",
         "市生态环境局会同市农业农村局"],
        ["— 1 —", "— 2 —", "- 3 -", "同\r\n意", "保障\r\n农产品"],
    ),
    "traditional_news.txt": (  # Traditional characters, full-width digits and spaces, a table
        ["广东印发2024年生态环境保护工作要点", "【大公报讯】", "《广东省2024年生态环境保护工作要点》",
         "PM2.5", "22微克/立方米", "优良比例达到92%以上", "≤22", "≥92"],
        ["大公网 |", "字号", "分享到", "责任编辑", "打印", "香港", "澳门", "广西壮族自治区", "版权所有"],
    ),
}


@pytest.mark.parametrize("name", sorted(PAGE_CASES))
def test_pages_of_other_sites(name):
    from envkg.corpus import read_document

    doc = read_document(PAGES / name)
    view = body_view(doc)
    keep, drop = PAGE_CASES[name]
    text = view.text.replace("\r\n", "\n")
    for phrase in keep:
        assert phrase in text, f"{phrase!r} missing from the body of {name}"
    for phrase in drop:
        assert phrase not in view.text, f"{phrase!r} left in the body of {name}"
    for i, c in enumerate(view.text):  # every view character maps back to the raw text
        raw_char = doc.raw[view.raw_index[i]]
        assert c == raw_char or ord(raw_char) > 0x2000
    assert view.raw_index == sorted(set(view.raw_index))


def test_hard_wrapped_lines_are_joined_in_the_view():
    """A converted PDF wraps its lines at one width: the breaks are left out of the view and
    the joined words map back to both sides of the break in the raw text."""
    from envkg.corpus import read_document

    doc = read_document(PAGES / "pdf_text_gb18030.txt")
    assert doc.encoding == "gb18030" and "\r\n" in doc.raw
    view = body_view(doc)
    i = view.text.index("保障农产品")
    span = view.to_raw(i, i + 5)
    assert doc.raw[span.start : span.end].replace("\r\n", "") == "保障农产品"
    # a right-aligned signature and date are not wrapped lines
    assert "2023年4月6日\n" in view.text.replace("\r\n", "\n")


@pytest.mark.parametrize("line", ["— 3 —", "- 12 -", "第3页 共12页", "第 3 页", "共12页 第3页", "3/12",
                                  "【打印】【关闭】", "[打印本页] [关闭窗口]", "字号:大 中 小", "点击上方蓝字关注我们",
                                  "长按识别二维码", "往期推荐", "END", "展开阅读全文", "审核:王某",
                                  "【字体:大 中 小】【打印】【关闭】", "您现在的位置:首页 » 政务公开"])
def test_furniture_lines(line):
    from envkg.clean import is_furniture
    from envkg.textnorm import fold

    assert is_furniture(fold(line))


@pytest.mark.parametrize("line", ["【大公报讯】记者报道:广东省生态环境厅印发工作要点。", "第三章 主要任务",
                                  "3.推进绿色制造。", "2024年3月15日", "湖州市人民政府办公室"])
def test_body_lines_are_not_furniture(line):
    from envkg.clean import is_furniture

    assert not is_furniture(line)


def test_county_portal_with_appendix_table():
    """A county portal: breadcrumb with », widget row, appendix table, source line, site footer."""
    from envkg.corpus import read_document

    view = body_view(read_document(PAGES / "county_portal.txt"))
    for phrase in ("长沙县2024年臭氧污染防治攻坚行动方案\n发布时间:2024-05-20", "附件1\n重点企业清单",
                   "2  某印刷有限公司  榔梨街道  2024年8月", "(信息来源:长沙县生态环境分局)"):
        assert phrase in view.text
    for phrase in ("门户网站", "您现在的位置", "字体", "打印", "扫一扫", "分享到", "相关文件", "浏阳市", "宁乡市",
                   "主办", "网站标识码", "公网安备"):
        assert phrase not in view.text
