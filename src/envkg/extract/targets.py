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

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from envkg import units, vocab
from envkg.model import Context, Span, Target
from envkg.textnorm import TextView, fold

# --- words ----------------------------------------------------------------------------------

# Verbs that give a comparator by themselves (gold README word rules).
DIRECTIONAL_VERBS = {
    "控制在": "<=", "控制到": "<=", "控制于": "<=", "不超过": "<=", "不高于": "<=", "不大于": "<=",
    "不多于": "<=", "降至": "<=", "降到": "<=", "降低到": "<=", "降低至": "<=", "下降到": "<=",
    "下降至": "<=", "减少到": "<=", "减少至": "<=", "减至": "<=", "压减到": "<=", "压减至": "<=",
    "压降至": "<=", "不得超过": "<=", "不得高于": "<=", "最多": "<=", "低于": "<", "少于": "<", "小于": "<",
    "达到": ">=", "达": ">=", "不低于": ">=", "不少于": ">=", "不小于": ">=", "提高到": ">=",
    "提高至": ">=", "提升到": ">=", "提升至": ">=", "增至": ">=", "增加到": ">=", "增加至": ">=",
    "增长到": ">=", "增长至": ">=", "上升到": ">=", "上升至": ">=", "力争达到": ">=", "确保达到": ">=",
    "至少": ">=", "不得低于": ">=", "不得少于": ">=",
    "高于": ">", "超过": ">", "多于": ">", "大于": ">",
}
# Verbs that hold a level: "at most" for a lower-is-better indicator (a concentration stays at
# or under the level), otherwise no direction of their own (保持100% is "=").  稳定达到 is 达到.
HOLDING_VERBS = {"稳定在", "保持在", "维持在", "稳定保持在", "稳定保持", "保持", "稳定达到", "持续稳定达到"}
# Verbs that state a value without direction.
EQUAL_VERBS = {"保持为", "稳定为", "控制为", "为"}
# A change by an amount: "下降18%" is a change of 18, "=" unless a suffix says otherwise.
CHANGE_VERBS = {"下降", "降低", "减少", "削减", "压减", "压降", "提高", "提升", "增长", "增加", "上升", "减排"}
# Verbs of things to do or finish: a count next to one of them is a commitment.
TASK_VERBS = {
    "完成", "新增", "新建", "建成", "建设", "创建", "改造", "整治", "治理", "开展", "推进", "实施",
    "启动", "组织", "淘汰", "关停", "培育", "打造", "修复", "造林", "种植", "划定", "建立", "申报",
    "指导", "遴选", "评选", "认定", "关闭", "搬迁", "清理", "安装", "更新", "推广", "消除", "扩建",
    "铺设", "实现", "提标", "督察", "检查", "抽查", "监测", "调查", "排查", "培训", "举办", "命名",
    "创成", "达标", "覆盖", "完善", "新改建", "新(改、扩)建", "建立健全", "签订", "编制", "制定",
}
ALL_VERBS = sorted(
    set(DIRECTIONAL_VERBS) | HOLDING_VERBS | EQUAL_VERBS | CHANGE_VERBS | TASK_VERBS, key=len, reverse=True
)
_VERB_ALT = "|".join(re.escape(v) for v in ALL_VERBS)
# A verb directly before the number ("达到90%", "控制在约35").
_DIRECT_VERB = re.compile(rf"({_VERB_ALT})\s*(?:约|近)?\s*$")
_ANY_VERB = re.compile(rf"({_VERB_ALT})")
_TASK_VERB = re.compile("|".join(re.escape(v) for v in sorted(TASK_VERBS | CHANGE_VERBS, key=len, reverse=True)))

SUFFIXES = {"及以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<=", "以内": "<=", "之内": "<="}
_SUFFIX = re.compile(r"(及以上|以上|及以下|以下|以内|之内)")
_SIGNS = {"≤": "<=", "≥": ">=", "≦": "<=", "≧": ">=", "⩽": "<=", "⩾": ">=", "<": "<", ">": ">", "=": "="}

# --- numbers ---------------------------------------------------------------------------------

# An Arabic number not glued to a date, time, code or fraction ("2024-05-13", "15:02", "PM2.5",
# "2/3"; after a label's colon it counts: "森林覆盖率:43.5%"); a minus sign counts only when no digit stands before it ("控制在-25微克/立方米").
_ARABIC = re.compile(r"(?<![\d.A-Za-z/\-−~_])(?<!\d:)(?:[-−](?=\d))?\d+(?:\.\d+)?")
_CHINESE = re.compile(r"[零〇两二三四五六七八九十百千]+|一[十百千]*[零〇一二三四五六七八九十百千]*")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
# "百分之九十五" (95%), "百分之九十五点五" (95.5%), "百分之百" (100%).
_CN_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)")
# The second number of a range ("30—35微克/立方米", "80%~85%"): neither end is a target.
_RANGE_BEFORE = re.compile(r"\d(?:\.\d+)?\s*%?\s*(?:[—~\-−]|至)\s*$")

# What may follow a number that is not a target value: years, dates, ordinals, money, ranks.
_NOT_A_QUANTITY = re.compile(
    r"\s*(?:年|月|日|号|届|周年|期|批次|批|代|版|轮|级|元|万元|亿元|千元|美元|倍|岁|时|分(?!贝)|秒|点|强|"
    r"%?\s*(?:[-−~—]|至)\s*\d|[/:]\s*\d|\.\d|[A-Za-z])"
)
# Words before a number that make it an ordinal or a rank.
_ORDINAL_BEFORE = re.compile(r"(?:第|前|后|排名|位列|位居|No\.?|编号)\s*$")

# A year phrase: "到2025年", "2020年底前", "2019—2020年" (the period's last year).
_YEAR = re.compile(r"(?<![\d])(20\d\d|19\d\d)\s*(?:[—\-~至到]\s*(20\d\d|19\d\d)\s*)?年(?!度?以来)")
_BASE_YEAR = re.compile(r"(?:比|较|相比|与)\s*(20\d\d|19\d\d)\s*年")
_BASE_YEAR_PHRASE = re.compile(r"(?:比|较|相比|与)\s*(?:(?:20\d\d|19\d\d)\s*年(?:底|末)?|上年|上一年|去年)(?:相比)?$")
# Past facts and baselines: a number stated as already reached is not a commitment.
_PAST = re.compile(
    r"已经|已完成|已建成|已累计|已有|已实现|已达|已下降|已提高|截至|截止|累计完成|累计建成|"
    r"较上年同期|比上年同期|去年|上年度"
)
# Headings of sections that report the past ("一、2023年工作回顾").
_PAST_HEADING = re.compile(r"回顾|成效|进展情况|完成情况|工作总结|基本情况|现状")
# Words a clause may begin with that are not part of the indicator.
_LEAD = re.compile(  # used with .match(text, pos): anchored at pos, so no "^"
    r"(?:\s|——|—|-|基本目标|主要目标|总体目标|具体目标|其中|同时|并且|并|力争|确保|争取|努力|全年|"
    r"(?:到|至|在|于)?\s*(?:(?:20\d\d|19\d\d)\s*[—\-~至到]\s*)?(?:20\d\d|19\d\d)\s*年(?:底|末|年底)?(?:前|之前|以前)?|"
    r"年底前|以前|到|至|在|、|以及|和|及|与|:|,|\|"
    # list markers: (1) 1. 1、 ① (一) 一是
    r"|\(\d{1,2}\)|\d{1,2}(?:[.、](?!\d)|\s+)|[①-⑳]|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}(?:是|、))+"
)
# Indicator words that mark a measured level: a value after one of them needs no verb.
_METRIC_END = re.compile(r"(?:率|比例|比率|比重|占比|浓度|指数|天数|面积|总量|数量|能力|规模|长度|覆盖面|水平|量)$")
# Lower-is-better words, for indicators the vocabulary does not know.
_LOWER_WORDS = re.compile(r"浓度|重污染|劣[VⅤ五]|超标|排放量|排放强度|能耗|PM2\.5|PM10|臭氧|噪声|黑臭水体数量")
# A list of names just before a number ("合肥、芜湖、蚌埠、黄山四市"): the number sums it up.
_LIST_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]{1,8}、)+[\u4e00-\u9fff]{0,8}(?:和|及|与)?[\u4e00-\u9fff]{1,8}$")
_CONNECTOR = re.compile(r"^\s*(?:、|和|及|以及|与|或|,|、和)\s*$")
# Cell bars and tabs of a table row close a clause as a comma does.
_CLAUSE_END = ",;:。!?\r\n|\t"
_SENTENCE_END = "。!?\r\n"
_ZERO = re.compile(r"清零")


@dataclass
class _Reading:
    """One number read in context, before it is turned into a Target."""

    num_start: int
    num_end: int
    value: str
    unit: str
    unit_end: int  # end of the unit (or of the number when there is none)
    suffix: str
    end: int  # end of the target's words (suffix, unit or number)
    clause_start: int
    sentence_start: int
    sign: str = ""
    verb: str = ""
    verb_start: int = -1
    direct_verb: bool = False
    approximate: bool = False
    indicator: str = ""
    indicator_start: int = -1
    follows_number: bool = False  # the indicator follows the number (完成700个行政村…)
    chinese: bool = False
    flags: dict = field(default_factory=dict)


# --- helpers -----------------------------------------------------------------------------------


def chinese_number(text: str) -> int | None:
    """"三" -> 3, "十二" -> 12, "一百五十" -> 150, "两" -> 2; None for anything else."""
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def chinese_decimal(text: str) -> str | None:
    """"九十五" -> "95", "九十五点五" -> "95.5", "百" -> "100"; None for anything else."""
    whole, _, frac = text.partition("点")
    n = chinese_number(whole)
    if n is None or (frac and any(ch not in _CN_DIGITS for ch in frac)):
        return None
    return f"{n}.{''.join(str(_CN_DIGITS[ch]) for ch in frac)}" if frac else str(n)


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause holding pos: after the last , ; : 。 ! ? or line break (not inside ())."""
    depth = 0
    i = pos - 1
    while i >= floor:
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth = max(0, depth - 1)
        elif ch in _CLAUSE_END and depth == 0:
            return i + 1
        i -= 1
    return floor


def _clause_end(text: str, pos: int) -> int:
    n = len(text)
    i = pos
    while i < n and text[i] not in _CLAUSE_END:
        i += 1
    return i


def _sentence_start(text: str, pos: int) -> int:
    i = pos - 1
    while i >= 0 and text[i] not in _SENTENCE_END:
        i -= 1
    return i + 1


def _inside(text: str, pos: int, open_ch: str, close_ch: str, reach: int) -> tuple[int, int] | None:
    """The (start, end) of an open_ch…close_ch pair around pos, looking at most reach chars."""
    left = text.rfind(open_ch, max(0, pos - reach), pos)
    if left < 0 or text.rfind(close_ch, left, pos) >= 0:
        return None
    right = text.find(close_ch, pos, pos + reach)
    if right < 0 or text.find(open_ch, pos, right) >= 0:
        return None
    return left, right


def _in_short_quote(text: str, start: int, end: int) -> bool:
    """Inside “…” of a few characters: a mechanism or slogan name (“6个100%”, “1+N”, “2 12”)."""
    pair = _inside(text, start, "“", "”", 16)
    return bool(pair and pair[1] - pair[0] <= 16 and pair[1] >= end)


def _in_title(text: str, pos: int) -> bool:
    return _inside(text, pos, "《", "》", 80) is not None


def _read_unit(text: str, pos: int) -> str:
    """The longest known unit text at pos ("" when none)."""
    for u in units.unit_texts():
        if text.startswith(u, pos):
            nxt = text[pos + len(u): pos + len(u) + 1]
            if u[-1].isascii() and u[-1].isalpha() and nxt.isascii() and nxt.isalpha():
                continue  # "5G", "3D": a Latin unit must end a word
            return u
    return ""


@functools.cache
def _indicator_labels() -> list[tuple[str, str]]:
    """(normalised label, concept key), longest label first."""
    out = []
    for key, concept in vocab.load("indicators.ttl").items():
        for label in concept.labels("zh"):
            norm = _norm_label(label)
            if norm:
                out.append((norm, key))
    out.sort(key=lambda x: (-len(x[0]), x[1]))
    return out


_ROMAN = str.maketrans({"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V", "Ⅵ": "VI"})


def _norm_label(text: str) -> str:
    """Fold, drop spaces, quotes and bracketed asides, Roman numerals as ASCII: 细颗粒物(PM2.5)年均浓度 -> 细颗粒物年均浓度."""
    s = fold(text).translate(_ROMAN)
    s = re.sub(r"\([^()]*\)", "", s)
    return re.sub(r"[\s“”\"'、·]", "", s)


def link_indicator(text: str) -> str | None:
    """The indicator concept key whose label the indicator text contains (longest label wins)."""
    norm = _norm_label(text)
    if not norm:
        return None
    for label, key in _indicator_labels():
        if label in norm:
            return key
    return None


def _direction(indicator_key: str | None, indicator_text: str) -> str | None:
    if indicator_key:
        concept = vocab.load("indicators.ttl").get(indicator_key)
        d = concept.prop("direction") if concept else None
        if d:
            return "lower" if d.endswith("LowerIsBetter") else "higher"
    return "lower" if _LOWER_WORDS.search(fold(indicator_text)) else None


def _trim_lead(text: str, start: int, end: int) -> int:
    """Skip leading words that are not part of an indicator (years, 力争, 其中 …)."""
    m = _LEAD.match(text, start, end)
    return m.end() if m else start


# --- reading one number ----------------------------------------------------------------------


def _is_list_mark(text: str, start: int, end: int) -> bool:
    """A list item's number: "(1)", "1.", "1、" at the start of a line or clause."""
    before = text[start - 1] if start else "\n"
    after = text[end:end + 1]
    if before in "(" and after == ")":
        return True
    return before in _CLAUSE_END and after in (".", "、") and not text[end + 1:end + 2].isdigit()


def _read_number(text: str, m: re.Match, chinese: bool, percent: bool = False) -> _Reading | None:
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
    if _NOT_A_QUANTITY.match(text, end) or _ORDINAL_BEFORE.search(text, max(0, start - 4), start):
        return None
    if not chinese and re.fullmatch(r"\d{1,2}", raw_value) and _is_list_mark(text, start, end):
        return None
    if _RANGE_BEFORE.search(text, max(0, start - 12), start):
        return None  # "30—35微克/立方米": a range commits to no single value
    if _in_title(text, start) or _in_short_quote(text, start, end):
        return None
    pos = end
    while pos < len(text) and text[pos] == " ":
        pos += 1
    unit = "%" if percent else _read_unit(text, pos)
    unit_end = end if percent else (pos + len(unit) if unit else end)
    if chinese and not percent and not (unit and units.is_count_unit(unit)):
        return None  # a Chinese numeral counts only with a classifier (三个, 七市)
    # A bracketed alternative after the unit is not part of it: "50条(段)以上".
    after = unit_end
    bracket = re.match(r"\([^()\d]{1,8}\)", text[after:])
    if bracket and unit:
        after += bracket.end()
    suffix_m = _SUFFIX.match(text, after)
    suffix = suffix_m.group() if suffix_m else ""
    target_end = suffix_m.end() if suffix_m else unit_end
    approximate = False
    if text.startswith("左右", target_end):
        approximate = True
        target_end += 2
    sentence_start = _sentence_start(text, start)
    clause_start = _clause_start(text, start, sentence_start)
    r = _Reading(start, end, value, unit, unit_end, suffix, target_end, clause_start, sentence_start,
                 approximate=approximate, chinese=chinese)
    return r


def _find_verb(text: str, r: _Reading) -> None:
    """The sign or verb that governs the number, and where its indicator stands.

    The indicator is the subject before the verb ("城市污水处理率不低于96%"), or, after a verb
    of doing with a count, the object after the number ("完成700个行政村生活污水治理").
    """
    pre_start, pre_end = r.clause_start, r.num_start
    if (pre_start > r.sentence_start and text[pre_start - 1] == ":"
            and not re.sub(r"[\s≤≥≦≧<>=约]", "", text[pre_start:pre_end])):
        # "森林覆盖率:≥43%": the label before the colon is the indicator.
        label_start = _clause_start(text, pre_start - 1, r.sentence_start)
        if pre_start - label_start <= 30 and not re.search(r"\d", _LEAD.sub("", text[label_start:pre_start])):
            pre_start = r.clause_start = label_start
    pre = text[pre_start:pre_end]
    stripped = pre.rstrip()
    if stripped and stripped[-1] in _SIGNS:
        r.sign = _SIGNS[stripped[-1]]
        pre_end = pre_start + len(stripped) - 1
        pre = text[pre_start:pre_end]
    if re.search(r"约\s*$", pre):
        r.approximate = True
    ind_start = _trim_lead(text, pre_start, pre_end)
    ind_end = pre_end
    direct = None if r.sign else _DIRECT_VERB.search(pre)
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
        verbs = list(_ANY_VERB.finditer(pre))
        if verbs:
            r.verb, r.verb_start = verbs[-1].group(1), pre_start + verbs[-1].start(1)
            r.flags["standard"] = True
            ind_end = max(ind_start, r.verb_start)
    else:
        verbs = [v for v in _ANY_VERB.finditer(pre) if v.group(1) in TASK_VERBS]
        if verbs:
            r.verb, r.verb_start = verbs[-1].group(1), pre_start + verbs[-1].start(1)
    while ind_start < ind_end and text[ind_start] in " ,:“”":
        ind_start += 1
    indicator = _BASE_YEAR_PHRASE.sub("", text[ind_start:ind_end]).strip(" ,:“”")
    task = r.verb in TASK_VERBS or r.verb in CHANGE_VERBS
    obj_end = _clause_end(text, r.end)
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


def _count_like(r: _Reading) -> bool:
    return bool(r.unit) and units.is_count_unit(r.unit)


def _is_past(text: str, r: _Reading, plan_year: int | None) -> bool:
    """A baseline or an achievement: "截至2023年底已完成…", "2023年PM2.5浓度为34,同比下降5.6%"."""
    sentence_end = r.end
    while sentence_end < len(text) and text[sentence_end] not in _SENTENCE_END:
        sentence_end += 1
    if _PAST.search(text, r.sentence_start, r.num_start) or _PAST.search(text, r.end, min(sentence_end, r.end + 20)):
        return True
    lead = re.match(r"\s*(20\d\d)\s*年\s*[,:]?", text[r.sentence_start:r.num_start])
    # A sentence about an earlier year states facts unless a verb or suffix commits to a value.
    earlier = bool(lead and plan_year and int(lead.group(1)) < plan_year)
    if earlier and not r.suffix and not r.sign and (r.verb in ("", "为") or r.verb in CHANGE_VERBS):
        return True
    heading = _heading_line(text, r.num_start)
    return bool(heading and _PAST_HEADING.search(heading))


def _reject(text: str, r: _Reading, plan_year: int | None = None) -> str | None:
    """Why a reading is not a target (None when it is one)."""
    pre = text[r.clause_start:r.num_start]
    post_end = _clause_end(text, r.end)
    post = text[r.end:post_end]
    if _is_past(text, r, plan_year):
        return "past"
    if post.startswith("的") and not re.match(r"的(?:目标|要求|水平)", post):
        return "modifier"  # "年产量1万吨以上的企业", "含量不高于10%的涂料", "其余5区的"
    own_suffix = r.suffix and not r.flags.get("shared_suffix")
    if own_suffix and post[:1] and "\u4e00" <= post[0] <= "\u9fff" and not r.direct_verb and not r.sign:
        return "threshold"  # "35蒸吨/小时以下燃煤锅炉": a scope, not a commitment
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
        if r.value.lstrip("-") in {"0", "0.0"} or _METRIC_END.search(r.indicator):
            return None
        return "bare number"
    if _count_like(r):
        if "》" in pre and not _TASK_VERB.search(pre[pre.rfind("》"):]):
            return "document content"  # "《若干措施》8个方面30条具体举措"
        before = pre.rstrip()
        if _LIST_BEFORE.search(before) and not before.endswith("等"):
            return "list sum"  # "合肥、芜湖、蚌埠、黄山四市"
        if r.chinese and not (r.direct_verb or before.endswith("等") or before.endswith("对")):
            return "chinese numeral without verb"
        if r.direct_verb or r.sign or before.endswith("等"):
            return None
        if r.verb or _TASK_VERB.search(post):
            return None
        return "count without a task"
    return None


def _comparator(r: _Reading, direction: str | None) -> str:
    if r.sign:
        return r.sign
    if r.suffix:
        return SUFFIXES[r.suffix]
    if r.flags.get("bound"):
        return r.flags["bound"]
    verb = r.verb if (r.direct_verb or r.flags.get("standard")) else ""
    if verb in DIRECTIONAL_VERBS:
        comp = DIRECTIONAL_VERBS[verb]
        if comp == ">=" and direction == "lower" and verb in {"达到", "达"}:
            return "=" if r.value.lstrip("-") in {"0", "0.0"} else "<="
        return comp
    if verb in HOLDING_VERBS:
        if direction == "lower":
            return "=" if float(r.value) == 0 else "<="
        return ">=" if verb.endswith("达到") else "="
    return "="


def _kind(r: _Reading) -> str:
    if _count_like(r):
        return "count"
    if r.direct_verb and r.verb in CHANGE_VERBS:
        return "change"
    if r.verb in TASK_VERBS and r.unit and not r.unit.endswith("%"):
        return "count"
    return "level"


# --- years ---------------------------------------------------------------------------------


def _year_in(text: str, start: int, end: int) -> int | None:
    """The last target year phrase in text[start:end] (not a base year, not inside 《》)."""
    year = None
    for m in _YEAR.finditer(text, start, end):
        before = text[max(start, m.start() - 2):m.start()]
        if re.search(r"(?:比|较|与|自|从)$", before) or _in_title(text, m.start()):
            continue
        if re.match(r"以来|度|获得|被|已|起", text[m.end():m.end() + 2]):
            continue  # "2023年获得命名的4个县": the year dates something else
        year = int(m.group(2) or m.group(1))
    return year


# A short line that states a value ("森林覆盖率:≥43%") is a list item, not a heading.
_VALUE_LINE = re.compile(r"\d\s*%|[≤≥≦≧]|\d\s*[\u4e00-\u9fff/]{0,6}(?:以上|以下|以内)\s*[;,]?$")


def _heading_line(text: str, pos: int, skip_values: bool = False) -> str | None:
    """The nearest line above pos that reads as a heading (short, no full stop)."""
    line_start = text.rfind("\n", 0, pos) + 1
    i = line_start - 1
    for _ in range(200):  # headings are near; do not walk a long document line by line
        if i <= 0:
            return None
        prev_start = text.rfind("\n", 0, i) + 1
        line = text[prev_start:i].strip()
        if line and len(line) <= 40 and "。" not in line and not (skip_values and _VALUE_LINE.search(line)):
            return line
        i = prev_start - 1
    return None


def _heading_year(text: str, pos: int) -> int | None:
    """A year in the paragraph's lead ("到2025年,…") or in the nearest heading line above."""
    line_start = text.rfind("\n", 0, pos) + 1
    m = re.match(r"\s*(?:——)?(?:(?:到|至)\s*(20\d\d)\s*年|(20\d\d)\s*年\s*[,:])", text[line_start:pos])
    if m:
        return int(m.group(1) or m.group(2))
    heading = _heading_line(text, pos, skip_values=True)
    return _year_in(heading, 0, len(heading)) if heading else None


# --- the extractor ---------------------------------------------------------------------------


def _readings(text: str) -> list[_Reading]:
    found: list[_Reading] = []
    for m in _ARABIC.finditer(text):
        r = _read_number(text, m, chinese=False)
        if r:
            found.append(r)
    percents = []
    for m in _CN_PERCENT.finditer(text):
        percents.append((m.start(), m.end()))
        r = _read_number(text, m, chinese=True, percent=True)
        if r:
            found.append(r)
    for m in _CHINESE.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in _CN_DIGITS:
            continue
        if any(a <= m.start() < b for a, b in percents):
            continue
        r = _read_number(text, m, chinese=True)
        if r:
            found.append(r)
    found.sort(key=lambda r: r.num_start)
    return found


def _share_across_lists(text: str, readings: list[_Reading]) -> None:
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


def _span_start(text: str, r: _Reading, readings_before: list[_Reading]) -> int:
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
    while i >= 0 and text[i] not in _SENTENCE_END + ";":
        i -= 1
    return "力争" in text[i + 1:pos]


def _zero_targets(text: str, ctx: Context) -> list[Target]:
    """清零 ("城市黑臭水体清零", "推动民用散煤“清零”"): value 0, no unit, "="."""
    out = []
    for m in _ZERO.finditer(text):
        sentence_start = _sentence_start(text, m.start())
        clause_start = _clause_start(text, m.start(), sentence_start)
        if _PAST.search(text[sentence_start:m.start()]) or "已" in text[max(0, m.start() - 4):m.start()]:
            continue  # "已基本清零": done, not a target
        start = _trim_lead(text, clause_start, m.start())
        verb = re.match(r"(?:推动|推进|实现|确保|力争|基本|全面|加快|逐步)+", text[start:m.start()])
        if verb:
            start += verb.end()
        end = m.end() + (1 if text.startswith("”", m.end()) else 0)
        indicator = re.sub(r"(?:基本|全面|动态|实现)?“?$", "", text[start:m.start()]).strip()
        if not indicator:
            continue
        start = max(start, m.start() - 20)
        year = _year_in(text, sentence_start, m.start()) or _heading_year(text, m.start()) or ctx.plan_year
        out.append(Target(
            span=Span(start, end), indicator_text=indicator, value="0", unit_text="", comparator="=",
            year=year, kind="level", aspirational=_aspirational(text, m.start()),
            indicator=link_indicator(indicator),
        ))
    return out


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
    targets: list[Target] = []
    for i, r in enumerate(readings):
        if _reject(text, r, ctx.plan_year):
            continue
        indicator_key = link_indicator(r.indicator)
        direction = _direction(indicator_key, r.indicator)
        year = (_year_in(text, r.sentence_start, r.num_start) or _heading_year(text, r.num_start)
                or ctx.plan_year)
        base = _BASE_YEAR.search(text, r.clause_start, r.num_start)
        qudt, factor = units.unit_for(r.unit)
        t = Target(
            span=Span(_span_start(text, r, readings[max(0, i - 3):i]), r.end),
            indicator_text=r.indicator,
            value=r.value,
            unit_text=r.unit,
            comparator=_comparator(r, direction),
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
        targets.append(t)
    targets.extend(t for t in _zero_targets(text, ctx) if not in_table(t.span.start))
    targets.extend(table_targets(text, tables, ctx))
    targets.sort(key=lambda t: (t.span.start, t.span.end))
    return targets
