"""Pipeline stages of the claims layer: ``actors`` and ``claims`` (see rasid.extract.claims)."""

from __future__ import annotations

import datetime as dt
import sys
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rasid.extract.attribution import Attributor, bare_month
from rasid.extract.claims import build_claims
from rasid.extract.figures import FigureMention, find_figures
from rasid.extract.mentions import (
    ActorDirectory,
    Mention,
    find_mentions,
    lexicon_set,
    record_actors,
)
from rasid.model import Claim, SaidOn
from rasid.pipeline import Context, Doc, register_stage
from rasid.text.normalize import NormalizedText, fold

_TODAY = fold("اليوم")


def _directory(doc: Doc, ctx: Context) -> ActorDirectory:
    res = ctx.resources
    return ActorDirectory(res.actors, res.lexicons.get("unnamed_sources"), doc.article.outlet)


def sentence_bounds(doc: Doc, norm: NormalizedText) -> list[tuple[int, int]]:
    """Key offsets of the sentences (layer "sentences"); lines when the layer is absent."""
    sentences = doc.layers.get("sentences")
    if sentences:
        return [(norm.to_key(s.start), norm.to_key(s.end)) for s in sentences]
    bounds: list[tuple[int, int]] = []
    start = 0
    for line in norm.key.split("\n"):
        bounds.append((start, start + len(line) + 1))
        start += len(line) + 1
    return bounds


def _sentence_posts(doc: Doc) -> list[str | None]:
    sentences = doc.layers.get("sentences") or []
    posts = doc.layers.get("posts") or []
    out: list[str | None] = []
    for s in sentences:
        post = posts[s.post] if s.post is not None and s.post < len(posts) else None
        out.append(post.date if post is not None else None)
    return out


def report_day(doc: Doc, norm: NormalizedText) -> SaidOn | None:
    """The day the article reports on as "today": a resolved "اليوم ..." date, else the publication date.

    A statement with no date of its own was made on that day (wire copy printed a day later says "اليوم
    الجمعة" in a Saturday paper: the weekday in the text wins, as for events)."""
    for d in doc.layers.get("dates") or ():
        if d.precision == "day" and d.start == d.end and _TODAY in fold(d.span.text):
            return SaidOn(d.start.isoformat(), "day")
    published = doc.published or doc.article.published
    return SaidOn(str(published)[:10], "day") if published else None


_END = sys.maxsize
_PAST_DAYS = 14  # a date that ended this many days before the report day is history, not today's event


def _sentence(pos: int, bounds: Sequence[tuple[int, int]]) -> int:
    i = bisect_right(bounds, (pos, _END)) - 1  # bounds are sorted and do not overlap
    if i >= 0 and bounds[i][0] <= pos < bounds[i][1]:
        return i
    return -1


def past_sentences(
    dates: Sequence[Any],
    norm: NormalizedText,
    bounds: Sequence[tuple[int, int]],
    today: SaidOn | None,
    quantities: Sequence[Any] = (),
) -> set[int]:
    """Sentences dated only in the past ("في يناير الماضي", "تشرين 2019", "منذ السابع من أكتوبر"): their
    figures are background (earlier incidents or cumulative tolls), DESIGN.md "cumulative and background"."""
    if today is None or not today.date:
        return set()
    day = dt.date.fromisoformat(today.date)
    old: set[int] = set()
    recent: set[int] = set()
    for d in dates:
        sent = _sentence(norm.to_key(d.span.start), bounds)
        if sent < 0 or bare_month(d):
            continue
        if (day - d.end).days > _PAST_DAYS:
            old.add(sent)
        else:
            recent.add(sent)
    for q in quantities:  # a bare earlier year ("احتجاجات تشرين 2019، التي قتل فيها ...")
        if getattr(q, "role", None) == "year" and q.value is not None and q.value < day.year:
            sent = _sentence(norm.to_key(q.number.start), bounds)
            if sent >= 0:
                old.add(sent)
    return old - recent


@register_stage("actors", requires=("norm",), provides=("actor_mentions", "claim_cues"))
def actors_stage(doc: Doc, ctx: Context) -> None:
    norm = doc.get("norm", NormalizedText)
    directory = _directory(doc, ctx)
    # one pass of all claims-layer lexicons; the claims stage reads its share from layer "claim_cues"
    lexset = lexicon_set(ctx.resources.lexicons)
    share_scan = getattr(ctx.resources, "share_scan", None)
    if share_scan is not None:  # one automaton pass per document for every dictionary but the gazetteer
        share_scan(lexset.matcher)
    cues = lexset.match(norm)
    doc.layers["claim_cues"] = cues
    mentions = find_mentions(norm, ctx.resources.actors, ctx.resources.lexicons, directory, cues)
    doc.layers["actor_mentions"] = mentions
    doc.actors = record_actors(mentions, directory)


def extract_claims(
    doc: Doc, norm: NormalizedText, mentions: Sequence[Mention], lexicons: Any, directory: ActorDirectory
) -> tuple[list[FigureMention], list[Claim]]:
    """Figure mentions and claims of one document (the layers it reads may be partly absent)."""
    bounds = sentence_bounds(doc, norm)
    cues = doc.layers.get("claim_cues") or lexicon_set(lexicons).match(norm)
    fig_words = cues["figure_nouns"]
    titles = cues["titles_roles"]
    # neither unnamed sources nor the generic "civilians" actor ("موظفين مدنيين": an adjective) name a side
    # after a figure; civilian counted nouns ("6 مدنيين") are read from the figure lexicon instead
    unnamed = frozenset(lexicons.get("unnamed_sources").entries) | {
        m.actor_id for m in mentions if m.actor_id and directory.kind(m.actor_id) == "civilians"
    }
    quantities = doc.layers.get("quantities") or []
    figures = find_figures(norm, quantities, fig_words, titles, mentions, bounds, unnamed)
    today = report_day(doc, norm)
    old = past_sentences(doc.layers.get("dates") or (), norm, bounds, today, quantities)
    if old:
        figures = [
            replace(f, background=True) if _sentence(f.key_start, bounds) in old else f for f in figures
        ]
    stops = [(f.key_start, f.key_end) for f in figures]
    attributor = Attributor(
        norm,
        bounds,
        cues["reporting_verbs"],
        mentions,
        titles,
        directory,
        dates=doc.layers.get("dates") or (),
        stops=stops,
        sentence_posts=_sentence_posts(doc),
        report_day=today,
    )
    claims = build_claims(
        norm,
        figures,
        attributor,
        directory,
        cues["statement_cues"],
        mentions=mentions,
        published=doc.published or doc.article.published,
    )
    return figures, claims


@register_stage(
    "claims",
    requires=("norm", "quantities", "actor_mentions"),
    provides=("figure_mentions", "insult_sided_claims"),
)
def claims_stage(doc: Doc, ctx: Context) -> None:
    norm = doc.get("norm", NormalizedText)
    mentions: list[Mention] = doc.layers["actor_mentions"]
    directory = _directory(doc, ctx)
    figures, claims = extract_claims(doc, norm, mentions, ctx.resources.lexicons, directory)
    doc.layers["figure_mentions"] = figures
    doc.claims = claims
    # Claims whose side comes only from what the speaker calls the dead ("المرتزقة"): the events layer
    # does not take such a side as the event's target.
    insults = [fm.span for fm in figures if fm.side == "insult" and fm.of is None and not fm.own]
    doc.layers["insult_sided_claims"] = {
        c.id for c in claims if c.figure is not None and any(s in c.evidence for s in insults)
    }
    ids: list[str] = []
    for c in claims:
        ids.append(c.source)
        ids.extend(c.via)
        if c.figure is not None and c.figure.of:
            ids.append(c.figure.of)
    doc.actors = record_actors(mentions, directory, ids)
