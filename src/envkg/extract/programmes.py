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


@functools.cache
def _gazetteer() -> _Gazetteer:
    forms: dict[str, tuple[str, str]] = {}
    for key, concept in vocab.load_group(VOCAB_GROUP).items():
        if "Programme" not in concept.types:
            continue
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
    return _Gazetteer(by_first, ascii_forms)


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
                hits.append(_Hit(i, end, key, label, True, 2))
                break  # the longest form at this position
    return hits


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
_UNIT = r"[河湖库园企厂市县区村矿口点源岸段湾港企业园区](?:\([河湖库园企厂市县区村]\))?"
_PER_UNIT = re.compile(rf"一({_UNIT})一(策|图|档|方案|台账|评估|清单)(?:一(策|图|档|方案|台账|评估|清单))?")
_PER_UNIT_BARE_OK = {"策", "图", "档"}


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
_NEGATIVE_BEFORE = re.compile(r"(?:防范|杜绝|反对|纠治|纠正|禁止|防止|破除|摒弃|遏制|严防|打击)[^,;。]{0,4}$")
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
_PROGRAMME_HEAD = "专项行动|攻坚行动|行动|试点|工程|制度|模式|机制|保护日|环境日|宣传周"
_NAME_HEAD = re.compile(rf"(?:{_PROGRAMME_HEAD})$")


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
    hits = _vocab_hits(text) + _battle_list_hits(text) + _branded_hits(text)
    hits += _zero_waste_hits(text) + _per_unit_hits(text) + _actor_hits(text)
    hits += _quoted_name_hits(text) + _hundred_rule_hits(text) + _blocker_hits(text)
    return [h for h in _select(hits) if h.key]


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
