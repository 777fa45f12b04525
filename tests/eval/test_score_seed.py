"""The scorer against the seed article's gold (../shared/eval/dev/seed-ghwayran.json), skipped when absent."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from rasid.eval.gold import GoldArticle, load_gold
from rasid.eval.score import SCORE_NAMES, score_set
from rasid.model import sha256_text
from tests.eval.samples import actor, claim, event

pytestmark = pytest.mark.shared


@pytest.fixture
def seed_gold(shared_dir: Path) -> GoldArticle:
    path = shared_dir / "eval" / "dev" / "seed-ghwayran.json"
    if not path.is_file():
        pytest.skip("seed gold not present in ../shared")
    (gold,) = load_gold([path])
    return gold


def _span(text: str, word: str) -> dict[str, Any]:
    start = text.index(word)
    return {"start": start, "end": start + len(word), "text": word}


def seed_record(text: str) -> dict[str, Any]:
    """What a perfect system would output for the seed article, written by hand from its gold."""
    e1 = event(
        "e1",
        "Battles",
        "Armed clash",
        "2022-01-20",
        "2022-01-20",
        lat=36.48,
        lon=40.75,
        admin1="Al-Hasakah",
        actor1="islamic-state",
        actor2="sdf",
    )
    e1["place"]["evidence"] = [_span(text, "غويران")]
    e1["figures"] = {
        "killed": {"low": 17, "best": 17, "high": 201, "contested": True, "claims": ["c1", "c5"]}
    }
    claims = [
        claim("c1", "amaq", "killed", 200, "more_than", of="sdf"),
        claim("c2", "amaq", "vehicles_destroyed", 25, of="sdf"),
        claim("c3", "amaq", "vehicles_seized", 4),
        claim("c4", "amaq", "freed", 800, "more_than", stance="alleged"),
        claim("c5", "sdf-media-center", "killed", 17, of="sdf", said_on="2022-01-22"),
        claim("c6", "sdf-media-center", "injured", 23, of="sdf", said_on="2022-01-22"),
    ]
    claims[0]["evidence"] = [_span(text, "200"), _span(text, "أعماق")]
    for n, (source, kind) in enumerate(
        [("zaidan-al-asi", "control"), ("mazloum-abdi", "control"), ("farhad-shami", "identity")], 7
    ):
        claims.append(
            {
                "id": f"c{n}",
                "source": source,
                "via": [],
                "stance": "asserted",
                "said_on": None,
                "figure": None,
                "statement": {"kind": kind, "text": "paraphrase"},
                "event": "e1",
                "evidence": [],
            }
        )
    return {
        "schema": "rasid.article/1",
        "status": "ok",
        "error": None,
        "pipeline": {"version": "test", "resources": {}},
        "article": {
            "id": "seed-ghwayran",
            "url": None,
            "outlet": None,
            "title": None,
            "language": "ar",
            "published": "2022-01-23",
            "published_from": "inferred",
            "text_sha256": sha256_text(text),
        },
        "actors": [
            actor("islamic-state", "Islamic State", "تنظيم الدولة الإسلامية", "rebel_group"),
            actor("amaq", "Amaq News Agency", "وكالة أعماق", "media", "islamic-state"),
            actor("sdf", "Syrian Democratic Forces", "قوات سوريا الديمقراطية", "rebel_group"),
            actor("sdf-media-center", "SDF Media Center", None, "media", "sdf"),
            actor("zaidan-al-asi", "Zaidan al-Asi", "زيدان العاصي", "person"),
            actor("mazloum-abdi", "Mazloum Abdi", "مظلوم عبدي", "person", "sdf"),
            actor("farhad-shami", "Farhad Shami", "فرهاد شامي", "person", "sdf"),
        ],
        "claims": claims,
        "events": [e1],
        "warnings": [],
    }


def test_perfect_seed_prediction_scores_one(seed_gold: GoldArticle) -> None:
    result = score_set([seed_gold], {seed_gold.id: seed_record(seed_gold.text)})
    assert result.ok, result.errors
    scores = result.scores()
    for name in SCORE_NAMES:
        assert scores[name].value == (0.0 if name == "must_not_violations" else 1.0), (name, scores[name])
    assert scores["claim_recall"].total == 6  # k7-k11 are optional


def test_seed_sdf_claiming_200_killed_is_a_violation(seed_gold: GoldArticle) -> None:
    record = seed_record(seed_gold.text)
    record["claims"][4]["figure"].update(value=200, low=200)  # the SDF's 17 turned into Amaq's 200
    article = score_set([seed_gold], {seed_gold.id: record}).articles[0]
    assert article.counts.must_not_violations == 1
    assert [m.gold for m in article.claim_misses] == ["k5"]


def test_seed_iraq_hashtag_as_place_is_a_violation(seed_gold: GoldArticle) -> None:
    record = seed_record(seed_gold.text)
    iraq = copy.deepcopy(record["events"][0])
    iraq.update(id="e2", figures={})
    iraq["place"].update(country="IQ", admin1="Baghdad", lat=33.3, lon=44.4, evidence=[])
    record["events"].append(iraq)
    result = score_set([seed_gold], {seed_gold.id: record})
    assert result.scores()["must_not_violations"].hits == 1
    assert result.scores()["event_precision"].value == 0.5


def test_seed_statement_by_unlisted_source_is_missed(seed_gold: GoldArticle) -> None:
    record = seed_record(seed_gold.text)
    record["claims"][7]["source"] = "farhad-shami"  # s2 is Mazloum Abdi's
    scores = score_set([seed_gold], {seed_gold.id: record}).scores()
    assert (scores["statement_recall"].hits, scores["statement_recall"].total) == (2, 3)
