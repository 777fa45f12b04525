"""Whose people a figure counts: rules added for full claims (own sentences, not gold texts)."""

from __future__ import annotations

from tests.extract.conftest import Run, figures


def test_citizens_and_passers_by_are_civilians(run: Run) -> None:
    assert figures(run("قالت وزارة الدفاع إن ثلاثة مواطنين قتلوا في القصف."))[0][3] == "civilians"
    assert figures(run("أدت الغارة إلى إصابة 5 مارة بجروح."))[0][3] == "civilians"


def test_others_after_citizens_are_civilians(run: Run) -> None:
    got = figures(run("قتل 6 مواطنين وأصيب 9 آخرون في انفجار عبوة."))
    assert [(f[0], f[1], f[3]) for f in got] == [("killed", 6, "civilians"), ("injured", 9, "civilians")]


def test_toll_with_a_breakdown_of_children_is_of_civilians(run: Run) -> None:
    claims = run("ارتفعت حصيلة القتلى جراء القصف إلى 12 قتيلاً بينهم 5 أطفال.")
    assert [(f[0], f[1], f[3]) for f in figures(claims)] == [("killed", 12, "civilians")]


def test_breakdown_of_soldiers_does_not_make_civilians(run: Run) -> None:
    claims = run("قتل 8 أشخاص بينهم 3 جنود في الانفجار.")
    assert [(f[0], f[1]) for f in figures(claims)] == [("killed", 8)]
    assert figures(claims)[0][3] != "civilians"


def test_partitive_soldiers_after_the_toll_are_state_forces(run: Run) -> None:
    claims = run("قال الجيش العربي السوري إن المشافي استقبلت 4 جرحى من الجنود بعد الهجوم.")
    assert [(f[0], f[1], f[3]) for f in figures(claims)] == [("injured", 4, "syrian-arab-army")]


def test_killed_and_wounded_with_asabat_is_one_undivided_toll(run: Run) -> None:
    got = figures(run("قال تنظيم الدولة الإسلامية إن مقاتليه قتلوا وأصابوا 20 عنصراً من قسد."))
    assert [(f[0], f[1]) for f in got] == [("casualties", 20)]


def test_announcing_control_over_positions_is_a_control_statement(run: Run) -> None:
    claims = run("أعلنت قسد السيطرة على قريتين في ريف الرقة.")
    assert [(c.source, c.statement.kind) for c in claims if c.statement is not None] == [("sdf", "control")]
