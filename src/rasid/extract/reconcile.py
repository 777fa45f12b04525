"""Reconcile the figure claims linked to one event into low / best / high with a contested flag.

The rule (documented in README "Reconciliation"):
- Each numeric claim gives a lower and an upper bound: an exact or "about" figure is both; "more than N"
  is N+1 (the claim's ``low``); "at least N" is N; "less than N" is N-1 (its ``high``). Claims without a
  number ("dozens", "many") and denied claims do not bound the range.
- ``low`` is the lowest lower bound, ``high`` the highest upper bound (the highest figure claimed).
- ``best`` follows ACLED's conservative practice: the lowest figure reported, unless every claim comes
  from one side, in which case it is that side's most recent figure (a toll updated upwards).
- ``contested`` is true when claims come from at least two different sides and their figures differ
  by at least ``CONTEST_ABS`` people and by more than ``CONTEST_REL`` of the lower figure. A source's side
  is the root of its affiliation chain in the actor registry (Amaq speaks for the Islamic State, the SDF
  media centre for the SDF); an unaffiliated monitor, agency, rescue group or unnamed source is a side of
  its own, so two monitors that count differently also contest the figure. The same side updating its
  own toll is never a contest.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rasid.model import Claim, FigureRange

CONTEST_ABS = 2
CONTEST_REL = 0.1


@dataclass(frozen=True, slots=True)
class Bounds:
    claim_id: str
    low: int
    high: int
    side: str
    order: int  # position in the article: later statements of one side supersede earlier ones


def claim_bounds(claim: Claim) -> tuple[int, int] | None:
    """The (lower, upper) figure a numeric claim supports, or None when it gives no number."""
    fig = claim.figure
    if fig is None or claim.stance == "denied":
        return None
    if fig.value is None and fig.low is None and fig.high is None:
        return None
    value = fig.value
    if fig.qualifier == "more_than":
        low = fig.low if fig.low is not None else (value + 1 if value is not None else None)
        return (low, low) if low is not None else None
    if fig.qualifier == "less_than":
        high = fig.high if fig.high is not None else (value - 1 if value is not None else None)
        return (high, high) if high is not None else None
    low = fig.low if fig.low is not None else value
    high = fig.high if fig.high is not None else value
    if low is None or high is None:
        return None
    return (min(low, high), max(low, high))


def disagree(a: int, b: int) -> bool:
    lo, hi = sorted((a, b))
    return hi - lo >= CONTEST_ABS and hi - lo > CONTEST_REL * max(lo, 1)


def reconcile(claims: Sequence[Claim], side_of: Callable[[str], str]) -> dict[str, FigureRange]:
    """Figure ranges per kind over ``claims`` (all linked to one event), in article order."""
    by_kind: dict[str, list[Bounds]] = {}
    for order, claim in enumerate(claims):
        bounds = claim_bounds(claim)
        if bounds is None or claim.figure is None:
            continue
        by_kind.setdefault(claim.figure.kind, []).append(
            Bounds(claim.id, bounds[0], bounds[1], side_of(claim.source), order)
        )
    return {kind: _range(items) for kind, items in by_kind.items()}


def _range(items: Sequence[Bounds]) -> FigureRange:
    low = min(b.low for b in items)
    high = max(b.high for b in items)
    sides = {b.side for b in items}
    best = max(items, key=lambda b: b.order).low if len(sides) == 1 else low
    contested = any(a.side != b.side and disagree(a.low, b.low) for a in items for b in items)
    ordered = sorted(items, key=lambda b: (b.low, b.order))
    return FigureRange(
        low=low, best=best, high=high, contested=contested, claims=tuple(b.claim_id for b in ordered)
    )


def side_resolver(affiliation: Mapping[str, str | None]) -> Callable[[str], str]:
    """A function from actor id to its side: the root of its affiliation chain (itself when it has none)."""

    def side(actor_id: str) -> str:
        seen: set[str] = set()
        current = actor_id
        while True:
            parent = affiliation.get(current)
            if not parent or parent in seen or parent == current:
                return current
            seen.add(current)
            current = parent

    return side
