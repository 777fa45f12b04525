from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasid.errors import InputError
from rasid.eval.baseline import below_floors, floor_of, load_baseline, update_baseline, updated_floors
from rasid.eval.score import Score


def ratio(name: str, hits: int, total: int) -> Score:
    return Score(name, hits, total, hits / total if total else None, f"{hits}/{total}")


def violations(count: int) -> Score:
    return Score("must_not_violations", count, 3, float(count), "")


def test_floor_rounds_down_to_three_decimals() -> None:
    assert floor_of(ratio("event_recall", 2, 3)) == 0.666
    assert floor_of(ratio("event_recall", 29, 100)) == 0.29  # exact, no float drift to 0.289
    assert floor_of(ratio("event_recall", 1, 1)) == 1.0
    assert floor_of(ratio("event_precision", 0, 0)) == 0.0  # n/a is floored at 0
    assert floor_of(violations(2)) == 2.0


def test_update_never_lowers_a_floor_nor_raises_a_ceiling() -> None:
    current = {"event_recall": 0.5, "claim_recall": 0.2, "must_not_violations": 1.0}
    scores = {
        "event_recall": ratio("event_recall", 1, 4),
        "claim_recall": ratio("claim_recall", 3, 4),
        "must_not_violations": violations(3),
        "event_f1": ratio("event_f1", 1, 3),
    }
    assert updated_floors(current, scores) == {
        "event_recall": 0.5,
        "claim_recall": 0.75,
        "must_not_violations": 1.0,
        "event_f1": 0.333,
    }
    assert updated_floors({"must_not_violations": 2.0}, {"must_not_violations": violations(0)}) == {
        "must_not_violations": 0.0
    }


def test_update_baseline_keeps_other_sets(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"other": {"event_f1": 0.9}}), encoding="utf-8")
    update_baseline(path, "tests/golden", {"event_f1": ratio("event_f1", 1, 2)})
    assert load_baseline(path) == {"other": {"event_f1": 0.9}, "tests/golden": {"event_f1": 0.5}}


def test_below_floors_is_readable() -> None:
    floors = {"event_recall": 0.5, "event_precision": 0.2, "must_not_violations": 0.0, "gone": 0.1}
    scores = {
        "event_recall": ratio("event_recall", 1, 4),
        "event_precision": ratio("event_precision", 0, 0),
        "must_not_violations": violations(1),
    }
    problems = below_floors(floors, scores)
    assert problems[0] == "event_recall: 0.250 is below the floor 0.500 (1/4)"
    assert problems[1].startswith("event_precision: 0.000 is below")  # n/a counts as 0
    assert problems[2].startswith("must_not_violations: 1 violations, at most 0 allowed")
    assert problems[3].startswith("gone: no such score")
    assert below_floors({"event_recall": 0.25}, scores) == []


def test_invalid_baseline_is_a_coded_error(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"tests/golden": {"event_f1": "high"}}), encoding="utf-8")
    with pytest.raises(InputError, match=r"\[E609\]"):
        load_baseline(path)
    assert load_baseline(tmp_path / "absent.json") == {}
