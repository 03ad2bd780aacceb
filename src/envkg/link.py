"""Link stage: document-level facts (metadata detected from the text when no metadata row
gives them, the document's own region) and the context extractors resolve short forms in.

Detection never invents: what the text does not say is left as None.
"""

from __future__ import annotations

import datetime as dt
import re

from envkg import gazetteer
from envkg.clean import find_head_end
from envkg.model import Context, Document, Metadata
from envkg.textnorm import TextView, fold

KIND_WORDS = (
    # a report of work done: its figures are achieved values, not commitments
    ("report", ("情况的报告", "情况报告", "工作报告", "工作总结", "总结报告", "状况公报", "环境公报", "报告")),
    ("rectification-plan", ("整改方案", "整改工作方案", "整改措施", "整改清单")),
    ("work-plan", ("工作要点", "工作计划", "工作安排", "要点")),
    ("action-plan", ("行动方案", "行动计划", "实施方案", "规划", "方案", "行动", "计划", "纲要")),
    ("opinion", ("实施意见", "指导意见", "意见")),
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


# A page's own header fields, as many sites print them above the document (several on one
# line in some captures: "发文机关:X成文日期:2022-08-09").
_FIELD_LABEL = (r"(?:发文机[关构]|发布机构|发文单位|发布单位|成文日期|发布日期|发文日期|印发日期|文\s*号|发文字号|"
                r"标\s*题|索\s*引\s*号|主题分类|来\s*源|信息来源|时\s*效(?:性)?|备案登记号|废止日期|分\s*类)")
_HEADER_FIELD = re.compile(rf"{_FIELD_LABEL}\s*[:]\s*")
_ISSUER_FIELDS = re.compile(r"^(?:发文机[关构]|发布机构|发文单位|发布单位)$")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[(](?:19|20)\d\d[〕\])]\s*\d{1,4}\s*号")
_SIGNED_DATE = re.compile(r"^\s*(20\d\d|19\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_NATIONAL = re.compile(r"^(?:国务院|中共中央|全国|国家|中央)|部$|总局$|^(?:生态环境|工业和信息化|财政|自然资源|"
                       r"住房(?:和)?城乡建设|水利|农业农村|科技|交通运输|商务)部")
# Site suffixes a page title carries ("…的通知_通知公告_ …", "… - 某省人民政府网").
_TITLE_SITE_TAIL = re.compile(r"(?:\s*[_|]\s*[^_|]{0,30})+\s*(?:\.{3}|…)?\s*$|\s*(?:\.{3}|…)\s*$")


def header_fields(lines) -> dict[str, str]:
    """Label -> value of the page's header fields in the head lines (value on the same line
    or on the next non-empty line)."""
    fields: dict[str, str] = {}
    texts = [ln.stripped for ln in lines if ln.stripped]
    for k, text in enumerate(texts):
        matches = list(_HEADER_FIELD.finditer(text))
        for n, m in enumerate(matches):
            label = re.sub(r"\s+", "", m.group()).rstrip(":")
            stop = matches[n + 1].start() if n + 1 < len(matches) else len(text)
            value = text[m.end():stop].strip(" -*")
            if not value and n + 1 == len(matches) and m.start() == 0 and k + 1 < len(texts) \
                    and not _HEADER_FIELD.match(texts[k + 1]):
                value = texts[k + 1].strip(" -*")
            if value and label not in fields:
                fields[label] = value
    return fields


def plan_title(title: str | None) -> str | None:
    """The plan's own title in a page or notice title: "X关于印发《T》的通知_site…" → T."""
    if not title:
        return None
    title = _TITLE_SITE_TAIL.sub("", title).strip()
    # "…的指导意见(发改环资〔2021〕13号)": the document number is not part of the title.
    title = re.sub(r"\s*[(（][^()（）]{0,20}[〔\[(（]\d{4}[〕\])）][^()（）]{0,8}[)）]\s*$", "", title)
    m = _TRANSMITTAL.match(title) or _TRANSMITTAL.match(title + "的通知")
    if m and _is_title_line(m.group("title").strip("《》")):
        title = m.group("title").strip("《》")
    return title or None


def canonical_issuer(issuer: str | None, region_name: str | None) -> str | None:
    """The issuer as the text names it, in full: bodies split by 、 (a space between two
    bodies is a separator), a bare level word completed with the region (市政府 →
    上海市人民政府, 市委 → 中共上海市委), notes in brackets dropped."""
    if not issuer:
        return None
    text = re.sub(r"[(（][^()（）]{0,30}[)）]", "", fold(issuer)).strip()
    parts = [p for p in re.split(r"[、,;\s]+", text) if p]
    # "中 共 贵州省委": letter-spaced names are one body.
    joined: list[str] = []
    for part in parts:
        if joined and (len(joined[-1]) <= 2 or len(part) <= 1):
            joined[-1] += part
        else:
            joined.append(part)
    out = []
    for part in joined:
        code = first_region_code(part)
        if code and gazetteer.exists(code):
            name = gazetteer.region(code).zh
            short = re.sub(r"(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$", "", name)
            if part.startswith(short) and not part.startswith(name) and not re.match(
                    r"(?:省|市|自治区|区|县)", part[len(short):]):
                part = name + part[len(short):]
        if region_name and re.match(r"^(?:省|市|区|县|自治区|州|盟)(?:委|政府|人民政府)", part):
            level = re.match(r"^(?:自治区|省|市|区|县|州|盟)", part).group()
            if region_name.endswith(level):
                part = region_name + part[len(level):]
        part = re.sub(r"^(?!中共)(.{2,12}?(?:省|市|自治区|区|县|州))委$", r"中共\1委", part)
        part = re.sub(r"(?<=[省市区县州])政府$", "人民政府", part)
        out.append(part)
    return "、".join(out) or None


def _signature(lines) -> str | None:
    """The signing bodies above the closing date of a notice or a joint document: one body
    per line (names letter-spaced in print); several bodies name the lead one first."""
    texts = [ln.stripped for ln in lines if ln.stripped]
    for k, text in enumerate(texts):
        if not _SIGNED_DATE.match(text):
            continue
        bodies = []
        j = k - 1
        while j >= 0 and len(bodies) < 15:
            name = re.sub(r"\s+", "", texts[j])
            if not (2 <= len(name) <= 30 and _ISSUER_SUFFIX.search(name) or name.endswith(("总局", "省委", "市委"))):
                break
            bodies.insert(0, name)
            j -= 1
        if bodies:
            return "、".join(bodies) if len(bodies) <= 2 else bodies[0]
    return None


def _signed_date(lines) -> dt.date | None:
    for ln in lines:
        m = _SIGNED_DATE.match(ln.stripped)
        if m:
            d = _date(m)
            if d:
                return d
    return None


def detect_metadata(doc: Document) -> Metadata:
    """Title, issuer, date, document number, region, plan year and kind as far as the page
    tells them: its own text first (notice, header fields, signature), then what a
    collector's front matter declares."""
    from envkg.clean import document_lines

    lines = document_lines(doc)
    head = find_head_end(lines, None)
    head_lines = [ln for ln in lines[head : head + 80] if ln.stripped]
    fields = header_fields(head_lines[:40])
    texts = _head_texts(head_lines[:40])[:40]
    title = issuer = published = None
    for k, (_, text) in enumerate(texts):
        # "X关于印发《T》的通知": the plan's own title is T, and X issued it.
        m = _TRANSMITTAL.match(text)
        if m and _is_title_line(m.group("title")) and not _HEADER_FIELD.match(text):
            title = m.group("title").strip("《》")
            issuer = m.group("issuer")
            if issuer is None and k > 0 and _AGENCY_LINE.match(texts[k - 1][1].replace(" ", "")):
                issuer = texts[k - 1][1]
            break
    page = doc.page_meta
    if title is None and page.title:
        title = plan_title(page.title)
    if title is None:
        candidates = [text for _, text in texts[:12] if _is_title_line(text) and not _HEADER_FIELD.match(text)]
        plain = [text for text in candidates if not _HEADLINE.search(text)]
        lead = next((m for _, text in texts[:12] for m in [_LEAD_IN.search(text)]
                     if m and kind_of(m.group("title"))), None)
        if plain:
            title = plain[0]
        elif lead:
            title = lead.group("title")
        elif candidates:
            title = candidates[0]
        if lead and issuer is None:
            issuer = lead.group("issuer")
        title = plan_title(title)
    title = plan_title(title)
    if title is None:
        # A document-sharing site names the file in its header: 《标题.docx》由会员分享…
        m = next((_SHARED_FILE.search(ln.text) for ln in lines[:3] if _SHARED_FILE.search(ln.text)), None)
        if m:
            title = m.group("title")
    if issuer is None:
        issuer = next((v for label, v in fields.items() if _ISSUER_FIELDS.match(label)
                       and _ISSUER_SUFFIX.search(re.sub(r"[(（].*$", "", v))), None)
    for ln in head_lines[:12]:
        m = _ANNOUNCER.match(ln.stripped)
        if m and issuer is None:
            issuer = m.group("issuer")
        m = _ISSUER_LINE.search(ln.text)
        if m and issuer is None and _ISSUER_SUFFIX.search(m.group(1)):
            issuer = m.group(1)
    issuer = issuer or page.issuer or _signature(lines[head:])
    published = _signed_date(head_lines[:40])
    for label in ("成文日期", "发文日期", "印发日期", "发布日期"):
        if published is None and label in fields:
            d = _DATE.search(fields[label])
            published = _date(d) if d else None
    for ln in head_lines[:12]:
        if published is None and _PUBLISHED_LINE.search(ln.text):
            d = _DATE.search(ln.text)
            published = _date(d) if d else None
    published = published or page.published or _signed_date(lines[head:])
    if published is None:
        for ln in head_lines[:12]:
            d = _DATE.search(ln.text)
            if d and len(ln.stripped) <= 100:
                published = _date(d)
                break
    number = next((v for label, v in fields.items() if label in ("文号", "发文字号") and _DOC_NUMBER.search(v)),
                  None) or page.number
    if number is None:
        m = next((_DOC_NUMBER.search(t) for _, t in texts[:20] if _DOC_NUMBER.fullmatch(t.strip())), None)
        number = m.group() if m else None
    if number:
        at = fold(doc.raw).find(fold(number))
        number = doc.raw[at : at + len(number)] if at >= 0 else number
    year = _YEAR_IN_TITLE.search(fold(title)) if title else None
    plan_year = int(year.group(1)) if year else (published.year if published else page.plan_year)
    code = first_region_code(fold(title)) if title else None
    if code is None and issuer:
        code = first_region_code(fold(issuer))
    region = gazetteer.region(code).zh if code else None
    if region is None and page.region:
        region = page.region
    if region is None:
        region = dominant_region(lines[head:])
    if region is None and issuer and all(_NATIONAL.search(p) for p in re.split(r"[、,\s]+", fold(issuer)) if p):
        region = "全国"
    issuer = canonical_issuer(issuer, region)
    # Keep the raw spelling (Traditional stays Traditional): the lines are folded copies and
    # folding is one code point for one, so the folded page gives the raw offsets.
    if title:
        folded_raw = fold(doc.raw)
        body_from = lines[head].start if lines else 0
        start = folded_raw.find(fold(title), body_from)
        if start < 0:
            start = folded_raw.find(fold(title))
        title = doc.raw[start : start + len(title)] if start >= 0 else title
    return Metadata(title=title, issuer=issuer, published=published, region=region,
                    plan_year=plan_year, kind=kind_of(title), number=number,
                    url=page.url)


def dominant_region(lines) -> str | None:
    """The province or city a text keeps naming, when one clearly dominates (a plan whose
    title and issuer name no region)."""
    from collections import Counter

    from envkg.extract.regions import extract_regions

    text = "\n".join(ln.text for ln in lines)[:60000]
    view = TextView(text, list(range(len(text))))
    counts = Counter(m.key.split("/", 1)[1] for m in extract_regions(view, Context(stem="")))
    top = [(code, n) for code, n in counts.most_common() if code.endswith("00")][:2]
    if top and top[0][1] >= 3 and (len(top) == 1 or top[0][1] >= 2 * top[1][1]):
        return gazetteer.region(top[0][0]).zh
    return None


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
        url=given.url or detected.url,
        number=given.number or detected.number,
    )


def document_context(doc: Document) -> Context:
    code = gazetteer.region_code_for(doc.meta.region) if doc.meta.region else None
    return Context(stem=doc.stem, plan_year=doc.meta.plan_year, region_code=code,
                   region_name=doc.meta.region, doc_kind=doc.meta.kind, issuer=doc.meta.issuer)
