"""Round-3 rules of the claims layer (issue 5): each test is a sentence of our own writing."""

from __future__ import annotations

from rasid.resources.actors import ActorRegistry
from rasid.resources.lexicons import Lexicons
from tests.extract.conftest import Run, claims_of, figures


def test_qualifier_after_the_noun_then_the_verb(run: Run) -> None:
    claims = run("وقال المرصد السوري إن 9 مدنيين على الأقل قُتلوا في القصف.")
    assert [(c.figure.kind, c.figure.value, c.figure.qualifier, c.figure.of) for c in claims if c.figure] == [
        ("killed", 9, "at_least", "civilians")
    ]


def test_counted_noun_of_a_new_conjunct_beats_the_trigger_before_it(run: Run) -> None:
    claims = run("وقال الدفاع المدني إن فرقه نقلت 6 جثث و15 جريحاً إلى المستشفى.")
    assert sorted((k, v) for k, v, _, _ in figures(claims)) == [("injured", 15), ("killed", 6)]


def test_partitive_noun_then_verb_and_the_others_after_it(run: Run) -> None:
    claims = run("وقال مصدر عسكري إن خمسة من أفراد الحامية قُتلوا وأصيب ثمانية آخرون.")
    assert sorted((k, v) for k, v, _, _ in figures(claims)) == [("injured", 8), ("killed", 5)]


def test_displaced_verb_after_thousands_of_people(run: Run) -> None:
    claims = run("وقالت منظمة إغاثية إن نحو 4 آلاف شخص نزحوا من البلدة.")
    assert [(k, v) for k, v, _, _ in figures(claims)] == [("displaced", 4000)]


def test_counted_as_missing(run: Run) -> None:
    claims = run("وأفاد الدفاع المدني بأن 5 صيادين لا يزالون في عداد المفقودين منذ مساء الأحد.")
    assert ("missing", 5) not in [(k, v) for k, v, _, _ in figures(claims)]  # no person noun: not counted
    claims = run("وأفاد الدفاع المدني بأن 5 أشخاص في عداد المفقودين.")
    assert [(k, v) for k, v, _, _ in figures(claims)] == [("missing", 5)]


def test_some_of_the_injured_is_not_a_new_figure(run: Run) -> None:
    claims = run("وأعلن الدفاع المدني إصابة 12 شخصاً، وقال إن أربعة من الجرحى في حالة حرجة.")
    assert [(k, v) for k, v, _, _ in figures(claims)] == [("injured", 12)]


def test_among_the_injuries_is_a_breakdown(run: Run) -> None:
    claims = run("وأعلن الدفاع المدني إصابة 10 أشخاص، وأوضح أن بين الإصابات 3 حالات خطيرة.")
    assert [(k, v) for k, v, _, _ in figures(claims)] == [("injured", 10)]


def test_cumulative_war_toll_is_background(run: Run) -> None:
    claims = run("وبحسب الدفاع المدني، ارتفعت حصيلة الحرب إلى أكثر من 12 ألف قتيل.")
    assert figures(claims) == []


def test_monthly_tally_article_has_no_event_figures(run: Run) -> None:
    text = (
        "المرصد السوري ينشر حصيلة شهرية للضحايا\n"
        "نشر المرصد السوري حصيلة شهرية قال فيها إن 150 شخصاً قتلوا في البلاد.\n"
        "كما وثق المرصد السوري مقتل 40 عنصراً من قوات النظام."
    )
    assert figures(run(text)) == []


def test_a_bare_earlier_year_makes_the_sentence_background(
    registry: ActorRegistry, lexicons: Lexicons
) -> None:
    text = (
        "قال الدفاع المدني إن 3 أشخاص قتلوا اليوم. "
        "وتذكّر المواجهات بأحداث عام 2015، التي قُتل فيها أكثر من 300 شخص."
    )
    assert [(k, v) for k, v, _, _ in figures(claims_of(text, registry, lexicons, "2024-05-02"))] == [
        ("killed", 3)
    ]


def test_a_conjunct_figure_counts_the_side_of_the_figure_before_it(run: Run) -> None:
    claims = run("وأعلنت قوات النظام مقتل 7 من عناصر داعش وإصابة العشرات في ريف حمص.")
    assert sorted((k, of) for k, _, _, of in figures(claims)) == [
        ("injured", "islamic-state"),
        ("killed", "islamic-state"),
    ]
