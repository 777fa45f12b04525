"""Claims quality, round 2 (full claims): each test is a sentence of our own writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.extract.figures import _governs
from rasid.extract.mentions import ActorDirectory, find_mentions
from rasid.model import Claim
from rasid.resources.actors import ActorRegistry
from rasid.resources.lexicons import Lexicons
from rasid.text.normalize import normalize
from tests.extract.conftest import ACTORS, Run, claims_of, figures

# the shared test registry plus a civilians actor and a rebel group named "the forces" may refer to
MORE = """
  - {id: civilians, name: Civilians, name_ar: مدنيون, kind: civilians, aliases: {short: [المدنيين, مدنيين]}}
  - {id: free-army, name: Free Army, name_ar: جيش الأحرار, kind: rebel_group, aliases: {short: [الأحرار]}}
"""


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> ActorRegistry:
    path: Path = tmp_path_factory.mktemp("actors-q2") / "test.yaml"
    path.write_text(ACTORS.rstrip("\n") + MORE, encoding="utf-8")
    return ActorRegistry.load([path], include_package=False)


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


def test_an_adjective_with_the_article_is_not_a_reporting_verb(
    registry: ActorRegistry, lexicons: Lexicons
) -> None:
    # "التابع" (affiliated) is not "تابع" (he went on): the statement is of today, the strike of yesterday
    text = (
        "أعلنت قوات سوريا الديمقراطية، اليوم الأحد، أن الفوج التابع لها قصف أمس السبت موقعاً لداعش "
        "ما أدى إلى مقتل 6 مسلحين."
    )
    claims = [
        c
        for c in claims_of(text, registry, lexicons, "2024-05-05", resolve_dates=True)
        if c.figure is not None
    ]
    assert [(c.source, c.said_on.date if c.said_on else None) for c in claims] == [("sdf", "2024-05-05")]
    assert all("التابع" not in s.text for s in claims[0].evidence)


def _statements(claims: list[Claim]) -> list[tuple[str, str]]:
    return [(c.source, c.statement.kind) for c in claims if c.statement is not None]


def test_a_denying_participle_keeps_the_speaker_not_the_civilians_after_it(run: Run) -> None:
    claims = run("وقالت قوات سوريا الديمقراطية إن مقاتليها ردوا على مصادر النيران، نافيةً استهداف المدنيين.")
    assert ("sdf", "denial") in _statements(claims)
    assert all(source != "civilians" for source, _ in _statements(claims))


def test_a_negated_verb_is_the_speakers_denial(run: Run) -> None:
    claims = run("وقالت وزارة الدفاع إن وحداتها ردت على القصف، مؤكدة أنها لا تستهدف المدنيين في أي منطقة.")
    assert _statements(claims) == [("syrian-defence-ministry", "denial")]


def test_the_armed_forces_are_never_a_rebel_group(registry: ActorRegistry, lexicons: Lexicons) -> None:
    # "القوات" alone may be a militia's; "القوات المسلحة" is a state's army, here none is named
    text = "أعلن جيش الأحرار السيطرة على البلدة. وقالت القوات المسلحة إن الهجوم فشل."
    norm = normalize(text)
    directory = ActorDirectory(registry, lexicons.get("unnamed_sources"))
    found = [(m.actor_id, m.span.text) for m in find_mentions(norm, registry, lexicons, directory)]
    assert all(actor != "free-army" for actor, span in found if span.startswith("القوات"))
    text = "هاجم جيش الأحرار حاجزاً لقوات النظام. وقالت القوات المسلحة إن الهجوم فشل."
    found = [(m.actor_id, m.span.text) for m in find_mentions(normalize(text), registry, lexicons, directory)]
    assert ("syrian-arab-army", "القوات المسلحة") in found


def test_an_outlet_affiliated_to_a_named_group_speaks_for_it(run: Run) -> None:
    claims = run('وقالت قناة "الفجر" التابعة لقسد إن مقاتليها قتلوا 6 من المرتزقة في ريف البلدة.')
    assert [s for _, _, s, _ in figures(claims)] == ["sdf"]


def test_a_bare_month_name_in_a_site_name_does_not_make_a_sentence_past(
    registry: ActorRegistry, lexicons: Lexicons
) -> None:
    text = 'وقال مصدر عسكري لموقع "أكتوبر نت" إن 3 جنود قُتلوا في الهجوم على الحاجز.'
    claims = [
        c
        for c in claims_of(text, registry, lexicons, "2024-04-22", resolve_dates=True)
        if c.figure is not None
    ]
    assert [(c.figure.kind, c.figure.value) for c in claims if c.figure] == [("killed", 3)]
    assert claims[0].said_on is not None and claims[0].said_on.date == "2024-04-22"


def test_a_name_before_a_conjoined_verb_after_a_comma_is_not_its_speaker(run: Run) -> None:
    text = "ونفت قوات النظام سقوط أي حاجز بيد قسد، وقال الناطق باسم الفرقة إن 5 من عناصرها قتلوا."
    assert [(k, v, s) for k, v, s, _ in figures(run(text))] == [("killed", 5, "syrian-arab-army")]


def test_its_fighters_targeted_is_a_claim_of_responsibility(run: Run) -> None:
    claims = run("وقالت قوات سوريا الديمقراطية إن مقاتليها استهدفوا رتلاً لتنظيم داعش قرب البلدة.")
    assert _statements(claims) == [("sdf", "responsibility")]
