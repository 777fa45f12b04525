"""Place mentions of an article, resolved through the gazetteer, with the role each plays.

Only places that can be where an event happened keep the role ``event``. Others are kept, with their
role, because they still tell which country the article is about:
- ``post``: inside an embedded social-media post (a hashtag like "#العراق" is never a place of the event);
- ``hashtag``: written as a hashtag anywhere;
- ``actor``: part of an actor's name ("قوات سوريا الديمقراطية" names no place);
- ``reference``: a distance reference ("100 كلم شمال بغداد");
- ``reactor``: a capital or country that only reacts ("أدانت باريس");
- ``dateline``: where the story was filed from ("بيروت (أ ف ب) -");
- ``beneficiary``: whose side someone is on ("فصائل موالية لأنقرة");
- ``origin``: where people come from ("الجنود المنحدرين من ريف حماة", "من أهالي بلدة").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

from rasid.model import Span
from rasid.text.normalize import NormalizedText

# How specific a gazetteer feature is, most specific first; used to pick an event's place.
FEATURE_RANK = {
    "site": 0,
    "neighbourhood": 1,
    "village": 2,
    "town": 3,
    "city": 3,
    "admin3": 4,
    "admin2": 5,
    "admin1": 6,
    "country": 7,
}
PRECISION_OF_FEATURE = {
    "site": "site",
    "neighbourhood": "site",
    "village": "town",
    "town": "town",
    "city": "town",
    "admin3": "admin2",
    "admin2": "admin2",
    "admin1": "admin1",
    "country": "country",
}


class ResolvedPlace(NamedTuple):
    """A place mention resolved to one gazetteer entry, with its role. A named tuple, not a frozen
    dataclass: one is built per place mention of every article."""

    span: Span
    key_start: int
    key_end: int
    entry: Any  # rasid.resources.gazetteer.PlaceEntry
    role: str  # event | post | hashtag | actor | reference | reactor

    @property
    def rank(self) -> int:
        return FEATURE_RANK.get(str(self.entry.feature), 8)


class SpanSet:
    """Spans sorted by start, for fast "does this span overlap any of them" questions."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.spans]
        self.max_len = max((s.end - s.start for s in self.spans), default=0)

    def overlaps(self, span: Span) -> bool:
        if not self.starts:
            return False
        # Only spans starting in [span.start - longest, span.end) can overlap.
        lo = bisect_left(self.starts, span.start - self.max_len)
        hi = bisect_left(self.starts, span.end)
        return any(self.spans[i].end > span.start for i in range(lo, hi))


def _overlaps(span: Span, others: SpanSet) -> bool:
    return others.overlaps(span)


def _words_before(key: str, pos: int, n: int) -> str:
    """The ``n`` words of the key before ``pos`` (punctuation dropped), for short-window cues."""
    words = key[:pos].replace('"', " ").replace(",", " ").rsplit(None, n)  # only the last n are split off
    return " ".join(words[-n:])


_LINE_BLANK = "\n \t\u200f\u200e"  # a line break, or what may stand before a dateline on its line
_DATELINE = re.compile(r"\s*(?:\([^()\n]{1,40}\))?\s*[-–—:]")


def _is_dateline(text: str, span: Span) -> bool:
    """A place that opens a line and is followed by "(agency) -": where the story was filed from."""
    if span.start and text[span.start - 1] not in _LINE_BLANK:
        return False  # something other than blanks stands between the line start and the place
    line_start = text.rfind("\n", 0, span.start) + 1
    if text[line_start : span.start].strip(" \t\u200f\u200e"):
        return False
    return _DATELINE.match(text, span.end) is not None


class _ByEnd:
    """Key spans sorted by end, for "which of them end at most ``gap`` characters before ``pos``"."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans, key=itemgetter(1))
        self.ends = [end for _, end in self.spans]

    def ending_near(self, pos: int, gap: int) -> list[tuple[int, int]]:
        return self.spans[bisect_left(self.ends, pos - gap) : bisect_right(self.ends, pos)]


@dataclass(frozen=True, slots=True)
class _Article:
    """What the role of a place depends on in one article, gathered once for all its place mentions."""

    norm: NormalizedText
    posts: SpanSet
    actors: SpanSet
    direction: _ByEnd  # direction words ("شمال")
    condemn: _ByEnd  # condemnation verbs ("أدانت")
    origin: _ByEnd  # where people come from ("المنحدرين من")
    hashes: bool  # whether the key holds a "#" at all


ORIGIN_GAP_CHARS = 12  # an origin cue this close before a place (one cue word may stand between)
_UNITS = ("كلم", "كم", "كيلومتر", "كيلومترا", "km", "miles", "ميلا")


def _bare_common_word(key: str, key_start: int, prefix: str, mention: Any) -> bool:
    """Whether a mention is a common word written like a place the gazetteer knows only with the article:
    "وقفة احتجاجية سلمية" (peaceful, not al-Salamiyah), "وادي عومران" (a valley, not El Oued). Arabic
    writes such names with "ال" ("السلمية", "الوادي"); without it and without a cue word before it
    ("مدينة", "بلدة"), the word is an adjective or a noun in construct."""
    word = mention.span.text
    if mention.cue is not None or prefix.endswith("ال") or key.startswith("ال", key_start) or " " in word:
        return False
    names = [getattr(c, "name_ar", None) or "" for c in mention.candidates]
    return bool(names) and all(n.startswith("ال") for n in names)


def _role(art: _Article, mention: Any) -> str:
    """The role of a gazetteer ``PlaceMention`` (see the module docstring)."""
    norm = art.norm
    key = norm.key
    key_start = mention.key_start
    span = mention.span
    if _overlaps(span, art.posts):
        return "post"
    if _is_dateline(norm.original, span):
        return "dateline"
    prefix = mention.prefix  # the proclitic the gazetteer's boundary rule found before the name
    if prefix.endswith(("ل", "لل")):
        return "beneficiary"
    if _bare_common_word(key, key_start, prefix, mention):
        return "common"  # "موالية لأنقرة", "التابع لدمشق": whose side, not where
    if art.hashes and key_start > 0 and key[max(0, key_start - 3) : key_start].rstrip().endswith("#"):
        return "hashtag"
    if _overlaps(span, art.actors):
        return "actor"
    # "100 كلم شمال بغداد": a direction word right before the place, a distance unit right before that.
    for start, _end in art.direction.ending_near(key_start, 2):
        before = _words_before(key, start, 2)
        if any(unit in before.split() for unit in _UNITS):
            return "reference"
    if art.condemn.ending_near(key_start, 2):
        return "reactor"
    # "المنحدرين من ريف حماة": an origin cue right before the place, or before one cue word ("ريف", "بلدة")
    for _start, end in art.origin.ending_near(key_start, ORIGIN_GAP_CHARS):
        if len(key[end:key_start].split()) <= 1:
            return "origin"
    return "event"


# A candidate is "strong" evidence of what country an article is about when it is a country or a
# first-level division, a large city, or named behind a cue word ("مدينة", "محافظة"). Small places
# named like common words ("بيان", "جوي", "إلى") never set the context on their own.
STRONG_FEATURES = frozenset({"country", "admin1"})
STRONG_POPULATION = 100_000


def _strong(entry: Any, cued: bool) -> bool:
    return cued or entry.feature in STRONG_FEATURES or int(entry.population or 0) >= STRONG_POPULATION


def find_places(
    norm: NormalizedText,
    gazetteer: Any,
    cues: Any,
    posts: Sequence[Span] = (),
    actor_spans: Sequence[Span] = (),
    actor_countries: Sequence[str] = (),
) -> list[ResolvedPlace]:
    """Every place mention, resolved with the article's own country and admin1 context, with its role.

    The context comes from strong mentions (see ``_strong``) outside posts and hashtags, plus the home
    countries of the armed actors named (``actor_countries``). Once an article has a context, a weak
    mention (a small place) outside it is dropped: in an article about Idlib, "إلى" is a word, not a
    village in Ardabil.
    """
    skip = [(p.start, p.end) for p in posts]
    mentions = gazetteer.match(norm, skip=skip) if skip else gazetteer.match(norm)
    art = _Article(
        norm,
        SpanSet(posts),
        SpanSet(actor_spans),
        _ByEnd(cues.get("direction")),
        _ByEnd(cues.get("condemn")),
        _ByEnd(cues.get("origin")),
        "#" in norm.key,
    )
    roles = [_role(art, m) for m in mentions]
    countries: Counter[str] = Counter(actor_countries)
    # Countries where something below country level is named: only these license small places
    # (an article about Damascus that mentions Iran does not make "جوي" a village in Khuzestan).
    local: set[str] = set(actor_countries)
    admin1s: Counter[str] = Counter()
    for m, role in zip(mentions, roles, strict=True):
        if role in ("post", "hashtag") or not m.candidates:
            continue
        strong = (
            list(m.candidates)
            if m.cue is not None
            else [c for c in m.candidates if _strong(c, False) and not m.ambiguous]
        )
        if m.country_hint:
            strong = [c for c in strong if c.country == m.country_hint] or strong
        if strong and len({c.country for c in strong}) == 1:
            countries[strong[0].country] += 2 if role == "event" else 1
            if any(c.feature != "country" for c in strong):
                local.add(strong[0].country)
            if len({c.admin1 for c in strong}) == 1 and strong[0].admin1 and role == "event":
                admin1s[strong[0].admin1] += 1
    ctx_countries = [c for c, _ in countries.most_common()]
    ctx_admin1s = [a for a, _ in admin1s.most_common()]
    # Small places are accepted in the article's main country, and in other countries only when
    # something below country level is named there too.
    home = {c for c in ctx_countries[:1] if c in local} | {c for c in local if countries[c] >= 2}
    out: list[ResolvedPlace] = []
    resolve = gazetteer.resolver(ctx_countries, ctx_admin1s)
    for m, role in zip(mentions, roles, strict=True):
        entry = resolve(m)
        if entry is None:
            continue
        weak = m.ambiguous or not _strong(entry, m.cue is not None)
        if ctx_countries and weak and entry.country not in home:
            continue  # a small place, or a name that is a common word too, outside the article's countries
        out.append(ResolvedPlace(m.span, m.key_start, m.key_end, entry, role))
    return out


def main_place(places: Sequence[ResolvedPlace]) -> ResolvedPlace | None:
    """The article's main event place: the most specific place in the most mentioned admin1, first seen."""
    event_places = [p for p in places if p.role == "event"]
    if not event_places:
        return None
    admin1_votes = Counter((p.entry.country, p.entry.admin1) for p in event_places)
    top_area = admin1_votes.most_common(1)[0][0]
    in_area = [p for p in event_places if (p.entry.country, p.entry.admin1) == top_area]
    return min(in_area, key=lambda p: (p.rank, p.span.start))
