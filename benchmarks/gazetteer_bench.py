"""Gazetteer benchmark: build, cold load (fresh process), RSS, matching speed, and how much of the WOF
extract's Arabic locality names (SY/IQ/YE) the embedded default finds. Writes benchmarks/results/gazetteer.json.

Usage: .venv/bin/python benchmarks/gazetteer_bench.py [--wof ../shared/data/gazetteer]
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

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "قالت مصادر محلية إن مسلحين هاجموا سجن الصناعة في حي غويران بمدينة الحسكة، فيما قصفت طائرات مواقع في "
    "ريف دير الزور الشرقي قرب الباغوز وهجين، واندلعت اشتباكات في منبج وتل أبيض ورأس العين. وفي العراق، "
    "استهدفت صواريخ قاعدة عين الأسد في الأنبار ومطار أربيل، بينما شهدت الموصل وكركوك احتجاجات. "
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wof", type=Path, default=ROOT.parent / "shared" / "data" / "gazetteer")
    args = ap.parse_args()
    cache = Path(tempfile.mkdtemp(prefix="rasid-bench-"))
    env = dict(os.environ, RASID_CACHE_DIR=str(cache))
    py = sys.executable
    snippet = (
        "import time,resource;t=time.perf_counter();"
        "from rasid.resources.gazetteer import load_gazetteer;g=load_gazetteer({'gazetteer':'embedded'});"
        "g._matcher;print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)"
    )
    t0 = time.perf_counter()
    first = subprocess.run([py, "-c", snippet], env=env, capture_output=True, text=True, check=True)
    build_wall = time.perf_counter() - t0
    loads = []
    for _ in range(3):
        out = subprocess.run([py, "-c", snippet], env=env, capture_output=True, text=True, check=True)
        loads.append([float(x) for x in out.stdout.split()])
    os.environ["RASID_CACHE_DIR"] = str(cache)
    from rasid.resources.gazetteer import load_gazetteer
    from rasid.text.normalize import fold, normalize

    gaz = load_gazetteer({"gazetteer": "embedded"})
    text = (TEXT * 8)[:3000]
    norm = normalize(text)
    gaz.match(norm)
    n = 200
    t = time.perf_counter()
    for _ in range(n):
        ms = gaz.match(norm)
    match_ms = (time.perf_counter() - t) / n * 1000
    t = time.perf_counter()
    for _ in range(n):
        gaz.resolve_all(ms)
    resolve_ms = (time.perf_counter() - t) / n * 1000

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
    result = {
        "entries": len(gaz),
        "names": gaz.n_forms,
        "first_build_wall_s": round(build_wall, 2),
        "first_build_stdout": first.stdout.strip(),
        "cold_load_s": [round(x[0], 3) for x in loads],
        "cold_load_process_rss_mb": [round(x[1], 1) for x in loads],
        "match_3kb_ms": round(match_ms, 4),
        "resolve_all_3kb_ms": round(resolve_ms, 4),
        "mentions_in_3kb": len(ms),
        "embedded_coverage_of_wof_arabic_localities": coverage,
    }
    out = ROOT / "benchmarks" / "results" / "gazetteer.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
