"""Canned queries on a real store loaded from TriG (named graphs, union default graph).

The fixture tests/fixtures/mini.trig is a hand-written graph in the shape mint produces;
the seed tests run on build/envkg.trig when it exists (``envkg build``).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from envkg.cli import main
from envkg.errors import InputError
from envkg.namespaces import ID
from envkg.query import bind_values, list_queries, load_query, render, run_query
from envkg.store import load_store

FIXTURE = Path(__file__).parent / "fixtures" / "mini.trig"
NAMES = [
    "agency-measures", "flagged-values", "indicator-targets", "measure-search", "programme-cooccurrence",
    "programme-measures", "provenance", "region-profile", "shared-programmes", "shared-references",
    "target-changes", "theme-coverage",
]


@pytest.fixture(scope="module")
def store():
    return load_store(FIXTURE)


def run(store, name, **params):
    return run_query(name, params, store=store)


def iri(key: str) -> str:
    return str(ID[key])


# --- the registry --------------------------------------------------------------------


def test_registry_has_every_query_with_a_full_header():
    specs = {s.name: s for s in list_queries()}
    assert sorted(specs) == NAMES
    for spec in specs.values():
        assert spec.title.get("en") and spec.title.get("zh"), spec.name
        assert spec.question.get("en") and spec.question.get("zh"), spec.name
        body = "\n".join(line for line in spec.text.splitlines() if not line.startswith("#"))
        for p in spec.params:
            assert f"?{p.name}" in body, (spec.name, p.name)
            assert p.default and p.description


def test_parameters_as_declared():
    assert [(p.name, p.kind, p.default) for p in load_query("programme-measures").params] == [
        ("programme", "envkg:Programme", "无废城市")]
    assert [p.name for p in load_query("region-profile").params] == ["region"]
    assert [p.kind for p in load_query("measure-search").params] == ["text"]
    assert load_query("shared-programmes").params == ()


def test_unknown_query_and_parameter_are_input_errors(store):
    with pytest.raises(InputError, match="unknown query 'nope'"):
        run(store, "nope")
    with pytest.raises(InputError, match="has no parameter 'colour'"):
        run_query("shared-programmes", {"colour": "red"}, store=store)
    with pytest.raises(InputError, match="no envkg:Programme node labelled '不存在'"):
        run(store, "programme-measures", programme="不存在")


# --- each query on the fixture ---------------------------------------------------------


def test_shared_programmes(store):
    r = run(store, "shared-programmes")
    got = {row["programme"].value: (int(row["regions"].value), set(row["regionNames"].value.split("、")))
           for row in r.rows}
    both = {"广州市", "安徽省", "广西壮族自治区"}
    assert got == {
        iri("programme/zero-waste-city"): (3, both),
        iri("programme/eod"): (3, both),
        iri("programme/nanyang-practice"): (2, {"广州市", "广西壮族自治区"}),
    }  # river-chief is only Guangzhou's: not shared


def test_programme_measures_by_label_alt_label_and_iri(store):
    expected = {iri("doc/gz2024/measure/2.1"), iri("doc/ah2024/measure/1.2"), iri("doc/gx2024/measure/1.1")}
    for value in ("无废城市", "Zero-Waste City", "无废城市建设", iri("programme/zero-waste-city"),
                  "id:programme/zero-waste-city"):
        r = run(store, "programme-measures", programme=value)
        assert set(r.values("measure")) == expected, value
    r = run(store, "programme-measures", programme="河长制")
    assert r.values("measure") == [iri("doc/gz2024/measure/2.2")]
    assert r.values("heading") == ["推进无废城市建设"]


def test_indicator_targets(store):
    r = run(store, "indicator-targets", indicator="PM2.5")
    got = {(row["region"].value.rsplit("/", 1)[1], int(row["targetYear"].value), Decimal(row["value"].value),
            row["comparator"].value) for row in r.rows}
    assert got == {("340000", 2024, Decimal("36.8"), "≤"), ("440100", 2024, Decimal(-25), "≤"),
                   ("440100", 2020, Decimal(35), "≤"), ("450000", 2024, Decimal(78), "≤")}
    quotes = set(r.values("quote"))
    assert "PM2.5平均浓度控制在36.8微克/立方米以下" in quotes


def test_region_profile_includes_places_within(store):
    r = run(store, "region-profile", region="广州市")
    rows = {row["place"].value.rsplit("/", 1)[1]: row for row in r.rows}
    assert set(rows) == {"440100", "440115"}
    gz, ns = rows["440100"], rows["440115"]
    assert (gz["documents"].value, gz["measures"].value, gz["targets"].value) == ("2", "4", "3")
    assert (ns["measures"].value, ns["programmes"].value, ns["mentions"].value) == ("1", "3", "1")
    # a province sees its city's plans through envkg:within (inferred graph)
    gd = {row["place"].value.rsplit("/", 1)[1]: row for row in run(store, "region-profile", region="440000").rows}
    assert gd["440000"]["documents"].value == "2" and gd["440000"]["measures"].value == "4"
    assert set(gd) == {"440000", "440100", "440115"}


def test_theme_coverage(store):
    r = run(store, "theme-coverage")
    got = {(row["theme"].value.rsplit("/", 1)[1], row["region"].value.rsplit("/", 1)[1]): int(row["measures"].value)
           for row in r.rows}
    assert got[("air", "440100")] == 2
    assert got[("solid-waste", "340000")] == 1
    assert ("water", "340000") not in got
    assert len(got) == 8


def test_shared_references(store):
    r = run(store, "shared-references")
    got = {row["title"].value: (int(row["regions"].value), int(row["documents"].value)) for row in r.rows}
    assert got == {"中华人民共和国固体废物污染环境防治法": (2, 2), "广州市生态环境保护条例": (1, 2)}


def test_target_changes(store):
    r = run(store, "target-changes", region="广州市")
    assert len(r.rows) == 1
    row = r.rows[0]
    assert row["indicator"].value == iri("indicator/pm25-annual-mean")
    assert (row["fromYear"].value, row["toYear"].value) == ("2020", "2024")
    assert (Decimal(row["fromValue"].value), Decimal(row["toValue"].value), Decimal(row["change"].value)) == (
        35, -25, -60)
    assert run(store, "target-changes", region="安徽省").rows == []


def test_measure_search(store):
    r = run(store, "measure-search", text="eod")  # case-insensitive
    assert set(r.values("measure")) == {
        iri("doc/gz2024/measure/2.1"), iri("doc/ah2024/measure/1.2"), iri("doc/gx2024/measure/1.1")}
    assert run(store, "measure-search", text="河长制").values("measure") == [iri("doc/gz2024/measure/2.2")]


def test_programme_cooccurrence(store):
    r = run(store, "programme-cooccurrence")
    got = {frozenset((row["programme"].value.rsplit("/", 1)[1], row["other"].value.rsplit("/", 1)[1])):
           int(row["measures"].value) for row in r.rows}
    assert got == {frozenset({"eod", "zero-waste-city"}): 3, frozenset({"eod", "nanyang-practice"}): 2,
                   frozenset({"nanyang-practice", "zero-waste-city"}): 2}


def test_agency_measures(store):
    r = run(store, "agency-measures", agency="广州市生态环境局")
    assert set(r.values("measure")) == {iri("doc/gz2024/measure/1.1"), iri("doc/gz2024/measure/2.1")}
    assert set(r.values("role")) == {"responsible"}
    assert run(store, "agency-measures", agency="安徽省生态环境厅").values("measure") == [
        iri("doc/ah2024/measure/1.1")]


def test_flagged_values(store):
    r = run(store, "flagged-values")
    got = {(row["problem"].value, row["target"].value.rsplit("/target/", 1)[1]) for row in r.rows}
    assert got == {("negative concentration", "52-78"), ("negative count", "86-95"),
                   ("percentage above 100", "46-62"), ("PM2.5 above 75 µg/m³", "63-85")}


def test_provenance(store):
    r = run(store, "provenance", node="id:doc/gz2024/target/52-78")
    assert [(row["how"].value, row["start"].value, row["end"].value, row["quote"].value) for row in r.rows] == [
        ("derived from", "52", "78", "细颗粒物(PM2.5)年均浓度控制在-25微克/立方米以下")]
    r = run(store, "provenance", node="南阳实践")
    assert {(row["doc"].value, row["quote"].value) for row in r.rows} == {
        (iri("doc/gz2024"), "南阳实践"), (iri("doc/gx2024"), "南阳实践")}


@pytest.mark.parametrize("name", NAMES)
def test_every_query_renders_in_every_format(store, name):
    r = run_query(name, store=store)
    assert r.rows, f"{name} returns nothing on the fixture with its defaults"
    for fmt in ("table", "csv", "json", "md"):
        text = render(r, fmt)
        assert text
    doc = json.loads(render(r, "json"))
    assert doc["head"]["vars"] == r.variables
    assert len(doc["results"]["bindings"]) == len(r.rows)


# --- parameters stay values --------------------------------------------------------------

HOSTILE = ['} DROP ALL {', '"', "'", '\\', '"} UNION { ?s ?p ?o } #', "a\nb", '""" ) } SELECT * WHERE {',
           "?measure", "FILTER(true)", "<http://x>"]


@pytest.mark.parametrize("value", HOSTILE)
def test_text_parameter_is_a_plain_value(store, value):
    before = len(store)
    r = run(store, "measure-search", text=value)
    assert r.rows == []  # no measure contains these strings: nothing was injected
    assert len(store) == before


@pytest.mark.parametrize("value", ['} DROP ALL {', '无废城市" } UNION { ?programme ?p ?o', "'x'", "{}"])
def test_label_parameter_is_a_plain_value(store, value):
    with pytest.raises(InputError, match="no envkg:Programme node labelled"):
        run(store, "programme-measures", programme=value)
    assert len(store) == 609


def test_bad_iri_parameter_is_rejected(store):
    with pytest.raises(InputError, match="not a valid IRI"):
        run(store, "programme-measures", programme="<http://x/} DROP ALL {>")


def test_values_block_serialises_terms():
    import pyoxigraph as ox

    text = bind_values("SELECT ?x WHERE { ?x ?p ?text }", {"text": ox.Literal('a"} DROP ALL {')})
    assert 'VALUES (?text) { ("a\\"} DROP ALL {") }' in text


# --- the command line ----------------------------------------------------------------------


def test_cli_query_list_and_run():
    runner = CliRunner()
    out = runner.invoke(main, ["query", "--list"])
    assert out.exit_code == 0
    for name in NAMES:
        assert name in out.output
    assert "-p programme=" in out.output
    out = runner.invoke(main, ["query", "indicator-targets", "-p", "indicator=PM2.5", "--graph", str(FIXTURE),
                               "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert "36.8" in out.output and "-25" in out.output
    out = runner.invoke(main, ["query", "shared-programmes", "--graph", str(FIXTURE)])
    assert "无废城市 (Zero-Waste City)" in out.output


@pytest.mark.parametrize("args, message", [
    (["query", "nope"], "unknown query 'nope'"),
    (["query", "shared-programmes", "-p", "x=1"], "has no parameter 'x'"),
    (["query", "programme-measures", "-p", "programme"], "is not KEY=VALUE"),
])
def test_cli_input_errors_exit_2_with_one_line(args, message):
    out = CliRunner().invoke(main, args + ["--graph", str(FIXTURE)])
    assert out.exit_code == 2
    assert message in out.output
    assert len(out.output.strip().splitlines()) == 1


def test_cli_sparql_and_show(tmp_path):
    runner = CliRunner()
    out = runner.invoke(main, ["sparql", "-", "--graph", str(FIXTURE), "--format", "csv"],
                        input="PREFIX envkg: <https://w3id.org/envkg/ontology#>\n"
                              "SELECT (COUNT(?t) AS ?n) WHERE { ?t a envkg:Target }")
    assert out.exit_code == 0, out.output
    assert out.output.splitlines() == ["n", "7"]
    out = runner.invoke(main, ["show", "南阳实践", "--graph", str(FIXTURE)])
    assert out.exit_code == 0, out.output
    assert "programme/nanyang-practice" in out.output
    assert "named in id:doc/gx2024 [24, 28)  “南阳实践”" in out.output
    out = runner.invoke(main, ["show", "nothing-like-this", "--graph", str(FIXTURE)])
    assert out.exit_code == 2


@pytest.mark.parametrize("command", ["query", "sparql", "show", "export", "push"])
def test_help_ends_with_an_example(command):
    out = CliRunner().invoke(main, [command, "-h"])
    assert out.exit_code == 0
    assert "Example" in out.output
    # the help text (before the option list, as for every envkg command) ends with an example
    last = main.commands[command].help.rstrip().splitlines()[-1].strip()
    assert last.startswith("envkg ") and last in out.output


# --- the seed build (a fresh build of data/sources, made once per test session) ---------------


@pytest.fixture(scope="module")
def seed_store(seed_build):
    return load_store(seed_build / "envkg.trig")


def _label_set(result, var):
    return {result.label(t).split(" (")[0] for t in result.column(var)}


def test_seed_shared_programmes(seed_store):
    r = run_query("shared-programmes", store=seed_store)
    regions = {r.label(row["programme"]).split(" (")[0]: set(row["regionNames"].value.split("、")) for row in r.rows}
    three = {"广州市", "安徽省", "广西壮族自治区"}
    assert regions["无废城市"] >= three
    eod = [k for k in regions if "EOD" in k or "生态环境导向" in k]
    assert eod and regions[eod[0]] >= three
    assert regions["南阳实践"] >= {"广州市", "广西壮族自治区"}


def test_seed_indicator_targets_pm25(seed_store):
    r = run_query("indicator-targets", {"indicator": "id:indicator/pm25-annual-mean"}, store=seed_store)
    got = {(r.label(row["region"]).split(" (")[0], row["targetYear"].value, Decimal(row["value"].value))
           for row in r.rows}
    assert ("安徽省", "2024", Decimal("36.8")) in got
    assert ("广州市", "2024", Decimal(-25)) in got
    assert ("广州市", "2020", Decimal(35)) in got


@pytest.mark.parametrize("name", NAMES)
def test_seed_every_query_runs(seed_store, name):
    r = run_query(name, store=seed_store)
    render(r, "table")
