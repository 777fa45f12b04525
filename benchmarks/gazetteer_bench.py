"""Gazetteer benchmark: build, cold load (fresh process), RSS, matching speed, and how much of the WOF
extract's Arabic locality names (SY/IQ/YE) the embedded default finds. Writes benchmarks/results/gazetteer.json.

With ``--compiled PATH`` (a file from ``rasid gazetteer build --wof ../shared/data/gazetteer -o PATH``) the same
load/RSS/matching numbers are taken for that build too (key ``compiled``). Timings are the minimum over
repetitions (the machine is shared); RSS is the peak of a fresh process that loads the gazetteer and matches
once (``peak_rss_mb``), and its resident size after the load (``steady_rss_mb``).

Usage: .venv/bin/python benchmarks/gazetteer_bench.py [--wof ../shared/data/gazetteer] [--compiled PATH]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "قالت مصادر محلية إن مسلحين هاجموا سجن الصناعة في حي غويران بمدينة الحسكة، فيما قصفت طائرات مواقع في "
    "ريف دير الزور الشرقي قرب الباغوز وهجين، واندلعت اشتباكات في منبج وتل أبيض ورأس العين. وفي العراق، "
    "استهدفت صواريخ قاعدة عين الأسد في الأنبار ومطار أربيل، بينما شهدت الموصل وكركوك احتجاجات. "
)

# A fresh process: import, load (the automaton included), one match; prints load s, peak and steady RSS.
SNIPPET = """
import gc, json, resource, sys, time
t0 = time.perf_counter()
from rasid.resources.gazetteer import load_gazetteer
from rasid.text.normalize import normalize
t1 = time.perf_counter()
g = load_gazetteer(json.loads(sys.argv[1]))
g._matcher
t2 = time.perf_counter()
g.resolve_all(g.match(normalize(sys.argv[2])))
gc.collect()
steady = int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps([t1 - t0, t2 - t1, peak, steady]))
"""


def cold(config: dict[str, str], env: dict[str, str], runs: int = 3) -> dict[str, Any]:
    out = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-c", SNIPPET, json.dumps(config), TEXT],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        out.append(json.loads(proc.stdout))
    return {
        "import_s": round(min(x[0] for x in out), 3),
        "cold_load_s": [round(x[1], 3) for x in out],
        "peak_rss_mb": round(max(x[2] for x in out), 1),
        "steady_rss_mb": round(max(x[3] for x in out), 1),
    }


def speed(gaz: Any, reps: int = 9, n: int = 50) -> dict[str, Any]:
    from rasid.text.normalize import normalize

    norm = normalize((TEXT * 8)[:3000])
    ms = gaz.match(norm)
    gaz.resolve_all(ms)
    match_t, resolve_t = [], []
    for _ in range(reps):
        t = time.perf_counter()
        for _ in range(n):
            ms = gaz.match(norm)
        match_t.append((time.perf_counter() - t) / n)
        t = time.perf_counter()
        for _ in range(n):
            gaz.resolve_all(ms)
        resolve_t.append((time.perf_counter() - t) / n)
    return {
        "match_3kb_ms": round(min(match_t) * 1000, 4),
        "resolve_all_3kb_ms": round(min(resolve_t) * 1000, 4),
        "mentions_in_3kb": len(ms),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wof", type=Path, default=ROOT.parent / "shared" / "data" / "gazetteer")
    ap.add_argument("--compiled", type=Path, help="a compiled gazetteer file to measure as well")
    args = ap.parse_args()
    cache = Path(tempfile.mkdtemp(prefix="rasid-bench-"))
    env = dict(os.environ, RASID_CACHE_DIR=str(cache))
    embedded = {"gazetteer": "embedded"}
    t0 = time.perf_counter()
    first = cold(embedded, env, runs=1)  # compiles the embedded default into the empty cache
    build_wall = time.perf_counter() - t0
    os.environ["RASID_CACHE_DIR"] = str(cache)
    from rasid.resources.gazetteer import load_gazetteer
    from rasid.text.normalize import fold

    gaz = load_gazetteer(embedded)
    coverage: dict[str, dict[str, float]] = {}
    for cc in ("sy", "iq", "ye"):
        path = args.wof / f"wof-{cc}.tsv.gz"
        if not path.is_file():
            continue
        total = found = 0
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if r["placetype"] != "locality" or not any("\u0600" <= ch <= "\u06ff" for ch in r["name_ar"]):
                    continue
                total += 1
                found += bool(gaz.lookup(fold(r["name_ar"])))
        coverage[cc.upper()] = {
            "wof_arabic_localities": total,
            "found": found,
            "share": round(found / total, 4),
        }
    result: dict[str, Any] = {
        "entries": len(gaz),
        "names": gaz.n_forms,
        "first_build_wall_s": round(build_wall, 2),
        "first_build_peak_rss_mb": first["peak_rss_mb"],
        **cold(embedded, env),
        **speed(gaz),
        "embedded_coverage_of_wof_arabic_localities": coverage,
    }
    if args.compiled is not None:
        config = {"gazetteer_path": str(args.compiled.resolve())}
        user = load_gazetteer(config)
        result["compiled"] = {
            "path": str(args.compiled),
            "file_mb": round(args.compiled.stat().st_size / 2**20, 1),
            "entries": len(user),
            "names": user.n_forms,
            **cold(config, env),
            **speed(user),
        }
    out = ROOT / "benchmarks" / "results" / "gazetteer.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
