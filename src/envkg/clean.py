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
from dataclasses import dataclass

from envkg.model import Document, Span
from envkg.textnorm import TextView, fold

# Words that mark page furniture in Chinese news and document sites; a line that *starts*
# with one of these (or is only one of them) is never body text.
_FURNITURE = re.compile(
    r"^\s*(?:[-•·>]\s*)?(?:"
    r"上一篇|下一篇|上一条|下一条|上一页|下一页|相关(?:阅读|新闻|文章|链接|推荐)|热门|推荐阅读|"
    r"版权|免责|特别声明|声明:|转载|责任编辑|编辑:|原标题|分享到|扫一扫|打印|关闭窗口|返回顶部|"
    r"展开全[部文]|收起|收藏|投稿|评论|点赞|阅读(?:量|数|全文)|浏览(?:次数|量)|点击(?:数|量|:|率)|"
    r"新闻排行|排行榜|今日$|本周$|本月$|将全文|下载|附件下载|打开.{0,12}APP|.{0,20}APP.{0,10}$|"
    r".{0,80}\.(?:docx?|pdf|xlsx?|wps|zip|rar)\s*$|"
    r"Baidu$|map$|首页\s*>|当前位置|您的位置|网站地图|联系我们|主办单位|承办单位|ICP|公网安备"
    r")"
)
# A line that is only a counter or a short number ("- 14362", "2").
_COUNTER = re.compile(r"^\s*(?:-\s*)?\d{1,7}\s*$")
# "2024-05-13 15:02  点击:419": a posting time followed by a hit counter.
_HITS = re.compile(r"点击\s*[:：]?\s*\d+")
# A document-sharing site's header ("《x.docx》由会员分享…请在…上搜索。").
_SHARE_HEADER = re.compile(r"(?:由会员分享|可在线阅读|请在.{1,12}上搜索|文档下载|免费下载)")
_TITLE_WORDS = re.compile(
    r"(?:工作要点|要点|方案|计划|规划|纲要|意见|通知|办法|规定|决定|报告|行动|细则|措施|任务|清单|公告)"
)
_SENTENCE_END = tuple("。;!?:”》)")
_PAGE_MARK = re.compile(r"^(\d{1,3})、")
# An appendix heading ("附件1", "附表:2024年主要目标任务表") and a plain-text table row
# (cells split by tabs, "|" or runs of spaces, with a number in them).
_APPENDIX = re.compile(r"^(?:附件|附表|附录)\s*\d*\s*[:]?")
_TABLE_ROW = re.compile(r"^(?=.*\d)(?:[^\t|]*(?:\t|\||\s{2,})){2,}[^\t|]*$")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、])")


@dataclass
class Line:
    start: int  # raw offset of the first character
    end: int  # raw offset after the text, before the line break
    stop: int  # raw offset after the line break
    text: str  # folded text of [start, end)

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(raw: str) -> list[Line]:
    lines = []
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", raw):
        if m.start() == len(raw) and not m.group():
            break
        text = m.group().rstrip("\r\n")
        lines.append(Line(m.start(), m.start() + len(text), m.end(), fold(text)))
    return lines


def is_furniture(text: str) -> bool:
    s = text.strip()
    if not s:
        return False
    return bool(_FURNITURE.match(s) or _COUNTER.match(s) or _SHARE_HEADER.search(s))


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
        break
    return start


def find_tail_start(lines: list[Line], head: int) -> int:
    """Index of the first line of the page tail (everything after the body).

    The body ends with its last paragraph of prose, plus any short sentences right after it;
    the first furniture line after that opens the tail."""
    last_body = head
    for i in range(head, len(lines)):
        if _is_prose(lines[i].text) and not is_furniture(lines[i].text):
            last_body = i
    tail = last_body + 1
    in_appendix = False
    for j in range(last_body + 1, len(lines)):
        s = lines[j].stripped
        if not s:
            continue
        if is_furniture(s):
            break
        if (s.endswith(_SENTENCE_END) and len(s) >= 4) or _TABLE_ROW.search(s):
            tail = j + 1
        elif _APPENDIX.match(s):
            in_appendix = True
        elif not (_HEADING.match(s) or (in_appendix and len(s) <= 40)):
            break  # a heading belongs to the body if a sentence or a table row follows it
    return tail


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


def body_ranges(doc: Document) -> list[Span]:
    """Raw ranges that make up the document, in order (line breaks kept between lines)."""
    lines = split_lines(doc.raw)
    if not lines:
        return []
    head = find_head_end(lines, doc.meta.title)
    tail = find_tail_start(lines, head)
    marks = page_marks(lines, head, tail)
    ranges: list[Span] = []
    for i in range(head, tail):
        line = lines[i]
        if is_furniture(line.text) and not _is_prose(line.text):
            continue
        start, end = line.start, line.stop
        if i in marks:
            start += _PAGE_MARK.match(line.text).end()
            # Join the page back to the previous one: drop the break before the mark.
            if ranges and doc.raw[ranges[-1].end - 1] in "\r\n":
                prev = ranges[-1]
                cut = prev.end - (2 if doc.raw[prev.start : prev.end].endswith("\r\n") else 1)
                ranges[-1] = Span(prev.start, cut) if cut > prev.start else prev
        hits = _HITS.search(line.text)
        if hits and hits.end() >= len(line.text.rstrip()):
            # Keep the posting time, drop the counter, keep the line break.
            cut = line.start + len(line.text[: hits.start()].rstrip())
            if cut > start:
                ranges.append(Span(start, cut))
            start = line.end
        if end > start:
            ranges.append(Span(start, end))
    return _merge(ranges)


def _merge(ranges: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for r in ranges:
        if merged and merged[-1].end == r.start:
            merged[-1] = Span(merged[-1].start, r.end)
        else:
            merged.append(r)
    return merged


def body_view(doc: Document) -> TextView:
    """The document's own text, cleaned and folded, with its map to raw offsets."""
    return TextView.of_ranges(doc.raw, body_ranges(doc))
