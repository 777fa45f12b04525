"""The actor registry: who is who (armed groups, forces, media, monitors, people, unnamed sources).

Data: ``src/rasid/data/actors/*.yaml`` (one file per region or kind, schema
``rasid/resources/schema/actors.schema.json``), plus user files given by the catalogue config. Loading
validates every file, checks that ids are unique, that affiliations/orgs/successors exist, that no alias
is a generic word (``_generic.yaml``) and that no alias names two actors unless both declare it in
``shared_aliases``. ``ActorRegistry.match(norm)`` finds every alias on the match key with the proclitic
rule of ``rasid.text.tokens`` (longest match wins, no overlaps).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple, cast

import jsonschema
import yaml

from rasid.errors import Errors, ResourceError
from rasid.model import Span
from rasid.resources import compiled
from rasid.resources.matcher import Hit, Matcher
from rasid.text.normalize import NormalizedText, fold

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "actors.schema.json"
GENERIC_WORDS_FILE = DATA_DIR / "_generic.yaml"

AliasLabel = Literal["name", "short", "adjective", "plural", "pejorative", "obfuscated", "label"]
ALIAS_LABELS: tuple[AliasLabel, ...] = (
    "name",
    "short",
    "adjective",
    "plural",
    "pejorative",
    "obfuscated",
    "label",
)


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    label: AliasLabel
    exact_case: bool = False  # only matches when the original text has exactly this case ("WHO", "IS")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    id: str
    name: str
    name_ar: str
    kind: str  # one of model.ACTOR_KINDS
    inter: int | None  # ACLED inter code 1-8
    affiliation: str | None
    countries: tuple[str, ...]
    aliases: tuple[Alias, ...]
    org: str | None = None  # people: the organisation they speak for
    role: str | None = None
    role_ar: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successor: str | None = None
    shared_aliases: frozenset[str] = frozenset()  # folded keys allowed to name other actors too
    source: str = ""  # file it came from

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


class ActorMention(NamedTuple):
    """One alias hit of one actor. A named tuple, not a frozen dataclass: one is built per alias hit."""

    actor_id: str
    key_start: int
    key_end: int
    span: Span
    alias: str  # the registered alias that matched, as written in the data file
    label: AliasLabel
    prefix: str = ""  # proclitic before the alias in the same word ("و", "لل" ...)
    shared: bool = False  # the alias names several actors; one mention per actor at the same span


@dataclass(frozen=True, slots=True)
class _AliasRef:
    actor_id: str
    alias: Alias


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return cast(dict[str, Any], json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def read_yaml(path: Path) -> Any:
    """Parse one YAML data file, turning I/O and syntax problems into coded errors."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ResourceError(Errors.E201, path=path, reason=exc) from exc


def validate_file(doc: Any, schema: Mapping[str, Any], path: Path) -> None:
    """Raise E202 on the first schema error (the most specific one)."""
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: (len(list(e.absolute_path)), str(e.message)))
    if errors:
        err = jsonschema.exceptions.best_match(errors) or errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(root)"
        raise ResourceError(Errors.E202, path=path, where=where, message=err.message)


def expand_paths(paths: Iterable[str | Path], pattern: str = "*.yaml") -> list[Path]:
    """Files from a list of files and folders (folders: ``pattern`` files, sorted, ``_*`` skipped)."""
    out: list[Path] = []
    for p in paths:
        path = Path(p).expanduser()
        if path.is_dir():
            out.extend(
                f
                for f in sorted(path.glob(pattern)) + sorted(path.glob("*.yml"))
                if not f.name.startswith("_")
            )
        elif path.is_file():
            out.append(path)
        else:
            raise ResourceError(Errors.E210, path=path)
    return out


def package_files() -> list[Path]:
    return expand_paths([DATA_DIR])


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _entry(raw: Mapping[str, Any], path: Path) -> ActorEntry:
    aliases: list[Alias] = []
    exact = set(raw.get("exact_case", ()))
    seen: set[str] = set()
    raw_aliases = raw.get("aliases", {}) or {}
    base = [("name", raw["name"]), ("name", raw["name_ar"])]
    rest = [(label, text) for label in ALIAS_LABELS for text in raw_aliases.get(label, ())]
    for label, text in base + rest:
        if text in seen:
            continue
        seen.add(text)
        aliases.append(Alias(text, cast(AliasLabel, label), text in exact))
    return ActorEntry(
        id=raw["id"],
        name=raw["name"],
        name_ar=raw["name_ar"],
        kind=raw["kind"],
        inter=raw.get("inter"),
        affiliation=raw.get("affiliation"),
        countries=tuple(raw.get("countries", ())),
        aliases=tuple(aliases),
        org=raw.get("org"),
        role=raw.get("role"),
        role_ar=raw.get("role_ar"),
        valid_from=_date(raw.get("valid_from")),
        valid_to=_date(raw.get("valid_to")),
        successor=raw.get("successor"),
        shared_aliases=frozenset(fold(a) for a in raw.get("shared_aliases", ())),
        source=str(path),
    )


def _extended(entry: ActorEntry, raw: Mapping[str, Any], path: Path) -> ActorEntry:
    """``entry`` with the aliases (and shared/exact-case declarations) of a user ``extend: true`` item."""
    exact = set(raw.get("exact_case", ()))
    have = {a.text for a in entry.aliases}
    added = [
        Alias(text, label, text in exact)
        for label in ALIAS_LABELS
        for text in (raw.get("aliases", {}) or {}).get(label, ())
        if text not in have
    ]
    from dataclasses import replace

    shared = entry.shared_aliases | {fold(a) for a in raw.get("shared_aliases", ())}
    return replace(entry, aliases=entry.aliases + tuple(added), shared_aliases=shared)


def load_generic_words(extra: Iterable[str] = ()) -> frozenset[str]:
    """Folded generic words that may never be aliases (التنظيم، النظام ...), from ``_generic.yaml``."""
    words: set[str] = set()
    if GENERIC_WORDS_FILE.is_file():
        doc = read_yaml(GENERIC_WORDS_FILE) or {}
        words.update(fold(w) for w in doc.get("generic_words", ()))
    words.update(fold(w) for w in extra)
    return frozenset(w for w in words if w)


class ActorRegistry:
    """Actors by id plus a compiled alias matcher. Build with ``ActorRegistry.load`` (or from entries)."""

    def __init__(self, entries: Iterable[ActorEntry], files: Sequence[Path] = ()) -> None:
        self._by_id: dict[str, ActorEntry] = {}
        for e in entries:
            if e.id in self._by_id:
                raise ResourceError(Errors.E203, id=e.id, first=self._by_id[e.id].source, second=e.source)
            self._by_id[e.id] = e
        self.files: tuple[Path, ...] = tuple(files)
        self._check_references()
        self._matcher: Matcher[_AliasRef] = Matcher(self._alias_pairs())

    # ---- loading -------------------------------------------------------------------------------
    @classmethod
    def load(
        cls,
        extra_paths: Iterable[str | Path] = (),
        *,
        include_package: bool = True,
        generic_words: Iterable[str] = (),
    ) -> ActorRegistry:
        """Load packaged actor files and user files/folders; validate everything (coded errors).

        The compiled registry (entries and alias automaton) is cached per machine, keyed by the files'
        contents (``rasid.resources.compiled``); a cache hit skips parsing and validation.
        """
        files = (package_files() if include_package else []) + expand_paths(extra_paths)
        extra_words = sorted(generic_words)
        user = bool(extra_paths) or not include_package or bool(extra_words)
        return compiled.load_or_build(
            "actors",
            "registry-user" if user else "registry",
            [*files, GENERIC_WORDS_FILE],
            lambda: cls._build(files, extra_words),
            extra="\n".join([f"package={include_package}", *extra_words]),
            prune=not user,
        )

    @classmethod
    def _build(cls, files: Sequence[Path], generic_words: Iterable[str]) -> ActorRegistry:
        """Parse, validate and compile ``files`` (no cache)."""
        generic = load_generic_words(generic_words)
        schema = _schema()
        by_id: dict[str, ActorEntry] = {}
        for path in files:
            doc = read_yaml(path)
            validate_file(doc, schema, path)
            for raw in doc["actors"]:
                if raw.get("extend"):
                    if raw["id"] not in by_id:
                        raise ResourceError(Errors.E212, id=raw["id"], path=path)
                    by_id[raw["id"]] = _extended(by_id[raw["id"]], raw, path)
                    continue
                entry = _entry(raw, path)
                if entry.id in by_id:
                    raise ResourceError(Errors.E203, id=entry.id, first=by_id[entry.id].source, second=path)
                by_id[entry.id] = entry
        for entry in by_id.values():
            for alias in entry.aliases:
                if fold(alias.text) in generic:
                    raise ResourceError(Errors.E211, alias=alias.text, id=entry.id, path=entry.source)
        log.debug("loaded %d actors from %d files", len(by_id), len(files))
        return cls(by_id.values(), files)

    def _check_references(self) -> None:
        for e in self._by_id.values():
            for fld, ref in (("affiliation", e.affiliation), ("org", e.org), ("successor", e.successor)):
                if ref is not None and ref not in self._by_id:
                    raise ResourceError(Errors.E205, id=e.id, path=e.source, field=fld, ref=ref)

    def _alias_pairs(self) -> list[tuple[str, _AliasRef]]:
        owners: dict[str, tuple[str, str]] = {}  # folded key -> (actor id, alias text)
        pairs: list[tuple[str, _AliasRef]] = []
        for e in self._by_id.values():
            for alias in e.aliases:
                key = fold(alias.text)
                if not key:
                    continue
                owner = owners.get(key)
                if owner is None:
                    owners[key] = (e.id, alias.text)
                elif owner[0] != e.id:
                    other = self._by_id[owner[0]]
                    if key not in e.shared_aliases or key not in other.shared_aliases:
                        raise ResourceError(Errors.E204, alias=alias.text, key=key, a=owner[0], b=e.id)
                pairs.append((key, _AliasRef(e.id, alias)))
        return pairs

    # ---- queries -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self._by_id.values())

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._by_id

    def get(self, actor_id: str) -> ActorEntry:
        try:
            return self._by_id[actor_id]
        except KeyError:
            raise ResourceError(Errors.E206, id=actor_id) from None

    def ids(self) -> list[str]:
        return list(self._by_id)

    def alias_count(self) -> int:
        return self._matcher.size

    @property
    def matcher(self) -> Matcher[_AliasRef]:
        """The alias matcher (for ``rasid.resources.matcher.SharedScan``)."""
        return self._matcher

    def chain(self, actor_id: str) -> list[str]:
        """``actor_id`` and its affiliations outward (amaq -> islamic-state), without cycles."""
        out = [actor_id]
        current = self.get(actor_id)
        while current.affiliation and current.affiliation not in out:
            out.append(current.affiliation)
            current = self.get(current.affiliation)
        return out

    def on_date(self, actor_id: str, day: dt.date) -> str:
        """The id the actor carried on ``day``, following ``successor`` (jabhat-al-nusra -> hts)."""
        seen: set[str] = set()
        current = self.get(actor_id)
        while current.valid_to is not None and day >= current.valid_to and current.successor:
            if current.id in seen:
                break
            seen.add(current.id)
            current = self.get(current.successor)
        return current.id

    def _mentions(self, hit: Hit[_AliasRef]) -> list[ActorMention]:
        return self._mentions_at(hit.key_start, hit.key_end, hit.span, hit.payloads, hit.prefix)

    @staticmethod
    def _mentions_at(
        start: int, end: int, span: Span, payloads: tuple[_AliasRef, ...], prefix: str
    ) -> list[ActorMention]:
        refs: dict[str, _AliasRef] = {}
        for ref in payloads:
            if ref.alias.exact_case and span.text != ref.alias.text:
                continue
            refs.setdefault(ref.actor_id, ref)
        shared = len(refs) > 1
        return [
            ActorMention(ref.actor_id, start, end, span, ref.alias.text, ref.alias.label, prefix, shared)
            for ref in refs.values()
        ]

    def match(self, norm: NormalizedText) -> list[ActorMention]:
        """Actor mentions in text order (longest alias wins; a shared alias gives one mention per actor)."""
        out: list[ActorMention] = []
        span = norm.span
        mentions_at = self._mentions_at
        for start, end, _, prefix, _, payloads in self._matcher.select(norm.key):
            if len(payloads) == 1 and not payloads[0].alias.exact_case:  # the common case, inline
                ref = payloads[0]
                a = ref.alias
                out.append(
                    ActorMention(ref.actor_id, start, end, span(start, end), a.text, a.label, prefix, False)
                )
            else:
                out.extend(mentions_at(start, end, span(start, end), payloads, prefix))
        return out

    def lookup(self, norm: NormalizedText) -> list[tuple[ActorMention, bool]]:
        """Every boundary-valid alias hit, overlaps included, with whether ``match`` would keep it."""
        kept = {(m.key_start, m.key_end, m.actor_id) for m in self.match(norm)}
        out: list[tuple[ActorMention, bool]] = []
        for start, end, form, prefix, stripped in self._matcher.candidates(norm.key):
            hit = Hit(start, end, norm.span(start, end), form, self._matcher.payloads(form), prefix, stripped)
            for m in self._mentions(hit):
                out.append((m, (start, end, m.actor_id) in kept))
        return out


@dataclass(frozen=True, slots=True)
class RegistryStats:
    actors: int
    aliases: int
    files: int
    by_kind: dict[str, int] = field(default_factory=dict)
    by_country: dict[str, int] = field(default_factory=dict)


def stats(registry: ActorRegistry) -> RegistryStats:
    by_kind: dict[str, int] = {}
    by_country: dict[str, int] = {}
    for e in registry:
        by_kind[e.kind] = by_kind.get(e.kind, 0) + 1
        for c in e.countries:
            by_country[c] = by_country.get(c, 0) + 1
    return RegistryStats(len(registry), registry.alias_count(), len(registry.files), by_kind, by_country)
