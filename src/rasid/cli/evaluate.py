"""``rasid eval``: score the pipeline (or saved predictions) against gold files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from rasid.cli import app
from rasid.cli.progress import progress_iter
from rasid.errors import RasidError
from rasid.eval.baseline import below_floors, load_baseline, update_baseline
from rasid.eval.gold import load_gold
from rasid.eval.report import article_details, result_json, scores_table
from rasid.eval.run import evaluate, load_predictions, run_pipeline


@app.command("eval")
def evaluate_command(
    gold_paths: Annotated[
        list[Path], typer.Argument(help="Gold files (*.json, *.jsonl) or folders of them (eval/FORMAT.md).")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print scores and details as JSON on stdout.")
    ] = False,
    pred: Annotated[
        Path | None,
        typer.Option("--pred", help="Score these records (JSONL, matched by article id) instead of running."),
    ] = None,
    details: Annotated[
        bool, typer.Option("--details", help="Print per-article matches, misses and false positives.")
    ] = False,
    update: Annotated[
        Path | None,
        typer.Option(
            "--update-baseline", help="Raise the floors in this baseline file to the current scores."
        ),
    ] = None,
    set_name: Annotated[
        str | None, typer.Option("--set-name", help="Gold-set name in the baseline (e.g. tests/golden).")
    ] = None,
    check: Annotated[
        Path | None,
        typer.Option("--check-baseline", help="Exit 1 when a score is below its floor in this file."),
    ] = None,
) -> None:
    """Score extraction against gold files; exit 1 when a record fails validation."""
    # With --json the table goes to stderr so that stdout stays one JSON document.
    console = Console(stderr=as_json, width=140)
    name = set_name or (str(gold_paths[0]) if len(gold_paths) == 1 else None)
    if (update or check) and name is None:
        raise typer.BadParameter("give --set-name when scoring several gold paths", param_hint="--set-name")
    try:
        gold = load_gold(gold_paths)
        predictions = load_predictions(pred) if pred else None
        floors = load_baseline(check).get(name or "", {}) if check else {}
    except RasidError as exc:
        console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    if predictions is None:
        predictions = run_pipeline(progress_iter(gold, "extracting", total=len(gold)))
    else:
        extra = sorted(set(predictions) - {g.id for g in gold})
        if extra:
            shown = ", ".join(extra[:5]) + (" ..." if len(extra) > 5 else "")
            console.print(
                f"[yellow]{len(extra)} predicted record(s) have no gold, ignored:[/yellow] {escape(shown)}"
            )
    result = evaluate(gold, predictions)
    console.print(scores_table(result))
    for article_id, reason in result.pipeline_errors:
        console.print(
            f"[yellow]pipeline error[/yellow] {escape(article_id)}: {escape(reason)}", highlight=False
        )
    if details:
        for article in result.articles:
            for line in article_details(article):
                console.print(line, markup=False, highlight=False)
    if as_json:
        sys.stdout.write(json.dumps(result_json(result), ensure_ascii=False, indent=1) + "\n")
    failed = False
    if result.errors:
        failed = True
        console.print(f"[bold red]{len(result.errors)} validation error(s):[/bold red]")
        for article_id, error in result.errors:
            console.print(f"  {article_id}: {error}", markup=False, highlight=False)
    if check:
        problems = below_floors(floors, result.scores())
        for line in problems:
            console.print(f"[red]below floor[/red] {escape(line)}", highlight=False)
        failed = failed or bool(problems)
    if update and name is not None:
        if result.errors:
            console.print("[red]baseline not updated: fix the validation errors first[/red]")
        else:
            new = update_baseline(update, name, result.scores())
            console.print(f"floors for {name!r} written to {update} ({len(new)} scores)")
    if failed:
        raise typer.Exit(1)
