"""UCDP-GED-style CSV: the GED's column names and codes, then ``rasid_`` columns.

Mapping (README.md "Exports"): type_of_violence from the actors' kinds, sides ordered as the GED orders
them (the state first; the perpetrator before civilians), deaths split by whose people the killed claims
count (``figure.of``), best/low/high from the reconciled killed figure.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from rasid.export.common import (
    EventFilter,
    EventView,
    claim_number,
    claim_summaries,
    codebooks,
    compact_json,
    csv_row,
    iter_events,
    notes,
    stable_number,
)

# UCDP GED columns (UCDP GED Codebook 23.1), the subset that carries event content, in GED order.
UCDP_COLUMNS: tuple[str, ...] = (
    "id",
    "relid",
    "year",
    "type_of_violence",
    "side_a",
    "side_b",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "country",
    "date_start",
    "date_end",
    "date_prec",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
)

RASID_COLUMNS: tuple[str, ...] = (
    "rasid_article_id",
    "rasid_event_id",
    "rasid_event_type",
    "rasid_sub_event_type",
    "rasid_side_a_id",
    "rasid_side_b_id",
    "rasid_contested",
    "rasid_notes",
    "rasid_claims",
)

COLUMNS = UCDP_COLUMNS + RASID_COLUMNS

ID_DIGITS = 9


def type_and_sides(view: EventView) -> tuple[int, str | None, str | None]:
    """(type_of_violence, side_a id, side_b id): 3 one-sided, 1 state-based, 2 non-state."""
    cb = codebooks()
    a1, a2 = view.event.get("actor1"), view.event.get("actor2")
    k1, k2 = view.actor_kind(a1), view.actor_kind(a2)
    if k1 in cb.civilian_kinds and k2 not in cb.civilian_kinds:
        return 3, a2, a1
    if k2 in cb.civilian_kinds or view.event_type == "Violence against civilians":
        return 3, a1, a2
    if k1 in cb.state_kinds:
        return 1, a1, a2
    if k2 in cb.state_kinds:
        return 1, a2, a1
    return 2, a1, a2


def date_prec(date: Mapping[str, Any]) -> int | None:
    """UCDP date_prec: 1 exact day, 2 a 2-6 day window, 3 a week, 4 up to a month, 5 longer."""
    if not date:
        return None
    days = (dt.date.fromisoformat(date["end"]) - dt.date.fromisoformat(date["start"])).days + 1
    if date.get("precision") == "day" and days == 1:
        return 1
    if days <= 6 and date.get("precision") in ("day", "week"):
        return 2
    if days <= 7:
        return 3
    if days <= 31:
        return 4
    return 5


def _side_of(view: EventView, of: str | None, side_a: str | None, side_b: str | None) -> str:
    cb = codebooks()
    if not of:
        return "unknown"
    if of == "civilians" or view.actor_kind(of) in cb.civilian_kinds:
        return "civilians"
    aff = view.affiliation(of)
    if side_a and side_a in (of, aff):
        return "a"
    if side_b and side_b in (of, aff):
        return "b"
    return "unknown"


def deaths(view: EventView, side_a: str | None, side_b: str | None) -> dict[str, int | None]:
    """deaths_a/b/civilians/unknown and best/low/high.

    The reconciled killed figure gives best (else low, else 0). When the killed claims name one group
    (``of``), all deaths go to it; when they name several, each gets its most conservative claim and best
    is their sum (the GED requires best = the sum of the four death columns). low <= best <= high.
    """
    fig: Mapping[str, Any] = view.figure("killed") or {}
    per: dict[str, int] = {}
    for c in view.figure_claims("killed"):
        n = claim_number(c["figure"])
        if n is None:
            continue
        side = _side_of(view, c["figure"].get("of"), side_a, side_b)
        per[side] = min(per.get(side, n), n)
    best_fig = fig.get("best") if fig.get("best") is not None else fig.get("low")
    out: dict[str, int | None] = {"a": 0, "b": 0, "civilians": 0, "unknown": 0}
    if len(per) <= 1:
        total = int(best_fig) if best_fig is not None else sum(per.values())
        out[next(iter(per), "unknown")] = total
    else:
        out.update(per)
    best = sum(v or 0 for v in out.values())
    lows = [int(fig["low"])] if fig.get("low") is not None else []
    highs = [int(v) for v in (fig.get("high"), fig.get("low")) if v is not None]
    out["best"] = best
    out["low"] = min([best, *lows])
    out["high"] = max([best, *highs])
    return out


def ucdp_fields(view: EventView) -> dict[str, Any]:
    cb = codebooks()
    tov, side_a, side_b = type_and_sides(view)
    ctry = view.country
    date, place, art = view.date, view.place, view.article
    start = date.get("start")
    year = int(start[:4]) if start else None
    ident = stable_number(view.article_id, view.event_id, digits=ID_DIGITS)
    d = deaths(view, side_a, side_b)
    lat, lon = place.get("lat"), place.get("lon")
    src_parts = [art.get("outlet"), art.get("published"), f'"{art["title"]}"' if art.get("title") else None]
    src_parts.append(art.get("url") or art.get("id"))
    return {
        "id": ident,
        "relid": f"{ctry.iso3 if ctry else 'XXX'}-{year or 0}-{tov}-{ident}",
        "year": year,
        "type_of_violence": tov,
        "side_a": view.actor_name(side_a),
        "side_b": view.actor_name(side_b),
        "source_article": "; ".join(str(p) for p in src_parts if p),
        "source_office": art.get("outlet"),
        "source_date": art.get("published"),
        "source_headline": art.get("title"),
        "where_prec": cb.where_prec.get(place.get("precision", "")) if place else None,
        "where_coordinates": place.get("name"),
        "adm_1": place.get("admin1"),
        "adm_2": place.get("admin2"),
        "latitude": lat,
        "longitude": lon,
        "country": ctry.name if ctry else place.get("country"),
        "date_start": start,
        "date_end": date.get("end"),
        "date_prec": date_prec(date),
        "deaths_a": d["a"],
        "deaths_b": d["b"],
        "deaths_civilians": d["civilians"],
        "deaths_unknown": d["unknown"],
        "best": d["best"],
        "high": d["high"],
        "low": d["low"],
        "rasid_article_id": view.article_id,
        "rasid_event_id": view.event_id,
        "rasid_event_type": view.event_type,
        "rasid_sub_event_type": view.sub_event_type,
        "rasid_side_a_id": side_a,
        "rasid_side_b_id": side_b,
        "rasid_contested": view.contested,
        "rasid_notes": notes(view),
        "rasid_claims": claim_summaries(view),
    }


def write_ucdp(records: Iterable[Mapping[str, Any]], out: TextIO, *, filt: EventFilter | None = None) -> int:
    """Write one UCDP-GED-style CSV row per event to ``out`` (opened with ``newline=""``); return rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    n = 0
    for view in iter_events(records, filt):
        row = ucdp_fields(view)
        row["rasid_claims"] = compact_json(row["rasid_claims"])
        writer.writerow(csv_row(row, COLUMNS))
        n += 1
    return n
