"""A side inferred from what a speaker calls the dead ("المرتزقة") is the claim's `of`, but the events
layer does not take it as the event's target."""

from __future__ import annotations

from rasid.model import Article
from rasid.pipeline import Pipeline, _new_doc

# Our own sentence: an armed group's claim that names no opponent, only an insult for them.
TEXT = "قالت هيئة تحرير الشام إن مقاتليها قتلوا 12 من المرتزقة في هجوم على مواقع قرب سراقب في ريف إدلب أمس."


def test_insult_gives_the_claim_a_side_but_not_the_event_a_target(pipeline: Pipeline) -> None:
    doc = _new_doc(Article(id="t", text=TEXT, published="2024-08-10"))
    for stage in pipeline.stages:
        stage.func(doc, pipeline.context)
    [claim] = [c for c in doc.claims if c.figure is not None and c.figure.value == 12]
    assert claim.figure is not None and claim.figure.of is not None  # the speaker's enemy
    assert doc.layers["insult_sided_claims"] == {claim.id}
    assert all(e.actor2 != claim.figure.of for e in doc.events)
