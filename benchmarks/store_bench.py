"""Store benchmark: ingest, run and store throughput (articles/s) on SQLite and, when set, PostgreSQL.

Phases per backend, on N generated articles of our own writing:
  ingest       read N .txt files + one JSONL of N lines, dedup, insert        (articles/s)
  run_empty    ``run`` with no stages: pending -> records -> commit per batch (articles/s, store overhead)
  store_full   ``save_records`` of records with 2 events, 3 claims, 3 actors  (records/s, denormalization)
  end_to_end   ingest + ``run`` with the default pipeline, one worker         (articles/s per core)
Writes benchmarks/results/store.json.

    .venv/bin/python benchmarks/store_bench.py [--articles 2000] [--batch 200]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from rasid import __version__
from rasid.ingest.sources import IngestOptions
from rasid.model import Record, sha256_text
from rasid.runtime.local import LocalRunner
from rasid.store.db import Store
from rasid.store.ingest import ingest_paths
from rasid.store.run import run

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "store.json"

# Made-up report templates (our own writing), varied by number and place so every article is distinct.
TEMPLATES = [
    "اشتباكات في ريف {place}\n\nقالت مصادر محلية إن اشتباكات اندلعت صباح الخميس في ريف {place} "
    "بين قوات الحكومة ومجموعة مسلحة، وأسفرت عن مقتل {n} عناصر وإصابة آخرين، بحسب ناشطين.",
    "Shelling near {place}\n\nLocal sources said artillery shelling hit villages near {place} on Tuesday, "
    "killing {n} civilians and injuring several others, according to a medical official.",
    "غارة جوية على {place}\n\nأعلن مصدر عسكري أن طائرة مسيرة استهدفت موقعاً قرب {place} مساء الأحد، "
    "ما أدى إلى مقتل {n} مسلحين، فيما نفت الجماعة وقوع خسائر في صفوفها.",
]
PLACES = ["الحسكة", "دير الزور", "Mosul", "إدلب", "Marib", "الرقة", "حلب", "Tripoli"]


def article(i: int) -> str:
    return TEMPLATES[i % len(TEMPLATES)].format(place=PLACES[i % len(PLACES)], n=3 + i % 40) + f" ({i})\n"


def full_record(i: int, text: str) -> Record:
    """A record shaped like a real one: 3 actors, 2 events with figures, 3 claims, spans into ``text``."""
    span = {"start": 0, "end": 10, "text": text[:10]}
    actors = [
        {"id": a, "name": a, "name_ar": None, "kind": "rebel_group", "affiliation": None, "mentions": [span]}
        for a in ("sdf", "islamic-state", "unnamed-local-sources")
    ]
    events = [
        {
            "id": f"e{k}",
            "type": {"event_type": "Battles", "sub_event_type": "Armed clash", "plover": "ASSAULT"},
            "date": {
                "start": "2022-01-20",
                "end": "2022-01-20",
                "precision": "day",
                "rule": "r",
                "evidence": [span],
            },
            "place": {
                "name": "Al-Hasakah",
                "name_ar": None,
                "gazetteer_id": None,
                "lat": 36.5,
                "lon": 40.7,
                "country": "SY",
                "admin1": "Al-Hasakah",
                "admin2": None,
                "admin3": None,
                "precision": "town",
                "evidence": [span],
            },
            "actor1": "islamic-state",
            "actor2": "sdf",
            "assoc": [],
            "figures": {
                "killed": {"low": 3, "best": 3, "high": 5, "contested": True, "claims": ["c1", "c2"]}
            },
            "evidence": [span],
        }
        for k in (1, 2)
    ]
    claims = [
        {
            "id": f"c{k}",
            "source": "unnamed-local-sources",
            "via": [],
            "stance": "asserted",
            "said_on": None,
            "figure": {
                "kind": "killed",
                "value": 3 + k,
                "qualifier": "exact",
                "low": None,
                "high": None,
                "of": "sdf",
                "includes": None,
            },
            "statement": None,
            "event": "e1",
            "evidence": [span],
        }
        for k in (1, 2, 3)
    ]
    return Record.from_dict(
        {
            "schema": "rasid.article/1",
            "status": "ok",
            "error": None,
            "pipeline": {"version": __version__, "resources": {}},
            "article": {
                "id": f"b{i}",
                "url": None,
                "outlet": None,
                "title": None,
                "language": "ar",
                "published": None,
                "published_from": "unknown",
                "text_sha256": sha256_text(text),
            },
            "actors": actors,
            "claims": claims,
            "events": events,
            "warnings": [],
        }
    )


def fresh(url: str, tmp: Path, name: str) -> str:
    if url.startswith("sqlite"):
        return f"sqlite:///{tmp / name}.db"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()
    return url


def bench(url: str, n: int, batch: int, tmp: Path) -> dict[str, Any]:
    inputs = tmp / "in"
    if not inputs.exists():
        inputs.mkdir()
        half = n // 2
        for i in range(half):
            (inputs / f"a{i:06d}.txt").write_text(article(i), encoding="utf-8")
        with (inputs / "rest.jsonl").open("w", encoding="utf-8") as fh:
            for i in range(half, n):
                fh.write(json.dumps({"id": f"j{i}", "text": article(i)}, ensure_ascii=False) + "\n")
    out: dict[str, Any] = {}

    with Store.open(fresh(url, tmp, "a")) as store:
        t0 = time.perf_counter()
        stats = ingest_paths(store, [inputs], IngestOptions())
        dt = time.perf_counter() - t0
        out["ingest"] = {
            "articles": stats.added,
            "seconds": round(dt, 3),
            "per_s": round(stats.added / dt, 1),
        }
        t0 = time.perf_counter()
        with LocalRunner(1, stages=[]) as runner:
            summary = run(store, runner, batch=batch)
        dt = time.perf_counter() - t0
        out["run_empty"] = {
            "articles": summary.processed,
            "seconds": round(dt, 3),
            "per_s": round(summary.processed / dt, 1),
        }
        pending = []
        t0 = time.perf_counter()
        with LocalRunner(1, stages=[]) as runner:
            summary = run(store, runner, batch=batch, reprocess=True, version="bench")
        # the reprocess above re-saved empty records; now time full records (events/claims/actors)
        pending = store.pending(n, reprocess_version="bench-full")
        records = [(p.db_id, full_record(i, p.article.text)) for i, p in enumerate(pending)]
        t0 = time.perf_counter()
        for k in range(0, len(records), batch):
            store.save_records(records[k : k + batch])
        dt = time.perf_counter() - t0
        out["store_full"] = {
            "records": len(records),
            "seconds": round(dt, 3),
            "per_s": round(len(records) / dt, 1),
        }

    with Store.open(fresh(url, tmp, "b")) as store:
        t0 = time.perf_counter()
        ingest_paths(store, [inputs], IngestOptions())
        with LocalRunner(1) as runner:
            t1 = time.perf_counter()
            runner.check()  # resources load once per process: reported separately
            setup = time.perf_counter() - t1
            summary = run(store, runner, batch=batch)
        dt = time.perf_counter() - t0 - setup
        out["end_to_end"] = {
            "articles": summary.processed,
            "errors": summary.errors,
            "stages": list(LocalRunner(1)._local().names),
            "setup_seconds": round(setup, 3),
            "seconds": round(dt, 3),
            "per_s": round(summary.processed / dt, 1),
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=200)
    args = ap.parse_args()
    backends = {"sqlite": "sqlite"}
    if os.environ.get("RASID_TEST_PG_URL"):
        backends["postgresql"] = os.environ["RASID_TEST_PG_URL"]
    result: dict[str, Any] = {
        "benchmark": "store",
        "version": __version__,
        "articles": args.articles,
        "batch": args.batch,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "backends": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, url in backends.items():
            result["backends"][name] = bench(url, args.articles, args.batch, Path(tmp))
            print(name, json.dumps(result["backends"][name]))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
