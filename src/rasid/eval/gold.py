"""Gold files (``eval/FORMAT.md``): load, check and type them.

A gold file is one JSON object per article (``*.json``) or one per line (``*.jsonl``); the article
text is inline (``text``) or in a file (``text_file``, relative to the gold file). Malformed gold is
an error with a code (E601-E605), never a silently lower score.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasid.errors import Errors, RasidError
from rasid.model import ACLED_TYPES, FIGURE_KINDS, QUALIFIERS, STANCES, STATEMENT_KINDS

log = logging.getLogger(__name__)

# Files in a gold directory that are not gold articles (the floors live beside the gold files).
NOT_GOLD = frozenset({"baseline.json"})

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class GoldError(RasidError):
    """A gold file that cannot be read or does not follow FORMAT.md."""


@dataclass(frozen=True, slots=True)
class GoldDate:
    start: str
    end: str
    tolerance_days: int = 0


@dataclass(frozen=True, slots=True)
class GoldPlace:
    country: str | None
    admin1: tuple[str, ...]  # empty: admin1 not checked
    names: tuple[str, ...]
    lat: float | None
    lon: float | None
    tolerance_km: float
    admin2: tuple[str, ...] = ()  # informative, not scored


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    required: bool
    types: tuple[tuple[str, str], ...]
    date: GoldDate | None  # None: not checked
    place: GoldPlace | None  # None: not checked
    actor1: tuple[tuple[str, ...], ...]  # any one list's names; empty: not checked
    actor2: tuple[tuple[str, ...], ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class GoldClaim:
    id: str
    required: bool
    source: tuple[str, ...]
    kind: str
    value: int | None
    qualifier: tuple[str, ...] | None  # None: not checked
    of: tuple[str | None, ...] | None  # a None entry accepts a claim with no ``of``; None: not checked
    stance: tuple[str, ...] | None
    said_on: str | None  # None: not checked
    includes: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class GoldStatement:
    id: str
    source: tuple[str, ...]
    kind: str
    said_on: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class GoldFigure:
    event: str
    kind: str
    low: int | None = None
    high_min: int | None = None
    high: int | None = None
    contested: bool | None = None


@dataclass(frozen=True, slots=True)
class MustNotClaim:
    source: tuple[str, ...]  # empty: any source
    kind: str | None
    value: int | None


@dataclass(frozen=True, slots=True)
class MustNot:
    event_country: str | None = None
    claim: MustNotClaim | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    path: str  # where it came from ("file.jsonl:3" for JSONL)
    language: str | None
    published: str | None  # what the system is given
    expect_published: str | None  # the right publication date (checked when ``published`` is None)
    events: tuple[GoldEvent, ...]
    claims: tuple[GoldClaim, ...]
    statements: tuple[GoldStatement, ...]
    figures: tuple[GoldFigure, ...]
    must_not: tuple[MustNot, ...]
    notes: str | None = None


class _Reader:
    """Typed accessors over one gold object that raise E603 naming the article and the field."""

    def __init__(self, article_id: str, where: str) -> None:
        self.id = article_id
        self.where = where

    def fail(self, field: str, reason: str) -> GoldError:
        return GoldError(Errors.E603, id=self.id, path=self.where, field=field, reason=reason)

    def obj(self, value: Any, field: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(field, "must be an object")
        return value

    def lst(self, value: Any, field: str, *, default: Sequence[Any] = ()) -> Sequence[Any]:
        if value is None:
            return default
        if not isinstance(value, list):
            raise self.fail(field, "must be a list")
        return value

    def string(self, value: Any, field: str) -> str:
        if not isinstance(value, str) or not value:
            raise self.fail(field, "must be a non-empty string")
        return value

    def opt_string(self, value: Any, field: str) -> str | None:
        return None if value is None else self.string(value, field)

    def names(self, value: Any, field: str) -> tuple[str, ...]:
        return tuple(self.string(v, f"{field}[{i}]") for i, v in enumerate(self.lst(value, field)))

    def date(self, value: Any, field: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not _DATE.match(value):
            raise self.fail(field, f"must be YYYY-MM-DD or null, not {value!r}")
        return value

    def integer(self, value: Any, field: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(field, f"must be a non-negative integer or null, not {value!r}")
        return value

    def number(self, value: Any, field: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(field, f"must be a number, not {value!r}")
        return float(value)

    def boolean(self, value: Any, field: str, default: bool) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(field, f"must be true or false, not {value!r}")
        return value

    def choice(self, value: Any, field: str, allowed: Sequence[str]) -> str:
        if value not in allowed:
            raise self.fail(field, f"must be one of {', '.join(allowed)}, not {value!r}")
        return str(value)

    def choices(self, value: Any, field: str, allowed: Sequence[str]) -> tuple[str, ...] | None:
        if value is None:
            return None
        items = value if isinstance(value, list) else [value]
        return tuple(self.choice(v, f"{field}[{i}]", allowed) for i, v in enumerate(items))


def _event(r: _Reader, raw: Any, field: str) -> GoldEvent:
    d = r.obj(raw, field)
    types: list[tuple[str, str]] = []
    for i, pair in enumerate(r.lst(d.get("types"), f"{field}.types")):
        where = f"{field}.types[{i}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise r.fail(where, "must be [event_type, sub_event_type]")
        event_type = r.choice(pair[0], where, tuple(ACLED_TYPES))
        types.append((event_type, r.choice(pair[1], where, ACLED_TYPES[event_type])))
    if not types:
        raise r.fail(f"{field}.types", "must list at least one [event_type, sub_event_type]")
    date = None
    if d.get("date") is not None:
        dd = r.obj(d["date"], f"{field}.date")
        start = r.date(dd.get("start"), f"{field}.date.start")
        end = r.date(dd.get("end"), f"{field}.date.end") or start
        if start is None or end is None or end < start:
            raise r.fail(f"{field}.date", "needs a start and an end not before it")
        tolerance = r.integer(dd.get("tolerance_days"), f"{field}.date.tolerance_days") or 0
        date = GoldDate(start, end, tolerance)
    place = None
    if d.get("place") is not None:
        p = r.obj(d["place"], f"{field}.place")
        lat = r.number(p.get("lat"), f"{field}.place.lat")
        lon = r.number(p.get("lon"), f"{field}.place.lon")
        if (lat is None) != (lon is None):
            raise r.fail(f"{field}.place", "needs both lat and lon, or neither")
        admin1 = p.get("admin1")
        place = GoldPlace(
            country=r.opt_string(p.get("country"), f"{field}.place.country"),
            admin1=r.names([admin1] if isinstance(admin1, str) else admin1, f"{field}.place.admin1"),
            names=r.names(p.get("names"), f"{field}.place.names"),
            lat=lat,
            lon=lon,
            tolerance_km=r.number(p.get("tolerance_km"), f"{field}.place.tolerance_km") or 0.0,
            admin2=r.names(
                [p["admin2"]] if isinstance(p.get("admin2"), str) else p.get("admin2"),
                f"{field}.place.admin2",
            ),
        )
    actors = []
    for side in ("actor1", "actor2"):
        lists = r.lst(d.get(side), f"{field}.{side}")
        actors.append(tuple(r.names(names, f"{field}.{side}[{i}]") for i, names in enumerate(lists)))
    return GoldEvent(
        id=r.string(d.get("id"), f"{field}.id"),
        required=r.boolean(d.get("required"), f"{field}.required", True),
        types=tuple(types),
        date=date,
        place=place,
        actor1=actors[0],
        actor2=actors[1],
        note=d.get("note") if isinstance(d.get("note"), str) else None,
    )


def _of(r: _Reader, value: Any, field: str) -> tuple[str | None, ...] | None:
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    return tuple(None if v is None else r.string(v, f"{field}[{i}]") for i, v in enumerate(items))


def _claim(r: _Reader, raw: Any, field: str) -> GoldClaim:
    d = r.obj(raw, field)
    value = r.integer(d.get("value"), f"{field}.value")
    qualifier = r.choices(d.get("qualifier"), f"{field}.qualifier", QUALIFIERS)
    if value is None and not qualifier:
        raise r.fail(f"{field}.qualifier", "must list qualifiers when value is null")
    source = r.names(d.get("source"), f"{field}.source")
    if not source:
        raise r.fail(f"{field}.source", "must list at least one name")
    return GoldClaim(
        id=r.string(d.get("id"), f"{field}.id"),
        required=r.boolean(d.get("required"), f"{field}.required", True),
        source=source,
        kind=r.choice(d.get("kind"), f"{field}.kind", FIGURE_KINDS),
        value=value,
        qualifier=qualifier,
        of=_of(r, d.get("of"), f"{field}.of"),
        stance=r.choices(d.get("stance"), f"{field}.stance", STANCES),
        said_on=r.date(d.get("said_on"), f"{field}.said_on"),
        includes=d.get("includes") if isinstance(d.get("includes"), str) else None,
        note=d.get("note") if isinstance(d.get("note"), str) else None,
    )


def _statement(r: _Reader, raw: Any, field: str) -> GoldStatement:
    d = r.obj(raw, field)
    source = r.names(d.get("source"), f"{field}.source")
    if not source:
        raise r.fail(f"{field}.source", "must list at least one name")
    return GoldStatement(
        id=r.string(d.get("id"), f"{field}.id"),
        source=source,
        kind=r.choice(d.get("kind"), f"{field}.kind", STATEMENT_KINDS),
        said_on=r.date(d.get("said_on"), f"{field}.said_on"),
        note=d.get("note") if isinstance(d.get("note"), str) else None,
    )


def _figure(r: _Reader, raw: Any, field: str, event_ids: set[str]) -> GoldFigure:
    d = r.obj(raw, field)
    event = r.string(d.get("event"), f"{field}.event")
    if event not in event_ids:
        raise r.fail(f"{field}.event", f"names no gold event ({event!r})")
    contested = d.get("contested")
    if contested is not None and not isinstance(contested, bool):
        raise r.fail(f"{field}.contested", "must be true, false or absent")
    return GoldFigure(
        event=event,
        kind=r.choice(d.get("kind"), f"{field}.kind", FIGURE_KINDS),
        low=r.integer(d.get("low"), f"{field}.low"),
        high_min=r.integer(d.get("high_min"), f"{field}.high_min"),
        high=r.integer(d.get("high"), f"{field}.high"),
        contested=contested,
    )


def _must_not(r: _Reader, raw: Any, field: str) -> MustNot:
    d = r.obj(raw, field)
    if "event_country" in d:
        return MustNot(event_country=r.string(d["event_country"], f"{field}.event_country"))
    if "claim" in d:
        c = r.obj(d["claim"], f"{field}.claim")
        kind = c.get("kind")
        return MustNot(
            claim=MustNotClaim(
                source=r.names(c.get("source"), f"{field}.claim.source"),
                kind=None if kind is None else r.choice(kind, f"{field}.claim.kind", FIGURE_KINDS),
                value=r.integer(c.get("value"), f"{field}.claim.value"),
            )
        )
    raise r.fail(field, "must hold 'event_country' or 'claim'")


def _unique_ids(r: _Reader, items: Iterable[Any], field: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise r.fail(field, f"repeats id {item.id!r}")
        seen.add(item.id)


def parse_gold(obj: Any, where: str, base_dir: Path) -> GoldArticle:
    """One gold article from its JSON object; ``base_dir`` resolves ``text_file``."""
    if not isinstance(obj, Mapping):
        raise GoldError(Errors.E602, path=where, reason="a gold article must be a JSON object")
    article_id = obj.get("id")
    if not isinstance(article_id, str) or not article_id:
        raise GoldError(Errors.E602, path=where, reason="a gold article needs a non-empty string 'id'")
    r = _Reader(article_id, where)
    text = obj.get("text")
    if text is None and obj.get("text_file") is not None:
        text_path = base_dir / r.string(obj["text_file"], "text_file")
        try:
            text = text_path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise r.fail("text_file", f"could not be read ({text_path}: {exc})") from exc
    if not isinstance(text, str) or not text.strip():
        raise r.fail("text", "must be a non-empty string (or give 'text_file')")
    expect = r.obj(obj.get("expect"), "expect")
    events = tuple(
        _event(r, e, f"expect.events[{i}]")
        for i, e in enumerate(r.lst(expect.get("events"), "expect.events"))
    )
    claims = tuple(
        _claim(r, c, f"expect.claims[{i}]")
        for i, c in enumerate(r.lst(expect.get("claims"), "expect.claims"))
    )
    statements = tuple(
        _statement(r, s, f"expect.statements[{i}]")
        for i, s in enumerate(r.lst(expect.get("statements"), "expect.statements"))
    )
    _unique_ids(r, events, "expect.events")
    _unique_ids(r, claims, "expect.claims")
    _unique_ids(r, statements, "expect.statements")
    event_ids = {e.id for e in events}
    figures = tuple(
        _figure(r, f, f"expect.figures[{i}]", event_ids)
        for i, f in enumerate(r.lst(expect.get("figures"), "expect.figures"))
    )
    must_not = tuple(
        _must_not(r, m, f"expect.must_not[{i}]")
        for i, m in enumerate(r.lst(expect.get("must_not"), "expect.must_not"))
    )
    language = obj.get("language")
    return GoldArticle(
        id=article_id,
        text=text,
        path=where,
        language=language if isinstance(language, str) else None,
        published=r.date(obj.get("published"), "published"),
        expect_published=r.date(expect.get("published"), "expect.published"),
        events=events,
        claims=claims,
        statements=statements,
        figures=figures,
        must_not=must_not,
        notes=obj.get("notes") if isinstance(obj.get("notes"), str) else None,
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(Errors.E601, path=path, reason=exc) from exc


def load_gold_file(path: Path) -> Iterator[GoldArticle]:
    """The gold articles in one ``*.json`` (one object) or ``*.jsonl`` (one per line) file."""
    raw = _read(path)
    if path.suffix == ".jsonl":
        for lineno, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(Errors.E602, path=where, reason=f"not JSON ({exc})") from exc
            yield parse_gold(obj, where, path.parent)
        return
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise GoldError(Errors.E602, path=path, reason=f"not JSON ({exc})") from exc
    yield parse_gold(obj, str(path), path.parent)


def gold_files(path: Path) -> list[Path]:
    """``path`` itself, or the gold files directly inside a directory (sorted)."""
    if not path.is_dir():
        if not path.exists():
            raise GoldError(Errors.E601, path=path, reason="no such file or directory")
        return [path]
    files = sorted(
        p
        for p in path.iterdir()
        if p.is_file() and p.suffix in (".json", ".jsonl") and p.name not in NOT_GOLD
    )
    if not files:
        raise GoldError(Errors.E605, path=path)
    return files


def load_gold(paths: Iterable[Path | str]) -> list[GoldArticle]:
    """All gold articles under ``paths`` (files or directories), in order; article ids must be unique."""
    articles: list[GoldArticle] = []
    seen: dict[str, str] = {}
    for path in paths:
        for file in gold_files(Path(path)):
            for article in load_gold_file(file):
                if article.id in seen:
                    raise GoldError(Errors.E604, id=article.id, first=seen[article.id], second=article.path)
                seen[article.id] = article.path
                articles.append(article)
    log.debug("loaded %d gold articles", len(articles))
    return articles
