from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rasid.cli
from rasid.cli import app
from tests.eval.samples import copy_record, gold_dict, perfect_record


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    rasid.cli._register_commands()
    return CliRunner()


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold_dict(), ensure_ascii=False), encoding="utf-8")
    return path


def test_eval_scores_saved_predictions_as_json(runner: CliRunner, gold_file: Path, tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(perfect_record(), ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold_file), "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["ok"] is True and out["articles"] == 1
    assert out["scores"]["event_f1"] == {"value": 1.0, "hits": 2, "total": 2}
    assert out["scores"]["must_not_violations"]["value"] == 0
    assert out["details"][0]["claims"]["matched"][0] == {
        "gold": "k1",
        "pred": "c1",
        "required": True,
        "wrong": [],
    }


def test_eval_runs_the_pipeline_and_prints_a_table(runner: CliRunner, gold_file: Path) -> None:
    result = runner.invoke(app, ["eval", str(gold_file), "--details"])
    assert result.exit_code == 0, result.output
    assert "event_recall" in result.stdout and "claim_f1" in result.stdout
    assert "== test-sour" in result.stdout  # --details prints per-article lines


def test_eval_exits_non_zero_on_invalid_records(runner: CliRunner, gold_file: Path, tmp_path: Path) -> None:
    record = copy_record()
    record["claims"][0]["evidence"][0]["start"] += 1
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold_file), "--pred", str(pred), "--details"])
    assert result.exit_code == 1
    assert "validation error" in result.stdout and "[E005]" in result.stdout


def test_eval_details_show_misses_and_false_positives(
    runner: CliRunner, gold_file: Path, tmp_path: Path
) -> None:
    record = copy_record()
    record["claims"][0]["figure"]["value"] = 6
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold_file), "--pred", str(pred), "--details"])
    assert result.exit_code == 0, result.output
    assert "MISSED claim k1" in result.stdout and "FALSE claim c1" in result.stdout


def test_eval_updates_and_checks_the_baseline(runner: CliRunner, gold_file: Path, tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(perfect_record(), ensure_ascii=False) + "\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    args = [
        "eval",
        str(gold_file),
        "--pred",
        str(pred),
        "--update-baseline",
        str(baseline),
        "--set-name",
        "mine",
    ]
    assert runner.invoke(app, args).exit_code == 0
    floors = json.loads(baseline.read_text(encoding="utf-8"))["mine"]
    assert floors["claim_recall"] == 1.0 and floors["must_not_violations"] == 0.0
    # Worse predictions now fall below the floors.
    worse = copy_record()
    worse["claims"] = []
    pred.write_text(json.dumps(worse, ensure_ascii=False) + "\n", encoding="utf-8")
    check = [
        "eval",
        str(gold_file),
        "--pred",
        str(pred),
        "--check-baseline",
        str(baseline),
        "--set-name",
        "mine",
    ]
    result = runner.invoke(app, check)
    assert result.exit_code == 1 and "claim_recall" in result.stdout and "below" in result.stdout


def test_eval_reports_bad_gold_with_its_code(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(bad)])
    assert result.exit_code == 2 and "[E602]" in result.stdout
