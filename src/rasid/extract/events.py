"""Events: detect triggers, keep the ones that report a new event, group them, and give each group its
type, date, place and actors.

Steps, each a small function over plain inputs:
1. ``find_triggers``: event-trigger lexicon hits outside embedded posts, dropped when a negation, future
   or hypothetical cue stands right before them, or when their sentence is about an anniversary,
   background history or opinion.
2. ``group_triggers``: violent triggers at compatible places and dates form one event (a truck bomb
   that opens an assault on a prison is one event); other triggers group by sub-event type and place.
3. ``build_event``: the group's type is its most specific trigger's; its date the earliest-starting
   date expression that governs one of its triggers (the expression in the trigger's sentence that is
   not the date of a reporting verb); its place the most specific event-role place in its sentences, or
   the article's main place; actor1/actor2 by vote over the armed actors of its sentences.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rasid.extract.places import PRECISION_OF_FEATURE, ResolvedPlace, main_place
from rasid.model import Event, EventDate, EventType, Place, Span
from rasid.text.normalize import NormalizedText

BLOCKING_BEFORE = ("negation", "future", "hypothetical")  # cue within a few words before the trigger
BLOCKING_SENTENCE = ("anniversary", "background", "opinion")  # cue anywhere in the trigger's sentence
BEFORE_WINDOW_WORDS = 3
ARMED_KINDS = frozenset(
    {"rebel_group", "state_forces", "political_militia", "identity_militia", "external_force", "civilians"}
)
TARGET_CUES = frozenset({"علي", "ضد", "استهدف", "استهدفت", "استهداف", "مواقع", "مقرات", "لعناصر"})
SUPPORT_CUES = frozenset({"بمسانده", "بدعم", "بمشاركه", "باسناد", "باسناده", "مدعومه", "مدعوما"})


@dataclass(frozen=True, slots=True)
class Trigger:
    entry_id: str
    event_type: str
    sub_event_type: str
    plover: str | None
    priority: int
    violent: bool
    span: Span
    key_start: int
    sentence: int


@dataclass(frozen=True, slots=True)
class SentenceView:
    """What the event builder needs to know about one sentence."""

    start: int
    end: int
    dates: tuple[Any, ...] = ()  # rasid.text.dates.ResolvedDate governing events (reporting dates removed)
    places: tuple[ResolvedPlace, ...] = ()
    actors: tuple[tuple[str, Span, str], ...] = ()  # (actor id, span, role hint: "any" | "target" | "assoc")


@dataclass
class TriggerGroup:
    triggers: list[Trigger] = field(default_factory=list)

    @property
    def violent(self) -> bool:
        return self.triggers[0].violent

    @property
    def lead(self) -> Trigger:
        return max(self.triggers, key=lambda t: (t.priority, -t.span.start))

    @property
    def sentences(self) -> list[int]:
        return sorted({t.sentence for t in self.triggers})


def sentence_index(sentences: Sequence[Any], pos: int) -> int:
    """Index of the sentence containing original offset ``pos`` (the last one starting before it)."""
    lo, hi = 0, len(sentences) - 1
    found = 0
    while lo <= hi:
        mid = (lo + hi) // 2
        if sentences[mid].start <= pos:
            found = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return found


def _cue_spans(norm: NormalizedText, lex_context: Any) -> dict[str, list[tuple[int, int]]]:
    cues: dict[str, list[tuple[int, int]]] = {}
    for hit in lex_context.match(norm):
        cues.setdefault(str(hit.entry.attrs.get("kind")), []).append((hit.key_start, hit.key_end))
    return cues


def _words_between(key: str, start: int, end: int) -> int:
    return len(key[start:end].split())


def find_triggers(
    norm: NormalizedText,
    sentences: Sequence[Any],
    post_spans: Sequence[Span],
    lex_triggers: Any,
    lex_context: Any,
) -> list[Trigger]:
    """Trigger hits that report an event (see the module docstring for what is dropped)."""
    cues = _cue_spans(norm, lex_context)
    key = norm.key
    blocked_sentences = {
        sentence_index(sentences, norm.to_original(s, e)[0])
        for kind in BLOCKING_SENTENCE
        for s, e in cues.get(kind, ())
    }
    out: list[Trigger] = []
    for hit in lex_triggers.match(norm):
        span = hit.span
        if any(p.start <= span.start < p.end for p in post_spans):
            continue
        sent = sentence_index(sentences, span.start)
        if sent in blocked_sentences:
            continue
        sent_key_start = norm.to_key(sentences[sent].start) if sentences else 0
        if any(
            max(sent_key_start, 0) <= e <= hit.key_start
            and _words_between(key, e, hit.key_start) < BEFORE_WINDOW_WORDS
            for kind in BLOCKING_BEFORE
            for _, e in cues.get(kind, ())
        ):
            continue
        attrs = hit.entry.attrs
        out.append(
            Trigger(
                entry_id=hit.entry.id,
                event_type=str(attrs["event_type"]),
                sub_event_type=str(attrs["sub_event_type"]),
                plover=attrs.get("plover"),
                priority=int(attrs.get("priority", 0)),
                violent=bool(attrs.get("violent", False)),
                span=span,
                key_start=hit.key_start,
                sentence=sent,
            )
        )
    return out


def _date_range(d: Any) -> tuple[dt.date, dt.date]:
    return d.start, d.end


def _compatible_dates(a: Sequence[Any], b: Sequence[Any]) -> bool:
    """Two trigger contexts may be one event unless both are dated and their dates are over a day apart."""
    if not a or not b:
        return True
    for x in a:
        for y in b:
            xs, xe = _date_range(x)
            ys, ye = _date_range(y)
            if xs <= ye + dt.timedelta(days=1) and ys <= xe + dt.timedelta(days=1):
                return True
    return False


def _same_area(a: Sequence[ResolvedPlace], b: Sequence[ResolvedPlace]) -> bool:
    if not a or not b:
        return True
    return any(
        x.entry.country == y.entry.country
        and (x.entry.admin1 == y.entry.admin1 or not x.entry.admin1 or not y.entry.admin1)
        for x in a
        for y in b
    )


def group_triggers(triggers: Sequence[Trigger], views: Sequence[SentenceView]) -> list[TriggerGroup]:
    """Group triggers into events: violent ones by place and date, others also by sub-event type."""
    groups: list[TriggerGroup] = []
    for trig in triggers:
        view = views[trig.sentence]
        placed = [p for p in view.places if p.role == "event"]
        target = None
        for group in groups:
            if group.violent != trig.violent:
                continue
            if not trig.violent and group.lead.sub_event_type != trig.sub_event_type:
                continue
            g_places = [p for s in group.sentences for p in views[s].places if p.role == "event"]
            g_dates = [d for s in group.sentences for d in views[s].dates]
            if _same_area(g_places, placed) and _compatible_dates(g_dates, view.dates):
                target = group
                break
        if target is None:
            target = TriggerGroup()
            groups.append(target)
        target.triggers.append(trig)
    return groups


def _event_date(group: TriggerGroup, views: Sequence[SentenceView]) -> tuple[Any | None, list[Span]]:
    dated = [d for s in group.sentences for d in views[s].dates]
    if not dated:
        return None, []
    best = min(dated, key=lambda d: (d.start, d.end - d.start, d.span.start))
    return best, [best.span]


def _event_place(
    group: TriggerGroup, views: Sequence[SentenceView], fallback: ResolvedPlace | None
) -> ResolvedPlace | None:
    places = [p for s in group.sentences for p in views[s].places if p.role == "event"]
    if not places:
        return fallback
    return min(places, key=lambda p: (p.rank, p.span.start))


def _event_actors(
    group: TriggerGroup, views: Sequence[SentenceView], is_armed: Callable[[str], bool]
) -> tuple[str | None, str | None, tuple[str, ...]]:
    first: Counter[str] = Counter()
    second: Counter[str] = Counter()
    assoc: list[str] = []
    order: dict[str, int] = {}
    for s in group.sentences:
        seen: list[str] = []
        for actor_id, span, hint in views[s].actors:
            if not is_armed(actor_id):
                continue
            order.setdefault(actor_id, span.start)
            if hint == "assoc":
                if actor_id not in assoc:
                    assoc.append(actor_id)
                continue
            if actor_id in seen:
                continue
            if hint == "target" or seen:
                second[actor_id] += 1
            else:
                first[actor_id] += 1
            seen.append(actor_id)
    ranked1 = sorted(first, key=lambda a: (-first[a], order[a]))
    actor1 = ranked1[0] if ranked1 else None
    ranked2 = sorted((a for a in second if a != actor1), key=lambda a: (-second[a], order[a]))
    if not ranked2:
        ranked2 = [a for a in ranked1[1:]]
    actor2 = ranked2[0] if ranked2 else None
    if actor1 is None and actor2 is not None:
        actor1, actor2 = actor2, None
    return actor1, actor2, tuple(a for a in assoc if a not in (actor1, actor2))


def place_of(resolved: ResolvedPlace) -> Place:
    entry = resolved.entry
    return Place(
        name=str(entry.name),
        name_ar=entry.name_ar,
        gazetteer_id=entry.id,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country,
        admin1=entry.admin1,
        admin2=entry.admin2,
        admin3=entry.admin3,
        precision=PRECISION_OF_FEATURE.get(str(entry.feature), "town"),
        evidence=(resolved.span,),
    )


def build_events(
    groups: Sequence[TriggerGroup],
    views: Sequence[SentenceView],
    all_places: Sequence[ResolvedPlace],
    is_armed: Callable[[str], bool],
    published: dt.date | None,
) -> tuple[list[Event], list[str]]:
    """One ``Event`` per group, with ids e1, e2 … in text order; warnings for what fell back."""
    fallback_place = main_place(all_places)
    events: list[Event] = []
    warnings: list[str] = []
    ordered = sorted(groups, key=lambda g: g.triggers[0].span.start)
    for n, group in enumerate(ordered, 1):
        lead = group.lead
        date_expr, date_evidence = _event_date(group, views)
        if date_expr is not None:
            date = EventDate(
                date_expr.start.isoformat(),
                date_expr.end.isoformat(),
                date_expr.precision,
                date_expr.rule,
                tuple(date_evidence),
            )
        elif published is not None:
            date = EventDate(published.isoformat(), published.isoformat(), "day", "publication_date")
            warnings.append(
                f"[W101] Event e{n} has no date of its own; dated by the publication date {published}."
            )
        else:
            date = None
            warnings.append(f"[W102] Event e{n} has no date: none in the text and no publication date.")
        resolved = _event_place(group, views, fallback_place)
        if resolved is None:
            warnings.append(f"[W103] Event e{n} has no place the gazetteer knows.")
        actor1, actor2, assoc = _event_actors(group, views, is_armed)
        evidence = tuple(sorted({t.span for t in group.triggers}, key=lambda s: s.start))
        events.append(
            Event(
                id=f"e{n}",
                type=EventType(lead.event_type, lead.sub_event_type, lead.plover),
                date=date,
                place=place_of(resolved) if resolved else None,
                actor1=actor1,
                actor2=actor2,
                assoc=assoc,
                evidence=evidence,
            )
        )
    return events, warnings


def event_sentences(events: Sequence[Event], sentences: Sequence[Any]) -> dict[int, str]:
    """Sentence index -> id of the event triggered in it (first event wins)."""
    out: dict[int, str] = {}
    for event in events:
        for span in event.evidence:
            out.setdefault(sentence_index(sentences, span.start), event.id)
    return out
