"""Present an ``EvalResult``: a rich table of scores, per-article details, and a JSON form."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from rasid.eval.score import SCORE_NAMES, ArticleResult, EvalResult, Score


def _value(score: Score) -> str:
    if score.lower_is_better:
        return str(score.hits)
    return "n/a" if score.value is None else f"{score.value:.3f}"


def scores_table(result: EvalResult, title: str = "rasid eval") -> Table:
    scores = result.scores()
    table = Table(title=f"{title}: {len(result.articles)} gold articles")
    table.add_column("score")
    table.add_column("value", justify="right")
    table.add_column("hits/total")
    for name in SCORE_NAMES:
        s = scores[name]
        style = "red" if s.lower_is_better and s.hits else None
        table.add_row(name, Text(_value(s), style=style or ""), s.detail)
    return table


def article_details(article: ArticleResult) -> list[str]:
    """Plain lines saying what matched, what was missed and why, and what was not asked for."""
    lines = [f"== {article.id} (status {article.status})"]
    if article.pipeline_error:
        lines.append(f"  pipeline error: {article.pipeline_error}")
    lines.extend(f"  ERROR {e}" for e in article.errors)
    for m in article.event_matches:
        failed = ", ".join(m.failed()) or "all right"
        if not m.place and m.distance_km is not None:
            failed += f" (place {m.distance_km:.1f} km from the gold point)"
        kind = "event" if m.required else "optional event (not scored)"
        lines.append(
            f"  {kind} {m.gold} <- {m.pred}: wrong {failed}"
            if m.failed()
            else f"  {kind} {m.gold} <- {m.pred}: {failed}"
        )
    for miss in article.event_misses:
        lines.append(f"  MISSED event {miss.gold}: {miss.summary}")
        lines.extend(f"      {r}" for r in miss.reasons)
    lines.extend(f"  FALSE event {fp.pred}: {fp.summary}" for fp in article.event_fps)
    for c in article.claim_matches:
        kind = "claim" if c.required else "optional claim (not scored)"
        lines.append(
            f"  {kind} {c.gold} <- {c.pred}: "
            + (f"wrong {', '.join(c.failed())}" if c.failed() else "fully correct")
        )
    for miss in article.claim_misses:
        lines.append(f"  MISSED claim {miss.gold}: {miss.summary}")
        lines.extend(f"      {r}" for r in miss.reasons)
    lines.extend(f"  FALSE claim {fp.pred}: {fp.summary}" for fp in article.claim_fps)
    lines.extend(f"  excused casualties claim {c}" for c in article.claims_excused)
    lines.extend(f"  statement {g} <- {p}" for g, p in article.statement_hits)
    lines.extend(f"  MISSED statement {m.gold}: {m.summary}" for m in article.statement_misses)
    for f in article.figures:
        lines.append(f"  figure {f.event}.{f.kind}: {'ok' if f.ok else 'WRONG ' + f.reason}")
    if article.published is not None:
        p = article.published
        lines.append(f"  published: {'ok' if p.ok else 'WRONG'} (expected {p.expected}, got {p.got})")
    lines.extend(f"  VIOLATION {v}" for v in article.violations)
    return lines


def result_json(result: EvalResult) -> dict[str, Any]:
    """Scores and per-article details as plain JSON."""

    def score_dict(s: Score) -> dict[str, Any]:
        return {"value": s.hits if s.lower_is_better else s.value, "hits": s.hits, "total": s.total}

    scores = result.scores()
    return {
        "articles": len(result.articles),
        "ok": result.ok,
        "errors": [{"article": a, "error": e} for a, e in result.errors],
        "scores": {name: score_dict(scores[name]) for name in SCORE_NAMES},
        "details": [
            {
                "id": a.id,
                "status": a.status,
                "pipeline_error": a.pipeline_error,
                "scores": {k: score_dict(v) for k, v in a.scores().items()},
                "events": {
                    "matched": [
                        {"gold": m.gold, "pred": m.pred, "required": m.required, "wrong": m.failed()}
                        for m in a.event_matches
                    ],
                    "missed": [{"gold": m.gold, "why": list(m.reasons)} for m in a.event_misses],
                    "false_positives": [fp.pred for fp in a.event_fps],
                },
                "claims": {
                    "matched": [
                        {"gold": m.gold, "pred": m.pred, "required": m.required, "wrong": m.failed()}
                        for m in a.claim_matches
                    ],
                    "missed": [{"gold": m.gold, "why": list(m.reasons)} for m in a.claim_misses],
                    "false_positives": [fp.pred for fp in a.claim_fps],
                    "excused": list(a.claims_excused),
                },
                "statements": {
                    "matched": [{"gold": g, "pred": p} for g, p in a.statement_hits],
                    "missed": [m.gold for m in a.statement_misses],
                },
                "figures": [
                    {"event": f.event, "kind": f.kind, "pred": f.pred_event, "ok": f.ok, "why": f.reason}
                    for f in a.figures
                ],
                "published": None
                if a.published is None
                else {"expected": a.published.expected, "got": a.published.got, "ok": a.published.ok},
                "violations": list(a.violations),
                "errors": list(a.errors),
            }
            for a in result.articles
        ],
    }
