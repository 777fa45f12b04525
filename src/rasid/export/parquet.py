"""Parquet, one row per event with its article's columns, typed, claims nested as ``list<struct>``.

Written in row groups of ``batch_size`` events with ``pyarrow.parquet.ParquetWriter``, so memory is bounded
by one batch however many events are exported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from rasid.export.common import EventFilter, EventView, conservative_fatalities, iter_events

SPAN = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])

FIGURE = pa.struct(
    [
        ("kind", pa.string()),
        ("low", pa.int64()),
        ("best", pa.int64()),
        ("high", pa.int64()),
        ("contested", pa.bool_()),
        ("claims", pa.list_(pa.string())),
    ]
)

CLAIM = pa.struct(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("source_name", pa.string()),
        ("via", pa.list_(pa.string())),
        ("stance", pa.string()),
        ("said_on", pa.date32()),
        ("said_on_precision", pa.string()),
        ("figure_kind", pa.string()),
        ("value", pa.int64()),
        ("qualifier", pa.string()),
        ("low", pa.int64()),
        ("high", pa.int64()),
        ("of", pa.string()),
        ("includes", pa.string()),
        ("statement_kind", pa.string()),
        ("statement_text", pa.string()),
        ("evidence", pa.list_(SPAN)),
    ]
)

SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("article_url", pa.string()),
        ("article_outlet", pa.string()),
        ("article_title", pa.string()),
        ("article_language", pa.string()),
        ("article_published", pa.date32()),
        ("article_published_from", pa.string()),
        ("article_text_sha256", pa.string()),
        ("pipeline_version", pa.string()),
        ("event_id", pa.string()),
        ("event_type", pa.string()),
        ("sub_event_type", pa.string()),
        ("plover", pa.string()),
        ("date_start", pa.date32()),
        ("date_end", pa.date32()),
        ("date_precision", pa.string()),
        ("date_rule", pa.string()),
        ("place_name", pa.string()),
        ("place_name_ar", pa.string()),
        ("gazetteer_id", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("country", pa.string()),
        ("admin1", pa.string()),
        ("admin2", pa.string()),
        ("admin3", pa.string()),
        ("place_precision", pa.string()),
        ("actor1", pa.string()),
        ("actor1_name", pa.string()),
        ("actor1_kind", pa.string()),
        ("actor2", pa.string()),
        ("actor2_name", pa.string()),
        ("actor2_kind", pa.string()),
        ("assoc", pa.list_(pa.string())),
        ("fatalities", pa.int64()),
        ("contested", pa.bool_()),
        ("figures", pa.list_(FIGURE)),
        ("claims", pa.list_(CLAIM)),
        ("evidence", pa.list_(SPAN)),
    ]
)

DEFAULT_BATCH = 10_000


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _spans(items: Iterable[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    return [{"start": s["start"], "end": s["end"], "text": s["text"]} for s in items or ()]


def _claim(view: EventView, c: Mapping[str, Any]) -> dict[str, Any]:
    fig = c.get("figure") or {}
    st = c.get("statement") or {}
    said = c.get("said_on") or {}
    return {
        "id": c["id"],
        "source": c["source"],
        "source_name": view.actor_name(c["source"]),
        "via": list(c.get("via") or ()),
        "stance": c.get("stance"),
        "said_on": _date(said.get("date")),
        "said_on_precision": said.get("precision"),
        "figure_kind": fig.get("kind"),
        "value": fig.get("value"),
        "qualifier": fig.get("qualifier"),
        "low": fig.get("low"),
        "high": fig.get("high"),
        "of": fig.get("of"),
        "includes": fig.get("includes"),
        "statement_kind": st.get("kind"),
        "statement_text": st.get("text"),
        "evidence": _spans(c.get("evidence")),
    }


def parquet_row(view: EventView) -> dict[str, Any]:
    art, ev, date, place = view.article, view.event, view.date, view.place
    t = ev.get("type") or {}
    a1, a2 = ev.get("actor1"), ev.get("actor2")
    return {
        "article_id": view.article_id,
        "article_url": art.get("url"),
        "article_outlet": art.get("outlet"),
        "article_title": art.get("title"),
        "article_language": art.get("language"),
        "article_published": _date(art.get("published")),
        "article_published_from": art.get("published_from"),
        "article_text_sha256": art.get("text_sha256"),
        "pipeline_version": (view.record.get("pipeline") or {}).get("version"),
        "event_id": view.event_id,
        "event_type": t.get("event_type"),
        "sub_event_type": t.get("sub_event_type"),
        "plover": t.get("plover"),
        "date_start": _date(date.get("start")),
        "date_end": _date(date.get("end")),
        "date_precision": date.get("precision"),
        "date_rule": date.get("rule"),
        "place_name": place.get("name"),
        "place_name_ar": place.get("name_ar"),
        "gazetteer_id": place.get("gazetteer_id"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "country": place.get("country"),
        "admin1": place.get("admin1"),
        "admin2": place.get("admin2"),
        "admin3": place.get("admin3"),
        "place_precision": place.get("precision"),
        "actor1": a1,
        "actor1_name": view.actor_name(a1) or None,
        "actor1_kind": view.actor_kind(a1),
        "actor2": a2,
        "actor2_name": view.actor_name(a2) or None,
        "actor2_kind": view.actor_kind(a2),
        "assoc": list(ev.get("assoc") or ()),
        "fatalities": conservative_fatalities(view),
        "contested": view.contested,
        "figures": [
            {
                "kind": k,
                "low": f.get("low"),
                "best": f.get("best"),
                "high": f.get("high"),
                "contested": bool(f.get("contested")),
                "claims": list(f.get("claims") or ()),
            }
            for k, f in (ev.get("figures") or {}).items()
        ],
        "claims": [_claim(view, c) for c in view.claims],
        "evidence": _spans(ev.get("evidence")),
    }


def write_parquet(
    records: Iterable[Mapping[str, Any]],
    out: str | Path | IO[bytes],
    *,
    filt: EventFilter | None = None,
    batch_size: int = DEFAULT_BATCH,
) -> int:
    """Write one row per event to a Parquet file at ``out`` (path or binary handle); return rows."""
    n = 0
    rows: list[dict[str, Any]] = []
    where = str(out) if isinstance(out, Path) else out
    with pq.ParquetWriter(where, SCHEMA, compression="zstd") as writer:
        for view in iter_events(records, filt):
            rows.append(parquet_row(view))
            if len(rows) >= batch_size:
                writer.write_table(pa.Table.from_pylist(rows, schema=SCHEMA))
                n += len(rows)
                rows = []
        if rows or n == 0:
            # An export with no events still writes the schema (an empty row group).
            writer.write_table(pa.Table.from_pylist(rows, schema=SCHEMA))
            n += len(rows)
    return n
