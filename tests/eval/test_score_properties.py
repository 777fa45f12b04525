"""Invariants of the scorer over random predictions against the inline gold (hypothesis)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.eval.gold import parse_gold
from rasid.eval.score import score_article
from tests.eval.samples import claim, copy_record, event, gold_dict

GOLD = parse_gold(gold_dict(), "inline", Path("."))

TYPES = [
    ("Battles", "Armed clash"),
    ("Battles", "Government regains territory"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Protests", "Peaceful protest"),
]
DAYS = [f"2023-03-{d:02d}" for d in range(7, 14)]
PLACES = [
    (35.52, 40.63, "SY", "Deir ez-Zor"),
    (34.45, 40.92, "SY", "Deir ez-Zor"),
    (33.3, 44.4, "IQ", "Baghdad"),
]
ACTORS = [None, "islamic-state", "sdf", "amaq"]


@st.composite
def events(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for n in range(draw(st.integers(0, 4))):
        event_type, sub = draw(st.sampled_from(TYPES))
        start, end = sorted(draw(st.lists(st.sampled_from(DAYS), min_size=2, max_size=2)))
        lat, lon, country, admin1 = draw(st.sampled_from(PLACES))
        e = event(f"e{n}", event_type, sub, start, end, lat=lat, lon=lon, country=country, admin1=admin1)
        e["actor1"], e["actor2"] = draw(st.sampled_from(ACTORS)), draw(st.sampled_from(ACTORS))
        out.append(e)
    return out


@st.composite
def claims(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for n in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["killed", "injured", "casualties"]))
        value = draw(st.sampled_from([None, 5, 30, 7]))
        qualifier = draw(st.sampled_from(["exact", "more_than", "several"]))
        source = draw(st.sampled_from(["sdf", "amaq", "islamic-state"]))
        stance = draw(st.sampled_from(["asserted", "alleged", "denied"]))
        out.append(
            claim(f"c{n}", source, kind, value, qualifier, of=draw(st.sampled_from(ACTORS)), stance=stance)
        )
    return out


@settings(max_examples=80, deadline=None)
@given(events(), claims())
def test_counts_are_consistent(pred_events: list[dict[str, Any]], pred_claims: list[dict[str, Any]]) -> None:
    record = copy_record()
    record["events"], record["claims"] = pred_events, pred_claims
    article = score_article(GOLD, record)
    assert article.errors == ()
    c = article.counts
    for score in article.scores().values():
        if not score.lower_is_better:
            assert 0 <= score.hits <= score.total or score.total == 0
            assert score.value is None or 0.0 <= score.value <= 1.0
    # One-to-one: no gold item and no prediction is used twice.
    assert len({m.gold for m in article.event_matches}) == len(article.event_matches)
    assert len({m.pred for m in article.event_matches}) == len(article.event_matches)
    assert len({m.pred for m in article.claim_matches}) == len(article.claim_matches)
    # Every prediction is exactly one of: a hit, an optional match (excused), a false positive.
    assert len(article.event_matches) + len(article.event_fps) == len(pred_events)
    assert len(article.claim_matches) + len(article.claim_fps) + len(article.claims_excused) == len(
        pred_claims
    )
    assert c.event_hits + len(article.event_misses) == c.gold_events
    assert c.claim_hits + len(article.claim_misses) == c.gold_claims
    assert c.full_hits <= c.attributed_hits <= c.claim_hits
