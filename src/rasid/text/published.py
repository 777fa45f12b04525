"""Publication-date inference for articles that come without one.

Evidence: explicit full dates in the text and embedded-post dates (the article cannot be older than the
latest of them), and relative expressions that name a weekday ("أمس السبت" means the article was
written on a Sunday; "اليوم الجمعة" on a Friday). Candidates are the days from the latest explicit date
up to a week later; the one consistent with the most evidence wins, the earliest on a tie.

A day and month with a weekday but no year ("أمس الأحد 25 شباط/فبراير") counts as an explicit date: the
weekday fixes the year up to a 28-year cycle, and the latest such year not after today's date is taken.
The clock is used only as that upper bound (an article is not from the future); the reason says so and a
warning is logged, because an old article read years later resolves to the wrong cycle. With a relative
word in front ("أمس" = the day before), the expression also pins the publication day itself.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from rasid.text.dates import DateExpr, resolve
from rasid.text.normalize import NormalizedText
from rasid.text.posts import EmbeddedPost

logger = logging.getLogger(__name__)

_WINDOW_DAYS = 7
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_PIN = 2  # score of a candidate on the weekday a relative weekday expression implies
_DAY_PIN = 3  # score of the very day a relative word before a full date implies ("أمس الأحد 25 شباط")


def infer_published(
    text: str,
    norm: NormalizedText,
    posts: Sequence[EmbeddedPost],
    exprs: Sequence[DateExpr],
    *,
    today: dt.date | None = None,
) -> tuple[dt.date | None, str]:
    """(date, reason in words); (None, reason) when the text gives no absolute date to start from.

    ``today`` (default: the clock) bounds the year inferred from a weekday; see the module docstring."""
    del text, norm  # evidence arrives already found; kept for the interface
    explicit: list[tuple[dt.date, str]] = []
    day_pins: list[tuple[dt.date, str]] = []
    clock_used = False
    for p in posts:
        if p.date:
            explicit.append((dt.date.fromisoformat(p.date), f"embedded post dated {p.date}"))
    for x in exprs:
        if x.kind not in ("numeric", "absolute"):
            continue
        if x.year is not None:  # Gregorian or Hijri
            r = resolve(x, None)
            why = f"date '{x.span.text}' in the text"
        elif x.weekday is not None and x.calendar == "gregorian":
            r = resolve(x, None, today=today)
            why = (
                f"'{x.span.text}' (year from its weekday: the latest year not after today's date in "
                "which that day fell on that weekday)"
            )
        else:
            continue
        if r is None or r.weekday_conflict:
            continue
        clock_used = clock_used or r.rule == "weekday_year"
        explicit.append((r.start, why))
        if x.offset is not None:
            day_pins.append((r.start - dt.timedelta(days=x.offset), f"'{x.span.text}'"))
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
        score = sum(_WEEKDAY_PIN for wd, _ in pins if cand.weekday() == wd)
        score += sum(_DAY_PIN for d, _ in day_pins if d == cand)
        if best is None or score > best[0]:  # ties: the earliest wins
            best = (score, cand)
    assert best is not None
    _, date = best
    agreeing = [why for wd, why in pins if date.weekday() == wd] + [why for d, why in day_pins if d == date]
    reason = f"the latest explicit date ({latest_why})"
    if agreeing:
        reason += f" and {', '.join(agreeing)} (published on a {_WEEKDAY_NAMES[date.weekday()]})"
    elif pins or day_pins:
        reason += "; relative weekday expressions disagree with it"
    if clock_used:
        logger.warning(
            "publication date %s rests on a year inferred from a weekday, bounded by the clock", date
        )
    return date, reason
