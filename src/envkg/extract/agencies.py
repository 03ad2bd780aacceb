"""Agencies: named government and Party bodies (W3C ORG organisations).

Two sources, both from ``data/vocab/agencies.ttl``:

- national bodies (``agency/<slug>``), found by their zh pref/alt/hidden labels
  (生态环境部, 国家发展改革委, 党中央, 中央纪委 …);
- region-bound bodies, found as *region × agency type*: an agency-type suffix
  (生态环境厅/局, 发展改革委, 人民政府, 委 of 省委/市委, 党委 of 自治区党委, 纪委 …) preceded by
    * a region name, full or short (广州市生态环境局, 安徽生态环境厅, 中共广州市委), or
    * a bare level word resolved against the document's own region (市生态环境局 in a
      Guangzhou plan → 广州市生态环境局; 省委 in an Anhui plan → 中共安徽省委员会;
      自治区政府 → 广西壮族自治区人民政府; 省、市纪委 → both).
  Key ``agency/<region code>-<type slug>``.

Not agencies: collective phrases (各区政府, 市县政府, 各级党委, 有关部门), sectors
(工业和信息化部门, 生态环境部门), a level word that does not resolve to the document's region
or one of its ancestors (市、县生态环境局 in a provincial plan means every such bureau), and
bare suffixes without a region (党组, 政府, 人大建议).

Party groups of a department (厅党组, 局党组, 市生态环境局党组) are keyed
``<department key>-party-group``; leading groups named freely (市推进…建设领导小组) are keyed
``agency/<code>-lg-<hash>`` and flagged ``matched=False``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from envkg import gazetteer
from envkg.extract.regions import COUNTY_STOP
from envkg.model import Context, Mention, Span
from envkg.namespaces import short_hash
from envkg.textnorm import TextView
from envkg.vocab import Concept, load

VOCAB = "agencies.ttl"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LEVEL_WORDS = ("自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "区", "县", "旗", "州", "盟")
# A level word right after one of these is part of a collective or another word:
# 各市, 全省, 每县, 该市, 城市, 都市, 超市, 设区(的)市, 省辖市, 县(市、区), 市县, 省市, 市区.
_BLOCK_BEFORE = set("各全每该两城都超设的辖省市县区州级地")
# 健全市…, 完全市… : 全 ends a word there, it does not make 全市 "the whole city".
_WORDS_ENDING_QUAN = set("健完安齐周保")
# Region names that are also ordinary words (a county called 城区, 郊区, 矿区 …).
_NOT_REGION = {"城区", "郊区", "矿区", "新区", "市中", "市辖区", "东区", "西区", "南区", "北区", "中区"}
# Party-committee suffix 委 is not a committee before these characters (委托, 委员, 委派).
_NOT_AFTER_WEI = set("托员派屈婉")
# A national ministry label followed by one of these is a sector or a verb (生态环境部门, 部署).
_NOT_AFTER_MINISTRY = set("门署分位长")
PARTY_COMMITTEE = "party-committee"
# Kinds of bodies named freely or relative to another body: never found by their suffix alone.
_FREE_TYPES = {"leading-group", "headquarters", "office", "sub-bureau"}
# Bodies whose standing office (…办公室) is a body of its own.
_HAS_OFFICE = {"eco-committee", "inspection-leading-group", "rectification-leading-group", "leading-group",
               "headquarters", "river-chief-office"}
PARTY_GROUP = "party-group"
_PARTY_DEPARTMENTS = {"organization-department", "publicity-department", "political-legal-commission",
                      "party-general-office"}
# Bodies under the people's government of their region.
_NOT_UNDER_GOVERNMENT = {"gov", PARTY_COMMITTEE, "discipline-commission", "people-congress", "cppcc",
                         "procuratorate", "court", "eco-committee", "inspection-leading-group",
                         "rectification-leading-group", "inspection-group", "admin-office", "msa", "meteorology", "tax",
                         PARTY_GROUP, *_PARTY_DEPARTMENTS}
# Regional branches of a national body.
_NATIONAL_PARENT = {"msa": "agency/cmsa", "meteorology": "agency/cma", "tax": "agency/sta"}
_CENTRAL_INSPECTION = re.compile(r"中央第[一二三四五六七八九十]{1,3}(?:生态)?(?:环境保护|环保)督察组")


@dataclass(frozen=True)
class AgencyType:
    slug: str
    full: frozenset[str]  # official suffixes (生态环境厅, 水务局)
    short: frozenset[str]  # abbreviated suffixes (发改委, 住建局, 政府)
    provincial: tuple[str, str]  # zh, en templates with {}
    local: tuple[str, str]

    @property
    def surfaces(self) -> frozenset[str]:
        return self.full | self.short


def _split_langs(values: list[str]) -> tuple[str, str]:
    zh = next((v for v in values if _CJK.search(v)), "")
    en = next((v for v in values if not _CJK.search(v)), "")
    return zh, en


@functools.cache
def _vocab() -> dict[str, Concept]:
    return load(VOCAB)


@functools.cache
def agency_types() -> dict[str, AgencyType]:
    types = {}
    for key, c in _vocab().items():
        if not key.startswith("agency-type/"):
            continue
        slug = key.split("/", 1)[1]
        full = {label for label in c.labels("zh") if "(" not in label}
        short = set(c.props.get("hiddenLabel", []))
        types[slug] = AgencyType(slug, frozenset(full), frozenset(short),
                                 _split_langs(c.props.get("provincialName", [])),
                                 _split_langs(c.props.get("localName", [])))
    return types


@functools.cache
def _national_labels() -> dict[str, str]:
    """zh label (pref, alt, hidden) -> national agency key."""
    out: dict[str, str] = {}
    for key, c in _vocab().items():
        if key.startswith("agency/"):
            for label in c.labels("zh") + c.props.get("hiddenLabel", []):
                out.setdefault(label, key)
    return out


@functools.cache
def _suffix_types() -> dict[str, str]:
    """agency-type surface suffix -> type slug."""
    out: dict[str, str] = {}
    for slug, t in agency_types().items():
        if slug in _FREE_TYPES:
            continue
        for s in sorted(t.surfaces):
            out.setdefault(s, slug)
    return out


@functools.cache
def _scanner() -> re.Pattern[str]:
    names = set(_national_labels()) | set(_suffix_types())
    alternatives = sorted(names, key=lambda s: (-len(s), s))
    return re.compile(_CENTRAL_INSPECTION.pattern + "|" + "|".join(map(re.escape, alternatives)))


# --- regions ---------------------------------------------------------------------------------


def _is_provincial(code: str) -> bool:
    """A province or autonomous region (whose departments are 厅); not a municipality."""
    name = gazetteer.name(code)
    return gazetteer.level(code) == "ProvinceLevel" and name.endswith(("省", "自治区"))


def _region_for_name(name: str, ctx: Context) -> str | None:
    """Code of a region name written before an agency suffix, or None."""
    if name in _NOT_REGION or len(name) < 2:
        return None
    full = gazetteer.full_names().get(name)
    short = gazetteer.short_names().get(name)
    if not full and not short:
        code = gazetteer.region_code_for(name, within=ctx.region_code) if len(name) >= 5 else None
        return code
    code = gazetteer.region_code_for(name, within=ctx.region_code)
    if code is None:
        return None
    own = gazetteer.province_of(ctx.region_code) if ctx.region_code else None
    if full and gazetteer.level(code) == "CountyLevel" and name[:-1] in COUNTY_STOP and own \
            and not gazetteer.is_within(code, own):
        return None  # 会同|县农业农村局: a verb and the document's own 县, not 会同县 of Hunan
    if not full and gazetteer.level(code) == "CountyLevel":
        # a county by its short form only counts inside the document's own province
        own = gazetteer.province_of(ctx.region_code) if ctx.region_code else None
        if own is None or not gazetteer.is_within(code, own):
            return None
    return code


def _resolve_level(word: str, ctx: Context) -> str | None:
    """The document's own region or ancestor that a bare level word (省, 市, 自治区 …) names."""
    if not ctx.region_code or not gazetteer.exists(ctx.region_code):
        return None
    chain = gazetteer.region_chain(ctx.region_code)
    own = chain[0]
    if word == "省":
        return next((c for c in chain if gazetteer.name(c).endswith("省")), None)
    if word == "自治区":
        return next((c for c in chain if gazetteer.name(c).endswith("自治区")), None)
    if word == "区":
        top = chain[-1]
        if gazetteer.name(top).endswith("自治区") and own == top:
            return top  # 区党委, 区生态环境厅 in a plan of an autonomous region
        return own if gazetteer.level(own) == "CountyLevel" and gazetteer.name(own).endswith("区") else None
    if word == "市":
        return next((c for c in chain if gazetteer.name(c).endswith("市")), None)
    if word == "县":
        return own if gazetteer.name(own).endswith("县") else None
    if word in ("自治州", "自治县", "自治旗"):
        return next((c for c in chain if gazetteer.name(c).endswith(word)), None)
    if word == "旗":
        return own if gazetteer.name(own).endswith("旗") else None
    if word == "地区":
        return next((c for c in chain if gazetteer.name(c).endswith("地区")), None)
    if word in ("州", "盟"):
        return next((c for c in chain if gazetteer.name(c).endswith(word)
                     and gazetteer.level(c) == "PrefectureLevel"), None)
    return None


def _blocked(text: str, pos: int) -> bool:
    """True when the level word starting at ``pos`` belongs to a collective or another word."""
    if pos == 0:
        return False
    before = text[pos - 1]
    if before == "全" and pos >= 2 and text[pos - 2] in _WORDS_ENDING_QUAN:
        return False
    if before in "我本":
        return False
    return before in _BLOCK_BEFORE


@dataclass
class _Prefix:
    code: str
    start: int  # view offset where the agency name starts (region name, level word, 中共)


def _prefixes(text: str, end: int, ctx: Context) -> list[_Prefix]:
    """Region(s) named right before view offset ``end``: a region name, or level word(s)."""
    # 1. a region name, full or short, longest first (广东省广州市, 广州市, 广州)
    for length in range(min(14, end), 1, -1):
        cand = text[end - length : end]
        if not _CJK.fullmatch(cand[0]):
            continue
        code = _region_for_name(cand, ctx)
        if code:
            return [_Prefix(code, _with_cpc(text, end - length))]
    # 2. a bare level word resolved against the document's region, with coordinated ones
    #    before it (省、市纪委)
    found: list[_Prefix] = []
    pos = end
    while True:
        word = next((w for w in _LEVEL_WORDS if text[max(0, pos - len(w)) : pos] == w), None)
        if word is None:
            break
        start = pos - len(word)
        if not word.startswith("自治") and text[max(0, start - 2) : start] == "自治":  # 自治区 matched as 区
            break
        if start >= 1 and text[start - 1] in "我本":
            start -= 1
        blocked = _blocked(text, start)
        code = None if blocked else _resolve_level(word, ctx)
        if blocked:
            found = []  # 市县政府, 各区政府: a collective, whatever follows
            break
        if code:
            found.append(_Prefix(code, _with_cpc(text, start)))
        if start >= 2 and text[start - 1] == "、":
            pos = start - 1
            continue
        break
    # the coordinated prefixes share the suffix: the first mention spans "省、市纪委"
    return found


def _with_cpc(text: str, start: int) -> int:
    return start - 2 if text[max(0, start - 2) : start] == "中共" else start


# --- names and keys ---------------------------------------------------------------------------


def _template(tpl: str, region_name: str) -> str:
    return tpl.replace("{}", region_name) if "{}" in tpl else region_name + tpl


# Abbreviated suffixes that stand for an official name other than the type's template
# (经信厅 is 经济和信息化厅, not 工业和信息化厅; a county's 发改局 is 发展和改革局).
_EXPAND = {"经信厅": "经济和信息化厅", "经信局": "经济和信息化局", "发改局": "发展和改革局",
           "发展改革局": "发展和改革局", "资源规划局": "自然资源和规划局", "自然资源规划局": "自然资源和规划局",
           "绿化市容局": "绿化和市容管理局", "住房城乡建设委": "住房和城乡建设委员会", "住建委": "住房和城乡建设委员会",
           "城市管理委": "城市管理委员会", "城管委": "城市管理委员会", "林草局": "林业和草原局"}


def _names(slug: str, code: str, surface_suffix: str | None = None) -> tuple[str, str]:
    """zh and en name of the body of type ``slug`` in region ``code``."""
    t = agency_types()[slug]
    provincial = _is_provincial(code)
    zh_tpl, en_tpl = t.provincial if provincial else t.local
    region = gazetteer.region(code)
    region_zh = region.zh
    up = gazetteer.parent(code)
    if gazetteer.level(code) == "CountyLevel" and up and gazetteer.level(up) == "ProvinceLevel" \
            and gazetteer.name(up).endswith("市"):
        region_zh = gazetteer.name(up) + region_zh  # a district of a municipality: 北京市朝阳区
    if slug == "court" and gazetteer.level(code) == "CountyLevel":
        zh_tpl, en_tpl = "{}人民法院", "{} People's Court"
    # an official variant as written (水务局, 规划和自然资源局) when it fits the level
    expanded = _EXPAND.get(surface_suffix or "")
    if expanded:
        surface_suffix = expanded
    if ((surface_suffix in t.full or expanded) and surface_suffix.endswith("厅") == provincial
            and zh_tpl.startswith("{}") and zh_tpl.count("{}") == 1):
        zh_tpl = "{}" + surface_suffix
    return _template(zh_tpl, region_zh), _template(en_tpl, region.en or region.zh)


_HASHED = re.compile(r"^(\d{6})-([a-z-]+)-([0-9a-f]{8})$")


def _branch_parent(code: str, slug: str, label: str | None) -> str | None:
    """The bureau a branch label continues (广州市生态环境局 + 南沙分局), from the label alone."""
    if not label or not label.endswith(("分局", "管理局")) or slug not in agency_types():
        return None
    for up in gazetteer.region_chain(code)[1:]:
        # the parent as written may be an official variant of the type (水务局, 规划和自然资源局)
        for suffix in [None, *sorted(agency_types()[slug].full)]:
            parent_zh = _names(slug, up, suffix)[0]
            if label.startswith(parent_zh) and len(label) > len(parent_zh):
                return f"agency/{up}-{slug}"
    return None


def describe_agency(key: str, label: str | None = None) -> dict | None:
    """Labels and links of an agency key, for the minting stage.

    ``{"zh", "en", "region": code|None, "type": "agency-type/<slug>"|None,
    "parent": key|None, "in_vocabulary": bool}``; None for a key this module cannot read.
    """
    if not key.startswith("agency/"):
        return None
    local = key.split("/", 1)[1]
    vocab = _vocab()
    if key in vocab:
        c = vocab[key]
        return {"zh": c.zh, "en": c.en, "region": None, "type": None, "parent": None, "in_vocabulary": True}
    for suffix in (PARTY_GROUP, "office"):
        if local.endswith("-" + suffix):
            parent = key[: -len(suffix) - 1]
            info = describe_agency(parent)
            if info is None:
                continue  # a type of its own whose slug ends in -office (admin-office)
            if suffix == PARTY_GROUP:
                zh, en = f"中共{info['zh']}党组", f"Leading Party Members' Group of {info['en']}"
            else:
                zh, en = f"{info['zh']}办公室", f"Office of {info['en']}"
            return {"zh": label or zh, "en": en, "region": info["region"], "type": f"agency-type/{suffix}",
                    "parent": parent, "in_vocabulary": False}
    hashed = _HASHED.match(local)
    if hashed:
        code, slug = hashed.group(1), hashed.group(2)
        zh = label
        if not zh or not gazetteer.exists(code) or slug not in agency_types():
            return None
        en_kind = agency_types()[slug].local[1].replace("{}", "").replace(" of ", "").strip()
        return {"zh": zh, "en": f"{en_kind} of {gazetteer.region(code).en}: {zh}", "region": code,
                "type": f"agency-type/{slug}", "parent": None, "in_vocabulary": False}
    code, _, slug = local.partition("-")
    if not gazetteer.exists(code):
        return None
    parent = _branch_parent(code, slug, label)
    if parent:  # a branch bureau (广州市生态环境局南沙分局): its label names the parent bureau
        zh = label
        t = agency_types().get(slug)
        en_kind = t.local[1].replace(" of {}", "") if t else "Branch"
        return {"zh": label or zh, "en": f"{en_kind} of {gazetteer.region(code).en} (branch)", "region": code,
                "type": f"agency-type/{slug}", "parent": parent, "in_vocabulary": False}
    if slug not in agency_types():
        return None
    zh, en = _names(slug, code)
    if slug in _PARTY_DEPARTMENTS:
        parent = f"agency/{code}-{PARTY_COMMITTEE}"
    elif slug in _NATIONAL_PARENT:
        parent = _NATIONAL_PARENT[slug]
    elif slug == "gov-office" or slug not in _NOT_UNDER_GOVERNMENT:
        parent = f"agency/{code}-gov"
    else:
        parent = None
    return {"zh": label or zh, "en": en, "region": code, "type": f"agency-type/{slug}", "parent": parent,
            "in_vocabulary": False}


# --- extraction -------------------------------------------------------------------------------


def _mention(view: TextView, start: int, end: int, key: str, label: str, matched: bool = True) -> Mention:
    return Mention("agency", Span(start, end), view.text[start:end], key, label, matched)


def _type_mentions(view: TextView, ctx: Context, m: re.Match, slug: str) -> list[Mention]:
    text = view.text
    s, e = m.span()
    surface = m.group()
    if slug == PARTY_COMMITTEE and surface == "委" and e < len(text) and text[e] in _NOT_AFTER_WEI:
        return []
    prefixes = _prefixes(text, s, ctx)
    if not prefixes and slug == PARTY_COMMITTEE and surface == "委" and s >= 1 and text[s - 1] == "地" \
            and (s < 2 or text[s - 2] not in "各当本外异两该每全"):
        # 地委: the Party committee of the document's own prefecture (地区)
        code = _resolve_level("地区", ctx)
        prefixes = [_Prefix(code, _with_cpc(text, s - 1))] if code else []
    if not prefixes:
        return []
    if slug == PARTY_COMMITTEE and surface == "委员会" and text[prefixes[0].start : prefixes[0].start + 2] != "中共":
        return []  # 安徽省委员会 without 中共 is not said of a Party committee
    out = []
    for p in prefixes:
        zh, _ = _names(slug, p.code, surface)
        key = f"agency/{p.code}-{slug}"
        out.append(_mention(view, p.start, e, key, zh))
    return out


def _party_group(view: TextView, ctx: Context, s: int, e: int, prev: Mention | None,
                 after_name: bool) -> Mention | None:
    """党组 of the department just named (生态环境厅党组) or of the document's own 厅/局."""
    text = view.text
    if prev is not None and prev.span.end == s and not prev.key.endswith(PARTY_GROUP):
        key = f"{prev.key}-{PARTY_GROUP}"
        return _mention(view, prev.span.start, e, key, f"中共{prev.label}党组")
    if s >= 1 and text[s - 1] in "厅局" and not after_name:
        # bare 厅党组 / 局党组: the party group of the document's own department
        own = ctx.region_code if ctx.region_code and gazetteer.exists(ctx.region_code) else None
        if own and _is_provincial(own) == (text[s - 1] == "厅"):
            zh, _ = _names("eeb", own)
            return _mention(view, s - 1, e, f"agency/{own}-eeb-{PARTY_GROUP}", f"中共{zh}党组")
    return None


_FREE_NAMED = re.compile(r"领导小组|指挥部")
_STOP = re.compile(r"[\s,。;:、()《》“”\"'!?]")


def _free_named(view: TextView, ctx: Context, taken: list[Span]) -> list[Mention]:
    """Leading groups and headquarters named freely: 市推进粤港澳大湾区建设领导小组,
    省委生态文明建设领导小组, 市污染防治攻坚战指挥部 (level word … 领导小组|指挥部)."""
    text = view.text
    out = []
    for m in _FREE_NAMED.finditer(text):
        if any(sp.start < m.end() and m.start() < sp.end for sp in taken):
            continue
        slug = "leading-group" if m.group() == "领导小组" else "headquarters"
        lo = m.start()
        while lo > 0 and m.start() - lo < 24 and not _STOP.match(text[lo - 1]):
            lo -= 1
        for pos in range(lo, m.start() - 2):
            word = next((w for w in _LEVEL_WORDS if text.startswith(w, pos)), None)
            if word is None or _blocked(text, pos) or (word == "区" and text[max(0, pos - 2) : pos] == "自治"):
                continue
            code = _resolve_level(word, ctx)
            middle = text[pos + len(word) : m.start()]
            if not code or len(middle) < 2 or any(middle.startswith(w) for w in _LEVEL_WORDS):
                continue
            start = _with_cpc(text, pos)
            zh = gazetteer.name(code) + middle + m.group()
            key = f"agency/{code}-{slug}-{short_hash(zh, 8)}"
            out.append(_mention(view, start, m.end(), key, zh, matched=False))
            break
    return out


def _attached(view: TextView, ctx: Context, mention: Mention) -> Mention | None:
    """A body named after another one: its office (…委员会办公室) or a district branch of a
    city bureau (广州市生态环境局南沙分局)."""
    text = view.text
    e = mention.span.end
    local = mention.key.split("/", 1)[1]
    code, _, slug = local.partition("-")
    hashed = _HASHED.match(local)
    if hashed:
        code, slug = hashed.group(1), hashed.group(2)
    if text.startswith("办公室", e) and slug in _HAS_OFFICE:
        key = f"{mention.key}-office"
        return _mention(view, mention.span.start, e + 3, key, mention.label + "办公室")
    branch = re.compile(r"([\u4e00-\u9fff]{2,5}?)(分局|管理局)").match(text, e)
    if branch and gazetteer.exists(code) and slug in agency_types() and not hashed:
        name = branch.group(1)
        sub = gazetteer.region_code_for(name, within=code)
        if sub and sub != code and gazetteer.is_within(sub, code):
            key = f"agency/{sub}-{slug}"
            zh = mention.label + name + branch.group(2)
            return _mention(view, mention.span.start, branch.end(), key, zh)
    return None


def extract_agencies(view: TextView, ctx: Context) -> list[Mention]:
    """Agency mentions in view coordinates, with keys resolved against ``ctx.region_code``."""
    text = view.text
    national = _national_labels()
    suffixes = _suffix_types()
    out: list[Mention] = []
    last_end = -1  # end of the previous suffix or label found, kept or not
    for m in _scanner().finditer(text):
        s, e = m.span()
        surface = m.group()
        prev = out[-1] if out else None
        after_name, last_end = last_end == s, e
        if surface.startswith("中央第"):
            out.append(_mention(view, s, e, "agency/central-eco-inspection-group", "中央生态环境保护督察组"))
            continue
        if surface in national:
            if e < len(text) and text[e] in _NOT_AFTER_MINISTRY and surface.endswith("部"):
                continue
            key = national[surface]
            out.append(_mention(view, s, e, key, _vocab()[key].zh))
            continue
        slug = suffixes[surface]
        if slug == PARTY_GROUP:
            pg = _party_group(view, ctx, s, e, prev, after_name)
            if pg is not None:
                if prev is not None and prev.span.end == s:
                    out.pop()  # the department and its party group are one name: keep the group
                out.append(pg)
            continue
        found = _type_mentions(view, ctx, m, slug)
        out.extend(found)

        if slug == PARTY_COMMITTEE and found:
            # 自治区党委、政府 / 省委和政府: the government of the same region, named after it
            gov = re.compile(r"[、和及](政府|行署|行政公署)").match(text, e)
            if gov and not text.startswith("部门", gov.end()):
                code = found[0].key.split("/", 1)[1].split("-", 1)[0]
                kind = "gov" if gov.group(1) == "政府" else "admin-office"
                if kind == "gov" or gazetteer.name(code).endswith(("地区", "盟")):
                    zh, _ = _names(kind, code)
                    out.append(_mention(view, gov.start() + 1, gov.end(), f"agency/{code}-{kind}", zh))
    out.extend(_free_named(view, ctx, [x.span for x in out]))
    out.sort(key=lambda x: (x.span.start, x.span.end))
    final: list[Mention] = []
    for m in out:
        attached = _attached(view, ctx, m)
        final.append(attached or m)
    for m in final:
        if _responsible(text, m.span):
            m.role = "responsible"
    return final


# 责任单位:/牵头单位:/配合单位: lines; the body, or a list of bodies, then 负责/牵头/要/会同 …
_DUTY_LINE = re.compile(r"(?:责任|牵头|配合|主办|协办|参与)(?:单位|部门|处室)[::]")
_DUTY_AFTER = re.compile(r"^(?:[、,和及与会同]*[^\s,。;:]{0,24}?)?(?:负责|牵头|要|按职责|分工负责|配合|组织实施)")


def _responsible(text: str, span: Span) -> bool:
    """True when the body carries out the measure: named in a responsibility line, or the
    subject of 负责/牵头/要 (由X负责, X牵头, X要…), not a body only named (经X批准, X印发的《…》)."""
    line_start = max(text.rfind(c, 0, span.start) for c in "\n。;") + 1
    if _DUTY_LINE.search(text, line_start, span.start):
        return True
    after = text[span.end : span.end + 30]
    if after.startswith(("印发", "批准", "领导", "的领导")) or text[max(0, span.start - 1) : span.start] in ("经", "在"):
        return False
    m = _DUTY_AFTER.match(after)
    return bool(m) and "《" not in m.group() and "。" not in m.group()
