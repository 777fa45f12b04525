"""A progress bar on stderr for batches of more than a few articles."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

T = TypeVar("T")


def progress_iter(
    items: Iterable[T], label: str, total: int | None = None, min_items: int = 5
) -> Iterator[T]:
    """Yield ``items``, showing a progress bar on stderr once more than ``min_items`` have passed."""
    console = Console(stderr=True)
    buffered: list[T] = []
    iterator = iter(items)
    for item in iterator:
        buffered.append(item)
        if len(buffered) > min_items:
            break
    else:
        yield from buffered
        return
    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task(label, total=total)
        for item in buffered:
            bar.advance(task)
            yield item
        for item in iterator:
            bar.advance(task)
            yield item
