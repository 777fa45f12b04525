"""Date expressions: found on the match key, then resolved against an anchor (the publication date).

Own rules come first because a general parser misses the forms Arabic news uses most: "الخميس الماضي",
"أمس السبت", Levantine and Maghreb month names and pairs ("شباط/فبراير", "فاتح ماي"), Hijri dates ("1445هـ",
"1445/11/6 هـ"), ordinal days ("السابع من أكتوبر"), "منذ 3 أيام", day ranges ("بين 3 و5 آذار"), nights
across two days ("ليل الثلاثاء الأربعاء"), parts of weeks and months ("مطلع الأسبوع", "نهاية الشهر الماضي")
and past hours or periods ("خلال الساعات الماضية", "خلال الأسبوعين الماضيين"). ``find_date_expressions``
returns unresolved expressions; ``resolve(expr, anchor)`` turns one into a date range with a precision,
the rule used and a weekday-conflict flag. Without an anchor, a weekday next to a day and month fixes the
year (``weekday_year``; the clock only bounds it). Names come from src/rasid/data/text/calendar.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasid.model import Span
from rasid.text.hijri import gregorian_to_hijri, hijri_to_gregorian, month_length
from rasid.text.lexdata import load
from rasid.text.normalize import NormalizedText, fold
from rasid.text.numbers import words_value
from rasid.text.records import builder
from rasid.text.scan import DigitRuns, WordStarts, digit_runs, finditer_at, first_word
from rasid.text.tokens import at_boundary

PRECISIONS = ("day", "week", "month", "year")
_WS_RUN = re.compile(r"\s+")
# A space then a year of 19xx/20xx, written to start with the digits (fast to scan for).
_YEAR_AFTER_SPACE = re.compile(r"(?:19|20)\d\d(?<=\s\d\d\d\d)")
# Every "hijri_year" match holds a year 13xx/14xx then a Hijri marker (folded: "ه...", "للهجره").
_HIJRI_YEAR_DIGITS = re.compile(r"1[34]\d\d\s*(?:ه|لل)")
_UNIT_PRECISION = {1: "day", 7: "week", 30: "month", 365: "year"}
_YEAR_STEP = {"last": -1, "before_last": -2, "this": 0, "next": 1}


@dataclass(frozen=True, slots=True)
class DateExpr:
    span: Span
    key_start: int
    key_end: int
    kind: str  # numeric | absolute | month | year | weekday | relative_day | ago | period
    day: int | None = None
    month: int | None = None
    year: int | None = None
    calendar: str = "gregorian"  # or "hijri"
    weekday: int | None = None  # Monday = 0
    offset: int | None = None  # days from the anchor (relative words)
    direction: str | None = None  # last | next | this
    count: int | None = None  # "منذ 3 أيام": 3
    unit_days: int | None = None  # 1, 7, 30, 365
    mode: str | None = None  # since | before (for "ago")
    part: str | None = None  # start | middle | end ("مطلع", "منتصف", "نهاية" a week or a month)
    end_day: int | None = None  # ranges: "بين 3 و5 آذار" (day, month = the first day)
    end_month: int | None = None
    end_weekday: int | None = None  # "ليل الثلاثاء الأربعاء": Tuesday (weekday) to Wednesday
    year_offset: int | None = None  # "من العام الماضي" after a day and month: -1 from the anchor's year


_new_date_expr = builder(DateExpr)  # ``DateExpr(...)``, faster (rasid.text.records)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    span: Span
    start: dt.date
    end: dt.date
    precision: str  # day | week | month | year
    rule: str
    weekday_conflict: bool = False


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]
    months: dict[str, int]
    hijri: dict[str, int]
    ambiguous: frozenset[str]
    weekdays: dict[str, int]
    rel: dict[str, int]
    directions: dict[str, str]
    periods: dict[str, str]
    units: dict[str, tuple[int, int]]  # folded unit -> (days, count implied by a dual or 1)
    hijri_markers: frozenset[str]
    parts: dict[str, str]  # folded part word -> start | middle | end
    range_leads: tuple[str, ...]  # folded words that open a day range ("بين", "من")
    hours_starts: WordStarts  # where "خلال/في الساعات ..." can start; scanned only when "ساع" occurs
    ordinals: dict[str, int]  # folded ordinal day ("الثالث") -> day of the month
    not_after: frozenset[str]  # words after a relative day word that make it narrative ("اليوم التالي")
    starts: WordStarts  # kind -> where its leading word can begin (kinds that start with a word)


def _alt(words: Any) -> str:
    folded = sorted({fold(w) for w in words if fold(w)}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in folded)


def _firsts(*groups: Any) -> set[str]:
    """The first words of the alternatives ``_alt`` builds from ``groups``: a match starts with one."""
    return {first_word(fold(w)) for words in groups for w in words if fold(w)}


# Words that may stand before a weekday ("صباح الخميس") or a month name ("مطلع شباط"), on the key.
_DAY_PARTS = ("صباح", "مساء", "ليل", "ليله", "ظهر", "عصر", "فجر", "يوم")
_MONTH_LEADS = ("شهر", "في", "خلال", "منذ")  # a part word ("مطلع", "أواخر": calendar.yaml) may come first
# The look-back pattern of a kind (optional words before its anchor word) can only start where one of
# these labels' words starts (or, matching nothing, at the anchor itself, which changes nothing).
_DAY_LOOK_BACK = ("weekday", "relative_day")  # "أمس الأحد 25 شباط", "الأحد 25/2/2024"
_LOOK_BACK_STARTS = {
    "numeric": _DAY_LOOK_BACK,
    "iso": _DAY_LOOK_BACK,
    "day_month_numeric": _DAY_LOOK_BACK,
    "ordinal": _DAY_LOOK_BACK,
    "absolute": _DAY_LOOK_BACK,
    "weekday": ("relative_day", "day_part"),
    "month": ("month_lead", "part"),
}
_LOOK_BACK = 40  # characters

# Patterns whose every match starts with a digit not preceded by one; the others (but "year" and
# "hijri_year", cheap as they are) start with a word from their leading alternation.
_DIGIT_KINDS: dict[str, Callable[[DigitRuns], Sequence[int]]] = {
    "numeric": lambda runs: runs.before_separator,  # 22/01/2022
    "iso": lambda runs: runs.before_separator,  # 2022-01-22
    "day_month_numeric": lambda runs: runs.before_separator,  # الجمعة 10/5
    "absolute": lambda runs: runs.short,  # 22 يناير
}


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    cal = load("calendar")
    months = {fold(w): int(e["month"]) for e in cal["gregorian_months"] for w in e["ar"] + e.get("en", [])}
    hijri = {fold(w): int(e["month"]) for e in cal["hijri_months"] for w in e["ar"]}
    weekdays = {fold(w): int(e["weekday"]) for e in cal["weekdays"] for w in e["ar"] + e.get("en", [])}
    rel = {fold(w): int(e["offset"]) for e in cal["relative_days"] for w in e["ar"] + e.get("en", [])}
    directions = {fold(w): d for d, ws in cal["directions"].items() for w in ws}
    periods = {fold(w): p for p, ws in cal["periods"].items() for w in ws}
    units: dict[str, tuple[int, int]] = {}
    for e in cal["units"]:
        units.update({fold(w): (int(e["days"]), 1) for w in e["ar"]})
        units.update({fold(w): (int(e["days"]), 2) for w in e.get("dual", [])})
    hm = frozenset(fold(w) for w in cal.get("hijri_year_markers", []))
    parts = {fold(w): part for part, ws in cal["parts"].items() for w in ws}
    week_month = [w for p in ("week", "month") for w in cal["periods"][p]]
    rw, hw, pp = cal["range_words"], cal["hours"], cal["past_periods"]
    ordinals = {fold(w): int(e["day"]) for e in cal["ordinal_days"] for w in e["ar"]}
    for e in pp["units"]:
        units.update({fold(w): (int(e["days"]), 0) for w in e["ar"]})  # 0: a count must be given
        units.update({fold(w): (int(e["days"]), 2) for w in e.get("dual", [])})
    M, H, W = _alt(months), _alt(hijri), _alt(weekdays)
    R, D, P, U = _alt(rel), _alt(directions), _alt(periods), _alt(units)
    YM = _alt(list(cal.get("hijri_year_markers", [])) + list(cal.get("gregorian_year_markers", [])))
    HM = _alt(cal.get("hijri_year_markers", []))
    since = _alt(list(cal["ago_words"]["since"]) + list(cal["ago_words"]["before"]))
    PT, PWM, APX = _alt(parts), _alt(week_month), _alt(cal["approx_words"])
    RL, RJ, NW = _alt(rw["leads"]), _alt(rw["joins"]), _alt(cal["night_words"])
    HL, HN, HF, HE = _alt(hw["leads"]), _alt(hw["nouns"]), _alt(hw["fillers"]), _alt(hw["ends"])
    ORD = _alt(ordinals)
    PPL, PPE = _alt(pp["leads"]), _alt(pp["ends"])
    PPU = _alt([w for e in pp["units"] for w in e["ar"] + e.get("dual", [])])
    L = r"[^\W\d_]"
    year = rf"(?:\s*,?\s*(?:من\s+)?(?:عام|العام|سنه)?\s*(?P<y>\d{{4}})(?!\d)(?:\s*(?P<ym>{YM})(?!{L}))?)"
    alt_month = rf"(?:\s*[/(\-]\s*(?:{M})(?:\s*\))?)"
    month = rf"(?P<m>{M}|{H})(?!{L}){alt_month}?"
    # "من العام الماضي" after a day and month (or a month) gives the year relative to the anchor.
    year_dir = rf"\s+(?:من\s+)?(?:العام|السنه)\s+(?P<ydir>{D})(?!{L})"
    year_or_dir = rf"(?:{year_dir}|{year}|\s+(?P<dir>{D})(?!{L}))?"
    # Optional words before a day: a relative day word and a weekday ("أمس الأحد 25 شباط").
    day_back = re.compile(rf"(?:(?P<rel>{R})\s+)?(?P<wd>{W})\s*,?\s+(?:الموافق\s+)?$")
    patterns = (
        (
            "numeric",
            re.compile(
                rf"(?<!\d)(?P<d>\d{{1,2}})[/.\-](?P<m>\d{{1,2}})[/.\-](?P<y>\d{{4}})(?![\d/])"
                rf"(?:\s*(?P<ym>{HM})(?!{L}))?"
            ),
            day_back,
        ),
        (
            "iso",
            re.compile(
                rf"(?<!\d)(?P<y>\d{{4}})[/\-](?P<m>\d{{1,2}})[/\-](?P<d>\d{{1,2}})(?![\d/])"
                rf"(?:\s*(?P<ym>{HM})(?!{L}))?"
            ),
            day_back,
        ),
        # "الجمعة 10/5": a day and month without a year count only after a weekday.
        ("day_month_numeric", re.compile(r"(?<!\d)(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\d/.\-])"), day_back),
        (
            "day_of_month",
            re.compile(
                rf"(?:(?<!\d)(?P<d>\d{{1,2}})(?!\d)|(?P<ord>{ORD}))\s+من\s+"
                rf"(?:(?P<this>هذا)\s+الشهر|الشهر\s+(?P<dir>{D}))(?!{L})"
            ),
            None,
        ),
        (
            "range",
            re.compile(
                rf"(?P<lead>{RL})\s+(?P<d1>\d{{1,2}})(?!\d)(?:\s*(?P<m1>{M}|{H})(?!{L}){alt_month}?)?"
                rf"\s*(?:{RJ})\s*(?P<d>\d{{1,2}})(?!\d)\s*(?:من\s+)?(?:شهر\s+)?{month}{year_or_dir}"
            ),
            None,
        ),
        (
            "night",
            re.compile(rf"(?:{NW})\s+(?P<wd>{W})\s*(?:[-/–]|و|الي)?\s*(?P<wd2>{W})(?!{L})"),
            None,
        ),
        (
            "ordinal",
            re.compile(rf"(?P<ord>{ORD})\s+من\s+(?:شهر\s+)?{month}{year_or_dir}"),
            day_back,
        ),
        (
            "month_pair",
            re.compile(
                rf"(?:{_alt(cal['month_pair_words'])})\s+(?P<m1>{M}|{H})(?!{L})\s+و\s*{month}"
                rf"(?:\s+(?P<dir>{D})(?!{L}))?{year}?"
            ),
            None,
        ),
        (
            "weekday_pair",
            re.compile(
                rf"(?:{_alt(cal['weekday_pair_words'])})\s+(?P<wd>{W})\s+و\s*(?P<wd2>{W})(?!{L})"
                rf"(?:\s+(?P<dir>{D})(?!{L}))?"
            ),
            None,
        ),
        (
            "past_period",
            re.compile(rf"(?:(?:{PPL})\s+)?(?P<u>{PPU})\s+(?:(?P<n>\d+|{L}+)\s+)?(?P<pend>{PPE})(?!{L})"),
            None,
        ),
        (
            "first_of",
            re.compile(rf"(?:{_alt(cal['first_day_words'])})\s+(?:شهر\s+)?{month}{year_or_dir}"),
            None,
        ),
        (
            "absolute",
            re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?!\d)\s*(?:من\s+)?(?:شهر\s+)?{month}{year_or_dir}"),
            day_back,
        ),
        (
            "mdy",
            re.compile(rf"(?P<m>{M})\.?\s+(?P<d>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?"),
            None,
        ),
        (
            "part",
            re.compile(rf"(?P<part>{PT})\s+(?:(?:هذا|هذه)\s+)?(?P<p>{PWM})(?:\s+(?P<dir>{D}))?(?!{L})"),
            None,
        ),
        (
            "weekday",
            re.compile(rf"(?P<wd>{W})(?!{L})(?:\s+(?P<dir>{D})(?!{L}))?"),
            re.compile(rf"(?:(?P<rel>{R})\s+)?(?:(?:{'|'.join(_DAY_PARTS)})\s+)?$"),
        ),
        (
            "month",
            re.compile(rf"{month}(?:{year_dir}|\s+(?P<dir>{D})(?!{L}))?{year}?"),
            re.compile(rf"(?:(?P<part>{PT})\s+)?(?:(?P<pre>{'|'.join(_MONTH_LEADS)})\s+)?$"),
        ),
        (
            "hijri_year",
            re.compile(rf"(?:(?:عام|العام|سنه|لعام)\s+)?(?P<y>1[34]\d\d)\s*(?P<ym>{HM})(?!{L})"),
            None,
        ),
        (
            "hours",
            re.compile(
                rf"(?:{HL})\s+(?:ال)?(?:(?P<n>\d+)\s*)?(?:ال)?(?:{HN})\s+(?:(?:ال)?(?P<n2>\d+)\s+)?"
                rf"(?:(?:{HF})\s+)?(?:{HE})(?!{L})"
            ),
            None,
        ),
        (
            "ago",
            re.compile(rf"(?P<mode>{since})\s+(?:(?:{APX})\s+)?(?:(?P<n>\d+|{L}+)\s+)?(?P<u>{U})(?!{L})"),
            None,
        ),
        (
            "period",
            re.compile(rf"(?:(?P<this>هذا|هذه)\s+(?P<p2>{P})|(?P<p>{P})\s+(?P<dir>{D}))(?!{L})"),
            None,
        ),
        ("relative_day", re.compile(rf"(?P<rel>{R})(?!{L})"), None),
        ("year", re.compile(r"(?:عام|العام|سنه|لعام|منذ|في|خلال)\s+(?P<y>(?:19|20)\d{2})(?!\d)"), None),
    )
    return _Grammar(
        patterns,
        months,
        hijri,
        frozenset(fold(w) for w in cal.get("ambiguous_months", [])),
        weekdays,
        rel,
        directions,
        periods,
        units,
        hm,
        parts,
        tuple(sorted({fold(w) for w in rw["leads"]})),
        WordStarts({"hours": _firsts(hw["leads"])}, shared=False),  # its leads include "في"
        ordinals,
        frozenset(fold(w) for w in cal["not_relative_after"]),
        WordStarts(
            {
                "night": _firsts(cal["night_words"]),
                # The key has one space between words: an ordinal day is always followed by " من".
                "ordinal": {f"{o} من" for o in ordinals},
                "month_pair": _firsts(cal["month_pair_words"]),
                "weekday_pair": _firsts(cal["weekday_pair_words"]),
                # A unit word alone too: a text without any unit word has no candidate, nothing is tried.
                "past_period": {
                    f"{lead} {unit}" if lead else unit
                    for unit in {fold(w) for e in pp["units"] for w in e["ar"] + e.get("dual", [])}
                    for lead in ("", *(fold(w) for w in pp["leads"]))
                },
                "first_of": _firsts(cal["first_day_words"]),
                "part": _firsts(parts),
                "mdy": _firsts(months),
                "weekday": _firsts(weekdays),
                "month": _firsts(months, hijri),
                "ago": _firsts(cal["ago_words"]["since"], cal["ago_words"]["before"]),
                "period": _firsts(("هذا", "هذه"), periods),
                "relative_day": _firsts(rel),
                "day_part": set(_DAY_PARTS),
                "month_lead": set(_MONTH_LEADS),
            }
        ),
    )


@lru_cache(maxsize=4096)
def _norm_ws(s: str | None) -> str:
    return _WS_RUN.sub(" ", s or "")


def _expr(g: _Grammar, kind: str, gd: dict[str, Any]) -> dict[str, Any] | None:
    """Fields of a DateExpr from a match's groups, or None when the match is not a date after all."""
    wd_word, rel_word = gd.get("wd"), gd.get("rel")
    wd = g.weekdays.get(_norm_ws(wd_word)) if wd_word else None
    rel = g.rel.get(_norm_ws(rel_word)) if rel_word else None
    if kind in ("numeric", "iso"):
        nd, nm, ny = int(gd["d"]), int(gd["m"]), int(gd["y"])
        if nm > 12 and nd <= 12:
            nd, nm = nm, nd
        # "1445/11/6 هـ": a Hijri marker, or a year no Gregorian news date has (13xx-14xx AH is 1883-2077).
        hijri = bool(gd.get("ym")) or 1300 <= ny < 1500
        return {
            "kind": "numeric",
            "day": nd,
            "month": nm,
            "year": ny,
            "weekday": wd,
            "offset": rel,
            "calendar": "hijri" if hijri else "gregorian",
        }
    if kind == "day_month_numeric":
        nd, nm = int(gd["d"]), int(gd["m"])
        if wd is None or not (1 <= nm <= 12 and 1 <= nd <= 31):
            return None
        return {"kind": "absolute", "day": nd, "month": nm, "weekday": wd, "offset": rel}
    if kind == "day_of_month":
        nd = int(gd["d"]) if gd.get("d") else g.ordinals[_norm_ws(gd["ord"])]
        direction = "this" if gd.get("this") else g.directions[_norm_ws(gd["dir"])]
        return {"kind": "day_of_month", "day": nd, "direction": direction}
    if kind == "weekday_pair":
        return {
            "kind": "weekday_pair",
            "weekday": wd,
            "end_weekday": g.weekdays[_norm_ws(gd["wd2"])],
            "direction": g.directions.get(_norm_ws(gd["dir"])) if gd.get("dir") else None,
        }
    if kind == "past_period":
        days, implied = g.units[_norm_ws(gd["u"])]
        n = gd.get("n")
        if n is None:
            total = implied
        elif implied != 0:
            return None  # a dual with a count: not this form
        elif n.isdigit():
            total = int(n)
        else:
            total = words_value([n[2:] if n.startswith("ال") else n]) or 0
        if not total:
            return None
        return {"kind": "ago", "count": total, "unit_days": days, "mode": "since"}
    if kind == "night":
        wd2 = g.weekdays[_norm_ws(gd["wd2"])]
        if wd is None or wd2 != (wd + 1) % 7:
            return None  # two weekdays that are not one night apart
        return {"kind": "night", "weekday": wd, "end_weekday": wd2}
    if kind == "part":
        p = g.periods[_norm_ws(gd["p"])]
        return {
            "kind": "period",
            "unit_days": 7 if p == "week" else 30,
            "direction": g.directions.get(_norm_ws(gd["dir"])) if gd.get("dir") else "this",
            "part": g.parts[_norm_ws(gd["part"])],
        }
    if kind == "hijri_year":
        return {"kind": "year", "year": int(gd["y"]), "calendar": "hijri"}
    if kind == "hours":
        hours = int(gd.get("n") or gd.get("n2") or 24)
        return {"kind": "hours", "count": max(1, -(-hours // 24)), "unit_days": 1} if hours else None
    if kind in ("absolute", "mdy", "month", "range", "first_of", "ordinal", "month_pair"):
        name = _norm_ws(gd["m"])
        hijri = name in g.hijri and name not in g.months
        month = g.hijri[name] if hijri else g.months[name]
        y = int(gd["y"]) if gd.get("y") else None
        if gd.get("ym") and _norm_ws(gd["ym"]) in g.hijri_markers:
            hijri = True
        ydir = gd.get("ydir")
        year_offset = _YEAR_STEP[g.directions[_norm_ws(ydir)]] if ydir else None
        if kind == "month_pair":
            first_name = _norm_ws(gd["m1"])
            first = g.hijri.get(first_name) if hijri else g.months.get(first_name)
            if first is None:
                return None
            return {
                "kind": "month_range",
                "month": first,
                "end_month": month,
                "year": y,
                "calendar": "hijri" if hijri else "gregorian",
                "direction": g.directions.get(_norm_ws(gd.get("dir"))),
            }
        if kind == "month":
            justified = gd.get("y") or ydir or (gd.get("pre") or "").startswith("شهر")
            if name in g.ambiguous and not justified:
                return None
            if not (justified or gd.get("dir") or gd.get("pre") or gd.get("part")) and len(name) < 5:
                return None
            return {
                "year_offset": year_offset,
                "kind": "month",
                "month": month,
                "year": y,
                "calendar": "hijri" if hijri else "gregorian",
                "direction": g.directions.get(_norm_ws(gd.get("dir"))),
                "part": g.parts.get(_norm_ws(gd.get("part"))) if gd.get("part") else None,
            }
        if kind == "ordinal":
            day = g.ordinals[_norm_ws(gd["ord"])]
        else:
            day = 1 if kind == "first_of" else int(gd["d"])
        fields: dict[str, Any] = {
            "kind": "absolute",
            "day": day,
            "year_offset": year_offset,
            "month": month,
            "year": y,
            "calendar": "hijri" if hijri else "gregorian",
            "weekday": wd,
            "offset": rel,
            "direction": g.directions.get(_norm_ws(gd.get("dir"))) if gd.get("dir") else None,
        }
        if kind == "range":
            m1 = _norm_ws(gd.get("m1")) if gd.get("m1") else None
            first_month = (
                month if m1 is None else g.hijri[m1] if hijri and m1 in g.hijri else g.months.get(m1)
            )
            if first_month is None or (int(gd["d1"]) >= int(gd["d"]) and first_month == month):
                return None
            fields.update(
                kind="range", day=int(gd["d1"]), month=first_month, end_day=int(gd["d"]), end_month=month
            )
        return fields
    if kind == "weekday":
        return {
            "kind": "weekday",
            "weekday": g.weekdays[_norm_ws(gd["wd"])],
            "offset": g.rel.get(_norm_ws(gd.get("rel"))) if gd.get("rel") else None,
            "direction": g.directions.get(_norm_ws(gd.get("dir"))) if gd.get("dir") else None,
        }
    if kind == "relative_day":
        return {"kind": "relative_day", "offset": g.rel[_norm_ws(gd["rel"])]}
    if kind == "ago":
        days, implied = g.units[_norm_ws(gd["u"])]
        n = gd.get("n")
        if n is None:
            count: int | None = implied
        elif n.isdigit():
            count = int(n) if implied == 1 else None
        else:
            count = words_value([n]) if implied == 1 else None
        if not count:
            return None
        mode = "since" if fold(gd["mode"]) == "منذ" else "before"
        return {"kind": "ago", "count": count, "unit_days": days, "mode": mode}
    if kind == "period":
        p = g.periods[_norm_ws(gd.get("p") or gd.get("p2"))]
        direction = "this" if gd.get("this") else g.directions[_norm_ws(gd["dir"])]
        return {
            "kind": "period",
            "unit_days": {"week": 7, "month": 30, "year": 365}[p],
            "direction": direction,
        }
    if kind == "year":
        return {"kind": "year", "year": int(gd["y"])}
    return None


def _look_back(pre_rx: re.Pattern[str], key: str, s: int, starts: Sequence[int]) -> re.Match[str] | None:
    """What ``pre_rx.search(key, s - _LOOK_BACK, s)`` finds before ``s`` (a match at ``s`` itself is
    empty and ignored), tried only at ``starts``, where the pattern's words begin."""
    for p in starts[bisect_left(starts, max(0, s - _LOOK_BACK)) :]:
        if p >= s:
            break
        m = pre_rx.match(key, p, s)
        if m is not None:
            return m
    return None


def range_starts(key: str, short_runs: Sequence[int], leads: Sequence[str]) -> list[int]:
    """Where a day range ("بين 3 و5 آذار") can start: a lead word, then spaces, then a short digit run.
    Cheaper than trying the pattern at every "من" of the text."""
    out: list[int] = []
    lasts = {w[-1] for w in leads}
    for q in short_runs:
        if q < 2 or not key[q - 1].isspace():
            continue
        j = q - 1
        while j > 0 and key[j - 1].isspace():
            j -= 1
        if key[j - 1] in lasts:
            out.extend(j - len(w) for w in leads if key.endswith(w, 0, j))
    return sorted(out)


def _next_word(key: str, e: int) -> str:
    """The word after position ``e`` (spaces skipped)."""
    m = _NEXT_WORD.match(key, e)
    return m.group(1) if m else ""


_NEXT_WORD = re.compile(r"\s*(\w+)")


def find_date_expressions(norm: NormalizedText) -> list[DateExpr]:
    """Every date expression in the text, left to right, without resolving it."""
    g = _grammar()
    key = norm.key
    taken = bytearray(len(key))  # 1 where an earlier expression took the character
    out: list[DateExpr] = []
    digits = digit_runs(key)
    word_starts = g.starts.starts(key)
    back_starts: dict[tuple[str, ...], list[int]] = {}  # built when a kind first looks back
    for kind, rx, pre_rx in g.patterns:
        starts: Sequence[int]
        if kind == "day_month_numeric" and not word_starts["weekday"]:
            continue  # a weekday must stand before it
        if kind in _DIGIT_KINDS:
            starts = _DIGIT_KINDS[kind](digits)
        elif kind == "range":
            starts = range_starts(key, digits.short, g.range_leads)
        elif kind == "day_of_month":
            if "الشهر" not in key:
                continue  # every "day_of_month" match holds "الشهر"
            starts = sorted({*digits.short, *word_starts["ordinal"]})
        elif kind == "hours":
            if "ساع" not in key:
                continue  # every "hours" match holds "ساعه" or "ساعات"
            starts = g.hours_starts.starts(key)["hours"]
        elif kind in word_starts:
            starts = word_starts[kind]
        elif kind == "year" and _YEAR_AFTER_SPACE.search(key) is None:
            continue  # every "year" match holds a space then 19xx/20xx: none in this text
        elif kind == "hijri_year" and _HIJRI_YEAR_DIGITS.search(key) is None:
            continue
        else:
            starts = range(len(key))  # tried everywhere (rare: the year patterns, when their digits occur)
        if not starts:
            continue
        matches = rx.finditer(key) if isinstance(starts, range) else finditer_at(rx, key, starts)
        for m in matches:
            s, e = m.start(), m.end()
            while e > s and key[e - 1] == " ":
                e -= 1
            if taken.find(1, s, e) >= 0:
                continue  # overlaps an expression found earlier (looking back only widens it)
            gd: dict[str, Any] = m.groupdict()
            if pre_rx is not None:
                # Optional words before the anchor word ("أمس" before "السبت"), found looking back.
                labels = _LOOK_BACK_STARTS[kind]
                back = back_starts.get(labels)
                if back is None:
                    back = back_starts[labels] = sorted({p for lb in labels for p in word_starts[lb]})
                pm = _look_back(pre_rx, key, s, back)
                if pm is not None and at_boundary(key, pm.start(), s):
                    gd.update({k: v for k, v in pm.groupdict().items() if v})
                    if kind != "month" or gd.get("part") or (gd.get("pre") or "").startswith("شهر"):
                        s = pm.start()
            if s < m.start() and taken.find(1, s, e) >= 0:
                continue  # the words found looking back overlap an expression found earlier
            if kind not in ("numeric", "iso") and not at_boundary(key, s, e):
                continue
            if kind == "relative_day" and _next_word(key, e) in g.not_after:
                continue  # "صباح اليوم التالي": the next day of the story, not the anchor's
            fields = _expr(g, kind, gd)
            if fields is None:
                continue
            if kind == "year" and fold(key[s : m.start("y")]) in ("في", "خلال"):
                s = m.start("y")
            taken[s:e] = b"\x01" * (e - s)
            out.append(_new_date_expr(span=norm.span(s, e), key_start=s, key_end=e, **fields))
    out.sort(key=lambda x: x.key_start)
    return out


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return start, nxt - dt.timedelta(days=1)


def _nearest_weekday(day: dt.date, weekday: int, on_or_before: bool = True) -> dt.date:
    back = (day.weekday() - weekday) % 7
    return (
        day - dt.timedelta(days=back)
        if on_or_before
        else day + dt.timedelta(days=(weekday - day.weekday()) % 7)
    )


def resolve(expr: DateExpr, anchor: dt.date | None, *, today: dt.date | None = None) -> ResolvedDate | None:
    """The date range ``expr`` refers to, given the anchor (publication date); None when unknowable.

    Without an anchor, a day and month with a weekday but no year ("أمس الأحد 25 شباط") take the most
    recent year in which that day fell on that weekday, not after ``today`` (default: the clock, used only
    as that upper bound; rule "weekday_year")."""
    try:
        return _resolve(expr, anchor, today)
    except (ValueError, OverflowError):
        return None


def weekday_year(month: int, day: int, weekday: int, today: dt.date) -> int | None:
    """The latest year, not after ``today``, in which ``day`` ``month`` fell on ``weekday`` (the calendar
    repeats every 28 years at most, so one is found unless the date is 29 February)."""
    for y in range(today.year, today.year - 29, -1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if d <= today and d.weekday() == weekday:
            return y
    return None


def _day_month_year(x: DateExpr, month: int, day: int, anchor: dt.date) -> int:
    """The year of a day and month printed without one, next to the anchor: the direction word decides
    ("الماضي": before the anchor, "المقبل": after it), else the anchor's year unless that puts the date
    more than a month after the anchor."""
    if x.year_offset is not None:
        return anchor.year + x.year_offset
    d = dt.date(anchor.year, month, min(day, 28))
    if x.direction == "last":
        return anchor.year - (1 if d >= anchor else 0)
    if x.direction == "before_last":
        return anchor.year - (1 if d >= anchor else 0) - 1
    if x.direction == "next":
        return anchor.year + (1 if d <= anchor else 0)
    if x.direction == "this":
        return anchor.year
    return anchor.year - (1 if d > anchor + dt.timedelta(days=31) else 0)


def _narrow(start: dt.date, end: dt.date, part: str | None, unit_days: int) -> tuple[dt.date, dt.date]:
    """The part ("مطلع", "منتصف", "نهاية") of a month (thirds: 1-10, 11-20, 21-end) or of a week starting
    on ``start`` (Sunday-Tuesday, Tuesday-Thursday, Thursday-Saturday)."""
    if part is None:
        return start, end
    if unit_days == 7:
        first = {"start": 0, "middle": 2, "end": 4}[part]
        return start + dt.timedelta(days=first), start + dt.timedelta(days=first + 2)
    first = {"start": 1, "middle": 11, "end": 21}[part]
    last = {"start": 10, "middle": 20, "end": end.day}[part]
    return start.replace(day=first), start.replace(day=last)


def _resolve(x: DateExpr, anchor: dt.date | None, today: dt.date | None) -> ResolvedDate | None:
    def day(d: dt.date, rule: str, conflict: bool = False) -> ResolvedDate:
        return ResolvedDate(x.span, d, d, "day", rule, conflict)

    if x.kind == "range" and x.day and x.month and x.end_day and x.end_month:
        if x.calendar == "hijri":
            return None
        if x.year is not None:
            ey = x.year
        elif anchor is not None:
            ey = _day_month_year(x, x.end_month, x.end_day, anchor)
        else:
            return None
        end = dt.date(ey, x.end_month, x.end_day)
        start = dt.date(ey, x.month, x.day)
        if start > end:
            start = dt.date(ey - 1, x.month, x.day)
        return ResolvedDate(x.span, start, end, "day", "day_range")
    if x.kind in ("numeric", "absolute") and x.day is not None and x.month is not None:
        if x.calendar == "hijri":
            hy = x.year
            if hy is None:
                if anchor is None:
                    return None
                hy = gregorian_to_hijri(anchor)[0]
                if hijri_to_gregorian(
                    hy, x.month, min(x.day, month_length(hy, x.month))
                ) > anchor + dt.timedelta(31):
                    hy -= 1
            d = hijri_to_gregorian(hy, x.month, x.day)
            rule = "hijri_date"
        elif x.year is not None:
            d, rule = (
                dt.date(x.year, x.month, x.day),
                "numeric_date" if x.kind == "numeric" else "absolute_date",
            )
        elif anchor is not None:
            d, rule = dt.date(_day_month_year(x, x.month, x.day, anchor), x.month, x.day), "day_month"
        elif x.weekday is not None:
            # No anchor: the weekday fixes the year up to a 28-year cycle; the latest such year that is
            # not after today (the clock is only this upper bound; see published.infer_published).
            wy = weekday_year(x.month, x.day, x.weekday, today or dt.date.today())
            if wy is None:
                return None
            d, rule = dt.date(wy, x.month, x.day), "weekday_year"
        else:
            return None
        conflict = x.weekday is not None and d.weekday() != x.weekday
        return day(d, rule, conflict)
    if x.kind == "year" and x.year is not None:
        if x.calendar == "hijri":
            start = hijri_to_gregorian(x.year, 1, 1)
            end = hijri_to_gregorian(x.year, 12, month_length(x.year, 12))
            return ResolvedDate(x.span, start, end, "year", "hijri_year")
        return ResolvedDate(x.span, dt.date(x.year, 1, 1), dt.date(x.year, 12, 31), "year", "year")
    if x.kind == "month" and x.month is not None:
        if x.calendar == "hijri":
            hy = x.year
            if hy is None:
                if anchor is None:
                    return None
                hy = gregorian_to_hijri(anchor)[0]
                if x.month > gregorian_to_hijri(anchor)[1] and x.direction != "next":
                    hy -= 1
            start = hijri_to_gregorian(hy, x.month, 1)
            end = hijri_to_gregorian(hy, x.month, month_length(hy, x.month))
            if x.part is not None:
                first = {"start": 1, "middle": 11, "end": 21}[x.part]
                last = {"start": 10, "middle": 20, "end": month_length(hy, x.month)}[x.part]
                start, end = start + dt.timedelta(days=first - 1), start + dt.timedelta(days=last - 1)
                return ResolvedDate(x.span, start, end, "week", f"hijri_month_{x.part}")
            return ResolvedDate(x.span, start, end, "month", "hijri_month")
        if x.year is not None:
            y = x.year
        elif anchor is None:
            return None
        elif x.year_offset is not None:
            y = anchor.year + x.year_offset
        elif x.direction == "next":
            y = anchor.year + (1 if x.month <= anchor.month else 0)
        elif x.direction in ("last", "before_last"):
            y = anchor.year - (1 if x.month >= anchor.month else 0) - (x.direction == "before_last")
        else:
            y = anchor.year - (1 if x.month > anchor.month else 0)
        start, end = _month_range(y, x.month)
        if x.part is not None:
            start, end = _narrow(start, end, x.part, 30)
            return ResolvedDate(x.span, start, end, "week", f"month_name_{x.part}")
        return ResolvedDate(x.span, start, end, "month", "month_name")
    if anchor is None:
        return None
    if x.kind == "relative_day" and x.offset is not None:
        return day(anchor + dt.timedelta(days=x.offset), "relative_day")
    if x.kind == "day_of_month" and x.day is not None:
        # "7 من الشهر الجاري", "العاشر من الشهر الماضي"
        m = anchor.month + _YEAR_STEP.get(x.direction or "this", 0)
        return day(dt.date(anchor.year + (m - 1) // 12, (m - 1) % 12 + 1, x.day), "day_of_month")
    if x.kind == "month_range" and x.month and x.end_month and x.calendar == "gregorian":
        # "شهري آذار ونيسان الماضيين": the year of the later month as for a month name.
        last_month = x.end_month
        if x.year is not None:
            y = x.year
        elif x.direction in ("last", "before_last"):
            y = anchor.year - (1 if last_month >= anchor.month else 0) - (x.direction == "before_last")
        elif x.direction == "next":
            y = anchor.year + (1 if last_month <= anchor.month else 0)
        else:
            y = anchor.year - (1 if last_month > anchor.month else 0)
        start = _month_range(y - (1 if x.month > last_month else 0), x.month)[0]
        return ResolvedDate(x.span, start, _month_range(y, last_month)[1], "month", "month_pair")
    if x.kind == "weekday_pair" and x.weekday is not None and x.end_weekday is not None:
        # "يومي الخميس والجمعة الماضيين": from the first weekday to the second.
        length = dt.timedelta(days=(x.end_weekday - x.weekday) % 7)
        if x.direction == "next":
            start = _nearest_weekday(anchor + dt.timedelta(days=1), x.weekday, False)
            return ResolvedDate(x.span, start, start + length, "day", "weekday_pair_next")
        skip = 1 if x.direction == "last" else 0
        end = _nearest_weekday(anchor - dt.timedelta(days=skip), x.end_weekday)
        return ResolvedDate(x.span, end - length, end, "day", "weekday_pair")
    if x.kind == "hours" and x.count is not None:
        # "خلال الساعات الماضية" (the past hours, 24 unless counted): the days they reach back to.
        return ResolvedDate(x.span, anchor - dt.timedelta(days=x.count), anchor, "day", "hours_past")
    if x.kind == "night" and x.weekday is not None:
        # "ليل الثلاثاء الأربعاء": the night that ends on the later weekday, the latest one by the anchor.
        end = _nearest_weekday(anchor, (x.weekday + 1) % 7)
        return ResolvedDate(x.span, end - dt.timedelta(days=1), end, "day", "night_range")
    if x.kind == "weekday" and x.weekday is not None:
        if x.offset is not None:
            expected = anchor + dt.timedelta(days=x.offset)
            if expected.weekday() == x.weekday:
                return day(expected, "relative_day_weekday")
            # The weekday printed in the text wins over the publication date (wire copy printed later).
            return day(_nearest_weekday(expected, x.weekday), "relative_day_weekday", True)
        if x.direction == "last":
            return day(_nearest_weekday(anchor - dt.timedelta(days=1), x.weekday), "weekday_last")
        if x.direction == "before_last":
            return day(_nearest_weekday(anchor - dt.timedelta(days=8), x.weekday), "weekday_before_last")
        if x.direction == "next":
            return day(_nearest_weekday(anchor + dt.timedelta(days=1), x.weekday, False), "weekday_next")
        return day(_nearest_weekday(anchor, x.weekday), "weekday_recent")
    if x.kind == "ago" and x.count is not None and x.unit_days is not None:
        precision = _UNIT_PRECISION[x.unit_days]
        if x.unit_days == 30:
            m = anchor.month - x.count
            y = anchor.year + (m - 1) // 12
            back = dt.date(y, (m - 1) % 12 + 1, min(anchor.day, 28))
        elif x.unit_days == 365:
            back = dt.date(anchor.year - x.count, anchor.month, min(anchor.day, 28))
        else:
            back = anchor - dt.timedelta(days=x.count * x.unit_days)
        if x.mode == "since":
            return ResolvedDate(x.span, back, anchor, precision, "ago_range")
        return ResolvedDate(x.span, back, back, precision, "ago_point")
    if x.kind == "period" and x.unit_days is not None:
        step = {"last": -1, "next": 1, "before_last": -2}.get(x.direction or "", 0)
        if x.unit_days == 7 and x.part is not None:
            sunday = anchor - dt.timedelta(days=(anchor.weekday() + 1) % 7) + dt.timedelta(days=7 * step)
            start, end = _narrow(sunday, sunday + dt.timedelta(days=6), x.part, 7)
            return ResolvedDate(x.span, start, end, "week", f"week_{x.direction}_{x.part}")
        if x.unit_days == 7:
            monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=7 * step)
            return ResolvedDate(x.span, monday, monday + dt.timedelta(days=6), "week", f"week_{x.direction}")
        if x.unit_days == 30:
            m = anchor.month + step
            start, end = _month_range(anchor.year + (m - 1) // 12, (m - 1) % 12 + 1)
            if x.part is not None:
                start, end = _narrow(start, end, x.part, 30)
                return ResolvedDate(x.span, start, end, "week", f"month_{x.direction}_{x.part}")
            return ResolvedDate(x.span, start, end, "month", f"month_{x.direction}")
        y = anchor.year + step
        return ResolvedDate(x.span, dt.date(y, 1, 1), dt.date(y, 12, 31), "year", f"year_{x.direction}")
    return None


def resolve_all(
    exprs: list[DateExpr], anchor: dt.date | None, *, today: dt.date | None = None
) -> list[ResolvedDate]:
    return [r for r in (resolve(x, anchor, today=today) for x in exprs) if r is not None]
