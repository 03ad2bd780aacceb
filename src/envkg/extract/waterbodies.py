"""Water-body mentions: named rivers, lakes, reservoirs, bays, seas and canals.

Two sources:
* the vocabulary (data/vocab/waterbodies.ttl), found by the same lexicon scan as regions so
  that a region name wins where it is the longer or the meant name (浙江, 南海区, 巢湖市);
* a guarded pattern for names not in the vocabulary: a short proper name before 江, 河,
  湖, 水库, 湾, 运河, 水道, 航道 or 涌 ("南流江", "遇龙河", "防城港西湾").  The name must start
  right after a clause boundary, a function word or verb of the sentence, or a region name,
  and must not be a generic word (河湖, 江河, 入海河流, 黑臭河涌 …), a region name (湛江,
  上海), an office (河长) or an area (大湾区).  Such names are kept unmatched:
  key ``waterbody/x-<hash>``.
Islands and water projects (引江济淮, 南水北调) are not water bodies and are never matched.
"""

from __future__ import annotations

import re

from envkg import gazetteer as gz
from envkg.extract.regions import LEFT_BREAK, _words, means_water, resolve_regions, scan, water_lexicon
from envkg.model import Context, Mention, Span
from envkg.namespaces import short_hash
from envkg.textnorm import TextView
from envkg.vocab import load

_SUFFIX = re.compile(r"(?:水库|运河|水道|航道|江|河|湖|湾|涌|水|港|浜|泾|浦|塘)")
# Creek suffixes of the Yangtze delta (某家浜, 某泾, 某浦, 某塘) and 港: common words too
# (港口, 池塘, 海塘), so such names count only in a clause about rivers (_GANG_CONTEXT).
_CREEK = ("港", "浜", "泾", "浦", "塘")
# Words after which a name starts (verbs and function words of the sentence).
_BOUNDARY_WORDS = sorted(
    """推进 加大 加强 开展 实施 深化 聚焦 推动 做好 完成 保护 治理 整治 守护 包括 重点 以及 建设 编制 组织
    围绕 支持 打造 恢复 修复 构建 提升 申报 落实 强化 巩固 全面 持续 加快 启动 督促 指导 统筹 协调 涉及
    位于 开工 建成 改善 提高 确保 消除 推行 探索 规划 管控 保障 排查 清理 监测 评估 考核 实现 纳入 参与
    加快推进 持续推进 深入推进 全面推进 重点推进 组织开展 以及 沿 对 在 以 和 与 及 等 的 将 把 为 从 向 至
    到 了 是 即 含 或 暨 由 经 过 如 像 其 该 各 全 新 旧""".split(),  # noqa: SIM905
    key=len,
    reverse=True,
)
# A name may not end with these characters before its suffix (入河, 沿海, 界河, 河湖 …).
_GENERIC_LAST = set("河江湖海入出沿环临跨界内外主支干大小的和与及等水库港山田林草城乡村镇区市县省国深进旧建染放排")
_GENERIC = _words(
    """河湖 江河 江湖 湖泊 海湾 港湾 运河 内河 外河 小河 大河 大江 长河 界河 城河 护城河 河道 水道 航道 主航道 内河航道 深水航道 出海航道 进港航道 黄金水道 下水道
    排水道 主河道 入河 出河 渡河 黑臭河 山河 冰河 银河 天河 星河 海河口 湖区 湾区 水湾 港口 河涌 渠涌 黑臭河涌
    汹涌 涌现 涌入 涌出 分水道 泄洪道 行洪道 水库"""
)
# 河道 is "river channel" (重点河道), 河水 "river water" unless 水质/水域 …; a place or road name
# continues after the suffix (新江村, 江桥镇, 湾岭, 某湖高速, 江东新区); 江浙 is two provinces.
_AFTER_NOT = re.compile(r"^(?:长|区|次区域|流域经济|经济|新区|现|入|出|济|\(|[河江湖海库涌渠塘]|流(?!域)|道"
                        r"|水(?![质域系位量体生])|[村镇乡路街桥岭浙]|高速|公路|铁路|大道|[东西南北]新区)")
_NUMERAL = set("一二三四五六七八九十百千万两几多每各")
# also an enterprise named after a sea or river (东海钢铁, 长江集团) and 江河、海河一体化 transport
_VOCAB_AFTER_NOT = re.compile(r"^(?:经济区|经济带|经济圈|新区|长制|游|次区域|钢铁|集团|股份|公司|实业|化工|一体化|联运)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A bay before a port-area head is a port facility (某湾作业区); a river's short name + 源 +
# a park or reserve is the park's name (某河源湿地公园).
_FACILITY_AFTER = re.compile(
    r"^(?:港区|作业区|码头|泊位|科技城|科学城|新城|产业园|园区|开发区|度假区|旅游区|"
    r"源(?:国家)?(?:湿地公园|森林公园|自然保护区|保护区|国家公园|风景区))"
)
# X水 rivers (潇水) and X港 creeks are common words too (污水, 港口): kept only in a water context.
_SHUI_TAIL = re.compile(r"^(?:流域|干流|支流|水质|水系|[上中下]游|沿岸|段|河段|[、和与及]?[^\s,。;]{0,6}?(?:江|河|湖|水库))")
_SHUI_NOT_LAST = set("污雨用表下废海河江湖山淡咸饮中排供净给清来回生洪潮积渗溢冷热矿泉井降原余灌进出入活苦浑胶药油口的了风臭高展条")
_GANG_NOT_LAST = set("路空陆海河江铁商渔军货油客集内外大小新旧老深良避风池鱼荷水山堤")
_GANG_CONTEXT = re.compile(r"河道|内河(?![港航])|河流|河涌|水体|城区河|黑臭")
_GANG_AFTER_NOT = re.compile(r"^(?:区|口|务|城|作业|码头|泊位|航|湾|澳|集团|经济|新城|片区|物流|开发|产业|综合|[市县镇])")
_MAX_NAME = 4  # characters before the suffix


def _region_names() -> set[str]:
    return set(gz.full_names()) | {k for k in gz.short_names() if len(k) >= 2}


def _name_start(text: str, start_limit: int, pos: int, region_ends: set[int]) -> int | None:
    """Where the proper name before ``pos`` (the suffix) starts, or None if unclear."""
    lo = max(start_limit, pos - _MAX_NAME)
    # nearest boundary first: a region name, a boundary word or a non-Han character
    for b in range(pos - 1, lo - 1, -1):
        if b in region_ends:
            return b
        if b == 0 or not _HAN.match(text[b - 1]):
            return b
        for w in _BOUNDARY_WORDS:
            if text.startswith(w, b - len(w)):
                # a longer boundary word ending here wins over a shorter candidate start
                return b
    return None


def extract_waterbodies(view: TextView, ctx: Context) -> list[Mention]:
    text = view.text
    tokens = scan(text)
    concepts = load("waterbodies.ttl")
    lex = water_lexicon()
    out: list[Mention] = []
    covered = bytearray(len(text))
    region_ends: set[int] = set()
    for tok, _code in resolve_regions(text, ctx, tokens):
        covered[tok.start : tok.end] = b"\x01" * (tok.end - tok.start)
        region_ends.add(tok.end)
    for tok in tokens:
        if tok.water and means_water(text, tok):
            covered[tok.start : tok.end] = b"\x01" * (tok.end - tok.start)
            after = text[tok.end : tok.end + 6]
            if _VOCAB_AFTER_NOT.match(after) or _FACILITY_AFTER.match(text[tok.end : tok.end + 8]):
                continue
            if tok.start > 0 and text[tok.start - 1] + tok.text[0] in LEFT_BREAK:
                continue
            out.append(
                Mention(
                    kind="waterbody",
                    span=Span(tok.start, tok.end),
                    surface=tok.text,
                    key=tok.water,
                    label=concepts[tok.water].zh,
                )
            )
    regions = _region_names()
    pending: list[tuple[int, int, str, str]] = []  # X水 / X港 candidates waiting for a water context
    for m in _SUFFIX.finditer(text):
        s, e = m.start(), m.end()
        if s == 0 or any(covered[s:e]):
            continue
        if _AFTER_NOT.match(text[e : e + 4]) and m.group() != "水" and m.group() not in _CREEK:
            continue
        if _FACILITY_AFTER.match(text[e : e + 8]):
            continue
        start = _name_start(text, 0, s, region_ends)
        if start is None or start >= s:
            continue
        name = text[start:e]
        stem = text[start:s]
        if any(covered[start:s]) or not all(_HAN.match(c) for c in stem):
            continue
        # a region's name before the suffix is a proper name (衡水湖, 陵水河) whatever its last character
        if (stem[-1] in _GENERIC_LAST and stem not in regions) or name in _GENERIC or stem in _GENERIC:
            continue
        if name in regions or name in lex or any(name.endswith(r) for r in ("运河",) if name == r):
            continue
        if any(c in _NUMERAL for c in stem):
            continue
        # the stem ends in a verb of the sentence (加强江浙, 打造河钢, 加剧河道): no name
        if any(stem.endswith(w) for w in _BOUNDARY_WORDS if len(w) >= 2):
            continue
        if (m.group() == "水" or m.group() in _CREEK) and any(stem.endswith(w) for w in _BOUNDARY_WORDS):
            continue
        if m.group() == "水":
            if len(stem) > 2 or stem[-1] in _SHUI_NOT_LAST or name in regions:
                continue
            pending.append((start, e, name, "水"))
            continue
        if m.group() in _CREEK:
            if not 2 <= len(stem) <= 3 or stem[-1] in _GANG_NOT_LAST or _GANG_AFTER_NOT.match(text[e : e + 4]):
                continue
            pending.append((start, e, name, m.group()))
            continue
        # one-character names: rivers called X江 (刁江, 增江) and bays after their city (西湾)
        if len(stem) == 1 and not (
            m.group() == "江"
            or (m.group() == "湾" and start in region_ends)
            or (m.group() in ("航道", "水道") and stem in "东西南北")
        ):
            continue
        out.append(
            Mention(
                kind="waterbody",
                span=Span(start, e),
                surface=name,
                key=f"waterbody/x-{short_hash(name)}",
                label=name,
                matched=False,
            )
        )
    out.extend(_in_water_context(text, pending, out))
    out.sort(key=lambda mm: mm.span.start)
    return out


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max((text.rfind(c, 0, start) for c in "。;\n"), default=-1) + 1
    his = [i for i in (text.find(c, end) for c in "。;\n") if i >= 0]
    return lo, min(his, default=len(text))


def _in_water_context(text: str, pending: list[tuple[int, int, str, str]], found: list[Mention]) -> list[Mention]:
    """Keep X水 rivers followed by 流域/水质/干流/…段 or listed next to another water body, and
    X港 creeks whose clause calls them rivers or channels (龙港、某塘河等城区河道)."""
    ends = {m.span.end for m in found} | {p[1] for p in pending}
    starts = {m.span.start for m in found} | {p[0] for p in pending}
    others = [m for m in found]
    out = []
    for start, end, name, suffix in pending:
        listed = (start >= 1 and text[start - 1] in "、和与及" and start - 1 in ends) or \
                 (end < len(text) and text[end] in "、和与及" and end + 1 in starts)
        listed_with_found = any(abs(m.span.start - end) <= 2 or abs(start - m.span.end) <= 2 for m in others)
        if suffix == "水":
            ok = bool(_SHUI_TAIL.match(text[end : end + 10])) or (listed and listed_with_found)
        else:
            lo, hi = _clause(text, start, end)
            ok = bool(_GANG_CONTEXT.search(text, lo, hi)) or listed_with_found
        if ok:
            out.append(Mention(kind="waterbody", span=Span(start, end), surface=name,
                               key=f"waterbody/x-{short_hash(name)}", label=name, matched=False))
    return out
