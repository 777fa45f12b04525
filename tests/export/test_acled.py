from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from rasid.export.acled import COLUMNS, interaction, write_acled
from rasid.export.common import EventFilter
from tests.export.records import all_records

# ACLED's export columns in ACLED's order, written out literally (ACLED Codebook 2023), then rasid's.
SPEC = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    "rasid_article_id", "rasid_event_id", "rasid_date_end", "rasid_fatalities_low", "rasid_fatalities_best",
    "rasid_fatalities_high", "rasid_contested", "rasid_figures", "rasid_claims", "rasid_url", "rasid_outlet",
    "rasid_pipeline_version",
]  # fmt: skip


def _export(filt: EventFilter | None = None) -> tuple[list[str], list[dict[str, str]]]:
    buf = io.StringIO(newline="")
    n = write_acled(all_records(), buf, filt=filt, timestamp=1700000000)
    buf.seek(0)
    reader = csv.DictReader(buf)
    rows = list(reader)
    assert n == len(rows)
    return list(reader.fieldnames or []), rows


def test_columns_match_the_listed_spec() -> None:
    header, _ = _export()
    assert header == SPEC == list(COLUMNS)
    assert all(not c.startswith("rasid_") for c in SPEC[:31])
    assert all(c.startswith("rasid_") for c in SPEC[31:])


def test_rows_read_back_match_the_records() -> None:
    _, rows = _export()
    records = [r for r in all_records() if r["status"] == "ok"]
    events = [(r, e) for r in records for e in r["events"]]
    assert len(rows) == len(events) == 4
    for row, (rec, ev) in zip(rows, events, strict=True):
        assert row["rasid_article_id"] == rec["article"]["id"]
        assert row["rasid_event_id"] == ev["id"]
        assert row["event_date"] == ev["date"]["start"]
        assert row["year"] == ev["date"]["start"][:4]
        assert row["event_type"] == ev["type"]["event_type"]
        assert row["sub_event_type"] == ev["type"]["sub_event_type"]
        assert row["admin1"] == (ev["place"]["admin1"] or "")
        assert row["location"] == ev["place"]["name"]
        if ev["place"]["lat"] is None:
            assert row["latitude"] == row["longitude"] == ""
        else:
            assert float(row["latitude"]) == pytest.approx(ev["place"]["lat"], abs=1e-4)
            assert float(row["longitude"]) == pytest.approx(ev["place"]["lon"], abs=1e-4)
        assert json.loads(row["rasid_figures"]) == ev["figures"]
        claim_ids = [c["id"] for c in json.loads(row["rasid_claims"])]
        assert claim_ids == [c["id"] for c in rec["claims"] if c["event"] == ev["id"]]
        assert row["timestamp"] == "1700000000"
        assert row["event_id_cnty"][:3] == {"SY": "SYR", "IQ": "IRQ"}[ev["place"]["country"]]
        assert row["event_id_cnty"][3:].isdigit()


def _by_id(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {f"{r['rasid_article_id']}/{r['rasid_event_id']}": r for r in rows}


def test_value_conventions() -> None:
    rows = _by_id(_export()[1])
    clash, shelling, arrest = rows["sy-1/e1"], rows["sy-1/e2"], rows["iq-1/e1"]
    expected: dict[str, Any] = {
        "time_precision": "1", "disorder_type": "Political violence", "actor1": "Islamic State",
        "assoc_actor_1": "International Coalition", "inter1": "2", "actor2": "SDF", "assoc_actor_2": "Asayish",
        "inter2": "2", "interaction": "22", "civilian_targeting": "", "iso": "760", "region": "Middle East",
        "country": "Syria", "geo_precision": "1", "fatalities": "6", "rasid_fatalities_low": "6",
        "rasid_fatalities_high": "51", "rasid_contested": "true", "tags": "contested figures",
        "source": "Amaq; SDF media centre; Example Post", "latitude": "35.0512", "longitude": "40.3599",
    }  # fmt: skip
    assert {k: clash[k] for k in expected} == expected
    assert (
        "Amaq reported more than 50 SDF members killed on 2023-03-05; SDF media centre reported"
        in clash["notes"]
    )
    assert shelling["actor2"] == "Civilians (Syria)"
    assert (shelling["inter1"], shelling["inter2"], shelling["interaction"]) == ("1", "7", "17")
    assert shelling["civilian_targeting"] == "Civilian targeting"
    assert shelling["geo_precision"] == "3"
    assert shelling["fatalities"] == "2"
    assert (arrest["time_precision"], arrest["disorder_type"], arrest["interaction"]) == (
        "3",
        "Strategic developments",
        "10",
    )
    assert (arrest["fatalities"], arrest["actor2"], arrest["inter2"]) == ("0", "", "")
    assert (arrest["iso"], arrest["country"]) == ("368", "Iraq")


def test_event_ids_are_stable_across_exports() -> None:
    assert [r["event_id_cnty"] for r in _export()[1]] == [r["event_id_cnty"] for r in _export()[1]]


def test_filter_limits_rows() -> None:
    _, rows = _export(EventFilter(country="IQ"))
    assert [r["rasid_article_id"] for r in rows] == ["iq-1"]


@pytest.mark.parametrize(
    ("i1", "i2", "want"), [(2, 1, 12), (1, 7, 17), (3, None, 30), (None, None, None), (8, 8, 88)]
)
def test_interaction_puts_lower_code_first(i1: int | None, i2: int | None, want: int | None) -> None:
    assert interaction(i1, i2) == want


def test_read_by_a_csv_reader_that_knows_only_acled_columns() -> None:
    buf = io.StringIO(newline="")
    write_acled(all_records(), buf, timestamp=0)
    buf.seek(0)
    picked = [{k: r[k] for k in SPEC[:31]} for r in csv.DictReader(buf)]
    assert len(picked) == 4
    assert all(r["event_id_cnty"] and r["event_type"] for r in picked)
