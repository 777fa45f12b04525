"""Full-pipeline throughput over a synthetic corpus of our own Arabic articles.

The corpus joins varied copies of the bundled examples and the golden set's texts (sentences rotated,
figures changed, so caches cannot make repeats free) and cuts each at the line end nearest a size
target. Issue 6 states its target for "3 kB" articles; both readings are measured by default: 3,000
bytes of UTF-8 (about 1,700 Arabic characters) and 3,000 characters (about 5.4 kB). Reports
articles/s per core (best of --repeat passes), characters/s, time per stage and peak RSS as JSON
under benchmarks/results/ — numbers, not asserts.

    python benchmarks/throughput.py [-n 1000] [--size 3000bytes --size 3000chars] [--gazetteer PATH]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from rasid import __version__
from rasid.ingest.files import InputFailure, read_paths
from rasid.model import Article
from rasid.pipeline import Context, Doc, Pipeline, Stage, StageFunc
from rasid.text.lang import detect_language

ROOT = Path(__file__).resolve().parents[1]


def base_articles() -> list[Article]:
    """Our own Arabic articles: the bundled examples and the golden set's texts (never outlets' text)."""
    items = [
        a
        for a in read_paths([ROOT / "examples"])
        if not isinstance(a, InputFailure) and detect_language(a.text) == "ar"
    ]
    for path in sorted((ROOT / "tests" / "golden").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold.get("language", "ar") == "ar" and gold.get("text"):
            items.append(Article(id=gold["id"], text=gold["text"], published=gold.get("published")))
    if not items:
        sys.exit("no examples/ or tests/golden/ articles to build the corpus from")
    return items


def vary(article: Article, n: int, rng: random.Random) -> Article:
    lines = article.text.splitlines()
    if len(lines) > 2:
        head, body = lines[:1], lines[1:]
        k = rng.randrange(len(body))
        body = body[k:] + body[:k]
        lines = head + body
    text = re.sub(
        r"\d+",
        lambda m: str(int(m.group()) + rng.randrange(0, 9)) if len(m.group()) < 4 else m.group(),
        "\n".join(lines),
    )
    return Article(id=f"{article.id}-{n}", text=text, published=article.published or "2024-01-15")


def size_of(text: str, unit: str) -> int:
    return len(text.encode("utf-8")) if unit == "bytes" else len(text)


def cut(text: str, target: int, unit: str) -> str:
    """``text`` cut at the line end nearest to ``target`` (in ``unit``), so sizes average the target."""
    best = text
    best_gap = abs(size_of(text, unit) - target)
    pos = text.find("\n")
    while pos != -1:
        gap = abs(size_of(text[:pos], unit) - target)
        if gap < best_gap:
            best, best_gap = text[:pos], gap
        pos = text.find("\n", pos + 1)
    return best


def corpus(n: int, seed: int = 7, target: int = 3000, unit: str = "chars") -> Iterator[Article]:
    """``n`` Arabic articles of about ``target`` characters or UTF-8 bytes: varied base articles joined
    (a report often carries several stories) and cut at the line end nearest the target."""
    rng = random.Random(seed)
    bases = base_articles()
    for i in range(n):
        start = rng.randrange(len(bases))
        text = ""
        k = 0
        while size_of(text, unit) < target * 1.3 and k < len(bases):
            part = vary(bases[(start + k) % len(bases)], i, rng).text
            text = part if not text else text + "\n" + part
            k += 1
        yield Article(
            id=f"bench-{i}", text=cut(text, target, unit), published=bases[start].published or "2024-01-15"
        )


def stage_times(pipeline: Pipeline, articles: list[Article]) -> dict[str, float]:
    """Milliseconds per article spent in each stage: a second pass over the same articles with every
    stage wrapped in a timer (same pipeline, same context)."""
    totals = dict.fromkeys(pipeline.names, 0.0)
    clock = time.perf_counter

    def timed(stage: Stage) -> StageFunc:
        def run(doc: Doc, ctx: Context) -> None:
            t = clock()
            stage.func(doc, ctx)
            totals[stage.name] += clock() - t

        return run

    timed_pipeline = Pipeline([replace(s, func=timed(s)) for s in pipeline.stages], pipeline.context)
    for article in articles:
        timed_pipeline.process_one(article)
    return {name: round(1000 * total / len(articles), 3) for name, total in totals.items()}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=1000, help="articles per size (default 1000)")
    parser.add_argument(
        "--size",
        action="append",
        metavar="N[bytes|chars]",
        help="article size to measure, e.g. 3000bytes or 3000chars; repeatable "
        "(default: both 3000bytes, i.e. 3 kB of UTF-8, and 3000chars)",
    )
    parser.add_argument(
        "--gazetteer", type=Path, help="a compiled gazetteer from `rasid gazetteer build` (default: embedded)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "throughput.json")
    parser.add_argument(
        "--no-stages", action="store_true", help="skip the second pass that times each stage separately"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per size; the best is kept")
    args = parser.parse_args()
    sizes = [parse_size(s) for s in (args.size or ["3000bytes", "3000chars"])]

    config = {"gazetteer_path": str(args.gazetteer)} if args.gazetteer else {"gazetteer": "embedded"}
    pipeline = Pipeline.default(config)
    t0 = time.perf_counter()
    warm = next(corpus(1))
    pipeline.process_one(warm)  # loads resources once, as a worker's setup would
    setup_s = time.perf_counter() - t0

    runs = [measure(pipeline, args.n, size, unit, args.repeat, not args.no_stages) for size, unit in sizes]
    result = {
        "benchmark": "throughput",
        "rasid": __version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "stages": list(pipeline.names),
        "gazetteer": args.gazetteer.name if args.gazetteer else "embedded",
        "articles": args.n,
        "setup_s": round(setup_s, 3),
        "sizes": runs,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


def parse_size(text: str) -> tuple[int, str]:
    match = re.fullmatch(r"(\d+)\s*(bytes|chars)", text.strip())
    if match is None:
        raise SystemExit(f"--size {text!r}: expected a number followed by bytes or chars, e.g. 3000bytes")
    return int(match.group(1)), match.group(2)


def measure(pipeline: Pipeline, n: int, size: int, unit: str, repeat: int, stages: bool) -> dict[str, object]:
    """Articles/s over ``n`` articles of ``size`` ``unit``: the best of ``repeat`` timed passes (the
    machine is shared, so the least disturbed pass is the closest to the code's own speed)."""
    articles = list(corpus(n, target=size, unit=unit))
    chars = sum(len(a.text) for a in articles)
    errors = sum(pipeline.process_one(a).status != "ok" for a in articles)
    passes = []
    for _ in range(max(1, repeat)):
        t = time.perf_counter()
        for article in articles:
            pipeline.process_one(article)
        passes.append(time.perf_counter() - t)
    best = min(passes)
    return {
        "size_target": f"{size} {unit}",
        "mean_chars": round(chars / n),
        "mean_utf8_bytes": round(sum(len(a.text.encode("utf-8")) for a in articles) / n),
        "passes_s": [round(x, 3) for x in passes],
        "articles_per_s_per_core": round(n / best, 1),
        "chars_per_s": round(chars / best),
        "ms_per_article": round(1000 * best / n, 3),
        "errors": errors,
        "stage_ms_per_article": stage_times(pipeline, articles) if stages else {},
    }


if __name__ == "__main__":
    main()
