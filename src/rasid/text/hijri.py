"""The tabular Islamic (Hijri) calendar, civil epoch, in plain integer arithmetic.

Leap years are 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 of each 30-year cycle; odd months have 30 days,
even months 29, and month 12 has 30 in a leap year. 1 Muharram 1 AH is Julian day number 1948440
(16 July 622 Julian). Real observed months may differ by a day or two from the tabular calendar.
"""

from __future__ import annotations

import datetime as dt

_EPOCH_JDN = 1948440
_ORDINAL_OFFSET = 1721425  # date.fromordinal(jdn - this)


def hijri_to_jdn(year: int, month: int, day: int) -> int:
    return day + (59 * (month - 1) + 1) // 2 + (year - 1) * 354 + (3 + 11 * year) // 30 + _EPOCH_JDN - 1


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Hijri date; ValueError when the Hijri date does not exist."""
    if not (1 <= month <= 12 and 1 <= day <= month_length(year, month) and 1 <= year <= 9666):
        raise ValueError(f"no Hijri date {year}-{month}-{day}")
    return dt.date.fromordinal(hijri_to_jdn(year, month, day) - _ORDINAL_OFFSET)


def is_leap(year: int) -> bool:
    return (14 + 11 * year) % 30 < 11


def month_length(year: int, month: int) -> int:
    if month == 12 and is_leap(year):
        return 30
    return 30 if month % 2 == 1 else 29


def gregorian_to_hijri(d: dt.date) -> tuple[int, int, int]:
    """(year, month, day) of the Hijri date for a Gregorian date."""
    jdn = d.toordinal() + _ORDINAL_OFFSET
    year = (30 * (jdn - _EPOCH_JDN) + 10646) // 10631
    while hijri_to_jdn(year + 1, 1, 1) <= jdn:
        year += 1
    while hijri_to_jdn(year, 1, 1) > jdn:
        year -= 1
    month = 1
    while month < 12 and hijri_to_jdn(year, month + 1, 1) <= jdn:
        month += 1
    return year, month, jdn - hijri_to_jdn(year, month, 1) + 1
