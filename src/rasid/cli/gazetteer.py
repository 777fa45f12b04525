"""``rasid gazetteer build|download|info``: compile user gazetteers, fetch GeoNames dumps, show stats."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from rasid.cli import app
from rasid.errors import RasidError

gaz_app = typer.Typer(help="Build, download and inspect gazetteers.", no_args_is_help=True)
app.add_typer(gaz_app, name="gazetteer")


@gaz_app.command("build")
def build(
    geonames: Annotated[
        Path | None, typer.Option("--geonames", help="GeoNames dump: a directory or a zip.")
    ] = None,
    wof: Annotated[
        Path | None, typer.Option("--wof", help="Who's On First TSV directory (wof-XX.tsv.gz) or one file.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Where to write the compiled gazetteer.")
    ] = None,
) -> None:
    """Compile a gazetteer; it becomes the default for later runs (unless -o is given)."""
    from rasid.resources.gazetteer import Gazetteer, cache_dir

    if (geonames is None) == (wof is None):
        raise typer.BadParameter("give exactly one of --geonames or --wof")
    try:
        if geonames is not None:
            from rasid.resources.geonames import build_geonames

            compiled = build_geonames(geonames)
        else:
            from rasid.resources.wof import build_wof

            assert wof is not None
            compiled = build_wof(wof)
    except RasidError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    target = output or cache_dir() / f"build-{compiled.checksum[:20]}.pickle"
    compiled.save(target)
    if output is None:
        (cache_dir() / "current").write_text(str(target.resolve()), encoding="utf-8")
    stats = Gazetteer(compiled).stats()
    typer.echo(f"wrote {target}: {stats['entries']} places, {stats['names']} names")


@gaz_app.command("download")
def download(
    countries: Annotated[str, typer.Option("--countries", help="ISO2 codes, comma-separated: SY,IQ")],
    dest: Annotated[Path | None, typer.Option("--dest", help="Download directory.")] = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="Mirror of the GeoNames dump.")] = None,
    build_after: Annotated[bool, typer.Option("--build/--no-build", help="Compile after download.")] = True,
) -> None:
    """Fetch GeoNames per-country dumps (needs internet) and compile them."""
    from rasid.resources.download import GEONAMES_URL, download_geonames
    from rasid.resources.gazetteer import cache_dir

    target = dest or cache_dir() / "geonames"
    try:
        files = download_geonames(countries.split(","), target, base_url or GEONAMES_URL)
    except RasidError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"downloaded {len(files)} files into {target}")
    if build_after:
        build(geonames=target, wof=None, output=None)


@gaz_app.command("info")
def info(
    path: Annotated[Path | None, typer.Option("--path", help="A compiled gazetteer file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show which gazetteer is in use and what it holds."""
    from rasid.resources.gazetteer import load_gazetteer

    try:
        gaz = load_gazetteer({"gazetteer_path": str(path)} if path else None)
    except RasidError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    stats = gaz.stats()
    if as_json:
        typer.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    typer.echo(f"sources: {', '.join(stats['sources'])}")
    typer.echo(f"checksum: {stats['checksum']}")
    typer.echo(
        f"entries: {stats['entries']}  names: {stats['names']}  with Arabic name: {stats['with_arabic_name']}"
    )
    typer.echo("features: " + ", ".join(f"{k}={v}" for k, v in stats["features"].items()))
