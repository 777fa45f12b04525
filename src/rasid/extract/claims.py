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
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from rasid.extract.attribution import Attribution, Attributor
from rasid.extract.figures import FigureMention
from rasid.extract.mentions import ARTICLE_ID, ActorDirectory
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


def _sort_spans(spans: Sequence[Span]) -> tuple[Span, ...]:
    return tuple(sorted({(s.start, s.end): s for s in spans}.values(), key=lambda s: (s.start, s.end)))


def build_claims(
    norm: NormalizedText,
    figures: Sequence[FigureMention],
    attributor: Attributor,
    directory: ActorDirectory,
    statement_cues: Sequence[Any] = (),
) -> list[Claim]:
    """The article's claims in text order, ids c1, c2 ... (``event`` left None for the events layer)."""
    drafts: list[_Draft] = []
    for fm in figures:
        if fm.background:
            continue
        attr = attributor.attribute(fm.key_start, fm.key_end)
        of = directory.side(attr.source) if fm.own and attr.source != ARTICLE_ID else fm.of
        drafts.append(_Draft(fm, None, attr, fm.key_start, _sort_spans((fm.span, *attr.evidence)), of))
    drafts = _supersede(drafts)
    drafts = _merge(drafts)
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


def _same_figure(a: _Draft, b: _Draft) -> bool:
    fa, fb = a.fig, b.fig
    if fa is None or fb is None:
        return False
    if (fa.kind, fa.value, fa.qualifier) != (fb.kind, fb.value, fb.qualifier):
        return False
    if fa.value is None:  # vague figures ("العديد") repeat within one source's report
        return a.attr.source == b.attr.source and a.attr.source != ARTICLE_ID
    if a.of and b.of and a.of != b.of:
        return False
    return a.attr.source == b.attr.source or ARTICLE_ID in (a.attr.source, b.attr.source)


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    out: list[_Draft] = []
    for d in drafts:
        for i, kept in enumerate(out):
            if _same_figure(kept, d):
                attr = kept.attr if kept.attr.source != ARTICLE_ID else d.attr
                fig = kept.fig
                if fig is not None and fig.includes is None and d.fig is not None and d.fig.includes:
                    fig = replace(fig, includes=d.fig.includes)
                out[i] = replace(
                    kept,
                    fig=fig,
                    attr=attr,
                    of=kept.of or d.of,
                    evidence=_sort_spans((*kept.evidence, *d.evidence)),
                )
                break
        else:
            out.append(d)
    return out


def _statements(norm: NormalizedText, attributor: Attributor, cues: Sequence[Any]) -> list[_Draft]:
    key = norm.key
    out: list[_Draft] = []
    seen: set[tuple[int, str]] = set()
    for c in cues:
        kind = str(c.entry.attrs.get("kind", "other"))
        attr = attributor.attribute(c.key_start, c.key_end)
        sent = attributor.sentence_index(c.key_start)
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
