from __future__ import annotations

import csv
import io
import json

from rasid.export.common import iter_events
from rasid.export.ucdp import COLUMNS, date_prec, deaths, type_and_sides, write_ucdp
from tests.export.records import all_records, disputed_record

# UCDP GED columns in GED order (UCDP GED Codebook 23.1), written out literally, then rasid's.
SPEC = [
    "id", "relid", "year", "type_of_violence", "side_a", "side_b", "source_article", "source_office",
    "source_date", "source_headline", "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude",
    "longitude", "country", "date_start", "date_end", "date_prec", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low",
    "rasid_article_id", "rasid_event_id", "rasid_event_type", "rasid_sub_event_type", "rasid_side_a_id",
    "rasid_side_b_id", "rasid_contested", "rasid_notes", "rasid_claims",
]  # fmt: skip

DEATHS = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")


def _rows() -> tuple[list[str], list[dict[str, str]]]:
    buf = io.StringIO(newline="")
    n = write_ucdp(all_records(), buf)
    buf.seek(0)
    reader = csv.DictReader(buf)
    rows = list(reader)
    assert n == len(rows)
    return list(reader.fieldnames or []), rows


def test_columns_match_the_listed_spec() -> None:
    assert _rows()[0] == SPEC == list(COLUMNS)


def test_rows_read_back_match_the_records() -> None:
    _, rows = _rows()
    events = [(r, e) for r in all_records() if r["status"] == "ok" for e in r["events"]]
    assert len(rows) == len(events)
    for row, (rec, ev) in zip(rows, events, strict=True):
        assert (row["rasid_article_id"], row["rasid_event_id"]) == (rec["article"]["id"], ev["id"])
        assert (row["date_start"], row["date_end"]) == (ev["date"]["start"], ev["date"]["end"])
        assert row["adm_1"] == ev["place"]["admin1"]
        assert row["where_coordinates"] == ev["place"]["name"]
        assert int(row["best"]) == sum(int(row[k]) for k in DEATHS)
        assert int(row["low"]) <= int(row["best"]) <= int(row["high"])
        assert row["id"].isdigit() and row["relid"].endswith(row["id"])
        assert [c["id"] for c in json.loads(row["rasid_claims"])] == [
            c["id"] for c in rec["claims"] if c["event"] == ev["id"]
        ]


def test_codes_and_deaths() -> None:
    rows = {f"{r['rasid_article_id']}/{r['rasid_event_id']}": r for r in _rows()[1]}
    clash, shelling, arrest = rows["sy-1/e1"], rows["sy-1/e2"], rows["iq-1/e1"]
    # Islamic State vs SDF: non-state; all killed claims count SDF members (side b); conservative best 6.
    assert (clash["type_of_violence"], clash["side_a"], clash["side_b"]) == ("2", "Islamic State", "SDF")
    assert [clash[k] for k in (*DEATHS, "best", "low", "high")] == ["0", "6", "0", "0", "6", "6", "51"]
    assert (clash["where_prec"], clash["date_prec"], clash["country"], clash["year"]) == (
        "1",
        "1",
        "Syria",
        "2023",
    )
    assert clash["source_office"] == "Example Post" and clash["source_date"] == "2023-03-06"
    # Regime shelling of civilians: one-sided, deaths are civilians'.
    assert (shelling["type_of_violence"], shelling["side_b"], shelling["deaths_civilians"]) == (
        "3",
        "Civilians",
        "2",
    )
    assert (shelling["where_prec"], shelling["date_prec"]) == ("4", "2")
    # State forces alone: state-based, no deaths, month precision.
    assert (arrest["type_of_violence"], arrest["best"], arrest["date_prec"]) == ("1", "0", "4")


def test_state_actor_is_side_a_and_several_groups_are_split() -> None:
    rec = disputed_record().to_dict()
    ev = rec["events"][0]
    ev["actor1"], ev["actor2"] = "sdf", "syrian-army"
    # Two groups: 6 SDF (conservative of 51 and 6) + 4 regime soldiers claimed by the SDF.
    rec["claims"].append(
        {"id": "c9", "source": "sdf-media-centre", "via": [], "stance": "asserted", "said_on": None,
         "figure": {"kind": "killed", "value": 4, "qualifier": "exact", "low": 4, "high": 4, "of": "syrian-army",
                    "includes": None}, "statement": None, "event": "e1", "evidence": []}
    )  # fmt: skip
    view = next(iter_events([rec]))
    tov, a, b = type_and_sides(view)
    assert (tov, a, b) == (1, "syrian-army", "sdf")
    d = deaths(view, a, b)
    assert (d["a"], d["b"], d["civilians"], d["unknown"], d["best"]) == (4, 6, 0, 0, 10)
    assert d["low"] == 6 and d["high"] == 51


def test_denied_claims_do_not_count() -> None:
    rec = disputed_record().to_dict()
    rec["claims"][1]["stance"] = "denied"  # the SDF's 6 becomes a denial
    rec["events"][0]["figures"]["killed"] = {
        "low": 51,
        "best": 51,
        "high": 51,
        "contested": False,
        "claims": ["c1"],
    }
    view = next(iter_events([rec]))
    assert deaths(view, "islamic-state", "sdf")["b"] == 51


def test_date_prec_from_precision_and_span() -> None:
    def d(start: str, end: str, precision: str) -> dict[str, str]:
        return {"start": start, "end": end, "precision": precision}

    assert date_prec(d("2023-01-01", "2023-01-01", "day")) == 1
    assert date_prec(d("2023-01-01", "2023-01-04", "day")) == 2
    assert date_prec(d("2023-01-01", "2023-01-07", "week")) == 3
    assert date_prec(d("2023-01-01", "2023-01-31", "month")) == 4
    assert date_prec(d("2023-01-01", "2023-12-31", "year")) == 5
    assert date_prec({}) is None
