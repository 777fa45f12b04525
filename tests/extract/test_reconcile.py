from __future__ import annotations

from rasid.extract.reconcile import claim_bounds, reconcile, side_resolver
from rasid.model import Claim, Figure, Span

EV = (Span(0, 1, "x"),)


def claim(
    cid: str,
    source: str,
    value: int | None,
    qualifier: str = "exact",
    kind: str = "killed",
    stance: str = "asserted",
) -> Claim:
    low = value + 1 if qualifier == "more_than" and value is not None else None
    return Claim(cid, source, stance, EV, figure=Figure(kind, value, qualifier, low=low))


SIDES = side_resolver(
    {
        "amaq": "islamic-state",
        "islamic-state": None,
        "sdf-media-centre": "sdf",
        "sdf": None,
        "sohr": None,
        "msf": None,
    }
)


def test_sides_follow_affiliation_and_a_monitor_is_its_own_side() -> None:
    assert SIDES("amaq") == "islamic-state"
    assert SIDES("sdf-media-centre") == "sdf"
    assert SIDES("sohr") == "sohr"
    assert SIDES("unknown-actor") == "unknown-actor"


def test_bounds_by_qualifier() -> None:
    assert claim_bounds(claim("a", "amaq", 200, "more_than")) == (201, 201)
    assert claim_bounds(claim("a", "amaq", 17)) == (17, 17)
    assert claim_bounds(claim("a", "amaq", 10, "less_than")) == (9, 9)
    assert claim_bounds(claim("a", "amaq", None, "dozens")) is None
    assert claim_bounds(claim("a", "amaq", 30, stance="denied")) is None


def test_opposing_sides_disagreeing_is_contested_with_conservative_best() -> None:
    fig = reconcile([claim("c1", "amaq", 200, "more_than"), claim("c2", "sdf-media-centre", 17)], SIDES)[
        "killed"
    ]
    assert (fig.low, fig.best, fig.high, fig.contested) == (17, 17, 201, True)
    assert fig.claims == ("c2", "c1")


def test_two_independent_counts_that_differ_are_contested() -> None:
    fig = reconcile([claim("c1", "sohr", 7), claim("c2", "msf", 9)], SIDES)["killed"]
    assert (fig.low, fig.best, fig.high, fig.contested) == (7, 7, 9, True)


def test_one_side_updated_toll_takes_latest_and_is_not_contested() -> None:
    fig = reconcile([claim("c1", "sohr", 17), claim("c2", "sohr", 19)], SIDES)["killed"]
    assert (fig.low, fig.best, fig.high, fig.contested) == (17, 19, 19, False)
    fig = reconcile([claim("c1", "amaq", 17), claim("c2", "islamic-state", 40)], SIDES)["killed"]
    assert fig.contested is False  # the agency and its group are one side


def test_small_differences_are_not_contested() -> None:
    fig = reconcile([claim("c1", "amaq", 10), claim("c2", "sdf-media-centre", 11)], SIDES)["killed"]
    assert fig.contested is False
    fig = reconcile([claim("c1", "amaq", 100), claim("c2", "sdf-media-centre", 108)], SIDES)["killed"]
    assert fig.contested is False


def test_kinds_are_reconciled_separately_and_wordy_figures_skipped() -> None:
    out = reconcile(
        [claim("c1", "sohr", 5), claim("c2", "sohr", 7, kind="injured"), claim("c3", "sohr", None, "many")],
        SIDES,
    )
    assert set(out) == {"killed", "injured"}
    assert out["injured"].best == 7
