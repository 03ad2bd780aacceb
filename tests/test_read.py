"""Read stage: decoding, raw text kept verbatim, metadata rows, bad input."""

from __future__ import annotations

import hashlib

import pytest

from envkg.corpus import decode, read_corpus, read_document, read_metadata
from envkg.errors import InputError

from .conftest import SOURCES


def test_utf8_bom_and_gb18030_give_the_same_text(tmp_path):
    text = "2024年廣州市生态环境工作要点\r\nPM2.5年均浓度控制在35微克/立方米以下。\r\n"
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(text.encode("gb18030"))
    a, b = read_document(tmp_path / "a.txt"), read_document(tmp_path / "b.txt")
    assert a.raw == b.raw == text  # no newline translation, BOM dropped, Traditional kept
    assert (a.encoding, b.encoding) == ("utf-8-sig", "gb18030")
    assert b.sha256 == hashlib.sha256(text.encode("gb18030")).hexdigest()


@pytest.mark.parametrize(
    "data, message",
    [(b"", "empty file"), (b"  \n ", "empty file"), (b"\x00\x01\x02abc" * 10, "binary file")],
)
def test_bad_files_are_refused_with_their_name(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=rf"bad\.txt: {message}"):
        read_document(path)


def test_undecodable_bytes_are_refused():
    with pytest.raises(InputError, match="cannot decode"):
        decode(bytes(range(0x80, 0x100)) * 4, "x.txt")


def test_seed_metadata_rows():
    meta = read_metadata(SOURCES)
    assert len(meta) == 5
    guangzhou = meta["000_efe0e8abda1b3d2c.txt"]
    assert guangzhou.title == "2024年广州市生态环境工作要点"
    assert guangzhou.plan_year == 2024 and guangzhou.published.isoformat() == "2024-05-11"
    assert meta["002_1525b2c634cd8c3f.txt"].published is None  # blank cell: unknown, not invented


@pytest.mark.parametrize(
    "row, message",
    [
        ("a.txt,T,I,2024-13-01,广州市,2024,work-plan,", "published '2024-13-01' is not a date"),
        ("a.txt,T,I,2024-01-01,广州市,24,work-plan,", "plan_year '24' is not a year"),
        ("a.txt,T,I,2024-01-01,广州市,2024,poem,", "kind 'poem' is not one of"),
    ],
)
def test_malformed_metadata_names_file_line_and_value(tmp_path, row, message):
    (tmp_path / "a.txt").write_text("正文。", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "file,title,issuer,published,region,plan_year,kind,url\n" + row + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"metadata\.csv:2: " + message):
        read_corpus(tmp_path)


def test_metadata_row_without_file_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text("正文。", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,title\nmissing.txt,T\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing.txt"):
        read_corpus(tmp_path)


def test_folder_without_documents(tmp_path):
    with pytest.raises(InputError, match="no source documents"):
        read_corpus(tmp_path)


def test_gb18030_crlf_page_is_read_verbatim():
    from pathlib import Path

    path = Path(__file__).parent / "cases" / "pages" / "pdf_text_gb18030.txt"
    doc = read_document(path)
    data = path.read_bytes()
    assert doc.encoding == "gb18030" and doc.raw == data.decode("gb18030")
    assert doc.raw.count("\r\n") == data.count(b"\r\n") > 10  # no newline translation
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
