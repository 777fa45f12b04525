"""Pipeline stages for places, events and reconciliation (registered by name, see rasid.pipeline)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from rasid.extract.events import (
    ROLE_WINDOW_WORDS,
    Cues,
    SentenceView,
    Trigger,
    build_events,
    event_sentences,
    find_triggers,
    group_triggers,
    sentence_at,
    sentence_starts,
)
from rasid.extract.mentions import ActorDirectory, Mention, record_actors, rehome_shared
from rasid.extract.places import ResolvedPlace, find_places, main_place
from rasid.extract.reconcile import reconcile, side_resolver
from rasid.model import Actor, Claim, Event, EventType, Span
from rasid.pipeline import Context, Doc, register_stage
from rasid.text.dates import resolve_all
from rasid.text.normalize import NormalizedText
from rasid.text.tokens import clitic_prefix

# A date this close after a reporting verb, in the same clause, is when it was said.
REPORTING_WINDOW_WORDS = 6
# Words that open reported content ("قال إن ...", "أكد أن ..."), folded.
COMPLEMENTIZERS = frozenset({"ان", "بان", "انه", "انها", "بانه", "بانها"})

# "منذ" + a date at most this many days before publication is an ongoing event; longer is background.
ONGOING_MAX_DAYS = 14

VICTIM_KINDS = frozenset({"killed", "injured", "casualties", "captured", "missing"})

# Figure kinds that belong to the violent event of the article when their own sentence has none.
VIOLENT_KINDS = frozenset(
    {
        "killed",
        "injured",
        "casualties",
        "captured",
        "freed",
        "missing",
        "vehicles_destroyed",
        "vehicles_seized",
    }
)


def _post_spans(doc: Doc) -> list[Span]:
    return [p.span for p in doc.layers.get("posts", [])]


def _actor_spans(doc: Doc) -> list[Span]:
    return [m.span for m in doc.layers.get("actor_mentions", [])]


@register_stage(
    "places", requires=("norm", "posts", "actor_mentions"), provides=("place_mentions", "event_cues")
)
def places_stage(doc: Doc, ctx: Context) -> None:
    norm = doc.get("norm", NormalizedText)
    lexicons = ctx.resources.lexicons
    registry = ctx.resources.actors
    armed = _is_party(ctx)
    homes = [
        registry.get(m.actor_id).countries[0]
        for m in doc.layers.get("actor_mentions", [])
        if armed(m.actor_id) and len(registry.get(m.actor_id).countries) == 1
    ]
    cues = Cues.of(norm, lexicons.get("event_context"))
    doc.layers["event_cues"] = cues
    places = find_places(
        norm,
        ctx.resources.gazetteer,
        cues,
        _post_spans(doc),
        _actor_spans(doc),
        homes,
    )
    doc.layers["place_mentions"] = places
    home = main_place(places)
    if home is not None and home.entry.country:
        directory = ActorDirectory(registry, lexicons.get("unnamed_sources"), doc.article.outlet)
        rehomed = rehome_shared(doc.layers.get("actor_mentions", []), home.entry.country, directory)
        if rehomed is not None:
            doc.layers["actor_mentions"] = rehomed
            doc.actors = record_actors(rehomed, directory)


def _reporting_dates(norm: NormalizedText, dates: Sequence[Any], cues: Cues) -> set[int]:
    """Indices of date expressions that say when something was said ("أعلن أمس السبت"), not when it happened."""
    verb_ends = sorted(e for _, e in cues.get("reporting_date"))
    out: set[int] = set()
    if not verb_ends:
        return out
    for i, d in enumerate(dates):
        k = norm.to_key(d.span.start)
        # Only verbs ending at or before the date and at most REPORTING_WINDOW_WORDS words before it can
        # govern it; walking back from the nearest, the word count only grows.
        j = bisect_right(verb_ends, k) - 1
        while j >= 0 and cues.words_between(verb_ends[j], k) <= REPORTING_WINDOW_WORDS:
            e = verb_ends[j]
            j -= 1
            # "أعلن أمس", "وفق ما أفاد المرصد السوري الأربعاء": the date closes the reporting clause.
            between = norm.key[e:k]
            # "أفاد مصدر في الشرطة، اليوم الثلاثاء، بمقتل": commas may close the speaker's name; a quote,
            # a colon or "إن/أن" opens what was said, and a date after them dates the event itself.
            if not any(ch in between for ch in '".:') and not COMPLEMENTIZERS & set(
                between.replace("،", " ").replace(",", " ").split()
            ):
                out.add(i)
                break
    return out


def event_dates(
    norm: NormalizedText, dates: Sequence[Any], published: dt.date | None, cues: Cues
) -> list[Any]:
    """Dates as event ranges: "منذ ليل الثلاثاء" (since Tuesday night) runs to the publication date, and
    "ليل الثلاثاء الأربعاء" (the night from Tuesday to Wednesday) covers both days; a long "since" span is
    background and becomes None. Same length and order as ``dates``."""
    out: list[Any] = list(dates)
    since_ends = [e for _, e in cues.get("since")]
    night_starts = {s for s, _ in cues.get("night")}
    for i, d in enumerate(dates):
        k = norm.to_key(d.span.start)
        if published and d.end < published and cues.near_before(since_ends, k, 0):
            if (published - d.start).days > ONGOING_MAX_DAYS:
                # "منذ السابع من أكتوبر": a cumulative span, the background of the story, not its event.
                out[i] = None
            else:
                out[i] = dataclasses.replace(d, end=published, rule=f"{d.rule}+since")
        elif k in night_starts and i + 1 < len(dates):
            nxt = dates[i + 1]
            gap = norm.original[d.span.end : nxt.span.start]
            if not gap.strip() and nxt.start == d.end + dt.timedelta(days=1):
                out[i] = dataclasses.replace(d, end=nxt.end, rule=f"{d.rule}+night")
    return out


# A nationality adjective this close after a trigger names who struck ("غارات جوية إسرائيلية").
STRIKER_WINDOW_WORDS = 2


def striker_adjectives(
    norm: NormalizedText, triggers: Sequence[Trigger], nationalities: Any, cues: Cues
) -> list[tuple[Trigger, str, Span]]:
    """(trigger, forces actor id, adjective span) for "طائرة مسيرة تركية", "الطيران الحربي الروسي":
    a nationality adjective right after an event trigger makes that state's forces the agent."""
    if not triggers:
        return []  # the scan for adjectives is needed only to read them after a trigger
    hits = sorted(nationalities.match(norm), key=lambda h: h.key_start)
    starts = [h.key_start for h in hits]
    out = []
    for t in triggers:
        i = bisect_left(starts, t.key_end)
        if i < len(hits) and cues.words_between(t.key_end, hits[i].key_start) <= STRIKER_WINDOW_WORDS:
            forces = hits[i].entry.attrs.get("forces")
            if forces:
                out.append((t, str(forces), hits[i].span))
    return out


# How far a group may follow the member noun a target cue governs ("عنصرين من وحدة الصواريخ في حزب الله").
MEMBER_WINDOW_WORDS = 4


def actor_roles(
    norm: NormalizedText, mentions: Sequence[Any], cues: Cues, triggers: Sequence[Trigger]
) -> list[str]:
    """The role each actor mention plays, from the words right before it: a support cue ("بمساندة")
    makes it associated, a target cue ("على", "ضد", or one before a member noun: "استهدفت عنصرين من
    الحركة") the target, a voice cue ("المتحدث باسم") a voice that is no party, an agent cue ("نفذها", "من قبل") or an
    event trigger right before it ("قصف قوات النظام", "غارات الطيران الروسي") the one who acts."""
    support = [e for _, e in cues.get("support_cue")]
    target = [e for _, e in cues.get("target_cue")]
    agent = [e for _, e in cues.get("agent_cue")]
    voice = [e for _, e in cues.get("voice_cue")]
    members = cues.get("member_noun")  # sorted by end
    # member nouns right after a target cue ("استهدفت عنصرين"): the group they belong to is the target
    targeted_members = [e for s, e in members if cues.near_before(target, s, ROLE_WINDOW_WORDS)]
    trigger_ends = sorted(t.key_end for t in triggers)
    roles = []
    for m in mentions:
        if cues.near_before(voice, m.key_start, 1):
            roles.append("voice")
        elif cues.near_before(support, m.key_start, ROLE_WINDOW_WORDS):
            roles.append("assoc")
        elif cues.near_before(target, m.key_start, ROLE_WINDOW_WORDS) or cues.near_before(
            targeted_members, m.key_start, MEMBER_WINDOW_WORDS
        ):
            roles.append("target")
        elif cues.near_before(agent, m.key_start, ROLE_WINDOW_WORDS) or (
            not clitic_prefix(norm.key, m.key_start)
            and cues.near_before(trigger_ends, m.key_start, ROLE_WINDOW_WORDS)
            and not _locative_between(norm.key, trigger_ends, m.key_start)
        ):
            roles.append("agent")
        else:
            roles.append("any")
    return roles


# Words that put what follows at a place ("سيارة مفخخة عند بوابة القاعدة"): a name after them is where the
# trigger happened, not who did it.
LOCATIVES = frozenset({"عند", "قرب", "داخل", "امام", "بوابة", "مدخل", "محيط", "اطراف"})


def _locative_between(key: str, trigger_ends: Sequence[int], pos: int) -> bool:
    """Whether a locative word stands between the nearest trigger end before ``pos`` and ``pos``."""
    i = bisect_right(trigger_ends, pos) - 1
    return i >= 0 and bool(LOCATIVES.intersection(key[trigger_ends[i] : pos].split()))


def _views(
    doc: Doc,
    norm: NormalizedText,
    cues: Cues,
    triggers: Sequence[Trigger],
    to_event_actor: Any,
    nationalities: Any,
    directory: ActorDirectory | None = None,
    dates: Sequence[Any] | None = None,
) -> list[SentenceView]:
    sentences = doc.layers["sentences"]
    starts = sentence_starts(sentences)
    dates = list(doc.layers.get("dates", []) if dates is None else dates)
    said = _reporting_dates(norm, dates, cues)
    published = dt.date.fromisoformat(doc.published) if doc.published else None
    per_dates: dict[int, list[Any]] = {}
    per_said: dict[int, list[Any]] = {}
    # A weekday in a place's name ("سوق الجمعة", the Friday Market district) is the place, not a date.
    name_heads = [e for _, e in cues.get("named_day")]
    for i, d in enumerate(event_dates(norm, dates, published, cues)):
        if d is not None and not cues.near_before(name_heads, norm.to_key(d.span.start), 0):
            (per_said if i in said else per_dates).setdefault(sentence_at(starts, d.span.start), []).append(d)
    per_places: dict[int, list[ResolvedPlace]] = {}
    landmarks = [e for _, e in cues.get("landmark")]
    for p in doc.layers.get("place_mentions", []):
        if cues.near_before(landmarks, norm.to_key(p.span.start), 0):
            continue  # "ساحة الكرامة": a square named after a town is not that town
        per_places.setdefault(sentence_at(starts, p.span.start), []).append(p)
    # Whose people a casualty figure counts, per sentence: they were acted on.
    victims: dict[int, set[str]] = {}
    insult_sided = doc.layers.get("insult_sided_claims", set())
    for c in doc.claims:
        if c.id in insult_sided:
            continue
        if c.figure and c.figure.of and c.figure.kind in VICTIM_KINDS and c.evidence:
            for ev in c.evidence:
                victims.setdefault(sentence_at(starts, ev.start), set()).add(c.figure.of)
    per_actors: dict[int, list[tuple[str, Span, str]]] = {}
    mentions = [m for m in doc.layers.get("actor_mentions", []) if m.actor_id]
    home = home_forces(norm, mentions, cues, doc.layers.get("place_mentions", []), directory)
    if home:
        mentions = sorted(mentions + home, key=lambda m: m.key_start)
    for m, role in zip(mentions, actor_roles(norm, mentions, cues, triggers), strict=True):
        sent = sentence_at(starts, m.span.start)
        if role == "any" and m.actor_id in victims.get(sent, ()):
            role = "target"
        per_actors.setdefault(sent, []).append((to_event_actor(m.actor_id), m.span, role))
    for trigger, forces, span in striker_adjectives(norm, triggers, nationalities, cues):
        per_actors.setdefault(trigger.sentence, []).append((forces, span, "agent"))
    return [
        SentenceView(
            s.start,
            s.end,
            tuple(per_dates.get(i, ())),
            tuple(per_places.get(i, ())),
            tuple(per_actors.get(i, ())),
            tuple(per_said.get(i, ())),
        )
        for i, s in enumerate(sentences)
    ]


def home_forces(
    norm: NormalizedText,
    mentions: Sequence[Mention],
    cues: Cues,
    places: Sequence[ResolvedPlace],
    directory: ActorDirectory | None,
) -> list[Mention]:
    """Mentions for security forces named without a country ("فرّقت قوات الأمن المحتجين"): the main state
    forces of the country of the article's main place, unless the article names forces of that country
    itself (then the unnamed ones are most likely those, or a local force the registry lacks)."""
    hits = cues.get("home_forces")
    home = main_place(places) if hits else None
    if home is None or directory is None or not home.entry.country:
        return []
    country = home.entry.country
    for m in mentions:
        info = directory.info(m.actor_id)
        if info is not None and info.kind in FORCE_KINDS and country in info.countries:
            return []
    forces = directory.state_forces(country)
    if forces is None:
        return []
    taken = [(m.key_start, m.key_end) for m in mentions]
    return [
        Mention(forces, s, e, norm.span(s, e), "home")
        for s, e in hits
        if not any(s < te and ts < e for ts, te in taken)
    ]


# Kinds of actor that take part in events as actor1/actor2 (ACLED's inter codes 1-8); media, monitors,
# authorities that only speak, and people (who act for their organisation) do not.
PARTY_KINDS = frozenset(
    {"rebel_group", "state_forces", "political_militia", "identity_militia", "external_force", "civilians"}
)
FORCE_KINDS = frozenset({"state_forces", "external_force"})


def _is_party(ctx: Context) -> Any:
    registry = ctx.resources.actors

    known: dict[str, bool] = {}  # asked for every mention of every group: each actor looked up once

    def party(actor_id: str) -> bool:
        if actor_id not in known:
            known[actor_id] = actor_id in registry and registry.get(actor_id).kind in PARTY_KINDS
        return known[actor_id]

    return party


def _event_actor(ctx: Context) -> Any:
    """The actor an event names for a mention: a unit of a state's forces is coded as those forces
    (ACLED's "Military Forces of X"): the Russian air force -> the Russian armed forces."""
    registry = ctx.resources.actors
    known: dict[str, str] = {}  # asked for every mention: each actor's chain walked once

    def top(actor_id: str) -> str:
        if actor_id in known:
            return known[actor_id]
        chosen = actor_id
        if actor_id in registry and registry.get(actor_id).kind in FORCE_KINDS:
            for ancestor in registry.chain(actor_id)[1:]:
                if ancestor not in registry or registry.get(ancestor).kind not in FORCE_KINDS:
                    break
                chosen = ancestor
        known[actor_id] = chosen
        return chosen

    return top


def _allied(ctx: Context) -> Any:
    """Two actors are on one side when one's affiliation chain reaches the other (MMC -> SDF)."""
    registry = ctx.resources.actors

    def allied(a: str, b: str) -> bool:
        if a == b:
            return True
        if a not in registry or b not in registry:
            return False
        return bool(set(registry.chain(a)) & set(registry.chain(b)))

    return allied


# Event types where the people hurt, not an armed group named nearby, are the target when the
# figures say the dead and wounded were civilians (ACLED codes such events against civilians).
CIVILIAN_TARGET_TYPES = frozenset({"Explosions/Remote violence", "Violence against civilians"})


def fill_victims(
    events: Sequence[Event],
    claims: Sequence[Claim],
    allied: Any,
    targets: Mapping[str, set[str]] | None = None,
) -> list[Event]:
    """Take actor2 from whose people the event's casualty figures count: "مقتل 5 مدنيين" in a strike
    makes civilians the target; otherwise the counted side fills an empty actor2 when it is not
    actor1's. A group the event's own sentences name as its target (``targets``: event id -> actors
    with a target role there, "استهدفت عنصرين من الحزب") stays actor2: passers-by hurt beside it are
    incidental."""
    out = []
    for event in events:
        if event.actor2 is not None and event.actor2 in (targets or {}).get(event.id, ()):
            out.append(event)
            continue
        victims = Counter(
            c.figure.of
            for c in claims
            if c.event == event.id and c.figure and c.figure.kind in VICTIM_KINDS and c.figure.of
        )
        top = [of for of, _ in victims.most_common() if event.actor1 is None or not allied(of, event.actor1)]
        if top and top[0] == "civilians" and event.type.event_type in CIVILIAN_TARGET_TYPES:
            event = dataclasses.replace(event, actor2="civilians")
        elif top and event.actor2 is None:
            event = dataclasses.replace(event, actor2=top[0])
        elif (
            event.actor2 is None
            and event.type.event_type in CIVILIAN_TARGET_TYPES
            and any(c.event == event.id and c.figure and c.figure.kind in VICTIM_KINDS for c in claims)
        ):
            # "مقتل 3 أشخاص بينهم طفل" in a strike, nobody's side named: the people it killed are civilians
            # (ACLED codes unnamed victims of remote violence so).
            event = dataclasses.replace(event, actor2="civilians")
        out.append(event)
    return out


def civilian_targets(events: Sequence[Event]) -> list[Event]:
    """Violence against civilians with no target named keeps civilians as actor2: ACLED's category is
    defined by its unarmed target, so "اختطف مسلحون معلماً" (a teacher, a farmer, residents) targets
    civilians even though no casualty figure or civilian word says so."""
    return [
        dataclasses.replace(e, actor2="civilians")
        if e.actor2 is None and e.actor1 != "civilians" and e.type.event_type == "Violence against civilians"
        else e
        for e in events
    ]


def named_targets(
    events: Sequence[Event], views: Sequence[SentenceView], sentences: Sequence[Any]
) -> dict[str, set[str]]:
    """Event id -> the actors its trigger sentences name in a target role."""
    starts = sentence_starts(sentences)
    out: dict[str, set[str]] = {}
    for e in events:
        for sent in {sentence_at(starts, span.start) for span in e.evidence}:
            out.setdefault(e.id, set()).update(a for a, _, role in views[sent].actors if role == "target")
    return out


def attacks_on_civilians(events: Sequence[Event], triggers: Sequence[Trigger]) -> list[Event]:
    """An "attack" (a generic word, no battle word; arrests it made aside) whose only opponent is civilians
    is violence against civilians, not a battle: ACLED's battles need two armed sides ("هجوم شنه مستوطنون
    على بلدة"). ``triggers`` are the grouped ones (arrests of an operation marked as its outcome)."""
    generic_spans = {t.span for t in triggers if t.generic or t.outcome}
    out = []
    for e in events:
        if (
            e.type.event_type == "Battles"
            and e.actor2 == "civilians"
            and e.evidence
            and all(span in generic_spans for span in e.evidence)
        ):
            e = dataclasses.replace(e, type=EventType("Violence against civilians", "Attack", e.type.plover))
        out.append(e)
    return out


UNCLAIMED_TYPES = frozenset({"Explosions/Remote violence", "Violence against civilians"})
UNIDENTIFIED = "unidentified-armed-group"


def unclaimed_attacks(events: Sequence[Event]) -> list[Event]:
    """ "لم تعلن أي جهة مسؤوليتها": an attack nobody claimed is coded to an unidentified armed group, as
    ACLED does, whoever the article's sources suspect."""
    out = []
    for e in events:
        if e.type.event_type in UNCLAIMED_TYPES and e.type.sub_event_type != "Air/drone strike":
            e = dataclasses.replace(
                e, actor1=UNIDENTIFIED, actor2=e.actor2 if e.actor2 != UNIDENTIFIED else None
            )
        out.append(e)
    return out


def reporters_are_not_attackers(
    events: Sequence[Event],
    claims: Sequence[Claim],
    views: Sequence[SentenceView],
    allied: Any,
    registry: Any,
) -> list[Event]:
    """A party that reports the civilians an attack killed ("اتهمت قوات الدعم السريع الجيش بقتل 23
    مدنياً") accuses someone else: when actor1 is the side of such a claim's source, the attacker is the
    most named party of the article not on its side (state or foreign forces first for strikes)."""
    named: Counter[str] = Counter(a for v in views for a, _, _ in v.actors)
    out = []
    for e in events:
        reporters = {
            c.source
            for c in claims
            if c.event == e.id and c.figure and c.figure.of == "civilians" and c.figure.kind in VICTIM_KINDS
        }
        if e.actor1 and e.actor2 == "civilians" and any(allied(e.actor1, r) for r in reporters):
            others = [
                a
                for a in named
                if a not in ("civilians", e.actor1)
                and a in registry
                and registry.get(a).kind in PARTY_KINDS - {"civilians"}
                and not allied(a, e.actor1)
            ]
            if e.type.sub_event_type == "Air/drone strike":
                others.sort(key=lambda a: registry.get(a).kind not in FORCE_KINDS)
            if others:
                best = max(others, key=lambda a: (registry.get(a).kind in FORCE_KINDS, named[a]))
                if e.type.sub_event_type != "Air/drone strike":
                    best = max(others, key=lambda a: named[a])
                e = dataclasses.replace(e, actor1=best)
        out.append(e)
    return out


def unnamed_protesters(events: Sequence[Event]) -> list[Event]:
    """A protest whose protesters the text does not name is by Protesters (ACLED's generic actor)."""
    return [
        dataclasses.replace(e, actor1="protesters")
        if e.type.event_type == "Protests" and e.actor1 is None
        else e
        for e in events
    ]


def _missing_actors(doc: Doc, registry: Any) -> list[Actor]:
    """Registry entries for event actors the text never names as such (the forces a unit belongs to),
    so that every id in the record's events resolves to a name."""
    have = {a.id for a in doc.actors}
    out: list[Actor] = []
    for event in doc.events:
        for actor_id in (event.actor1, event.actor2, *event.assoc):
            if actor_id and actor_id not in have and actor_id in registry:
                e = registry.get(actor_id)
                out.append(Actor(e.id, e.name, e.name_ar, e.kind, e.affiliation))
                have.add(actor_id)
    return out


def link_claims(claims: Sequence[Claim], events: Sequence[Event], sentences: Sequence[Any]) -> list[Claim]:
    """Each claim goes to the event triggered in its own sentence, else to the article's main event of
    the right kind (violent figures to the first violent event, arrests to an arrests event)."""
    if not events:
        return list(claims)
    starts = sentence_starts(sentences)
    by_sentence = event_sentences(events, starts)
    by_id = {e.id: e for e in events}
    violent = [
        e for e in events if e.type.event_type != "Strategic developments" and e.type.event_type != "Protests"
    ]
    main = max(violent or events, key=lambda e: (len(e.evidence), -int(e.id[1:])))
    arrests = next((e for e in events if e.type.sub_event_type == "Arrests"), None)
    linked: list[Claim] = []
    for claim in claims:
        if claim.event is not None:
            linked.append(claim)
            continue
        anchor = claim.evidence[0].start if claim.evidence else 0
        event_id = by_sentence.get(sentence_at(starts, anchor))
        kind = claim.figure.kind if claim.figure else None
        if kind in VIOLENT_KINDS and event_id is not None:
            chosen = by_id[event_id]
            if chosen.type.event_type == "Strategic developments" and violent:
                event_id = main.id
        if event_id is None:
            event_id = arrests.id if kind == "arrested" and arrests is not None else main.id
        linked.append(dataclasses.replace(claim, event=event_id))
    return linked


# A stand-in anchor for relative dates when the publication date is unknown (any day works: only the
# differences between the resolved dates are used).
PROVISIONAL_ANCHOR = dt.date(2001, 1, 1)


def _anchored_dates_only(events: Sequence[Event], dates: Sequence[Any]) -> tuple[list[Event], list[str]]:
    """Events whose date rests only on dates that need no anchor (``dates``: resolved without one); the
    others lose their stand-in date, with a warning."""
    real = {(d.span.start, d.span.end) for d in dates}
    out: list[Event] = []
    notes: list[str] = []
    for e in events:
        evidence = e.date.evidence if e.date is not None else ()
        if e.date is not None and not (evidence and all((s.start, s.end) in real for s in evidence)):
            e = dataclasses.replace(e, date=None)
            notes.append(
                f"[W102] Event {e.id} has no date: the text gives only relative dates and no publication date."
            )
        out.append(e)
    return out, notes


@register_stage(
    "events",
    requires=("norm", "sentences", "posts", "dates", "actor_mentions", "place_mentions", "event_cues"),
    provides=("event_triggers",),
)
def events_stage(doc: Doc, ctx: Context) -> None:
    norm = doc.get("norm", NormalizedText)
    cues = doc.get("event_cues", Cues)
    sentences = doc.layers["sentences"]
    starts = [s.start for s in sentences]
    day_dated = frozenset(
        sentence_at(starts, d.span.start) for d in doc.layers.get("dates", ()) if d.precision == "day"
    )
    triggers = find_triggers(
        norm,
        sentences,
        _post_spans(doc),
        ctx.resources.lexicons.get("event_triggers"),
        cues,
        _actor_spans(doc),
        day_dated,
    )
    doc.layers["event_triggers"] = triggers
    directory = ActorDirectory(
        ctx.resources.actors, ctx.resources.lexicons.get("unnamed_sources"), doc.article.outlet
    )
    # Without a publication date, relative dates ("أمس الأربعاء", "الخميس الماضي", "منذ يومين") have no
    # anchor; read against a stand-in one they still tell which incidents happened on different days, so
    # those stay separate events. Only dates that need no anchor are kept on the events.
    provisional = doc.published is None and bool(doc.layers.get("date_exprs"))
    stand_in = resolve_all(doc.layers["date_exprs"], PROVISIONAL_ANCHOR) if provisional else None
    views = _views(
        doc,
        norm,
        cues,
        triggers,
        _event_actor(ctx),
        ctx.resources.lexicons.get("nationalities"),
        directory,
        stand_in,
    )
    groups = group_triggers(triggers, views)
    published = dt.date.fromisoformat(doc.published) if doc.published else None
    events, warnings = build_events(
        groups,
        views,
        doc.layers.get("place_mentions", []),
        _is_party(ctx),
        published,
        _allied(ctx),
        text=doc.article.text,
    )
    if provisional:
        events, dropped = _anchored_dates_only(events, doc.layers.get("dates", []))
        warnings.extend(dropped)
    for w in warnings:
        doc.warn(w)
    doc.claims = link_claims(doc.claims, events, sentences)
    allied = _allied(ctx)
    insult_sided = doc.layers.get("insult_sided_claims", set())
    victim_claims = [c for c in doc.claims if c.id not in insult_sided]
    events = fill_victims(events, victim_claims, allied, named_targets(events, views, sentences))
    events = attacks_on_civilians(events, [t for g in groups for t in g.triggers])
    events = civilian_targets(events)
    events = reporters_are_not_attackers(events, doc.claims, views, allied, ctx.resources.actors)
    if cues.get("unclaimed"):
        events = unclaimed_attacks(events)
    doc.events = unnamed_protesters(events)
    doc.actors.extend(_missing_actors(doc, ctx.resources.actors))


@register_stage("reconcile", requires=("event_triggers",), provides=("figures",))
def reconcile_stage(doc: Doc, ctx: Context) -> None:
    registry = ctx.resources.actors
    affiliation: dict[str, str | None] = {a.id: a.affiliation for a in doc.actors}
    for actor_id in list(affiliation):
        if actor_id in registry:
            for ancestor in registry.chain(actor_id)[1:]:
                affiliation.setdefault(ancestor, registry.get(ancestor).affiliation)
    side_of = side_resolver(affiliation)
    by_event: dict[str | None, list[Claim]] = {}
    for c in doc.claims:
        by_event.setdefault(c.event, []).append(c)
    updated: list[Event] = []
    for event in doc.events:
        linked = by_event.get(event.id, [])
        updated.append(dataclasses.replace(event, figures=reconcile(linked, side_of)))
    doc.events = updated
    doc.layers["figures"] = {e.id: e.figures for e in updated}
