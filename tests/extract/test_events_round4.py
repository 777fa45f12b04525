"""Round-4 event rules, each on our own sentences: the target of violence against civilians, and the
gazetteer supplement rows the Sahel examples need."""

from __future__ import annotations

from rasid.model import Article
from rasid.pipeline import Pipeline


def test_abduction_of_a_named_trade_targets_civilians(pipeline: Pipeline) -> None:
    # A farmer taken by gunmen: no casualty figure and no civilian word, yet the target is civilian.
    text = "خطف مسلحون مجهولون، مساء أمس الأحد، مزارعاً من أرضه قرب بلدة نوى بريف درعا الغربي."
    record = pipeline.process_one(Article(id="t1", text=text, published="2024-03-11"))
    vac = [e for e in record.events if e.type.event_type == "Violence against civilians"]
    assert vac, [e.type for e in record.events]
    assert vac[0].actor2 == "civilians"


def test_fada_ngourma_is_a_town_in_the_est_region(pipeline: Pipeline) -> None:
    text = "قتل مسلحون يعتقد أنهم من جماعة نصرة الإسلام والمسلمين سبعة مدنيين، مساء الخميس، في هجوم على سوق مدينة فادا نغورما."
    record = pipeline.process_one(Article(id="t2", text=text, published="2024-02-10"))
    assert record.events
    place = record.events[0].place
    assert place is not None
    assert place.country == "BF"
    assert place.admin1 == "Est"
    assert abs(place.lat - 12.06) < 0.1 and abs(place.lon - 0.36) < 0.1


def test_arrests_made_dispersing_a_protest_belong_to_it(pipeline: Pipeline) -> None:
    text = (
        "فرّقت الشرطة، مساء أمس الأحد، مئات المتظاهرين في مدينة تعز بالغاز المسيل للدموع.\n"
        "وقال شهود إن عناصر الشرطة اعتقلت عدداً من المتظاهرين خلال تفريقهم."
    )
    record = pipeline.process_one(Article(id="t3", text=text, published="2024-06-10"))
    subtypes = [e.type.sub_event_type for e in record.events]
    assert subtypes == ["Protest with intervention"], subtypes


def test_gatherings_on_different_days_are_two_events(pipeline: Pipeline) -> None:
    text = (
        "فرّقت الشرطة، مساء أمس الأحد، مئات المتظاهرين في مدينة المكلا بالغاز المسيل للدموع.\n"
        "وفي مدينة سيئون، نظّم العشرات صباح اليوم الاثنين وقفة احتجاجية سلمية أمام مبنى المحافظة."
    )
    record = pipeline.process_one(Article(id="t4", text=text, published="2024-06-10"))
    days = sorted(str(e.date.start) for e in record.events if e.date is not None)
    assert days == ["2024-06-09", "2024-06-10"], days
    vigil = next(e for e in record.events if e.date is not None and str(e.date.start) == "2024-06-10")
    assert vigil.place is not None and vigil.place.name == "Seiyun"
