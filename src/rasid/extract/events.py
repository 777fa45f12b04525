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

import dataclasses
import datetime as dt
import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rasid.extract.places import FEATURE_RANK, PRECISION_OF_FEATURE, ResolvedPlace, SpanSet, main_place
from rasid.model import Event, EventDate, EventType, Place, Span
from rasid.text.normalize import NormalizedText
from rasid.text.tokens import clitic_prefix

# cue within a few words before the trigger: "لم تشهد اشتباكات", "مناطق سيطرة", "أحكاماً بإعدام"
BLOCKING_BEFORE = ("negation", "future", "hypothetical", "state", "judicial", "landmark")
# cue earlier in the trigger's clause (no comma or full stop between, at most CLAUSE_WINDOW_WORDS words
# apart): what someone is charged with or said to do, and weapons found or seized, are not events.
BLOCKING_IN_CLAUSE = ("charge", "seized", "topic")
CLAUSE_WINDOW_WORDS = 6
CLAUSE_BREAKS = frozenset("،,.;؛:")
# cue anywhere in the trigger's sentence
BLOCKING_SENTENCE = ("anniversary", "background", "opinion", "statistics")
# headline, dateline line and lede: where a report tells its own events (a statistics cue there makes
# a statistics article)
LEDE_SENTENCES = 3
BEFORE_WINDOW_WORDS = 3
GROUND_EXPLOSIVES = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"})
BACKGROUND_DAYS = 45  # an event that ended this long before publication is background history
ROLE_WINDOW_WORDS = 2  # a role cue (target/support/agent) this close before an actor gives its role


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
    key_end: int
    sentence: int
    instrument: bool = False  # a weapon named with "ب" ("بقذائف"): the means of another action
    part_of_violence: bool = False  # destruction that is part of an attack when one is told
    generic: bool = False  # "هجوم", "انفجار", "قصف": says that something happened, not what
    definite: bool = False  # "الضربات", "الهجوم": with the article, it names an event already told
    separate: bool = False  # its sentence says "في حادثة منفصلة": an event of its own
    outcome: bool = False  # arrests made in a violent operation: part of it, never its type


@dataclass(frozen=True, slots=True)
class SentenceView:
    """What the event builder needs to know about one sentence."""

    start: int
    end: int
    dates: tuple[Any, ...] = ()  # rasid.text.dates.ResolvedDate governing events (reporting dates removed)
    places: tuple[ResolvedPlace, ...] = ()
    actors: tuple[tuple[str, Span, str], ...] = ()  # (actor id, span, role: agent|target|assoc|voice|any)
    said: tuple[Any, ...] = ()  # dates of reporting verbs ("أعلن أمس"): when something was said


@dataclass
class TriggerGroup:
    triggers: list[Trigger] = field(default_factory=list)
    _sentences: list[int] = field(default_factory=list)  # sorted, kept in step by ``add``
    _lead: Trigger | None = None  # cached by ``lead``, cleared by ``add``

    def add(self, trigger: Trigger) -> None:
        self.triggers.append(trigger)
        self._lead = None
        if trigger.sentence not in self._sentences:
            insort(self._sentences, trigger.sentence)

    @property
    def violent(self) -> bool:
        return self.triggers[0].violent

    @property
    def lead(self) -> Trigger:
        """The trigger that gives the group its type: a specific word over a generic one, the action over
        its instrument, then the most specific type."""
        if self._lead is None:  # asked for each trigger being grouped: computed once per change
            self._lead = max(
                self.triggers,
                key=lambda t: (not t.outcome, not t.generic, not t.instrument, t.priority, -t.span.start),
            )
        return self._lead

    @property
    def sentences(self) -> list[int]:
        return self._sentences


def sentence_starts(sentences: Sequence[Any]) -> list[int]:
    """Original start offsets of ``sentences`` (in text order), for ``sentence_at``."""
    return [s.start for s in sentences]


def sentence_at(starts: Sequence[int], pos: int) -> int:
    """Index of the sentence containing original offset ``pos``: the last one starting at or before it
    (0 before the first). ``starts`` come from ``sentence_starts``, computed once per document."""
    return max(bisect_right(starts, pos) - 1, 0)


@dataclass(frozen=True, slots=True)
class Cues:
    """Context-cue hits of one document by kind (key offsets), and where its words start, computed once
    and shared by the places and events stages."""

    spans: dict[str, list[tuple[int, int]]]
    word_starts: list[int]

    @classmethod
    def of(cls, norm: NormalizedText, lex_context: Any) -> Cues:
        spans: dict[str, list[tuple[int, int]]] = {}
        for hit in lex_context.match(norm):
            spans.setdefault(str(hit.entry.attrs.get("kind")), []).append((hit.key_start, hit.key_end))
        for found in spans.values():
            found.sort(key=lambda se: se[1])  # by end, for near_before
        return cls(spans, [m.start() for m in _WORD.finditer(norm.key)])

    def get(self, kind: str) -> list[tuple[int, int]]:
        return self.spans.get(kind, [])

    def words_between(self, start: int, end: int) -> int:
        """How many words start in key ``[start, end)``."""
        return bisect_left(self.word_starts, end) - bisect_left(self.word_starts, start)

    def near_before(self, ends: Sequence[int], pos: int, window: int, floor: int = 0) -> bool:
        """Whether one of ``ends`` (sorted) at or after ``floor`` lies at most ``window`` words before key
        position ``pos``.

        The closest end at or before ``pos`` has the fewest words in between, so it alone decides."""
        i = bisect_right(ends, pos) - 1
        return i >= 0 and ends[i] >= floor and self.words_between(ends[i], pos) <= window


_WORD = re.compile(r"\S+")


def find_triggers(
    norm: NormalizedText,
    sentences: Sequence[Any],
    post_spans: Sequence[Span],
    lex_triggers: Any,
    cues: Cues,
    name_spans: Sequence[Span] = (),
    day_dated: frozenset[int] | None = None,
) -> list[Trigger]:
    """Trigger hits that report an event (see the module docstring for what is dropped). A trigger word
    inside an actor's name ("تحرير" in "هيئة تحرير الشام") is part of the name, not an event.

    ``day_dated``: the sentences that name a day. In a statistics article (a periodic report or tally in
    the headline or lede: "قال المرصد في تقريره الشهري ..."), the causes and incident counts it lists
    ("تلاه القنص والألغام", "9 حوادث استهدفت منازل") are not events; an incident told with its own day
    still is."""
    key = norm.key
    sentence_keys = [norm.to_key(s.start) for s in sentences]

    def key_sentence(k: int) -> int:
        return max(bisect_right(sentence_keys, k) - 1, 0)

    blocked_sentences = {key_sentence(s) for kind in BLOCKING_SENTENCE for s, _ in cues.get(kind)}
    if day_dated is not None and any(key_sentence(s) < LEDE_SENTENCES for s, _ in cues.get("statistics")):
        blocked_sentences |= set(range(len(sentences))) - day_dated
    # Sentences blocked only by an anniversary cue (no background or opinion cue).
    commemorated = {key_sentence(s) for s, _ in cues.get("anniversary")} - {
        key_sentence(s) for kind in BLOCKING_SENTENCE if kind != "anniversary" for s, _ in cues.get(kind)
    }
    cue_sentences: dict[str, set[int]] = {}  # filled for the kinds that a trigger requires

    def has_cue(kind: str, sent: int) -> bool:
        if kind not in cue_sentences:
            cue_sentences[kind] = {key_sentence(s) for s, _ in cues.get(kind)}
        return sent in cue_sentences[kind]

    # Blocking cues before a trigger count only in its own sentence: the ``floor`` of near_before.
    blockers = sorted(e for kind in BLOCKING_BEFORE for _, e in cues.get(kind))
    clause_cues = sorted(e for kind in BLOCKING_IN_CLAUSE for _, e in cues.get(kind))
    # A weapon named as the support of a force ("بإسناد مدفعي وطائرات مسيّرة") is how that force fought.
    support_ends = sorted(e for _, e in cues.get("support_cue"))
    names = SpanSet(name_spans)
    out: list[Trigger] = []
    for hit in lex_triggers.match(norm):
        span = hit.span
        if post_spans and any(p.start <= span.start < p.end for p in post_spans):
            continue
        if names.overlaps(span):
            continue
        sent = key_sentence(hit.key_start)
        attrs = hit.entry.attrs
        event_type = str(attrs["event_type"])
        # A commemoration is itself a gathering: an anniversary cue does not block a protest told today.
        if sent in blocked_sentences and not (event_type in GATHERING_TYPES and sent in commemorated):
            continue
        sent_key_start = sentence_keys[sent] if sentences else 0
        if cues.near_before(blockers, hit.key_start, BEFORE_WINDOW_WORDS - 1, floor=sent_key_start):
            continue
        if _in_clause_of(clause_cues, key, cues, hit.key_start, sent_key_start):
            continue
        needed = attrs.get("requires_cue")
        if needed and not has_cue(str(needed), sent):
            continue
        prefix = clitic_prefix(key, hit.key_start) or ""
        separate = has_cue("separate", sent)
        out.append(
            Trigger(
                entry_id=hit.entry.id,
                event_type=event_type,
                sub_event_type=str(attrs["sub_event_type"]),
                plover=attrs.get("plover"),
                priority=int(attrs.get("priority", 0)),
                violent=bool(attrs.get("violent", False)),
                span=span,
                key_start=hit.key_start,
                key_end=hit.key_end,
                sentence=sent,
                instrument=not separate
                and (
                    bool(attrs.get("weapon", False))
                    or (event_type == "Explosions/Remote violence" and prefix.endswith(("ب", "بال")))
                    or (
                        event_type == "Explosions/Remote violence"
                        and _in_clause_of(support_ends, key, cues, hit.key_start, sent_key_start)
                    )
                ),
                part_of_violence=bool(attrs.get("part_of_violence", False)),
                generic=bool(attrs.get("generic", False)),
                definite=prefix.endswith(("ال", "لل")) or key.startswith("ال", hit.key_start),
                separate=separate,
            )
        )
    # An explosion told in the same sentence as an attack or battle ("بدأ الهجوم بتفجير شاحنتين
    # مفخختين") is how that attack was fought: it attaches to the battle like a named weapon.
    # Air strikes and shelling stay events of their own (ACLED codes them apart from the ground fight).
    battle_sentences = {t.sentence for t in out if t.event_type == "Battles"}
    return [
        dataclasses.replace(t, instrument=True)
        if t.sub_event_type in GROUND_EXPLOSIVES
        and not t.generic
        and not t.separate
        and t.sentence in battle_sentences
        else t
        for t in out
    ]


def _in_clause_of(ends: Sequence[int], key: str, cues: Cues, pos: int, floor: int) -> bool:
    """Whether a cue ending at one of ``ends`` (sorted) stands earlier in the clause of key position
    ``pos``: in its sentence (at or after ``floor``), at most CLAUSE_WINDOW_WORDS words before it, with no
    comma or stop in between."""
    i = bisect_right(ends, pos) - 1
    while i >= 0 and ends[i] >= floor and cues.words_between(ends[i], pos) <= CLAUSE_WINDOW_WORDS:
        if not CLAUSE_BREAKS.intersection(key[ends[i] : pos]):
            return True
        i -= 1
    return False


def _date_range(d: Any) -> tuple[dt.date, dt.date]:
    return d.start, d.end


def _compatible_dates(a: Sequence[Any], b: Sequence[Any], slack_days: int = 1) -> bool:
    """Two trigger contexts may be one event unless both are dated and no two of their dates come
    within ``slack_days`` of each other."""
    if not a or not b:
        return True
    slack = dt.timedelta(days=slack_days)
    for x in a:
        for y in b:
            xs, xe = _date_range(x)
            ys, ye = _date_range(y)
            if xs <= ye + slack and ys <= xe + slack:
                return True
    return False


def is_background(date: EventDate | None, published: dt.date | None) -> bool:
    """An event that ended well before the article was published is history, not news."""
    if date is None or published is None:
        return False
    return dt.date.fromisoformat(date.end) < published - dt.timedelta(days=BACKGROUND_DAYS)


def _same_area(a: Sequence[ResolvedPlace], b: Sequence[ResolvedPlace]) -> bool:
    """Whether two sets of event places (countries left out, see ``_Facts``) may be one event's."""
    if not a or not b:
        return True
    return any(
        x.entry.country == y.entry.country
        and (x.entry.admin1 == y.entry.admin1 or not x.entry.admin1 or not y.entry.admin1)
        for x in a
        for y in b
    )


@dataclass(frozen=True, slots=True)
class _Facts:
    """Per sentence, what decides whether a trigger fits a group: its event places below country level
    and its event dates. Read once per document; ``_fits`` asks for every (group, trigger) pair."""

    areas: list[list[ResolvedPlace]]
    dates: list[tuple[Any, ...]]
    # id(group) -> (its number of sentences, areas, dates): a group's sentences only grow, so the count
    # tells whether the cached union is current. Groups live as long as this object (one grouping).
    unions: dict[int, tuple[int, list[ResolvedPlace], list[Any]]] = field(default_factory=dict)

    @classmethod
    def of(cls, views: Sequence[SentenceView]) -> _Facts:
        # A country named in passing ("اتفاق بين روسيا وتركيا") does not make a sentence happen elsewhere.
        areas = [[p for p in v.places if p.role == "event" and p.entry.feature != "country"] for v in views]
        return cls(areas, [v.dates for v in views])

    def of_group(self, group: TriggerGroup) -> tuple[list[ResolvedPlace], list[Any]]:
        """The areas and dates of all the group's sentences."""
        sentences = group.sentences
        cached = self.unions.get(id(group))
        if cached is None or cached[0] != len(sentences):
            areas = [p for s in sentences for p in self.areas[s]]
            dates = [d for s in sentences for d in self.dates[s]]
            cached = self.unions[id(group)] = (len(sentences), areas, dates)
        return cached[1], cached[2]


def _fits(group: TriggerGroup, trig: Trigger, facts: _Facts, slack_days: int = 1) -> bool:
    g_areas, g_dates = facts.of_group(group)
    s = trig.sentence
    return _same_area(g_areas, facts.areas[s]) and _compatible_dates(g_dates, facts.dates[s], slack_days)


# Protest and riot sub-types are degrees of one gathering (peaceful, dispersed, violent): one event
# at one place and time, typed by its most severe trigger.
GATHERING_TYPES = frozenset({"Protests", "Riots"})
# Battle sub-types are stages of one fight: an assault, the clashes and the takeover of a base at one
# place and time are one event, typed by its most specific trigger.
FIGHT_TYPES = frozenset({"Battles"})


ARREST_TYPES = frozenset({"Arrests"})
# Gatherings that security forces broke up: the arrests made while dispersing them are part of the
# intervention (ACLED codes them in the protest event, not as a separate Arrests event).
INTERVENED_GATHERINGS = frozenset(
    {"Protest with intervention", "Excessive force against protesters", "Violent demonstration"}
)


def _same_kind(a: Trigger, b: Trigger) -> bool:
    if a.event_type in GATHERING_TYPES and b.event_type in GATHERING_TYPES:
        return True
    if a.event_type in FIGHT_TYPES and b.event_type in FIGHT_TYPES:
        return True
    return a.sub_event_type == b.sub_event_type


def _slack(trig: Trigger) -> int:
    """Days two reports of one event may differ by: none for gatherings (ACLED codes a protest on each day
    it is held as an event of its own, so yesterday's march and today's vigil are two events)."""
    return 0 if trig.event_type in GATHERING_TYPES else 1


def group_triggers(triggers: Sequence[Trigger], views: Sequence[SentenceView]) -> list[TriggerGroup]:
    """Group triggers into events of one sub-event type at compatible places and dates.

    Specific triggers are grouped first. A weapon named as the instrument of another action joins the
    violent event told in its sentence or the one before; a generic trigger ("هجوم", "انفجار") joins the
    nearest compatible violent event; each makes an event of its own only when there is none.
    Destruction that is part of an attack is dropped when an attack is told beside it.
    """
    facts = _Facts.of(views)
    groups: list[TriggerGroup] = []
    # Main triggers first, then instruments (which attach to them), then generic words.
    ordered = [t for t in triggers if not t.generic and not t.instrument] + [
        t for t in triggers if not t.generic and t.instrument
    ]
    generic = [t for t in triggers if t.generic]
    for trig in ordered:
        target = None
        if trig.instrument:
            # The action told in the weapon's own sentence first, then one in the sentence before or after.
            near = [
                g
                for g in reversed(groups)
                if g.violent
                and min(abs(trig.sentence - x) for x in g.sentences) <= 1
                and _fits(g, trig, facts)
            ]
            target = next((g for g in near if trig.sentence in g.sentences), near[0] if near else None)
        if target is None:
            target = next(
                (
                    g
                    for g in groups
                    if _same_kind(g.lead, trig)
                    and _fits(g, trig, facts, _slack(trig))
                    and (not trig.separate or trig.sentence in g.sentences)
                ),
                None,
            )
        if target is None:
            target = TriggerGroup()
            groups.append(target)
        target.add(trig)
    for trig in generic:
        fitting = [
            g
            for g in groups
            if g.violent
            and _fits(g, trig, facts, slack_days=0)
            and (not trig.separate or trig.sentence in g.sentences)
        ]
        if not fitting and trig.definite and not trig.separate:
            # "الضربات", "الهجوم": the article names an event it has told, wherever the sentence that
            # comments on it ("قال في مؤتمر صحفي ببنغازي إن الضربات ...") is set.
            fitting = [
                g
                for g in groups
                if g.violent and _compatible_dates(facts.of_group(g)[1], facts.dates[trig.sentence], 0)
            ]
        if fitting:
            # The nearest sentence first; within one sentence, the event whose trigger stands nearest
            # ("بعد معارك …، فيما استهدفت طائرات مسيرة": the targeting is the drones', not the battle's).
            nearest = min(
                fitting,
                key=lambda g: (
                    min(abs(s - trig.sentence) for s in g.sentences),
                    _gap_in_sentence(g, trig),
                ),
            )
            nearest.add(trig)
            continue
        # Failing that, it says what happened in the event told in its own sentence ("أسفرت عن اعتقال
        # المطلوبين ومقتل مسلح حاول تفجير حزامه"): part of that operation.
        same = next(
            (
                g
                for g in groups
                if trig.sentence in g.sentences and not g.lead.part_of_violence and _fits(g, trig, facts)
            ),
            None,
        )
        if same is not None:
            same.add(dataclasses.replace(trig, outcome=True))
            continue
        same = next((g for g in groups if g.lead.entry_id == trig.entry_id and _fits(g, trig, facts)), None)
        if same is None:
            same = TriggerGroup()
            groups.append(same)
        same.add(trig)
    groups = _retold(groups, facts)
    violent = [g for g in groups if g.violent]
    intervened = [g for g in groups if g.lead.sub_event_type in INTERVENED_GATHERINGS]
    groups = _arrests_of_operations(groups, [*violent, *intervened], facts)
    groups = _seizures_of_raids(groups, facts)
    return [
        g for g in groups if not (g.lead.part_of_violence and any(_fits(v, g.lead, facts) for v in violent))
    ]


def _gap_in_sentence(group: TriggerGroup, trig: Trigger) -> int:
    """Characters between ``trig`` and the nearest of ``group``'s triggers in its sentence (a large number
    when the group has none there)."""
    gaps = [
        max(t.span.start - trig.span.end, trig.span.start - t.span.end, 0)
        for t in group.triggers
        if t.sentence == trig.sentence
    ]
    return min(gaps, default=1 << 30)


def _retold(groups: list[TriggerGroup], facts: _Facts) -> list[TriggerGroup]:
    """A group told only with weapons and definite words ("قال مصدر أمني في بغداد إن الضربة نفذت بثلاثة
    صواريخ") adds how an event already told was carried out: it joins the earlier violent event of its type
    at compatible dates, wherever the sentence that comments on it is set."""
    out: list[TriggerGroup] = []
    for g in groups:
        if all(t.instrument or (t.generic and t.definite) for t in g.triggers):
            first = g.sentences[0]
            host = next(
                (
                    h
                    for h in out
                    if h.violent
                    and h.sentences[0] < first
                    and h.lead.event_type == g.lead.event_type
                    and _compatible_dates(facts.of_group(h)[1], facts.of_group(g)[1], 0)
                ),
                None,
            )
            if host is not None:
                for t in g.triggers:
                    host.add(t)
                continue
        out.append(g)
    return out


def _fold_outcomes(
    groups: list[TriggerGroup], kinds: frozenset[str], host_of: Callable[[TriggerGroup], TriggerGroup | None]
) -> list[TriggerGroup]:
    """Non-violent groups of ``kinds`` that ``host_of`` places inside another event join it as its outcome
    (the host's most specific trigger keeps the type); the others stay events of their own."""
    out: list[TriggerGroup] = []
    for g in groups:
        host = None if g.violent or g.lead.sub_event_type not in kinds else host_of(g)
        if host is None:
            out.append(g)
            continue
        for t in g.triggers:
            host.add(dataclasses.replace(t, outcome=True))
    return out


def _arrests_of_operations(
    groups: list[TriggerGroup], violent: Sequence[TriggerGroup], facts: _Facts
) -> list[TriggerGroup]:
    """Arrests told in the sentences of a violent event or right next to them ("ردت على مصادر النيران
    وتمكنت من توقيف 6 مطلوبين", a sweep that "killed two and captured a third") are the outcome of that
    operation, not an event of their own: the arrests join it (its most specific trigger keeps the type).
    So do arrests made while breaking up a gathering ("فرقت الشرطة المحتجين واعتقلت عدداً منهم")."""

    def host_of(g: TriggerGroup) -> TriggerGroup | None:
        return next(
            (
                v
                for v in violent
                if all(min(abs(s - x) for x in v.sentences) <= 1 for s in g.sentences)
                and all(_fits(v, t, facts) for t in g.triggers)
            ),
            None,
        )

    return _fold_outcomes(groups, ARREST_TYPES, host_of)


SEIZURE_TYPES = frozenset({"Disrupted weapons use"})


def _seizures_of_raids(groups: list[TriggerGroup], facts: _Facts) -> list[TriggerGroup]:
    """Weapons seized in the sentence that tells a raid's arrests ("أسفرت عن اعتقال تسعة مشتبه بهم
    ومصادرة أسلحة") are what the raid found, not an event of their own: they join the arrests (which
    keep the type), as arrests join the violent operation they were made in."""
    arrests = [g for g in groups if not g.violent and g.lead.sub_event_type in ARREST_TYPES]

    def host_of(g: TriggerGroup) -> TriggerGroup | None:
        return next(
            (a for a in arrests if all(t.sentence in a.sentences and _fits(a, t, facts) for t in g.triggers)),
            None,
        )

    return _fold_outcomes(groups, SEIZURE_TYPES, host_of)


def _event_date(group: TriggerGroup, views: Sequence[SentenceView]) -> tuple[Any | None, list[Span]]:
    def precise(ds: Sequence[Any]) -> list[Any]:
        # A day beats a week ("اليوم الجمعة" over "الأكبر منذ أسابيع", which compares).
        return [d for d in ds if d.precision == "day"] or [d for d in ds if d.precision == "week"]

    own = [d for s in group.sentences for d in views[s].dates]
    # A day or week beats a month or year ("عام 2024" in a sentence that also says "أمس"). When the
    # event's own sentences give neither, the next two sentences may (a headline names the event, the
    # lede after a dateline line says when).
    dated = precise(own) or precise(
        [
            d
            for s in group.sentences
            if s < LEDE_SENTENCES
            for n in (1, 2)
            if s + n < len(views)
            for d in views[s + n].dates
        ]
    )
    if not dated:
        # A year alone says too little to date a report of yesterday's attack; a month may stand.
        dated = [d for d in own if d.precision == "month"]
    if not dated:
        # Told only with when it was reported ("أعلن أمس الثلاثاء انتشال 17 شهيداً عقب قصف"): it
        # happened by the earliest report, which is the best date the text gives.
        dated = sorted(
            (d for s in group.sentences for d in views[s].said if d.precision == "day"), key=lambda d: d.start
        )[:1]
    if not dated:
        return None, []
    best = min(dated, key=lambda d: (d.start, d.end - d.start, d.span.start))
    return best, [best.span]


def _event_place(
    group: TriggerGroup, views: Sequence[SentenceView], fallback: ResolvedPlace | None
) -> ResolvedPlace | None:
    # The place told first with the event (its lede), most specific there: a hospital the wounded were
    # taken to later in the story is not where the shells fell.
    # A headline often names only the province; read on until a town or a finer place is named.
    places: list[ResolvedPlace] = []
    first = group.sentences[0]
    # The event's own sentences in order; right after the first, the two that follow it (a headline's
    # lede, past a dateline line) when they are not already the event's.
    order = [first] + [n for n in (first + 1, first + 2) if n < len(views)] + group.sentences[1:]
    for s in dict.fromkeys(order):
        here = [p for p in views[s].places if p.role == "event"]
        if fallback is not None:
            here = [p for p in here if p.entry.country == fallback.entry.country] or here
        places.extend(here)
        if any(p.rank <= FEATURE_RANK["town"] for p in places):
            break
    if not places:
        return fallback
    if fallback is not None:
        # A foreign place named beside the event (a capital that reacts, a sponsor) loses to one in
        # the article's own country.
        home = [p for p in places if p.entry.country == fallback.entry.country]
        places = home or places
    return min(places, key=lambda p: (p.rank, p.span.start))


def _event_actors(
    group: TriggerGroup,
    views: Sequence[SentenceView],
    is_armed: Callable[[str], bool],
    allied: Callable[[str, str], bool] = lambda a, b: a == b,
) -> tuple[str | None, str | None, tuple[str, ...]]:
    """actor1 (who acts), actor2 (who is acted on) and associated actors, by vote over the group's
    sentences: an actor marked as agent ("نفذها", right after the trigger) or target ("على", "ضد")
    counts for that role; otherwise the first armed actor named acts and the next opposed one is acted on."""
    votes: dict[str, Counter[str]] = {}
    order: dict[str, int] = {}
    assoc: list[str] = []
    # A sentence that only tells the operation's arrests names who was arrested, not who fought.
    own = {t.sentence for t in group.triggers if not t.outcome}
    for s in group.sentences:
        if s not in own:
            continue
        for actor_id, span, role in views[s].actors:
            if role == "voice" or not is_armed(actor_id):
                continue  # whose spokesman or outlet speaks is not for that a party
            order.setdefault(actor_id, span.start)
            if role == "assoc":
                if actor_id not in assoc:
                    assoc.append(actor_id)
                continue
            votes.setdefault(actor_id, Counter())[role] += 1
    if not votes:
        return None, None, tuple(assoc)

    def rank(role: str) -> list[str]:
        return sorted((a for a in votes if votes[a][role]), key=lambda a: (-votes[a][role], order[a]))

    by_order = sorted(votes, key=lambda a: order[a])
    agents = rank("agent")
    untargeted = [a for a in by_order if not votes[a]["target"] or votes[a]["agent"]]
    actor1 = agents[0] if agents else (untargeted[0] if untargeted else None)
    others = [a for a in rank("target") + by_order if actor1 is None or not allied(a, actor1)]
    actor2 = others[0] if others else None
    if actor1 is None and actor2 is not None and not votes[actor2]["target"]:
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
    allied: Callable[[str, str], bool] = lambda a, b: a == b,
    text: str = "",
) -> tuple[list[Event], list[str]]:
    """One ``Event`` per group, with ids e1, e2 … in text order; warnings for what fell back.
    ``text`` (the original article text) tells where clauses break in a sentence that tells two events."""
    fallback_place = main_place(all_places)
    events: list[Event] = []
    warnings: list[str] = []
    ordered = sorted(groups, key=lambda g: g.triggers[0].span.start)
    scoped = scoped_views(ordered, views, text)
    own_dates = [_event_date(g, scoped[n]) for n, g in enumerate(ordered)]
    for n, group in enumerate(ordered):
        if events and _passing_mention(group, views, own_dates[n][0], is_armed):
            continue
        eid = f"e{len(events) + 1}"
        notes: list[str] = []
        date_expr, date_evidence = own_dates[n]
        days = [d.start for d, _ in own_dates if d is not None and d.precision == "day"]
        if date_expr is None and days and _recalled(group, views, min(days)):
            continue  # "خلال هجوم واسع عام 2022": only a year, and one before the story's days
        if date_expr is not None and date_expr.precision in ("month", "year") and days:
            if date_expr.end < min(days):
                # "شهدت المدينة في يناير الماضي اشتباكات مماثلة": a month or year that ended before the
                # story's own days dates an earlier incident recalled as context.
                continue
            # "منذ أشهر" in a story of yesterday's shelling compares, it does not date.
            date_expr = None
        if date_expr is None:
            # Narrative carries the date: an undated event told after a dated one happened then.
            earlier = [d for d, _ in own_dates[:n] if d is not None]
            later = [d for d, _ in own_dates[n + 1 :] if d is not None]
            if earlier or later:
                date_expr = earlier[-1] if earlier else later[0]
                date_evidence = []
                notes.append(
                    f"[W104] Event {eid} has no date of its own; dated like the event told next to it."
                )
        date = _date_of(date_expr, date_evidence, published, eid, notes)
        if is_background(date, published):
            continue
        resolved = _event_place(group, scoped[n], fallback_place)
        if resolved is None:
            notes.append(f"[W103] Event {eid} has no place the gazetteer knows.")
        actor1, actor2, assoc = _event_actors(group, views, is_armed, allied)
        lead = group.lead
        events.append(
            Event(
                id=eid,
                type=EventType(lead.event_type, lead.sub_event_type, lead.plover),
                date=date,
                place=place_of(resolved) if resolved else None,
                actor1=actor1,
                actor2=actor2,
                assoc=assoc,
                evidence=tuple(sorted({t.span for t in group.triggers}, key=lambda s: s.start)),
            )
        )
        warnings.extend(notes)
    return share_opponents(events), warnings


def _owner(pos: int, end: int, marks: Sequence[tuple[int, int, int]], text: str) -> int:
    """Index of the group whose trigger governs an expression at original ``[pos, end)``: the last trigger
    before it in its clause (no comma or stop between), else the first after it in its clause, else the
    next trigger in the sentence (a place or time told first sets the scene: "في مدينة …، اندلعت");
    -1 when none follows (a clause of its own after the events, "إلا أن خروقات سجلت فجر اليوم": every
    event of the sentence keeps it). ``marks`` are (start, end, group index) of the sentence's triggers."""

    def same_clause(a: int, b: int) -> bool:
        return not CLAUSE_BREAKS.intersection(text[min(a, b) : max(a, b)])

    before = [m for m in marks if m[1] <= pos and same_clause(m[1], pos)]
    if before:
        return max(before, key=lambda m: m[1])[2]
    after = [m for m in marks if m[0] >= end and same_clause(end, m[0])]
    if after:
        return min(after, key=lambda m: m[0])[2]
    later = [m for m in marks if m[0] >= end]
    return min(later, key=lambda m: m[0])[2] if later else -1


def scoped_views(
    groups: Sequence[TriggerGroup], views: Sequence[SentenceView], text: str
) -> list[list[SentenceView]]:
    """Per group, the sentence views it reads its date and place from: in a sentence that tells triggers
    of two or more groups ("سيطرت على البلدة بعد معارك الليلة الماضية، فيما استهدفت مسيرات فجر اليوم
    المدينة"), each date and place belongs to the group whose trigger governs it (``_owner``), not to
    every event told there."""
    marks: dict[int, list[tuple[int, int, int]]] = {}
    for n, g in enumerate(groups):
        first = g.sentences[0]
        for t in g.triggers:
            # "… عملية الاغتيال" after the killing was told: it names that event again and claims no date
            # or place of the sentence that recalls it.
            if not (t.definite and t.sentence > first):
                marks.setdefault(t.sentence, []).append((t.span.start, t.span.end, n))
    shared = {s: m for s, m in marks.items() if len({g for _, _, g in m}) > 1} if text else {}
    out: list[list[SentenceView]] = []
    for n in range(len(groups)):
        own = list(views)
        for s, m in shared.items():
            v = views[s]
            own[s] = dataclasses.replace(
                v,
                dates=tuple(d for d in v.dates if _owner(d.span.start, d.span.end, m, text) in (n, -1)),
                places=tuple(p for p in v.places if _owner(p.span.start, p.span.end, m, text) in (n, -1)),
            )
        out.append(own)
    return out


def _overlap(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None:
        return True
    return a.date.start <= b.date.end and b.date.start <= a.date.end


def share_opponents(events: Sequence[Event]) -> list[Event]:
    """An event whose target is not named takes it from another event of the same fight: same actor,
    same area, overlapping dates (the truck bombs that opened an assault hit the side it assaulted)."""
    out = list(events)
    for i, event in enumerate(out):
        if event.actor1 is None or event.actor2 is not None:
            continue
        for other in events:
            if other is event or not _overlap(event, other):
                continue
            if event.place and other.place and event.place.admin1 != other.place.admin1:
                continue
            opponent = (
                other.actor2
                if other.actor1 == event.actor1
                else other.actor1
                if other.actor2 == event.actor1
                else None
            )
            if opponent and opponent != "civilians":
                out[i] = dataclasses.replace(event, actor2=opponent)
                break
    return out


def _recalled(group: TriggerGroup, views: Sequence[SentenceView], first_day: dt.date) -> bool:
    """Whether every date told in the group's sentences (years included) ended before ``first_day``, the
    earliest day of the story's events: an earlier incident recalled as context."""
    own = [d for s in group.sentences for d in views[s].dates]
    return bool(own) and all(d.end < first_day for d in own)


def _passing_mention(
    group: TriggerGroup, views: Sequence[SentenceView], own_date: Any | None, is_armed: Callable[[str], bool]
) -> bool:
    """A further event told only in passing: one trigger sentence, past the lede, with no date, no place
    and no party of its own ("وسط اشتباكات متقطعة", a ceasefire recalled) — the context of the story's
    event rather than a new one. The first event of an article is never dropped this way."""
    if own_date is not None or len(group.sentences) > 1 or group.sentences[0] < LEDE_SENTENCES:
        return False
    view = views[group.sentences[0]]
    has_place = any(p.role == "event" for p in view.places)
    has_party = any(is_armed(a) for a, _, _ in view.actors)
    return not has_place and not has_party


def _date_of(
    expr: Any | None, evidence: Sequence[Span], published: dt.date | None, eid: str, notes: list[str]
) -> EventDate | None:
    if expr is not None:
        return EventDate(
            expr.start.isoformat(), expr.end.isoformat(), expr.precision, expr.rule, tuple(evidence)
        )
    if published is not None:
        notes.append(f"[W101] Event {eid} has no date of its own; dated by the publication date {published}.")
        return EventDate(published.isoformat(), published.isoformat(), "day", "publication_date")
    notes.append(f"[W102] Event {eid} has no date: none in the text and no publication date.")
    return None


def event_sentences(events: Sequence[Event], starts: Sequence[int]) -> dict[int, str]:
    """Sentence index -> id of the event triggered in it (first event wins); ``starts`` from
    ``sentence_starts``."""
    out: dict[int, str] = {}
    for event in events:
        for span in event.evidence:
            out.setdefault(sentence_at(starts, span.start), event.id)
    return out
