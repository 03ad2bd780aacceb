"""Programmes: named campaigns, pilots, policy instruments and institutions in a plan.

Three sources, in order of trust:
1. vocabulary labels of ``data/vocab/programmes.ttl`` (pref and alt labels, folded);
2. productive patterns that name a programme by construction: region-branded editions
   (美丽 + region: 美丽广州; 绿美 + region), zero-waste units (“无废全运”, “无废县区”),
   green-event names (“绿色低碳全运”), per-unit instruments (一河一策, 一园一策一图,
   “一河(湖)一台账”), numbered 100% rule sets (8个100%) and coordinated battle names
   (蓝天、碧水、净土保卫战);
3. quoted names (“…”) that match nothing above and look like a name: returned as
   candidates (kind ``candidate``, ``matched=False``) for curators, never as programmes.

All matches go into one pool and are chosen longest first, without overlaps; ties go to
the vocabulary.  Blocker phrases (用水总量控制) join the pool and are dropped after selection,
so a label inside them (总量控制) is not reported.  Spans are in view coordinates and cover the name only (not its quotes).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from envkg import vocab
from envkg.model import Context, Mention, Span
from envkg.namespaces import short_hash
from envkg.textnorm import TextView, fold

VOCAB_GROUP = "programmes"  # programmes.ttl and its parts by field, programmes-*.ttl
_ASCII = re.compile(r"[A-Za-z0-9]")
_CJK = "\u4e00-\u9fff"


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    key: str
    label: str
    matched: bool = True
    priority: int = 0  # higher wins among hits of equal length

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class _Gazetteer:
    by_first: dict[str, list[tuple[str, str, str]]]  # first char -> [(form, key, zh label)], longest first
    ascii_forms: frozenset[str]
    # key -> words one of which must follow the label (envkg:matchOnlyWith "试点|改革"): broad
    # policy fields (循环经济) are programmes only as a pilot or reform of that field.
    only_with: dict[str, tuple[str, ...]]
    forms: dict[str, tuple[str, str]]  # folded form -> (key, zh label)


@functools.cache
def _gazetteer() -> _Gazetteer:
    forms: dict[str, tuple[str, str]] = {}
    only_with: dict[str, tuple[str, ...]] = {}
    for key, concept in vocab.load_group(VOCAB_GROUP).items():
        if "Programme" not in concept.types:
            continue
        words = [fold(w).strip() for v in concept.props.get("matchOnlyWith", []) for w in v.split("|")]
        if any(words):
            only_with[key] = tuple(w for w in words if w)
        for label in concept.labels("zh"):
            form = fold(label).strip()
            if form:
                forms.setdefault(form, (key, concept.zh))
    by_first: dict[str, list[tuple[str, str, str]]] = {}
    for form, (key, label) in forms.items():
        by_first.setdefault(form[0], []).append((form, key, label))
    for entries in by_first.values():
        entries.sort(key=lambda e: -len(e[0]))
    ascii_forms = frozenset(f for f in forms if _ASCII.match(f[0]) or _ASCII.match(f[-1]))
    return _Gazetteer(by_first, ascii_forms, only_with, forms)


def _vocab_hits(text: str) -> list[_Hit]:
    gaz = _gazetteer()
    hits = []
    for i, ch in enumerate(text):
        for form, key, label in gaz.by_first.get(ch, ()):
            if text.startswith(form, i):
                end = i + len(form)
                if form in gaz.ascii_forms and (
                    (i > 0 and _ASCII.match(text[i - 1]) and _ASCII.match(form[0]))
                    or (end < len(text) and _ASCII.match(text[end]) and _ASCII.match(form[-1]))
                ):
                    continue  # EOD inside a longer Latin word
                if key in gaz.only_with and not text.startswith(gaz.only_with[key], end):
                    continue  # a broad field named as a field, not as its pilot or reform
                if _is_place_tail(text, i, form):
                    continue
                hits.append(_Hit(i, end, key, label, True, 2))
                break  # the longest form at this position
    return hits


# Protected-area system labels; glued to a preceding proper name (某某山国家公园) they end the
# name of one place, which is a place, not the programme.
_PROTECTED_AREA = re.compile(r"(?:国家公园|湿地公园|地质公园|森林公园|海洋公园|沙漠公园|自然保护区|风景名胜区)$")
_PLACE_END = re.compile(rf"(?:[山岭峰岳湖江河海岛湾林原峡谷洲源泉溪潭滩岩洞]|[{_CJK}]—[{_CJK}]+)$")


def _is_place_tail(text: str, start: int, form: str) -> bool:
    if not _PROTECTED_AREA.search(form) or start == 0:
        return False
    before = text[max(0, start - 12) : start]
    if _PLACE_END.search(before):
        return True
    names, _ = _region_names()
    return any(before.endswith(n) for n in names if len(n) <= len(before)) if names else False


# Phrases that contain a vocabulary label but name something else (用水总量控制 is water
# quota policy, not pollutant total-emission control): chosen like any hit, then dropped,
# so the label inside them is not reported.
_BLOCKERS = re.compile(
    r"用水总量控制|用水总量和强度|能源消费总量控制|能源消费总量和强度|建设用地总量控制|"
    r"能耗总量控制|水资源消耗总量|污染物排放总量控制指标|总量控制指标"
)


def _blocker_hits(text: str) -> list[_Hit]:
    return [_Hit(m.start(), m.end(), "", "", False, 4) for m in _BLOCKERS.finditer(text)]


# --- productive patterns -------------------------------------------------------------

# 6个100%, 八个百分之百: numbered rule sets of 100% requirements (dust control and the like).
_CN_DIGITS = str.maketrans("一二三四五六七八九", "123456789")
_HUNDRED_RULES = re.compile(r"(?<![\d.])([1-9]|[一二三四五六七八九十])个(?:100%|百分之百|百分百)")


def _hundred_rule_hits(text: str) -> list[_Hit]:
    """Numbered 100% rule sets; those in the vocabulary (6个100%) come from the vocabulary."""
    labels = _label_index()
    hits = []
    for m in _HUNDRED_RULES.finditer(text):
        norm = m.group(0).replace("百分之百", "100%").replace("百分百", "100%")
        norm = norm[0].translate(_CN_DIGITS) + norm[1:]
        key = labels.get(norm) or _dynamic_key("hundred-rules", norm)
        hits.append(_Hit(m.start(), m.end(), key, norm, norm in labels, 1))
    return hits


# 蓝天、碧水、净土保卫战: each member is its battle.
_BATTLE_MEMBERS = {"蓝天": "蓝天保卫战", "碧水": "碧水保卫战", "净土": "净土保卫战"}
_BATTLE_LIST = re.compile(r"((?:蓝天|碧水|净土)(?:[、,和及与]|以及)){1,2}(?:蓝天|碧水|净土)(?:保卫战|攻坚战)")


def _battle_list_hits(text: str) -> list[_Hit]:
    vocab_labels = _label_index()
    hits = []
    for m in _BATTLE_LIST.finditer(text):
        for member in re.finditer("蓝天|碧水|净土", m.group(0)):
            key = vocab_labels.get(_BATTLE_MEMBERS[member.group(0)])
            if key:
                start = m.start() + member.start()
                hits.append(_Hit(start, start + 2, key, _BATTLE_MEMBERS[member.group(0)], True, 3))
    return hits


@functools.cache
def _label_index() -> dict[str, str]:
    """zh pref label -> key."""
    return {c.zh: k for k, c in vocab.load_group(VOCAB_GROUP).items() if "Programme" in c.types}


@functools.cache
def _region_names() -> tuple[dict[str, str], re.Pattern | None]:
    """Region name (full or short, 2+ characters) -> code, and a pattern matching any of them."""
    try:
        from envkg import gazetteer
    except Exception:  # noqa: BLE001 - no region vocabulary in this installation
        return {}, None
    names: dict[str, str] = {}
    try:
        for table in (gazetteer.full_names(), gazetteer.short_names()):
            for name, codes in table.items():
                if len(name) >= 2 and codes and name not in names:
                    names[name] = codes[0]
    except Exception:  # noqa: BLE001
        return {}, None
    if not names:
        return {}, None
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return names, re.compile(f"(?:{alternation})")


# Words after 美丽 that are not a region even where a region is so named.
_BRANDED = re.compile(r"(美丽|绿美)")


def _branded_hits(text: str) -> list[_Hit]:
    """美丽 + region (美丽广州, 美丽南沙), 绿美 + region: region-branded editions named as written."""
    names, pattern = _region_names()
    if pattern is None:
        return []
    labels = _label_index()
    hits = []
    for m in _BRANDED.finditer(text):
        r = pattern.match(text, m.end())
        if not r:
            continue
        name = text[m.start() : r.end()]
        if name in labels:
            continue  # in the vocabulary (美丽广西): the vocabulary hit covers it
        code = names[r.group(0)]
        prefix = "beautiful" if m.group(1) == "美丽" else "green-beautiful"
        hits.append(_Hit(m.start(), r.end(), f"programme/{prefix}-{code}", name, False, 1))
    return hits


# 美丽安徽我是行动者: the region's edition of “美丽中国,我是行动者”.
_ACTOR = re.compile(r"我是行动者")


def _actor_hits(text: str) -> list[_Hit]:
    names, pattern = _region_names()
    hits = []
    for m in _ACTOR.finditer(text):
        head = text[max(0, m.start() - 12) : m.start()].rstrip(", 、")
        i = head.rfind("美丽")
        if i < 0 or pattern is None:
            continue
        start = m.start() - len(text[max(0, m.start() - 12) : m.start()]) + i
        r = pattern.fullmatch(text, start + 2, start + 2 + len(head) - i - 2)
        if not r:
            continue
        name = text[start : m.end()]
        hits.append(_Hit(start, m.end(), f"programme/i-am-an-actor-{names[r.group(0)]}", name, False, 1))
    return hits


# “无废X”: zero-waste units and events; unquoted only with a creation word after it.
_ZERO_WASTE_QUOTED = re.compile(rf"“(无废[{_CJK}]{{1,5}})”")
_ZERO_WASTE_BARE = re.compile(rf"(无废[{_CJK}]{{1,4}}?)(?=建设|创建|试点|示范)")
_ZERO_WASTE_NOT = ("理念", "文化", "意识", "生活", "知识", "宣传", "城")
# Green-event names: “绿色低碳全运”, “无废亚运”, “碳中和冬奥”.
_GREEN_EVENT = re.compile(
    r"“((?:绿色低碳|绿色|低碳|零碳|碳中和|无废)(?:全运会?|亚运会?|冬奥会?|奥运会?|大运会?|亚残运会?|运动会|世运会?|办赛|办会|赛事))”"
)


def _dynamic_key(prefix: str, name: str) -> str:
    return f"programme/{prefix}-{short_hash(name, 10)}"


def _zero_waste_hits(text: str) -> list[_Hit]:
    hits = []
    for pattern in (_ZERO_WASTE_QUOTED, _ZERO_WASTE_BARE):
        for m in pattern.finditer(text):
            name = m.group(1)
            if name[2:] in _ZERO_WASTE_NOT or name[2:].startswith(_ZERO_WASTE_NOT):
                continue
            hits.append(_Hit(m.start(1), m.end(1), _dynamic_key("zero-waste", name), name, False, 1))
    for m in _GREEN_EVENT.finditer(text):
        name = m.group(1)
        hits.append(_Hit(m.start(1), m.end(1), _dynamic_key("green-event", name), name, False, 1))
    return hits


# 一河一策, 一园一策一图, “一河(湖)一台账”: per-unit instruments.
# Units are places, sites and operators; instruments are plans, files and records.  Methods
# of case handling (一案一查) and products (一村一品) have neither and stay out.
_UNIT = (
    r"[河湖库园企厂市县区村乡镇矿口点源岸段湾港路井岛山站田场船车网片闸坝户校](?:\([河湖库园企厂市县区村]\))?"
)
_INSTRUMENT = r"方案|台账|评估|清单|策|图|档|码|员|表|单|册|卡|证"
_PER_UNIT = re.compile(rf"一({_UNIT})一({_INSTRUMENT})(?:一({_INSTRUMENT}))?")
# bare (unquoted) only with an unambiguous instrument noun
_PER_UNIT_BARE_OK = {"策", "图", "档", "码", "方案", "台账", "清单"}


def _normal_per_unit(name: str) -> str:
    return re.sub(r"\(.\)", "", name)


def _per_unit_hits(text: str) -> list[_Hit]:
    labels = _label_index()
    hits = []
    for m in _PER_UNIT.finditer(text):
        name = m.group(0)
        quoted = m.start() > 0 and text[m.start() - 1] == "“"
        if not quoted and m.group(2) not in _PER_UNIT_BARE_OK:
            continue
        norm = _normal_per_unit(name)
        key = labels.get(norm)
        if key:
            hits.append(_Hit(m.start(), m.end(), key, norm, True, 1))
        else:
            hits.append(_Hit(m.start(), m.end(), _dynamic_key("per-unit", norm), norm, False, 1))
    return hits


# --- head-based patterns: battles, named pilots and zones, control zones, themed days ---

# Words that end the phrase before a name: the name starts after the last of them.
_LEFT_STOP = re.compile(
    r"(?:开展|推进|推动|实施|实行|打好|打赢|打响|决胜|深入|持续|坚决|全面|巩固|加快|加强|创建|争创|申报|"
    r"纳入|组织|深化|打造|划定|划设|设立|设置|扩大|落实|严格|完善|调整|建立|强化|做好|办好|利用|结合|借助|"
    r"围绕|依托|通过|抓住|举办|启动|参与|积极|认真|着力|大力|进一步|探索|支持|鼓励|引导|谋划|统筹|执行|"
    r"开始|继续|全力|奋力|聚力|合力|共同|联合|以及|的|和|与|及|或|为|对|将|把|是|在|于|等|以|到|向)"
)


def _stem_before(text: str, end: int, longest: int) -> int | None:
    """Start of the name that ends at ``end``: the run of Han characters before it, cut after
    the last stop word; None when the run is longer than ``longest``."""
    start = end
    while start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff" and end - start < longest + 12:
        start -= 1
    run = text[start:end]
    cut = 0
    for m in _LEFT_STOP.finditer(run):
        cut = m.end()
    if end - (start + cut) > longest:
        return None
    return start + cut


def _form_hit(start: int, end: int, label: str, prefix: str, text: str) -> _Hit:
    """A pattern hit keyed to the vocabulary when its label is a vocabulary form."""
    found = _gazetteer().forms.get(label)
    if found:
        return _Hit(start, end, found[0], found[1], True, 1)
    return _Hit(start, end, _dynamic_key(prefix, label), label, False, 1)


# 海岸带保卫战, 固废处置攻坚战; 打赢治气、治水、治土攻坚战 (each item shares the head).
_BATTLE = re.compile(r"(保卫战|攻坚战)(?:行动)?")
_BATTLE_NOT = re.compile(r"^(?:[一二三四五六七八九十几多]+大|这场|一场|各|几|本|大)|场$")
_LIST_SEP = re.compile(r"[、,]|和|及|与|以及")


def _battle_hits(text: str) -> list[_Hit]:
    hits = []
    for m in _BATTLE.finditer(text):
        start = _stem_before(text, m.start(), 10)
        if start is None or m.start() - start < 2 or _BATTLE_NOT.search(text[start : m.start()]):
            continue
        head = m.group(1)
        hits.append(_form_hit(start, m.end(), text[start : m.start()] + head, "battle", text))
        # items listed before it share the head: 治气、治水、治土攻坚战
        pos = start
        while True:
            sep = re.search(rf"(?:{_LIST_SEP.pattern})$", text[max(0, pos - 2) : pos])
            if not sep:
                break
            item_end = pos - len(sep.group(0))
            item_start = _stem_before(text, item_end, 4)
            if item_start is None or item_end - item_start < 2:
                break
            hits.append(_form_hit(item_start, item_end, text[item_start:item_end] + head, "battle", text))
            pos = item_start
    return hits


# 开展农村生活污水资源化利用试点; 建设近零碳排放创新区: a named pilot or zone after its verb.
_QUANTIFIER = r"(?:一批|一系列|各类|各项|相关|有关|多种|若干|更多|新一轮|一些|多个|系列)?"
_PILOT = re.compile(rf"(?:开展|推进|推动|申报|纳入|创建|争创|争取|组织|实施|启动|入选|列入){_QUANTIFIER}([{_CJK}]{{4,16}}?试点(?:示范|城市)?)")
_ZONE = re.compile(
    rf"(?:建设|创建|深化|打造|争创|申报|推进|建成|创成|争取|推动|高标准建设|高水平建设){_QUANTIFIER}"
    rf"([{_CJK}]{{4,16}}?(?:创新区|先行区|示范区|先导区|试验区|示范基地|示范城市|示范省|示范县))"
)
# a stem that only says what kind of pilot: 开展改革创新试点 names none
_GENERIC_STEM = re.compile(r"^(?:改革|创新|示范|先行|综合|重点|国家|省级|市级|试点|工作|各地|地方|基层)+$")


def _pilot_zone_hits(text: str) -> list[_Hit]:
    hits = []
    for pattern, tail in ((_PILOT, r"试点(?:示范|城市)?$"), (_ZONE, r"(?:创新区|先行区|示范区|先导区|试验区|示范基地|示范城市|示范省|示范县)$")):
        for m in pattern.finditer(text):
            name = m.group(1)
            stem = re.sub(tail, "", name)
            if len(stem) < 4 or _GENERIC_STEM.match(stem):
                continue
            hits.append(_form_hit(m.start(1), m.end(1), name, "pilot", text))
    return hits


# 柴油货车限行区, 建筑垃圾运输管控区, 城市绿色配送区: zones local rules designate.
_CONTROL_ZONE = re.compile(r"限行区|禁行区|管控区|禁燃区|配送区|低排放区|零排放区|禁鸣区|禁养区|限养区|禁放区")
_ZONE_STEM_NOT = re.compile(r"^(?:重点|一般|优先|相关|各类|其他|划定|区域|风险|环境)+$")


def _control_zone_hits(text: str) -> list[_Hit]:
    hits = []
    for m in _CONTROL_ZONE.finditer(text):
        start = _stem_before(text, m.start(), 10)
        if start is None or m.start() - start < 2 or _ZONE_STEM_NOT.match(text[start : m.start()]):
            continue
        hits.append(_form_hit(start, m.end(), text[start : m.end()], "zone", text))
    return hits


# 全国城市节水宣传周, 某省生态日: themed days, weeks and months named before their head.
_THEMED = re.compile(r"宣传周|宣传月|宣传日|活动周|活动月|主题日|生态日|环境日|低碳日|节能日|科普日|保护日|水周|无车日")


def _themed_day_hits(text: str) -> list[_Hit]:
    hits = []
    for m in _THEMED.finditer(text):
        start = _stem_before(text, m.start(), 8)
        if start is None or m.start() - start < 2:
            continue
        hits.append(_form_hit(start, m.end(), text[start : m.end()], "day", text))
    return hits


# 夏季臭氧污染综合治理攻坚, 百日攻坚行动: a dated or seasonal campaign without a 行动 head.
_SEASONAL = re.compile(
    rf"(?:百日|夏季|秋冬季|冬春季|冬季|春季|夏秋季|汛期|岁末年初)[{_CJK}]{{0,12}}?攻坚(?![战克])(?:行动)?"
)


def _seasonal_hits(text: str) -> list[_Hit]:
    hits = []
    for m in _SEASONAL.finditer(text):
        name = re.sub("行动$", "", m.group(0))
        hits.append(_form_hit(m.start(), m.end(), name, "campaign", text))
    return hits


# 公转铁, 煤改电, 散改集: a mode or fuel shift named by its two ends.
_SHIFT = re.compile(r"[公煤散油柴燃][改转][铁水集电气]")


def _shift_hits(text: str) -> list[_Hit]:
    return [_form_hit(m.start(), m.end(), m.group(0), "shift", text) for m in _SHIFT.finditer(text)]


# 省第五轮环境保护督察: an ordinal or batch inserted after the level word of a label;
# 生活垃圾实行分类投放: 实施/实行 inserted between the halves of a label.
_ORDINAL = re.compile(r"第[一二三四五六七八九十\d]{1,3}[批轮]")
_INSERTED_VERB = re.compile(r"实施|实行")


def _variant_hits(text: str) -> list[_Hit]:
    gaz = _gazetteer()
    hits = []
    for pattern, left_max in ((_ORDINAL, 3), (_INSERTED_VERB, 8)):
        for m in pattern.finditer(text):
            best = None
            for k in range(left_max, 0 if pattern is _ORDINAL else 1, -1):
                left = text[max(0, m.start() - k) : m.start()]
                if len(left) < k:
                    continue
                joined = left + text[m.end() : m.end() + 24]
                for form, key, label in gaz.by_first.get(left[0], ()):
                    if len(form) - k >= 2 and joined.startswith(form) and (best is None or len(form) - k > best[0]):
                        best = (len(form) - k, m.start() - k, key, label)
                        break
            if best:
                length, start, key, label = best
                hits.append(_Hit(start, m.end() + length, key, label, True, 2))
    return hits


def _regional_edition_hits(text: str, vocab_hits: list[_Hit]) -> list[_Hit]:
    """<region> + a national day, week or brand of the vocabulary (江西生态文明宣传日): the
    region's edition, named as written."""
    names, _ = _region_names()
    hits = []
    for h in vocab_hits:
        if not re.search(r"[日周月]$", h.label):
            continue
        before = text[max(0, h.start - 8) : h.start]
        region = max((n for n in names if before.endswith(n)), key=len, default=None)
        if region:
            start = h.start - len(region)
            slug = h.key.split("/", 1)[1]
            hits.append(_Hit(start, h.end, f"programme/{slug}-{names[region]}", text[start : h.end], False, 1))
    return hits


# X机制 and X机制试点: one programme where a document names both.
_VARIANT_SUFFIX = ("试点示范", "试点")  # not 先行区: the seeds gold keeps a pioneer zone apart


@functools.cache
def _concept_forms(key: str) -> tuple[str, ...]:
    return tuple(f for f, (k, _) in _gazetteer().forms.items() if k == key)


def _merge_variants(hits: list[_Hit]) -> list[_Hit]:
    keys = {h.key: h.label for h in hits if h.matched}
    alias: dict[str, tuple[str, str]] = {}
    for long_key in keys:
        for short_key, short_label in keys.items():
            if short_key == long_key:
                continue
            shorts = _concept_forms(short_key)
            if any(f.endswith(s) and f[: -len(s)] in shorts for f in _concept_forms(long_key) for s in _VARIANT_SUFFIX):
                alias[long_key] = (short_key, short_label)
                break
    return [
        _Hit(h.start, h.end, alias[h.key][0], alias[h.key][1], True, h.priority) if h.key in alias else h for h in hits
    ]


# --- quoted-name candidates ----------------------------------------------------------

_QUOTED = re.compile(r"“([^“”\n。]{2,24})”")
# Slogans, attitudes, working methods and Party-building phrases: not programme names.
_NOT_NAMES = frozenset(
    ["两个确立", "两个维护", "四个意识", "四个自信", "第一议题", "四风", "三不腐", "关键少数", "一把手", "一岗双责", "回头看", "清零", "邻避", "零容忍", "马上就办", "四种形态", "三公", "放管服", "一刀切", "双碳", "十四五", "十三五", "十五五", "十二五", "绿水青山", "金山银山", "绿水青山就是金山银山", "大环保", "地条钢", "两高", "两高一低", "两高一资", "一网通办", "一带一路", "双招双引", "乡村振兴", "表面整改", "假装整改", "敷衍整改", "无废理念", "专精特新", "政治三力", "五基", "三化", "枫桥经验", "浦江经验", "百千万工程", "百县千镇万村", "放管服改革", "一窗通办", "一单统管", "最多跑一次", "互联网+政务服务", "三管三必须", "管发展必须管环保", "管行业必须管环保", "管生产必须管环保", "党政同责", "长治久清", "四水四定", "三水统筹", "两山", "两山理论", "民生工程", "民心工程", "民生", "民心", "德政工程", "头号工程", "一号工程", "一把手工程", "形象工程", "面子工程", "政绩工程", "非现场监管", "非现场执法", "三个治污", "精准治污", "科学治污", "依法治污", "先立后破", "一票否决", "三个聚焦", "两个清单"]
)
_SLOGAN_WORDS = re.compile(r"党|廉|纪律|支部|作风|政治|思想|干部|营商|初心|使命|信念|忠诚")
_NUMERIC = re.compile(r"^[\d\s.+—-]+$")
_PERIOD = re.compile(r"^[十二三四五六七八九]+五$")


_HAS_CJK = re.compile(f"[{_CJK}]")
# Things a plan prevents or fights are not programmes (“新形象工程”, “一刀切”).
# (传统“大拆大建”模式: what a plan moves away from is no programme either.)
_NEGATIVE_BEFORE = re.compile(
    r"(?:防范|杜绝|反对|纠治|纠正|禁止|防止|破除|摒弃|遏制|严防|打击|传统|改变|告别|转变)[^,;。]{0,4}$"
)
_BRAND_SUFFIX = re.compile(r"(?:模式|经验|样板|样本|方案|品牌)$")


def _is_region_brand(name: str) -> bool:
    """“广西模式”, “浙江经验”: a region's name plus 模式 is praise, not a programme."""
    names, _ = _region_names()
    core = _BRAND_SUFFIX.sub("", name)
    return core != name and core in names


def _looks_like_name(name: str) -> bool:
    name = name.strip()
    if not _HAS_CJK.search(name) or _is_region_brand(name):
        return False
    if len(name) < 2 or name in _NOT_NAMES or _NUMERIC.match(name) or _PERIOD.match(name):
        return False
    if _SLOGAN_WORDS.search(name):
        return False
    parts = re.split(r"[、,;]", name)
    # “排头兵、领头羊、火车头”, “早发现、早处置”: a list of short phrases is a slogan.
    return not (len(parts) > 1 and all(len(p) <= 6 for p in parts))


# A quoted name used as the name of a campaign, pilot, project, system or model
# (“绿色提升行动”, “守望八桂—2024”专项行动, “先鉴定后付费”机制) is a programme.
_PROGRAMME_HEAD = (
    "专项行动|攻坚行动|行动|试点|工程|制度|模式|机制|保护日|环境日|宣传周|体系|品质|攻势|攻坚|改革|"
    rf"[{_CJK}]{{1,4}}行动"
)
# …贷: a green-finance product (“碳汇贷”); …周/月: a themed week or month
_NAME_HEAD = re.compile(rf"(?:{_PROGRAMME_HEAD}|[{_CJK}]{{2}}贷|[{_CJK}]{{3}}[周月])$")


def _quoted_name_hits(text: str) -> list[_Hit]:
    hits = []
    for m in _QUOTED.finditer(text):
        name = m.group(1).strip()
        after = text[m.end() : m.end() + 4]
        if not (_NAME_HEAD.search(name) or re.match(_PROGRAMME_HEAD, after)):
            continue
        if _NEGATIVE_BEFORE.search(text[max(0, m.start() - 8) : m.start()]):
            continue
        if _looks_like_name(name):
            hits.append(_Hit(m.start(1), m.end(1), _dynamic_key("quoted", name), name, False, 0))
    return hits


def _candidate_hits(text: str, taken: list[tuple[int, int]]) -> list[_Hit]:
    hits = []
    for m in _QUOTED.finditer(text):
        s, e = m.start(1), m.end(1)
        if any(a < e and s < b for a, b in taken):
            continue
        if _NEGATIVE_BEFORE.search(text[max(0, m.start() - 8) : m.start()]):
            continue
        name = m.group(1).strip()
        if _looks_like_name(name):
            hits.append(_Hit(s, e, f"candidate/{short_hash(name)}", name, False, 0))
    return hits


# --- selection -----------------------------------------------------------------------


def _select(hits: list[_Hit]) -> list[_Hit]:
    """Longest first, then higher priority, then leftmost; no two chosen hits overlap."""
    chosen: list[_Hit] = []
    occupied: list[tuple[int, int]] = []
    for h in sorted(hits, key=lambda h: (-h.length, -h.priority, h.start)):
        if any(a < h.end and h.start < b for a, b in occupied):
            continue
        chosen.append(h)
        occupied.append((h.start, h.end))
    return sorted(chosen, key=lambda h: h.start)


def find_programmes(text: str) -> list[_Hit]:
    """Programme hits (vocabulary and pattern) in a folded text, in text order."""
    vocab_hits = _vocab_hits(text) + _variant_hits(text)
    # _pilot_zone_hits (P3) is not in the pool yet: on the seeds it names descriptive pilots
    patterns = _battle_hits(text) + _control_zone_hits(text)
    patterns += _themed_day_hits(text) + _seasonal_hits(text) + _shift_hits(text)
    # a pattern name that ends in a vocabulary label is that programme (国家X示范区 -> X示范区)
    patterns = [p for p in patterns if p.matched or not any(v.end == p.end and v.start > p.start for v in vocab_hits)]
    hits = vocab_hits + patterns + _battle_list_hits(text) + _branded_hits(text)
    hits += _regional_edition_hits(text, vocab_hits)
    hits += _zero_waste_hits(text) + _per_unit_hits(text) + _actor_hits(text)
    hits += _hundred_rule_hits(text) + _blocker_hits(text)
    chosen = [h for h in _select(hits) if h.key]
    # quoted names with a head (P8: also one containing a vocabulary term, which stays a mention)
    for q in _quoted_name_hits(text):
        inside = [h for h in chosen if h.start < q.end and q.start < h.end]
        if all(q.start <= h.start and h.end <= q.end and h.length < q.length for h in inside):
            # a pattern name inside the quoted one is part of it; a vocabulary term stays
            chosen = [h for h in chosen if h.matched or h not in inside] + [q]
    return _merge_variants(sorted(chosen, key=lambda h: (h.start, h.end)))


def extract_programmes(view: TextView, ctx: Context) -> list[Mention]:
    text = view.text
    programmes = find_programmes(text)
    out = [
        Mention("programme", Span(h.start, h.end), text[h.start : h.end], h.key, h.label, h.matched)
        for h in programmes
    ]
    taken = [(h.start, h.end) for h in programmes]
    for h in _candidate_hits(text, taken):
        out.append(Mention("candidate", Span(h.start, h.end), text[h.start : h.end], h.key, h.label, False))
    out.sort(key=lambda m: (m.span.start, m.span.end))
    return out
