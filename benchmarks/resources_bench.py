"""Resources benchmark: cold load of actors + lexicons (+ gazetteer) in a fresh process with peak RSS, and
matching all actors (and all lexicons) over ~3 kB of our own Arabic text. Writes benchmarks/results/resources.json.

Usage: .venv/bin/python benchmarks/resources_bench.py [--no-gazetteer]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Our own made-up sentences, repeated to ~3 kB.
PARAGRAPH = (
    "قالت مصادر محلية إن عناصر د1عش هاجموا نقاطاً لقسد قرب الحسكة، فيما أعلنت وكالة أعماق مقتل عشرات من "
    "مقاتلي ميليشيا PKK. وقال فرهاد شامي مدير المركز الإعلامي لقوات سوريا الديمقراطية إن طائرات للتحالف "
    "الدولي ساندت القوات. وفي اليمن قالت ميليشيا الحوثي إن الحوثيين صدوا هجوماً، وأفاد المرصد السوري "
    "لحقوق الإنسان وشهود عيان بسقوط قتلى. "
)


def _cold(gazetteer: bool) -> dict[str, float]:
    snippet = (
        "import time,resource;t=time.perf_counter();"
        "from rasid.resources.catalogue import load_resources;r=load_resources({});"
        "a=r.actors;l=r.lexicons.load_all();ta=time.perf_counter()-t;"
        + ("g=r.gazetteer;getattr(g,'_matcher',None);" if gazetteer else "")
        + "print(ta, time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", snippet], check=True, capture_output=True, text=True, cwd=ROOT
    )
    ta, tall, rss = (float(x) for x in out.stdout.split())
    return {"actors_lexicons_s": round(ta, 3), "all_s": round(tall, 3), "peak_rss_mb": round(rss, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-gazetteer", action="store_true")
    args = ap.parse_args()
    from rasid.resources.catalogue import load_resources
    from rasid.text.normalize import normalize

    text = PARAGRAPH * (3000 // len(PARAGRAPH.encode("utf-8")) + 1)
    text = text[: max(1, len(text))]
    res = load_resources({})
    norm = normalize(text)
    reg = res.actors
    lexicons = res.lexicons.load_all()
    n = 200
    t = time.perf_counter()
    for _ in range(n):
        mentions = reg.match(norm)
    actor_ms = (time.perf_counter() - t) / n * 1000
    t = time.perf_counter()
    for _ in range(n):
        for lex in lexicons.values():
            lex.match(norm)
    lex_ms = (time.perf_counter() - t) / n * 1000
    places_ms = None
    both_ms = None
    if not args.no_gazetteer:
        gaz = res.gazetteer
        gaz.match(norm)
        t = time.perf_counter()
        for _ in range(n):
            gaz.match(norm)
        places_ms = round((time.perf_counter() - t) / n * 1000, 3)
        t = time.perf_counter()
        for _ in range(n):
            reg.match(norm)
            gaz.match(norm)
        both_ms = round((time.perf_counter() - t) / n * 1000, 3)
    result = {
        "text_bytes": len(text.encode("utf-8")),
        "text_chars": len(text),
        "actors": len(reg),
        "alias_forms": reg.alias_count(),
        "actor_mentions": len(mentions),
        "match_actors_ms": round(actor_ms, 3),
        "match_all_lexicons_ms": round(lex_ms, 3),
        "match_places_ms": places_ms,
        "match_actors_and_places_ms": both_ms,
        "cold": _cold(not args.no_gazetteer),
    }
    out = ROOT / "benchmarks" / "results" / "resources.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
