"""Publication-date inference for articles that come without one.

Evidence: explicit full dates in the text and embedded-post dates (the article cannot be older than the
latest of them), and relative expressions that name a weekday ("أمس السبت" means the article was
written on a Sunday; "اليوم الجمعة" on a Friday). Candidates are the days from the latest explicit date
up to a week later; the one consistent with the most evidence wins, the earliest on a tie.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rasid.text.dates import DateExpr, resolve
from rasid.text.normalize import NormalizedText
from rasid.text.posts import EmbeddedPost

_WINDOW_DAYS = 7
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def infer_published(
    text: str, norm: NormalizedText, posts: Sequence[EmbeddedPost], exprs: Sequence[DateExpr]
) -> tuple[dt.date | None, str]:
    """(date, reason in words); (None, reason) when the text gives no absolute date to start from."""
    del text, norm  # evidence arrives already found; kept for the interface
    explicit: list[tuple[dt.date, str]] = []
    for p in posts:
        if p.date:
            explicit.append((dt.date.fromisoformat(p.date), f"embedded post dated {p.date}"))
    for x in exprs:
        if x.kind in ("numeric", "absolute") and x.year is not None:
            r = resolve(x, None)
            if r is not None:
                explicit.append((r.start, f"date '{x.span.text}' in the text"))
    # A weekday with a relative word pins the weekday of publication: weekday - offset.
    pins: list[tuple[int, str]] = []
    for x in exprs:
        if x.kind == "weekday" and x.weekday is not None and x.offset is not None:
            pins.append(((x.weekday - x.offset) % 7, f"'{x.span.text}'"))
    if not explicit:
        return None, "no explicit date in the text or its embedded posts"
    latest, latest_why = max(explicit, key=lambda e: e[0])
    best: tuple[int, dt.date] | None = None
    for k in range(_WINDOW_DAYS):
        cand = latest + dt.timedelta(days=k)
        score = sum(2 for wd, _ in pins if cand.weekday() == wd) - k * 0  # ties: earliest wins
        if best is None or score > best[0]:
            best = (score, cand)
    assert best is not None
    score, date = best
    agreeing = [why for wd, why in pins if date.weekday() == wd]
    reason = f"the latest explicit date ({latest_why})"
    if agreeing:
        reason += f" and {', '.join(agreeing)} (published on a {_WEEKDAY_NAMES[date.weekday()]})"
    elif pins:
        reason += "; relative weekday expressions disagree with it"
    return date, reason
