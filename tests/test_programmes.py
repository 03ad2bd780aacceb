"""Programmes: the curated vocabulary and the extractor (vocabulary labels, productive
patterns, quoted-name candidates)."""

from __future__ import annotations

import json
import pathlib
from collections import Counter, defaultdict

import pyoxigraph as ox
import pytest

from envkg import resources
from envkg.extract.programmes import extract_programmes
from envkg.model import Context
from envkg.namespaces import short_hash
from envkg.textnorm import TextView, fold
from envkg.vocab import load

CASES = sorted((pathlib.Path(__file__).parent / "cases" / "programmes").glob("*.json"))
SKOS = "http://www.w3.org/2004/02/skos/core#"
ID = "https://w3id.org/envkg/id/"


def _view(text: str) -> TextView:
    return TextView(text, list(range(len(text))))


def _extract(text: str):
    return extract_programmes(_view(text), Context(stem="test"))


# --- vocabulary -------------------------------------------------------------------------


def _triples():
    return list(ox.parse(resources.vocab_text("programmes.ttl").encode("utf-8"), format=ox.RdfFormat.TURTLE))


def test_every_concept_has_one_zh_and_one_en_pref_label_and_a_definition():
    pref: dict[str, Counter] = defaultdict(Counter)
    definitions: dict[str, list[str]] = defaultdict(list)
    concepts = set()
    for t in _triples():
        s, p, o = t.subject.value, t.predicate.value, t.object
        if p == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" and o.value.endswith("#Programme"):
            concepts.add(s)
        elif p == SKOS + "prefLabel":
            pref[s][o.language] += 1
        elif p == SKOS + "definition":
            assert o.language == "en", s
            definitions[s].append(o.value)
    assert len(concepts) >= 200
    for s in concepts:
        assert s.startswith(ID + "programme/") and s.isascii(), s
        assert pref[s] == Counter({"zh": 1, "en": 1}), (s, pref[s])
        assert len(definitions[s]) == 1 and definitions[s][0].strip(), s


def test_no_two_concepts_share_a_label():
    owner: dict[str, str] = {}
    for t in _triples():
        if t.predicate.value in (SKOS + "prefLabel", SKOS + "altLabel") and t.object.language == "zh":
            label = fold(t.object.value)
            assert owner.setdefault(label, t.subject.value) == t.subject.value, (label, owner[label], t.subject.value)


def test_alt_labels_are_chinese_and_broader_concepts_exist():
    concepts = load("programmes.ttl")
    for key, c in concepts.items():
        if key.startswith("programme/"):
            assert "Programme" in c.types and "Concept" in c.types
            assert c.en and c.en.isascii(), key
            assert not c.alt.get("en"), key
            for b in c.broader:
                assert b in concepts, (key, b)


def test_scheme_is_declared_with_labels_and_source():
    preds = {t.predicate.value for t in _triples() if t.subject.value == ID + "scheme/programmes"}
    assert SKOS + "prefLabel" in preds
    assert "http://purl.org/dc/terms/source" in preds


# --- extractor cases --------------------------------------------------------------------


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path):
    case = json.loads(path.read_text(encoding="utf-8"))
    text = fold(case["text"]) if case.get("fold") else case["text"]
    mentions = _extract(text)
    programmes = [m for m in mentions if m.kind == "programme"]
    candidates = [m for m in mentions if m.kind == "candidate"]
    keys = {m.key for m in programmes}
    labels = {m.label for m in programmes}
    for key in case.get("expect", []):
        assert key in keys, (key, sorted(keys))
    for key in case.get("absent", []):
        assert key not in keys, key
    for label in case.get("expect_labels", []):
        assert label in labels, (label, sorted(labels))
    for label in case.get("absent_labels", []):
        assert label not in labels and label not in {m.label for m in candidates}, label
    for surface in case.get("surfaces", []):
        assert surface in {m.surface for m in programmes}, (surface, [m.surface for m in programmes])
    if case.get("no_programmes"):
        assert not programmes, [(m.surface, m.key) for m in programmes]
    if case.get("no_candidates"):
        assert not candidates, [m.surface for m in candidates]
    if "candidates" in case:
        assert sorted(m.label for m in candidates) == sorted(case["candidates"])
    if "distinct_keys" in case:
        assert len(keys) == case["distinct_keys"], sorted(keys)


# --- behaviour --------------------------------------------------------------------------


def test_spans_are_tight_and_in_view_coordinates():
    text = "组织开展“南阳实践”环境应急演练,持续开展“绿盾”自然保护地强化监督。"
    for m in _extract(text):
        assert text[m.span.start : m.span.end] == m.surface
        assert "“" not in m.surface and "”" not in m.surface
    assert {m.surface for m in _extract(text)} >= {"南阳实践", "绿盾"}


def test_spans_map_through_an_offset_view():
    raw = "前言\n\n持续深入打好蓝天保卫战。"
    view = TextView(raw[4:], list(range(4, len(raw))))
    (m,) = [m for m in extract_programmes(view, Context(stem="t")) if m.kind == "programme"]
    span = view.span_to_raw(m.span)
    assert raw[span.start : span.end] == "蓝天保卫战"


def test_longest_match_wins_and_mentions_do_not_overlap():
    mentions = _extract("推动生态环境损害赔偿制度改革走深走实,落实横向生态保护补偿。")
    surfaces = [m.surface for m in mentions]
    assert "生态环境损害赔偿制度改革" in surfaces and "横向生态保护补偿" in surfaces
    spans = sorted((m.span.start, m.span.end) for m in mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_one_mention_per_occurrence_with_the_pref_label():
    mentions = [m for m in _extract("环评审批提速,规划环评先行,环境影响评价制度改革。") if m.kind == "programme"]
    assert len(mentions) == 3
    assert {m.key for m in mentions} == {"programme/eia"}
    assert {m.label for m in mentions} == {"环境影响评价"}


def test_latin_label_needs_a_word_boundary():
    assert not [m for m in _extract("推进GEODATA平台建设") if m.kind == "programme"]
    assert [m.key for m in _extract("支持EOD项目申报")] == ["programme/eod"]


def test_candidate_key_is_the_short_hash_of_the_name():
    (m,) = [m for m in _extract("探索实施“环保担”。") if m.kind == "candidate"]
    assert m.key == f"candidate/{short_hash('环保担')}"
    assert m.matched is False and m.label == "环保担"


def test_region_branded_key_uses_the_region_code():
    (m,) = [m for m in _extract("奋力建设美丽广州。") if m.kind == "programme"]
    assert m.key == "programme/beautiful-440100" and m.label == "美丽广州" and m.matched is False
