"""Helpers shared by the extract tests that run the whole default pipeline."""

from __future__ import annotations

from rasid.model import Article, Record
from rasid.pipeline import Pipeline


def run(pipeline: Pipeline, text: str, published: str | None = "2024-03-09") -> Record:
    """The record of one of our own test texts; the article must not fail."""
    record = pipeline.process_one(Article("t", text, published=published))
    assert record.status == "ok", record.error
    return record
