"""Full-pipeline throughput over a synthetic corpus built from the bundled examples.

The corpus repeats the examples with variations (sentences rotated, figures changed) so that caches
cannot make repeats free. Reports articles/s per core, characters/s and peak RSS as JSON under
benchmarks/results/ — numbers, not asserts.

    python benchmarks/throughput.py [-n 2000] [--out benchmarks/results/throughput.json]
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

ROOT = Path(__file__).resolve().parents[1]


def base_articles() -> list[Article]:
    items = [a for a in read_paths([ROOT / "examples"]) if not isinstance(a, InputFailure)]
    if not items:
        sys.exit("no examples/ articles to build the corpus from")
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


def corpus(n: int, seed: int = 7, target_chars: int = 3000) -> Iterator[Article]:
    """``n`` articles of about ``target_chars`` characters: varied examples, several joined when short."""
    rng = random.Random(seed)
    bases = base_articles()
    for i in range(n):
        parts = [vary(bases[(i + k) % len(bases)], i, rng) for k in range(len(bases))]
        text = parts[0].text
        for part in parts[1:]:
            if len(text) >= target_chars:
                break
            text += "\n" + part.text
        yield Article(id=f"bench-{i}", text=text, published=parts[0].published)


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
    parser.add_argument("-n", type=int, default=2000, help="number of articles (default 2000)")
    parser.add_argument("--chars", type=int, default=3000, help="approximate article size (default 3000)")
    parser.add_argument(
        "--gazetteer", type=Path, help="a compiled gazetteer from `rasid gazetteer build` (default: embedded)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "throughput.json")
    parser.add_argument(
        "--no-stages", action="store_true", help="skip the second pass that times each stage separately"
    )
    args = parser.parse_args()

    config = {"gazetteer_path": str(args.gazetteer)} if args.gazetteer else {"gazetteer": "embedded"}
    pipeline = Pipeline.default(config)
    t0 = time.perf_counter()
    warm = next(corpus(1))
    pipeline.process_one(warm)  # loads resources once, as a worker's setup would
    setup_s = time.perf_counter() - t0

    articles = list(corpus(args.n, target_chars=args.chars))
    chars = sum(len(a.text) for a in articles)
    errors = 0
    t1 = time.perf_counter()
    for article in articles:
        if pipeline.process_one(article).status != "ok":
            errors += 1
    elapsed = time.perf_counter() - t1
    stages = {} if args.no_stages else stage_times(pipeline, articles)
    result = {
        "benchmark": "throughput",
        "rasid": __version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "stages": list(pipeline.names),
        "gazetteer": str(args.gazetteer) if args.gazetteer else "embedded",
        "articles": args.n,
        "mean_chars": round(chars / args.n),
        "setup_s": round(setup_s, 3),
        "seconds": round(elapsed, 3),
        "articles_per_s_per_core": round(args.n / elapsed, 1),
        "chars_per_s": round(chars / elapsed),
        "ms_per_article": round(1000 * elapsed / args.n, 3),
        "errors": errors,
        "stage_ms_per_article": stages,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
