"""GeoJSON FeatureCollection, one Feature per event, written as a stream (RFC 7946).

Each Feature has a Point geometry ``[lon, lat]`` (``null`` when the event has no coordinates) and the
ACLED-style fields as properties, plus the reconciled figures and the claim summaries as nested values.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from rasid.export.acled import acled_fields
from rasid.export.common import EventFilter, EventView, iter_events


def feature(view: EventView, timestamp: int) -> dict[str, Any]:
    place = view.place
    lat, lon = place.get("lat"), place.get("lon")
    geometry = (
        {"type": "Point", "coordinates": [float(lon), float(lat)]}
        if lat is not None and lon is not None
        else None
    )
    props = acled_fields(view, timestamp)
    # Full-precision coordinates in the geometry; properties keep ACLED's 4 decimals.
    return {"type": "Feature", "id": props["event_id_cnty"], "geometry": geometry, "properties": props}


def write_geojson(
    records: Iterable[Mapping[str, Any]],
    out: TextIO,
    *,
    filt: EventFilter | None = None,
    timestamp: int | None = None,
) -> int:
    """Write a FeatureCollection to ``out`` one Feature per line (valid JSON overall); return features."""
    ts = int(time.time()) if timestamp is None else timestamp
    out.write('{"type":"FeatureCollection","features":[\n')
    n = 0
    for view in iter_events(records, filt):
        if n:
            out.write(",\n")
        out.write(json.dumps(feature(view, ts), ensure_ascii=False, separators=(",", ":")))
        n += 1
    out.write("\n]}\n")
    return n
