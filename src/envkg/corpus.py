"""Read stage: source files and their metadata into ``Document`` objects.

The raw text is the file's bytes decoded as UTF-8 (with or without BOM), else GB18030,
with no newline translation: every offset in the graph is a code point of this string.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from pathlib import Path

from envkg import pages
from envkg.errors import InputError
from envkg.model import Document, Metadata

METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ("file", "title", "issuer", "published", "region", "plan_year", "kind", "url")
DOC_KINDS = ("work-plan", "rectification-plan", "action-plan", "report", "opinion")
MAX_BYTES = 20 * 1024 * 1024  # a policy document is a few hundred KB; larger is not one
SOURCE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def decode(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes as utf-8-sig, else gb18030 (or the charset an HTML page declares first);
    refuse binary or empty input."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary file (NUL bytes), not a text document")
    encodings = ["utf-8-sig", "gb18030"]
    if declared in ("gbk", "gb2312", "gb18030", "big5"):
        encodings = ["gb18030" if declared != "big5" else "big5", "utf-8-sig"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # GB18030 decodes almost any byte string; demand that it reads as text.
        if encoding == "gb18030" and not _looks_like_text(text):
            continue
        return text, encoding
    raise InputError(f"{name}: cannot decode as UTF-8 or GB18030")


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t")
    return controls <= len(text) // 100


def read_document(path: Path, meta: Metadata | None = None) -> Document:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if size > MAX_BYTES:
        raise InputError(f"{path}: {size} bytes is too large for one document (limit {MAX_BYTES})")
    data = path.read_bytes()
    declared = pages.declared_charset(data) if path.suffix.lower() in (".html", ".htm") else None
    raw, encoding = decode(data, str(path), declared)
    form = pages.detect_form(raw, path.suffix)
    return Document(
        stem=path.stem,
        path=path,
        raw=raw,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        meta=meta or Metadata(),
        form=form,
        page_meta=page_metadata(raw) if form == pages.MARKDOWN else Metadata(),
    )


def page_metadata(raw: str) -> Metadata:
    """What a capture's front matter declares: title, issuer, date, document number, region
    (the collector's; the text itself may say better, see link.complete_metadata)."""
    fm = pages.front_matter(raw)
    if not fm.fields:
        return Metadata()
    region, code = fm.region()
    year = fm.text("plan_year", "year")
    return Metadata(
        title=fm.text("title"),
        issuer=fm.text("issuer", "publisher", "发文机构", "author"),
        published=fm.date("date", "published", "publish_date", "发布日期"),
        region=region if code != "000000" else None,
        plan_year=int(year) if year and re.fullmatch(r"(19|20)\d\d", year) else None,
        number=fm.text("official_number", "document_number", "文号", "number"),
        url=(fm.fields.get("provenance") or {}).get("url") if isinstance(fm.fields.get("provenance"), dict)
        else fm.text("url", "source"),
    )


def read_metadata(folder: Path) -> dict[str, Metadata]:
    """``metadata.csv`` of a sources folder, by file name; {} when there is none."""
    path = Path(folder) / METADATA_FILE
    if not path.exists():
        return {}
    text, _ = decode(path.read_bytes(), str(path))
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("file",) if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"{path}: missing column {missing[0]!r} (columns: {', '.join(METADATA_COLUMNS)})")
    out: dict[str, Metadata] = {}
    for line_no, row in enumerate(reader, start=2):
        name = (row.get("file") or "").strip()
        if not name:
            raise InputError(f"{path}:{line_no}: empty 'file' value")
        out[name] = _metadata_row(row, f"{path}:{line_no}")
    return out


def _metadata_row(row: dict[str, str], where: str) -> Metadata:
    def cell(key: str) -> str | None:
        value = (row.get(key) or "").strip()
        return value or None

    published = cell("published")
    if published is not None:
        try:
            published_date = dt.date.fromisoformat(published)
        except ValueError:
            raise InputError(f"{where}: published {published!r} is not a date YYYY-MM-DD") from None
    else:
        published_date = None
    plan_year = cell("plan_year")
    if plan_year is not None and not re.fullmatch(r"(19|20)\d\d", plan_year):
        raise InputError(f"{where}: plan_year {plan_year!r} is not a year")
    kind = cell("kind")
    if kind is not None and kind not in DOC_KINDS:
        raise InputError(f"{where}: kind {kind!r} is not one of {', '.join(DOC_KINDS)}")
    return Metadata(
        title=cell("title"),
        issuer=cell("issuer"),
        published=published_date,
        region=cell("region"),
        plan_year=int(plan_year) if plan_year else None,
        kind=kind,
        url=cell("url"),
    )


def source_files(folder: Path) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder of source documents")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
    if not files:
        raise InputError(f"{folder}: no source documents (*.txt, *.md, *.html)")
    return files


def read_corpus(folder: Path) -> list[Document]:
    """Every document of a sources folder, with its metadata row where there is one."""
    metadata = read_metadata(folder)
    files = source_files(folder)
    known = {p.name for p in files}
    for name in metadata:
        if name not in known:
            raise InputError(f"{Path(folder) / METADATA_FILE}: row for {name!r}, but no such source file")
    return [read_document(p, metadata.get(p.name)) for p in files]
