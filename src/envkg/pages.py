"""Page forms: plain text, Markdown captures and HTML pages, read line by line with exact offsets.

People save policy documents as text copied from a site, as Markdown captured by an
archive or crawler (YAML front matter from the collector, the site's navigation as link
lists, emphasis, escapes), or as the HTML page itself. Every form becomes the same thing:
a list of ``Line`` objects whose ``text`` is the folded visible text and whose ``gaps`` are
the raw ranges of markup left out (link targets, emphasis marks, tags, entities), so
offsets into the raw text stay exact for every form.

Markdown: markdown-it-py maps block tokens to source lines but not inline tokens to
columns, so inline syntax is read here with a small scanner that knows links, images,
autolinks, bare URLs, emphasis marks, escapes and inline tags. HTML: the standard
library's ``html.parser`` reports the source position of every tag and text run
(``getpos``), which is all that is needed; text inside scripts, styles, navigation,
headers, footers and forms is never read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import yaml

from envkg.textnorm import fold

TEXT, MARKDOWN, HTML = "text", "markdown", "html"


@dataclass
class Line:
    start: int  # raw offset of the first character
    end: int  # raw offset after the text, before the line break
    stop: int  # raw offset after the line break
    text: str  # folded text of [start, end) without the gaps
    gaps: tuple[tuple[int, int], ...] = ()  # raw ranges left out (markup, wrapped line breaks)
    block_break: bool = False  # the line ends a block that the raw text does not end with a newline

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(raw: str, first: int = 0) -> list[Line]:
    lines = []
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", raw[first:]):
        if m.start() + first == len(raw) and not m.group():
            break
        text = m.group().rstrip("\r\n")
        start = first + m.start()
        lines.append(Line(start, start + len(text), first + m.end(), fold(text)))
    return lines


# --- recognising the form ---

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_HTML_SIGNS = re.compile(r"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]|<meta\s[^>]*charset", re.I)
_MD_LINK = re.compile(r"!?\[[^\]\n]{0,300}\]\([^)\s]{1,2000}(?:\s+\"[^\"\n]*\")?\)")
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)


def detect_form(raw: str, suffix: str = "") -> str:
    """The form of a page by its content (a Markdown capture is often saved as .txt)."""
    head = raw[:20000]
    if suffix.lower() in (".html", ".htm") or _HTML_SIGNS.search(head[:4000]):
        return HTML
    if suffix.lower() == ".md" or _FRONT_MATTER.match(raw):
        return MARKDOWN
    links = len(_MD_LINK.findall(head))
    headings = len(_MD_HEADING.findall(head))
    return MARKDOWN if links >= 3 or (links and headings) or headings >= 3 else TEXT


# --- front matter ---

@dataclass
class FrontMatter:
    end: int  # raw offset after the closing "---" line; 0 when there is none
    fields: dict

    def text(self, *keys: str) -> str | None:
        """The first non-empty value among keys, as one string (lists joined with 、)."""
        for key in keys:
            value = self.fields.get(key)
            if isinstance(value, list):
                value = "、".join(str(v) for v in value if v not in (None, ""))
            if isinstance(value, dict):
                continue
            if value not in (None, ""):
                text = str(value).strip()
                if text and text not in ("（无）", "(无)", "无", "null", "None"):
                    return text
        return None

    def date(self, *keys: str) -> dt.date | None:
        for key in keys:
            value = self.fields.get(key)
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            if isinstance(value, str):
                m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
                if m:
                    try:
                        return dt.date(int(m[1]), int(m[2]), int(m[3]))
                    except ValueError:
                        continue
        return None

    def region(self) -> tuple[str | None, str | None]:
        """(name, GB/T 2260 code) of the collector's region field, when it names one."""
        value = self.fields.get("region")
        if isinstance(value, dict):
            name, code = value.get("name"), value.get("code")
            return (str(name).strip() if name else None, str(code).strip() if code else None)
        if isinstance(value, str) and value.strip():
            return value.strip(), None
        return None, None


def front_matter(raw: str) -> FrontMatter:
    """The collector's YAML front matter of a capture; unreadable YAML counts as none."""
    m = _FRONT_MATTER.match(raw)
    if not m:
        return FrontMatter(0, {})
    try:
        fields = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return FrontMatter(m.end(), {})
    return FrontMatter(m.end(), fields if isinstance(fields, dict) else {})


# --- Markdown ---

_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"'，。；、（）]+", re.I)
_BLOCK_MARK = re.compile(r"^(?:\s{0,3}(?:#{1,6}\s+|>\s?)|\s{0,3}[-*+]\s+(?=\S))")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HRULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_ESCAPABLE = set("\\`*_{}[]()#+-.!|<>~\"'")
_INLINE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>")


@dataclass
class _Inline:
    gaps: list[tuple[int, int]]
    link_chars: int = 0  # visible characters inside links
    links: int = 0


def _scan_inline(raw: str, start: int, end: int) -> _Inline:
    """Raw ranges of Markdown syntax in raw[start:end] (relative offsets are absolute)."""
    out = _Inline([])
    i = start
    while i < end:
        ch = raw[i]
        if ch == "\\" and i + 1 < end and raw[i + 1] in _ESCAPABLE:
            out.gaps.append((i, i + 1))
            i += 2
            continue
        if ch in "![":
            m = _MD_LINK.match(raw, i, end)
            if m:
                if ch == "!":  # an image: nothing of it is text
                    out.gaps.append((m.start(), m.end()))
                else:
                    close = raw.index("](", m.start())
                    out.gaps.append((m.start(), m.start() + 1))
                    out.gaps.append((close, m.end()))
                    inner = _scan_inline(raw, m.start() + 1, close)
                    out.gaps.extend(inner.gaps)
                    visible = (close - m.start() - 1) - sum(b - a for a, b in inner.gaps)
                    out.link_chars += max(visible, 0)
                    out.links += 1
                i = m.end()
                continue
        if ch == "<":
            m = _INLINE_TAG.match(raw, i, end) or re.compile(r"<(?:https?://|mailto:)[^>\s]+>").match(raw, i, end)
            if m:
                out.gaps.append((m.start(), m.end()))
                i = m.end()
                continue
        if ch in "*_" and raw.startswith(ch * 2, i):
            out.gaps.append((i, i + 2))
            i += 2
            continue
        if ch in "hHwW":
            m = _URL.match(raw, i, end)
            if m and (i == start or not raw[i - 1].isalnum()):
                out.gaps.append((m.start(), m.end()))
                i = m.end()
                continue
        i += 1
    return out


def _visible(raw: str, start: int, end: int, gaps: list[tuple[int, int]]) -> str:
    parts, pos = [], start
    for a, b in gaps:
        if a > pos:
            parts.append(raw[pos:a])
        pos = max(pos, b)
    if pos < end:
        parts.append(raw[pos:end])
    return "".join(parts)


def _merge_gaps(gaps: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(gaps):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


_MEANINGFUL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def markdown_line(raw: str, line: Line) -> Line:
    """A raw line of a Markdown capture as its visible text. A line that is mostly links
    (navigation, footer link lists, rankings) or a rule becomes empty: site furniture by
    structure, whatever the site's words."""
    start, end = line.start, line.end
    text = raw[start:end]
    if _TABLE_RULE.match(text) and "-" in text and "|" in text or _HRULE.match(text):
        return Line(start, end, line.stop, "", ((start, end),) if end > start else ())
    gaps: list[tuple[int, int]] = []
    m = _BLOCK_MARK.match(text)
    if m:
        gaps.append((start, start + m.end()))
    inline = _scan_inline(raw, start + (m.end() if m else 0), end)
    gaps.extend(inline.gaps)
    merged = _merge_gaps(gaps)
    visible = _visible(raw, start, end, list(merged))
    meaningful = len(_MEANINGFUL.findall(visible))
    if inline.links and inline.link_chars * 10 >= meaningful * 6 and not re.search(r"[。;；]", visible):
        return Line(start, end, line.stop, "", ((start, end),) if end > start else ())
    if merged and not visible.strip():
        return Line(start, end, line.stop, "", ((start, end),))
    return Line(start, end, line.stop, fold(visible), merged)


def markdown_lines(raw: str, first: int = 0) -> list[Line]:
    return [markdown_line(raw, ln) for ln in split_lines(raw, first)]


# --- HTML ---

_SKIP_TAGS = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form",
              "select", "button", "iframe", "svg", "head", "title", "object", "menu"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5",
               "h6", "section", "article", "blockquote", "pre", "dd", "dt", "dl", "hr", "center", "main",
               "tbody", "thead", "caption", "figcaption", "address"}
# Site furniture by the page's own structure: navigation, breadcrumbs, share bars, footers.
_FURNITURE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|foot|header|topbar|sidebar|share|"
    r"bdsharebuttonbox|login|search|copyright|related|recommend|toolbar|float)(?:$|[\s_-])", re.I)
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "wbr", "area", "base", "col", "embed", "source"}


class _PageParser(HTMLParser):
    def __init__(self, raw: str):
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", raw)]
        self.skip: list[str] = []  # open elements whose text is never read
        self.runs: list[list[tuple[int, int]]] = [[]]  # text runs of the current block

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _break(self) -> None:
        if self.runs[-1]:
            self.runs.append([])

    def handle_starttag(self, tag, attrs):
        furniture = any(k in ("class", "id", "role") and v and _FURNITURE_ATTR.search(v) for k, v in attrs)
        if self.skip or tag in _SKIP_TAGS or furniture:
            if tag not in _VOID_TAGS:
                self.skip.append(tag)
            return
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_startendtag(self, tag, attrs):
        if not self.skip and tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag):
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_data(self, data):
        if self.skip or not data:
            return
        start = self._offset()
        if self.raw.startswith(data, start):
            self.runs[-1].append((start, start + len(data)))


def html_lines(raw: str) -> list[Line]:
    """The visible text of an HTML page, one line per block or table cell; the raw line
    breaks inside a block, tags and entities between its text runs are gaps."""
    parser = _PageParser(raw)
    parser.feed(raw)
    parser.close()
    lines: list[Line] = []
    for runs in parser.runs:
        pieces: list[tuple[int, int]] = []
        for a, b in runs:
            # A raw line break inside a paragraph is layout, not text.
            for m in re.finditer(r"[^\r\n]+", raw[a:b]):
                pieces.append((a + m.start(), a + m.end()))
        pieces = [(a, b) for a, b in pieces if raw[a:b].strip()]
        if not pieces:
            continue
        # Leading and trailing white space of the block is layout.
        a0, b0 = pieces[0]
        a0 += len(raw[a0:b0]) - len(raw[a0:b0].lstrip())
        pieces[0] = (a0, b0)
        a1, b1 = pieces[-1]
        b1 -= len(raw[a1:b1]) - len(raw[a1:b1].rstrip())
        pieces[-1] = (a1, b1)
        pieces = [(a, b) for a, b in pieces if b > a]
        if not pieces:
            continue
        gaps = tuple((pieces[k][1], pieces[k + 1][0]) for k in range(len(pieces) - 1)
                     if pieces[k + 1][0] > pieces[k][1])
        text = fold("".join(raw[a:b] for a, b in pieces))
        lines.append(Line(pieces[0][0], pieces[-1][1], pieces[-1][1], text, gaps, block_break=True))
    return lines


_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a meta tag, if any."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def page_lines(raw: str, form: str) -> list[Line]:
    """The lines of a page of any form, front matter left out."""
    if form == HTML:
        return html_lines(raw)
    if form == MARKDOWN:
        return markdown_lines(raw, front_matter(raw).end)
    return split_lines(raw)
