"""One entry point for every export format: ``write_export(fmt, records, path)``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rasid.errors import Errors, ExportError
from rasid.export.common import EventFilter

FORMATS = ("acled", "ucdp", "geojson", "jsonl", "parquet")


def write_export(
    fmt: str,
    records: Iterable[Mapping[str, Any]],
    path: Path,
    *,
    filt: EventFilter | None = None,
    timestamp: int | None = None,
) -> int:
    """Stream ``records`` into ``path`` as ``fmt``; return the rows written (events, or records for jsonl)."""
    if fmt not in FORMATS:
        raise ExportError(Errors.E501, name=fmt, known=", ".join(FORMATS))
    if fmt == "parquet":
        from rasid.export.parquet import write_parquet

        return write_parquet(records, path, filt=filt)
    with path.open("w", encoding="utf-8", newline="") as out:
        if fmt == "acled":
            from rasid.export.acled import write_acled

            return write_acled(records, out, filt=filt, timestamp=timestamp)
        if fmt == "ucdp":
            from rasid.export.ucdp import write_ucdp

            return write_ucdp(records, out, filt=filt)
        if fmt == "geojson":
            from rasid.export.geojson import write_geojson

            return write_geojson(records, out, filt=filt, timestamp=timestamp)
        from rasid.export.jsonl import write_jsonl

        return write_jsonl(records, out, filt=filt)
