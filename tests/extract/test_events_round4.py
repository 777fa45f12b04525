"""Round-4 event rules, each on our own sentences: the target of violence against civilians, and the
gazetteer supplement rows the Sahel examples need."""

from __future__ import annotations

import pytest

from rasid.model import Article
from rasid.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.default()


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
