"""``rasid resources stats|validate|lookup``: the resource catalogue, a full check, and why a string matches."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from rasid.cli import app
from rasid.errors import RasidError
from rasid.resources.actors import stats as actor_stats
from rasid.resources.catalogue import Resources, load_resources
from rasid.text.normalize import normalize

resources_app = typer.Typer(help="Actor registry, lexicons and gazetteer: catalogue, validation, lookup.")
app.add_typer(resources_app, name="resources")

_Actors = Annotated[
    list[Path] | None, typer.Option("--actors", help="Extra actor YAML files or folders (repeatable).")
]
_Lexicons = Annotated[
    list[Path] | None, typer.Option("--lexicons", help="Extra lexicon YAML files or folders (repeatable).")
]


def _resources(actors: list[Path] | None, lexicons: list[Path] | None) -> Resources:
    config: dict[str, Any] = {}
    if actors:
        config["actors_paths"] = [str(p) for p in actors]
    if lexicons:
        config["lexicon_paths"] = [str(p) for p in lexicons]
    return load_resources(config)


@resources_app.command("stats")
def stats_cmd(actors: _Actors = None, lexicons: _Lexicons = None) -> None:
    """List every data file (name, version, sha256, licence, source) and actor counts."""
    console = Console()
    res = _resources(actors, lexicons)
    try:
        rows = res.catalogue()
        reg = res.actors
    except RasidError as exc:
        console.print(f"[red]{exc}[/red]", markup=False)
        raise typer.Exit(1) from exc
    table = Table(title="rasid resource catalogue")
    for col in ("resource", "name", "version", "items", "sha256", "licence", "source"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r.resource, r.name, r.version, str(r.items or ""), r.sha256[:12], r.licence, r.source[:60]
        )
    console.print(table)
    s = actor_stats(reg)
    console.print(f"actors: {s.actors} in {s.files} files, {s.aliases} alias forms")
    console.print("by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(s.by_kind.items())))
    console.print("lexicons: " + (", ".join(res.lexicons.names()) or "(none)"))
    for name, digest in res.checksums().items():
        console.print(f"checksum {name}: {digest}")


@resources_app.command("validate")
def validate_cmd(actors: _Actors = None, lexicons: _Lexicons = None) -> None:
    """Load and check every actor and lexicon file (schema, unique ids, alias collisions, references)."""
    console = Console()
    res = _resources(actors, lexicons)
    failures = 0
    try:
        reg = res.actors
        console.print(f"actors: ok ({len(reg)} actors, {reg.alias_count()} alias forms)")
    except RasidError as exc:
        failures += 1
        console.print(f"actors: {exc}", markup=False)
    for name in res.lexicons.names():
        try:
            lex = res.lexicons.get(name)
            console.print(f"lexicon {name}: ok ({len(lex)} entries)")
        except RasidError as exc:
            failures += 1
            console.print(f"lexicon {name}: {exc}", markup=False)
    if failures:
        raise typer.Exit(1)


@resources_app.command("lookup")
def lookup_cmd(
    text: Annotated[str, typer.Argument(help="A word, name or sentence.")],
    actors: _Actors = None,
    lexicons: _Lexicons = None,
    places: Annotated[bool, typer.Option("--places/--no-places", help="Also ask the gazetteer.")] = True,
) -> None:
    """Show which actors, lexicon entries (and places) match TEXT, and why."""
    console = Console()
    res = _resources(actors, lexicons)
    norm = normalize(text)
    table = Table(title=f"matches in {text!r}")
    for col in ("resource", "span", "id", "alias / form", "label", "clitic", "kept"):
        table.add_column(col)
    for m, kept in res.actors.lookup(norm):
        entry = res.actors.get(m.actor_id)
        why = m.label + (" (shared alias)" if m.shared else "")
        table.add_row(
            f"actor ({entry.kind})",
            f"{m.span.start}-{m.span.end} {m.span.text}",
            m.actor_id,
            m.alias,
            why,
            m.prefix or "-",
            "yes" if kept else "no (overlap)",
        )
    for name in res.lexicons.names():
        try:
            lex = res.lexicons.get(name)
        except RasidError as exc:
            console.print(f"lexicon {name} skipped: {exc}", markup=False)
            continue
        for lm in lex.match(norm):
            table.add_row(
                f"lexicon {name}",
                f"{lm.span.start}-{lm.span.end} {lm.span.text}",
                lm.entry.id,
                lm.form,
                ", ".join(f"{k}={v}" for k, v in list(lm.entry.attrs.items())[:3]),
                lm.prefix or "-",
                "yes",
            )
    if places:
        _place_rows(res, norm, table, console)
    console.print(table)


def _place_rows(res: Resources, norm: Any, table: Table, console: Console) -> None:
    try:
        gaz = res.gazetteer
    except (ImportError, RasidError) as exc:
        console.print(f"gazetteer unavailable: {exc}", markup=False)
        return
    for pm in gaz.match(norm):
        cands = ", ".join(f"{c.id} ({c.feature}, {c.country})" for c in pm.candidates[:4])
        table.add_row("place", f"{pm.span.start}-{pm.span.end} {pm.span.text}", cands, "", "", "", "yes")
