"""Targets stated in tables: the plain-text tables of scraped pages and converted Word/PDF files.

A table reaches us as lines of cells, in one of these layouts (all in view text: full-width
bars, tabs and ideographic spaces are already folded):

    序号 | 指标名称 | 单位 | 2023年现状值 | 2024年目标值 | 属性        cells split by "|"
    主要指标<TAB>2020年<TAB>2025年                                  … by tabs
    序号    指标            单位        目标值                      … by runs of spaces
    序号 / 指标名称 / 单位 / 目标值   (one cell per line)           … one line per cell

How a header lays out the table is an entry of LAYOUTS: "indicator-rows" (one row per
indicator, the columns are years, targets and baselines) and "unit-rows" (one row per
administrative unit, 县(市) | 新造林 | 退化林修复: each indicator column a target column whose
header is the subject; total rows 合计/总计 skipped, 全市 rows when they only sum the rows).

The header row names the columns; its roles decide what a row means:
  indicator   指标, 指标名称, 主要指标, 项目 …   the subject (the last one when there are several)
  unit        单位, 计量单位                     the unit of the row's values
  target      目标, 目标值, 2025年目标, 预期值 …  a value the plan commits to
  year        2020年, 2025年                      a bare year column: the later one(s) are targets
  base        现状值, 基准值, 2020年基数, 实际值 … baselines: never targets
  seq, attr, category, other                      序号, 属性 (约束性/预期性), 类别/领域, 责任单位 …
A row gives one target per target column whose cell holds one value ("≤30", "85", "≥95%",
"下降18%", "90%以上", "清零"); dashes, ranges and words without a number give none.

Span: from the start of the indicator cell to the end of the value (with its sign, unit and
directional word), i.e. the row as a quote would run from indicator to value.  Unit: the
cell's own unit, else the unit column, else a unit in brackets after the indicator or the
column header, else the table's "(单位: …)".  Comparator: the cell's sign, suffix or verb,
by the same rules as running text, else "=".  Year: the column header's, else the caption's
or heading's ("附件1: 2024年主要目标任务表", "2025年主要目标"), else the plan year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from envkg import units
from envkg.extract.target_rules import (
    CHANGE_VERBS,
    PAST_HEADING,
    SIGNS,
    SUFFIX_RE,
    TASK_VERB_RE,
    VERB_ALT,
    Reading,
    chinese_decimal,
    comparator_for,
    heading_line,
    heading_year,
    indicator_direction,
    link_indicator,
    read_unit,
    year_in,
)
from envkg.model import Context, Span, Target
from envkg.textnorm import fold

# --- lines and cells ------------------------------------------------------------------------


@dataclass
class Cell:
    start: int  # view offsets of the stripped cell text
    end: int
    text: str


@dataclass
class Column:
    role: str  # seq | indicator | label | unit | target | year | base | attr | category | other | empty
    year: int | None
    header: Cell
    indicator: str = ""  # layouts with indicators as columns: the column's subject


@dataclass
class Table:
    start: int  # start of the header
    end: int  # end of the last row
    columns: list[Column]
    rows: list[list[Cell | None]] = field(default_factory=list)  # aligned to columns
    unit: str = ""  # the table's unit from "(单位: …)", "" when none
    year: int | None = None  # the year of its caption or heading
    layout: str = "indicator-rows"  # the LAYOUTS entry that recognised its header

    def index(self, role: str) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.role == role), None)

    @property
    def target_columns(self) -> list[int]:
        return [i for i, c in enumerate(self.columns) if c.role == "target"]


_SEPARATORS = {"pipe": re.compile(r"\|"), "tab": re.compile(r"\t"), "spaces": re.compile(r" {2,}|\t"),
               "space": re.compile(r"\s+")}
_RULE_LINE = re.compile(r"^[\s|:\-—+=]*$")  # "|---|:--:|" separator rows of Markdown tables


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, the line break (and a CR before it) excluded."""
    out = []
    pos = 0
    for m in re.finditer(r"\r?\n|$", text):
        out.append((pos, m.start()))
        pos = m.end()
        if m.end() >= len(text):
            break
    return out


def _separator(line: str) -> str | None:
    if "|" in line:
        return "pipe"
    if "\t" in line.strip():
        return "tab"
    if re.search(r"\S {2,}\S", line):
        return "spaces"
    return None


def _split(text: str, start: int, end: int, sep: str) -> list[Cell]:
    """Cells of text[start:end], stripped (empty cells kept as empty text)."""
    cells = []
    pos = start
    for m in _SEPARATORS[sep].finditer(text, start, end):
        cells.append(_cell(text, pos, m.start()))
        pos = m.end()
    cells.append(_cell(text, pos, end))
    if sep == "pipe":  # "| a | b |": the outer bars open and close the row
        if cells and not cells[0].text:
            cells = cells[1:]
        if cells and not cells[-1].text:
            cells = cells[:-1]
    if sep in ("spaces", "space"):
        cells = [c for c in cells if c.text]
    return cells


def _cell(text: str, start: int, end: int) -> Cell:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Cell(start, end, text[start:end])


# --- the header -----------------------------------------------------------------------------

_YEAR_IN = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:\s*年)?(?!\d)")


# The first column of a table whose rows are administrative units: 县(市), 市(州), 地区, 区县 …
_ADMIN_LABEL = re.compile(
    r"(?:各|所在)?(?:省|市|州|县|区|旗|盟|乡镇|街道|地市|城市|设区市|区县|县区|市县|县市|市区|"
    r"行政区|行政区划|区域|地区|辖区|省份|省区市)(?:\([^()]{1,8}\))?(?:名称|别)?")


def column_role(cell: str) -> tuple[str | None, int | None]:
    """(role, year) of a header cell; role None when it does not read as a header."""
    s = re.sub(r"\s", "", cell)
    if not s:
        return "empty", None
    years = [int(y) for y in _YEAR_IN.findall(s)]
    year = years[-1] if years else None
    if len(s) > 20 or re.search(r"[。;,]", s):
        return None, None
    bare = _YEAR_IN.sub("", re.sub(r"\([^()]*\)", "", s))
    if re.search(r"\d", bare):
        return None, None  # a value, not a header
    if re.fullmatch(r"序号|编号|序|No\.?|NO\.?", s):
        return "seq", None
    if _ADMIN_LABEL.fullmatch(s):
        return "label", None
    if re.search(r"属性|性质", s) or s in {"指标类型", "类型"}:
        return "attr", None
    if re.fullmatch(r"(?:计量|指标)?单位(?:\([^()]*\))?", s):
        return "unit", None
    if re.search(r"责任|牵头|配合|部门|备注|说明|时限|完成时间|依据|来源|措施|评分|分值|权重", s):
        return "other", None
    if re.fullmatch(r"(?:指标)?(?:类别|分类|领域|方面|维度|层级)|一级指标", s):
        return "category", None
    if re.search(r"现状|基准|基期|基数|基础|实际|完成值|完成情况|当前|上年|现值|实现值", s):
        return "base", year
    if "指标" in s and year is None and "值" not in s:
        return "indicator", None
    if re.fullmatch(r"(?:主要)?(?:项目|名称|内容|任务内容|指标项|考核内容)", s):
        return "indicator", None
    if re.search(r"目标|预期|规划|考核值|要求|计划", s):
        return "target", year
    if year is not None and re.fullmatch(r"(?:到|至)?\d{4}年?(?:底|末)?(?:值|数值)?(?:\([^()]*\))?", s):
        return "year", year
    return None, None


def _indicator_rows(cells: list[Cell], plan_year: int | None) -> list[Column] | None:
    """Indicators as rows: 指标 | 单位 | 2020年 | 2025年目标 …; one row per indicator."""
    if len(cells) < 2:
        return None
    columns = []
    for c in cells:
        role, year = column_role(c.text)
        if role is None:
            return None
        columns.append(Column("category" if role == "label" else role, year, c))
    indicators = [c for c in columns if c.role == "indicator"]
    if not indicators:
        return None
    for c in indicators[:-1]:
        c.role = "category"  # 一级指标 | 二级指标: the last names the row
    explicit = [c for c in columns if c.role == "target"]
    yearly = [c for c in columns if c.role == "year"]
    if not explicit and yearly:
        later = [c for c in yearly if plan_year and c.year >= plan_year]
        chosen = later or [max(yearly, key=lambda c: c.year)]
        for c in chosen:
            c.role = "target"
    for c in yearly:
        if c.role == "year":
            c.role = "base"  # the earlier year of "2020年 | 2025年" is the baseline
    if not any(c.role == "target" for c in columns):
        return None
    return columns


# An indicator column header: a short name, no value in it ("新造林", "PM2.5浓度(微克/立方米)").
_INDICATOR_HEADER = re.compile(r"[\u4e00-\u9fffA-Za-z][^。;,:]{0,19}")


def _unit_rows(cells: list[Cell], plan_year: int | None) -> list[Column] | None:
    """Administrative units as rows, indicators as columns: 县(市) | 新造林 | 退化林修复, rows
    甲县 | 1180 | 340. Every indicator column is a target column; its header is the subject.
    Year columns (地区 | 2025年 | 2030年) are targets of the caption's subject for that year."""
    if len(cells) < 2:
        return None
    columns: list[Column] = []
    for c in cells:
        role, year = column_role(c.text)
        if role == "label" and not any(col.role == "label" for col in columns):
            columns.append(Column("label", None, c))
            continue
        if role != "seq" and not any(col.role == "label" for col in columns):
            return None  # the unit label comes first (after 序号)
        if role in ("seq", "other", "attr", "unit", "base", "year", "empty"):
            columns.append(Column(role, year, c))
        elif role in (None, "target", "indicator") and _INDICATOR_HEADER.fullmatch(re.sub(r"\s", "", c.text)) \
                and not re.search(r"\d{3,}(?!年)|^\d", re.sub(r"\s", "", c.text)):
            columns.append(Column("target", year, c, indicator=re.sub(r"\s", "", c.text)))
        else:
            return None
    if sum(col.role == "label" for col in columns) != 1:
        return None
    yearly = [col for col in columns if col.role == "year"]
    for col in yearly:
        later = plan_year is None or col.year >= plan_year
        col.role = "target" if later or col is max(yearly, key=lambda c: c.year) else "base"
    if not any(col.role == "target" for col in columns):
        return None
    return columns


@dataclass(frozen=True)
class Layout:
    """One way a header row lays out a table: how the header is recognised (columns from cells)
    and what names a value cell's subject ("row": the row's indicator cell; "column": the
    column header, the row being an administrative unit)."""

    name: str
    header: Callable[[list[Cell], int | None], list[Column] | None]
    subject: str


# Tried in order; a new layout is one entry here plus a case in tests/cases/targets/table_*.json.
LAYOUTS: tuple[Layout, ...] = (
    Layout("indicator-rows", _indicator_rows, "row"),
    Layout("unit-rows", _unit_rows, "column"),
)


def _header(cells: list[Cell], plan_year: int | None) -> tuple[Layout, list[Column]] | None:
    """The first layout that reads the cells as its header, with the columns; None if none does."""
    for layout in LAYOUTS:
        columns = layout.header(cells, plan_year)
        if columns:
            return layout, columns
    return None


# --- rows -----------------------------------------------------------------------------------

_SEQ = re.compile(r"\(?\d{1,3}[).、.]?|[一二三四五六七八九十]{1,3}、?|[①-⑳]")
_ATTR = re.compile(r"约束性|预期性|指导性|引导性|考核性|约束|预期")
_NO_VALUE = re.compile(r"[—\-/~\s]*|无|不适用|暂无")


def _plausible(row: list[Cell | None], columns: list[Column]) -> bool:
    has_indicator = has_value = False
    for cell, col in zip(row, columns, strict=True):
        if cell is None or not cell.text:
            continue
        s = cell.text
        if col.role == "seq" and not _SEQ.fullmatch(s):
            return False
        if col.role == "label":
            if len(s) > 16 or not re.search(r"[\u4e00-\u9fff]", s) or re.search(r"[。\d]", s):
                return False
            has_indicator = True
        if col.role == "indicator":
            if "。" in s or len(s) > 40 or not re.search(r"[\u4e00-\u9fffA-Za-z]", s) or _ATTR.fullmatch(s):
                return False
            has_indicator = True
        if col.role == "unit" and (len(s) > 12 or re.fullmatch(r"[\d.]+", s)):
            return False
        if col.role in ("target", "base"):
            if len(s) > 24 or "。" in s:
                return False
            has_value = has_value or bool(re.search(r"\d|清零|百分之", s))
        if col.role == "attr" and len(s) > 8:
            return False
    return has_indicator and has_value


def _align(text: str, cells: list[Cell], columns: list[Column]) -> list[Cell | None] | None:
    """Cells laid on the columns: as they come, or, with cells missing, shifted right (a merged
    category cell on the left) or padded on the right (empty trailing cells); with cells to
    spare, the extra ones are taken as part of the indicator ("PM2.5 年均浓度" split at a space)."""
    n, k = len(columns), len(cells)
    options: list[list[Cell | None]]
    if k > n:
        ii = next((i for i, c in enumerate(columns) if c.role in ("indicator", "label")), None)
        if ii is None:
            return None
        last = ii + k - n
        merged = Cell(cells[ii].start, cells[last].end, text[cells[ii].start:cells[last].end])
        options = [cells[:ii] + [merged] + cells[last + 1:]]
    elif k == n:
        options = [list(cells)]
    else:
        options = [[None] * (n - k) + cells, cells + [None] * (n - k)]
    for row in options:
        if _plausible(row, columns):
            return row
    return None


def _is_row_break(line: str) -> bool:
    """A line that ends a table: prose, a heading of the text, a note."""
    s = line.strip()
    return "。" in s or len(s) > 60 or bool(re.match(r"注[:1-9]|备注|说明:|资料来源", s))


def _read_rows(text: str, lines: list[tuple[int, int]], i: int, columns: list[Column], sep: str,
               ) -> tuple[list[list[Cell | None]], int]:
    """Rows after the header line i; returns them and the index of the last line used."""
    rows: list[list[Cell | None]] = []
    last = i
    blanks = 0
    j = i + 1
    while j < len(lines):
        start, end = lines[j]
        line = text[start:end]
        if not line.strip():
            blanks += 1
            if blanks > 1:
                break
            j += 1
            continue
        blanks = 0
        if sep == "pipe" and _RULE_LINE.match(line):
            j += 1
            continue
        cells = _split(text, start, end, sep) if _separator(line) or sep == "space" else []
        if len(cells) < 2:
            # A one-cell line: a category heading inside the table ("大气环境"), else the end.
            if len(line.strip()) <= 12 and not re.search(r"\d|。", line) and j + 1 < len(lines):
                j += 1
                continue
            break
        row = _align(text, cells, columns)
        if row is None and sep == "spaces":
            row = _align(text, _split(text, start, end, "space"), columns)
        if row is None:
            if _is_row_break(line) or _header(cells, None):
                break
            j += 1
            continue
        rows.append(row)
        last = j
        j += 1
    return rows, last


def _cell_per_line(text: str, lines: list[tuple[int, int]], i: int, plan_year: int | None,
                   ) -> tuple[Layout, list[Column], list[list[Cell | None]], int, int] | None:
    """A table written one cell per line, starting at line i: its columns, rows, last line."""
    cells: list[Cell] = []
    j = i
    while j < len(lines) and len(cells) < 10:
        c = _cell(text, *lines[j])
        if c.text:
            role, _ = column_role(c.text)
            if role in (None, "empty") or _separator(text[lines[j][0]:lines[j][1]]):
                break
            cells.append(c)
        j += 1
    if len(cells) < 3:
        return None
    found = _header(cells, plan_year)
    if found is None:
        return None
    layout, columns = found
    header_end = j - 1
    while not text[lines[header_end][0]:lines[header_end][1]].strip():
        header_end -= 1
    pending: list[tuple[Cell, int]] = []
    rows: list[list[Cell | None]] = []
    last = header_end
    k = header_end + 1
    while k < len(lines):
        c = _cell(text, *lines[k])
        k += 1
        if not c.text:
            continue
        if _is_row_break(c.text):
            break
        pending.append((c, k - 1))
        if len(pending) == len(columns):
            row: list[Cell | None] = [p[0] for p in pending]
            if not _plausible(row, columns):
                break
            rows.append(row)
            last = pending[-1][1]
            pending = []
    if not rows:
        return None
    return layout, columns, rows, header_end, last


def find_tables(text: str, plan_year: int | None = None) -> list[Table]:
    """Every table with a recognisable header and at least one row, in order."""
    lines = _lines(text)
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        start, end = lines[i]
        line = text[start:end]
        sep = _separator(line)
        found = None
        if sep:
            head = _header(_split(text, start, end, sep), plan_year)
            if head:
                rows, last = _read_rows(text, lines, i, head[1], sep)
                if rows:
                    found = (head[0], head[1], rows, i, last)
        elif line.strip() and not re.search(r"[。,;]", line):
            single = _split(text, start, end, "space")
            if len(single) >= 3:
                head = _header(single, plan_year)
                if head:
                    rows, last = _read_rows(text, lines, i, head[1], "space")
                    if rows:
                        found = (head[0], head[1], rows, i, last)
            if found is None:
                per_line = _cell_per_line(text, lines, i, plan_year)
                if per_line:
                    layout, columns, rows, _, last = per_line
                    found = (layout, columns, rows, i, last)
        if found:
            layout, columns, rows, first, last = found
            table = Table(lines[first][0], lines[last][1], columns, rows, layout=layout.name)
            table.unit, table.year = _caption(text, lines, first, columns)
            tables.append(table)
            i = last + 1
        else:
            i += 1
    return tables


_TABLE_UNIT = re.compile(r"单位\s*[:]\s*([^\s(),;:|]{1,12})")


def _caption(text: str, lines: list[tuple[int, int]], first: int, columns: list[Column]) -> tuple[str, int | None]:
    """Unit ("单位: %") and year ("2024年主要目标任务表") of the lines just above a table."""
    unit, year = "", None
    for col in columns:
        m = _TABLE_UNIT.search(col.header.text)
        if m and col.role in ("indicator", "other", "category", "seq"):
            unit = m.group(1)
    seen = 0
    for j in range(first - 1, max(-1, first - 8), -1):
        s = text[lines[j][0]:lines[j][1]].strip()
        if not s:
            continue
        if "。" in s or len(s) > 50:
            break
        seen += 1
        m = _TABLE_UNIT.search(s)
        if m and not unit:
            unit = m.group(1)
        if year is None:
            year = year_in(s, 0, len(s))
        if seen >= 3:
            break
    if year is None:
        year = heading_year(text, lines[first][0])
    return unit, year


# --- values ---------------------------------------------------------------------------------

_BRACKET_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_CELL_BASE = re.compile(r"(?:比|较|相比|与)\s*((?:19|20)\d\d)\s*年(?:底|末)?(?:相比)?|(?:比|较)(?:上年|上一年|去年)")
_CELL_NUMBER = re.compile(r"(?<![\d.])[-−]?\d+(?:\.\d+)?(?!\s*年)(?![\d.])")
_CELL_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)")
_SIGN_CHARS = "".join(SIGNS)


@dataclass
class _Value:
    value: str
    unit: str
    end: int  # view offset after the value, unit and directional word
    comparator_reading: Reading
    base_year: int | None
    approximate: bool
    aspirational: bool
    zero: bool = False  # 清零


def read_value_cell(text: str, cell: Cell) -> _Value | None:
    """The one value of a target cell, with its sign, verb, unit and suffix; None otherwise."""
    s = cell.text
    if not s or _NO_VALUE.fullmatch(s):
        return None
    zero = re.fullmatch(r"(?:基本|全面|动态|实现)?清零", s)
    if zero:
        r = Reading(cell.start, cell.end, "0", "", cell.end, "", cell.end, cell.start, cell.start)
        return _Value("0", "", cell.end, r, None, False, False, zero=True)
    note = _BRACKET_NOTE.search(s)
    if note and not units.unit_entry(fold(note.group().strip()[1:-1])):
        s = s[:note.start()]
    base = _CELL_BASE.search(s)
    base_year = int(base.group(1)) if base and base.group(1) else None
    scan = s[:base.start()] + " " * (base.end() - base.start()) + s[base.end():] if base else s
    numbers = list(_CELL_NUMBER.finditer(scan))
    percents = list(_CELL_PERCENT.finditer(scan))
    if len(numbers) + len(percents) != 1:
        return None  # no value, a range ("30—35") or several values
    if numbers:
        m = numbers[0]
        value = m.group().replace("−", "-")
        num_start, num_end = m.start(), m.end()
        unit = ""
    else:
        m = percents[0]
        value = chinese_decimal(m.group(1))
        if value is None:
            return None
        num_start, num_end = m.start(), m.end()
        unit = "%"
    if re.search(r"\d\s*[—~\-−至]\s*$", scan[:num_start]) or re.match(r"\s*[—~\-−至]\s*\d", scan[num_end:]):
        return None
    pre = scan[:num_start]
    sign = ""
    stripped = pre.rstrip()
    if stripped and stripped[-1] in _SIGN_CHARS:
        sign = SIGNS[stripped[-1]]
        stripped = stripped[:-1].rstrip()
    approximate = bool(re.search(r"约$|近$", stripped))
    stripped = re.sub(r"(?:约|近)$", "", stripped).rstrip()
    verb_m = re.search(rf"({VERB_ALT})$", stripped) if stripped else None
    verb = verb_m.group(1) if verb_m else ""
    rest = stripped[:verb_m.start()] if verb_m else stripped
    aspirational = "力争" in rest or "力争" in verb
    rest = re.sub(r"力争|确保|争取|全年|年均|分别|累计|[\s:]", "", rest)
    if rest:
        return None  # words that are not a sign or verb: not a plain value cell
    pos = num_end
    while pos < len(scan) and scan[pos] == " ":
        pos += 1
    if not unit:
        unit = read_unit(scan, pos)
        pos += len(unit)
    bracket = re.match(r"\([^()\d]{1,8}\)", scan[pos:])
    after = pos + (bracket.end() if bracket and unit else 0)
    suffix_m = SUFFIX_RE.match(scan, after)
    suffix = suffix_m.group() if suffix_m else ""
    end = suffix_m.end() if suffix_m else pos
    if scan.startswith("左右", end):
        approximate = True
        end += 2
    if scan[end:].strip():
        return None
    if not unit and pos > num_end and scan[num_end:pos].strip():
        return None
    r = Reading(cell.start + num_start, cell.start + num_end, value, unit, cell.start + pos, suffix,
                   cell.start + end, cell.start, cell.start, sign=sign, verb=verb, direct_verb=bool(verb))
    return _Value(value, unit, cell.start + end, r, base_year, approximate, aspirational)


_TOTAL_ROW = re.compile(r"合计|总计|小计|共计|总数")
_WHOLE_REGION = re.compile(r"全(?:省|市|州|盟|县|区|旗)")


def _sums_rows(text: str, table: Table, row: list[Cell | None], col_i: int, v: _Value) -> bool:
    """Whether v is the sum of the other rows' values in its column."""
    total = Decimal(0)
    n = 0
    for other in table.rows:
        cell = other[col_i]
        if other is row or cell is None:
            continue
        w = read_value_cell(text, cell)
        if w is not None:
            total += Decimal(w.value)
            n += 1
    return n >= 2 and abs(total - Decimal(v.value)) <= Decimal("0.01") * max(abs(total), 1)
_UNIT_BRACKET = re.compile(r"\s*\((?:单位\s*:\s*)?([^()]{1,12})\)\s*$")
_LEADING_NUMBER = re.compile(r"^(?:\(?\d{1,2}[).、]|\d{1,2}\.(?!\d)|[①-⑳]|\([一二三四五六七八九十]{1,3}\))\s*")


def _bracket_unit(text: str) -> str:
    """A unit in brackets at the end of a header or indicator cell: "PM2.5浓度(微克/立方米)"."""
    m = _UNIT_BRACKET.search(text)
    if not m:
        return ""
    inner = m.group(1).strip()
    return inner if inner in units.unit_texts() or units.unit_entry(inner) else ""


def _change_indicator(indicator: str) -> bool:
    return bool(re.search(r"(?:下降|降低|减少|削减|提高|提升|增长)(?:率|幅度)?$", indicator))


def table_targets(text: str, tables: list[Table], ctx: Context) -> list[Target]:
    out: list[Target] = []
    for table in tables:
        heading = heading_line(text, table.start)
        if heading and PAST_HEADING.search(heading) and not re.search(r"目标|任务", heading):
            continue  # "2023年工作完成情况": a review, not commitments
        by_column = table.layout == "unit-rows"
        ind_i = table.index("label" if by_column else "indicator")
        unit_i = table.index("unit")
        for row in table.rows:
            ind_cell = row[ind_i]
            if ind_cell is None or not ind_cell.text:
                continue
            if _TOTAL_ROW.fullmatch(re.sub(r"\s", "", ind_cell.text)):
                continue  # 合计 / 总计: the sum of the rows above, not a commitment of its own
            row_label = ind_cell.text
            lead = _LEADING_NUMBER.match(ind_cell.text)
            ind_start = ind_cell.start + (lead.end() if lead else 0)
            ind_raw = text[ind_start:ind_cell.end]
            ind_unit = _bracket_unit(ind_raw)
            indicator = _UNIT_BRACKET.sub("", ind_raw).strip() if ind_unit else ind_raw.strip()
            if not indicator:
                continue
            for col_i in table.target_columns:
                if by_column:  # the subject is the column's; the row names the unit
                    ind_raw = table.columns[col_i].indicator or table.columns[col_i].header.text
                    ind_unit = _bracket_unit(ind_raw)
                    indicator = _UNIT_BRACKET.sub("", ind_raw).strip() if ind_unit else ind_raw.strip()
                    if table.columns[col_i].role == "target" and re.fullmatch(r"(?:到|至)?\d{4}年?.*", indicator):
                        indicator = row_label  # 地区 | 2025年: the caption names the subject
                indicator_key = link_indicator(indicator)
                direction = indicator_direction(indicator_key, indicator)
                col_year = table.columns[col_i].year
                if col_year and ctx.plan_year and col_year < ctx.plan_year:
                    continue  # "2023年目标" in a 2024 plan: last year's goal, reported
                cell = row[col_i]
                if cell is None:
                    continue
                v = read_value_cell(text, cell)
                if v is None:
                    continue
                if by_column and _WHOLE_REGION.fullmatch(row_label) and _sums_rows(text, table, row, col_i, v):
                    continue  # 全市 | 735: only the sum of the units above
                unit = v.unit
                if not unit and not v.zero and unit_i is not None and row[unit_i] is not None:
                    u = row[unit_i].text
                    unit = "" if _NO_VALUE.fullmatch(u) else u
                if not v.zero:  # 清零 has no unit
                    unit = unit or ind_unit or _bracket_unit(table.columns[col_i].header.text) or table.unit
                r = v.comparator_reading
                r.unit = unit
                comparator = comparator_for(r, direction)
                kind = "level"
                if units.is_count_unit(unit):
                    kind = "count"
                elif r.verb in CHANGE_VERBS or v.base_year or _change_indicator(indicator):
                    kind = "change"
                elif unit and not unit.endswith("%") and TASK_VERB_RE.match(indicator):
                    kind = "count"  # 新建污水管网 | 公里 | 50: an amount of work to do
                year = table.columns[col_i].year or table.year or ctx.plan_year
                qudt, factor = units.unit_for(unit)
                start = min(ind_start, cell.start)
                t = Target(
                    span=Span(start, max(v.end, ind_cell.end)),
                    indicator_text=indicator, value=v.value, unit_text=unit, comparator=comparator,
                    year=year, kind=kind, base_year=v.base_year, approximate=v.approximate,
                    aspirational=v.aspirational, indicator=indicator_key,
                    unit=qudt if factor == 1 else None,
                )
                if factor != 1 and qudt:
                    t.normalized_value = format((Decimal(v.value) * factor).normalize(), "f")
                    t.normalized_unit = qudt
                if ctx.doc_kind == "report" and not (col_year and ctx.plan_year and col_year > ctx.plan_year):
                    t.status = "reported"  # a report's table states what was achieved
                out.append(t)
    return out
