"""Segment stage: the cleaned body into a tree of sections and a list of measures.

Headings of the genre:
- parts           一、总体要求                 (level 1)
- sections        (一)持续深入打好蓝天保卫战。… (level 2; the heading may run on into text)
- items           1.切实增强…  /  1、…          (level 3)
- topic paragraphs 严格督察执法。制订…          (an unnumbered sub-section: a paragraph that
                  opens with a short sentence naming its subject)
A heading is taken at the start of a line, or inside a line after a sentence end when its
ordinal is the next one expected (documents converted page by page run headings on).
Measures are the sentences of section bodies: one task each, very short ones merged into
the next.  Everything works on the ``TextView``; spans are mapped to raw offsets here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from envkg.model import Measure, Section, Segmentation, Span
from envkg.textnorm import TextView

CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十九 → 29, 一百零三 → 103; None if not a Chinese numeral."""
    if not text or any(c not in CN_DIGITS and c not in "十百" for c in text):
        return None
    total, current = 0, 0
    for c in text:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = CN_DIGITS[c]
    return total + current


_CN = "[一二三四五六七八九十百零两]{1,4}"
PART = re.compile(rf"({_CN})、")
SECTION = re.compile(rf"\(({_CN})\)")
ITEM = re.compile(r"(\d{1,2})[.、](?![\d%])")
_SENTENCE = re.compile(r"[^。!?\n]*(?:[。!?]+[”’\"]?|\n|$)")
_BOUNDARY = "。;!?\n"
_TOPIC_MAX = 14  # a topic sentence is short: "严格督察执法。"
_TOPIC = re.compile(rf"\s*([^。,;:!?\n]{{2,{_TOPIC_MAX}}})。(?=\S)")
_MIN_MEASURE = 10


@dataclass
class _Heading:
    level: int
    number: int | None  # None for topic paragraphs
    ordinal: str
    start: int  # view offset of the ordinal
    text_start: int
    text_end: int  # end of the heading text (view)
    body_start: int  # where the section's own text starts


def _heading_end(text: str, pos: int, line_end: int, inline: bool) -> tuple[int, int]:
    """End of a heading's text and start of its body, from the first character after the ordinal."""
    line = text[pos:line_end]
    stop = re.search(r"[。!?]", line)
    if not inline and (stop is None or len(line) <= 40) and "。" not in line[:-1]:
        # A heading line of its own ("一、总体要求", "(一)全面推进美丽广西建设").
        end = pos + len(line.rstrip("。 "))
        return end, line_end
    if stop is not None and stop.start() <= 40:
        return pos + stop.start(), pos + stop.end()
    # Run-on heading with no stop nearby: take the words up to the first comma, at most 20.
    comma = re.search(r"[,;:]", line)
    cut = min(comma.start() if comma else len(line), 20)
    return pos + cut, pos + cut


def find_headings(text: str) -> list[_Heading]:
    headings: list[_Heading] = []
    expected = {1: 1, 2: 1, 3: 1}
    last_number = {1: 0, 2: 0, 3: 0}  # some plans number items on across sections
    prev_line: str | None = None
    for line_match in re.finditer(r"[^\n]*", text):
        line_start, line_end = line_match.start(), line_match.end()
        line = line_match.group()
        if not line.strip():
            continue
        stripped_offset = len(line) - len(line.lstrip())
        # Candidate positions: the line start, and after each sentence end inside the line.
        positions = [line_start + stripped_offset] + [
            line_start + m.end() for m in re.finditer(r"[。;]", line) if m.end() < len(line)
        ]
        for pos in positions:
            inline = pos != line_start + stripped_offset
            h = _match_heading(text, pos, line_end, inline, expected, last_number)
            if h is None:
                continue
            headings.append(h)
            if h.number is not None:
                last_number[h.level] = h.number
                expected[h.level] = h.number + 1
                for deeper in range(h.level + 1, 4):
                    expected[deeper] = 1
        # A topic paragraph: a line that opens with a short sentence and goes on, not the
        # continuation of a sentence broken over two lines.
        continues = prev_line is not None and len(prev_line) >= 20 and not prev_line.endswith(_LINE_END)
        prev_line = line.strip()
        if not continues and not any(line_start <= h.start < line_end for h in headings):
            m = _TOPIC.match(line)
            if m and len(line) > 30 and not re.search(r"\d", m.group(1)):
                s = line_start + m.start(1)
                headings.append(_Heading(4, None, "", s, s, line_start + m.end(1), line_start + m.end()))
    return headings


def _match_heading(text, pos, line_end, inline, expected, last_number) -> _Heading | None:
    for level, pattern, to_int in ((1, PART, cn_number), (2, SECTION, cn_number), (3, ITEM, int)):
        m = pattern.match(text, pos)
        if not m:
            continue
        number = to_int(m.group(1))
        if number is None:
            continue
        allowed = (expected[level], 1, last_number[level] + 1)
        if (inline or level == 3) and number not in allowed:
            return None
        text_start = m.end()
        text_end, body_start = _heading_end(text, text_start, line_end, inline)
        if text_end <= text_start:
            return None
        return _Heading(level, number, m.group(0), pos, text_start, text_end, body_start)
    return None


def segment(view: TextView) -> Segmentation:
    text = view.text
    headings = find_headings(text)
    sections: list[Section] = []
    # Assign tree paths: a stack of (level, path) for open sections.
    stack: list[tuple[int, tuple[int, ...]]] = []
    counters: dict[tuple[int, ...], int] = {}
    bodies: list[tuple[tuple[int, ...], int, int, list[str]]] = []  # path, body start, body end, headings
    for i, h in enumerate(headings):
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        parent = stack[-1][1] if stack else ()
        counters[parent] = counters.get(parent, 0) + 1
        path = parent + (counters[parent],)
        stack.append((h.level, path))
        end = _section_end(headings, i, len(text))
        span = _trimmed(view, h.start, end)
        heading_span = _trimmed(view, h.start, h.text_end)
        if span is None or heading_span is None:
            continue
        sections.append(
            Section(
                path=path,
                ordinal=h.ordinal,
                heading=text[h.text_start : h.text_end].strip(),
                span=span,
                heading_span=heading_span,
            )
        )
        next_start = headings[i + 1].start if i + 1 < len(headings) else len(text)
        bodies.append((path, h.body_start, max(h.body_start, next_start), []))
    preamble_end = headings[0].start if headings else len(text)
    measures = _measures(view, (), 0, preamble_end, preamble=True)
    for path, start, end, _ in bodies:
        measures.extend(_measures(view, path, start, end))
    return Segmentation(sections=sections, measures=measures)


def _section_end(headings: list[_Heading], i: int, text_len: int) -> int:
    level = headings[i].level
    for h in headings[i + 1 :]:
        if h.level <= level:
            return h.start
    return text_len


def _trimmed(view: TextView, start: int, end: int) -> Span | None:
    text = view.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return view.to_raw(start, end) if end > start else None


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence ranges of text[start:end] (view offsets), split at 。!? and line breaks;
    a hard line break inside a sentence (the line runs on in the next) does not split."""
    out: list[tuple[int, int]] = []
    joined = False
    for m in _SENTENCE.finditer(text, start, end):
        if m.end() > m.start() and text[m.start() : m.end()].strip():
            if joined and out:
                out[-1] = (out[-1][0], m.end())
            else:
                out.append((m.start(), m.end()))
            joined = m.group().endswith("\n") and _runs_on(text, out[-1][0], m.end(), end)
        if m.end() >= end:
            break
    return out


_LINE_END = tuple("。;!?:”’\"》)】") + ("……",)
_NEW_LINE_START = re.compile(rf"\s*(?:{_CN}、|\({_CN}\)|\d{{1,2}}[.、](?![\d%])|附件|附表|附录|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[条章节])")


def _runs_on(text: str, start: int, stop: int, end: int) -> bool:
    """Whether the line break at ``stop - 1`` is a hard break inside a sentence: the line
    has some length, ends without sentence punctuation, is no table row, and the next line
    neither opens a heading or list item nor is blank."""
    line = text[text.rfind("\n", start, stop - 1) + 1 : stop - 1].strip()
    if len(line) < 12 or line.endswith(_LINE_END) or "\t" in line or "  " in line:
        return False
    if _TITLE_END.search(line):
        return False  # a title line ("…工作要点", "…的通知") above a date or source line
    nxt = text[stop : text.find("\n", stop, end) if "\n" in text[stop:end] else end]
    return (bool(nxt.strip()) and not nxt[:1].isspace() and not _NEW_LINE_START.match(nxt)
            and not _DATE_OR_FIELD.match(nxt) and "\t" not in nxt)


_TITLE_END = re.compile(r"(?:要点|方案|计划|规划|纲要|意见|通知|办法|规定|决定|报告|细则|措施|清单|公告|文件)$")
_DATE_OR_FIELD = re.compile(r"\s*(?:(?:19|20)\d\d\s*[-/.年]|[^,。:]{2,8}:)")


def _measures(view: TextView, path, start: int, end: int, preamble: bool = False) -> list[Measure]:
    text = view.text
    ranges = sentences(text, start, end)
    merged: list[tuple[int, int]] = []
    carry: int | None = None
    for s, e in ranges:
        chunk = text[s:e].strip()
        if preamble and _is_front_matter(chunk):
            continue
        if carry is not None:
            s = carry
            carry = None
        if len(text[s:e].strip()) < _MIN_MEASURE and not chunk.endswith("\n"):
            carry = s
            continue
        merged.append((s, e))
    if carry is not None:
        if merged:
            merged[-1] = (merged[-1][0], end)
        elif len(text[carry:end].strip()) >= 4:
            merged.append((carry, end))
    measures = []
    for s, e in merged:
        span = _trimmed(view, s, e)
        if span is None:
            continue
        measures.append(Measure(section_path=path, index=len(measures) + 1, span=span, text=""))
    return measures


def _is_front_matter(chunk: str) -> bool:
    """Title, date and source lines above the body: not tasks."""
    if "。" not in chunk and re.search(r"关于印发.{2,80}的(?:通知|函)$", chunk.replace("\n", "").replace("\r", "")):
        return True  # a transmittal notice's heading broken over lines
    return len(chunk) < 40 and not chunk.endswith(("。", "!", "?"))
