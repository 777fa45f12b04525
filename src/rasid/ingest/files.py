"""Read articles from plain-text files (one article each) and JSONL files (one article per line).

A bad input never raises out of the iterator: it comes out as an ``InputFailure`` with the reason,
so that a batch keeps going and nothing is silently dropped.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rasid.errors import Errors
from rasid.model import Article

log = logging.getLogger(__name__)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^\[([EW]\d{3})\]")


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input that could not become an article: where it came from and why."""

    ref: str
    reason: str
    raw: bytes | None = None  # the offending bytes, when small enough to keep
    pointer: str | None = None  # where the input can be read again (a path, "path:line", "path#record")
    size: int | None = None

    @property
    def code(self) -> str:
        """The error code at the start of ``reason`` ("E401"), or "E000" when there is none."""
        m = _CODE.match(self.reason)
        return m.group(1) if m else "E000"


def valid_date(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _DATE.match(value):
        raise ValueError(Errors.E010.fmt(value=value))
    return value


def read_text_file(path: Path, published: str | None = None) -> Article | InputFailure:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return InputFailure(str(path), Errors.E008.fmt(path=path, reason=exc.strerror or exc))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputFailure(
            str(path), Errors.E008.fmt(path=path, reason=f"not UTF-8 ({exc.reason} at byte {exc.start})")
        )
    if not text.strip():
        return InputFailure(str(path), Errors.E008.fmt(path=path, reason="the file is empty"))
    # A short first line is a headline; a long one is the first paragraph of an untitled article.
    first_line = text.strip().splitlines()[0].strip()
    title = first_line if 0 < len(first_line) <= 160 else None
    return Article(id=path.stem, text=text, title=title, published=published)


def read_jsonl(path: Path, published: str | None = None) -> Iterator[Article | InputFailure]:
    try:
        handle = path.open("r", encoding="utf-8-sig")
    except OSError as exc:
        yield InputFailure(str(path), Errors.E008.fmt(path=path, reason=exc.strerror or exc))
        return
    with handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            ref = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError("not a JSON object")
                text = obj.get("text")
                if not isinstance(text, str) or not text.strip():
                    raise ValueError("no 'text'")
                yield Article(
                    id=str(obj.get("id") or f"{path.stem}-{lineno}"),
                    text=text,
                    url=obj.get("url"),
                    outlet=obj.get("outlet"),
                    title=obj.get("title"),
                    language=obj.get("language"),
                    published=valid_date(obj.get("published")) or published,
                )
            except (ValueError, TypeError) as exc:
                yield InputFailure(ref, Errors.E009.fmt(line=lineno, path=path, reason=exc))


def read_paths(paths: Iterable[Path], published: str | None = None) -> Iterator[Article | InputFailure]:
    """Articles from files and folders (``*.txt`` and ``*.jsonl`` inside folders, sorted)."""
    for path in paths:
        if path.is_dir():
            children = sorted(p for p in path.iterdir() if p.suffix in (".txt", ".jsonl"))
            yield from read_paths(children, published)
        elif path.suffix == ".jsonl":
            yield from read_jsonl(path, published)
        elif path.exists():
            yield read_text_file(path, published)
        else:
            yield InputFailure(str(path), Errors.E008.fmt(path=path, reason="no such file"))
