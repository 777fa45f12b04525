"""Claims quality, round 2 (full claims): each test is a sentence of our own writing."""

from __future__ import annotations

from rasid.extract.figures import _governs
from tests.extract.conftest import Run, figures


def test_an_armed_group_counts_its_enemy_as_mercenaries(run: Run) -> None:
    # a non-state speaker's pejorative is of the force it fights, here the only other force named
    claims = run("وقالت قوات سوريا الديمقراطية إن مقاتليها صدّوا هجوماً لقوات النظام وقتلوا 12 من المرتزقة.")
    assert ("killed", 12, "sdf", "syrian-arab-army") in figures(claims)


def test_a_ministry_counts_the_armed_group_as_kharijites(run: Run) -> None:
    claims = run("وقالت وزارة الدفاع إن وحداتها تصدت لهجوم شنه تنظيم داعش وقتلت 7 من الخوارج.")
    assert ("killed", 7, "syrian-defence-ministry", "islamic-state") in figures(claims)


def test_a_monitor_has_no_enemy(run: Run) -> None:
    claims = run("وقال المرصد السوري إن 5 من المسلحين قُتلوا في اشتباك مع قوات النظام.")
    assert [(k, v, s, o) for k, v, s, o in figures(claims)] == [("killed", 5, "sohr", None)]


def test_a_name_after_a_counted_noun_and_a_place_preposition_is_not_its_side() -> None:
    key = 'قتلوا 9 من "المتمردين" في قاعدة الشمال'
    noun_end = key.index("المتمردين") + len("المتمردين")
    assert not _governs(key, noun_end, key.index("قاعدة"))
    key = "قتلوا 9 من المسلحين التابعين لداعش"
    noun_end = key.index("المسلحين") + len("المسلحين")
    assert _governs(key, noun_end, key.index("لداعش"))
