""" "عناصرها" (its members) names the speaker's own people only when the speaker is a party with members;
in the words of an unnamed source or a monitor the pronoun points at a group named before it."""

from __future__ import annotations

from rasid.pipeline import Pipeline
from tests.extract.helpers import run

# Our own sentences.
UNNAMED = "قال مصدر أمني إن هجوماً استهدف نقطة تابعة للحشد الشعبي أسفر عن مقتل اثنين من عناصرها."
PARTY = "أعلنت هيئة تحرير الشام في بيان مقتل ثلاثة من عناصرها في قصف على مواقعها قرب سراقب."


def _of(pipeline: Pipeline, text: str, value: int) -> tuple[str, str | None]:
    record = run(pipeline, text)
    [claim] = [c for c in record.claims if c.figure is not None and c.figure.value == value]
    assert claim.figure is not None
    return claim.source, claim.figure.of


def test_an_unnamed_source_has_no_members_of_its_own(pipeline: Pipeline) -> None:
    source, of = _of(pipeline, UNNAMED, 2)
    assert source.startswith("unnamed-") and of != source


def test_a_party_counts_its_own_members(pipeline: Pipeline) -> None:
    assert _of(pipeline, PARTY, 3) == ("hts", "hts")
