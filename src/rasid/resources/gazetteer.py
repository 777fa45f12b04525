"""The gazetteer: place names (Arabic and English) -> places with coordinates and admin hierarchy.

A ``Gazetteer`` is built from a compiled table (see ``gazetteer_build``): rows of places and a map from
folded names to rows. It is injected, not global: tests pass a tiny one; ``load_gazetteer(config)`` gives
the configured one (a user build from GeoNames or Who's On First dumps, else the embedded default compiled
once per machine from registry packages and our data files under ``rasid/data/places``).

- ``match(norm)`` finds place names on the match key with the shared proclitic rule (``وبالحسكة``),
  longest match first, and notes the cue word before a name ("مدينة", "محافظة", "ريف", "مخيم" ...).
- ``resolve(mention, countries, admin1s)`` picks one candidate: the article's countries and admin1s first,
  then what the cue asks for (a city after "مدينة", a governorate after "محافظة"/"ريف"), then feature rank
  (country > city > admin1/site > town > admin2 > village), then population.
"""

from __future__ import annotations

import logging
import math
import os
import pickle
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from rasid.errors import Errors, ResourceError
from rasid.model import Span
from rasid.resources.matcher import Matcher
from rasid.text.normalize import NormalizedText, fold
from rasid.text.tokens import PROCLITICS

log = logging.getLogger(__name__)

Feature = Literal["country", "admin1", "admin2", "admin3", "city", "town", "village", "neighbourhood", "site"]
FEATURES: tuple[str, ...] = (
    "country",
    "admin1",
    "admin2",
    "admin3",
    "city",
    "town",
    "village",
    "neighbourhood",
    "site",
)
FORMAT = "rasid.gazetteer/1"

# Default preference between candidates of one name when nothing else decides (higher wins).
# A city beats the governorate of the same name ("حلب"), a governorate beats a village ("الأنبار").
_TIER: dict[str, int] = {
    "country": 7,
    "city": 6,
    "admin1": 5,
    "site": 5,
    "neighbourhood": 5,
    "town": 4,
    "admin2": 3,
    "admin3": 2,
    "village": 1,
}

# Features that half-satisfy a cue: "مدينة X" may name a place the table has as a town.
_NEAR_CUE: dict[str, tuple[str, ...]] = {
    "city": ("town", "village"),
    "town": ("city", "village"),
    "village": ("town",),
    "site": ("neighbourhood",),
    "neighbourhood": ("site", "village"),
    "admin2": ("admin3",),
    "admin3": ("admin2",),
}


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    id: str  # "gn:<geonameid>", "wof:<id>" or "rasid:<slug>"
    name: str
    name_ar: str | None
    lat: float
    lon: float
    country: str  # ISO2
    admin1: str | None  # English names
    admin2: str | None
    admin3: str | None
    feature: str  # one of FEATURES
    population: int
    parents: tuple[str, ...]  # ids, outermost first


@dataclass(frozen=True, slots=True)
class PlaceMention:
    key_start: int
    key_end: int
    span: Span
    candidates: tuple[PlaceEntry, ...]
    cue: str | None = None  # the feature a preceding cue word asks for ("city", "admin1", "site" ...)
    cue_word: str | None = None  # that word, folded ("مدينه", "ريف")
    country_hint: str | None = None  # ISO2 from an adjective after the name ("طرابلس اللبنانية")


Row = tuple[
    str, str, str | None, float, float, str, str | None, str | None, str | None, str, int, tuple[str, ...]
]


@dataclass(frozen=True, slots=True)
class CompiledGazetteer:
    """What a build writes and a load reads: place rows and folded name -> row indices."""

    rows: list[Row]
    forms: dict[str, list[int]]
    checksum: str  # sha256 of the inputs the table was built from
    sources: tuple[str, ...]
    cues: dict[str, str]  # folded cue word -> feature it asks for
    adjectives: dict[str, str] = field(default_factory=dict)  # folded nisba adjective -> ISO2
    # folded names that are common words ("إلى", "بيان", "العديد"): a place only right after a cue word
    cue_only: frozenset[str] = frozenset()
    matcher: Matcher[int] | None = None  # the compiled name automaton, stored with the table
    # folded common words: a name behind a proclitic that spells one of them ("فرقه" = ف + "رقه") is not
    # a place ("its teams", not "and Raqqa")
    common: frozenset[str] = frozenset()

    def name_matcher(self) -> Matcher[int]:
        """The Aho-Corasick matcher over every name (the stored one, or built from ``forms``)."""
        if self.matcher is not None:
            return self.matcher
        return Matcher((form, i) for form, rows in self.forms.items() for i in rows)

    def save(self, path: Path) -> None:
        """Write the table and its compiled matcher (so a load does not rebuild the automaton)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        payload = {
            "format": FORMAT,
            "rows": self.rows,
            "forms": self.forms,
            "checksum": self.checksum,
            "sources": list(self.sources),
            "cues": self.cues,
            "adjectives": self.adjectives,
            "cue_only": self.cue_only,
            "matcher": self.name_matcher(),
            "common": self.common,
        }
        with tmp.open("wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    @classmethod
    def read(cls, path: Path) -> CompiledGazetteer:
        try:
            with path.open("rb") as fh:
                payload = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
            raise ResourceError(Errors.E251, path=path, reason=str(exc)) from exc
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            raise ResourceError(Errors.E251, path=path, reason=f"not a {FORMAT} file")
        return cls(
            payload["rows"],
            payload["forms"],
            payload["checksum"],
            tuple(payload["sources"]),
            payload["cues"],
            payload.get("adjectives", {}),
            payload.get("cue_only", frozenset()),
            payload.get("matcher"),
            payload.get("common", frozenset()),
        )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Place lookup over a compiled table; the name matcher is built on first use."""

    def __init__(self, compiled: CompiledGazetteer) -> None:
        self._c = compiled
        self._entries: dict[int, PlaceEntry] = {}
        self._by_id: dict[str, int] | None = None
        self._cands: dict[tuple[int, ...], tuple[PlaceEntry, ...]] = {}

    @property
    def checksum(self) -> str:
        return self._c.checksum

    @property
    def sources(self) -> tuple[str, ...]:
        return self._c.sources

    def __len__(self) -> int:
        return len(self._c.rows)

    @property
    def n_forms(self) -> int:
        return len(self._c.forms)

    @cached_property
    def _matcher(self) -> Matcher[int]:
        return self._c.name_matcher()

    def _entry(self, i: int) -> PlaceEntry:
        e = self._entries.get(i)
        if e is None:
            e = PlaceEntry(*self._c.rows[i])
            self._entries[i] = e
        return e

    def get(self, place_id: str) -> PlaceEntry:
        if self._by_id is None:
            self._by_id = {row[0]: i for i, row in enumerate(self._c.rows)}
        i = self._by_id.get(place_id)
        if i is None:
            raise KeyError(Errors.E254.fmt(id=place_id))
        return self._entry(i)

    def lookup(self, name: str) -> tuple[PlaceEntry, ...]:
        """Every entry registered under ``name`` (folded), without the clitic rule."""
        return tuple(self._entry(i) for i in self._c.forms.get(fold(name), ()))

    def entries(self) -> list[PlaceEntry]:
        return [self._entry(i) for i in range(len(self._c.rows))]

    def _cue(self, key: str, start: int, prefix: str) -> tuple[str | None, str | None]:
        """The cue word right before a name ("مدينة الحسكة", "بريف حلب"), or None.

        A cue governs the name only in construct state: "المعسكر والسوق" (the camp and the market) has no
        cue for "السوق", because the name carries a conjunction and the noun before it the article."""
        if prefix[:1] in ("و", "ف"):
            return None, None
        isalpha = str.isalpha
        pos = start - len(prefix) - 1
        while pos >= 0 and key[pos] == " ":
            pos -= 1
        end = pos + 1
        while pos >= 0 and isalpha(key[pos]):
            pos -= 1
        if end - pos < 2:
            return None, None
        word = key[pos + 1 : end]
        cues = self._c.cues
        feature = cues.get(word)
        if feature is not None:
            return feature, word
        for n in (4, 3, 2, 1):
            if len(word) > n + 1 and word[:n] in PROCLITICS and not word[:n].endswith(("ال", "لل")):
                feature = cues.get(word[n:])
                if feature is not None:
                    return feature, word[n:]
        return None, None

    def _adjective(self, key: str, end: int) -> str | None:
        """The country of a nisba adjective right after a name ("طرابلس اللبنانيه" -> "LB")."""
        isalpha = str.isalpha
        n = len(key)
        pos = end
        while pos < n and key[pos] == " ":
            pos += 1
        stop = pos
        while stop < n and isalpha(key[stop]):
            stop += 1
        return self._c.adjectives.get(key[pos:stop]) if stop > pos else None

    def _candidates(self, rows: tuple[int, ...]) -> tuple[PlaceEntry, ...]:
        """The entries of one hit's rows (memoized per row tuple: the same names recur)."""
        cands = self._cands.get(rows)
        if cands is None:
            cands = tuple(self._entry(i) for i in rows)
            self._cands[rows] = cands
        return cands

    def match(self, norm: NormalizedText, skip: Sequence[tuple[int, int]] = ()) -> list[PlaceMention]:
        """Place names in the text, longest first without overlaps, in text order.

        ``skip`` holds ORIGINAL-text ranges (hashtags, URLs, handles) where no place is reported.
        """
        out: list[PlaceMention] = []
        key = norm.key
        span_of = norm.span
        cue_only = self._c.cue_only
        common = self._c.common
        for start, end, form, prefix, _stripped, rows in self._matcher.select(key):
            cue, word = self._cue(key, start, prefix)
            if cue is None and form in cue_only:
                continue  # a common word ("إلى", "بيان", "العديد") is a place only behind a cue word
            if prefix and prefix + key[start:end] in common:
                continue  # the whole word is a common word read as clitic + name ("فرقه" is not ف + الرقة)
            span = span_of(start, end)
            if skip and any(span.start < e and s < span.end for s, e in skip):
                continue
            hint = self._adjective(key, end)
            out.append(PlaceMention(start, end, span, self._candidates(rows), cue, word, hint))
        return out

    def resolve(
        self, mention: PlaceMention, countries: Sequence[str] = (), admin1s: Sequence[str] = ()
    ) -> PlaceEntry | None:
        """The most plausible candidate: in-context country/admin1, cue, feature rank, population."""
        if not mention.candidates:
            return None
        ctx_countries = {c.upper() for c in countries}
        ctx_admin1 = {a.casefold() for a in admin1s}

        def score(e: PlaceEntry) -> tuple[int, int, int, int, int, int]:
            hinted = 1 if mention.country_hint == e.country else 0
            in_country = 1 if e.country in ctx_countries else 0
            a1 = (e.name if e.feature == "admin1" else e.admin1) or ""
            in_admin1 = 1 if a1.casefold() in ctx_admin1 else 0
            cue_ok = 0
            if mention.cue is not None:
                cue_ok = (
                    2 if e.feature == mention.cue else 1 if e.feature in _NEAR_CUE.get(mention.cue, ()) else 0
                )
            return (hinted, in_country, in_admin1, cue_ok, _TIER.get(e.feature, 0), e.population)

        return max(mention.candidates, key=score)

    def context(self, mentions: Sequence[PlaceMention]) -> tuple[list[str], list[str]]:
        """Countries and admin1s an article is about, from its unambiguous mentions.

        A mention counts when it names a country, or when all its candidates lie in one country (and,
        for admin1, in one admin1). Ordered by first mention.
        """
        countries: list[str] = []
        admin1s: list[str] = []
        for m in mentions:
            if not m.candidates:
                continue
            named = [c for c in m.candidates if c.feature == "country"]
            cs = {c.country for c in (named or m.candidates)}
            if m.country_hint:
                cs = {m.country_hint}
            if len(cs) == 1:
                c = next(iter(cs))
                if c not in countries:
                    countries.append(c)
                if not named:
                    a1 = {(e.name if e.feature == "admin1" else e.admin1) for e in m.candidates}
                    if len(a1) == 1:
                        a = next(iter(a1))
                        if a and a not in admin1s:
                            admin1s.append(a)
        return countries, admin1s

    def resolve_all(
        self, mentions: Sequence[PlaceMention], countries: Sequence[str] = ()
    ) -> list[PlaceEntry | None]:
        """Resolve every mention of one article against the article's own context (plus ``countries``)."""
        ctx_c, ctx_a = self.context(mentions)
        all_c = list(countries) + [c for c in ctx_c if c not in countries]
        return [self.resolve(m, all_c, ctx_a) for m in mentions]

    def hierarchy(self, entry: PlaceEntry) -> tuple[PlaceEntry, ...]:
        """The chain from the country down to ``entry``: its parents (and theirs), then the entry."""
        chain: list[PlaceEntry] = []
        seen: set[str] = {entry.id}

        def walk(e: PlaceEntry, depth: int) -> None:
            for pid in e.parents:
                if pid in seen or depth > 8:
                    continue
                seen.add(pid)
                try:
                    parent = self.get(pid)
                except KeyError:
                    continue
                walk(parent, depth + 1)
                chain.append(parent)

        walk(entry, 0)
        chain.append(entry)
        return tuple(chain)

    def stats(self) -> dict[str, Any]:
        by_feature: dict[str, int] = {}
        by_country: dict[str, int] = {}
        for row in self._c.rows:
            by_feature[row[9]] = by_feature.get(row[9], 0) + 1
            by_country[row[5]] = by_country.get(row[5], 0) + 1
        n_ar = sum(1 for row in self._c.rows if row[2])
        return {
            "entries": len(self._c.rows),
            "names": len(self._c.forms),
            "with_arabic_name": n_ar,
            "features": dict(sorted(by_feature.items())),
            "countries": dict(sorted(by_country.items())),
            "sources": list(self._c.sources),
            "checksum": self._c.checksum,
        }


_LOADED: dict[str, Gazetteer] = {}


def cache_dir() -> Path:
    """Where compiled gazetteers live: ``$RASID_CACHE_DIR/gazetteer`` or ``~/.cache/rasid/gazetteer``."""
    base = os.environ.get("RASID_CACHE_DIR")
    root = Path(base) if base else Path.home() / ".cache" / "rasid"
    return root / "gazetteer"


def current_build() -> Path | None:
    """The most recent user build (``rasid gazetteer build``) if it still exists."""
    marker = cache_dir() / "current"
    if not marker.is_file():
        return None
    path = Path(marker.read_text(encoding="utf-8").strip())
    return path if path.is_file() else None


def load_gazetteer(config: Mapping[str, Any] | None = None) -> Gazetteer:
    """The configured gazetteer, loaded once per process.

    Config keys: ``gazetteer_path`` (a compiled file from ``rasid gazetteer build``), ``gazetteer``
    ("embedded" forces the embedded default even when a user build exists), ``places_paths`` (extra
    place files in the supplement's TSV format, merged into the embedded default).
    """
    cfg = dict(config or {})
    path_value = cfg.get("gazetteer_path")
    path: Path | None = Path(path_value) if path_value else None
    if path is None and cfg.get("gazetteer") != "embedded":
        path = current_build()
    if path is not None:
        key = f"file:{path.resolve()}"
        if key not in _LOADED:
            _LOADED[key] = Gazetteer(CompiledGazetteer.read(path))
        return _LOADED[key]
    from rasid.resources.gazetteer_build import embedded_compiled

    extra = tuple(Path(p) for p in cfg.get("places_paths", ()) or ())
    key = "embedded:" + "|".join(str(p) for p in extra)
    if key not in _LOADED:
        _LOADED[key] = Gazetteer(embedded_compiled(extra))
    return _LOADED[key]
