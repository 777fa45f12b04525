"""Armed groups the text does not name ("مجموعتين مسلحتين") are ACLED's Unidentified Armed Group."""

from __future__ import annotations

from rasid.pipeline import Pipeline
from tests.extract.helpers import run

# Our own sentence.
TEXT = "اندلعت مساء أمس اشتباكات بالأسلحة الخفيفة بين مجموعتين مسلحتين في حي الناصرية بمدينة سبها الليبية."


def test_unnamed_armed_groups_are_the_unidentified_armed_group(pipeline: Pipeline) -> None:
    record = run(pipeline, TEXT, published="2024-01-05")
    [event] = record.events
    assert event.type.sub_event_type == "Armed clash"
    assert event.actor1 == "unidentified-armed-group"
