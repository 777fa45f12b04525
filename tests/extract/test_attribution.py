from __future__ import annotations

import datetime as dt

from rasid.model import Span
from rasid.text.dates import ResolvedDate
from tests.extract.conftest import Run, figures


def test_source_after_the_figure(run: Run) -> None:
    claims = run("قُتل 7 مدنيين في غارات على البلدة، بحسب ما أفاد المرصد السوري.")
    assert figures(claims) == [("killed", 7, "sohr", "civilians")]


def test_speaker_before_the_verb(run: Run) -> None:
    claims = run("وكان قائد قسد، مظلوم عبدي، قد قال إن قواته اعتقلت 30 من عناصر داعش.")
    assert figures(claims) == [("arrested", 30, "mazloum-abdi", "islamic-state")]


def test_generic_agency_and_relay_via(run: Run) -> None:
    text = (
        "نشرت وكالة أعماق بياناً عن الهجوم.\n"
        "وحسبما نقلت الوكالة عن مصدر عسكري في الدولة الإسلامية، فإن الهجوم بدأ فجراً.\n"
        "وأسفرت الاشتباكات، حسب الوكالة، عن مقتل أكثر من 50 عنصراً من قسد."
    )
    claims = [c for c in run(text) if c.figure]
    assert [(c.source, c.via, c.figure.of if c.figure else None) for c in claims] == [
        ("amaq", ("islamic-state",), "sdf")
    ]


def test_carried_over_speaker(run: Run) -> None:
    text = "قال المرصد السوري إن القصف طال السوق.\nوأضاف أن الحصيلة بلغت مقتل 6 أشخاص."
    assert [f[:3] for f in figures(run(text))] == [("killed", 6, "sohr")]


def test_surname_and_title_resolution(run: Run) -> None:
    text = (
        "قال مدير المركز الإعلامي لقسد، فرهاد شامي، إن المقاتلين أسروا 3 عناصر.\n"
        "وقال مظلوم عبدي إن الوضع مستقر.\nوأضاف عبدي أن قواته اعتقلت 12 شخصاً."
    )
    assert [f[:3] for f in figures(run(text))] == [
        ("captured", 3, "farhad-shami"),
        ("arrested", 12, "mazloum-abdi"),
    ]


def test_unnamed_sources(run: Run) -> None:
    claims = run("وقالت مصادر طبية إن 4 أشخاص قتلوا في الانفجار.")
    assert [c.source for c in claims] == ["unnamed-medical-sources"]


def test_article_voice_without_attribution(run: Run) -> None:
    assert [c.source for c in run("قتل 5 مدنيين في انفجار عبوة ناسفة.")] == ["article"]


def test_stances(run: Run) -> None:
    (alleged,) = [c for c in run("وزعمت وكالة أعماق أن مقاتلي التنظيم قتلوا 20 عنصراً.") if c.figure]
    (denied,) = [c for c in run("ونفت وزارة الدفاع مقتل 10 جنود في الهجوم.") if c.figure]
    (unconf,) = [
        c for c in run("وقال المرصد السوري إن 8 أشخاص قتلوا. ولم يتسن التحقق من الحصيلة.") if c.figure
    ]
    assert (alleged.stance, denied.stance, unconf.stance) == ("alleged", "denied", "unconfirmed")


def test_said_on_from_reporting_clause(run: Run) -> None:
    text = "وكانت قسد أعلنت أمس السبت مقتل 17 من عناصرها."
    start = text.index("أمس السبت")
    day = dt.date(2022, 1, 22)
    span = Span(start, start + len("أمس السبت"), "أمس السبت")
    (c,) = run(text, dates=[ResolvedDate(span, day, day, "day", "yesterday")])
    assert c.said_on is not None and (c.said_on.date, c.said_on.precision) == ("2022-01-22", "day")
    (c2,) = run(text)
    assert c2.said_on is None
