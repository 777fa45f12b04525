from __future__ import annotations

from rasid.model import QUALIFIERS
from rasid.text.lexdata import load
from rasid.text.normalize import fold


def test_calendar_data_is_complete() -> None:
    cal = load("calendar")
    assert sorted(e["month"] for e in cal["gregorian_months"]) == list(range(1, 13))
    assert sorted(e["month"] for e in cal["hijri_months"]) == list(range(1, 13))
    assert sorted(e["weekday"] for e in cal["weekdays"]) == list(range(7))
    pairs = {(fold(w), e["month"]) for e in cal["gregorian_months"] for w in e["ar"] + e.get("en", [])}
    names = [n for n, _ in pairs]
    assert len(names) == len(set(names)), "a month name belongs to two months"
    for family in ("يناير", "كانون الثاني", "جانفي"):
        assert fold(family) in names


def test_number_data_uses_model_qualifiers() -> None:
    nums = load("numbers")
    quals = {e["qualifier"] for e in nums["qualifiers"]} | {e["qualifier"] for e in nums["vague"]}
    assert quals <= set(QUALIFIERS)
    words = {
        (fold(w), e["value"]) for sec in ("units", "tens", "hundreds") for e in nums[sec] for w in e["ar"]
    }
    assert len(words) == len({w for w, _ in words}), "a number word has two values"
    assert set(load("roles")["roles"]) >= {"year", "age", "distance", "percent", "time"}
