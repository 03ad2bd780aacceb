"""Pages as people save them: Markdown captures, HTML pages, reposted notices and reports."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from envkg.build import build_corpus, extract_document
from envkg.clean import body_view
from envkg.corpus import read_document
from envkg.link import complete_metadata
from envkg.namespaces import doc_iri, doc_key
from envkg.validate import validate
from tests.conftest import ROOT, SOURCES

PAGES = ROOT / "tests" / "cases" / "pages"
SHARED = ROOT.parent / "shared"


def test_markdown_capture_metadata_from_the_page_not_the_collector():
    doc = read_document(PAGES / "markdown_capture.md")
    assert doc.form == "markdown"
    meta = complete_metadata(doc)
    # The page's own notice and header fields win over the collector's front matter.
    assert meta.title == "南京市噪声污染防治行动方案"
    assert meta.issuer == "南京市人民政府"
    assert meta.region == "南京市"
    assert meta.plan_year == 2031
    assert meta.number == "宁府〔2031〕7号"


def test_markdown_furniture_never_reaches_the_view():
    doc = read_document(PAGES / "markdown_capture.md")
    doc.meta = complete_metadata(doc)
    text = body_view(doc).text
    for furniture in ("水利部", "自然资源部", "首页", "采集于", "recordcode", "88231", "confidence", "dayin"):
        assert furniture not in text, furniture
    assert "建成宁静小区20个" in text  # emphasis marks left out, words kept
    assert "详见市生态环境局网站。" in text  # a link's text in prose is text


def test_markdown_capture_extraction_roles_and_no_footer_agencies():
    r = extract_document(read_document(PAGES / "markdown_capture.md"))
    assert {(t.value, t.unit_text, t.comparator, t.year) for t in r.targets} == {
        ("92", "%", ">=", 2033), ("20", "个", "=", 2033), ("12", "条", "=", 2031)}
    agencies = {m.label: m.role for m in r.mentions if m.kind == "agency"}
    assert "中华人民共和国水利部" not in agencies and not any("水利部" in a for a in agencies)
    assert agencies["南京市公安局"] == "responsible"


def test_report_figures_are_reported_values_not_targets():
    r = extract_document(read_document(PAGES / "report_page.txt"))
    assert r.doc.meta.kind == "report"
    assert {(t.value, t.unit_text) for t in r.targets} == {("27", "微克/立方米"), ("500", "公里")}
    assert {(t.value, t.unit_text) for t in r.reported} >= {("45", "项"), ("29", "微克/立方米"), ("38", "座")}


def _facts(result):
    raw = result.doc.raw
    targets = sorted((t.value, t.unit_text, t.comparator, raw[t.span.start:t.span.end]) for t in result.targets)
    mentions = sorted((m.kind, m.key, raw[m.span.start:m.span.end]) for m in result.mentions)
    return targets, mentions


def _as_html(text: str) -> str:
    body = "\n".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>门户网站</title>"
            "<style>p{margin:0}</style><script>var v='2024年PM2.5浓度30微克/立方米';</script></head><body>"
            "<nav><a href=\"/\">首页</a> <a href=\"/a\">水利部</a> <a href=\"/b\">自然资源部</a></nav>"
            f"<div class=\"article\">\n{body}\n</div>"
            "<footer><a href=\"https://www.mee.gov.cn\">生态环境部</a> <a href=\"x\">交通运输部</a>"
            "<p>ICP备12345678号</p></footer></body></html>")


def _as_markdown(text: str) -> str:
    return ("---\ntitle: 门户网站转载\nissuer:\n- 某网站\n---\n"
            "1. [首页](https://www.example.gov.cn/ \"首页\")\n2. [政务公开](https://www.example.gov.cn/zwgk/)\n\n"
            + text +
            "\n\n- [生态环境部](https://www.mee.gov.cn/)\n- [水利部](http://www.mwr.gov.cn/)\n\n"
            "[交通运输部](https://www.mot.gov.cn/) [自然资源部](https://www.mnr.gov.cn/)\n\n---\n\n"
            "_采集于 2026-01-01T00:00:00_\n")


@pytest.mark.parametrize("form", ["html", "markdown"])
def test_a_seed_saved_as_a_page_gives_the_same_facts(tmp_path, form):
    source = SOURCES / "001_87a84a70e823dd24.txt"
    text = source.read_text(encoding="utf-8")
    plain = extract_document(read_document(source))
    saved = tmp_path / ("001.html" if form == "html" else "001.txt")
    saved.write_text(_as_html(text) if form == "html" else _as_markdown(text), encoding="utf-8")
    doc = read_document(saved)
    assert doc.form == form
    doc.meta = plain.doc.meta  # same metadata row as the plain text
    page = extract_document(doc)
    assert _facts(page) == _facts(plain)
    assert plain.targets and plain.mentions


def test_chinese_file_names_give_ascii_document_iris(tmp_path):
    stem = "全国 2023年 工作要点#1"
    key = doc_key(stem)
    assert key.isascii() and " " not in key and "#" not in key
    assert doc_key(stem) == key and doc_key("全国 2023年 工作要点#2") != key
    assert str(doc_iri(stem)).isascii()
    assert doc_key("000_efe0e8abda1b3d2c") == "000_efe0e8abda1b3d2c"


def _metadata_agreement(sources: Path, gold: Path) -> tuple[int, int, list[str]]:
    same = total = 0
    misses = []
    for gold_path in sorted(gold.glob("*.jsonl")):
        meta = next(json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines() if '"meta"' in x)
        got = complete_metadata(read_document(next(sources.glob(gold_path.stem + ".*"))))
        for field in ("title", "issuer", "region", "plan_year"):
            total += 1
            norm = [("".join(unicodedata.normalize("NFKC", str(v or "")).split())) for v in
                    (getattr(got, field), meta.get(field))]
            if norm[0] == norm[1]:
                same += 1
            else:
                misses.append(f"{gold_path.stem} {field}")
    return same, total, misses


@pytest.mark.parametrize("sources,gold", [("seeds", "gold"), ("gold2/docs", "gold2")])
def test_metadata_detected_without_metadata_csv_matches_gold(sources, gold):
    if not (SHARED / gold).is_dir():
        pytest.skip(f"../shared/{gold} is not here")
    same, total, misses = _metadata_agreement(SHARED / sources, SHARED / gold)
    assert same >= 0.9 * total, misses


def _copy(files, folder: Path) -> Path:
    folder.mkdir()
    for f in files:
        (folder / f.name).write_bytes(f.read_bytes())
    return folder


@pytest.mark.parametrize("corpus", ["seeds-without-metadata", "page-cases", "gold2"])
def test_every_build_validates(tmp_path, corpus):
    if corpus == "seeds-without-metadata":
        sources = _copy(sorted(SOURCES.glob("*.txt")), tmp_path / "src")
    elif corpus == "page-cases":
        sources = _copy(sorted(p for p in PAGES.iterdir() if p.suffix in (".txt", ".md", ".html")), tmp_path / "src")
    else:
        if not (SHARED / "gold2" / "docs").is_dir():
            pytest.skip("../shared/gold2 is not here")
        sources = SHARED / "gold2" / "docs"
    build_corpus(sources, tmp_path / "out")
    report = validate(tmp_path / "out" / "envkg.trig")
    assert not report.violations, [(r.focus, r.message) for r in report.violations][:5]
