from __future__ import annotations

from rasid.model import (
    Actor,
    ArticleMeta,
    Claim,
    Event,
    EventDate,
    EventType,
    Figure,
    FigureRange,
    PipelineInfo,
    Place,
    Record,
    SaidOn,
    Span,
    Statement,
    sha256_text,
)
from rasid.validate import record_errors

TEXT = "قالت وكالة أعماق إن أكثر من 200 عنصر قتلوا في الحسكة."


def sample_record(text: str = TEXT) -> Record:
    amaq = Span.of(text, 5, 16)
    figure = Span.of(text, 20, 34)
    place = Span.of(text, text.index("الحسكة"), text.index("الحسكة") + len("الحسكة"))
    return Record(
        status="ok",
        pipeline=PipelineInfo("0.1.0", {"actors": "0" * 64}),
        article=ArticleMeta("a1", None, None, None, "ar", "2022-01-23", "given", sha256_text(text)),
        actors=(Actor("amaq", "Amaq", "أعماق", "media", "islamic-state", (amaq,)),),
        claims=(
            Claim(
                "c1",
                "amaq",
                "asserted",
                (figure, amaq),
                via=("islamic-state",),
                said_on=SaidOn("2022-01-22"),
                figure=Figure("killed", 200, "more_than", 201, None, "sdf", "prison director"),
                event="e1",
            ),
            Claim("c2", "amaq", "alleged", (amaq,), statement=Statement("control", "controls the prison")),
        ),
        events=(
            Event(
                "e1",
                EventType("Battles", "Armed clash", "ASSAULT"),
                EventDate("2022-01-20", "2022-01-20", "day", "weekday_last", (figure,)),
                Place(
                    "Al-Hasakah",
                    "الحسكة",
                    "gn:173194",
                    36.5,
                    40.75,
                    "SY",
                    "Al-Hasakah",
                    None,
                    None,
                    "town",
                    (place,),
                ),
                actor1="islamic-state",
                actor2="sdf",
                figures={"killed": FigureRange(201, 201, 201, False, ("c1",))},
                evidence=(figure,),
            ),
        ),
        warnings=("a warning",),
    )


def test_round_trip_is_lossless() -> None:
    rec = sample_record()
    assert Record.from_dict(rec.to_dict()) == rec
    assert Record.from_dict(rec.to_dict()).to_dict() == rec.to_dict()


def test_sample_record_is_valid() -> None:
    assert record_errors(sample_record().to_dict(), TEXT) == []


def test_span_of_takes_exact_characters() -> None:
    s = Span.of(TEXT, 5, 16)
    assert TEXT[s.start : s.end] == s.text == "وكالة أعماق"
