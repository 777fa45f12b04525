"""A place name that is a common word too ("بحري": Khartoum North, and "nautical"/"naval") counts only
inside the article's own countries unless a cue word names it."""

from __future__ import annotations

from rasid.model import Article
from rasid.pipeline import Pipeline, _new_doc

# Our own sentences: a naval attack off Yemen, and a clash in Khartoum North named by its cue.
YEMEN = (
    "أعلنت جماعة الحوثيين في اليمن أن قواتها البحرية استهدفت سفينة تجارية بصاروخ قبالة الحديدة.\n"
    "وقالت شركة الملاحة إن السفينة تعمل في النقل البحري ولم تصب بأي أضرار."
)
SUDAN = "اندلعت اشتباكات عنيفة بين الجيش السوداني وقوات الدعم السريع في مدينة بحري أمس."


def _place_countries(pipeline: Pipeline, text: str) -> dict[str, str]:
    """Every resolved place of the article (not only event places): surface text -> country."""
    doc = _new_doc(Article(id="t", text=text, published="2024-02-13"))
    for stage in pipeline.stages:
        stage.func(doc, pipeline.context)
        if stage.name == "places":
            break
    return {p.span.text: p.entry.country for p in doc.layers["place_mentions"]}


def test_nautical_is_no_city_in_sudan_and_with_any_no_region_in_somalia(pipeline: Pipeline) -> None:
    found = _place_countries(pipeline, YEMEN)
    assert "YE" in found.values()
    assert not {"SD", "SO"} & set(found.values()), found


def test_bahri_with_its_cue_is_khartoum_north(pipeline: Pipeline) -> None:
    assert _place_countries(pipeline, SUDAN).get("بحري") == "SD"
