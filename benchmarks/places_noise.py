"""Place-name precision of the gazetteer on our gold articles: how many event-role place mentions resolve to
a country that none of the article's gold events is in (noise such as "إلى" -> a village in Ardabil), plus
the accuracy on the 248-mention places gold. Writes benchmarks/results/places_noise.json.

A mention is in an event-role position unless it lies inside an actor name ("قوات سوريا الديمقراطية") or a
hashtag; a country name is never counted as noise (a capital or country that reacts is legitimate).

Usage: .venv/bin/python benchmarks/places_noise.py [--gazetteer-cache DIR]
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.resources.test_gazetteer_gold import load_gold, score

    from rasid.resources.catalogue import load_resources
    from rasid.text.normalize import normalize

    res = load_resources({"gazetteer": "embedded"})
    gaz, actors = res.gazetteer, res.actors
    total = noise = articles = 0
    words: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for path in sorted(GOLDEN.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if "expect" not in doc or doc.get("language", "ar") != "ar":
            continue
        gold = {e["place"]["country"] for e in doc["expect"].get("events", []) if e.get("place")}
        if not gold:
            continue
        articles += 1
        text = doc["text"]
        norm = normalize(text)
        actor_spans = [(m.span.start, m.span.end) for m in actors.match(norm)]
        mentions = gaz.match(norm)
        for m, e in zip(mentions, gaz.resolve_all(mentions), strict=True):
            if e is None or any(m.span.start < b and a < m.span.end for a, b in actor_spans):
                continue
            if m.key_start > 0 and norm.key[max(0, m.key_start - 3) : m.key_start].rstrip().endswith("#"):
                continue
            total += 1
            if e.feature != "country" and e.country not in gold:
                noise += 1
                words[m.span.text] += 1
                examples.setdefault(m.span.text, f"{e.name} ({e.country}, {e.feature})")
    t = time.perf_counter()
    acc, _ = score(gaz)
    result = {
        "gold_articles": articles,
        "event_role_mentions": total,
        "noise_mentions": noise,
        "noise_share": round(noise / total, 4) if total else 0.0,
        "noise_words": {w: f"{n}x -> {examples[w]}" for w, n in words.most_common()},
        "places_gold_accuracy": round(acc, 4),
        "places_gold_mentions": len(load_gold()),
        "places_gold_seconds": round(time.perf_counter() - t, 2),
    }
    out = ROOT / "benchmarks" / "results" / "places_noise.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
