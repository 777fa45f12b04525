"""Actor mentions in an article, with the short forms resolved to the actor they stand for.

Registry aliases give direct mentions. On top of them, in text order:

- unnamed sources ("مصادر طبية", "شهود عيان") become typed unnamed-source actors (lexicon
  ``unnamed_sources``; the entry id is the actor id, DESIGN.md);
- a person's surname alone ("وأضاف عبدي") refers to the person named in full earlier;
- generic words ("الوكالة", "التنظيم", lexicon ``generic_referents``) refer to the most recent earlier actor
  of a kind the word can name, else to the actor of those kinds mentioned most often ("in focus");
- speaker words ("المصدر", "البيان") are left for attribution to resolve to the current speaker
  (``actor_id`` empty, ``how == "speaker"``).
"""

from __future__ import annotations

import datetime as dt
import logging
from bisect import insort
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from rasid.model import Actor, Span
from rasid.resources.lexicons import LexMatch
from rasid.resources.matcher import Matcher, longest_nonoverlapping
from rasid.text.normalize import NormalizedText, fold
from rasid.text.records import builder
from rasid.text.tokens import at_boundary

log = logging.getLogger(__name__)

ARTICLE_ID = "article"  # pseudo-actor for figures the article states in its own voice


class Mention(NamedTuple):
    """One mention of an actor: ``how`` is name | unnamed | surname | generic | speaker. A named tuple, not
    a frozen dataclass: some forty are built per article, and a tuple is built several times faster."""

    actor_id: str
    key_start: int
    key_end: int
    span: Span
    how: str
    prefix: str = ""  # proclitic before a registry alias in the same word ("و", "لل" ...)
    # a shared alias ("وزارة الداخلية") picked with no evidence from the article's actors: the other
    # candidates, for ``rehome_shared`` once the places say which country the article is about
    others: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """What the claims layer needs to know about an actor, from the registry or a lexicon entry."""

    id: str
    name: str
    name_ar: str | None
    kind: str
    affiliation: str | None
    org: str | None = None
    countries: tuple[str, ...] = ()


class _Entry(Protocol):
    id: str
    attrs: Mapping[str, Any]


class _LexMatch(Protocol):
    @property
    def entry(self) -> Any: ...
    @property
    def key_start(self) -> int: ...
    @property
    def key_end(self) -> int: ...
    @property
    def span(self) -> Span: ...


class ActorDirectory:
    """Actor facts by id: the registry first, then unnamed-source lexicon entries, then the article."""

    def __init__(self, registry: Any, unnamed: Any = None, outlet: str | None = None) -> None:
        self.registry = registry
        self.unnamed = unnamed
        self.outlet = outlet
        self._article = ActorInfo(ARTICLE_ID, outlet or "the article", None, "media", None)
        # facts from the registry and the lexicon depend on nothing else: shared by every directory over
        # the same two (two per article, so they are not rebuilt for each)
        self._cache = _shared_infos(registry, unnamed)
        self._children: Counter[str] | None = None

    def info(self, actor_id: str) -> ActorInfo | None:
        if actor_id == ARTICLE_ID:
            return self._article
        try:
            return self._cache[actor_id]
        except KeyError:
            info = self._cache[actor_id] = self._info(actor_id)
            return info

    def _info(self, actor_id: str) -> ActorInfo | None:
        if actor_id == ARTICLE_ID:
            return self._article
        if self.registry is not None and actor_id in self.registry:
            e = self.registry.get(actor_id)
            return ActorInfo(
                e.id,
                e.name,
                e.name_ar,
                e.kind,
                e.affiliation,
                getattr(e, "org", None),
                tuple(getattr(e, "countries", ()) or ()),
            )
        entry = self.unnamed.get(actor_id) if self.unnamed is not None else None
        if entry is not None:
            a = entry.attrs
            name_ar = a.get("name_ar") or (entry.ar[0] if getattr(entry, "ar", ()) else None)
            return ActorInfo(
                entry.id, str(a.get("name", entry.id)), name_ar, str(a.get("kind", "other")), None
            )
        return None

    def kind(self, actor_id: str) -> str | None:
        info = self.info(actor_id)
        return info.kind if info else None

    def chain(self, actor_id: str, limit: int = 4) -> list[str]:
        """The actor and the organisations above it (a person's org, then affiliations), nearest first."""
        out = [actor_id]
        while len(out) <= limit:
            info = self.info(out[-1])
            parent = (info.org or info.affiliation) if info is not None else None
            if not parent or parent in out:
                break
            out.append(parent)
        return out

    def state_forces(self, country: str, day: str | None = None) -> str | None:
        """The main state forces of a country: a top-level ``state_forces`` actor of that country alone,
        valid on ``day`` (YYYY-MM-DD) when given, in registry order."""
        if self.registry is None:
            return None
        when = None
        if day:
            try:
                when = dt.date.fromisoformat(day[:10])
            except ValueError:
                when = None
        found = [e for e in _country_forces(self.registry, country) if when is None or e.valid_on(when)]
        if not found:
            return None
        # the hub of the country's forces: the one most units and ministries are affiliated with
        return str(max(found, key=lambda e: self._affiliates().get(e.id, 0)).id)

    def _affiliates(self) -> Counter[str]:
        if self._children is None:
            self._children = _registry_facts(self.registry)[1]
        return self._children

    def side(self, actor_id: str) -> str:
        """The organisation an actor speaks for: a person's org, a media outlet's owner, else itself."""
        info = self.info(actor_id)
        if info is None:
            return actor_id
        if info.kind == "person" and (info.org or info.affiliation):
            return info.org or info.affiliation or actor_id
        if info.kind == "media" and info.affiliation:
            return info.affiliation
        return actor_id


_INFOS: dict[tuple[int, int], tuple[Any, Any, dict[str, ActorInfo | None]]] = {}


def _shared_infos(registry: Any, unnamed: Any) -> dict[str, ActorInfo | None]:
    """The process-wide ``ActorInfo`` cache of a registry and unnamed-sources lexicon."""
    cached = _INFOS.get((id(registry), id(unnamed)))
    if cached is None or cached[0] is not registry or cached[1] is not unnamed:
        cached = (registry, unnamed, {})
        _INFOS[(id(registry), id(unnamed))] = cached
    return cached[2]


_FACTS: dict[int, tuple[Any, dict[str, list[Any]], Counter[str]]] = {}


def _registry_facts(registry: Any) -> tuple[dict[str, list[Any]], Counter[str]]:
    """Per registry, computed once per process: top-level state forces by their first country, and how
    many entries are affiliated with each actor."""
    cached = _FACTS.get(id(registry))
    if cached is None or cached[0] is not registry:
        forces: dict[str, list[Any]] = {}
        for e in registry:
            countries = tuple(e.countries)
            if e.kind == "state_forces" and not e.affiliation and countries:
                forces.setdefault(countries[0], []).append(e)
        children = Counter(e.affiliation for e in registry if e.affiliation)
        cached = (registry, forces, children)
        _FACTS[id(registry)] = cached
    return cached[1], cached[2]


def _country_forces(registry: Any, country: str) -> list[Any]:
    return _registry_facts(registry)[0].get(country, [])


CLAIM_LEXICONS = (
    "unnamed_sources",
    "generic_referents",
    "figure_nouns",
    "titles_roles",
    "reporting_verbs",
    "statement_cues",
)


class LexiconSet:
    """Several lexicons matched in one automaton pass, with the same answer as each ``Lexicon.match``.

    One Aho-Corasick scan over the key finds the candidates of every lexicon at once; the longest
    non-overlapping selection is then made per lexicon (lexicons may overlap each other: "قال" is a
    reporting verb inside a longer figure phrase of another lexicon)."""

    def __init__(self, lexicons: Any, names: Sequence[str] = CLAIM_LEXICONS) -> None:
        self.names = tuple(names)
        self.lexicons = {name: lexicons.get(name) for name in self.names}
        self._matcher: Matcher[tuple[str, str]] = Matcher(
            (fold(form), (name, e.id))
            for name, lex in self.lexicons.items()
            for e in lex.entries.values()
            for form in e.forms
        )
        # per form: the lexicons it belongs to, and per (form, lexicon) its entry ids in order
        self._names: dict[str, tuple[str, ...]] = {}
        self._ids: dict[tuple[str, str], tuple[str, ...]] = {}
        for form in self._matcher.forms():
            by_name: dict[str, list[str]] = {}
            for name, entry_id in self._matcher.payloads(form):
                by_name.setdefault(name, []).append(entry_id)
            self._names[form] = tuple(by_name)
            for name, ids in by_name.items():
                self._ids[(form, name)] = tuple(ids)
        # per range's forms (a ``Pick``'s, in order): what each lexicon makes of them, built on first use
        self._plans: dict[tuple[str, ...], tuple[tuple[str, str, tuple[Any, ...]], ...]] = {}

    @property
    def matcher(self) -> Matcher[tuple[str, str]]:
        return self._matcher

    def _plan(self, forms: tuple[str, ...]) -> tuple[tuple[str, str, tuple[Any, ...]], ...]:
        """Per lexicon with a form among ``forms``: (lexicon, the form that wins, its entries): the first
        of its forms (they come in ``Lexicon.match`` order: unstripped, then smallest) and the entries of
        all of them, merged in that order."""
        plan: list[tuple[str, str, tuple[Any, ...]]] = []
        for name in dict.fromkeys(n for f in forms for n in self._names[f]):
            group = [f for f in forms if name in self._names[f]]
            merged: list[str] = []
            for f in group:
                merged.extend(i for i in self._ids[(f, name)] if i not in merged)
            entries = self.lexicons[name].entries
            plan.append((name, group[0], tuple(entries[i] for i in merged)))
        return tuple(plan)

    def match(self, norm: NormalizedText) -> dict[str, list[LexMatch]]:
        key = norm.key
        plans = self._plans
        per_name: dict[str, list[tuple[int, int, str, str, tuple[Any, ...]]]] = {}
        for start, end, prefix, pick in self._matcher.picks(key):
            plan = plans.get(pick.forms)
            if plan is None:
                plan = plans[pick.forms] = self._plan(pick.forms)
            for name, form, found in plan:
                hits = per_name.get(name)
                if hits is None:
                    per_name[name] = [(start, end, form, prefix, found)]
                else:
                    hits.append((start, end, form, prefix, found))
        # Per lexicon: longest first, then leftmost, without overlaps (lexicons may overlap each other:
        # "قال" is a reporting verb inside a longer figure phrase of another lexicon).
        spans: dict[tuple[int, int], Span] = {}  # one Span per key range, shared by the lexicons
        out: dict[str, list[LexMatch]] = {}
        for name in self.names:
            matches: list[LexMatch] = []
            for start, end, form, prefix, found in longest_nonoverlapping(per_name.get(name, [])):
                span = spans.get((start, end))
                if span is None:
                    span = spans[(start, end)] = norm.span(start, end)
                for entry in found:
                    matches.append(LexMatch(entry, start, end, span, form, prefix))
            out[name] = matches
        return out


_SETS: dict[int, tuple[Any, LexiconSet]] = {}


def lexicon_set(lexicons: Any) -> LexiconSet:
    """The combined claims-layer matcher of a ``Lexicons`` object, built once per process."""
    cached = _SETS.get(id(lexicons))
    if cached is None or cached[0] is not lexicons:
        cached = (lexicons, LexiconSet(lexicons))
        _SETS[id(lexicons)] = cached
    return cached[1]


def _overlaps(a_start: int, a_end: int, taken: Sequence[tuple[int, int]]) -> bool:
    return any(a_start < e and s < a_end for s, e in taken)


def find_mentions(
    norm: NormalizedText,
    registry: Any,
    lexicons: Any,
    directory: ActorDirectory | None = None,
    matches: Mapping[str, Sequence[Any]] | None = None,
) -> list[Mention]:
    """Every actor mention in text order, short forms resolved (see the module docstring).

    ``matches``: lexicon matches by lexicon name already computed (``LexiconSet.match``)."""
    directory = directory or ActorDirectory(registry, lexicons.get("unnamed_sources"))
    if matches is None:
        matches = {n: lexicons.get(n).match(norm) for n in ("unnamed_sources", "generic_referents")}
    out = _named(list(registry.match(norm)) if registry is not None else [], directory)
    taken = [(m.key_start, m.key_end) for m in out]
    for u in matches["unnamed_sources"]:
        if not _overlaps(u.key_start, u.key_end, taken):
            out.append(Mention(u.entry.id, u.key_start, u.key_end, u.span, "unnamed"))
            taken.append((u.key_start, u.key_end))
    out.extend(_surnames(norm, out, directory, taken))
    out.sort(key=lambda m: m.key_start)
    occupied = bytearray(len(norm.key))  # key characters some mention already covers
    for start, end in taken:
        occupied[start:end] = b"\x01" * (end - start)
    generic = [g for g in matches["generic_referents"] if occupied.find(1, g.key_start, g.key_end) < 0]
    if generic:
        out = _resolve_generic(out, generic, directory, norm.key)
    return out


def _named(hits: Sequence[Any], directory: ActorDirectory) -> list[Mention]:
    """Registry mentions, one actor per span: a shared alias ("الدفاع المدني", "وزارة الصحة") goes to the
    candidate named unambiguously in the article, else to the one whose country the article is about."""
    groups: dict[tuple[int, int], list[Any]] = {}
    for h in hits:
        groups.setdefault((h.key_start, h.key_end), []).append(h)
    plain = [g[0] for g in groups.values() if len(g) == 1]
    named = {h.actor_id for h in plain}
    votes = article_countries((h.actor_id for h in plain), directory)
    out: list[Mention] = []
    for (start, end), group in groups.items():
        pick = group[0]
        others: tuple[str, ...] = ()
        if len(group) > 1:
            known = [h for h in group if h.actor_id in named]
            if known:
                pick = known[0]
            else:
                scored = [(_country_score(h.actor_id, votes, directory), -i, h) for i, h in enumerate(group)]
                best = max(scored, key=lambda x: (x[0], x[1]))
                pick = best[2]
                if best[0] == 0:
                    others = tuple(dict.fromkeys(h.actor_id for h in group if h.actor_id != pick.actor_id))
        out.append(Mention(pick.actor_id, start, end, pick.span, "name", getattr(pick, "prefix", ""), others))
    out.sort(key=lambda m: m.key_start)
    return out


def rehome_shared(
    mentions: Sequence[Mention], country: str, directory: ActorDirectory
) -> list[Mention] | None:
    """Shared aliases picked blind ("وزارة الداخلية" in an article whose actors name no country) go to the
    candidate of ``country``, the country of the article's places; later generic words that stood for
    the blind pick follow it. None when nothing changes."""
    swap: dict[str, str] = {}
    for m in mentions:
        if not m.others:
            continue
        info = directory.info(m.actor_id)
        if info is not None and country in info.countries:
            continue
        for other in m.others:
            other_info = directory.info(other)
            if other_info is not None and country in other_info.countries:
                swap[m.actor_id] = other
                break
    # an actor the article also names unambiguously keeps its other mentions
    swap = {
        a: b
        for a, b in swap.items()
        if not any(m.actor_id == a and m.how == "name" and not m.others for m in mentions)
    }
    if not swap:
        return None
    return [m._replace(actor_id=swap[m.actor_id], others=()) if m.actor_id in swap else m for m in mentions]


def article_countries(actor_ids: Iterable[str], directory: ActorDirectory) -> Counter[str]:
    """How often each country is the scope of an actor the article names (actors tied to one or two
    countries only: regional and international bodies say nothing about where the article is)."""
    votes: Counter[str] = Counter()
    for actor_id in actor_ids:
        info = directory.info(actor_id)
        if info is not None and 0 < len(info.countries) <= 2:
            votes.update(info.countries)
    return votes


def _country_score(actor_id: str, votes: Counter[str], directory: ActorDirectory) -> int:
    info = directory.info(actor_id)
    return max((votes[c] for c in info.countries), default=0) if info is not None else 0


def _surnames(
    norm: NormalizedText, mentions: Sequence[Mention], directory: ActorDirectory, taken: list[tuple[int, int]]
) -> list[Mention]:
    """Later bare surnames of people named in full ("مظلوم عبدي" ... "وأضاف عبدي")."""
    found: list[Mention] = []
    key = norm.key
    seen: set[str] = set()
    for m in mentions:
        if m.actor_id in seen or directory.kind(m.actor_id) != "person":
            continue
        words = fold(norm.key[m.key_start : m.key_end]).split()
        if len(words) < 2 or len(words[-1]) < 3:
            continue
        seen.add(m.actor_id)
        surname = words[-1]
        pos = key.find(surname, m.key_end)
        while pos >= 0:
            end = pos + len(surname)
            if at_boundary(key, pos, end) and not _overlaps(pos, end, taken):
                found.append(Mention(m.actor_id, pos, end, norm.span(pos, end), "surname"))
                taken.append((pos, end))
            pos = key.find(surname, end)
    return found


_HEAD_WINDOW = 12  # key characters before a mention searched for its head word ("وكالة", "تنظيم")


@lru_cache(maxsize=4096)
def _head(text: str) -> str:
    """The head noun of a generic word without article or proclitics: "والتنظيم" -> "تنظيم" (the same few
    words recur in every article, so the answers are kept)."""
    words = fold(text).split()
    word = words[-1] if words else ""
    for prefix in ("وال", "فال", "بال", "لل", "ال"):
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            return word[len(prefix) :]
    return word


def _resolve_generic(
    mentions: list[Mention], generic: Iterable[Any], directory: ActorDirectory, key: str
) -> list[Mention]:
    counts: Counter[str] = Counter(m.actor_id for m in mentions)
    out = list(mentions)  # sorted by start, but for speaker words appended since the last generic one
    unsorted = False
    kind_of: dict[str, str | None] = {}
    for g in generic:
        attrs = g.entry.attrs
        if attrs.get("speaker"):
            out.append(Mention("", g.key_start, g.key_end, g.span, "speaker"))
            unsorted = True
            continue
        kinds = set(attrs.get("kinds", ()))
        earlier: list[Mention] = []
        for m in out:
            if m.key_start >= g.key_start and not unsorted:
                break  # sorted: this one and all after it end after g starts
            if m.key_end <= g.key_start and m.actor_id:
                kind = kind_of.get(m.actor_id, "")
                if kind == "":
                    kind = kind_of[m.actor_id] = directory.kind(m.actor_id)
                if kind in kinds:
                    earlier.append(m)
        # an actor introduced with the same head word wins ("وكالة سانا" ... "الوكالة",
        # "بتنظيم الدولة" ... "التنظيم"), else the most recent actor of a fitting kind
        head = _head(g.span.text)
        headed = [m for m in earlier if head and head in key[max(0, m.key_start - _HEAD_WINDOW) : m.key_end]]
        pick = headed or earlier
        target = pick[-1].actor_id if pick else None
        if target is None:
            ranked = [a for a, _ in counts.most_common() if directory.kind(a) in kinds]
            target = ranked[0] if ranked else None
        if target is None:
            log.debug("generic word %r left unresolved", g.span.text)
            continue
        mention = Mention(target, g.key_start, g.key_end, g.span, "generic")
        if unsorted:
            out.append(mention)
            out.sort(key=_start)
            unsorted = False
        else:  # where the stable sort of ``out + [mention]`` would put it
            insort(out, mention, key=_start)
    return out


def _start(m: Mention) -> int:
    return m.key_start


_new_actor = builder(
    Actor
)  # ``Actor(...)``, faster (rasid.text.records): a dozen per call, two calls per article


def record_actors(
    mentions: Iterable[Mention], directory: ActorDirectory, extra_ids: Iterable[str] = ()
) -> list[Actor]:
    """The record's ``actors``: each resolved actor once, with all its mention spans, in first-seen order."""
    spans: dict[str, list[Span]] = {}
    for m in mentions:
        if m.actor_id:
            spans.setdefault(m.actor_id, []).append(m.span)
    for actor_id in extra_ids:
        spans.setdefault(actor_id, [])
    out: list[Actor] = []
    for actor_id, sp in spans.items():
        info = directory.info(actor_id)
        if info is None:
            if actor_id != "civilians":
                log.debug("actor %s is not in the registry; left out of the record", actor_id)
            continue
        uniq = sorted({(s.start, s.end): s for s in sp}.values(), key=lambda s: s.start)
        out.append(_new_actor(info.id, info.name, info.name_ar, info.kind, info.affiliation, tuple(uniq)))
    return out
