"""Command-line interface. Thin: parse arguments, call library functions, print."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from rasid import __version__

app = typer.Typer(
    name="rasid",
    help="rasid (راصد): Arabic-first conflict news to source-attributed event records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rasid {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log debug messages to stderr.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


def _register_commands() -> None:
    # Each command module adds its commands to ``app`` on import.
    from rasid.cli import evaluate, export, extract, gazetteer, resources, store  # noqa: F401


def main() -> None:
    _register_commands()
    app()
