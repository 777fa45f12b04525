"""Export benchmark: N synthetic events through every format; seconds and peak RSS per format.

Each (format, size) runs in a fresh subprocess so its peak RSS is its own. Records are generated lazily
(two events per record), so a flat peak RSS between the small and the large size shows the exporters stream.
Writes benchmarks/results/export.json.

    .venv/bin/python benchmarks/export_bench.py [--events 100000] [--small 10000]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "export.json"
FORMATS = ("acled", "ucdp", "geojson", "jsonl", "parquet")
TARGET_SECONDS = 20.0

PLACES = [
    ("SY", "Deir ez-Zor", "Al-Mayadin", "Al-Shuhayl", 35.05, 40.36),
    ("IQ", "Nineveh", "Mosul", "Mosul", 36.34, 43.12),
    ("YE", "Marib", None, "Marib", 15.46, 45.32),
    ("ML", "Mopti", "Djenne", "Djenne", 13.9, -4.55),
    ("SO", "Banaadir", None, "Mogadishu", 2.04, 45.34),
    ("LY", "Tripoli", None, "Tripoli", 32.89, 13.19),
]
TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Arrests"),
]
TEXT = "Made-up benchmark text: a group said 12 fighters were killed; officials said 3 were killed."


def _span(needle: str) -> dict[str, Any]:
    start = TEXT.index(needle)
    return {"start": start, "end": start + len(needle), "text": needle}


def synthetic_records(n_events: int) -> Iterator[dict[str, Any]]:
    """Records of two events each, three claims (a dispute), generated one at a time."""
    s12, s3 = _span("12 fighters were killed"), _span("3 were killed")
    for i in range(0, n_events, 2):
        events, claims = [], []
        for j in range(min(2, n_events - i)):
            k = i + j
            cc, a1, a2, name, lat, lon = PLACES[k % len(PLACES)]
            et, st = TYPES[k % len(TYPES)]
            eid = f"e{j + 1}"
            claims += [
                {"id": f"c{j}a", "source": "group-media", "via": ["group"], "stance": "asserted",
                 "said_on": {"date": "2023-05-02", "precision": "day"},
                 "figure": {"kind": "killed", "value": 12, "qualifier": "more_than", "low": 13, "high": None,
                            "of": "army", "includes": None}, "statement": None, "event": eid, "evidence": [s12]},
                {"id": f"c{j}b", "source": "army", "via": [], "stance": "asserted", "said_on": None,
                 "figure": {"kind": "killed", "value": 3, "qualifier": "exact", "low": 3, "high": 3,
                            "of": "army", "includes": None}, "statement": None, "event": eid, "evidence": [s3]},
                {"id": f"c{j}c", "source": "group-media", "via": ["group"], "stance": "alleged", "said_on": None,
                 "figure": None, "statement": {"kind": "responsibility", "text": "the group carried it out"},
                 "event": eid, "evidence": [s12]},
            ]  # fmt: skip
            events.append(
                {"id": eid, "type": {"event_type": et, "sub_event_type": st, "plover": None},
                 "date": {"start": f"2023-05-{1 + k % 28:02d}", "end": f"2023-05-{1 + k % 28:02d}",
                          "precision": "day", "rule": "given", "evidence": []},
                 "place": {"name": name, "name_ar": None, "gazetteer_id": None, "lat": lat + (k % 100) / 1000,
                           "lon": lon, "country": cc, "admin1": a1, "admin2": a2, "admin3": None,
                           "precision": "town", "evidence": []},
                 "actor1": "group", "actor2": "army", "assoc": [],
                 "figures": {"killed": {"low": 3, "best": 3, "high": 13, "contested": True,
                                        "claims": [f"c{j}a", f"c{j}b"]}},
                 "evidence": [s12]}
            )  # fmt: skip
        yield {
            "schema": "rasid.article/1", "status": "ok", "error": None,
            "pipeline": {"version": "bench", "resources": {}},
            "article": {"id": f"bench-{i // 2:07d}", "url": None, "outlet": "Bench Wire", "title": "Bench",
                        "language": "en", "published": "2023-05-03", "published_from": "given",
                        "text_sha256": "0" * 64},
            "actors": [
                {"id": "group", "name": "Armed group", "name_ar": None, "kind": "rebel_group", "affiliation": None, "mentions": []},
                {"id": "group-media", "name": "Group media", "name_ar": None, "kind": "media", "affiliation": "group", "mentions": []},
                {"id": "army", "name": "Army", "name_ar": None, "kind": "state_forces", "affiliation": None, "mentions": []},
            ],
            "claims": claims, "events": events, "warnings": [],
        }  # fmt: skip


def run_one(fmt: str, n_events: int) -> dict[str, Any]:
    """In this process: export ``n_events`` as ``fmt`` to a temp file; seconds, bytes, peak RSS."""
    from rasid.export.api import write_export

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"out.{fmt}"
        t0 = time.perf_counter()
        rows = write_export(fmt, synthetic_records(n_events), out, timestamp=0)
        seconds = time.perf_counter() - t0
        size = out.stat().st_size
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return {"rows": rows, "seconds": round(seconds, 3), "bytes": size, "peak_rss_mb": round(rss_kb / 1024, 1)}


def generation_only(n_events: int) -> float:
    t0 = time.perf_counter()
    for _ in synthetic_records(n_events):
        pass
    return round(time.perf_counter() - t0, 3)


def _child(fmt: str, n: int) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", fmt, "--events", str(n)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--child", default=None)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, args.events)))
        return
    report: dict[str, Any] = {
        "benchmark": "export",
        "events": args.events,
        "small_events": args.small,
        "target_seconds": TARGET_SECONDS,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "generation_seconds": generation_only(args.events),
        "formats": {},
    }
    for fmt in FORMATS:
        big = _child(fmt, args.events)
        small = _child(fmt, args.small)
        big["events_per_s"] = round(args.events / big["seconds"])
        big["peak_rss_mb_small"] = small["peak_rss_mb"]
        big["rss_growth_mb"] = round(big["peak_rss_mb"] - small["peak_rss_mb"], 1)
        big["under_target"] = big["seconds"] < TARGET_SECONDS
        report["formats"][fmt] = big
        print(f"{fmt:8s} {big['seconds']:7.2f} s  {big['events_per_s']:>7d} ev/s  peak RSS {big['peak_rss_mb']} MB "
              f"({small['peak_rss_mb']} MB at {args.small})")  # fmt: skip
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
