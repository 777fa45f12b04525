"""Properties that must hold for any record: generated records (hypothesis) and real pipeline output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasid.export.acled import write_acled
from rasid.export.common import countries
from rasid.export.parquet import write_parquet
from rasid.export.ucdp import write_ucdp
from rasid.model import (
    ACLED_TYPES,
    ACTOR_KINDS,
    DATE_PRECISIONS,
    FIGURE_KINDS,
    PLACE_PRECISIONS,
    QUALIFIERS,
    STANCES,
)
from rasid.validate import schema_errors

ACTOR_IDS = [f"actor-{k}" for k in ACTOR_KINDS]
TYPES = [(t, s) for t, subs in ACLED_TYPES.items() for s in subs]
COUNTRIES = [*sorted(countries()), "ZZ", None]
small = st.none() | st.integers(0, 500)


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    n_events = draw(st.integers(0, 3))
    events, claims = [], []
    for i in range(n_events):
        eid = f"e{i}"
        et, sub = draw(st.sampled_from(TYPES))
        day = draw(st.integers(1, 20))
        span = draw(st.integers(0, 40))
        lat = draw(st.none() | st.floats(-89, 89))
        figures = {}
        for kind in draw(st.lists(st.sampled_from(FIGURE_KINDS), unique=True, max_size=3)):
            lo, hi = draw(small), draw(small)
            if lo is not None and hi is not None and lo > hi:
                lo, hi = hi, lo
            figures[kind] = {
                "low": lo,
                "best": lo,
                "high": hi,
                "contested": draw(st.booleans()),
                "claims": [],
            }
        for j in range(draw(st.integers(0, 4))):
            cid = f"c{i}-{j}"
            value = draw(small)
            claims.append(
                {"id": cid, "source": draw(st.sampled_from(ACTOR_IDS)), "via": [],
                 "stance": draw(st.sampled_from(STANCES)), "said_on": None,
                 "figure": {"kind": draw(st.sampled_from(FIGURE_KINDS)), "value": value,
                            "qualifier": draw(st.sampled_from(QUALIFIERS)), "low": value, "high": None,
                            "of": draw(st.none() | st.sampled_from(ACTOR_IDS)), "includes": None},
                 "statement": None, "event": eid, "evidence": []}
            )  # fmt: skip
        events.append(
            {"id": eid, "type": {"event_type": et, "sub_event_type": sub, "plover": None},
             "date": draw(st.none() | st.just({"start": f"2023-01-{day:02d}", "end": (dt.date(2023, 1, day) + dt.timedelta(days=span)).isoformat(),
                                               "precision": draw(st.sampled_from(DATE_PRECISIONS)), "rule": "r", "evidence": []})),
             "place": draw(st.none() | st.just({"name": "Somewhere, \"quoted\"\nline", "name_ar": None, "gazetteer_id": None,
                                                "lat": lat, "lon": None if lat is None else 10.5,
                                                "country": draw(st.sampled_from(COUNTRIES)), "admin1": None, "admin2": None,
                                                "admin3": None, "precision": draw(st.sampled_from(PLACE_PRECISIONS)), "evidence": []})),
             "actor1": draw(st.none() | st.sampled_from(ACTOR_IDS)), "actor2": draw(st.none() | st.sampled_from(ACTOR_IDS)),
             "assoc": draw(st.lists(st.sampled_from(ACTOR_IDS), max_size=2)), "figures": figures, "evidence": []}
        )  # fmt: skip
    return {
        "schema": "rasid.article/1", "status": "ok", "error": None, "pipeline": {"version": "t", "resources": {}},
        "article": {"id": draw(st.text(min_size=1, max_size=8)), "url": None, "outlet": draw(st.none() | st.text(max_size=10)),
                    "title": None, "language": "ar", "published": None, "published_from": "unknown", "text_sha256": "0" * 64},
        "actors": [{"id": a, "name": a.title(), "name_ar": None, "kind": a.removeprefix("actor-"),
                    "affiliation": None, "mentions": []} for a in ACTOR_IDS],
        "claims": claims, "events": events, "warnings": [],
    }  # fmt: skip


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(), max_size=4))
def test_invariants_hold_for_any_records(recs: list[dict[str, Any]]) -> None:
    for rec in recs:
        assert schema_errors(rec) == [], schema_errors(rec)
    n_events = sum(len(r["events"]) for r in recs)
    buf = io.StringIO(newline="")
    assert write_acled(recs, buf, timestamp=0) == n_events
    acled = _csv(buf.getvalue())
    assert len(acled) == n_events
    for row in acled:
        assert int(row["fatalities"]) >= 0
        if row["interaction"]:
            digits = row["interaction"]
            assert len(digits) == 2 and (digits[1] == "0" or digits[0] <= digits[1])
        if row["rasid_fatalities_low"]:
            assert row["fatalities"] == row["rasid_fatalities_low"]
    buf = io.StringIO(newline="")
    write_ucdp(recs, buf)
    for row in _csv(buf.getvalue()):
        parts = [int(row[k]) for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")]
        assert int(row["best"]) == sum(parts)
        assert int(row["low"]) <= int(row["best"]) <= int(row["high"])
        assert row["type_of_violence"] in ("1", "2", "3")


def test_pipeline_records_export(tmp_path: Path) -> None:
    """Whatever the current pipeline extracts from our own made-up articles exports consistently."""
    from rasid.model import Article
    from rasid.pipeline import Pipeline

    texts = [
        "قالت وكالة أعماق إن أكثر من 20 عنصراً من قسد قتلوا في هجوم قرب الشحيل، فيما قال المركز الإعلامي لقسد إن 3 قتلوا.",
        "Two civilians were killed and five injured when shells hit a village near Maarat al-Numan, local sources said.",
    ]  # fmt: skip
    pipeline = Pipeline.default()
    recs = [
        pipeline.process_one(Article(f"p{i}", t, published="2023-03-06")).to_dict()
        for i, t in enumerate(texts)
    ]
    n_events = sum(len(r["events"]) for r in recs if r["status"] == "ok")
    buf = io.StringIO(newline="")
    assert write_acled(recs, buf, timestamp=0) == n_events == len(_csv(buf.getvalue()))
    assert write_parquet(recs, tmp_path / "p.parquet") == pq.read_table(tmp_path / "p.parquet").num_rows
    assert json.loads(json.dumps(recs)) == recs
