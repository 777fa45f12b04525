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


THURSDAY = dt.date(2024, 3, 7)


@pytest.mark.parametrize(
    ("text", "expr", "want"),
    [
        # A day range with one month, or a month on each side.
        ("تجددت المعارك بين 9 و11 نيسان الماضي", "بين 9 و11 نيسان الماضي", ("2023-04-09", "2023-04-11")),
        (
            "أغلقت المعابر من 30 كانون الثاني إلى 2 شباط",
            "من 30 كانون الثاني إلى 2 شباط",
            ("2024-01-30", "2024-02-02"),
        ),
        # A night across two days, whatever joins them.
        ("قصفت المدفعية القرى ليلة الأحد الاثنين", "ليلة الأحد الاثنين", ("2024-03-03", "2024-03-04")),
        ("وقع التسلل ليل الاثنين - الثلاثاء", "ليل الاثنين - الثلاثاء", ("2024-03-04", "2024-03-05")),
        # Parts of a week (from Sunday) and of a month (thirds).
        ("زار الوفد البلدة منتصف الأسبوع الماضي", "منتصف الأسبوع الماضي", ("2024-02-27", "2024-02-29")),
        ("تراجعت الهجمات أواسط الشهر الجاري", "أواسط الشهر الجاري", ("2024-03-11", "2024-03-20")),
        ("عاد النازحون في أوائل كانون الثاني", "أوائل كانون الثاني", ("2024-01-01", "2024-01-10")),
        # The past hours reach back one day per 24 hours.
        ("سقطت 12 قذيفة في الساعات الأخيرة", "في الساعات الأخيرة", ("2024-03-06", "2024-03-07")),
        ("خلال الـ72 ساعة الماضية", "خلال الـ72 ساعة الماضية", ("2024-03-04", "2024-03-07")),
        # A day and month with a direction word; "فاتح" is the first.
        ("أعلن ذلك في 11 آذار المقبل", "11 آذار المقبل", ("2024-03-11", "2024-03-11")),
        ("منذ فاتح مارس الجاري", "فاتح مارس الجاري", ("2024-03-01", "2024-03-01")),
        ("الخميس قبل الماضي", "الخميس قبل الماضي", ("2024-02-22", "2024-02-22")),
        ("قبل حوالي ثلاثة أيام", "قبل حوالي ثلاثة أيام", ("2024-03-04", "2024-03-04")),
        # Hijri on the tabular calendar (observed months may start a day earlier or later).
        ("بدأ في 1 رجب 1445 للهجرة", "1 رجب 1445 للهجرة", ("2024-01-12", "2024-01-12")),
        ("موازنة سنة 1446 هجري", "سنة 1446 هجري", ("2024-07-08", "2025-06-26")),
    ],
)
def test_ranges_parts_and_regional_forms(text: str, expr: str, want: tuple[str, str]) -> None:
    assert resolved(text, expr, THURSDAY)[:2] == want


def test_two_weekdays_not_one_night_apart_are_not_a_night() -> None:
    exprs = find_date_expressions(normalize("ليل الثلاثاء الخميس"))
    assert [x.kind for x in exprs] == ["weekday", "weekday"]


def test_weekday_with_day_month_fixes_the_year_without_an_anchor() -> None:
    # 14 March was a Thursday in 2019 and 2024; the latest not after "today" is taken.
    exprs = find_date_expressions(normalize("قال أمس الخميس 14 آذار إن"))
    assert [x.span.text for x in exprs] == ["أمس الخميس 14 آذار"]
    assert exprs[0].offset == -1
    r = resolve(exprs[0], None, today=dt.date(2026, 11, 25))
    assert r is not None and (r.start, r.rule) == (dt.date(2024, 3, 14), "weekday_year")
    r = resolve(exprs[0], None, today=dt.date(2024, 3, 13))
    assert r is not None and r.start == dt.date(2019, 3, 14)
    # Without a weekday (or with an anchor) the clock plays no part.
    assert resolve(find_date_expressions(normalize("في 14 آذار"))[0], None) is None
    r = resolve(exprs[0], dt.date(2024, 3, 15))
    assert r is not None and r.rule == "day_month"


def test_weekday_before_a_numeric_date_joins_it() -> None:
    exprs = find_date_expressions(normalize("أعلن يوم الخميس 07/03/2024 أن"))
    assert [x.span.text for x in exprs] == ["الخميس 07/03/2024"]
    r = resolve(exprs[0], None)
    assert r is not None and not r.weekday_conflict
    exprs = find_date_expressions(normalize("الجمعة 07/03/2024"))
    r = resolve(exprs[0], None)
    assert r is not None and r.weekday_conflict


def test_narrative_days_are_not_relative_to_the_anchor() -> None:
    # "صباح اليوم التالي" is the morning after a day of the story, not this morning.
    exprs = find_date_expressions(normalize("وفي صباح اليوم التالي عاد الهدوء"))
    assert exprs == []
    assert [x.span.text for x in find_date_expressions(normalize("وفي صباح اليوم عاد الهدوء"))] == [
        "صباح اليوم"
    ]


def test_hijri_numeric_dates_are_not_gregorian() -> None:
    for text in ("صدر في 1445/11/6 هـ", "صدر في 6/11/1445"):
        r = resolve(find_date_expressions(normalize(text))[0], None)
        assert r is not None and (r.start.year, r.rule) == (2024, "hijri_date"), text


@pytest.mark.parametrize(
    ("text", "expr", "want"),
    [
        ("في الخامس عشر من شباط", "الخامس عشر من شباط", ("2024-02-15", "2024-02-15")),
        (
            "يوم الحادي والعشرين من الشهر الماضي",
            "الحادي والعشرين من الشهر الماضي",
            ("2024-02-21", "2024-02-21"),
        ),
        ("في آذار من العام الماضي", "آذار من العام الماضي", ("2023-03-01", "2023-03-31")),
        ("خلال شهري كانون الثاني وشباط", "شهري كانون الثاني وشباط", ("2024-01-01", "2024-02-29")),
        ("يومي الأحد والاثنين الماضيين", "يومي الأحد والاثنين الماضيين", ("2024-03-03", "2024-03-04")),
        ("خلال الأشهر الستة الماضية", "خلال الأشهر الستة الماضية", ("2023-09-07", "2024-03-07")),
        ("طوال اليومين الماضيين", "طوال اليومين الماضيين", ("2024-03-05", "2024-03-07")),
        ("اعتقل الأربعاء 6/3 في منزله", "الأربعاء 6/3", ("2024-03-06", "2024-03-06")),
    ],
)
def test_ordinals_pairs_and_past_periods(text: str, expr: str, want: tuple[str, str]) -> None:
    assert resolved(text, expr, THURSDAY)[:2] == want


def test_a_bare_day_and_month_in_figures_is_not_a_date() -> None:
    assert find_date_expressions(normalize("فاز الفريق 3/1 وسجل 10/5 من محاولاته")) == []
