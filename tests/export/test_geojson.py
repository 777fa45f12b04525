from __future__ import annotations

import io
import json

import shapely
from shapely.geometry import Point, shape

from rasid.export.common import EventFilter
from rasid.export.geojson import write_geojson
from tests.export.records import all_records


def _collection(filt: EventFilter | None = None) -> tuple[int, dict[str, object]]:
    buf = io.StringIO()
    n = write_geojson(all_records(), buf, filt=filt, timestamp=5)
    return n, json.loads(buf.getvalue())


def test_feature_collection_structure_and_valid_geometries() -> None:
    n, fc = _collection()
    assert fc["type"] == "FeatureCollection"
    features = fc["features"]
    assert isinstance(features, list) and len(features) == n == 4
    events = [(r, e) for r in all_records() if r["status"] == "ok" for e in r["events"]]
    for feat, (rec, ev) in zip(features, events, strict=True):
        assert feat["type"] == "Feature"
        assert set(feat) == {"type", "id", "geometry", "properties"}
        props = feat["properties"]
        assert (props["rasid_article_id"], props["rasid_event_id"]) == (rec["article"]["id"], ev["id"])
        assert props["rasid_figures"] == ev["figures"]
        assert [c["id"] for c in props["rasid_claims"]] == [
            c["id"] for c in rec["claims"] if c["event"] == ev["id"]
        ]
        if ev["place"]["lat"] is None:
            assert feat["geometry"] is None
            continue
        geom = shape(feat["geometry"])
        assert isinstance(geom, Point)
        assert shapely.is_valid(geom)
        assert (geom.x, geom.y) == (ev["place"]["lon"], ev["place"]["lat"])  # GeoJSON order: lon, lat
        assert -180 <= geom.x <= 180 and -90 <= geom.y <= 90


def test_claim_summaries_keep_the_dispute() -> None:
    _, fc = _collection()
    props = fc["features"][0]["properties"]  # type: ignore[index]
    killed = {c["source"]: c["value"] for c in props["rasid_claims"] if c["kind"] == "killed"}
    assert killed == {"amaq": 50, "sdf-media-centre": 6}
    assert props["rasid_contested"] is True and props["fatalities"] == 6
    assert props["rasid_figures"]["killed"]["high"] == 51


def test_empty_export_is_a_valid_collection() -> None:
    n, fc = _collection(EventFilter(country="YE"))
    assert n == 0 and fc == {"type": "FeatureCollection", "features": []}
