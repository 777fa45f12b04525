"""Ingest into the store: read inputs of every format, deduplicate, version, quarantine; retry quarantine."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rasid.ingest.files import InputFailure
from rasid.ingest.items import Ingested
from rasid.ingest.sources import IngestOptions, read_inputs
from rasid.store.db import IngestStats, Store

log = logging.getLogger(__name__)


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    opts: IngestOptions | None = None,
    on_item: Callable[[], None] | None = None,
) -> IngestStats:
    """Read ``paths`` and store what they hold; returns counts of added, duplicate, versioned, quarantined."""

    def counted(items: Iterator[Ingested | InputFailure]) -> Iterator[Ingested | InputFailure]:
        for item in items:
            if on_item is not None:
                on_item()
            yield item

    return store.add_articles(counted(read_inputs(paths, opts)))


def source_path(ref: str) -> Path:
    """The file a quarantine reference points into: ``path``, ``path:line``, ``path#entry3``, ``path#uri``."""
    if Path(ref).exists():
        return Path(ref)
    base = ref.split("#", 1)[0]
    return Path(re.sub(r":\d+$", "", base))


@dataclass
class RetryResult:
    resolved: list[int] = field(default_factory=list)
    still_failing: dict[int, str] = field(default_factory=dict)
    stats: IngestStats = field(default_factory=IngestStats)


def retry_quarantine(
    store: Store, ids: Sequence[int] | None = None, opts: IngestOptions | None = None
) -> RetryResult:
    """Read each quarantined input again (after the user fixed the file or raised ``max_bytes``).

    An input that now reads as an article is stored (deduplicated as usual) and its row resolved;
    one that still fails keeps its row open with the new reason reported.
    """
    result = RetryResult()
    rows = store.quarantine_items(ids)
    by_file: dict[Path, list[dict[str, object]]] = {}
    for row in rows:
        by_file.setdefault(source_path(str(row["pointer"] or row["input_ref"])), []).append(row)
    for path, file_rows in by_file.items():
        wanted = {str(r["input_ref"]): int(str(r["id"])) for r in file_rows}
        found: list[Ingested] = []
        seen: set[str] = set()
        for item in read_inputs([path], opts):
            ref = item.ref if isinstance(item, InputFailure) else item.source_ref
            if ref not in wanted:
                continue
            seen.add(ref)
            if isinstance(item, InputFailure):
                result.still_failing[wanted[ref]] = item.reason
            else:
                found.append(item)
                result.resolved.append(wanted[ref])
        for ref, qid in wanted.items():
            if ref not in seen:
                result.still_failing[qid] = f"{ref} no longer produces this input (file changed or removed)"
        if found:
            stats = store.add_articles(found)
            result.stats.added += stats.added
            result.stats.duplicates += stats.duplicates
            result.stats.new_versions += stats.new_versions
    store.resolve_quarantine(result.resolved)
    return result
