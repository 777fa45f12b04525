"""``rasid export``: stream stored records (or a JSONL file of records) into ACLED/UCDP CSV, GeoJSON, JSONL
or Parquet."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from rasid.cli import app
from rasid.errors import Errors, ExportError, InputError, RasidError
from rasid.export.api import FORMATS, write_export
from rasid.export.common import EventFilter
from rasid.ingest.files import valid_date

DEFAULT_DB = "sqlite:///rasid.db"


def iter_jsonl_records(path: Path) -> Iterator[dict[str, Any]]:
    """Records from a JSONL file (``rasid extract -f jsonl`` output), one at a time."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(Errors.E008, path=path, reason=exc.strerror or str(exc)) from exc
    with handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(Errors.E009, line=n, path=path, reason=exc.msg) from exc
            if not isinstance(rec, dict):
                raise InputError(Errors.E009, line=n, path=path, reason="not a JSON object")
            yield rec


def iter_store_records(url: str, filt: EventFilter) -> Iterator[dict[str, Any]]:
    """Current ok records from the store at ``url``, pre-filtered by the database."""
    try:
        from rasid.store.db import Store
    except ImportError as exc:
        raise ExportError(Errors.E502, reason=str(exc)) from exc
    with Store.open(url) as store:
        yield from store.iter_records(None if filt.is_empty() else filt)


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help=" | ".join(FORMATS))],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    db: Annotated[str, typer.Option("--db", help="Database URL to export from.")] = DEFAULT_DB,
    from_jsonl: Annotated[
        Path | None,
        typer.Option("--from-jsonl", help="Export records from this JSONL file instead of a database."),
    ] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO alpha-2 code, e.g. SY.")] = None,
    admin1: Annotated[str | None, typer.Option("--admin1", help="First-level division name.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Events ending on/after YYYY-MM-DD.")] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Events starting on/before YYYY-MM-DD.")
    ] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Actor id in any role.")] = None,
    event_type: Annotated[
        str | None, typer.Option("--event-type", help="ACLED event type or sub-event type.")
    ] = None,
) -> None:
    """Export events (one row or feature per event; jsonl: one record per article), streaming."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}", param_hint="--format")
    for name, value in (("--since", since), ("--until", until)):
        try:
            valid_date(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint=name) from exc
    filt = EventFilter(country, admin1, since, until, actor, event_type)
    records = iter_jsonl_records(from_jsonl) if from_jsonl else iter_store_records(db, filt)
    try:
        n = write_export(fmt, records, output, filt=None if filt.is_empty() else filt)
    except RasidError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=1) from exc
    unit = "records" if fmt == "jsonl" else "events"
    typer.echo(f"wrote {n} {unit} to {output}", err=True)
