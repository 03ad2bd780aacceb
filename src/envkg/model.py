"""Plain-Python objects passed between the pipeline stages (no rdflib here).

Offsets: every ``Span`` stored on a finished object is in *raw* coordinates, i.e. code
points of ``Document.raw`` (the file's bytes decoded, nothing translated).  Extractors
work on a ``TextView`` (cleaned, width- and script-folded text) and return spans in
*view* coordinates; ``TextView.to_raw`` maps them back (the pipeline does this once).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int  # exclusive

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span {self.start},{self.end}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass
class Metadata:
    """What is known about a document: from metadata.csv, else detected from the text."""

    title: str | None = None
    issuer: str | None = None
    published: _dt.date | None = None
    region: str | None = None  # region name as written in metadata, e.g. 广州市
    plan_year: int | None = None
    kind: str | None = None  # work-plan | rectification-plan | action-plan | report | opinion
    url: str | None = None
    number: str | None = None  # the document number (文号), e.g. 苏府〔2024〕34号


@dataclass
class Document:
    stem: str  # file stem: the document id used in IRIs
    path: Path
    raw: str
    sha256: str
    encoding: str
    meta: Metadata = field(default_factory=Metadata)
    form: str = "text"  # text | markdown | html (pages.detect_form: by content, not by suffix)
    page_meta: Metadata = field(default_factory=Metadata)  # what the page itself declares (front matter)

    @property
    def file_name(self) -> str:
        return self.path.name


@dataclass
class Context:
    """Document-level facts extractors may use to resolve short forms."""

    stem: str
    plan_year: int | None = None
    region_code: str | None = None  # GB/T 2260 code of the document's own region
    region_name: str | None = None
    doc_kind: str | None = None  # Metadata.kind: "report" means figures are achieved unless ahead
    issuer: str | None = None  # the issuing body as named (for relative references: 本委, 委办公室)


@dataclass
class Section:
    path: tuple[int, ...]  # (3,) a part 三、; (3, 4) its section (四); (3, 4, 2) an item 2.
    ordinal: str  # as written: "三、", "(四)", "2."
    heading: str  # heading text as written (view text)
    span: Span  # the whole section, raw coordinates
    heading_span: Span  # the heading line, raw coordinates

    @property
    def level(self) -> int:
        return len(self.path)

    @property
    def key(self) -> str:
        return "-".join(str(p) for p in self.path)


@dataclass
class Measure:
    section_path: tuple[int, ...]  # () when outside any section
    index: int  # 1-based position within its section
    span: Span  # raw coordinates
    text: str  # raw[span], kept for convenience
    themes: list[str] = field(default_factory=list)  # theme concept keys

    @property
    def key(self) -> str:
        base = "-".join(str(p) for p in self.section_path) or "0"
        return f"{base}.{self.index}"


@dataclass
class Target:
    span: Span
    indicator_text: str  # subject as written (view text)
    value: str  # the number as written, ASCII digits ("36.8", "-25", "0")
    unit_text: str  # as written, multipliers included ("万吨/日"); "" when none
    comparator: str  # "<=", ">=", "=", "<", ">"
    year: int | None = None
    kind: str = "level"  # level | change | count
    base_year: int | None = None
    approximate: bool = False  # 左右, 约
    aspirational: bool = False  # 力争
    indicator: str | None = None  # indicator concept key ("pm25-annual-mean"), None if unmatched
    unit: str | None = None  # QUDT unit local name ("MicroGM-PER-M3"), None if no exact fit
    normalized_value: str | None = None  # when a 万/亿 multiplier was scaled out
    normalized_unit: str | None = None
    # "target": a commitment; "reported": an achieved or current figure (a report, a review
    # section, 已完成/累计/截至…), minted as envkg:ReportedValue and never as a Target.
    status: str = "target"


@dataclass
class Mention:
    """A name found in the text: a programme, region, water body, agency or referenced title."""

    kind: str  # programme | region | waterbody | agency | reference | candidate
    span: Span
    surface: str  # the text at the span (view text)
    key: str  # concept key: "programme/zero-waste-city", "region/440115", "ref/<title>"
    label: str  # canonical zh name (full region name, programme pref label, title)
    matched: bool = True  # False: found by pattern only, not in a vocabulary
    # agencies: "responsible" when the body carries out the measure (责任单位, 牵头, 由…负责,
    # "X要…"); None when it is only named (the issuer of a cited document, 在…领导下).
    role: str | None = None


@dataclass
class Segmentation:
    sections: list[Section]
    measures: list[Measure]


@dataclass
class DocumentResult:
    """Everything extracted from one document, in raw coordinates, ready to mint."""

    doc: Document
    ctx: Context
    body: list[Span]  # raw ranges kept as document text (boilerplate dropped)
    sections: list[Section]
    measures: list[Measure]
    targets: list[Target]
    mentions: list[Mention]
    reported: list[Target] = field(default_factory=list)  # status "reported": envkg:ReportedValue
