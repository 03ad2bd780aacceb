"""Numeric targets: every quantitative commitment of a plan, with the words it stands in.

Chinese plans state targets in a handful of shapes, which this module reads number by number:

    <indicator> <verb>? <number><unit> <suffix>?     PM2.5年均浓度控制在35微克/立方米以下
    <verb> <number><unit> <object>                    完成700个行政村生活污水治理
    <indicator> 比<year>年 <change verb> <number>%    单位GDP二氧化碳排放比2020年下降18%
    <indicator> 清零                                   城市黑臭水体清零 (a zero target)

For each number found in the text the reader decides, from the words around it, whether it is a
target at all (years, dates, ordinals, section numbers, money, mechanism names in quotes,
thresholds that scope a measure, numbers that sum up a list, past facts are not), then its unit
as written, comparator, target year, kind and flags.  Spans are in view coordinates, from the
start of the indicator (or the verb, when the indicator follows the number) to the end of the
unit or directional word.  The rules follow ../shared/gold/README.md (comparator words, suffix
beats verb, lower-is-better levels, shared verbs and suffixes across a list).

Tables (rows of cells split by bars, tabs or runs of spaces, or one cell per line) are read by
column in target_tables.py; numbers on table lines are left to it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from envkg import units
from envkg.extract.target_rules import (
    ANY_VERB,
    ARABIC,
    BASE_YEAR,
    BASE_YEAR_PHRASE,
    CHANGE_VERBS,
    CHINESE,
    CLAUSE_END,
    CN_DIGITS,
    CN_PERCENT,
    DIRECT_VERB,
    DIRECTIONAL_VERBS,
    LEAD,
    NOT_A_QUANTITY,
    NUMBERED_NAME_AFTER,
    ORDINAL_BEFORE,
    OUTPUT_MONEY,
    PAST,
    PAST_HEADING,
    RANGE_BEFORE,
    SENTENCE_END,
    SIGNS,
    SIZE_CLASS_AFTER,
    SPENT_MONEY,
    SUFFIX_RE,
    TASK_VERB_RE,
    TASK_VERBS,
    Reading,
    chinese_decimal,
    chinese_number,
    clause_end_at,
    clause_start_at,
    comparator_for,
    heading_line,
    heading_year,
    in_short_quote,
    in_title,
    indicator_direction,
    link_indicator,
    read_unit,
    sentence_start_at,
    trim_lead,
    year_in,
)
from envkg.model import Context, Span, Target
from envkg.textnorm import TextView

# Re-exported: other modules and tests read these from here.
__all__ = ["chinese_decimal", "chinese_number", "extract_targets", "link_indicator"]

# Indicator words that mark a measured level: a value after one of them needs no verb.
_METRIC_END = re.compile(
    r"(?:率|比例|比率|比重|占比|浓度|指数|天数|面积|总量|数量|能力|规模|长度|覆盖面|水平|量|效率|系数|值|PUE)$"
)
# A list of names just before a number ("合肥、芜湖、蚌埠、黄山四市"): the number sums it up.
_LIST_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]{1,8}、)+[\u4e00-\u9fff]{0,8}(?:和|及|与)?[\u4e00-\u9fff]{1,8}$")
_CONNECTOR = re.compile(r"^\s*(?:、|和|及|以及|与|或|,|、和)\s*$")
_ZERO = re.compile(r"清零")


# --- reading one number ----------------------------------------------------------------------


def _is_list_mark(text: str, start: int, end: int) -> bool:
    """A list item's number: "(1)", "1.", "1、" at the start of a line or clause."""
    before = text[start - 1] if start else "\n"
    after = text[end:end + 1]
    if before in "(" and after == ")":
        return True
    return before in CLAUSE_END and after in (".", "、") and not text[end + 1:end + 2].isdigit()


def _read_number(text: str, m: re.Match, chinese: bool, percent: bool = False) -> Reading | None:
    start, end = m.start(), m.end()
    raw_value = m.group()
    if percent:  # 百分之九十: the whole phrase is the number, its unit is %
        value = chinese_decimal(m.group(1))
        if value is None:
            return None
    elif chinese:
        n = chinese_number(raw_value)
        if n is None or raw_value == "一":
            return None  # 一 is an article far more often than a count ("一批", "一个党员")
        value = str(n)
    else:
        value = raw_value.replace("−", "-")
    if NOT_A_QUANTITY.match(text, end) or ORDINAL_BEFORE.search(text, max(0, start - 4), start):
        return None
    if not chinese and re.fullmatch(r"\d{1,2}", raw_value) and _is_list_mark(text, start, end):
        return None
    if RANGE_BEFORE.search(text, max(0, start - 12), start):
        return None  # "30—35微克/立方米": a range commits to no single value
    if in_title(text, start) or in_short_quote(text, start, end):
        return None
    pos = end
    while pos < len(text) and text[pos] == " ":
        pos += 1
    unit = "%" if percent else read_unit(text, pos)
    unit_end = end if percent else (pos + len(unit) if unit else end)
    if unit in ("小时", "天", "日") and (re.match(r"\s*(?:平均|滑动|预报|预测|研判|趋势)", text[unit_end:])
                                      or text.endswith("未来", 0, start)):
        return None  # a metric's averaging window or a forecast horizon (1小时平均, 未来5天预报)
    if chinese and not percent and not (unit and units.is_count_unit(unit)):
        return None  # a Chinese numeral counts only with a classifier (三个, 七市)
    if chinese and NUMBERED_NAME_AFTER.match(text, unit_end):
        return None  # "两区两线", "三线一单": a numbered slogan, not a count
    if unit and not units.is_count_unit(unit) and unit != "%" and SIZE_CLASS_AFTER.match(text, unit_end):
        return None  # "100万千瓦级机组", "30万千瓦以上煤电机组": a size class, not an amount
    # A bracketed alternative after the unit is not part of it: "50条(段)以上".
    after = unit_end
    bracket = re.match(r"\([^()\d]{1,8}\)", text[after:])
    if bracket and unit:
        after += bracket.end()
    suffix_m = SUFFIX_RE.match(text, after)
    suffix = suffix_m.group() if suffix_m else ""
    target_end = suffix_m.end() if suffix_m else unit_end
    approximate = False
    if text.startswith("左右", target_end):
        approximate = True
        target_end += 2
    sentence_start = sentence_start_at(text, start)
    clause_start = clause_start_at(text, start, sentence_start)
    r = Reading(start, end, value, unit, unit_end, suffix, target_end, clause_start, sentence_start,
                 approximate=approximate, chinese=chinese)
    return r


def _find_verb(text: str, r: Reading) -> None:
    """The sign or verb that governs the number, and where its indicator stands.

    The indicator is the subject before the verb ("城市污水处理率不低于96%"), or, after a verb
    of doing with a count, the object after the number ("完成700个行政村生活污水治理").
    """
    pre_start, pre_end = r.clause_start, r.num_start
    if (pre_start > r.sentence_start and text[pre_start - 1] == ":"
            and not re.sub(r"[\s≤≥≦≧<>=约]", "", text[pre_start:pre_end])):
        # "森林覆盖率:≥43%": the label before the colon is the indicator.
        label_start = clause_start_at(text, pre_start - 1, r.sentence_start)
        if pre_start - label_start <= 30 and not re.search(r"\d", LEAD.sub("", text[label_start:pre_start])):
            pre_start = r.clause_start = label_start
    pre = text[pre_start:pre_end]
    stripped = pre.rstrip()
    if stripped and stripped[-1] in SIGNS:
        r.sign = SIGNS[stripped[-1]]
        pre_end = pre_start + len(stripped) - 1
        pre = text[pre_start:pre_end]
    if re.search(r"约\s*$", pre):
        r.approximate = True
    ind_start = trim_lead(text, pre_start, pre_end)
    ind_end = pre_end
    direct = None if r.sign else DIRECT_VERB.search(pre)
    if direct:
        r.verb, r.verb_start, r.direct_verb = direct.group(1), pre_start + direct.start(1), True
        ind_end = max(ind_start, r.verb_start)
        # "至少完成10个": a bound word before a verb of doing gives the comparator.
        bound = re.search(r"(至少|不少于|最多|不超过)\s*$", text[pre_start:r.verb_start])
        if bound and r.verb not in DIRECTIONAL_VERBS:
            r.flags["bound"] = ">=" if bound.group(1) in ("至少", "不少于") else "<="
            r.verb_start = pre_start + bound.start(1)
            ind_end = max(ind_start, r.verb_start)
    elif pre.rstrip().endswith("("):
        # "稳定达到国家二级标准(35微克/立方米)": the verb stands before the standard's name.
        verbs = list(ANY_VERB.finditer(pre))
        if verbs:
            r.verb, r.verb_start = verbs[-1].group(1), pre_start + verbs[-1].start(1)
            r.flags["standard"] = True
            ind_end = max(ind_start, r.verb_start)
    else:
        verbs = [v for v in ANY_VERB.finditer(pre) if v.group(1) in TASK_VERBS]
        if verbs:
            r.verb, r.verb_start = verbs[-1].group(1), pre_start + verbs[-1].start(1)
    while ind_start < ind_end and text[ind_start] in " ,:“”":
        ind_start += 1
    indicator = BASE_YEAR_PHRASE.sub("", text[ind_start:ind_end]).strip(" ,:“”")
    task = r.verb in TASK_VERBS or r.verb in CHANGE_VERBS
    obj_end = clause_end_at(text, r.end)
    obj = re.split(r"和|及|与|、|并|的", text[r.end:obj_end], maxsplit=1)[0].strip()
    if _count_like(r) and obj and not (r.direct_verb and not task and indicator):
        indicator = ""  # the count's object follows the number (unless "…数量达到5座")
    elif _count_like(r) and not obj and r.verb_start >= 0 and not r.direct_verb:
        # "淘汰国三及以下排放标准柴油货车2万辆": the object stands between verb and number.
        indicator = text[r.verb_start:pre_end].strip()
        ind_start = r.verb_start
    if indicator:
        r.indicator, r.indicator_start = indicator, ind_start
    else:
        r.indicator = obj[:20]
        r.follows_number = True


def _count_like(r: Reading) -> bool:
    return bool(r.unit) and units.is_count_unit(r.unit)


def _is_past(text: str, r: Reading, plan_year: int | None) -> bool:
    """A baseline or an achievement: "截至2023年底已完成…", "2023年PM2.5浓度为34,同比下降5.6%"."""
    sentence_end = r.end
    while sentence_end < len(text) and text[sentence_end] not in SENTENCE_END:
        sentence_end += 1
    before = [m.group() for m in PAST.finditer(text, r.sentence_start, r.num_start)]
    if before and all(w.startswith("累计") for w in before) and _year_ahead(text, r, plan_year):
        before = []  # "到2025年，累计建成充电桩33万个": a running total still to be reached
    if before or PAST.search(text, r.end, min(sentence_end, r.end + 20)):
        return True
    lead = re.match(r"\s*(20\d\d)\s*年\s*[,:]?", text[r.sentence_start:r.num_start])
    # A sentence about an earlier year states facts unless a verb or suffix commits to a value.
    earlier = bool(lead and plan_year and int(lead.group(1)) < plan_year)
    if earlier and not r.suffix and not r.sign and (r.verb in ("", "为") or r.verb in CHANGE_VERBS):
        return True
    heading = heading_line(text, r.num_start)
    return bool(heading and PAST_HEADING.search(heading))


def _sums_list(before: str, value: str) -> bool:
    """"合肥、芜湖、蚌埠、黄山四市": the number just counts the names listed before it.

    A partial list (…等7市) is a count of its own, and so is a number that differs from the
    number of names ("创建绿色工厂、绿色园区、示范企业150项" lists kinds, not the things counted).
    """
    m = _LIST_BEFORE.search(before)
    if not m or before.endswith("等"):
        return False
    items = len(re.split(r"、|和|及|与", m.group()))
    return value.isdigit() and int(value) in (items, items - 1)


def _money_rejected(text: str, r: Reading) -> bool:
    """Money is a target only as a level of output ("产业总产值达到8000亿元"), never as spending."""
    if not units.is_money_unit(r.unit):
        return False
    if text.startswith("/", r.unit_end) or not (r.direct_verb and r.verb in DIRECTIONAL_VERBS or r.sign):
        return True  # a price (元/吨), or an amount without a level verb
    sentence = text[r.sentence_start:r.num_start]
    return not OUTPUT_MONEY.search(sentence) or bool(SPENT_MONEY.search(text, r.clause_start, r.num_start))


# A verb that says the share commits to something: "80%以上面积达到海绵城市建设要求".
_SHARE_COMMITS = re.compile(r"达到|达标|建成|实现|完成|纳入|覆盖|接受|开展|采用|使用|符合")


def _reject(text: str, r: Reading, plan_year: int | None = None, past: bool = True) -> str | None:
    """Why a reading is not a target (None when it is one); past=False leaves past facts in."""
    pre = text[r.clause_start:r.num_start]
    post_end = clause_end_at(text, r.end)
    post = text[r.end:post_end]
    if _money_rejected(text, r):
        return "money"
    if past and _is_past(text, r, plan_year):
        return "past"
    if post.startswith("的") and not re.match(r"的(?:目标|要求|水平)", post):
        return "modifier"  # "年产量1万吨以上的企业", "含量不高于10%的涂料", "其余5区的"
    own_suffix = r.suffix and not r.flags.get("shared_suffix")
    if own_suffix and post[:1] and "\u4e00" <= post[0] <= "\u9fff" and not r.sign:
        if r.unit == "%" and _SHARE_COMMITS.search(post):
            return None  # "60%以上新建社区建成绿色社区": the share is the commitment
        if not r.direct_verb or (r.verb in TASK_VERBS and not _count_like(r)):
            return "threshold"  # "35蒸吨/小时以下燃煤锅炉", "推进30万千瓦以上机组改造": a scope
    if "每" in pre[-4:] or "每" in post[:2]:
        return "rate"  # "每小时65蒸吨": a specification
    if post.startswith("内") and not r.suffix:
        return "time window"  # "24小时内报告", "3个工作日内办结"
    if not r.unit:
        nxt = text[r.num_end:r.num_end + 1]
        if nxt and "\u4e00" <= nxt <= "\u9fff" and not r.suffix and not text.startswith("左右", r.num_end):
            return "unknown unit"  # "65蒸吨": a unit this reader does not know
        if r.sign:
            return None
        if not r.direct_verb or r.verb in TASK_VERBS or r.verb in CHANGE_VERBS:
            return "bare number"
        if r.value.lstrip("-") in {"0", "0.0"} or _METRIC_END.search(re.sub(r"\([^()]*\)$", "", r.indicator)):
            return None
        return "bare number"
    if _count_like(r):
        if "》" in pre and not TASK_VERB_RE.search(pre[pre.rfind("》"):]):
            return "document content"  # "《若干措施》8个方面30条具体举措"
        before = pre.rstrip()
        if _sums_list(before, r.value):
            return "list sum"  # "合肥、芜湖、蚌埠、黄山四市"
        if r.chinese and not (r.direct_verb or before.endswith("等") or before.endswith("对")):
            return "chinese numeral without verb"
        if r.direct_verb or r.sign or before.endswith("等"):
            return None
        if r.verb or TASK_VERB_RE.search(post):
            return None
        return "count without a task"
    return None


def _kind(r: Reading) -> str:
    if _count_like(r):
        return "count"
    if r.direct_verb and r.verb in CHANGE_VERBS:
        return "change"
    if r.verb in TASK_VERBS and r.unit and not r.unit.endswith("%"):
        return "count"
    return "level"


# --- the extractor ---------------------------------------------------------------------------


def _readings(text: str) -> list[Reading]:
    found: list[Reading] = []
    for m in ARABIC.finditer(text):
        r = _read_number(text, m, chinese=False)
        if r:
            found.append(r)
    percents = []
    for m in CN_PERCENT.finditer(text):
        percents.append((m.start(), m.end()))
        r = _read_number(text, m, chinese=True, percent=True)
        if r:
            found.append(r)
    for m in CHINESE.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in CN_DIGITS:
            continue
        if any(a <= m.start() < b for a, b in percents):
            continue
        r = _read_number(text, m, chinese=True)
        if r:
            found.append(r)
    found.sort(key=lambda r: r.num_start)
    return found


def _share_across_lists(text: str, readings: list[Reading]) -> None:
    """Values joined only by 、/和/及 share the verb before the first and the suffix after the last.

    "分别削减2.1万吨、0.9万吨和800吨以上" -> all three ">=" with the verb 削减; the suffix does not
    reach back over a value with its own verb ("整治河道12公里、新增绿地200公顷以上").
    A bare number in such a list takes the unit of the next one ("分别为35、60微克/立方米").
    """
    for a, b in zip(readings, readings[1:], strict=False):
        between = text[a.end:b.num_start]
        if _CONNECTOR.match(between) and not b.direct_verb:
            b.flags["list_prev"] = a
            a.flags["list_next"] = b
    for r in reversed(readings):
        nxt = r.flags.get("list_next")
        if nxt is not None:
            if not r.unit and nxt.unit:
                r.unit = nxt.unit
            if not r.suffix and nxt.suffix:
                r.suffix = nxt.suffix
                r.flags["shared_suffix"] = True
    for r in readings:
        prev = r.flags.get("list_prev")
        if prev is not None and not r.direct_verb and not r.sign:
            r.verb, r.direct_verb, r.sign = prev.verb, prev.direct_verb, prev.sign
            r.flags["standard"] = prev.flags.get("standard")
            if prev.indicator and not prev.follows_number:
                r.indicator = prev.indicator
                r.indicator_start = -1  # the shared subject stays with the first value's span
                r.follows_number = False


_ITEM_JOIN = re.compile(r"^\s*(?:、|和|及|以及|与)|(?:、|和|及|以及|与)\s*$")


def _share_leading_verb(text: str, readings: list[Reading]) -> None:
    """Counts listed under one verb, each item with its own noun, all take that verb.

    "新建雨水泵站3座、调蓄池2个" (noun–number items) and "建成5个中转站和2个分拣中心"
    (number–noun items): only the first item stands next to the verb.
    """
    for p, r in zip(readings, readings[1:], strict=False):
        if r.verb or r.sign or not (_count_like(p) and _count_like(r)):
            continue
        verb = p.verb or p.flags.get("shared_verb")
        between = text[p.end:r.num_start]
        if (verb and len(between) <= 24 and not any(ch in CLAUSE_END for ch in between)
                and _ITEM_JOIN.search(between)):
            r.verb = verb
            r.flags["shared_verb"] = verb


def _span_start(text: str, r: Reading, readings_before: list[Reading]) -> int:
    """Indicator start, else the verb (when no other value stands between it and the number)."""
    in_list = "list_next" in r.flags or "list_prev" in r.flags
    if in_list and not r.direct_verb:
        start = r.num_start  # "分别削减…2.1万吨、0.9万吨和800吨以上": each value its own words
    elif r.indicator_start >= 0 and not r.follows_number:
        start = r.indicator_start
    elif (r.verb_start >= 0 and r.num_start - r.verb_start <= 20
          and not any(r.verb_start <= o.num_start < r.num_start for o in readings_before)
          and not re.search(r"和|及|与|、", re.sub(r"\([^()]*\)", "", text[r.verb_start:r.num_start]))):
        start = r.verb_start
    else:
        start = r.num_start
    return max(start, r.num_start - 30)


def _aspirational(text: str, pos: int) -> bool:
    """力争 earlier in the same sentence part (up to the last ; or sentence end)."""
    i = pos - 1
    while i >= 0 and text[i] not in SENTENCE_END + ";":
        i -= 1
    return "力争" in text[i + 1:pos]


def _zero_targets(text: str, ctx: Context) -> list[Target]:
    """清零 ("城市黑臭水体清零", "推动民用散煤“清零”"): value 0, no unit, "="."""
    out = []
    for m in _ZERO.finditer(text):
        sentence_start = sentence_start_at(text, m.start())
        clause_start = clause_start_at(text, m.start(), sentence_start)
        if PAST.search(text[sentence_start:m.start()]) or "已" in text[max(0, m.start() - 4):m.start()]:
            continue  # "已基本清零": done, not a target
        start = trim_lead(text, clause_start, m.start())
        verb = re.match(r"(?:推动|推进|实现|确保|力争|基本|全面|加快|逐步)+", text[start:m.start()])
        if verb:
            start += verb.end()
        end = m.end() + (1 if text.startswith("”", m.end()) else 0)
        indicator = re.sub(r"(?:基本|全面|动态|实现)?“?$", "", text[start:m.start()]).strip()
        if not indicator:
            continue
        start = max(start, m.start() - 20)
        year = year_in(text, sentence_start, m.start()) or heading_year(text, m.start()) or ctx.plan_year
        out.append(Target(
            span=Span(start, end), indicator_text=indicator, value="0", unit_text="", comparator="=",
            year=year, kind="level", aspirational=_aspirational(text, m.start()),
            indicator=link_indicator(indicator),
        ))
    return out


# A commitment still ahead in a report: a goal word, or a year phrase after the report's year.
_AHEAD_WORDS = re.compile(r"力争|确保|目标|计划|将|争取|预计")
_AHEAD_YEAR = re.compile(r"(?:到|至|在)\s*(20\d\d)\s*年")


def _year_ahead(text: str, r: Reading, plan_year: int | None) -> bool:
    """A year phrase (到2025年) in the sentence before the number, not before the plan year."""
    pre = text[r.sentence_start:r.num_start]
    return any(plan_year and int(m.group(1)) >= plan_year for m in _AHEAD_YEAR.finditer(pre))


def _ahead(text: str, r: Reading, plan_year: int | None) -> bool:
    """In a report, is this figure a commitment still ahead (到2025年…, 力争…) rather than done?"""
    pre = text[r.sentence_start:r.num_start]
    if _AHEAD_WORDS.search(pre):
        return True
    return any(plan_year and int(m.group(1)) > plan_year for m in _AHEAD_YEAR.finditer(pre))


def extract_targets(view: TextView, ctx: Context) -> list[Target]:
    from envkg.extract.target_tables import find_tables, table_targets  # it builds on this module

    text = view.text
    tables = find_tables(text, ctx.plan_year)

    def in_table(pos: int) -> bool:
        return any(t.start <= pos < t.end for t in tables)

    # A table's rows are read by column (target_tables), not as running text.
    readings = [r for r in _readings(text) if not in_table(r.num_start)]
    for prev, r in zip([None, *readings], readings, strict=False):
        if prev is not None and r.clause_start <= prev.end <= r.num_start:
            r.clause_start = prev.end  # "整治河道12公里、新增绿地200公顷": 200's words start after 12's
        _find_verb(text, r)
    _share_across_lists(text, readings)
    _share_leading_verb(text, readings)
    targets: list[Target] = []
    for i, r in enumerate(readings):
        if _reject(text, r, ctx.plan_year, past=False):
            continue
        # Achieved or current figures (已完成, 截至…, review sections) are kept as reported values.
        past = _is_past(text, r, ctx.plan_year)
        indicator_key = link_indicator(r.indicator)
        direction = indicator_direction(indicator_key, r.indicator)
        year = (year_in(text, r.sentence_start, r.num_start) or heading_year(text, r.num_start)
                or ctx.plan_year)
        base = BASE_YEAR.search(text, r.clause_start, r.num_start)
        qudt, factor = units.unit_for(r.unit)
        t = Target(
            span=Span(_span_start(text, r, readings[max(0, i - 3):i]), r.end),
            indicator_text=r.indicator,
            value=r.value,
            unit_text=r.unit,
            comparator=comparator_for(r, direction),
            year=year,
            kind=_kind(r),
            base_year=int(base.group(1)) if base else None,
            approximate=r.approximate,
            aspirational=_aspirational(text, r.num_start),
            indicator=indicator_key,
            unit=qudt if factor == 1 else None,
        )
        if factor != 1 and qudt:
            t.normalized_value = format((Decimal(r.value) * factor).normalize(), "f")
            t.normalized_unit = qudt
        if t.base_year and t.kind == "level":
            t.kind = "change"
        if past or (ctx.doc_kind == "report" and not _ahead(text, r, ctx.plan_year)):
            t.status = "reported"  # a report states what was done; only commitments ahead are targets
        targets.append(t)
    targets.extend(t for t in _zero_targets(text, ctx) if not in_table(t.span.start))
    targets.extend(table_targets(text, tables, ctx))
    targets.sort(key=lambda t: (t.span.start, t.span.end))
    return targets
