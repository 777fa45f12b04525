"""``rasid ingest | run | quarantine | events | claims``: the database commands. Thin over ``rasid.store``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from rasid.cli import app
from rasid.errors import RasidError
from rasid.ingest.files import valid_date
from rasid.ingest.sources import DEFAULT_MAX_BYTES, IngestOptions
from rasid.store import DEFAULT_URL

if TYPE_CHECKING:
    from rasid.store.db import Store

DbOption = Annotated[
    str,
    typer.Option(
        "--db", envvar="RASID_DB", help="Database URL: sqlite:///rasid.db or postgresql+psycopg://…"
    ),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table | json")]

quarantine_app = typer.Typer(
    help="Inputs that could not be ingested: list them, retry them.", no_args_is_help=True
)
app.add_typer(quarantine_app, name="quarantine")

_err = Console(stderr=True)


def _open(url: str) -> Store:
    from rasid.store.db import Store

    try:
        return Store.open(url)
    except RasidError as exc:
        _err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc


def _progress() -> Progress:
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    return Progress(*columns, console=_err, transient=True, disable=not _err.is_terminal)


def _emit(rows: list[dict[str, Any]], fmt: str, title: str, columns: list[str]) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    table = Table(title=title)
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    Console(width=200).print(table)


def _check_format(fmt: str) -> None:
    if fmt not in ("table", "json"):
        raise typer.BadParameter("expected table or json", param_hint="--format")


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or folders: txt, jsonl, csv, html, rss/atom, warc(.gz), .urls lists."),
    ],
    db: DbOption = DEFAULT_URL,
    max_size: Annotated[
        int, typer.Option("--max-size", help="Refuse (quarantine) an article input above this many bytes.")
    ] = DEFAULT_MAX_BYTES,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for inputs that give none.")
    ] = None,
) -> None:
    """Store articles in the database: deduplicated, versioned, bad inputs quarantined with a reason."""
    from rasid.store.ingest import ingest_paths

    try:
        valid_date(published)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--published") from exc
    store = _open(db)
    with _progress() as bar:
        task = bar.add_task("ingesting", total=None)
        stats = ingest_paths(
            store, paths, IngestOptions(max_bytes=max_size, published=published), lambda: bar.advance(task)
        )
    store.close()
    reasons = ", ".join(f"{k}: {v}" for k, v in sorted(stats.reasons.items()))
    typer.echo(
        f"ingested: {stats.added} added, {stats.duplicates} duplicates, {stats.new_versions} new versions, "
        f"{stats.quarantined} quarantined" + (f" ({reasons})" if reasons else "")
    )


@app.command("run")
def run_cmd(
    db: DbOption = DEFAULT_URL,
    batch: Annotated[
        int, typer.Option("--batch", min=1, help="Articles per batch (one transaction each).")
    ] = 200,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="Worker processes.")] = 1,
    reprocess: Annotated[
        bool, typer.Option("--reprocess", help="Also redo articles processed by another pipeline version.")
    ] = False,
    stages: Annotated[
        str | None,
        typer.Option("--stages", help="Comma-separated stage names instead of the default pipeline."),
    ] = None,
    batch_delay: Annotated[
        float, typer.Option("--batch-delay", envvar="RASID_RUN_BATCH_DELAY", hidden=True, help="Test hook.")
    ] = 0.0,
) -> None:
    """Run the pipeline on every unprocessed article; resumable after an interruption."""
    from rasid import __version__
    from rasid.runtime.local import LocalRunner
    from rasid.store.run import run

    names = [n.strip() for n in stages.split(",") if n.strip()] if stages is not None else None
    runner = LocalRunner(workers, stages=names)
    try:
        runner.check()
    except RasidError as exc:
        _err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    store = _open(db)
    total = store.count_pending(__version__ if reprocess else None)
    with _progress() as bar, runner:
        task = bar.add_task("processing", total=total)
        summary = run(
            store,
            runner,
            batch=batch,
            reprocess=reprocess,
            config={"workers": workers, "stages": names},
            on_batch=lambda n: bar.advance(task, n),
            batch_delay=batch_delay,
        )
    store.close()
    reasons = ", ".join(f"{k}: {v}" for k, v in sorted(summary.error_reasons.items()))
    typer.echo(
        f"run {summary.run_id}: {summary.processed} processed, {summary.errors} errors"
        + (f" ({reasons})" if reasons else "")
        + f", {summary.quarantined} quarantined inputs open, {summary.seconds:.1f}s"
    )


@app.command("runs")
def runs_cmd(
    db: DbOption = DEFAULT_URL,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many runs, newest first.")] = 20,
    fmt: FormatOption = "table",
) -> None:
    """Past and current runs: status (running, done, failed, interrupted), counts, host and process."""
    _check_format(fmt)
    store = _open(db)
    rows = store.runs(limit)
    store.close()
    columns = ["id", "status", "version", "started", "finished", "heartbeat", "processed", "errors"]
    _emit(rows, fmt, "runs", [*columns, "host", "pid"])


@quarantine_app.command("list")
def quarantine_list(
    db: DbOption = DEFAULT_URL,
    all_rows: Annotated[bool, typer.Option("--all", help="Include resolved rows.")] = False,
    fmt: FormatOption = "table",
) -> None:
    """Inputs that could not be ingested, with their coded reason."""
    _check_format(fmt)
    store = _open(db)
    rows = store.quarantine_list(include_resolved=all_rows)
    store.close()
    _emit(rows, fmt, "quarantine", ["id", "code", "input_ref", "reason", "size", "created", "resolved"])


@quarantine_app.command("retry")
def quarantine_retry(
    ids: Annotated[list[int] | None, typer.Argument(help="Quarantine ids (default: all open).")] = None,
    db: DbOption = DEFAULT_URL,
    max_size: Annotated[
        int, typer.Option("--max-size", help="Size limit for the retry.")
    ] = DEFAULT_MAX_BYTES,
) -> None:
    """Read quarantined inputs again (after fixing them); those that now work are stored and resolved."""
    from rasid.store.ingest import retry_quarantine

    store = _open(db)
    result = retry_quarantine(store, ids or None, IngestOptions(max_bytes=max_size))
    store.close()
    for qid, reason in sorted(result.still_failing.items()):
        typer.echo(f"{qid}: still failing: {reason}")
    typer.echo(
        f"retried: {len(result.resolved)} resolved ({result.stats.added} added, "
        f"{result.stats.duplicates} duplicates), {len(result.still_failing)} still failing"
    )


@app.command()
def events(
    db: DbOption = DEFAULT_URL,
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166 alpha-2, e.g. SY.")] = None,
    admin1: Annotated[str | None, typer.Option("--admin1")] = None,
    since: Annotated[str | None, typer.Option("--since", help="YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option("--until", help="YYYY-MM-DD")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Actor id in any role, e.g. sdf.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="ACLED event or sub-event type.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 1000,
    fmt: FormatOption = "table",
) -> None:
    """Events in the database, newest first."""
    _check_format(fmt)
    for name, value in (("--since", since), ("--until", until)):
        try:
            valid_date(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint=name) from exc
    from rasid.store.filters import RecordFilter

    store = _open(db)
    filt = RecordFilter(country, admin1, since, until, actor, event_type)
    rows = []
    for row in store.iter_events(filt):
        rows.append(row)
        if len(rows) >= limit:
            break
    if fmt == "json":
        for row in rows:
            row["figures"] = store.figures_for_event(int(row["id"]))
    store.close()
    _emit(
        rows,
        fmt,
        "events",
        [
            "id",
            "article",
            "date_start",
            "sub_event_type",
            "place_name",
            "country",
            "admin1",
            "actor1",
            "actor2",
        ],
    )


@app.command()
def claims(
    event: Annotated[
        int | None,
        typer.Option("--event", help="Event id, as shown by `rasid events` (default: all claims)."),
    ] = None,
    db: DbOption = DEFAULT_URL,
    fmt: FormatOption = "table",
) -> None:
    """Who claimed what: about one event, or every claim in the database."""
    _check_format(fmt)
    store = _open(db)
    rows = store.claims_for_event(event) if event is not None else list(store.iter_claims())
    store.close()
    if fmt == "table":
        for row in rows:
            row["via"] = ",".join(row["via"] or [])
    columns = ["claim_key", "source", "via", "stance", "said_on", "figure_kind", "qualifier", "value", "of"]
    if event is None:
        columns = ["article", "event_id", *columns]
    _emit(
        rows, fmt, f"claims of event {event}" if event is not None else "claims", [*columns, "statement_kind"]
    )
