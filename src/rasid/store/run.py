"""``run``: process the articles waiting in the store, batch by batch, each batch one transaction.

Resumable by construction: a batch's records and its articles' status change commit together, so a
run killed at any moment (kill -9 included) leaves whole batches; the next run picks up what is
still pending. A unique index allows one current record per article, so nothing is duplicated.

Concurrent runs share the work: each claims its batch (a lease in the articles table) before
processing it, so two ``rasid run`` processes, or workers on several machines against one PostgreSQL
database, never process the same article twice. A run that dies leaves its lease behind; the next run
to start sees the process is gone (same host) or its heartbeat is stale, marks it ``interrupted`` and
frees its batch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from rasid import __version__
from rasid.model import Article, Record
from rasid.store.db import Store

log = logging.getLogger(__name__)


class Runner(Protocol):
    def map(self, articles: list[Article]) -> list[Record]: ...


@dataclass
class RunSummary:
    run_id: int
    processed: int = 0
    errors: int = 0
    quarantined: int = 0
    batches: int = 0
    seconds: float = 0.0
    error_reasons: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "processed": self.processed,
            "errors": self.errors,
            "quarantined": self.quarantined,
            "batches": self.batches,
            "seconds": round(self.seconds, 3),
            "error_reasons": dict(self.error_reasons),
        }


def run(
    store: Store,
    runner: Runner,
    *,
    batch: int = 200,
    reprocess: bool = False,
    version: str = __version__,
    config: dict[str, Any] | None = None,
    on_batch: Callable[[int], None] | None = None,
    batch_delay: float = 0.0,
) -> RunSummary:
    """Process pending articles (and, with ``reprocess``, those whose record is from another version).

    ``on_batch(n)`` is called after each committed batch of ``n`` articles (for a progress bar);
    ``batch_delay`` seconds are slept before each commit (a hook for the kill -9 test, 0 otherwise).
    """
    t0 = time.perf_counter()
    run_id = store.start_run(version, {"batch": batch, "reprocess": reprocess, **(config or {})})
    summary = RunSummary(run_id)
    after = 0
    swept = False
    status = "failed"
    try:
        while True:
            pending = store.claim(run_id, batch, version if reprocess else None, after_id=after)
            if not pending and not swept:
                # one more look from the start: a batch another run held may have been freed since
                after, swept = 0, True
                pending = store.claim(run_id, batch, version if reprocess else None)
            if not pending:
                break
            records = runner.map([p.article for p in pending])
            if batch_delay:
                time.sleep(batch_delay)  # between processing and commit: a kill here is mid-batch
            store.save_records([(p.db_id, r) for p, r in zip(pending, records, strict=True)], run_id)
            after = pending[-1].db_id
            summary.batches += 1
            summary.processed += len(records)
            for r in records:
                if r.status != "ok":
                    summary.errors += 1
                    code = (r.error or "")[1:5] if (r.error or "").startswith("[") else "other"
                    summary.error_reasons[code] = summary.error_reasons.get(code, 0) + 1
            if on_batch is not None:
                on_batch(len(records))
        status = "done"
    finally:
        store.finish_run(run_id, status)
    summary.quarantined = len(store.quarantine_list())
    summary.seconds = time.perf_counter() - t0
    log.info("run %d: %s", run_id, summary.to_dict())
    return summary
