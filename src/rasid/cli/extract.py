"""``rasid extract``: run the pipeline on files and print rasid.article/1 records."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from rasid.cli import app
from rasid.cli.progress import progress_iter
from rasid.ingest.files import InputFailure, read_paths, valid_date
from rasid.model import Article, Record
from rasid.pipeline import Pipeline


def records_for(paths: list[Path], published: str | None) -> Iterator[tuple[Record, str | None]]:
    pipeline = Pipeline.default()
    for item in read_paths(paths, published):
        if isinstance(item, InputFailure):
            yield pipeline.error_record(Article(id=item.ref, text=""), item.reason), None
        else:
            yield pipeline.process_one(item), item.text


def _table(records: list[dict[str, Any]]) -> Table:
    table = Table(title="rasid records", show_lines=True)
    for col in ("article", "status", "events", "claims"):
        table.add_column(col)
    for rec in records:
        events = "\n".join(
            f"{e['type']['sub_event_type']} | {(e.get('date') or {}).get('start', '?')} | "
            f"{(e.get('place') or {}).get('name', '?')} | {e.get('actor1')} vs {e.get('actor2')}"
            for e in rec["events"]
        )
        claims = "\n".join(
            f"{c['source']} ({c['stance']}): {c['figure']['qualifier']} {c['figure']['value']} {c['figure']['kind']}"
            if c.get("figure")
            else f"{c['source']} ({c['stance']}): {c['statement']['kind']}"
            for c in rec["claims"]
        )
        status = rec["status"] if rec["status"] == "ok" else f"error: {rec['error']}"
        table.add_row(rec["article"]["id"], status, events or "-", claims or "-")
    return table


@app.command()
def extract(
    paths: Annotated[
        list[Path], typer.Argument(help="Text files (one article each), JSONL files, or folders.")
    ],
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date YYYY-MM-DD for articles that give none."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | table")] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Extract events and attributed claims from articles."""
    if fmt not in ("json", "jsonl", "table"):
        raise typer.BadParameter("expected json, jsonl or table", param_hint="--format")
    try:
        valid_date(published)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--published") from exc
    records = [r.to_dict() for r, _ in progress_iter(records_for(paths, published), "extracting")]
    if fmt == "table":
        console = Console(file=output.open("w", encoding="utf-8") if output else sys.stdout, width=160)
        console.print(_table(records))
        return
    if fmt == "jsonl":
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    else:
        body = json.dumps(records[0] if len(records) == 1 else records, ensure_ascii=False, indent=1) + "\n"
    if output:
        output.write_text(body, encoding="utf-8")
    else:
        sys.stdout.write(body)
