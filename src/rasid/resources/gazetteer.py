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

Storage (the compact ``rasid.gazetteer/3`` format) is in ``rasid.resources.gazetteer_store``.
"""

from __future__ import annotations

import logging
import math
import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from rasid.errors import Errors
from rasid.model import Span
from rasid.resources.gazetteer_store import (  # re-exported: callers import them from here
    FEATURES,
    FORMAT,
    CompiledGazetteer,
    Feature,
    NameIndex,
    PlaceEntry,
    PlaceTable,
    Row,
)
from rasid.text.normalize import NormalizedText, fold
from rasid.text.tokens import PROCLITICS

__all__ = [
    "FEATURES",
    "FORMAT",
    "CompiledGazetteer",
    "Feature",
    "Gazetteer",
    "NameIndex",
    "PlaceEntry",
    "PlaceMention",
    "PlaceTable",
    "Row",
    "cache_dir",
    "current_build",
    "distance_km",
    "load_gazetteer",
]

log = logging.getLogger(__name__)

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
# Materialized entries kept per process before the memo is dropped (a long run touches ever more places).
_ENTRY_CACHE = 50_000

_NEAR_CUE: dict[str, tuple[str, ...]] = {
    "city": ("town", "village"),
    "town": ("city", "village"),
    "village": ("town",),
    "site": ("neighbourhood",),
    "neighbourhood": ("site", "village"),
    "admin2": ("admin3",),
    "admin3": ("admin2",),
}


class PlaceMention(NamedTuple):
    """One place-name hit with its candidates. A named tuple, not a frozen dataclass: one is built for
    every place hit of every document, and a tuple is built several times faster."""

    key_start: int
    key_end: int
    span: Span
    candidates: tuple[PlaceEntry, ...]
    cue: str | None = None  # the feature a preceding cue word asks for ("city", "admin1", "site" ...)
    cue_word: str | None = None  # that word, folded ("مدينه", "ريف")
    country_hint: str | None = None  # ISO2 from an adjective after the name ("طرابلس اللبنانية")
    prefix: str = ""  # proclitic before the name in the same word ("و", "لل"), as the boundary rule found it
    # a place name that is a common word too ("بحري": a city, and "nautical"/"naval"), found without a
    # cue word: it counts only inside the article's own countries
    ambiguous: bool = False


def _letters_before(key: str, end: int) -> str:
    """The run of letters of ``key`` that ends at ``end`` ("" when ``key[end - 1]`` is no letter)."""
    # the text back to the previous space, when it is all letters (the common case), is the run
    word = key[key.rfind(" ", 0, end) + 1 : end]
    if word.isalpha():
        return word
    pos = end
    while pos > 0 and key[pos - 1].isalpha():
        pos -= 1
    return key[pos:end]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Place lookup over a compiled table; ``PlaceEntry`` objects are made on demand and memoized."""

    def __init__(self, compiled: CompiledGazetteer) -> None:
        self._c = compiled
        self._t = compiled.table
        self._names = compiled.names
        self._entries: dict[int, PlaceEntry] = {}
        self._other_index: dict[str, int] | None = None
        self._cands: dict[tuple[int, ...], tuple[PlaceEntry, ...]] = {}
        self._cue_memo: dict[str, tuple[str | None, str | None]] = {}  # word -> what ``_cue_word`` says

    @property
    def checksum(self) -> str:
        return self._c.checksum

    @property
    def sources(self) -> tuple[str, ...]:
        return self._c.sources

    def __len__(self) -> int:
        return self._t.n

    @property
    def n_forms(self) -> int:
        return self._names.n_forms

    @property
    def _matcher(self) -> NameIndex:
        """The name index (loaded with the table; kept for callers that touch it to force a load)."""
        return self._names

    def _entry(self, i: int) -> PlaceEntry:
        e = self._entries.get(i)
        if e is None:
            if len(self._entries) >= _ENTRY_CACHE:
                self._entries.clear()  # a bound on a long run's memory; entries are cheap to remake
                self._cands.clear()
            e = self._t.entry(i)
            self._entries[i] = e
        return e

    def get(self, place_id: str) -> PlaceEntry:
        if self._other_index is None:
            self._other_index = {s: k for k, s in enumerate(self._t.other_ids)}
        i = self._t.row_of(place_id, self._other_index)
        if i is None:
            raise KeyError(Errors.E254.fmt(id=place_id))
        return self._entry(i)

    def lookup(self, name: str) -> tuple[PlaceEntry, ...]:
        """Every entry registered under ``name`` (folded), without the clitic rule."""
        fid = self._names.form_id(fold(name))
        return () if fid is None else tuple(self._entry(i) for i in self._names.rows(fid))

    def entries(self) -> list[PlaceEntry]:
        return [self._entry(i) for i in range(self._t.n)]

    def _cue(self, key: str, start: int, prefix: str) -> tuple[str | None, str | None]:
        """The cue word right before a name ("مدينة الحسكة", "بريف حلب"), or None.

        A cue governs the name only in construct state: "المعسكر والسوق" (the camp and the market) has no
        cue for "السوق", because the name carries a conjunction and the noun before it the article."""
        if prefix[:1] in ("و", "ف"):
            return None, None
        end = start - len(prefix)
        while end > 0 and key[end - 1] == " ":
            end -= 1
        word = _letters_before(key, end)
        if not word:
            return None, None
        found = self._cue_memo.get(word)
        if found is None:
            if len(self._cue_memo) >= _ENTRY_CACHE:
                self._cue_memo.clear()
            found = self._cue_memo[word] = self._cue_word(word)
        return found

    def _cue_word(self, word: str) -> tuple[str | None, str | None]:
        """The feature a word asks for as a cue, itself or behind a proclitic ("بريف"), and the cue."""
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
        n = len(key)
        pos = end
        while pos < n and key[pos] == " ":
            pos += 1
        # the word up to the next space, when it is all letters (the common case), is the letter run
        stop = key.find(" ", pos)
        word = key[pos : n if stop < 0 else stop]
        if not word.isalpha():
            stop = pos
            while stop < n and key[stop].isalpha():
                stop += 1
            word = key[pos:stop]
        return self._c.adjectives.get(word) if word else None

    def _candidates(self, fids: tuple[int, ...]) -> tuple[PlaceEntry, ...]:
        """The entries of one hit's forms, rows merged in order (memoized: the same names recur)."""
        cands = self._cands.get(fids)
        if cands is None:
            rows = self._names.rows
            if len(fids) == 1:
                cands = tuple(self._entry(i) for i in rows(fids[0]))
            else:
                merged: list[int] = []
                for fid in fids:
                    merged.extend(i for i in rows(fid) if i not in merged)
                cands = tuple(self._entry(i) for i in merged)
            self._cands[fids] = cands
        return cands

    def match(self, norm: NormalizedText, skip: Sequence[tuple[int, int]] = ()) -> list[PlaceMention]:
        """Place names in the text, longest first without overlaps, in text order.

        ``skip`` holds ORIGINAL-text ranges (hashtags, URLs, handles) where no place is reported.
        """
        out: list[PlaceMention] = []
        key = norm.key
        span_of = norm.span
        cue_only = self._names.cue_only
        common = self._c.common
        for start, end, prefix, fids in self._names.select(key):
            cue, word = self._cue(key, start, prefix)
            flag = cue_only[fids[0]]
            if cue is None and flag == 1:
                continue  # a common word ("إلى", "بيان", "العديد") is a place only behind a cue word
            if prefix and prefix + key[start:end] in common:
                continue  # the whole word is a common word read as clitic + name ("فرقه" is not ف + الرقة)
            span = span_of(start, end)
            if skip and any(span.start < e and s < span.end for s, e in skip):
                continue
            hint = self._adjective(key, end)
            ambiguous = cue is None and flag == 2
            out.append(
                PlaceMention(start, end, span, self._candidates(fids), cue, word, hint, prefix, ambiguous)
            )
        return out

    def resolve(
        self, mention: PlaceMention, countries: Sequence[str] = (), admin1s: Sequence[str] = ()
    ) -> PlaceEntry | None:
        """The most plausible candidate: in-context country/admin1, cue, feature rank, population."""
        return self.resolver(countries, admin1s)(mention)

    def resolver(
        self, countries: Sequence[str] = (), admin1s: Sequence[str] = ()
    ) -> Callable[[PlaceMention], PlaceEntry | None]:
        """``resolve`` with the context fixed, for the mentions of one article (the context's sets are
        built once, and a mention with a single candidate needs no scoring)."""
        ctx_countries = {c.upper() for c in countries}
        ctx_admin1 = {a.casefold() for a in admin1s}

        def best(mention: PlaceMention) -> PlaceEntry | None:
            candidates = mention.candidates
            if len(candidates) < 2:
                return candidates[0] if candidates else None

            hint = mention.country_hint
            cue = mention.cue
            near = _NEAR_CUE.get(cue, ()) if cue is not None else ()

            def score(e: PlaceEntry) -> tuple[int, int, int, int, int, int]:
                a1 = (e.name if e.feature == "admin1" else e.admin1) or ""
                cue_ok = 0 if cue is None else 2 if e.feature == cue else 1 if e.feature in near else 0
                return (
                    1 if hint == e.country else 0,
                    1 if e.country in ctx_countries else 0,
                    1 if a1.casefold() in ctx_admin1 else 0,
                    cue_ok,
                    _TIER.get(e.feature, 0),
                    e.population,
                )

            return max(candidates, key=score)

        return best

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
        best = self.resolver(all_c, ctx_a)
        return [best(m) for m in mentions]

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
        t = self._t
        by_feature = Counter(t.feature)
        by_country = Counter(t.country)
        n_ar = sum(1 for k in t.name_ar if k >= 0)
        return {
            "entries": t.n,
            "names": self._names.n_forms,
            "with_arabic_name": n_ar,
            "features": dict(sorted((t.text(k) or "", n) for k, n in by_feature.items())),
            "countries": dict(sorted((t.text(k) or "", n) for k, n in by_country.items())),
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
