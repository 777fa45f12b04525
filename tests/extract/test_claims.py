from __future__ import annotations

from pathlib import Path

import pytest

from rasid.model import Article
from rasid.pipeline import Pipeline
from tests.extract.conftest import Run, figures


def test_headline_and_body_are_one_claim(run: Run) -> None:
    text = "5 قتلى بقصف على البلدة\nقُتل 5 مدنيين في قصف على البلدة، بحسب ما أفاد المرصد السوري."
    claims = run(text)
    assert figures(claims) == [("killed", 5, "sohr", "civilians")]
    assert len([s for s in claims[0].evidence if s.text.startswith(("5", "قُتل"))]) == 2


def test_updated_toll_supersedes_earlier_figure(run: Run) -> None:
    text = (
        "ارتفعت حصيلة القتلى جراء القصف إلى 19 قتيلاً، وفق ما أعلن الدفاع المدني.\n"
        "وكان الدفاع المدني قد أعلن في حصيلة أولية مقتل 17 مدنياً."
    )
    assert [f[:3] for f in figures(run(text))] == [("killed", 19, "civil-defence")]


def test_statements(run: Run) -> None:
    claims = run("وقال مظلوم عبدي إن قواتنا تسيطر على السجن سيطرة كاملة.")
    st = [c for c in claims if c.statement]
    assert [(c.source, c.statement.kind) for c in st if c.statement] == [("mazloum-abdi", "control")]


def test_disagreeing_sources_keep_both(run: Run) -> None:
    text = (
        "قال المرصد السوري إن 13 عنصراً من قوات النظام قتلوا في الكمين.\n"
        "في المقابل، زعمت وكالة أعماق أن مقاتلي التنظيم قتلوا 20 عنصراً من قوات النظام."
    )
    got = [(c.source, c.stance, c.figure.value) for c in run(text) if c.figure]
    assert got == [("sohr", "asserted", 13), ("amaq", "alleged", 20)]


@pytest.mark.shared
def test_seed_claims(seed_text: str) -> None:
    pipe = Pipeline.from_config(
        ["normalize", "language", "segment", "posts", "quantities", "dates", "published", "actors", "claims"]
    )
    doc = pipe.run(Article(id="seed", text=seed_text))
    got = {(c.figure.kind, c.figure.value) for c in doc.claims if c.figure}
    for expected in [("killed", 200), ("vehicles_destroyed", 25), ("vehicles_seized", 4), ("freed", 800)]:
        assert expected in got
    k5 = [c for c in doc.claims if c.figure and (c.figure.kind, c.figure.value) == ("killed", 17)]
    assert k5 and k5[0].said_on is not None and k5[0].said_on.date == "2022-01-22"
    ids = {a.id for a in doc.actors}
    assert all(c.source in ids and set(c.via) <= ids for c in doc.claims)


def test_no_seed_specific_rules() -> None:
    src = Path(__file__).resolve().parents[2] / "src" / "rasid" / "extract"
    for name in ("figures.py", "attribution.py", "claims.py", "mentions.py"):
        text = (src / name).read_text(encoding="utf-8")
        assert "غويران" not in text and "أعماق" not in text
