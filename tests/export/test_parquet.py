from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from rasid.export.common import EventFilter
from rasid.export.parquet import SCHEMA, write_parquet
from tests.export.records import all_records


def test_rows_read_back_match_the_records(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_parquet(all_records(), path, batch_size=2) == 4
    pf = pq.ParquetFile(path)
    assert pf.metadata.num_row_groups == 2  # written in batches
    table = pf.read()
    assert table.schema.equals(SCHEMA)
    rows = table.to_pylist()
    events = [(r, e) for r in all_records() if r["status"] == "ok" for e in r["events"]]
    assert len(rows) == len(events)
    for row, (rec, ev) in zip(rows, events, strict=True):
        art = rec["article"]
        assert (row["article_id"], row["event_id"]) == (art["id"], ev["id"])
        assert row["article_published"] == (
            dt.date.fromisoformat(art["published"]) if art["published"] else None
        )
        assert row["date_start"] == dt.date.fromisoformat(ev["date"]["start"])
        assert (row["latitude"], row["longitude"]) == (ev["place"]["lat"], ev["place"]["lon"])
        assert row["assoc"] == ev["assoc"]
        assert {
            f["kind"]: {k: f[k] for k in ("low", "best", "high", "contested", "claims")}
            for f in row["figures"]
        } == ev["figures"]
        claims = [c for c in rec["claims"] if c["event"] == ev["id"]]
        assert [c["id"] for c in row["claims"]] == [c["id"] for c in claims]
        for got, want in zip(row["claims"], claims, strict=True):
            fig = want["figure"] or {}
            assert (got["source"], got["stance"], got["value"], got["of"]) == (
                want["source"], want["stance"], fig.get("value"), fig.get("of"),
            )  # fmt: skip
            assert got["evidence"] == want["evidence"]
            assert got["via"] == want["via"]


def test_typed_columns(tmp_path: Path) -> None:
    path = tmp_path / "e.parquet"
    write_parquet(all_records(), path)
    schema = pq.read_schema(path)
    assert schema.field("date_start").type == pa.date32()
    assert schema.field("latitude").type == pa.float64()
    assert schema.field("fatalities").type == pa.int64()
    assert schema.field("contested").type == pa.bool_()
    claims = schema.field("claims").type
    assert pa.types.is_list(claims) and pa.types.is_struct(claims.value_type)
    assert claims.value_type.field("value").type == pa.int64()


def test_empty_export_keeps_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "none.parquet"
    assert write_parquet(all_records(), path, filt=EventFilter(country="YE")) == 0
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.schema.equals(SCHEMA)
