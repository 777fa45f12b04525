"""Rules from the tests/golden3 error classes, each on a sentence of our own."""

from __future__ import annotations

from rasid.model import Article, Record
from rasid.pipeline import Pipeline


def _run(pipeline: Pipeline, text: str, published: str = "2024-03-06") -> Record:
    return pipeline.process_one(Article(id="t", text=text, language="ar", published=published))


def _types(record: Record) -> list[str]:
    return [e.type.sub_event_type for e in record.events]


def test_weapon_named_as_support_joins_the_fight(pipeline: Pipeline) -> None:
    text = (
        "حماة – قال مصدر عسكري اليوم الأربعاء إن عناصر من قوات النظام هاجموا نقطة للفصائل قرب بلدة كفرنبودة، "
        "واندلعت اشتباكات عنيفة تمكنت خلالها الفصائل بإسناد من تعزيزات وطائرات مسيّرة من صد الهجوم."
    )
    types = _types(_run(pipeline, text))
    assert "Armed clash" in types
    assert "Air/drone strike" not in types


def test_what_a_protest_denounces_is_not_an_event(pipeline: Pipeline) -> None:
    text = (
        "نظّم العشرات من أهالي مدينة جاسم بريف درعا اليوم الأربعاء وقفة احتجاجية رفعوا فيها لافتات "
        "تندد بعمليات الاغتيال وتطالب بالأمن."
    )
    types = _types(_run(pipeline, text))
    assert types == ["Peaceful protest"]


def test_an_anniversary_vigil_held_today_is_an_event(pipeline: Pipeline) -> None:
    text = (
        "نظّم ناشطون ظهر اليوم الأربعاء وقفة صامتة في مدينة الباب بريف حلب إحياءً للذكرى العاشرة لحصار المدينة."
    )
    assert _types(_run(pipeline, text)) == ["Peaceful protest"]


def test_displaced_people_come_from_a_place_the_event_is_not_at(pipeline: Pipeline) -> None:
    text = (
        "نظّم العشرات من المهجّرين من مدينة داريا وقفة احتجاجية اليوم الأربعاء في مدينة إدلب للمطالبة بالعودة."
    )
    record = _run(pipeline, text)
    assert [e.place.name_ar for e in record.events if e.place] == ["إدلب"]


def test_adjective_written_like_a_town_is_not_the_town(pipeline: Pipeline) -> None:
    text = "نظّم معلمون في ريف حماة اليوم الأربعاء وقفة احتجاجية سلمية للمطالبة برفع الأجور."
    record = _run(pipeline, text)
    places = [e.place.name_ar for e in record.events if e.place]
    assert len(places) == 1 and "السلمية" not in places


def test_unnamed_protesters_are_the_protest_actor(pipeline: Pipeline) -> None:
    record = _run(pipeline, "خرجت اليوم الأربعاء مظاهرة في مدينة السويداء للمطالبة بالإفراج عن المعتقلين.")
    assert [e.actor1 for e in record.events] == ["protesters"]
