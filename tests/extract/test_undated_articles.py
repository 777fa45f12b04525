"""Without a publication date, incidents told on different relative days stay separate events (their
dates are read against a stand-in anchor), and no event carries a date that needed the real anchor."""

from __future__ import annotations

from rasid.model import Article
from rasid.pipeline import Pipeline

# Our own wire copy with no dateline date and no publication date.
TEXT = (
    "قصف جوي على مواقع للتنظيم في جبال حمرين\n"
    "أعلنت خلية الإعلام الأمني أن طائرات القوة الجوية نفذت فجر أمس الأربعاء ثلاث ضربات جوية على أوكار "
    "لتنظيم داعش في سلسلة جبال حمرين.\n"
    "وكان مسلحون من التنظيم قد شنوا الخميس الماضي هجوماً على نقطة للحشد الشعبي في مطيبيجة."
)


def test_incidents_on_different_relative_days_stay_apart(pipeline: Pipeline) -> None:
    record = pipeline.process_one(Article(id="u", text=TEXT))
    assert record.article.published is None
    types = sorted(e.type.sub_event_type for e in record.events)
    assert len(types) == 2, types
    assert all(e.date is None for e in record.events)
    assert sum("[W102]" in w for w in record.warnings) == 2
