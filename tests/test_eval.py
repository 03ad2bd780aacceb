"""envkg eval: the gold README's matching rules, agreeing with the reference scorer."""

from __future__ import annotations

import importlib.util
import json
import shutil

import pytest
from click.testing import CliRunner

from envkg.cli import main
from envkg.evaluate import KINDS, score_document

from .conftest import GOLD, SHARED_GOLD, SOURCES


def test_eval_json_has_the_contract_shape(tmp_path):
    result = CliRunner().invoke(main, ["eval", "--sources", str(SOURCES), "--gold", str(GOLD), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report["overall"]) == set(KINDS)
    assert set(report["documents"]) == {p.stem for p in GOLD.glob("*.jsonl")}
    for m in report["overall"].values():
        assert set(m) == {"precision", "recall", "f1", "tp", "fp", "fn"}


def test_eval_agrees_with_the_reference_scorer(seed_build):
    # The reference scorer from ../shared when it is beside the checkout, else the project's copy.
    scorer_path = SHARED_GOLD / "score_graph.py"
    if not scorer_path.exists():
        scorer_path = GOLD / "score_graph.py"
    if not scorer_path.exists():
        pytest.skip("no reference scorer (../shared/gold/score_graph.py or data/gold/score_graph.py)")
    spec = importlib.util.spec_from_file_location("score_graph", scorer_path)
    sg = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sg)
    pred = sg.predicted(sg.read_graph(seed_build / "envkg.ttl"))
    ours = json.loads(CliRunner().invoke(
        main, ["eval", "--sources", str(SOURCES), "--gold", str(GOLD), "--json"]).output)
    for gold_path in sorted(GOLD.glob("*.jsonl")):
        items = [json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines() if x.strip()]
        raw = (SOURCES / f"{gold_path.stem}.txt").read_bytes().decode("utf-8-sig")
        theirs = sg.score_document(raw, items, pred.get(gold_path.stem, {}))
        for kind in KINDS:
            mine = ours["documents"][gold_path.stem][kind]
            assert (mine["tp"], mine["fp"], mine["fn"]) == tuple(theirs[kind][k] for k in ("tp", "fp", "fn")), \
                (gold_path.stem, kind)


def test_matching_rules_on_a_small_case():
    raw = "PM2.5年均浓度控制在35微克/立方米以下,优良天数比率达到90%以上。"
    gold = [{"kind": "target", "value": "35", "unit": "微克/立方米", "comparator": "<=",
             "quote": "PM2.5年均浓度控制在35微克/立方米以下"},
            {"kind": "target", "value": "90", "unit": "%", "comparator": ">=", "quote": "优良天数比率达到90%以上"}]
    from decimal import Decimal
    pred = {"target": [[Decimal("35"), "<=", "微克/立方米", [(0, 24)]],
                       [Decimal("90"), "<=", "%", [(25, 37)]],  # wrong comparator
                       [Decimal("35"), "<=", "微克/立方米", [(0, len(raw))]]]}  # span too long
    result = score_document(raw, gold, pred)["target"]
    assert result == {"tp": 1, "fp": 2, "fn": 1}


def test_eval_without_metadata_detects_from_text(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(SOURCES / "001_87a84a70e823dd24.txt", src / "a.txt")
    (gold / "a.jsonl").write_text(json.dumps({"kind": "reference", "title": "安徽省环境保护条例"},
                                             ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--sources", str(src), "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["documents"]["a"]["reference"]["tp"] == 1


def test_eval_bad_gold_folder_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["eval", "--sources", str(SOURCES), "--gold", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "not a folder of gold files" in result.output
