"""Event actors, round 2: forces and ministries named without a country, on sentences we wrote for each
rule, through the real pipeline and packaged resources."""

from __future__ import annotations

from rasid.model import Article, Record
from rasid.pipeline import Pipeline
from tests.extract.helpers import run


def actor_ids(record: Record) -> set[str]:
    return {a.id for a in record.actors}


def test_a_shared_ministry_alias_takes_the_country_of_the_places(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "أصيب خمسة متظاهرين، أمس الجمعة، في مدينة البصرة جنوبي العراق. "
        "وقالت وزارة الداخلية في بيان إن ثلاثة من عناصرها أصيبوا بالحجارة.",
    )
    assert "iraqi-interior-ministry" in actor_ids(rec)
    assert "egyptian-interior-ministry" not in actor_ids(rec)


def test_security_forces_without_a_country_are_the_forces_of_the_event_country(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "فرّقت قوات الأمن، أمس الجمعة، احتجاجاً على البطالة في مدينة الديوانية جنوبي العراق، "
        "واستخدمت الغاز المسيل للدموع ضد المحتجين.",
    )
    assert rec.events
    parties = {rec.events[0].actor1, rec.events[0].actor2}
    assert "protesters" in parties
    assert parties & {"iraqi-army", "iraqi-security-forces"}


def test_security_forces_are_not_added_beside_named_forces_of_that_country(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "اشتبك الجيش العراقي، أمس الجمعة، مع مسلحين من تنظيم داعش في قضاء الطارمية شمالي بغداد، "
        "وقالت قوات الأمن إن الاشتباك استمر ساعتين.",
    )
    assert rec.events
    assert rec.events[0].actor1 in ("iraqi-army", "islamic-state")
    assert {rec.events[0].actor1, rec.events[0].actor2} == {"iraqi-army", "islamic-state"}


def test_a_group_whose_spokesman_reports_is_not_a_party(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "قُتل 6 أشخاص في تفجير انتحاري استهدف سوقاً في مدينة كيسمايو مساء الجمعة، وفق ما أعلن المتحدث "
        "باسم الشرطة الصومالية. وتبنت حركة الشباب التفجير في بيان.",
    )
    assert rec.events
    assert rec.events[0].actor1 == "al-shabaab"
    assert "somali-police" not in (rec.events[0].actor1, rec.events[0].actor2)


def test_a_group_whose_members_a_strike_targeted_beats_passers_by(pipeline: Pipeline) -> None:
    rec = run(
        pipeline,
        "قُتل شخصان وأصيب 4 مارة بجروح في غارة نفذتها مسيّرة إسرائيلية على سيارة في بلدة الخيام أمس الجمعة. "
        "وقال الجيش الإسرائيلي إن الغارة استهدفت عنصرين من وحدة المدفعية في حزب الله.",
    )
    assert rec.events
    assert {rec.events[0].actor1, rec.events[0].actor2} == {"idf", "hezbollah"}


def test_where_the_dead_came_from_is_not_where_the_event_happened(pipeline: Pipeline) -> None:
    doc = pipeline.run(
        Article(
            "t",
            "قُتل أربعة جنود في هجوم على حاجز في بادية تدمر أمس الجمعة. "
            "وقالت مصادر محلية إن القتلى من الجنود المنحدرين من ريف حماة.",
            published="2024-03-09",
        )
    )
    roles = {p.span.text: p.role for p in doc.layers["place_mentions"]}
    hama = [r for name, r in roles.items() if "حماة" in name]
    assert hama == ["origin"]
    assert all("حماة" not in (e.place.name_ar or "") for e in doc.events if e.place)
