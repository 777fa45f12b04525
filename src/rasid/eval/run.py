"""Produce the records to score: run the pipeline on gold articles, or read saved predictions."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rasid.errors import Errors, InputError
from rasid.eval.gold import GoldArticle
from rasid.eval.score import EvalResult, score_set
from rasid.model import Article
from rasid.pipeline import Pipeline

log = logging.getLogger(__name__)


def gold_article(gold: GoldArticle) -> Article:
    """The input the system is given for a gold article: its text and the date it gives (or none).

    The gold ``language`` is a label, not an input: the pipeline detects the language itself.
    """
    return Article(id=gold.id, text=gold.text, published=gold.published)


def run_pipeline(gold: Iterable[GoldArticle], pipeline: Pipeline | None = None) -> dict[str, dict[str, Any]]:
    """Records from the (default) pipeline for each gold article, keyed by article id."""
    pipe = pipeline or Pipeline.default()
    return {g.id: pipe.process_one(gold_article(g)).to_dict() for g in gold}


def load_predictions(path: Path) -> dict[str, dict[str, Any]]:
    """Records from a JSONL file (one per line) or a JSON file (one record or a list), by article id."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Errors.E606, path=path, reason=exc) from exc
    records: list[tuple[str, Any]] = []
    try:
        if path.suffix == ".jsonl":
            records = [
                (f"line {n}", json.loads(line)) for n, line in enumerate(raw.splitlines(), 1) if line.strip()
            ]
        else:
            obj = json.loads(raw)
            items = obj if isinstance(obj, list) else [obj]
            records = [(f"item {n}", item) for n, item in enumerate(items)]
    except json.JSONDecodeError as exc:
        raise InputError(Errors.E606, path=path, reason=f"not JSON ({exc})") from exc
    by_id: dict[str, dict[str, Any]] = {}
    for where, record in records:
        article = record.get("article") if isinstance(record, dict) else None
        article_id = article.get("id") if isinstance(article, dict) else None
        if not isinstance(article_id, str):
            raise InputError(Errors.E606, path=path, reason=f"{where} is not a record with article.id")
        if article_id in by_id:
            raise InputError(Errors.E606, path=path, reason=f"{where} repeats article id {article_id!r}")
        by_id[article_id] = record
    return by_id


def evaluate(
    gold: Sequence[GoldArticle],
    predictions: Mapping[str, Mapping[str, Any]] | None = None,
    pipeline: Pipeline | None = None,
) -> EvalResult:
    """Score ``predictions`` (or, when None, the pipeline's records) against ``gold``."""
    records = predictions if predictions is not None else run_pipeline(gold, pipeline)
    return score_set(gold, records)
