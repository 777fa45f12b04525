"""Lexicons as data: trigger words, figure nouns, reporting verbs, titles ... one YAML file each.

Common schema (``rasid/resources/schema/lexicon.schema.json``)::

    name: reporting_verbs        # must equal the file stem
    version: "1"
    description: ...
    source: ...
    entries:
      - {id: said, ar: [قال, أفاد], en: [said], stance: asserted}   # any other key is an attribute

Packaged files live in ``src/rasid/data/lexicons/``; user files (``lexicon_paths`` in the catalogue
config) with the same ``name`` add entries, and an entry with an existing id replaces the packaged one.
A lexicon is read and compiled the first time ``Lexicons.get(name)`` asks for it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from threading import Lock
from types import MappingProxyType
from typing import Any, NamedTuple, cast

from rasid.errors import Errors, ResourceError
from rasid.model import Span
from rasid.resources import compiled
from rasid.resources.actors import expand_paths, read_yaml, validate_file
from rasid.resources.matcher import Matcher, longest_nonoverlapping
from rasid.text.normalize import NormalizedText, fold

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "lexicons"
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "lexicon.schema.json"


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return cast(dict[str, Any], json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


@dataclass(frozen=True, slots=True)
class LexEntry:
    id: str
    forms: tuple[str, ...]  # Arabic then English forms, as written in the file
    attrs: Mapping[str, Any]  # every other key of the entry (stance, kind, sub_event_type ...)
    ar: tuple[str, ...] = ()
    en: tuple[str, ...] = ()


class LexMatch(NamedTuple):
    """One lexicon hit. A named tuple, not a frozen dataclass: one is built for every hit of every
    document (~190 per 3 kB article), and a tuple is built about three times faster."""

    entry: LexEntry
    key_start: int
    key_end: int
    span: Span
    form: str = ""  # the folded form that matched
    prefix: str = ""  # proclitic before it in the same word


class Lexicon:
    """One compiled lexicon: entries by id and a matcher over all their forms."""

    def __init__(self, name: str, entries: Iterable[LexEntry], meta: Mapping[str, Any] | None = None) -> None:
        self.name = name
        self.meta: Mapping[str, Any] = MappingProxyType(dict(meta or {}))
        self.entries: dict[str, LexEntry] = {e.id: e for e in entries}
        self._matcher: Matcher[str] = Matcher(
            (fold(form), e.id) for e in self.entries.values() for form in e.forms
        )

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def matcher(self) -> Matcher[str]:
        """The matcher over every form (for ``rasid.resources.matcher.SharedScan``)."""
        return self._matcher

    def get(self, entry_id: str) -> LexEntry | None:
        return self.entries.get(entry_id)

    def match(self, norm: NormalizedText) -> list[LexMatch]:
        """Longest non-overlapping matches of any entry form (clitic rule), in text order.

        A form listed by several entries gives one LexMatch per entry at the same span.
        """
        out: list[LexMatch] = []
        entries = self.entries
        span = norm.span
        # ``Matcher.select`` without its intermediate tuples: the picks straight into LexMatch objects
        for start, end, prefix, pick in longest_nonoverlapping(list(self._matcher.picks(norm.key))):
            sp = span(start, end)
            form = pick.form
            for entry_id in pick.payloads:
                out.append(LexMatch(entries[entry_id], start, end, sp, form, prefix))
        return out

    @property
    def version(self) -> str:
        return str(self.meta.get("version", ""))


def _entry(raw: Mapping[str, Any]) -> LexEntry:
    ar = tuple(raw.get("ar", ()))
    en = tuple(raw.get("en", ()))
    attrs = {k: v for k, v in raw.items() if k not in ("id", "ar", "en")}
    return LexEntry(str(raw["id"]), ar + en, MappingProxyType(attrs), ar, en)


def load_lexicon_files(name: str, files: Iterable[Path]) -> Lexicon:
    """Merge the given files (all named ``name``) into one Lexicon; later files override by id."""
    schema = _schema()
    entries: dict[str, LexEntry] = {}
    meta: dict[str, Any] = {}
    for path in files:
        doc = read_yaml(path)
        validate_file(doc, schema, path)
        seen: set[str] = set()
        for raw in doc["entries"]:
            eid = str(raw["id"])
            if eid in seen:
                raise ResourceError(Errors.E208, name=name, id=eid, path=path)
            seen.add(eid)
            if eid in entries:
                log.debug("lexicon %s: entry %s replaced by %s", name, eid, path)
            entries[eid] = _entry(raw)
        if not meta:
            meta = {k: v for k, v in doc.items() if k != "entries"}
    return Lexicon(name, entries.values(), meta)


def _lexicon_name(path: Path) -> str:
    """The declared ``name`` of a lexicon file (its stem when absent; the schema then rejects it)."""
    doc = read_yaml(path)
    if isinstance(doc, dict) and isinstance(doc.get("name"), str):
        return str(doc["name"])
    return path.stem


class Lexicons:
    """All lexicons available to a process: packaged ones plus user files, each compiled on first use."""

    def __init__(self, extra_paths: Iterable[str | Path] = (), *, include_package: bool = True) -> None:
        self._files: dict[str, list[Path]] = {}
        package = expand_paths([DATA_DIR]) if include_package and DATA_DIR.is_dir() else []
        for path in package:
            self._files.setdefault(path.stem, []).append(path)
        for path in expand_paths(extra_paths):
            self._files.setdefault(_lexicon_name(path), []).append(path)
        self._loaded: dict[str, Lexicon] = {}
        self._lock = Lock()

    def names(self) -> list[str]:
        return sorted(self._files)

    def is_loaded(self, name: str) -> bool:
        """Whether ``get(name)`` has compiled the lexicon already (a stage has asked for it)."""
        return name in self._loaded

    def __contains__(self, name: object) -> bool:
        return name in self._files

    def files(self, name: str | None = None) -> list[Path]:
        if name is not None:
            return list(self._files.get(name, ()))
        return sorted(p for paths in self._files.values() for p in paths)

    def get(self, name: str) -> Lexicon:
        with self._lock:
            lex = self._loaded.get(name)
            if lex is None:
                if name not in self._files:
                    raise ResourceError(Errors.E207, name=name, known=", ".join(self.names()) or "(none)")
                files = self._files[name]
                user = any(p.parent != DATA_DIR for p in files)
                lex = compiled.load_or_build(
                    "lexicons",
                    f"{name}-user" if user else name,
                    files,
                    lambda: load_lexicon_files(name, files),
                    extra=name,
                    prune=not user,
                )
                if lex.meta.get("name") != name:
                    raise ResourceError(
                        Errors.E202,
                        path=self._files[name][0],
                        where="name",
                        message=f"lexicon name {lex.meta.get('name')!r} differs from the file name {name!r}",
                    )
                self._loaded[name] = lex
            return lex

    def load_all(self) -> dict[str, Lexicon]:
        return {name: self.get(name) for name in self.names()}

    def checksum(self) -> str:
        return files_sha256(self.files())


def files_sha256(files: Iterable[Path]) -> str:
    """sha256 over the bytes of the files, in sorted path order, each preceded by its file name."""
    h = hashlib.sha256()
    for path in sorted(Path(p) for p in files):
        h.update(path.name.encode("utf-8") + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()
