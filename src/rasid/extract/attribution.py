"""Attribution: who says a figure, via whom, with what stance and when (lexicon ``reporting_verbs``).

Each reporting cue in a sentence opens a *frame* with a speaker:

- verb/according/relay cues take the actor named right after the cue ("قال المرصد", "بحسب ما أفاد
  المرصد", "حسب الوكالة"); after a title ("قال مدير المركز الإعلامي لقسد، فرهاد شامي") the window is
  longer and a person named after the organisation wins; failing that, the actor just before the cue
  ("وكان قائد قسد، مظلوم عبدي، قد قال");
- a cue without a speaker ("وأضاف", "مشيراً إلى") and speaker words ("المصدر", "البيان") carry the last
  speaker over, across sentences;
- a relay cue ("نقلت الوكالة عن مصدر عسكري في التنظيم") puts the inner source in ``via``: the organisation
  the unnamed source belongs to when one is named right after it, else the inner source itself. A source's
  ``via`` is carried to its later frames (Amaq's whole report cites the IS source);
- modifier cues ("لم يتسن التحقق") make the figures of their sentence and the next one ``unconfirmed``;
- ``said_on`` is the first resolved date in the reporting clause (from the cue to "أن/إن", ":" or the
  figure), else the embedded post's date for a sentence in a post, else None.

A figure takes the nearest frame before it in its sentence, else the nearest after it; with none it is
the article's own statement (source ``article``).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rasid.extract.mentions import ARTICLE_ID, ActorDirectory, Mention
from rasid.model import SaidOn, Span
from rasid.text.normalize import NormalizedText

_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE_STOP = re.compile(r"(?:^|(?<=\s))(?:ان|انه|انها|انهم|بان|بانه|بانها|الى ان):?(?=\s|$)|[:.\n]")
_NEAR_WORDS = 3  # words between a cue and its speaker ("قال مدير المركز ..." : "مدير")
_TITLE_WORDS = 10  # after a title, the organisation may come later ("الرئيس المشترك لمكتب الدفاع في ...")
_BEFORE_WORDS = 6


@dataclass(frozen=True, slots=True)
class Frame:
    """One reporting clause: a speaker, the chain it cites, its stance and date, and where it is."""

    source: str
    via: tuple[str, ...]
    stance: str
    said_on: SaidOn | None
    cue: Span | None
    speaker: Span | None
    key_start: int
    key_end: int
    sentence: int


@dataclass(frozen=True, slots=True)
class Attribution:
    source: str
    via: tuple[str, ...]
    stance: str
    said_on: SaidOn | None
    evidence: tuple[Span, ...] = ()


@dataclass
class _State:
    last_source: str | None = None
    last_speaker_span: Span | None = None
    vias: dict[str, tuple[str, ...]] = field(default_factory=dict)


def bare_month(date: Any) -> bool:
    """A month name alone ("سبتمبر"), with no day, year or "الماضي": too weak to date a statement or to make
    a sentence past, and often part of a name (the news site "سبتمبر نت")."""
    return getattr(date, "precision", None) == "month" and len(date.span.text.split()) == 1


def _new_clause(key: str, end: int, cue: Any) -> bool:
    """A verb with the conjunction "و" after a comma opens a new clause: a name before the comma is not its
    subject ("وكان قائد قسد، مظلوم عبدي، قد قال" has no conjunction on the verb and keeps its subject)."""
    prefix = getattr(cue, "prefix", "")
    return prefix.startswith("و") and any(c in key[end : cue.key_start] for c in "،,")


def _definite(prefix: str) -> bool:
    """A proclitic that holds the article ("ال", "وال", "بال", "لل")."""
    return prefix.endswith("ال") or prefix.endswith("لل")


# on the match key (teh marbuta folded to heh); the actor's proclitic "ل"/"لل" ends the gap
_AFFILIATED = re.compile(r"(?:^|\s)(?:التابعه|التابع|المواليه|الموالي|المقربه من|المقرب من)\s+(?:لل|ل)?$")


def _affiliated(key: str, start: int, end: int) -> bool:
    """An unnamed outlet tied to the actor that follows ("قالت قناة محلية التابعة للجماعة"): the actor
    speaks, a few words further than a bare speaker may be."""
    gap = key[start:end]
    return _AFFILIATED.search(gap) is not None and len(gap.split()) <= _NEAR_WORDS + 3


def _words_between(key: str, start: int, end: int) -> int:
    return len(_WORD.findall(key[start:end])) if end > start else 0


def _clause_stop(key: str, start: int, limit: int) -> int:
    m = _CLAUSE_STOP.search(key, start, limit)
    return m.start() if m else limit


class Attributor:
    """Frames of one article; ``attribute(pos)`` answers for a figure or statement at key ``pos``."""

    def __init__(
        self,
        norm: NormalizedText,
        sentence_bounds: Sequence[tuple[int, int]],
        cues: Sequence[Any],
        mentions: Sequence[Mention],
        titles: Sequence[Any],
        directory: ActorDirectory,
        dates: Sequence[Any] = (),
        stops: Sequence[tuple[int, int]] = (),
        sentence_posts: Sequence[str | None] = (),
        report_day: SaidOn | None = None,
    ) -> None:
        self.norm = norm
        self.bounds = sorted(sentence_bounds)
        self._starts = [s for s, _ in self.bounds]
        self.mentions = sorted(mentions, key=lambda m: m.key_start)
        self._mention_starts = [m.key_start for m in self.mentions]
        self.titles = titles
        self._title_starts = sorted(t.key_start for t in titles)
        self.directory = directory
        self.stops = sorted(stops)  # key spans where a speaker search stops (figures, triggers)
        self._stop_starts = [st for st, _ in self.stops]
        self.dates = sorted(
            ((norm.to_key(d.span.start), d) for d in dates if not bare_month(d)), key=lambda x: x[0]
        )
        self._date_starts = [pos for pos, _ in self.dates]
        self._limits: dict[tuple[int, int], int] = {}  # (start, sentence end) -> ``_limit``
        self.sentence_posts = list(sentence_posts)
        self.report_day = report_day
        self.frames: list[Frame] = []
        self.modifiers: list[tuple[int, str]] = []  # (sentence index, stance)
        self._build(sorted(cues, key=lambda c: c.key_start))
        self._headline_frames()
        self._modified: dict[int, str] = {}  # sentence -> stance of its first modifier
        for sent, stance in self.modifiers:
            self._modified.setdefault(sent, stance)
        self.by_sentence: dict[int, list[Frame]] = {}
        for f in self.frames:
            self.by_sentence.setdefault(f.sentence, []).append(f)

    # ---- building frames -------------------------------------------------------------------------
    def sentence_index(self, pos: int) -> int:
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.bounds[i][1]:
            return i
        return -1

    def _build(self, cues: Sequence[Any]) -> None:
        state = _State()
        key = self.norm.key
        for cue in cues:
            if _definite(getattr(cue, "prefix", "")):
                continue  # "التابع له", "الإعلان": a noun or an adjective with the article, not a reporting verb
            attrs = cue.entry.attrs
            ctype = str(attrs.get("type", "verb"))
            stance = str(attrs.get("stance", "asserted"))
            sent = self.sentence_index(cue.key_start)
            if ctype == "modifier":
                self.modifiers.append((sent, stance))
                continue
            s_start, s_end = self.bounds[sent] if sent >= 0 else (0, len(key))
            speaker = None if ctype == "continue" else self._speaker_after(cue, s_end)
            # a participle that continues a report ("، مؤكدةً", "زاعماً") has the sentence's speaker as its
            # subject: a name just before it belongs to the reported clause ("انسحبت القوات من القاعدة")
            continues = (
                ctype == "continue"
                and state.last_source is not None
                and bool(self.frames)
                and self.frames[-1].sentence == sent
            )
            if speaker is None and ctype in ("verb", "continue") and not continues:
                speaker = self._speaker_before(cue, s_start)
            if speaker is not None and not speaker.actor_id:  # "المصدر", "البيان": the current speaker
                speaker = (
                    Mention(state.last_source, speaker.key_start, speaker.key_end, speaker.span, "speaker")
                    if state.last_source
                    else None
                )
            if speaker is None:
                if state.last_source is None:
                    continue
                source, speaker_span = state.last_source, None
            else:
                source, speaker_span = speaker.actor_id, speaker.span
            via = self._via(cue, speaker, s_end) if ctype == "relay" else ()
            if via:
                state.vias[source] = via
            elif speaker is None or speaker.how in ("generic", "speaker"):
                # a back-reference ("الوكالة", "وأضاف") continues the same report and its citation
                via = state.vias.get(source, ())
            if source in via:
                via = tuple(v for v in via if v != source)
            anchor = (
                speaker.key_end if speaker is not None and speaker.key_start > cue.key_start else cue.key_end
            )
            said_on = self._said_on(cue.key_start, anchor, s_end, sent)
            prev = self.frames[-1] if self.frames else None
            if said_on is None and prev is not None and prev.source == source and prev.sentence >= sent - 1:
                # "أعلن الجيش، اليوم الأحد، ... مؤكداً مقتل 18": a continued report keeps its date
                said_on = prev.said_on
            if said_on is None and source != ARTICLE_ID:
                said_on = self.report_day
            self.frames.append(
                Frame(source, via, stance, said_on, cue.span, speaker_span, cue.key_start, cue.key_end, sent)
            )
            state.last_source, state.last_speaker_span = source, speaker_span

    def _headline_frames(self) -> None:
        """A line that opens with a named source and a colon ("المرصد: 13 قتيلاً", a headline style) is
        that source's statement."""
        key = self.norm.key
        added = False
        framed = {f.sentence for f in self.frames}
        for m in self.mentions:
            if not m.actor_id:
                continue
            sent = self.sentence_index(m.key_start)
            if sent < 0 or sent in framed:
                continue
            s_start, _ = self.bounds[sent]
            if key[s_start : m.key_start].strip(' "«') or not key[m.key_end : m.key_end + 3].lstrip(
                ' "»'
            ).startswith(":"):
                continue
            said_on = self.report_day if m.actor_id != ARTICLE_ID else None
            self.frames.append(
                Frame(m.actor_id, (), "asserted", said_on, None, m.span, m.key_start, m.key_end, sent)
            )
            added = True
        if added:
            self.frames.sort(key=lambda f: f.key_start)

    def _limit(self, start: int, s_end: int) -> int:
        """Where the reporting clause that continues at ``start`` ends: a clause stop or a figure,
        within the sentence. Cached: the speaker search and the date search of a cue ask the same."""
        found = self._limits.get((start, s_end))
        if found is None:
            found = self._stop_before(start, _clause_stop(self.norm.key, start, s_end))
            self._limits[(start, s_end)] = found
        return found

    def _stop_before(self, start: int, limit: int) -> int:
        i = bisect_left(self._stop_starts, start)
        if i < len(self._stop_starts) and self._stop_starts[i] < limit:
            return self._stop_starts[i]
        return limit

    def _speaker_after(self, cue: Any, s_end: int) -> Mention | None:
        key = self.norm.key
        limit = self._limit(cue.key_end, s_end)
        i = bisect_left(self._title_starts, cue.key_end)
        titled = i < len(self._title_starts) and self._title_starts[i] < min(limit, cue.key_end + 31)
        max_words = _TITLE_WORDS if titled else _NEAR_WORDS
        for m in self.mentions[bisect_left(self._mention_starts, cue.key_start) :]:
            if m.key_end <= cue.key_end or m.key_start < cue.key_start:
                continue
            if titled and not m.actor_id:
                continue  # "مدير المركز الإعلامي لقسد": the organisation named after the title
            if m.key_start >= limit:
                break
            if _words_between(key, cue.key_end, m.key_start) > max_words and not _affiliated(
                key, cue.key_end, m.key_start
            ):
                break
            if titled and self.directory.kind(m.actor_id) != "person":
                person = self._person_after(m.key_end, limit)
                if person is not None:
                    return person
            return m
        return None

    def _person_after(self, pos: int, limit: int) -> Mention | None:
        for m in self.mentions[bisect_left(self._mention_starts, pos) :]:
            if m.key_start >= limit:
                break
            near = pos <= m.key_start < limit and _words_between(self.norm.key, pos, m.key_start) <= 3
            if near and m.actor_id and self.directory.kind(m.actor_id) == "person":
                return m
        return None

    def _speaker_before(self, cue: Any, s_start: int) -> Mention | None:
        key = self.norm.key
        best = None
        for m in self.mentions[bisect_left(self._mention_starts, s_start) :]:
            if m.key_end > cue.key_start:
                break
            near = m.key_start >= s_start and _words_between(key, m.key_end, cue.key_start) <= _BEFORE_WORDS
            if near and self._stop_before(m.key_end, cue.key_start) == cue.key_start:
                best = m
        if best is not None and _new_clause(key, best.key_end, cue):
            return None  # "سقوط موقع بيد الحوثيين، وقال ...": the name ends the clause before "وقال"
        return best

    def _via(self, cue: Any, speaker: Mention | None, s_end: int) -> tuple[str, ...]:
        """The inner source after "عن" in a relay: its organisation when named right after it."""
        key = self.norm.key
        start = speaker.key_end if speaker is not None and speaker.key_start > cue.key_start else cue.key_end
        pos = key.find("عن", start, min(s_end, start + 20))
        if pos < 0:
            return ()
        inner = [m for m in self.mentions if pos < m.key_start < min(s_end, pos + 60) and m.actor_id]
        if not inner:
            return ()
        first = inner[0]
        if first.how == "unnamed":
            for m in inner[1:]:
                if _words_between(key, first.key_end, m.key_start) <= 2:
                    return (self.directory.side(m.actor_id),)
        return (first.actor_id,)

    def _said_on(self, cue_start: int, anchor: int, s_end: int, sent: int) -> SaidOn | None:
        key = self.norm.key
        limit = self._limit(anchor, s_end)
        for pos, d in self.dates[bisect_left(self._date_starts, cue_start) :]:
            if pos >= limit:
                break
            if _words_between(key, anchor, pos) <= 8:
                day: dt.date = d.start
                if d.end != d.start and d.precision == "day":
                    continue
                return SaidOn(day.isoformat(), d.precision)
        post_date = self.sentence_posts[sent] if 0 <= sent < len(self.sentence_posts) else None
        return SaidOn(post_date, "day") if post_date else None

    def _next_sentence_frame(self, sent: int) -> Frame | None:
        """A sentence with no reporting clause followed by one that opens with a named speaker ("مقتل 9
        ... . وقالت مصادر في الشرطة إن ...") is told on that speaker's word."""
        key = self.norm.key
        nxt = self.by_sentence.get(sent + 1, [])
        if not nxt or nxt[0].speaker is None or nxt[0].cue is None:
            return None
        s_start, _ = self.bounds[sent + 1]
        if _words_between(key, s_start, nxt[0].key_start) > 1:
            return None
        return nxt[0]

    # ---- answering -------------------------------------------------------------------------------
    def attribute(self, pos: int, end: int | None = None) -> Attribution:
        """The attribution of the figure or statement at key ``pos``."""
        sent = self.sentence_index(pos)
        same = self.by_sentence.get(sent, []) if sent >= 0 else []
        before = [f for f in same if f.key_start <= pos]
        # a denial after a figure does not state it ("قتيل وأربعة جرحى بقصف ... والجماعة تنفي")
        after = [f for f in same if f.key_start > pos and f.stance != "denied"]
        frame = before[-1] if before else (after[0] if after else None)
        if frame is None and sent >= 0:
            frame = self._next_sentence_frame(sent)
        stance = frame.stance if frame else "asserted"
        if sent >= 0 and self._modified:
            stance = self._modified.get(sent) or self._modified.get(sent + 1) or stance
        if frame is None:
            return Attribution(ARTICLE_ID, (), stance, None, ())
        # an allegation marker anywhere before the figure in the sentence ("ما قالت إنه") colours it
        if stance == "asserted" and any(f.stance == "alleged" for f in before):
            stance = "alleged"
        evidence = tuple(s for s in (frame.cue, frame.speaker) if s is not None)
        return Attribution(frame.source, frame.via, stance, frame.said_on, evidence)
