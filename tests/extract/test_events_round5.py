"""Round-5 event rules, each on our own sentences: two events told in one sentence each take the date and
place told with their own trigger; a generic trigger joins the nearest event of its sentence; a definite
word that recalls an event told before claims nothing of the sentence that recalls it."""

from __future__ import annotations

from rasid.model import Event
from rasid.pipeline import Pipeline
from tests.extract.helpers import run

TWO_EVENTS = (
    "سيطرت قوات الدعم السريع على مدينة النهود بعد معارك مع الجيش السوداني الليلة الماضية، "
    "فيما استهدفت طائرات مسيرة فجر اليوم مدينة سنار."
)


def _of_type(events: list[Event], event_type: str) -> Event:
    found = [e for e in events if e.type.event_type == event_type]
    assert len(found) == 1, [e.type for e in events]
    return found[0]


def test_each_event_of_a_sentence_takes_its_own_date_and_place(pipeline: Pipeline) -> None:
    record = run(pipeline, TWO_EVENTS, published="2024-03-09")
    battle = _of_type(list(record.events), "Battles")
    strike = _of_type(list(record.events), "Explosions/Remote violence")
    assert battle.date is not None and strike.date is not None
    assert battle.date.to_dict()["start"] == "2024-03-08"  # "الليلة الماضية", in the clause of the battles
    assert strike.date.to_dict()["start"] == "2024-03-09"  # "فجر اليوم", right after the drones
    assert battle.place is not None and strike.place is not None
    assert battle.place.name == "An Nuhūd"
    assert strike.place.name == "Sennar"


def test_a_generic_trigger_joins_the_nearest_event_of_its_sentence(pipeline: Pipeline) -> None:
    # "استهدفت" stands right before the drones, far from the battles told first in the sentence.
    record = run(pipeline, TWO_EVENTS, published="2024-03-09")
    strike = _of_type(list(record.events), "Explosions/Remote violence")
    battle = _of_type(list(record.events), "Battles")
    assert "استهدفت" in [s.text for s in strike.evidence]
    assert "استهدفت" not in [s.text for s in battle.evidence]


def test_a_recalled_event_claims_no_date_of_the_sentence_that_recalls_it(pipeline: Pipeline) -> None:
    # The killing is told undated first; "عملية الاغتيال" later only names it, so the breaches told at dawn
    # in that sentence's last clause do not date it (the agreement of last night, told before, still may).
    text = (
        "اغتال مسلحون قائداً أمنياً في مخيم عين الحلوة قرب صيدا. وتوصلت الفصائل مساء أمس إلى اتفاق لوقف "
        "إطلاق النار يقضي بتسليم المتهمين في عملية الاغتيال، إلا أن خروقات سجلت فجر اليوم."
    )
    record = run(pipeline, text, published="2024-03-09")
    killing = _of_type(list(record.events), "Violence against civilians")
    assert killing.date is not None
    assert killing.date.to_dict()["start"] == "2024-03-08"


def test_weapons_seized_in_a_raid_with_arrests_join_the_arrests(pipeline: Pipeline) -> None:
    text = "شنت قوات الأمن صباح اليوم حملة دهم في أحياء مدينة تعز أسفرت عن اعتقال خمسة مطلوبين ومصادرة أسلحة وذخائر."
    record = run(pipeline, text, published="2024-03-09")
    assert [e.type.sub_event_type for e in record.events] == ["Arrests"]


def test_weapons_seized_without_arrests_stay_an_event(pipeline: Pipeline) -> None:
    text = "أعلنت قوات الأمن صباح اليوم مصادرة أسلحة وذخائر في مخزن بأطراف مدينة تعز."
    record = run(pipeline, text, published="2024-03-09")
    assert [e.type.sub_event_type for e in record.events] == ["Disrupted weapons use"]
