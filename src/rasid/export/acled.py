"""ACLED-style CSV: ACLED's column names, order and value conventions, then ``rasid_`` columns.

The mapping is documented in README.md ("Exports"); codebook tables live in data/export/codebooks.yaml.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from rasid.export.common import (
    EventFilter,
    EventView,
    claim_summaries,
    codebooks,
    compact_json,
    conservative_fatalities,
    csv_row,
    figures_dict,
    iter_events,
    notes,
    source_names,
    stable_number,
)

# ACLED's columns in ACLED's order (ACLED Codebook 2023, data export).
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# rasid's extra columns, after ACLED's, so ACLED readers that select by name still load the file.
RASID_COLUMNS: tuple[str, ...] = (
    "rasid_article_id",
    "rasid_event_id",
    "rasid_date_end",
    "rasid_fatalities_low",
    "rasid_fatalities_best",
    "rasid_fatalities_high",
    "rasid_contested",
    "rasid_figures",
    "rasid_claims",
    "rasid_url",
    "rasid_outlet",
    "rasid_pipeline_version",
)

COLUMNS = ACLED_COLUMNS + RASID_COLUMNS

ID_DIGITS = 10


def _civilian_name(view: EventView) -> str:
    # ACLED names civilian actors after their country: "Civilians (Syria)".
    return f"Civilians ({view.country.name})" if view.country else "Civilians"


def _actor(view: EventView, actor_id: str | None) -> tuple[str, int | None]:
    kind = view.actor_kind(actor_id)
    name = _civilian_name(view) if kind in codebooks().civilian_kinds else view.actor_name(actor_id)
    return name, codebooks().acled_inter.get(kind) if kind else None


def _assoc(view: EventView) -> tuple[list[str], list[str]]:
    """Split ``assoc`` between the sides: an associated actor affiliated with actor2 goes with actor2."""
    side1: list[str] = []
    side2: list[str] = []
    a2 = view.event.get("actor2")
    for aid in view.event.get("assoc") or ():
        aff = view.affiliation(aid)
        (side2 if a2 and aff == a2 else side1).append(view.actor_name(aid))
    return side1, side2


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: the two inter codes, lower first (12); one actor alone gives e.g. 10."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def acled_fields(view: EventView, timestamp: int) -> dict[str, Any]:
    """One event as ACLED-style typed fields (ints, floats, strings, None); CSV and GeoJSON share it."""
    cb = codebooks()
    ctry = view.country
    iso3 = ctry.iso3 if ctry else "XXX"
    actor1, inter1 = _actor(view, view.event.get("actor1"))
    actor2, inter2 = _actor(view, view.event.get("actor2"))
    assoc1, assoc2 = _assoc(view)
    date = view.date
    start = date.get("start")
    place = view.place
    killed: Mapping[str, Any] = view.figure("killed") or {}
    lat, lon = place.get("lat"), place.get("lon")
    return {
        "event_id_cnty": f"{iso3}{stable_number(view.article_id, view.event_id, digits=ID_DIGITS)}",
        "event_date": start,
        "year": int(start[:4]) if start else None,
        "time_precision": cb.time_precision.get(date.get("precision", "")) if date else None,
        "disorder_type": cb.disorder_by_sub_type.get(view.sub_event_type)
        or cb.disorder_by_type.get(view.event_type),
        "event_type": view.event_type,
        "sub_event_type": view.sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": "; ".join(assoc1),
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": "; ".join(assoc2),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting"
        if view.actor_kind(view.event.get("actor2")) in cb.civilian_kinds
        else "",
        "iso": ctry.numeric if ctry else None,
        "region": ctry.region if ctry else None,
        "country": ctry.name if ctry else place.get("country"),
        "admin1": place.get("admin1"),
        "admin2": place.get("admin2"),
        "admin3": place.get("admin3"),
        "location": place.get("name"),
        "latitude": round(float(lat), 4) if lat is not None else None,
        "longitude": round(float(lon), 4) if lon is not None else None,
        "geo_precision": cb.geo_precision.get(place.get("precision", "")) if place else None,
        "source": "; ".join(source_names(view)),
        "source_scale": "",
        "notes": notes(view),
        "fatalities": conservative_fatalities(view),
        "tags": "contested figures" if view.contested else "",
        "timestamp": timestamp,
        "rasid_article_id": view.article_id,
        "rasid_event_id": view.event_id,
        "rasid_date_end": date.get("end"),
        "rasid_fatalities_low": killed.get("low"),
        "rasid_fatalities_best": killed.get("best"),
        "rasid_fatalities_high": killed.get("high"),
        "rasid_contested": view.contested,
        "rasid_figures": figures_dict(view),
        "rasid_claims": claim_summaries(view),
        "rasid_url": view.article.get("url"),
        "rasid_outlet": view.article.get("outlet"),
        "rasid_pipeline_version": (view.record.get("pipeline") or {}).get("version"),
    }


def write_acled(
    records: Iterable[Mapping[str, Any]],
    out: TextIO,
    *,
    filt: EventFilter | None = None,
    timestamp: int | None = None,
) -> int:
    """Write one ACLED-style CSV row per event of ``records`` to ``out``; return the number of rows.

    ``out`` should be opened with ``newline=""``. ``timestamp`` (unix seconds, ACLED's "last updated")
    defaults to now, taken once so every row of one export carries the same value.
    """
    ts = int(time.time()) if timestamp is None else timestamp
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    n = 0
    for view in iter_events(records, filt):
        row = acled_fields(view, ts)
        row["rasid_figures"] = compact_json(row["rasid_figures"])
        row["rasid_claims"] = compact_json(row["rasid_claims"])
        writer.writerow(csv_row(row, COLUMNS))
        n += 1
    return n
