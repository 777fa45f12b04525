"""The default runner: the pipeline in this process, or in a stdlib process pool.

It calls ``Pipeline.process_one`` and knows nothing of the stages. Each worker builds its pipeline
once (resources load once per worker process), then handles articles in chunks.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from rasid.model import Article, Record
from rasid.pipeline import Pipeline

log = logging.getLogger(__name__)

_WORKER_PIPELINE: Pipeline | None = None


def build_pipeline(stages: Sequence[str] | None, config: dict[str, Any]) -> Pipeline:
    """The default pipeline, or the named stages in order (checked by ``Pipeline.from_config``)."""
    return Pipeline.default(config) if stages is None else Pipeline.from_config(list(stages), config)


def _init_worker(stages: Sequence[str] | None, config: dict[str, Any]) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = build_pipeline(stages, config)


def _process(article: Article) -> Record:
    assert _WORKER_PIPELINE is not None, "worker initializer did not run"
    return _WORKER_PIPELINE.process_one(article)


class LocalRunner:
    """``runner.map(articles) -> records`` (same order). ``workers=1`` runs in this process."""

    def __init__(
        self,
        workers: int = 1,
        config: dict[str, Any] | None = None,
        chunksize: int = 8,
        stages: Sequence[str] | None = None,
    ) -> None:
        self.workers = max(1, workers)
        self.stages = tuple(stages) if stages is not None else None
        self.config = dict(config or {})
        self.chunksize = chunksize
        self._pipeline: Pipeline | None = None
        self._pool: ProcessPoolExecutor | None = None

    def _local(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = build_pipeline(self.stages, self.config)
        return self._pipeline

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn: workers never inherit the parent's database connections or threads.
            ctx = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=ctx, initializer=_init_worker, initargs=(self.stages, self.config)
            )
        return self._pool

    def check(self) -> None:
        """Build the pipeline here once, so a configuration error surfaces before any work starts."""
        self._local()

    def map(self, articles: Sequence[Article]) -> list[Record]:
        if self.workers == 1 or len(articles) <= 1:
            pipe = self._local()
            return [pipe.process_one(a) for a in articles]
        chunk = max(1, min(self.chunksize, len(articles) // (self.workers * 2) or 1))
        return list(self._executor().map(_process, articles, chunksize=chunk))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
