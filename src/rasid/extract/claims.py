"""Claims: figure mentions and statements, attributed, merged and numbered.

Decisions (documented here because the events layer and users rely on them):

- background figures (cumulative or historical tolls) and breakdowns never become claims;
- an updated toll ("ارتفعت حصيلة القتلى إلى 19") supersedes the same source's earlier, lower figures of
  the same kind: the superseded figure is dropped and its evidence kept on the update;
- the same figure stated twice (headline and body, or repeated in the body) is one claim with every
  evidence span; when one statement is the article's own voice and the other is attributed, the
  attributed source wins;
- ``of`` "من عناصرها" (the speaker's own side) is the source's organisation: a person's org, a media
  outlet's owner, else the source itself;
- statements: a statement cue (lexicon ``statement_cues``) in an attributed sentence gives one claim per
  (sentence, kind), text = the English template plus the Arabic clause.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from rasid.extract.attribution import Attribution, Attributor
from rasid.extract.figures import FigureMention
from rasid.extract.mentions import ARTICLE_ID, ActorDirectory, Mention, article_countries
from rasid.model import Claim, Figure, Span, Statement
from rasid.text.normalize import NormalizedText

_CLAUSE_END = re.compile(r"[.;!?\n]|،|,")
_STATEMENT_WORDS = 12


@dataclass(frozen=True, slots=True)
class _Draft:
    fig: FigureMention | None
    statement: Statement | None
    attr: Attribution
    key_start: int
    evidence: tuple[Span, ...]
    of: str | None
    headline: bool = False
    after: Span | None = None  # a conjunct ("... وإصابة العشرات"): the figure it is joined to


def _sort_spans(spans: Sequence[Span]) -> tuple[Span, ...]:
    return tuple(sorted({(s.start, s.end): s for s in spans}.values(), key=lambda s: (s.start, s.end)))


def build_claims(
    norm: NormalizedText,
    figures: Sequence[FigureMention],
    attributor: Attributor,
    directory: ActorDirectory,
    statement_cues: Sequence[Any] = (),
    mentions: Sequence[Mention] = (),
    published: str | None = None,
) -> list[Claim]:
    """The article's claims in text order, ids c1, c2 ... (``event`` left None for the events layer)."""
    drafts: list[_Draft] = []
    sides = Sides(directory, mentions, published)
    headline = headline_sentence(norm, attributor)
    for fm in figures:
        if fm.background:
            continue
        attr = attributor.attribute(fm.key_start, fm.key_end)
        of = fm.of
        if fm.own and attr.source != ARTICLE_ID:
            side = directory.side(attr.source)
            # "عناصرها" (its members) in the words of a party with members; a monitor, a medic or an
            # unnamed source has none, so the pronoun points at a group named before it
            of = side if directory.kind(side) in _MEMBERSHIP else fm.of
        if of is None and fm.side == "state":
            of = sides.state_of(attr.source)
        elif of is None and fm.side in ("enemy", "insult"):
            of = sides.enemy_of(attr.source)
        same_sentence = bool(drafts) and attributor.sentence_index(
            drafts[-1].key_start
        ) == attributor.sentence_index(fm.key_start)
        if of is None and fm.others and same_sentence:
            of = drafts[-1].of  # "مقتل جنديين وإصابة 3 آخرين": the others are of the same side
        in_headline = headline >= 0 and attributor.sentence_index(fm.key_start) == headline
        evidence = _sort_spans((fm.span, *attr.evidence))
        conjunct = same_sentence and fm.span.text.startswith("و") and drafts[-1].fig is not None
        after = drafts[-1].fig.span if conjunct and drafts[-1].fig is not None else None
        drafts.append(_Draft(fm, None, attr, fm.key_start, evidence, of, in_headline, after))
    drafts = _supersede(drafts)
    drafts = _conjuncts(_merge(drafts))
    drafts.extend(_statements(norm, attributor, statement_cues))
    drafts.sort(key=lambda d: d.key_start)
    out: list[Claim] = []
    for i, d in enumerate(drafts, 1):
        figure = None
        if d.fig is not None:
            f = d.fig
            figure = Figure(f.kind, f.value, f.qualifier, f.low, f.high, d.of, f.includes)
        out.append(
            Claim(
                id=f"c{i}",
                source=d.attr.source,
                stance=d.attr.stance,
                evidence=d.evidence,
                via=d.attr.via,
                said_on=d.attr.said_on,
                figure=figure,
                statement=d.statement,
            )
        )
    return out


_NON_STATE = frozenset({"rebel_group", "political_militia", "identity_militia"})
_FIGHTERS = _NON_STATE | {"state_forces", "external_force"}
_MEMBERSHIP = _FIGHTERS | {"authority"}  # kinds of organisation whose own people a possessive can name


class Sides:
    """Whose people a figure counts when the text says only "soldiers" or "terrorists".

    Soldiers are of the speaker's own state forces when the speaker is (part of) a state force, else of the
    state forces of the country the article is about (the country its named actors belong to). "Terrorists"
    and "gunmen" in a statement by a state body are of the armed group the article names most."""

    def __init__(self, directory: ActorDirectory, mentions: Sequence[Mention], published: str | None) -> None:
        self.directory = directory
        self.published = published
        self._ids = [m.actor_id for m in mentions if m.actor_id]

    # Read only for figures of "soldiers" or "terrorists" with no side named: computed when first asked.
    @cached_property
    def counts(self) -> Counter[str]:
        return Counter(self._ids)

    @cached_property
    def first(self) -> dict[str, int]:
        return {a: i for i, a in reversed(list(enumerate(self._ids)))}

    @cached_property
    def countries(self) -> Counter[str]:
        return article_countries(self._ids, self.directory)

    def _kind(self, actor_id: str) -> str | None:
        return self.directory.kind(actor_id)

    def _state_in_chain(self, actor_id: str) -> str | None:
        chain = self.directory.chain(actor_id)
        states = [a for a in chain if self._kind(a) == "state_forces"]
        return states[-1] if states else None

    def _is_state_body(self, actor_id: str) -> bool:
        return any(self._kind(a) in ("state_forces", "authority") for a in self.directory.chain(actor_id))

    def state_of(self, source: str) -> str | None:
        own = self._state_in_chain(source) if source != ARTICLE_ID else None
        if own is not None:
            return own
        info = self.directory.info(source)
        countries: list[str] = []
        if info is not None and info.kind == "authority" and len(info.countries) == 1:
            countries.append(info.countries[0])  # a ministry speaks of its own country's soldiers
        countries.extend(c for c, _ in self.countries.most_common(1))
        for country in countries:
            found = self.directory.state_forces(country, self.published)
            if found is not None:
                return found
        return None

    def enemy_of(self, source: str) -> str | None:
        """The side a party fights: for a state body, the armed group the article names most; for an
        armed group (or its outlet or spokesman), the fighting force the article names most outside its
        own chain and its allies ("المرتدين" in al-Shabaab's words are the army's soldiers)."""
        if source == ARTICLE_ID:
            return None
        mine = set(self.directory.chain(source))
        if self._is_state_body(source):
            ranked = self._ranked(_NON_STATE, mine)
            if not ranked:
                return None
            return ranked[0]
        if not any(self._kind(a) in _NON_STATE for a in mine):
            return None  # a monitor, a medic or a journalist has no enemy
        ranked = self._ranked(_FIGHTERS, mine | self._allies(mine))
        if ranked:
            return ranked[0]
        for actor in mine:  # no opponent named: an insurgency fights the state forces of its country
            info = self.directory.info(actor)
            if info is not None and info.kind in _NON_STATE and len(info.countries) == 1:
                return self.directory.state_forces(info.countries[0], self.published)
        return None

    def _ranked(self, kinds: frozenset[str], exclude: set[str]) -> list[str]:
        return sorted(
            (a for a in self.counts if self._kind(a) in kinds and a not in exclude),
            key=lambda a: (-self.counts[a], self.first[a]),
        )

    def _allies(self, mine: set[str]) -> set[str]:
        """Actors whose chain meets the speaker's (an outlet of the same group, a sister unit)."""
        return {a for a in self.counts if mine & set(self.directory.chain(a))}


def _supersede(drafts: list[_Draft]) -> list[_Draft]:
    updates = [d for d in drafts if d.fig is not None and d.fig.update]
    if not updates:
        return drafts
    out: list[_Draft] = []
    for d in drafts:
        f = d.fig
        newer = None
        if f is not None and not f.update and f.value is not None:
            for u in updates:
                uf = u.fig
                assert uf is not None
                same = uf.kind == f.kind and u.attr.source == d.attr.source and uf.value is not None
                if (
                    same
                    and uf.value is not None
                    and uf.value > f.value
                    and (f.initial or d.key_start < u.key_start)
                ):
                    newer = u
                    break
        if newer is None:
            out.append(d)
    return out


def headline_sentence(norm: NormalizedText, attributor: Attributor) -> int:
    """Index of the title line (a first line without final punctuation, followed by a body), else -1."""
    if len(attributor.bounds) < 2:
        return -1
    start, end = attributor.bounds[0]
    if end <= start or end > len(norm.key):
        return -1
    o_start, o_end = norm.to_original(start, end)
    line = norm.original[o_start:o_end]
    if "\n" not in norm.original[o_start : o_end + 2]:
        return -1
    return -1 if line.strip().endswith((".", "!", "?", ":")) else 0


def _same_figure(a: _Draft, b: _Draft) -> bool:
    fa, fb = a.fig, b.fig
    if fa is None or fb is None:
        return False
    if (fa.kind, fa.value, fa.qualifier) != (fb.kind, fb.value, fb.qualifier):
        return False
    if a.headline != b.headline and fa.value is not None:
        return True  # a title restates a body figure: one claim, told on the body's word
    if fa.value is None:  # vague figures ("العديد") repeat within one source's report
        return a.attr.source == b.attr.source and a.attr.source != ARTICLE_ID
    if a.of and b.of and a.of != b.of:
        return False
    return a.attr.source == b.attr.source or ARTICLE_ID in (a.attr.source, b.attr.source)


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    out: list[_Draft] = []
    by_figure: dict[tuple[str, int | None, str], list[int]] = {}  # (kind, value, qualifier) -> indices
    for d in drafts:
        fkey = (d.fig.kind, d.fig.value, d.fig.qualifier) if d.fig is not None else ("", None, "")
        for i in by_figure.get(fkey, ()):
            kept = out[i]
            if _same_figure(kept, d):
                attr = kept.attr if kept.attr.source != ARTICLE_ID else d.attr
                if kept.headline and not d.headline and d.attr.source != ARTICLE_ID:
                    attr = d.attr  # the body says who gives the figure; a title compresses it
                fig = kept.fig
                if fig is not None and fig.includes is None and d.fig is not None and d.fig.includes:
                    fig = replace(fig, includes=d.fig.includes)
                out[i] = replace(
                    kept,
                    fig=fig,
                    attr=attr,
                    of=kept.of or d.of,
                    evidence=_sort_spans((*kept.evidence, *d.evidence)),
                    headline=kept.headline and d.headline,
                )
                break
        else:
            by_figure.setdefault(fkey, []).append(len(out))
            out.append(d)
    return out


def _conjuncts(drafts: list[_Draft]) -> list[_Draft]:
    """A figure joined by "و" to the figure before it in the sentence, with no side of its own, counts
    the same side ("مقتل 18 من عناصر الجماعة وإصابة العشرات", "قتلوا 17 جندياً واستولوا على 4 عربات");
    read after merging, so the figure before has its side from every statement of it."""
    out = list(drafts)
    for i, d in enumerate(out):
        if d.of is not None or d.after is None:
            continue
        for prev in out:
            if prev is not d and d.after in prev.evidence and prev.of is not None:
                out[i] = replace(d, of=prev.of)
                break
    return out


_SUBJECT_KINDS = frozenset({"responsibility", "denial"})  # speech-act verbs: their subject is the source


def _subject(c: Any, attributor: Attributor) -> Any:
    """The actor a statement verb names as its subject: right after it ("تبنى تنظيم القاعدة الهجوم"), or
    right before it when its sentence has no reporting clause (a headline: "القاعدة تتبنى هجوماً")."""
    key = attributor.norm.key
    sent = attributor.sentence_index(c.key_start)
    for m in attributor.mentions:
        if m.key_start >= c.key_end and m.actor_id:
            gap = key[c.key_end : m.key_start]
            if len(gap.split()) <= 1 and not _CLAUSE_END.search(gap):
                return m
            break
    if attributor.by_sentence.get(sent):
        return None
    before = [m for m in attributor.mentions if m.key_end <= c.key_start and m.actor_id]
    if before:
        m = before[-1]
        gap = key[m.key_end : c.key_start]
        if not gap.strip() and attributor.sentence_index(m.key_start) == sent:
            return m
    return None


def _statements(norm: NormalizedText, attributor: Attributor, cues: Sequence[Any]) -> list[_Draft]:
    key = norm.key
    out: list[_Draft] = []
    seen: set[tuple[int, str]] = set()
    for c in cues:
        kind = str(c.entry.attrs.get("kind", "other"))
        attr = attributor.attribute(c.key_start, c.key_end)
        sent = attributor.sentence_index(c.key_start)
        finite = c.entry.attrs.get("subject") != "speaker"  # a participle's subject is the speaker
        subject = _subject(c, attributor) if kind in _SUBJECT_KINDS and finite else None
        if subject is not None and subject.actor_id != attr.source:
            said_on = attributor.report_day
            attr = Attribution(subject.actor_id, (), "asserted", said_on, (subject.span,))
        if attr.source == ARTICLE_ID or (sent, kind) in seen:
            continue
        seen.add((sent, kind))
        stop = _CLAUSE_END.search(key, c.key_end)
        end = stop.start() if stop else len(key)
        words = key[c.key_start : end].split()
        end = min(end, c.key_start + len(" ".join(words[:_STATEMENT_WORDS])))
        clause = norm.span(c.key_start, end)
        template = str(c.entry.attrs.get("template", kind))
        stance = "denied" if kind == "denial" else attr.stance
        out.append(
            _Draft(
                None,
                Statement(kind, f"{template}: {clause.text}"),
                replace(attr, stance=stance),
                c.key_start,
                _sort_spans((clause, *attr.evidence)),
                None,
            )
        )
    return out
