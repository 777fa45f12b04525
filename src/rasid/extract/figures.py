"""Figure mentions: quantities tied to a figure kind by the words around them (lexicon ``figure_nouns``).

A quantity (from ``rasid.text.numbers``) becomes a figure when a trigger stands just before it ("مقتل 17",
"أصيب 15", "إحراق 25 آلية") or a counted noun with a kind just after it ("7 قتلى", "20 مصاباً"). Rules:

- joint triggers: "مقتل وإصابة 35" is one ``casualties`` figure (an undivided toll); with a vague quantity
  ("مقتل وإصابة العديد", "قتل وأسر العديد") one figure per kind, since "many" holds for each;
- duals ("قتيلين", "استشهاد جنديين") are a count of 2, from the lexicon;
- numbers with a role (years, ages, distances ... from the text layer), or followed by a counted noun that is
  not people (air strikes, shells) are never figures; vehicle kinds need a vehicle noun;
- a quantity right after "بينهم"/"منهم" is a breakdown of the figure before it: it goes into that figure's
  ``includes`` and is not a figure of its own;
- a figure in a sentence with a cumulative or historical cue ("منذ مطلع العام", "خلال شهر") is marked
  ``background`` (the claims layer keeps it out of the record's claims; it stays in layer figure_mentions);
- every figure of an article whose title or lede announces a periodic tally ("حصيلة شهرية") is background;
- a figure in a sentence with a toll-update cue ("ارتفعت حصيلة") is marked ``update``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from rasid.extract.mentions import Mention
from rasid.model import Span
from rasid.text.normalize import NormalizedText

_WORD = re.compile(r"[^\W\d_]+")
_BREAK = re.compile(r"[.,;:!?\n]")
_MAX_GAP_WORDS = 3  # words allowed between a trigger and its number ("أسفرت عن مقتل ما لا يقل عن")
_PARTITIVE = frozenset({"من", "في صفوف", "من بين"})
_OF_CUE = re.compile(r"(?:^|\s)(?:من|صفوف|في صفوف|التابعين|التابعة|الموالين|الموالية)(?:\s|$)")
_OF_WINDOW = 60
_BELONGING = frozenset({"من", "التابعين", "التابعة", "التابع", "الموالين", "الموالية", "لـ"})
_NEAR_CHARS = 40  # key characters a trigger may stand before its number (3 words)
_PHRASE_STOP = frozenset(
    {"في", "جراء", "خلال", "اثر", "بعد", "على", "من", "الى", "عند", "قرب", "بسبب"}
)  # key characters after a figure searched for whose people it is


@dataclass(frozen=True, slots=True)
class FigureMention:
    kind: str
    value: int | None
    qualifier: str
    low: int | None
    high: int | None
    key_start: int  # whole figure on the key: trigger .. counted noun
    key_end: int
    span: Span
    number: Span
    of: str | None = None
    own: bool = False  # "من عناصرها": of the speaker's own side (claims resolves it)
    includes: str | None = None
    background: bool = False
    update: bool = False
    initial: bool = False
    side: str | None = None  # the counted noun's side: "state" (soldiers), "enemy" ("terrorists"), else None
    others: bool = False  # "آخرين": of the same side as the figure before it


class _Word(NamedTuple):  # a tuple: built for every lexicon match of every document
    role: str
    kind: str | None
    civilian: bool
    key_start: int
    key_end: int
    prefix: str
    match: Any


_FACTS: dict[int, tuple[Any, str, str | None, bool]] = {}  # id(entry) -> (entry, role, kind, civilian)


def _facts(entry: Any) -> tuple[Any, str, str | None, bool]:
    facts = _FACTS.get(id(entry))
    if facts is None or facts[0] is not entry:
        a = entry.attrs
        facts = (entry, str(a.get("role", "")), a.get("kind"), bool(a.get("civilian", False)))
        _FACTS[id(entry)] = facts
    return facts


def _words(matches: Sequence[Any]) -> list[_Word]:
    out = []
    for m in matches:
        _, role, kind, civilian = _facts(m.entry)
        out.append(_Word(role, kind, civilian, m.key_start, m.key_end, getattr(m, "prefix", ""), m))
    return out


def _gap_ok(key: str, start: int, end: int, max_words: int = _MAX_GAP_WORDS) -> bool:
    gap = key[start:end]
    if any(map(str.isdigit, gap)) or _BREAK.search(gap):
        return False
    return len(_WORD.findall(gap)) <= max_words


class _Sentences:
    """Sentence lookup by bisect over the (sorted) sentence starts."""

    __slots__ = ("bounds", "starts")

    def __init__(self, bounds: Sequence[tuple[int, int]]) -> None:
        self.bounds = sorted(bounds)
        self.starts = [s for s, _ in self.bounds]

    def of(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.bounds[i][1]:
            return self.bounds[i]
        return 0, 0


def _sentence_of(pos: int, bounds: Sequence[tuple[int, int]]) -> tuple[int, int]:
    return _Sentences(bounds).of(pos)


def find_figures(
    norm: NormalizedText,
    quantities: Sequence[Any],
    figure_words: Sequence[Any],
    titles: Sequence[Any],
    mentions: Sequence[Mention],
    sentence_bounds: Sequence[tuple[int, int]],
    unnamed_ids: frozenset[str] = frozenset(),
) -> list[FigureMention]:
    """Figure mentions in text order (``sentence_bounds`` are key offsets of sentences)."""
    key = norm.key
    words = _words(figure_words)
    triggers = sorted((w for w in words if w.role == "trigger"), key=lambda w: w.key_start)
    after_roles = {"counted", "person", "vehicle", "not_casualty", "member_own", "dual"}
    followers = [w for w in words if w.role in after_roles]
    breakdown_ends = frozenset(w.key_end for w in words if w.role == "breakdown")
    mentions = sorted(mentions, key=lambda m: m.key_start)
    mention_starts = [m.key_start for m in mentions]
    sentences = _Sentences(sentence_bounds)
    env = _Env(key, norm, words, [w.key_start for w in words], titles, mentions, mention_starts, unnamed_ids)
    out: list[FigureMention] = []

    # matches of one lexicon do not overlap: starts and ends are both in text order
    trigger_starts = [t.key_start for t in triggers]
    trigger_ends = [t.key_end for t in triggers]

    def nearest_trigger(pos: int) -> _Word | None:
        best = None
        for t in triggers[bisect_left(trigger_ends, pos - _NEAR_CHARS) :]:
            if t.key_end > pos:
                break
            if pos - t.key_end <= _NEAR_CHARS and _gap_ok(key, t.key_end, pos):
                best = t
        return best

    follow_at: dict[int, _Word] = {}
    for w in followers:  # the first follower starting at a position (with or without its proclitic)
        follow_at.setdefault(w.key_start - len(w.prefix), w)
        follow_at.setdefault(w.key_start, w)

    def follower_at(pos: int) -> _Word | None:
        p = pos
        while p < len(key) and key[p] in ' "':
            p += 1
        if key.startswith("من ", p):  # "ثلاثة من عناصر"
            p += 3
        return follow_at.get(p)

    persons = [w for w in words if w.role == "person" or (w.role == "dual" and not w.kind)]
    person_starts = [w.key_start for w in persons]
    person_ends = [w.key_end for w in persons]

    def person_before(pos: int) -> _Word | None:
        # a person noun right before the number, or a dual phrase that holds it ("عسكريين اثنين")
        j = bisect_left(person_ends, pos - 1)
        return persons[j] if j < bisect_left(person_starts, pos) else None

    def trigger_after(pos: int) -> _Word | None:
        for t in triggers[bisect_right(trigger_starts, pos) :]:
            t_start = t.key_start - len(t.prefix)
            if t_start > pos + _NEAR_CHARS:
                break
            if t_start <= pos or t.kind in ("vehicles_destroyed", "vehicles_seized"):
                continue
            gap = key[pos:t_start].strip()
            if gap and not (gap.startswith("من ") and _gap_ok(key, pos, t_start, 5)):
                return None
            rest = key[t.key_end : t.key_end + 2].strip()
            return None if rest[:1].isdigit() else t
        return None

    def kinds_for(trig: _Word | None, counted: _Word | None, vague: bool) -> list[str]:
        if counted is not None and counted.role == "not_casualty":
            return []
        vehicle = counted is not None and counted.role == "vehicle"
        if trig is not None and trig.kind in ("vehicles_destroyed", "vehicles_seized"):
            return [trig.kind] if vehicle else []
        if vehicle:
            return []
        if trig is None or trig.kind is None:
            return [counted.kind] if counted is not None and counted.kind else []
        joint = _joint_partner(trig)
        if joint is None or joint.kind is None or joint.kind == trig.kind:
            return [trig.kind]
        if {joint.kind, trig.kind} == {"killed", "injured"} and not vague:
            return ["casualties"]
        return [joint.kind, trig.kind]

    closing: set[int] = set()  # triggers that close an earlier figure ("أربعة قتلوا"): never a joint partner

    def _joint_partner(trig: _Word) -> _Word | None:
        if not trig.prefix.startswith("و"):
            return None
        word_start = trig.key_start - len(trig.prefix)
        for t in triggers[bisect_left(trigger_ends, word_start - 1) :]:
            if t.key_end > word_start or t.key_start in closing:
                break
            return t
        return None

    for q in quantities:
        if getattr(q, "role", None) is not None:
            continue
        # the number itself on the key (the expression may run on: "14 مدنياً على الأقل")
        start, end = norm.to_key(q.number.start), norm.to_key(q.number.end)
        # the qualifier may precede the number ("أكثر من 200"): the whole expression starts there
        expr_start = norm.to_key(q.span.start)
        if _is_breakdown(expr_start, breakdown_ends):
            part = follower_at(end)
            _absorb(out, key, expr_start, end, norm, titles, civilian=part is not None and part.civilian)
            continue
        near = mentions[max(0, bisect_left(mention_starts, end) - 3) : bisect_left(mention_starts, end)]
        if any(m.key_start < end and start < m.key_end for m in near):
            continue  # a digit inside a name ("د1عش")
        counted = follower_at(end)
        if counted is not None and counted.role == "counted" and _definite_subset(key, end, counted):
            continue  # "ثلاثة من المصابين": some of a toll already given, not a new figure
        noun = counted or person_before(expr_start)  # "جرح عسكريين اثنين": the noun before a number word
        trig = nearest_trigger(expr_start)
        if trig is not None and counted is not None and counted.kind and _new_conjunct(key, expr_start):
            trig = None  # "11 جثة و28 جريحاً": the trigger before belongs to the previous conjunct
        kinds = kinds_for(trig, counted, q.value is None)
        of_hint = None
        if not kinds and counted is not None and counted.role in ("person", "member_own"):
            # "4 أشخاص قتلوا", "14 مدنياً على الأقل قتلوا" (the qualifier after the noun is in q.span),
            # "أربعة من أفراد الجيش قتلوا" (an actor named between the noun and the verb is the side)
            after = max(counted.key_end, norm.to_key(q.span.end))
            named = _names_at(after, mentions, mention_starts, key)
            trig = trigger_after(named.key_end if named is not None else after)
            if (
                trig is None
                and named is None
                and key[end : counted.key_start - len(counted.prefix)].strip() == "من"
            ):
                trig = trigger_after(end)  # "أربعة من أفراد الجيش قتلوا": the partitive phrase is the gap
            kinds = kinds_for(trig, counted, q.value is None)
            if trig is not None and kinds:
                counted = trig
                closing.add(trig.key_start)
                of_hint = named.actor_id if named is not None and named.actor_id not in unnamed_ids else None
        if not kinds:
            continue
        fig_start = (
            trig.key_start - len(trig.prefix) if trig is not None and trig.key_start < start else expr_start
        )
        joint = trig is not None and (len(kinds) > 1 or kinds == ["casualties"])
        partner = _joint_partner(trig) if joint and trig is not None else None
        if partner is not None:
            fig_start = partner.key_start - len(partner.prefix)
        fig_start = min(fig_start, expr_start)
        fig_end = counted.key_end if counted is not None else end
        sent = sentences.of(start)
        fig_span = norm.span(fig_start, fig_end)
        for kind in kinds:
            out.append(
                _finish(
                    env,
                    (kind, q.value, q.qualifier, q.low, q.high, fig_start, fig_end, fig_span, q.number),
                    sent,
                    noun,
                    of_hint,
                )
            )
    # duals: the noun is the count ("قتيلين"; "استشهاد جنديين" with a trigger before it)
    duals = [w for w in words if w.role == "dual"]
    covered = [(q.key_start, q.key_end) for q in quantities] if duals else []
    for w in duals:
        if any(s <= w.key_start < e for s, e in covered):
            continue
        if any(f.key_start <= w.key_start < f.key_end for f in out):
            continue
        trig = nearest_trigger(w.key_start - len(w.prefix))
        kinds = [w.kind] if w.kind else kinds_for(trig, None, False)
        if not kinds:
            continue
        fig_start = trig.key_start - len(trig.prefix) if trig is not None and not w.kind else w.key_start
        sent = sentences.of(w.key_start)
        fig_span = norm.span(fig_start, w.key_end)
        number = norm.span(w.key_start, w.key_end)
        for kind in kinds:
            base = (kind, 2, "exact", 2, 2, fig_start, w.key_end, fig_span, number)
            out.append(_finish(env, base, sent, w))
    out.sort(key=lambda f: f.key_start)
    lede_end = sentences.bounds[min(1, len(sentences.bounds) - 1)][1] if sentences.bounds else 0
    if any(w.role == "statistics" and w.key_start < lede_end for w in words):
        out = [replace(f, background=True) for f in out]  # a periodic tally: no figure is an event's
    return _inherit_others(out, figure_words, sentences)


def _inherit_others(
    out: list[FigureMention], figure_words: Sequence[Any], sentences: _Sentences
) -> list[FigureMention]:
    """ "إصابة 23 آخرين": "others" are of the same side as the figure before them in the sentence."""
    others = {m.key_end for m in figure_words if m.entry.attrs.get("others")}
    if not others:
        return out
    for i in range(1, len(out)):
        f, prev = out[i], out[i - 1]
        same = f.key_end in others and sentences.of(f.key_start) == sentences.of(prev.key_start)
        if same and f.of is None and not f.own:
            out[i] = replace(f, of=prev.of, own=prev.own)
    return out


def _definite_subset(key: str, end: int, counted: _Word) -> bool:
    """ "ثلاثة من المصابين", "اثنان من القتلى": a number of the (definite) casualties already counted."""
    head = counted.key_start - len(counted.prefix)
    between = key[end:head].strip()
    return between == "من" and "ال" in counted.prefix + key[head : head + 2]


def _new_conjunct(key: str, start: int) -> bool:
    """The number opens a new conjunct: "و28" or "و 28" right before it."""
    before = key[max(0, start - 2) : start]
    return before.endswith("و") or before == "و "


def _names_at(pos: int, mentions: Sequence[Mention], starts: Sequence[int], key: str) -> Mention | None:
    """An actor mention that starts right at ``pos`` (after spaces), within three words."""
    i = bisect_left(starts, pos)
    if i < len(mentions) and mentions[i].actor_id and not key[pos : mentions[i].key_start].strip():
        m = mentions[i]
        if len(key[m.key_start : m.key_end].split()) <= 3:
            return m
    return None


def _is_breakdown(start: int, breakdown_ends: frozenset[int]) -> bool:
    return start in breakdown_ends or start - 1 in breakdown_ends


def _absorb(
    out: list[FigureMention],
    key: str,
    start: int,
    end: int,
    norm: NormalizedText,
    titles: Sequence[Any],
    civilian: bool = False,
) -> None:
    """A breakdown ("بينهم 4 أطفال") goes into the ``includes`` of the figure just before it.

    A toll whose side is not named and whose breakdown counts civilians ("11 قتيلاً بينهم 4 أطفال") is a
    toll of civilians."""
    if not out or out[-1].includes is not None:
        return
    stop = _BREAK.search(key, end)
    clause_end = stop.start() if stop else len(key)
    phrase: list[str] = []
    for word in key[start:clause_end].split()[:4]:
        if phrase and word in _PHRASE_STOP:
            break
        phrase.append(word)
    text = norm.span(start, start + len(" ".join(phrase))).text if phrase else ""
    last = out[-1]
    of = last.of
    if civilian and of is None and not last.own and last.side is None:
        of = "civilians"
    out[-1] = replace(last, includes=text or None, of=of)


@dataclass(frozen=True, slots=True)
class _Env:
    """What ``_finish`` reads about the document, computed once per document."""

    key: str
    norm: NormalizedText
    words: Sequence[_Word]
    starts: list[int]  # key_start of each word (words are in text order)
    titles: Sequence[Any]
    mentions: Sequence[Mention]
    mention_starts: list[int]
    unnamed_ids: frozenset[str]


_Base = tuple[str, int | None, str, int | None, int | None, int, int, Span, Span]


def _finish(
    env: _Env, base: _Base, sent: tuple[int, int], counted: _Word | None, of_hint: str | None = None
) -> FigureMention:
    """The figure with its side, breakdown and sentence cues read from the words around it."""
    key, words, starts = env.key, env.words, env.starts
    fig_end = base[6]
    s_start, s_end = sent
    in_sentence = words[bisect_left(starts, s_start) : bisect_left(starts, s_end)] if s_end else []
    background = update = initial = False
    for w in in_sentence:
        role = w.role
        if role == "background":
            background = True
        elif role == "update" and w.key_start < fig_end:
            update = True
        elif role == "initial":
            initial = True
    of: str | None = "civilians" if counted is not None and counted.civilian else of_hint
    own = counted is not None and counted.role == "member_own"
    stop = _BREAK.search(key, fig_end)
    window_end = min(stop.start() if stop else len(key), fig_end + _OF_WINDOW)
    for w in words[bisect_left(starts, fig_end) : bisect_left(starts, window_end)]:
        if w.key_start >= window_end:
            break
        if w.role == "member_own" and w.key_start - fig_end <= 5:
            own = True
        if w.role == "trigger" and fig_end < w.key_start:
            window_end = w.key_start
    partitive = _partitive_word(key, fig_end, words, starts) if of is None and not own else None
    if of is None and not own:
        ms = env.mention_starts
        for m in env.mentions[bisect_left(ms, fig_end) : bisect_left(ms, window_end)]:
            if m.actor_id and m.actor_id not in env.unnamed_ids:
                gap = key[fig_end : m.key_start]
                if _gap_ok(key, fig_end, m.key_start, 4) and (len(gap.split()) <= 1 or _OF_CUE.search(gap)):
                    of = m.actor_id
                    if partitive is not None and not _governs(key, partitive.key_end, m.key_start):
                        of = None  # "25 من المرتدين في القاعدة": the noun decides, the name after is a place
                break
    includes = None
    for t in env.titles:
        # "بينهم مدير السجن" or "23 آخرين من مقاتلين وموظفين مدنيين"
        if fig_end <= t.key_start < window_end and _gap_ok(key, fig_end, t.key_start, 3):
            before = key[max(fig_end, t.key_start - 12) : t.key_start]
            if "بينهم" in before or "منهم" in before or before.rstrip().endswith("من"):
                en = getattr(t.entry, "en", ())
                includes = str(en[0]) if en else t.span.text
                break
    attrs = counted.match.entry.attrs if counted is not None else {}
    side = attrs.get("side")
    if side is None and of is None and partitive is not None:
        side = partitive.match.entry.attrs.get("side")  # "أربعة جرحى من الجنود"
    if side is None and counted is not None and counted.role == "dual" and not counted.kind:
        side = _side_before(counted, words)  # "عسكريين اثنين": the noun before the number word
    return FigureMention(
        *base,
        of=of,
        own=own,
        includes=includes,
        background=background,
        update=update,
        initial=initial,
        side=str(side) if side else None,
        others=bool(attrs.get("others")),
    )


def _side_before(dual: _Word, words: Sequence[_Word]) -> str | None:
    start = dual.key_start - len(dual.prefix)
    for w in words:
        if w.role == "person" and 0 <= start - w.key_end <= 1:
            side = w.match.entry.attrs.get("side")
            return str(side) if side else None
    return None


def _partitive_word(key: str, fig_end: int, words: Sequence[_Word], starts: Sequence[int]) -> _Word | None:
    """A person noun with a side right after the figure in a partitive "من" ("4 جرحى من الجنود")."""
    i = bisect_left(starts, fig_end)
    if i < len(words):
        w = words[i]
        gap = key[fig_end : w.key_start - len(w.prefix)].strip(' "')
        if w.role == "person" and gap in _PARTITIVE and w.match.entry.attrs.get("side"):
            return w
    return None


def _governs(key: str, noun_end: int, name_start: int) -> bool:
    """A name right after a counted noun, or joined by a word of belonging, names the noun's side."""
    return all(w in _BELONGING for w in key[noun_end:name_start].replace('"', " ").split())
