"""Link stage: document-level facts (metadata detected from the text when no metadata row
gives them, the document's own region) and the context extractors resolve short forms in.

Detection never invents: what the text does not say is left as None.
"""

from __future__ import annotations

import datetime as dt
import re

from envkg import gazetteer
from envkg.clean import find_head_end, split_lines
from envkg.model import Context, Document, Metadata
from envkg.textnorm import TextView, fold

KIND_WORDS = (
    ("rectification-plan", ("整改方案", "整改工作方案", "整改措施", "整改清单")),
    ("work-plan", ("工作要点", "工作计划", "工作安排", "要点")),
    ("action-plan", ("行动方案", "行动计划", "实施方案", "规划", "方案", "行动", "计划", "纲要")),
)
_DATE = re.compile(r"(20\d\d|19\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_ISSUER_LINE = re.compile(r"(?:发布单位|发文单位|发文机关|来源|信息来源|发布机构|发布者)\s*[:]\s*([^\s|,;]{2,40})")
_PUBLISHED_LINE = re.compile(r"(?:发布日期|成文日期|印发日期|发文日期|发布时间)\s*[:]\s*")
_YEAR_IN_TITLE = re.compile(r"(20\d\d|19\d\d)\s*年")
_ISSUER_SUFFIX = re.compile(r"(?:厅|局|委员会|委|办公室|办公厅|人民政府|政府|部)$")


def kind_of(title: str | None) -> str | None:
    if not title:
        return None
    folded = fold(title)
    for kind, words in KIND_WORDS:
        if any(w in folded for w in words):
            return kind
    return None


def _date(match: re.Match) -> dt.date | None:
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


_ANNOUNCER = re.compile(r"^(?P<issuer>.{2,30}?(?:厅|局|委员会|人民政府|办公厅|办公室))(?:公布|印发|发布|制定)")
_SHARED_FILE = re.compile(r"《(?P<title>[^》]{2,80}?)\.(?:docx?|pdf|wps)》")
_TRANSMITTAL = re.compile(r"^(?P<issuer>.{2,40}?)?关于印发(?P<title>《[^》]+》|.+?)的(?:通知|函|公告)$")
# An editorial lead-in naming the plan: "近日,合肥市人民政府办公室印发《合肥市…方案》".
_LEAD_IN = re.compile(
    r"(?:^|[,:;。)】])\s*(?P<issuer>[^,:;。《》()【】\s]{2,30}?(?:厅|局|委员会|委|人民政府|办公厅|办公室))"
    r"(?:日前|近日|近期|今天|今日)?(?:联合)?(?:正式)?(?:印发|发布|公布|出台|制定)了?《(?P<title>[^》]{4,80})》")
# A news headline about a plan ("重磅!…工作要点印发", "合肥市…方案出炉") is not the plan's title.
_HEADLINE = re.compile(r"(?:印发|发布|公布|出台|出炉|亮相|来了|!|\?)")
_AGENCY_LINE = re.compile(r"^.{2,30}(?:厅|局|委员会|委|人民政府|政府|办公厅|办公室)$")


def _head_texts(lines) -> list[tuple[object, str]]:
    """(first line, text) of the head lines, with a "关于印发…" line broken over several
    lines joined up to its "的通知"."""
    out = []
    i = 0
    while i < len(lines):
        text = lines[i].stripped
        first = lines[i]
        if "关于" in text and not re.search(r"的(?:通知|函|公告)$", text) and "。" not in text:
            joined, j = text, i + 1
            while j < len(lines) and j <= i + 2 and "。" not in lines[j].stripped:
                joined += lines[j].stripped
                if re.search(r"的(?:通知|函|公告)$", joined):
                    text, i = joined, j
                    break
                j += 1
        out.append((first, text))
        i += 1
    return out


def detect_metadata(doc: Document) -> Metadata:
    """Title, issuer, date, region, plan year and kind as far as the text itself tells them."""
    lines = split_lines(doc.raw)
    head = find_head_end(lines, None)
    head_lines = [ln for ln in lines[head : head + 40] if ln.stripped]
    texts = _head_texts(head_lines[:14])[:12]
    title = issuer = published = None
    for k, (_, text) in enumerate(texts):
        # "X关于印发《T》的通知": the plan's own title is T, and X issued it.
        m = _TRANSMITTAL.match(text)
        if m and _is_title_line(m.group("title")):
            title = m.group("title").strip("《》")
            issuer = m.group("issuer")
            if issuer is None and k > 0 and _AGENCY_LINE.match(texts[k - 1][1]):
                issuer = texts[k - 1][1]
            break
    if title is None:
        candidates = [text for _, text in texts if _is_title_line(text)]
        plain = [text for text in candidates if not _HEADLINE.search(text)]
        lead = next((m for _, text in texts for m in [_LEAD_IN.search(text)]
                     if m and kind_of(m.group("title"))), None)
        if plain:
            title = plain[0]
        elif lead:
            title = lead.group("title")
        elif candidates:
            title = candidates[0]
        if lead and issuer is None:
            issuer = lead.group("issuer")
    if title is None:
        # A document-sharing site names the file in its header: 《标题.docx》由会员分享…
        m = next((_SHARED_FILE.search(ln.text) for ln in lines[:3] if _SHARED_FILE.search(ln.text)), None)
        if m:
            title = m.group("title")
    for ln in head_lines[:12]:
        m = _ANNOUNCER.match(ln.stripped)
        if m and issuer is None:
            issuer = m.group("issuer")
        m = _ISSUER_LINE.search(ln.text)
        if m and issuer is None and _ISSUER_SUFFIX.search(m.group(1)):
            issuer = m.group(1)
        if published is None and _PUBLISHED_LINE.search(ln.text):
            d = _DATE.search(ln.text)
            published = _date(d) if d else None
    if published is None:
        for ln in head_lines[:12]:
            d = _DATE.search(ln.text)
            if d and len(ln.stripped) <= 100:
                published = _date(d)
                break
    year = _YEAR_IN_TITLE.search(fold(title)) if title else None
    plan_year = int(year.group(1)) if year else None
    code = first_region_code(fold(title)) if title else None
    if code is None and issuer:
        code = first_region_code(fold(issuer))
    region = gazetteer.region(code).zh if code else None
    # Keep the raw spelling (Traditional stays Traditional): the lines are folded copies and
    # folding is one code point for one, so the folded page gives the raw offsets.
    if title:
        start = fold(doc.raw).find(title)
        title = doc.raw[start : start + len(title)] if start >= 0 else title
    return Metadata(title=title, issuer=issuer, published=published, region=region,
                    plan_year=plan_year, kind=kind_of(title))


def _is_title_line(text: str) -> bool:
    return (6 <= len(text) <= 100 and "。" not in text and "," not in text and not text.endswith((":", ";"))
            and any(w in text for _, ws in KIND_WORDS for w in ws))


def first_region_code(text: str) -> str | None:
    """The first region named in a short text (a title), by full name or short form."""
    from envkg.extract.regions import extract_regions

    view = TextView(text, list(range(len(text))))
    mentions = sorted(extract_regions(view, Context(stem="")), key=lambda m: m.span.start)
    return mentions[0].key.split("/", 1)[1] if mentions else None


def complete_metadata(doc: Document) -> Metadata:
    """The metadata row where there is one (blank cells mean unknown); else detection."""
    given = doc.meta
    if given != Metadata():
        if given.kind is None:
            given.kind = kind_of(given.title)
        return given
    detected = detect_metadata(doc)
    return Metadata(
        title=given.title or detected.title,
        issuer=given.issuer or detected.issuer,
        published=given.published or detected.published,
        region=given.region or detected.region,
        plan_year=given.plan_year or detected.plan_year,
        kind=given.kind or detected.kind or kind_of(given.title),
        url=given.url,
    )


def document_context(doc: Document) -> Context:
    code = gazetteer.region_code_for(doc.meta.region) if doc.meta.region else None
    return Context(stem=doc.stem, plan_year=doc.meta.plan_year, region_code=code,
                   region_name=doc.meta.region, doc_kind=doc.meta.kind, issuer=doc.meta.issuer)
