"""JSONL of ``rasid.article/1`` records, one per line, unchanged."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from rasid.export.common import EventFilter, record_matches


def write_jsonl(records: Iterable[Mapping[str, Any]], out: TextIO, *, filt: EventFilter | None = None) -> int:
    """Write each record (those with a matching event when ``filt`` is set) as one line; return lines."""
    n = 0
    for rec in records:
        if not record_matches(rec, filt):
            continue
        out.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        n += 1
    return n
