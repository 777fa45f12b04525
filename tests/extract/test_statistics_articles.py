"""A statistics article (a periodic report or tally in the headline or lede) lists causes and incident
counts that are not events; an incident it tells with its own day still is one."""

from __future__ import annotations

from rasid.model import Article
from rasid.pipeline import Pipeline

# Our own article: a monitor's monthly report.
REPORT = (
    "منظمة حقوقية: 30 ضحية مدنية في ليبيا خلال أيار\n"
    "قالت منظمة رصد حقوقية في تقريرها الشهري الصادر اليوم إن 30 مدنياً سقطوا بين قتيل وجريح خلال شهر أيار.\n"
    "وأوضح التقرير أن القصف العشوائي كان السبب الأول للإصابات، تلته الاشتباكات والعبوات الناسفة.\n"
    "وسجلت المنظمة 5 حوادث استهدفت منازل في طرابلس و2 طالت مستشفيات."
)
INCIDENT = "\nوكان أعنف الحوادث قصفاً صاروخياً استهدف حي أبو سليم في طرابلس يوم 12 أيار وأوقع 4 قتلى."


def test_a_monthly_report_describes_no_event(pipeline: Pipeline) -> None:
    record = pipeline.process_one(Article(id="r", text=REPORT, published="2024-06-02"))
    assert record.events == ()


def test_an_incident_told_with_its_day_is_still_an_event(pipeline: Pipeline) -> None:
    record = pipeline.process_one(Article(id="r", text=REPORT + INCIDENT, published="2024-06-02"))
    assert [e.date.start for e in record.events if e.date is not None] == ["2024-05-12"]
