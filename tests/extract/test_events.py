"""Events on sentences we wrote for each phenomenon, through the real pipeline and packaged resources."""

from __future__ import annotations

import pytest

from rasid.model import Article, Event, Record
from rasid.pipeline import Pipeline
from tests.extract.helpers import run


def only(record: Record, sub_event_type: str) -> Event:
    found = [e for e in record.events if e.type.sub_event_type == sub_event_type]
    assert len(found) == 1, [(e.type.sub_event_type, e.place and e.place.name) for e in record.events]
    return found[0]


def test_air_strike_with_date_place_and_actors(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "شنّ الطيران الحربي الروسي، أمس الجمعة، غارات جوية على أطراف مدينة أريحا في ريف إدلب الجنوبي، "
        "ما أدى إلى مقتل أربعة مدنيين، بحسب الدفاع المدني.",
    )
    event = only(rec, "Air/drone strike")
    assert event.date is not None and (event.date.start, event.date.end) == ("2024-03-08", "2024-03-08")
    assert (
        event.place is not None and event.place.country == "SY" and event.place.admin1 in ("Idlib", "Idleb")
    )
    assert event.actor1 == "russian-armed-forces"  # the air force is coded as the forces it belongs to
    assert event.actor2 == "civilians"
    assert {a.id for a in rec.actors} >= {"russian-armed-forces", "civilians"}


def test_negated_and_threatened_attacks_are_not_events(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "قال مسؤول محلي إن مدينة الرقة لم تشهد اشتباكات منذ أسابيع. "
        "وتوعدت الفصائل بشن هجوم واسع على مواقع الجيش في ريف حماة خلال الأيام المقبلة.",
    )
    assert rec.events == ()


def test_anniversary_and_history_are_not_new_events(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "يحيي العراقيون اليوم الذكرى العاشرة لمجزرة سبايكر التي قتل فيها مئات الطلاب قرب تكريت عام 2014.",
        published="2024-06-12",
    )
    assert rec.events == ()


def test_event_dated_long_before_publication_is_background(pipeline: Pipeline) -> None:
    rec = run(
        pipeline, "وكانت المدينة قد شهدت في تشرين الأول 2019 اشتباكات عنيفة بين الجيش والفصائل في درعا."
    )
    assert rec.events == ()


def test_hashtag_country_in_an_embedded_post_is_not_the_place(pipeline: Pipeline) -> None:
    text = (
        "قُتل ثلاثة عناصر من قوات الأمن، أمس الجمعة، في هجوم مسلح على حاجز قرب مدينة الحسكة.\n"
        "مقطع يظهر لحظة الهجوم #العراق #سوريا pic.twitter.com/abcDEF123\n"
        "— مراسل ميداني (@field_reporter) March 8, 2024\n"
    )
    rec = run(pipeline, text)
    assert rec.events, "the attack itself is an event"
    assert all(e.place is None or e.place.country == "SY" for e in rec.events)


def test_wire_copy_printed_a_day_later_is_dated_by_its_weekday(pipeline: Pipeline) -> None:
    # Published on Saturday 9 March; the copy says "today, Friday".
    rec = run(
        pipeline, "انفجرت عبوة ناسفة اليوم الجمعة بدورية للجيش العراقي في قضاء المقدادية بمحافظة ديالى."
    )
    event = only(rec, "Remote explosive/landmine/IED")
    assert event.date is not None and event.date.start == "2024-03-08"


def test_dateline_city_is_not_where_the_event_happened(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "بيروت (أ ف ب) - قُتل خمسة مدنيين الخميس في قصف مدفعي على بلدة دارة عزة في ريف حلب الغربي.",
    )
    event = only(rec, "Shelling/artillery/missile attack")
    assert event.place is not None and event.place.country == "SY"


def test_two_places_two_events(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "شنّت طائرات حربية غارات جوية على بلدة سرمين في ريف إدلب صباح الجمعة.\n"
        "وفي درعا، اندلعت اشتباكات بين مسلحين مجهولين وعناصر من قوات النظام في مدينة طفس مساء الجمعة.",
    )
    strike = only(rec, "Air/drone strike")
    clash = only(rec, "Armed clash")
    assert strike.place is not None and clash.place is not None
    assert strike.place.admin1 != clash.place.admin1


def test_weapon_named_as_instrument_joins_the_clash(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "هاجم عناصر تنظيم الدولة الإسلامية، فجر الجمعة، حاجزاً للجيش العراقي في قضاء الطارمية، "
        "واستهدفوا الحاجز بقذائف الهاون قبل أن تندلع اشتباكات استمرت ساعة.",
    )
    assert [e.type.sub_event_type for e in rec.events] == ["Armed clash"]
    event = rec.events[0]
    assert event.actor1 == "islamic-state"


def test_casualty_claims_from_opposing_sides_are_reconciled_as_contested(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "قال الجيش الوطني السوري إن مقاتليه قتلوا 30 عنصراً من قسد في اشتباكات قرب منبج يوم الجمعة، "
        "بينما أعلنت قوات سوريا الديمقراطية مقتل 4 من مقاتليها فقط.",
    )
    event = only(rec, "Armed clash")
    killed = event.figures.get("killed")
    assert killed is not None
    assert killed.low == 4 and killed.high == 30 and killed.contested
    assert all(c.event == event.id for c in rec.claims if c.figure and c.figure.kind == "killed")


@pytest.mark.shared
def test_seed_attack_on_the_prison(pipeline: Pipeline, seed_text: str) -> None:
    """The seed (../shared): the IS assault on Ghwayran prison, Thursday 2022-01-20, with the killed
    figure disputed between Amaq (more than 200) and the SDF (17); the #العراق hashtag places nothing."""
    rec = pipeline.process_one(Article("seed", seed_text))
    assert rec.article.published == "2022-01-23"
    assert all(e.place is None or e.place.country == "SY" for e in rec.events)
    main = [
        e for e in rec.events if e.date and e.date.start == "2022-01-20" and e.type.event_type == "Battles"
    ]
    assert main, [(e.type.sub_event_type, e.date) for e in rec.events]
    event = main[0]
    assert event.place is not None and event.place.admin1 in ("Al-Hasakah", "Al Hasakah", "Hasakah")
    assert {event.actor1, event.actor2} == {"islamic-state", "sdf"}
    killed = event.figures["killed"]
    assert killed.low == 17 and killed.high is not None and killed.high >= 200 and killed.contested


def test_an_attack_nobody_claimed_is_coded_to_an_unidentified_group(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "قُتل ثلاثة مدنيين، أمس الجمعة، بانفجار عبوة ناسفة استهدفت سيارتهم قرب بلدة الطارمية شمال بغداد. "
        "ولم تعلن أي جهة مسؤوليتها عن التفجير، فيما يتهم مسؤولون محليون خلايا تنظيم داعش.",
    )
    event = only(rec, "Remote explosive/landmine/IED")
    assert event.actor1 == "unidentified-armed-group"
    assert event.actor2 == "civilians"


def test_the_party_that_reports_civilian_deaths_is_not_the_attacker(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "اتهمت قوات الدعم السريع الجيش السوداني بقتل 12 مدنياً، أمس الجمعة، في غارات جوية على سوق مدينة نيالا.",
    )
    event = only(rec, "Air/drone strike")
    assert event.actor1 == "saf" and event.actor2 == "civilians"


def test_a_nationality_after_the_trigger_names_the_striker(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "استهدفت طائرة مسيّرة تركية، أمس الجمعة، سيارة تقل عناصر من قوات الأسايش في مدينة القامشلي، "
        "ما أدى إلى مقتل عنصرين.",
    )
    event = only(rec, "Air/drone strike")
    assert event.actor1 == "turkish-armed-forces"
    assert "turkish-armed-forces" in {a.id for a in rec.actors}
