from __future__ import annotations

import datetime as dt

import pytest

from rasid.model import Article
from rasid.pipeline import Pipeline
from rasid.text.dates import find_date_expressions, resolve
from rasid.text.normalize import normalize
from rasid.text.numbers import find_quantities
from rasid.text.posts import find_posts
from rasid.text.published import infer_published
from rasid.text.sentences import split_sentences

TEXT_STAGES = ["normalize", "language", "segment", "posts", "quantities", "dates", "published"]


def infer(text: str) -> dt.date | None:
    norm = normalize(text)
    return infer_published(text, norm, find_posts(text), find_date_expressions(norm))[0]


def test_weekday_pins_the_day_after_the_latest_explicit_date() -> None:
    # 2023-03-03 is a Friday; "أمس الأحد" means the article was written on a Monday: 2023-03-06.
    text = "صدر البيان في 3 آذار 2023. وقال الناطق أمس الأحد إن المعارك توقفت."
    assert infer(text) == dt.date(2023, 3, 6)


def test_no_weekday_evidence_takes_the_latest_date() -> None:
    assert infer("وقع الهجوم في 12/05/2021 وفي 14/05/2021 أعلن الجيش") == dt.date(2021, 5, 14)


def test_nothing_to_infer_from() -> None:
    date, reason = infer_published("قال أمس السبت", normalize("قال أمس السبت"), [], [])
    assert date is None and reason


def test_pipeline_warns_and_infers() -> None:
    text = "قال الناطق اليوم الثلاثاء إن 5 قتلوا في 1 تشرين الثاني 2021."
    doc = Pipeline.from_config(TEXT_STAGES).run(Article("a1", text))
    assert (doc.published, doc.published_from, doc.language) == ("2021-11-02", "inferred", "ar")
    assert any(w.startswith("[W001]") for w in doc.warnings)
    assert [r.span.text for r in doc.layers["dates"]] == ["اليوم الثلاثاء", "1 تشرين الثاني 2021"]
    given = Pipeline.from_config(TEXT_STAGES).run(Article("a2", text, published="2021-11-02"))
    assert given.published_from == "given" and not given.warnings


@pytest.mark.shared
def test_seed_article(seed_text: str) -> None:
    text = seed_text
    norm = normalize(text)
    posts = find_posts(text)
    assert [(p.handle, p.date) for p in posts] == [
        ("BtfS9u1ut6FsXtk", "2022-01-22"),
        ("alaa_hussein91", "2022-01-23"),
    ]
    assert [h.text for h in posts[1].hashtags] == ["#العراق"]
    sents = split_sentences(text, norm, [p.span for p in posts])
    quotes = [q.text for s in sents for q in s.quotes]
    assert "أعماق" in quotes and "قسد" in quotes
    assert any(q.startswith("حالياً قواتنا") for q in quotes)
    assert any(q.startswith("أكثر من 800 أسير") for q in quotes)
    assert sum(1 for s in sents if s.post is not None) >= 4
    qs = {q.span.text: q for q in find_quantities(norm)}
    assert qs["17"].value == 17 and text[qs["17"].span.start - 4 : qs["17"].span.start] == "مقتل"
    assert (qs["أكثر من 200"].qualifier, qs["أكثر من 200"].low) == ("more_than", 201)
    assert (qs["أكثر من 800"].value, qs["أكثر من 800"].qualifier) == (800, "more_than")
    assert qs["22/01/2022"].role == "date"
    exprs = find_date_expressions(norm)
    anchor = dt.date(2022, 1, 23)
    by_text = {x.span.text: resolve(x, anchor) for x in exprs}
    assert by_text["أمس السبت"] is not None and by_text["أمس السبت"].start == dt.date(2022, 1, 22)
    assert by_text["الخميس الماضي"] is not None and by_text["الخميس الماضي"].start == dt.date(2022, 1, 20)
    assert infer_published(text, norm, posts, exprs)[0] == anchor
    doc = Pipeline.from_config(TEXT_STAGES).run(Article("seed", text))
    assert (doc.published, doc.published_from) == ("2022-01-23", "inferred")


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # Own sentences. The weekday fixes the year (latest not after "today"), the relative word the day.
        ("قال المتحدث إن القصف وقع أمس الخميس 14 آذار/مارس على البلدة.", dt.date(2024, 3, 15)),
        ("أعلنت الوزارة اليوم الأحد 20 تشرين الأول أن الحصيلة ارتفعت.", dt.date(2024, 10, 20)),
        ("ذكر البيان الصادر مساء اليوم الجمعة 2 آب (أغسطس) أن الهجوم أحبط.", dt.date(2024, 8, 2)),
        # Without a relative word the date is only the earliest the article can be; a weekday pin decides.
        ("وقع الانفجار الاثنين 12 شباط. وقال مسؤول اليوم الأربعاء إن التحقيق بدأ.", dt.date(2024, 2, 14)),
    ],
)
def test_weekday_day_month_without_a_year(text: str, published: dt.date) -> None:
    norm = normalize(text)
    date, reason = infer_published(
        text, norm, find_posts(text), find_date_expressions(norm), today=dt.date(2026, 11, 25)
    )
    assert date == published, reason
    assert "weekday" in reason


def test_a_conflicting_weekday_gives_no_year() -> None:
    # 14 March 2024 was a Thursday: with an explicit year and the wrong weekday, it is not evidence.
    text = "قال المتحدث أمس الأحد 14 آذار 2024 إن"
    assert infer(text) is None


def test_a_full_hijri_date_is_explicit_evidence() -> None:
    # 15 Ramadan 1443 is 2022-04-17 (tabular), a Sunday; "أمس السبت" (written on a Sunday) agrees with it.
    assert infer("قال الناطق أمس السبت إن الهجوم وقع في 15 رمضان 1443 هـ") == dt.date(2022, 4, 17)
    assert infer("صدر البيان يوم 15 رمضان 1443 هـ") == dt.date(2022, 4, 17)
