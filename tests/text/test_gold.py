"""Gold sets of date and quantity expressions (our own sentences), scored with a floor.

The floors are the measured accuracies rounded down; raise them when the rules improve, never lower them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from rasid.text.dates import find_date_expressions, resolve
from rasid.text.normalize import normalize
from rasid.text.numbers import find_quantities

DATA = Path(__file__).parent / "data"
DATE_FLOOR = 0.99  # measured 149/150 (the miss: tabular vs observed Dhu al-Hijja 1444)
# The second set (styles the first lacks) was written before the rules for it: 32/74 = 0.432 then (out of
# sample); 74/74 after (in sample). Rows with "anchor": null carry the "today" that bounds the year.
DATE_FLOOR_2 = 1.00
# The third set was written after the second set's rules and measured before any change for it: 15/29 =
# 0.517 (out of sample); 29/29 after (in sample).
DATE_FLOOR_3 = 1.00
QUANTITY_FLOOR = 1.00  # measured 100/100


def _load(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line]


def test_gold_sizes() -> None:
    assert len(_load("dates_gold.jsonl")) >= 150
    assert len(_load("quantities_gold.jsonl")) >= 100


def _date_right(gold: list[dict[str, Any]]) -> list[str]:
    """Ids of the rows whose expression is found with the gold span, start, end and precision."""
    right = []
    for g in gold:
        anchor = dt.date.fromisoformat(g["anchor"]) if g["anchor"] else None
        today = dt.date.fromisoformat(g["today"]) if g.get("today") else None
        found = [resolve(x, anchor, today=today) for x in find_date_expressions(normalize(g["text"]))]
        hits = [r for r in found if r is not None and r.span.text == g["expr"]]
        if hits and (str(hits[0].start), str(hits[0].end), hits[0].precision) == (
            g["start"],
            g["end"],
            g["precision"],
        ):
            right.append(g["id"])
    return right


def test_date_accuracy_floor() -> None:
    gold = _load("dates_gold.jsonl")
    right = _date_right(gold)
    assert len(right) / len(gold) >= DATE_FLOOR, f"date accuracy {len(right)}/{len(gold)}"


def test_date_accuracy_floor_second_set() -> None:
    gold = _load("dates_gold_2.jsonl")
    assert len(gold) >= 60
    right = set(_date_right(gold))
    missed = [g["id"] for g in gold if g["id"] not in right]
    assert len(right) / len(gold) >= DATE_FLOOR_2, f"date accuracy {len(right)}/{len(gold)}, missed {missed}"


def test_date_accuracy_floor_third_set() -> None:
    gold = _load("dates_gold_3.jsonl")
    right = set(_date_right(gold))
    missed = [g["id"] for g in gold if g["id"] not in right]
    assert len(right) / len(gold) >= DATE_FLOOR_3, f"date accuracy {len(right)}/{len(gold)}, missed {missed}"


def test_quantity_accuracy_floor() -> None:
    gold = _load("quantities_gold.jsonl")
    right = 0
    for g in gold:
        hits = [q for q in find_quantities(normalize(g["text"])) if q.span.text == g["expr"]]
        want = (g["value"], g["qualifier"], g["low"], g["high"], g["role"])
        if hits and (hits[0].value, hits[0].qualifier, hits[0].low, hits[0].high, hits[0].role) == want:
            right += 1
    assert right / len(gold) >= QUANTITY_FLOOR, f"quantity accuracy {right}/{len(gold)}"
