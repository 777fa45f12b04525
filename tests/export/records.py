"""Hand-built ``rasid.article/1`` records for the export tests: our own made-up texts, several events,
competing claims (a dispute), an undated/ungeolocated event, a record without claims and an error record."""

from __future__ import annotations

from typing import Any

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

# Made up for these tests (not from any outlet).
TEXT_SY = (
    "قالت وكالة أعماق إن مقاتلي التنظيم قتلوا أكثر من 50 عنصراً من قسد في هجوم على حاجز قرب الشحيل، "
    "فيما قال المركز الإعلامي لقسد إن 6 من عناصره قتلوا وأصيب 9 آخرون. "
    "وقالت مصادر محلية إن مدنيين اثنين قتلا بقصف لقوات النظام على ريف إدلب."
)
TEXT_IQ = "Iraqi security forces arrested a suspected cell leader in Mosul on Tuesday, a statement said."


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span.of(text, start, start + len(needle))


def disputed_record() -> Record:
    t = TEXT_SY
    amaq, sdf_mc, local = _span(t, "وكالة أعماق"), _span(t, "المركز الإعلامي لقسد"), _span(t, "مصادر محلية")
    k50, k6, i9 = _span(t, "أكثر من 50 عنصراً"), _span(t, "6 من عناصره قتلوا"), _span(t, "أصيب 9")
    civ2 = _span(t, "مدنيين اثنين")
    shuhayl, idlib = _span(t, "الشحيل"), _span(t, "ريف إدلب")
    return Record(
        status="ok",
        pipeline=PipelineInfo("0.3.1", {"actors": "a" * 64}),
        article=ArticleMeta(
            "sy-1",
            "https://example.org/sy-1",
            "Example Post",
            "هجوم على حاجز",
            "ar",
            "2023-03-06",
            "given",
            sha256_text(t),
        ),
        actors=(
            Actor("amaq", "Amaq", "أعماق", "media", "islamic-state", (amaq,)),
            Actor("islamic-state", "Islamic State", "تنظيم الدولة", "rebel_group"),
            Actor("sdf", "SDF", "قسد", "rebel_group", None, (_span(t, "قسد"),)),
            Actor("sdf-media-centre", "SDF media centre", "المركز الإعلامي لقسد", "media", "sdf", (sdf_mc,)),
            Actor("asayish", "Asayish", "الأسايش", "identity_militia", "sdf"),
            Actor("international-coalition", "International Coalition", "التحالف الدولي", "external_force"),
            Actor("syrian-army", "Military Forces of Syria", "قوات النظام", "state_forces"),
            Actor("civilians", "Civilians", "مدنيين", "civilians", None, (civ2,)),
            Actor("unnamed-local-sources", "Local sources", "مصادر محلية", "other", None, (local,)),
        ),
        claims=(
            Claim(
                "c1",
                "amaq",
                "asserted",
                (k50,),
                via=("islamic-state",),
                said_on=SaidOn("2023-03-05"),
                figure=Figure("killed", 50, "more_than", 51, None, "sdf"),
                event="e1",
            ),
            Claim(
                "c2",
                "sdf-media-centre",
                "asserted",
                (k6,),
                said_on=SaidOn("2023-03-06"),
                figure=Figure("killed", 6, "exact", 6, 6, "sdf"),
                event="e1",
            ),
            Claim(
                "c3",
                "sdf-media-centre",
                "asserted",
                (i9,),
                said_on=SaidOn("2023-03-06"),
                figure=Figure("injured", 9, "exact", 9, 9, "sdf"),
                event="e1",
            ),
            Claim(
                "c4",
                "amaq",
                "alleged",
                (amaq,),
                via=("islamic-state",),
                statement=Statement("responsibility", "the Islamic State carried out the attack"),
                event="e1",
            ),
            Claim(
                "c5",
                "unnamed-local-sources",
                "asserted",
                (civ2,),
                figure=Figure("killed", 2, "exact", 2, 2, "civilians"),
                event="e2",
            ),
        ),
        events=(
            Event(
                "e1",
                EventType("Battles", "Armed clash", "ASSAULT"),
                EventDate("2023-03-05", "2023-03-05", "day", "weekday_last", ()),
                Place(
                    "Al-Shuhayl",
                    "الشحيل",
                    "gn:170000",
                    35.0512345,
                    40.3598765,
                    "SY",
                    "Deir ez-Zor",
                    "Al-Mayadin",
                    None,
                    "town",
                    (shuhayl,),
                ),
                actor1="islamic-state",
                actor2="sdf",
                assoc=("international-coalition", "asayish"),
                figures={
                    "killed": FigureRange(6, 6, 51, True, ("c1", "c2")),
                    "injured": FigureRange(9, 9, 9, False, ("c3",)),
                },
                evidence=(k50,),
            ),
            Event(
                "e2",
                EventType("Explosions/Remote violence", "Shelling/artillery/missile attack", "ATTACK"),
                EventDate("2023-03-02", "2023-03-05", "day", "range", ()),
                Place("Idlib", "إدلب", None, None, None, "SY", "Idlib", None, None, "admin1", (idlib,)),
                actor1="syrian-army",
                actor2="civilians",
                figures={"killed": FigureRange(2, 2, 2, False, ("c5",))},
                evidence=(civ2,),
            ),
        ),
    )


def arrest_record() -> Record:
    t = TEXT_IQ
    return Record(
        status="ok",
        pipeline=PipelineInfo("0.3.1", {}),
        article=ArticleMeta("iq-1", None, None, None, "en", None, "unknown", sha256_text(t)),
        actors=(
            Actor(
                "iraqi-security-forces",
                "Iraqi security forces",
                None,
                "state_forces",
                None,
                (_span(t, "Iraqi security forces"),),
            ),
        ),
        events=(
            Event(
                "e1",
                EventType("Strategic developments", "Arrests", None),
                EventDate("2023-02-01", "2023-02-28", "month", "month_only", ()),
                Place(
                    "Mosul",
                    "الموصل",
                    "gn:99072",
                    36.335,
                    43.11889,
                    "IQ",
                    "Nineveh",
                    "Mosul",
                    None,
                    "town",
                    (_span(t, "Mosul"),),
                ),
                actor1="iraqi-security-forces",
                evidence=(_span(t, "arrested"),),
            ),
        ),
    )


def error_record() -> Record:
    return Record(
        status="error",
        pipeline=PipelineInfo("0.3.1", {}),
        article=ArticleMeta("bad-1", None, None, None, "ar", None, "unknown", sha256_text("")),
        error="[E007] Article 'bad-1' has no text.",
    )


def all_records() -> list[dict[str, Any]]:
    from tests.test_model import sample_record

    return [r.to_dict() for r in (disputed_record(), arrest_record(), error_record(), sample_record())]


TEXTS = {"sy-1": TEXT_SY, "iq-1": TEXT_IQ}
