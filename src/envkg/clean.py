"""Clean stage: find the document in a scraped page and drop what is not the document.

Recognised by structure, not by one site's strings:
- the page head before the title (site names, breadcrumbs, a teaser that repeats the body),
- the page tail after the body (link lists, sharing prompts, copyright notes, rankings),
- page-break fragments: a run of lines that start "1、", "2、", … numbered one by one, most
  of which break a sentence in the middle (a PDF or DOCX converted page by page),
- isolated widget lines anywhere (view counters, "展开全部").
The result is a list of raw ranges; ``body_view`` folds them into a ``TextView``.
"""

from __future__ import annotations

import re
import unicodedata

from envkg.model import Document, Span
from envkg.pages import HTML, Line, page_lines, split_lines
from envkg.textnorm import TextView, fold

__all__ = ["Body", "body", "body_ranges", "body_view", "find_head_end", "is_furniture", "split_lines"]

# Words that mark page furniture in Chinese news and document sites; a line that *starts*
# with one of these (or is only one of them) is never body text.
_FURNITURE = re.compile(
    r"^\s*(?:[-•·>]\s*)?(?:"
    r"上一篇|下一篇|上一条|下一条|上一页|下一页|相关(?:阅读|新闻|文章|链接|推荐|资源|下载|文档|报道)|热门|推荐阅读|"
    r"延伸阅读|往期(?:推荐|回顾|精选)|"
    r"版权|免责|特别声明|声明:|转载|责任编辑|编辑:|原标题|分享到|扫一扫|打印|关闭窗口|返回顶部|"
    r"展开全[部文]|收起|收藏|投稿|评论|点赞|阅读(?:量|数|全文)|浏览(?:次数|量)|点击(?:数|量|:|率)|"
    r"新闻排行|排行榜|今日$|本周$|本月$|将全文|下载|附件下载|打开.{0,12}APP|.{0,20}APP.{0,10}$|"
    r".{0,80}\.(?:docx?|pdf|xlsx?|wps|zip|rar)\s*$|"
    r"Baidu$|map$|首页\s*>|当前位置|您的位置|网站地图|联系我们|主办单位|承办单位|ICP|公网安备|"
    # reading widgets, WeChat prompts, editors' credits, share-site disclaimers
    r"字[号体]\s*:|展开阅读全文|点击上方|长按(?:识别|扫码|二维码)|关注我们|(?:识别|扫描)二维码|"
    r"(?:分享|收藏|点赞|在看|转发|赞|喜欢此内容的人还喜欢)$|(?:审核|审校|校对|监制|责编|终审|初审)\s*:|"
    r"(?:网友|热门|最新|全部)评论|发表评论|我要评论|已有\d+条评论|纠错|我要纠错|关于本文|"
    r"[-—\s]*END[-—\s]*$|"
    # a crawler's capture note; a share box ("打开微信，点击底部的“发现”", "使用“扫一扫”…分享至朋友圈")
    r"_?采集于|打开微信|使用.{0,4}扫一扫|.{0,12}分享(?:至|到)(?:微信)?朋友圈|(?:微博|微信|QQ空间|朋友圈)+\s*$|"
    r"(?:微博|微信|QQ|空间|朋友圈|\s|[、,/|])+$"
    r")"
)
# A page number of a converted PDF or DOCX: "— 3 —", "- 12 -", "第3页 共12页", "共12页 第3页", "3/12".
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–─~－]{1,3}\s*\d{1,4}\s*[-—–─~－]{1,3}|"
    r"第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*[,/]?\s*第\s*\d{1,4}\s*页|"
    r"\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$",
    re.IGNORECASE,
)
# A row of reading widgets: "【打印】【关闭】", "[打印本页] [关闭窗口]", "打印本页 关闭窗口".
_WIDGET = (r"(?:打印(?:本页|此页|文章)?|关闭(?:窗口|本页)?|纠错|我要纠错|(?:加入)?收藏|分享|返回(?:顶部)?|保存|"
           r"字[号体]\s*:?\s*(?:大\s*中\s*小)?|大|中|小|默认|复制链接)")
_WIDGET_ROW = re.compile(rf"^\s*(?:[【\[]\s*{_WIDGET}\s*[】\]]\s*|{_WIDGET}\s+)+\s*{_WIDGET}?\s*$")
# A breadcrumb: "您现在的位置:首页 » 政务公开 » 部门文件", "首页 > 新闻 > 正文".
_BREADCRUMB = re.compile(r"^(?:[^,。;]{0,12}位置\s*:.*|[^,。;>»›]{1,14}(?:\s*[>»›]\s*[^,。;>»›]{1,16}){2,})$")
# Lines that open the page tail once the body has begun: link lists, comments, rankings,
# editors' credits, copyright and disclaimer blocks, WeChat footers.
_TAIL_OPENER = re.compile(
    r"^\s*(?:相关(?:链接|阅读|新闻|文章|推荐|资源|下载|文档|报道|稿件)|推荐阅读|延伸阅读|往期(?:推荐|回顾|精选)|"
    r"(?:网友|热门|最新|全部)评论|发表评论|我要评论|已有\d+条评论|上一篇|下一篇|上一条|下一条|责任编辑|责编\s*:|"
    r"版权所有|版权声明|免责声明|关于本文|阅读原文|长按(?:识别|扫码|二维码)|新闻排行|热门排行|排行榜|"
    r"[-—\s]*END[-—\s]*$)"
)
# A source line right after the body ("来源:湖南省生态环境厅") belongs to the document.
_SOURCE_LINE = re.compile(r"^\s*(?:来源|信息来源|文章来源|稿件来源|发布单位|发布机构)\s*:")
# A line that is only a counter or a short number ("- 14362", "2").
_COUNTER = re.compile(r"^\s*(?:-\s*)?\d{1,7}\s*$")
# "2024-05-13 15:02  点击:419": a posting time followed by a hit counter.
_HITS = re.compile(r"点击\s*[:：]?\s*\d+")
# A document-sharing site's header ("《x.docx》由会员分享…请在…上搜索。").
_SHARE_HEADER = re.compile(
    r"(?:由会员分享|可在线阅读|请在.{1,12}上搜索|文档下载|免费下载|本站会员|仅提供信息存储空间)")
_TITLE_WORDS = re.compile(
    r"(?:工作要点|要点|方案|计划|规划|纲要|意见|通知|办法|规定|决定|报告|行动|细则|措施|任务|清单|公告|关于印发)"
)
# The head of an official document above its title: "XX市人民政府办公室文件", the document
# number "X政办发〔2023〕15号", the issuing body on a line of its own above "关于印发…".
_DOC_HEADER = re.compile(r"(?:^.{2,30}文件$|^.{1,12}[〔\[(]\d{4}[〕\])]\s*\d{1,4}\s*号$)")
_AGENCY_LINE = re.compile(r"^.{2,30}(?:厅|局|委员会|委|人民政府|政府|办公厅|办公室|部)$")
_SENTENCE_END = tuple("。;!?:”》)")
_PAGE_MARK = re.compile(r"^(\d{1,3})、")
# An appendix heading ("附件1", "附表:2024年主要目标任务表") and a plain-text table row
# (cells split by tabs, "|" or runs of spaces, with a number in them).
_APPENDIX = re.compile(r"^(?:附件|附表|附录)\s*\d*\s*[:]?")
_TABLE_ROW = re.compile(r"^(?=.*\d)(?:[^\t|]*(?:\t|\||\s{2,})){2,}[^\t|]*$")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、])")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap_width(raw: str, lines: list[Line]) -> int | None:
    """The column width a converted PDF or a mail-style text wraps its lines at, if it does:
    most lines that end without sentence punctuation are (nearly) equally wide."""
    widths = [_width(raw[ln.start : ln.end].rstrip()) for ln in lines
              if ln.stripped and not ln.stripped.endswith(_SENTENCE_END + ("。", ","))]
    widths = [w for w in widths if w >= 40]
    if len(widths) < 3:
        return None
    best, count = None, 0
    for w in set(widths):
        n = sum(1 for x in widths if w - 3 <= x <= w + 1)
        if n > count or (n == count and best is not None and w > best):
            best, count = w, n
    if best is None or count < 3 or count * 2 < len(widths):
        return None
    # Wrapped text has (almost) no line wider than its wrap width; a web page writes each
    # paragraph on one long line.
    all_widths = [_width(raw[ln.start : ln.end].rstrip()) for ln in lines if ln.stripped]
    near = sum(1 for w in all_widths if best - 4 <= w <= best + 2)
    over = sum(1 for w in all_widths if w > best + 2)
    return best if over * 5 <= near else None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def join_wrapped(raw: str, lines: list[Line]) -> list[Line]:
    """Join hard-wrapped lines into logical lines: a line as wide as the wrap width that ends
    without sentence punctuation goes on in the next line (across a page number between
    them) unless that line opens a heading or a new, indented paragraph. The line breaks and
    page numbers in between become gaps: left out of the view, offsets stay exact."""
    width = wrap_width(raw, lines)
    if width is None:
        return lines
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        while True:
            tail_text = raw[line.start : line.end].rstrip() if not line.gaps else raw[line.gaps[-1][1] : line.end]
            if (not line.stripped or line.stripped.endswith(_SENTENCE_END + ("。",))
                    or _width(tail_text) < width - 4 or _PAGE_NUMBER.match(line.stripped)
                    or _width(tail_text.strip()) * 3 < width * 2):  # a right-aligned signature or date
                break
            j = i + 1
            while j < len(lines) and (not lines[j].stripped or _PAGE_NUMBER.match(lines[j].stripped)):
                j += 1
            if j >= len(lines) or j - i > 6:
                break
            nxt = lines[j]
            s = nxt.stripped
            first_indent = _indent(raw[line.start : line.end])
            if (_HEADING.match(s) or _APPENDIX.match(s) or is_furniture(s)
                    or _indent(nxt.text) > first_indent or "\t" in s):
                break
            gap = (line.start + len(raw[line.start : line.end].rstrip()) if not line.gaps
                   else line.gaps[-1][1] + len(tail_text), nxt.start + _indent(nxt.text))
            line = Line(line.start, nxt.end, nxt.stop, line.text.rstrip() + s, line.gaps + (gap,))
            i = j
        out.append(line)
        i += 1
    return out


def is_furniture(text: str) -> bool:
    s = text.strip()
    if not s:
        return False
    return bool(_FURNITURE.match(s) or _COUNTER.match(s) or _SHARE_HEADER.search(s)
                or _PAGE_NUMBER.match(s) or _WIDGET_ROW.match(s) or _BREADCRUMB.match(s))


def _is_title_like(text: str) -> bool:
    """A document title: a line of its own naming a kind of document ("…工作要点", "…方案").
    Navigation entries ("通知公告", "规划计划") are too short to be one."""
    s = text.strip()
    return (8 <= len(s) <= 80 and "。" not in s and bool(_TITLE_WORDS.search(s))
            and not is_furniture(s) and not s.endswith((":", ",")))


def _is_prose(text: str) -> bool:
    """A body paragraph: long enough and written in sentences."""
    s = text.strip()
    return len(s) >= 40 and ("。" in s or "," in s or ";" in s)


def find_head_end(lines: list[Line], title: str | None) -> int:
    """Index of the first line that belongs to the document."""
    folded_title = fold(title).strip() if title else None
    # The title line, when the metadata gives one and it stands on a line of its own.
    if folded_title:
        for i, line in enumerate(lines[:40]):
            if folded_title in line.text and len(line.stripped) <= len(folded_title) + 20:
                return _keep_lead_in(lines, i)
    # Else the first title-like line within the head.
    for i, line in enumerate(lines[:40]):
        if _is_title_like(line.text):
            return _keep_lead_in(lines, i)
    # Else the first prose line.
    for i, line in enumerate(lines):
        if _is_prose(line.text) and not is_furniture(line.text):
            return i
    return 0


def _keep_lead_in(lines: list[Line], title_index: int) -> int:
    """Keep an editorial lead-in just above the title; drop site furniture and teasers."""
    start = title_index
    body_text = "".join(line.text for line in lines[title_index:])
    for i in range(title_index - 1, -1, -1):
        s = lines[i].stripped
        if not s:
            continue
        teaser = len(s) >= 30 and s[:30] in body_text
        if _is_prose(s) and not teaser and not is_furniture(s):
            start = i
            continue
        # The red head of an official document: issuing body, document number, "…文件".
        if _DOC_HEADER.search(s) or (_AGENCY_LINE.match(s) and lines[start].stripped.startswith("关于")):
            start = i
            continue
        break
    return start


def find_tail_start(lines: list[Line], head: int) -> int:
    """Index of the first line of the page tail (everything after the body).

    The body ends with its last paragraph of prose, plus any short sentences right after it;
    the first furniture line after that opens the tail."""
    limit = tail_opener(lines, head)
    last_body = head
    for i in range(head, limit):
        if _is_prose(lines[i].text) and not is_furniture(lines[i].text):
            last_body = i
    tail = last_body + 1
    in_appendix = False
    for j in range(last_body + 1, limit):
        s = lines[j].stripped
        if not s:
            continue
        if _PAGE_NUMBER.match(s):
            continue  # a page break inside the body
        if is_furniture(s):
            break
        if (s.endswith(_SENTENCE_END) and len(s) >= 4) or _TABLE_ROW.search(s) or _SOURCE_LINE.match(s):
            tail = j + 1
        elif _APPENDIX.match(s):
            in_appendix = True
        elif not (_HEADING.match(s) or (in_appendix and len(s) <= 40)):
            break  # a heading belongs to the body if a sentence or a table row follows it
    return tail


def tail_opener(lines: list[Line], head: int) -> int:
    """Index of the first line that opens the page tail (a link list, comments, an editor's
    credit, a copyright block) once the body has begun; len(lines) when there is none."""
    seen_prose = False
    for i in range(head, len(lines)):
        s = lines[i].stripped
        if seen_prose and len(s) <= 40 and _TAIL_OPENER.match(s):
            return i
        seen_prose = seen_prose or (_is_prose(s) and not is_furniture(s))
    return len(lines)


def page_marks(lines: list[Line], head: int, tail: int) -> set[int]:
    """Line indexes whose leading "k、" is a page number, not a list item."""
    candidates = []
    for i in range(head, tail):
        m = _PAGE_MARK.match(lines[i].text)
        if m:
            candidates.append((i, int(m.group(1))))
    # Longest run numbered 1, 2, 3, … in order.
    best: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for i, n in candidates:
        if run and n == run[-1][1] + 1:
            run.append((i, n))
        elif n == 1 or not run:
            run = [(i, n)]
        if len(run) > len(best):
            best = list(run)
    if len(best) < 3:
        return set()
    broken = 0
    for i, _ in best:
        prev = next((lines[j].stripped for j in range(i - 1, head - 1, -1) if lines[j].stripped), "")
        if prev and not prev.endswith(_SENTENCE_END) and not (len(prev) < 40 and _HEADING.match(prev)):
            broken += 1
    # Page breaks fall mid-sentence most of the time; list items almost never do.
    return {i for i, _ in best} if broken * 2 >= len(best) else set()


class Body(list):
    """Raw ranges of the document, in order; ``breaks`` holds the indexes of ranges that end a
    block without a raw line break (HTML), where the view puts one."""

    def __init__(self, ranges=(), breaks=()):
        super().__init__(ranges)
        self.breaks = set(breaks)


def document_lines(doc: Document) -> list[Line]:
    """The page's lines as visible text (Markdown and HTML markup left out), hard-wrapped
    lines joined."""
    lines = page_lines(doc.raw, getattr(doc, "form", "text"))
    return lines if getattr(doc, "form", "text") == HTML else join_wrapped(doc.raw, lines)


def body(doc: Document) -> Body:
    """Raw ranges that make up the document, in order (line breaks kept between lines)."""
    lines = document_lines(doc)
    if not lines:
        return Body()
    head = find_head_end(lines, doc.meta.title)
    tail = find_tail_start(lines, head)
    marks = page_marks(lines, head, tail)
    ranges: list[Span] = []
    breaks: set[int] = set()
    for i in range(head, tail):
        line = lines[i]
        if not line.stripped or (is_furniture(line.text) and not _is_prose(line.text)):
            if not line.gaps and line.stripped == "" and line.stop > line.start and not line.block_break:
                ranges.append(Span(line.start, line.stop))  # a blank line: a paragraph break
            continue
        start, end = line.start, line.stop
        if i in marks:
            start += _PAGE_MARK.match(line.text).end()
            # Join the page back to the previous one: drop the break before the mark.
            if ranges and doc.raw[ranges[-1].end - 1] in "\r\n":
                prev = ranges[-1]
                cut = prev.end - (2 if doc.raw[prev.start : prev.end].endswith("\r\n") else 1)
                ranges[-1] = Span(prev.start, cut) if cut > prev.start else prev
        for gap_start, gap_end in line.gaps:
            if gap_start > start:
                ranges.append(Span(start, gap_start))
            start = max(start, gap_end)
        hits = _HITS.search(line.text)
        if hits and not line.gaps and hits.end() >= len(line.text.rstrip()):
            # Keep the posting time, drop the counter, keep the line break.
            cut = line.start + len(line.text[: hits.start()].rstrip())
            if cut > start:
                ranges.append(Span(start, cut))
            start = line.end
        if end > start:
            ranges.append(Span(start, end))
        if line.block_break and ranges:
            breaks.add(len(ranges) - 1)
    return _merge(ranges, breaks)


def body_ranges(doc: Document) -> Body:
    return body(doc)


def _merge(ranges: list[Span], breaks: set[int]) -> Body:
    merged: list[Span] = []
    merged_breaks: set[int] = set()
    for k, r in enumerate(ranges):
        if merged and merged[-1].end == r.start and (len(merged) - 1) not in merged_breaks:
            merged[-1] = Span(merged[-1].start, r.end)
        else:
            merged.append(r)
        if k in breaks:
            merged_breaks.add(len(merged) - 1)
    return Body(merged, merged_breaks)


def body_view(doc: Document) -> TextView:
    """The document's own text, cleaned and folded, with its map to raw offsets."""
    ranges = body(doc)
    return TextView.of_ranges(doc.raw, ranges, ranges.breaks)
