from __future__ import annotations

import datetime as dt

import pytest

from rasid.text.dates import DateExpr, find_date_expressions, resolve
from rasid.text.hijri import gregorian_to_hijri, hijri_to_gregorian
from rasid.text.normalize import normalize

SUNDAY = dt.date(2022, 1, 23)


def resolved(text: str, expr: str, anchor: dt.date | None = SUNDAY) -> tuple[str, str, str, str, bool]:
    exprs = find_date_expressions(normalize(text))
    for x in exprs:
        assert text[x.span.start : x.span.end] == x.span.text
    hits = [x for x in exprs if x.span.text == expr]
    assert hits, [x.span.text for x in exprs]
    r = resolve(hits[0], anchor)
    assert r is not None
    return str(r.start), str(r.end), r.precision, r.rule, r.weekday_conflict


def test_weekday_forms() -> None:
    assert resolved("بدأ الهجوم الخميس الماضي", "الخميس الماضي")[:4] == (
        "2022-01-20",
        "2022-01-20",
        "day",
        "weekday_last",
    )
    assert resolved("أعلن أمس السبت مقتل", "أمس السبت")[0] == "2022-01-22"
    assert resolved("تعقد الجلسة الاثنين المقبل", "الاثنين المقبل")[0] == "2022-01-24"
    assert resolved("وقع الانفجار يوم الأربعاء", "يوم الأربعاء")[0] == "2022-01-19"


def test_weekday_in_text_wins_over_the_anchor() -> None:
    # A paper dated Sunday reprints wire copy that says "اليوم الجمعة": Friday, flagged.
    start, _, _, rule, conflict = resolved("قالت الوزارة اليوم الجمعة إن", "اليوم الجمعة")
    assert (start, rule, conflict) == ("2022-01-21", "relative_day_weekday", True)
    assert resolved("أعلن أمس السبت", "أمس السبت")[4] is False


def test_relative_days_and_ranges() -> None:
    assert resolved("قصف أمس المدينة", "أمس")[0] == "2022-01-22"
    assert resolved("قصف أول أمس المدينة", "أول أمس")[0] == "2022-01-21"
    assert resolved("غارة فجر اليوم", "فجر اليوم")[0] == "2022-01-23"
    assert resolved("اشتباكات منذ 3 أيام", "منذ 3 أيام")[:3] == ("2022-01-20", "2022-01-23", "day")
    assert resolved("اشتباكات منذ ثلاثة أيام", "منذ ثلاثة أيام")[:2] == ("2022-01-20", "2022-01-23")
    assert resolved("قتل قبل يومين", "قبل يومين")[0] == "2022-01-21"
    assert resolved("الأسبوع الماضي", "الأسبوع الماضي")[:3] == ("2022-01-10", "2022-01-16", "week")
    assert resolved("الشهر الماضي", "الشهر الماضي")[:3] == ("2021-12-01", "2021-12-31", "month")


@pytest.mark.parametrize(
    ("text", "expr", "start"),
    [
        ("في 5 كانون الثاني", "5 كانون الثاني", "2022-01-05"),
        ("يوم 12 جويلية 2021", "12 جويلية 2021", "2021-07-12"),
        ("في 3 تشرين الأول 2021", "3 تشرين الأول 2021", "2021-10-03"),
        ("في 14 شباط/فبراير 2020", "14 شباط/فبراير 2020", "2020-02-14"),
        ("بتاريخ 22/01/2022", "22/01/2022", "2022-01-22"),
        ("January 22, 2022", "January 22, 2022", "2022-01-22"),
        ("في 30 ديسمبر", "30 ديسمبر", "2021-12-30"),
        ("في 15 رمضان 1443 هـ", "15 رمضان 1443 هـ", "2022-04-17"),
    ],
)
def test_absolute_dates(text: str, expr: str, start: str) -> None:
    assert resolved(text, expr)[0] == start


def test_ambiguous_month_names_need_context() -> None:
    key_exprs = find_date_expressions(normalize("قال آب الكنيسة إن نيسان سيارة"))
    assert key_exprs == []
    assert resolved("في شهر آب الماضي", "شهر آب الماضي")[:3] == ("2021-08-01", "2021-08-31", "month")


def test_without_anchor_only_absolute_dates_resolve() -> None:
    exprs = find_date_expressions(normalize("أمس السبت وفي 22/01/2022"))
    assert [resolve(x, None) is None for x in exprs] == [True, False]


def test_hijri_arithmetic() -> None:
    assert hijri_to_gregorian(1444, 1, 1) == dt.date(2022, 7, 30)
    assert hijri_to_gregorian(1, 1, 1) == dt.date(622, 7, 19)  # 16 July 622 Julian
    for d in (dt.date(1990, 5, 17), dt.date(2022, 1, 23), dt.date(2031, 12, 31)):
        assert hijri_to_gregorian(*gregorian_to_hijri(d)) == d
    with pytest.raises(ValueError):
        hijri_to_gregorian(1443, 13, 1)


def test_invalid_dates_do_not_resolve() -> None:
    exprs = find_date_expressions(normalize("في 31/02/2022"))
    assert exprs and isinstance(exprs[0], DateExpr)
    assert resolve(exprs[0], SUNDAY) is None
