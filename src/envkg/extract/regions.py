"""Region mentions: provinces, prefectures and counties (GB/T 2260) named in the text.

One lexicon scan over the view finds every region name (official names and short forms
from the gazetteer) and every water-body name of the vocabulary; overlapping candidates
are settled longest first, so a water body (胶州湾, 柳江) or a longer region name wins over
a name inside it.  Short forms are accepted only where they are unlikely to be a word of
the sentence:

* a short form that ends a common word on its left (推广东…, 美丽水…) is not a name;
* short forms that are common words, mountains or names shared by many places (黄山, 大同,
  资源, 港口, 鼓楼 …) count only in a list of regions ("合肥、芜湖、蚌埠、黄山四市") or
  with their suffix (written out, they are official names and count anyway);
* a county-level short form counts only inside the document's own region, or right after
  one of its ancestors ("柳州柳江" is handled as the river; "广西南丹" names 南丹县);
* names that are part of a programme (南阳实践, 浦江经验) or of an economic area
  (海西经济区, 北部湾经济区) do not count.

Ambiguous official names (朝阳区, 鼓楼区) resolve to the unit inside the document's region or
right after its parent ("北京市朝阳区"); otherwise they are skipped.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from envkg import gazetteer as gz
from envkg.model import Context, Mention, Span
from envkg.textnorm import TextView
from envkg.vocab import load


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Common words of policy prose whose second character starts a region name: a short form
# right after the first character is inside such a word (推广|东莞, 美丽|水环境).
LEFT_BREAK = _words(
    """新增 净增 递增 推广 美丽 扩大 加大 重大 广大 强大 巨大 伟大 较大 最大 四大 壮大 结合 综合 联合 融合 整合 配合
    符合 适合 复合 混合 集合 交通 流通 沟通 畅通 贯通 连通 互通 打通 开通 疏通 普通 融通 经营 运营 集中
    其中 之中 空中 高中 心中 手中 从中 投资 创新 更新 出新 稳定 固定 确定 制定 决定 规定 肯定 认定 鉴定
    核定 审定 划定 界定 平安 公安 治安 保安 沿海 近海 入海 出海 跨海 向海 人大 森林 园林 成长 增长 延长
    局长 市长 省长 部长 厅长 县长 区长 河长 湖长 林长 湾长 田长 建成 形成 完成 组成 构成 造成 达成 促成
    生成 合成 变成 养成 落成 集成 改成 分成 做成 制成 文明 光明 水平 公平 和平 太平 持平 平台 基金 黄金 资金 以来 未来 带来 本来 原来 从来 将来 国内
    境内 省内 市内 区内 今天 明天 每天 蓝天 经济 中央 资源 高新 中新 重新 全新 清新 立新 革新 推新 防治
    整治 政治 自治 法治 统一 唯一 第一 之一 同一 万一 高效 长效 成效 实效 有效 绩效 功效 提高 更高 最高
    较高 生产 资产 地产 水产 特产 产业 行业 农业 工业 企业 就业 专业 事业 创业 商业 林业 渔业 物业 作业
    大力 动力 能力 合力 压力 电力 权力 人力 活力 实力 努力 着力 全力 协力 助力 风力 水力 火力 聚力 给力"""
)
# Words that start with the last character of a short form (丽水|质, 三明|治, 中山|大学).
RIGHT_BREAK = _words("水质 水体 水域 水量 水利 水源 水环 通道 门户 连片 大学 治理 山水")

# Province- and prefecture-level short forms that are common words, mountains or names of
# other things: they count only in a list of regions or with a count (黄山四市).
RISKY_SHORT = _words(
    """安康 白银 大庆 大同 普洱 阿里 长治 河源 海西 山南 海东 海北 日照 朝阳 黄山 中山 白山 来宾 开封
    吉林 通化 保定 和田 兴安 三沙 黑河 七台河 马鞍山 攀枝花 延边 阿拉善 临夏 黄南 海南 果洛 玉树
    南平 三明 东营 鹤壁 金昌 武威 张掖 昌都 林芝 巴中 达州 文山 红河 楚雄 德宏 怒江 迪庆 丽江 西双版纳"""
)
# County-level short forms that are common words (or shared by many districts): they need
# a list of regions, an ancestor right before them, or their suffix.
COUNTY_STOP = _words(
    """资源 合作 和平 武功 比如 南部 解放 东方 前进 港口 公安 友好 通道 共和 城中 平安 中方 凤凰 安定
    延长 光明 新兴 运河 万年 东风 红旗 光泽 南岸 城北 城南 城东 城西 城关 会同 工农 大名 富裕 清水 高明
    前锋 复兴 长子 宏伟 平定 芙蓉 洞口 太和 温泉 石门 向阳 振兴 三元 大方 互助 应城 新华 建平 威信 莲花
    平和 名山 黄龙 六合 桃源 当阳 大观 建安 永和 二七 台前 方城 石棉 丰满 永福 永新 华容 双桥 月湖 文峰
    保康 高台 九龙 二道 无为 河间 民权 小店 同心 宝塔 元宝 平房 万安 白玉 灯塔 木兰 天涯 七星 海棠 博爱
    同仁 回民 钟楼 鼓楼 江岸 盘龙 马尾 方正 黑水 安居 龙凤 湖里 上党 大通 融水 麒麟 海盐 高密 新民 钟山
    镇远 灵台 富民 清流 水城 龙口 紫金 老城 文成 玉龙 爱民 惠民 民和 新星 灵宝 和顺 上高 左权 天台 阳明
    开化 天心 金沙 正定 白沙 登封 赤水 天元 泰和 宣化 玉泉 天柱 方山 五台 兴化 红塔 民乐 阳春 铜鼓 延寿
    兴业 仁寿 大厂 个旧 盐池 大安 金牛 三台 路南 紫云 白塔 古塔 磐石 樟树 万全 三水 石鼓 海门 嘉禾 小金
    白水 修水 集贤 江南 三江 象山 大化 合山 大新 河东 河西 江北 青山 南山 长安 新城 市中 桥西 桥东 铁西
    铁东 新市 永定 龙湖 中原 安宁 永安 长寿 江城 太白 平湖 城区 郊区 矿区 新区 东区 西区 南区 北区 南开
    北辰 红桥 河北 天河 西湖 东湖 南湖 镜湖 全州 名山 昌江 龙华 新都 金州 普陀 宝山 金山 吉利 信州 利州
    龙亭 龙泉 石林 朝阳 通州 海州 西安 安源 城步 华龙 新荣 立山 和龙 北林 新抚 细河 东山 西山 北山
    思明 东兴 平桂 港南 港北 兴宾 江州 青秀 良庆 城厢 大同 黄山 鹤山 太湖 望江 天长 明光 界首 花山 相山
    烈山 义安 铜官 徽州 琅琊 迎江 宜秀 大祥 双清 北塔"""
)

# Stopped county short forms that are not words by themselves, only letter runs that can
# straddle two words (扩大|新能源, 结合|山水): they also count at the start of a clause.
FRAGMENTS = _words(
    """大新 合山 大化 天长 明光 界首 相山 烈山 义安 铜官 琅琊 迎江 宜秀 望江 东兴 平桂 港南 港北 兴宾 江州
    青秀 良庆 城厢 思明 安源 立山 新荣 和龙 北林 新抚 细河 大祥 双清 北塔 信州 利州 龙亭 华龙 城步 徽州"""
)
_CLAUSE_START = "、,。;:(!?“‘《\n "

# What follows a name that is part of a programme or an economic area, not the region.
_PROGRAMME_AFTER = re.compile(r"^(?:实践|经验)")
_AREA_AFTER = re.compile(r"^(?:经济区|经济圈|经济带|城市群|都市圈|新区|大湾区|湾区|片区)")
# What follows a water name when the text means the water (黑龙江流域, 牡丹江干流).
WATER_AFTER = re.compile(
    r"^(?:流域|干流|支流|水系|水质|水域|水体|水环境|水生态|沿岸|沿线|上游|中游|下游|河段|江段|湖区|岸线|两岸|"
    r"入河|入湖|入海|河口|江口|湖泊|湖体|段|口|畔|水面|大桥|断面)"
)
# After a short form, a water-name ending (衡水湖, 玛纳斯河, 怀柔水库) makes it part of a water
# body's name, unless a word follows that makes the short form a place (柳州河段, 广州河长, 河湖).
_WATER_NAME_AFTER = re.compile(r"^(?:河|江|湖|水库|湾)(?![段长湖道流涌网系口湾岸海库泊区])")
# After a short form, a level suffix that does not make an official name with it means the short
# form is part of another name (雄|安新|区: 雄安新区), not the region.
_OTHER_NAME_AFTER = re.compile(r"^(?:[区县旗盟](?![域内外级])|市(?![域内外级民场]))")
_SEPARATORS = ("、", "和", "与", "及", ",", "以及", "至", "-", "—")
_COUNT_AFTER = re.compile(r"^(?:等)?[0-9一二三四五六七八九十两]+个?(?:市|县|区|地|省|地市|县区|县市)")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Token:
    start: int
    end: int
    text: str
    full: tuple[str, ...]  # region codes whose official name this is
    short: tuple[str, ...]  # region codes this is a short form of
    water: str | None  # water-body key

    @property
    def is_region(self) -> bool:
        return bool(self.full or self.short)


@functools.cache
def water_lexicon() -> dict[str, str]:
    """zh label (pref and alt) -> water-body key."""
    out: dict[str, str] = {}
    for key, c in load("waterbodies.ttl").items():
        if "WaterBody" not in c.types:
            continue
        for label in c.labels("zh"):
            out.setdefault(label, key)
    return out


@functools.cache
def _lexicon() -> tuple[dict[str, tuple], int]:
    full = gz.full_names()
    short = {k: v for k, v in gz.short_names().items() if len(k) >= 2}
    water = water_lexicon()
    lex: dict[str, tuple] = {}
    for name in set(full) | set(short) | set(water):
        if len(name) < 2:
            continue
        lex[name] = (full.get(name, ()), short.get(name, ()) if name not in full else (), water.get(name))
    return lex, max(len(k) for k in lex)


# Two-character official names (成县, 和县, 沙县) hide inside ordinary words: 完成|县级,
# 城区和|县城. Such a name does not count when the next character makes 县级/县域/县城…, or
# when the character before makes a word with its first character (LEFT_BREAK).
_SHORT_NAME_NEXT = frozenset("级域城乡镇区")


def _valid(text: str, start: int, end: int, entry: tuple) -> bool:
    full, short, water = entry
    if full and end - start == 2:
        if end < len(text) and text[end] in _SHORT_NAME_NEXT:
            return False
        return not (start > 0 and text[start - 1] + text[start] in LEFT_BREAK)
    if full and start > 0 and text[start - 1] + text[start] in LEFT_BREAK:
        return False  # 新增|城区 is not 增城区
    if full or water:
        return True
    name = text[start:end]
    if start > 0 and text[start - 1] + name[0] in LEFT_BREAK:
        return False
    return not (end < len(text) and name[-1] + text[end] in RIGHT_BREAK)


def scan(text: str) -> list[Token]:
    """Region and water-body names of a text, non-overlapping, longest first."""
    lex, maxlen = _lexicon()
    cands: list[Token] = []
    n = len(text)
    for i in range(n):
        if not _HAN.match(text[i]):
            continue
        for length in range(min(maxlen, n - i), 1, -1):
            name = text[i : i + length]
            entry = lex.get(name)
            if entry and _valid(text, i, i + length, entry):
                cands.append(Token(i, i + length, name, *entry))
    cands.sort(key=lambda t: (-(t.end - t.start), t.start))
    taken = bytearray(n)
    chosen: list[Token] = []
    for t in cands:
        if any(taken[t.start : t.end]):
            continue
        taken[t.start : t.end] = b"\x01" * (t.end - t.start)
        chosen.append(t)
    chosen.sort(key=lambda t: t.start)
    return chosen


def means_water(text: str, tok: Token) -> bool:
    """For a name that is both a water body and a region (柳江, 巢湖, 黑龙江): the water?"""
    if not tok.water:
        return False
    if not tok.is_region:
        return True
    after = text[tok.end : tok.end + 4]
    if WATER_AFTER.match(after):
        return True
    codes = tok.full + tok.short
    # named like a county (柳江区, 巢湖市, 西湖区): the water unless written with the suffix
    return all(gz.level(c) == "CountyLevel" for c in codes)


def document_region(text: str, ctx: Context) -> str | None:
    if ctx.region_code and gz.exists(ctx.region_code):
        return ctx.region_code
    code = gz.region_code_for(ctx.region_name) if ctx.region_name else None
    if code:
        return code
    # most frequent province or prefecture named in full in the opening of the text
    counts: dict[str, int] = {}
    for tok in scan(text[:3000]):
        for c in tok.full:
            if gz.level(c) != "CountyLevel" and len(tok.full) == 1:
                counts[c] = counts.get(c, 0) + 1
    return max(counts, key=lambda c: (counts[c], -len(c))) if counts else None


def _adjacent(text: str, left: Token, right: Token) -> bool:
    gap = text[left.end : right.start].strip()
    return gap == "" or gap in _SEPARATORS


def extract_regions(view: TextView, ctx: Context) -> list[Mention]:
    return [
        Mention(
            kind="region",
            span=Span(tok.start, tok.end),
            surface=tok.text,
            key=f"region/{code}",
            label=gz.name(code),
        )
        for tok, code in resolve_regions(view.text, ctx)
    ]


def resolve_regions(text: str, ctx: Context, tokens: list[Token] | None = None) -> list[tuple[Token, str]]:
    """The region names of a text that count, each with its code."""
    home = document_region(text, ctx)
    tokens = tokens if tokens is not None else scan(text)
    waters = [t for t in tokens if t.water and means_water(text, t)]
    tokens = [t for t in tokens if t.is_region and not means_water(text, t)]
    resolved: list[tuple[Token, str | None, bool]] = []  # token, code, sure
    starts = {t.start for t in tokens}
    for tok in tokens:
        after = text[tok.end : tok.end + 6]
        part_of_other = not tok.full and tok.end not in starts and (
            (_WATER_NAME_AFTER.match(after) and all(gz.level(c) != "ProvinceLevel" for c in tok.short))
            or _OTHER_NAME_AFTER.match(after))
        # a county short form that is also a river's name, listed among rivers (乌江、綦江、涪江)
        part_of_other = part_of_other or _listed_with_water(text, tok, waters)
        if part_of_other or _PROGRAMME_AFTER.match(after) or (_AREA_AFTER.match(after) and not tok.full):
            resolved.append((tok, None, False))
            continue
        prev = resolved[-1] if resolved else None
        parent = prev[1] if prev and prev[1] and prev[0].end == tok.start else None
        resolved.append((tok, *_resolve(tok, home, parent)))
    # second pass: uncertain names count when listed next to sure ones or with a count
    out: list[tuple[Token, str]] = []
    for k, (tok, code, sure) in enumerate(resolved):
        if code is None:
            continue
        if not sure:
            listed = any(
                0 <= j < len(resolved)
                and resolved[j][1]
                and resolved[j][2]
                and _adjacent(text, *sorted((tok, resolved[j][0]), key=lambda t: t.start))
                for j in (k - 1, k + 1)
            )
            counted = bool(_COUNT_AFTER.match(text[tok.end : tok.end + 6]))
            clause = tok.text in FRAGMENTS and (tok.start == 0 or text[tok.start - 1] in _CLAUSE_START)
            if not (listed or counted or clause):
                continue
        out.append((tok, code))
    return out


def _listed_with_water(text: str, tok: Token, waters: list[Token]) -> bool:
    """A short form ending in 江/河/湖 right between water names in a list (长江、綦江、涪江)."""
    if tok.full or tok.text[-1] not in "江河湖":
        return False
    before = any(w.end <= tok.start and _adjacent(text, w, tok) for w in waters)
    after = any(w.start >= tok.end and _adjacent(text, tok, w) for w in waters)
    return before or after


def _scopes(home: str | None) -> list[str]:
    """The document's region, then (for a county-level home) its prefecture or municipality:
    sibling districts of a district plan (通州区 in a 朝阳区 plan, 东阳 in a 义乌 plan)."""
    if not home:
        return []
    out = [home]
    if gz.level(home) == "CountyLevel" and gz.parent(home):
        out.append(gz.parent(home))
    return out


def _inside(codes: tuple[str, ...], region: str | None) -> list[str]:
    return [c for c in codes if region and gz.is_within(c, region)] if region else []


def _resolve(tok: Token, home: str | None, parent: str | None) -> tuple[str | None, bool]:
    """(code, sure) for a region token; sure=False needs list context to count."""
    if tok.full:
        codes = tok.full
        if len(codes) == 1:
            # a county whose name is a word plus its suffix (会同|县农业农村局, 合作|市场), outside
            # the document's province: only in a list
            word_like = gz.level(codes[0]) == "CountyLevel" and (
                tok.text[:-1] in COUNTY_STOP or tok.text in COUNTY_STOP)  # 城区, 矿区: common nouns
            own = gz.province_of(home) if home else None
            return codes[0], not (word_like and own is not None and not gz.is_within(codes[0], own))
        for scope in (parent, *_scopes(home)):
            inside = _inside(codes, scope)
            if inside:
                return inside[0], True
        top = [c for c in codes if gz.level(c) != "CountyLevel"]
        return (top[0], True) if len(top) == 1 else (None, False)
    codes = tok.short
    name = tok.text
    if parent:
        inside = _inside(codes, parent)
        if inside:
            return inside[0], True
        own = gz.province_of(home) if home else None
        if own and not _inside(codes, own):
            return None, False  # "迁安九江": glued to another place's name, a firm's name
    inside = next((found for scope in _scopes(home) if (found := _inside(codes, scope))), [])
    # the home region's own ancestors (安徽 in a Hefei plan) and units inside it
    if home:
        inside += [c for c in codes if c in gz.region_chain(home) and c not in inside]
    if inside:
        code = min(inside, key=lambda c: (gz.LEVELS.index(gz.level(c)), c))
        stop = name in RISKY_SHORT or (gz.level(code) == "CountyLevel" and name in COUNTY_STOP)
        return code, not stop
    top = [c for c in codes if gz.level(c) != "CountyLevel"]
    if top:
        code = min(top, key=lambda c: (gz.LEVELS.index(gz.level(c)), c))
        if len({gz.level(c) for c in top}) == 1 and len(top) > 1:
            return code, False  # two prefectures share the short form
        return code, name not in RISKY_SHORT
    # a county-level short form outside the document's region: only after its ancestor, or
    # in a list when it is long and names one county only (科右中旗, 伊金霍洛)
    if len(codes) == 1 and len(name) >= 3:
        return codes[0], False
    return None, False
