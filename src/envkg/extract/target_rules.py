"""The word layer both target readers share (running text in targets.py, tables in target_tables.py).

Comparator words (directional, holding, equal, change and task verbs; suffixes; signs), how numbers
are written (Arabic, Chinese numerals, 百分之…) and what follows a number that is not a quantity,
year phrases, past facts and review headings, units as written, indicator linking and direction,
and the comparator a reading gets.  Nothing here writes state during a run.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from envkg import units, vocab
from envkg.textnorm import fold

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
    "高于": ">", "超过": ">", "多于": ">", "大于": ">", "突破": ">", "超": ">",
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
    "争创", "攻克", "引进", "做强",
}
ALL_VERBS = sorted(
    set(DIRECTIONAL_VERBS) | HOLDING_VERBS | EQUAL_VERBS | CHANGE_VERBS | TASK_VERBS, key=len, reverse=True
)
VERB_ALT = "|".join(re.escape(v) for v in ALL_VERBS)
# A verb directly before the number ("达到90%", "控制在约35").
DIRECT_VERB = re.compile(rf"({VERB_ALT})\s*(?:约|近)?\s*$")
ANY_VERB = re.compile(rf"({VERB_ALT})")
TASK_VERB_RE = re.compile("|".join(re.escape(v) for v in sorted(TASK_VERBS | CHANGE_VERBS, key=len, reverse=True)))

SUFFIXES = {"及以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<=", "以内": "<=", "之内": "<="}
SUFFIX_RE = re.compile(r"(及以上|以上|及以下|以下|以内|之内)")
SIGNS = {"≤": "<=", "≥": ">=", "≦": "<=", "≧": ">=", "⩽": "<=", "⩾": ">=", "<": "<", ">": ">", "=": "="}

# --- numbers ---------------------------------------------------------------------------------

# An Arabic number not glued to a date, time, code or fraction ("2024-05-13", "15:02", "PM2.5",
# "2/3"; after a label's colon it counts: "森林覆盖率:43.5%"); a minus sign counts only when no digit stands before it ("控制在-25微克/立方米").
ARABIC = re.compile(r"(?<![\d.A-Za-z/\-−~_])(?<!\d:)(?:[-−](?=\d))?\d+(?:\.\d+)?")
CHINESE = re.compile(r"[零〇两二三四五六七八九十百千]+|一[十百千]*[零〇一二三四五六七八九十百千]*")
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
# "百分之九十五" (95%), "百分之九十五点五" (95.5%), "百分之百" (100%).
CN_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)")
# The second number of a range ("30—35微克/立方米", "80%~85%"): neither end is a target.
RANGE_BEFORE = re.compile(r"\d(?:\.\d+)?\s*%?\s*(?:[—~\-−]|至)\s*$")

# What may follow a number that is not a target value: years, dates, ordinals, money, ranks.
NOT_A_QUANTITY = re.compile(
    r"\s*(?:年|月|日|号|届|周年|期|批次|批|代|版|轮|级|美元|倍|岁|时|分(?!贝)|秒|点|强|"
    r"%?\s*(?:[-−~—]|至)\s*\d|[/:]\s*\d|\.\d|[A-Za-z])"
)
# Money as a level of output (产值达到8000亿元) is a target; money spent or paid is not.
OUTPUT_MONEY = re.compile(r"产值|营业收入|营收|销售收入|主营业务收入|增加值|交易额|成交额|产业规模|生产总值|GDP")
SPENT_MONEY = re.compile(r"投资|投入|资金|补助|补贴|奖励|安排|筹集|融资|贷款|授信|基金|资本|罚款|罚没|赔偿|金额|支出|经费|预算|收费|价格|税|节约|节省|效益")
# A size class or an equipment rating, not an amount: "100万千瓦级机组", "30万千瓦煤电机组".
SIZE_CLASS_AFTER = re.compile(r"(?:及以上|以上|及以下|以下)?\s*(?:级|机组|锅炉|燃煤|煤电|窑炉|以上机组)")
# A numbered slogan name: two numeral-classifier pairs in a row ("两区两线", "三线一单").
NUMBERED_NAME_AFTER = re.compile(r"[一二两三四五六七八九十][\u4e00-\u9fff]")

# Words before a number that make it an ordinal or a rank.
ORDINAL_BEFORE = re.compile(r"(?:第|前|后|排名|位列|位居|No\.?|编号)\s*$")

# A year phrase: "到2025年", "2020年底前", "2019—2020年" (the period's last year).
YEAR = re.compile(r"(?<![\d])(20\d\d|19\d\d)\s*(?:[—\-~至到]\s*(20\d\d|19\d\d)\s*)?年(?!度?以来)")
BASE_YEAR = re.compile(r"(?:比|较|相比|与)\s*(20\d\d|19\d\d)\s*年")
BASE_YEAR_PHRASE = re.compile(r"(?:比|较|相比|与)\s*(?:(?:20\d\d|19\d\d)\s*年(?:底|末)?|上年|上一年|去年)(?:相比)?$")
# Past facts and baselines: a number stated as already reached is not a commitment.
PAST = re.compile(
    r"已经|已完成|已建成|已累计|已有|已实现|已达|已下降|已提高|截至|截止|累计完成|累计建成|"
    r"较上年同期|比上年同期|去年|上年度"
)
# Headings of sections that report the past ("一、2023年工作回顾").
PAST_HEADING = re.compile(r"回顾|成效|进展情况|完成情况|工作总结|基本情况|现状")
# Words a clause may begin with that are not part of the indicator.
LEAD = re.compile(  # used with .match(text, pos): anchored at pos, so no "^"
    r"(?:\s|——|—|-|基本目标|主要目标|总体目标|具体目标|其中|同时|并且|并|力争|确保|争取|努力|全年|"
    r"(?:到|至|在|于)?\s*(?:(?:20\d\d|19\d\d)\s*[—\-~至到]\s*)?(?:20\d\d|19\d\d)\s*年(?:底|末|年底)?(?:前|之前|以前)?|"
    r"年底前|以前|到|至|在|、|以及|和|及|与|:|,|\|"
    # list markers: (1) 1. 1、 ① (一) 一是
    r"|\(\d{1,2}\)|\d{1,2}(?:[.、](?!\d)|\s+)|[①-⑳]|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}(?:是|、))+"
)
# Lower-is-better words, for indicators the vocabulary does not know.
_LOWER_WORDS = re.compile(r"浓度|重污染|劣[VⅤ五]|超标|排放量|排放强度|能耗|煤耗|PUE|数据中心能效|电能利用效率|PM2\.5|PM10|臭氧|噪声|黑臭水体数量")
# Cell bars and tabs of a table row close a clause as a comma does.
CLAUSE_END = ",;:。!?\r\n|\t"
SENTENCE_END = "。!?\r\n"


@dataclass
class Reading:
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
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (current or 1) * CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def chinese_decimal(text: str) -> str | None:
    """"九十五" -> "95", "九十五点五" -> "95.5", "百" -> "100"; None for anything else."""
    whole, _, frac = text.partition("点")
    n = chinese_number(whole)
    if n is None or (frac and any(ch not in CN_DIGITS for ch in frac)):
        return None
    return f"{n}.{''.join(str(CN_DIGITS[ch]) for ch in frac)}" if frac else str(n)


def clause_start_at(text: str, pos: int, floor: int) -> int:
    """Start of the clause holding pos: after the last , ; : 。 ! ? or line break (not inside ())."""
    depth = 0
    i = pos - 1
    while i >= floor:
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth = max(0, depth - 1)
        elif ch in CLAUSE_END and depth == 0:
            return i + 1
        i -= 1
    return floor


def clause_end_at(text: str, pos: int) -> int:
    n = len(text)
    i = pos
    while i < n and text[i] not in CLAUSE_END:
        i += 1
    return i


def sentence_start_at(text: str, pos: int) -> int:
    i = pos - 1
    while i >= 0 and text[i] not in SENTENCE_END:
        i -= 1
    return i + 1


def inside(text: str, pos: int, open_ch: str, close_ch: str, reach: int) -> tuple[int, int] | None:
    """The (start, end) of an open_ch…close_ch pair around pos, looking at most reach chars."""
    left = text.rfind(open_ch, max(0, pos - reach), pos)
    if left < 0 or text.rfind(close_ch, left, pos) >= 0:
        return None
    right = text.find(close_ch, pos, pos + reach)
    if right < 0 or text.find(open_ch, pos, right) >= 0:
        return None
    return left, right


def in_short_quote(text: str, start: int, end: int) -> bool:
    """Inside “…” of a few characters: a mechanism or slogan name (“6个100%”, “1+N”, “2 12”)."""
    pair = inside(text, start, "“", "”", 16)
    return bool(pair and pair[1] - pair[0] <= 16 and pair[1] >= end)


def in_title(text: str, pos: int) -> bool:
    return inside(text, pos, "《", "》", 80) is not None


def read_unit(text: str, pos: int) -> str:
    """The longest known unit text at pos ("" when none)."""
    for u in units.unit_texts():
        if text.startswith(u, pos):
            nxt = text[pos + len(u): pos + len(u) + 1]
            if u[-1].isascii() and u[-1].isalpha() and nxt.isascii() and nxt.isalpha():
                continue  # "5G", "3D": a Latin unit must end a word
            return u
    return ""


@functools.cache
def indicator_labels() -> list[tuple[str, str]]:
    """(normalised label, concept key), longest label first."""
    out = []
    for key, concept in vocab.load("indicators.ttl").items():
        for label in concept.labels("zh"):
            norm = norm_label(label)
            if norm:
                out.append((norm, key))
    out.sort(key=lambda x: (-len(x[0]), x[1]))
    return out


_ROMAN = str.maketrans({"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V", "Ⅵ": "VI"})


def norm_label(text: str) -> str:
    """Fold, drop spaces, quotes and bracketed asides, Roman numerals as ASCII: 细颗粒物(PM2.5)年均浓度 -> 细颗粒物年均浓度."""
    s = fold(text).translate(_ROMAN)
    s = re.sub(r"\([^()]*\)", "", s)
    return re.sub(r"[\s“”\"'、·]", "", s)


def link_indicator(text: str) -> str | None:
    """The indicator concept key whose label the indicator text contains (longest label wins)."""
    norm = norm_label(text)
    if not norm:
        return None
    for label, key in indicator_labels():
        if label in norm:
            return key
    return None


def indicator_direction(indicator_key: str | None, indicator_text: str) -> str | None:
    if indicator_key:
        concept = vocab.load("indicators.ttl").get(indicator_key)
        d = concept.prop("direction") if concept else None
        if d:
            return "lower" if d.endswith("LowerIsBetter") else "higher"
    return "lower" if _LOWER_WORDS.search(fold(indicator_text)) else None


def trim_lead(text: str, start: int, end: int) -> int:
    """Skip leading words that are not part of an indicator (years, 力争, 其中 …)."""
    m = LEAD.match(text, start, end)
    return m.end() if m else start


def comparator_for(r: Reading, direction: str | None) -> str:
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


# --- years ---------------------------------------------------------------------------------


def year_in(text: str, start: int, end: int) -> int | None:
    """The last target year phrase in text[start:end] (not a base year, not inside 《》)."""
    year = None
    for m in YEAR.finditer(text, start, end):
        before = text[max(start, m.start() - 2):m.start()]
        if re.search(r"(?:比|较|与|自|从)$", before) or in_title(text, m.start()):
            continue
        if re.match(r"以来|度|获得|被|已|起", text[m.end():m.end() + 2]):
            continue  # "2023年获得命名的4个县": the year dates something else
        year = int(m.group(2) or m.group(1))
    return year


# A short line that states a value ("森林覆盖率:≥43%") is a list item, not a heading.
_VALUE_LINE = re.compile(r"\d\s*%|[≤≥≦≧]|\d\s*[\u4e00-\u9fff/]{0,6}(?:以上|以下|以内)\s*[;,]?$")


def heading_line(text: str, pos: int, skip_values: bool = False) -> str | None:
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


def heading_year(text: str, pos: int) -> int | None:
    """A year in the paragraph's lead ("到2025年,…") or in the nearest heading line above."""
    line_start = text.rfind("\n", 0, pos) + 1
    m = re.match(r"\s*(?:——)?(?:(?:到|至)\s*(20\d\d)\s*年|(20\d\d)\s*年\s*[,:])", text[line_start:pos])
    if m:
        return int(m.group(1) or m.group(2))
    heading = heading_line(text, pos, skip_values=True)
    return year_in(heading, 0, len(heading)) if heading else None
