from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rasid.eval.gold import GoldArticle, parse_gold
from rasid.eval.score import SCORE_NAMES, EvalResult, haversine_km, score_article, score_set
from tests.eval.samples import claim, copy_record, event, gold_dict, perfect_record

Record = dict[str, Any]


def gold(obj: dict[str, Any] | None = None) -> GoldArticle:
    return parse_gold(obj or gold_dict(), "inline", Path("."))


def values(result: EvalResult) -> dict[str, float | None]:
    return {name: s.value for name, s in result.scores().items()}


def run(record: Record | None, g: GoldArticle | None = None) -> EvalResult:
    g = g or gold()
    return score_set([g], {g.id: record} if record is not None else {})


PERFECT = values(run(perfect_record()))


def changed(record: Record) -> set[str]:
    now = values(run(record))
    return {name for name in SCORE_NAMES if now[name] != PERFECT[name]}


def test_perfect_prediction_scores_one_everywhere() -> None:
    result = run(perfect_record())
    assert result.ok, result.errors
    for name in SCORE_NAMES:
        expected = 0.0 if name == "must_not_violations" else 1.0
        assert result.scores()[name].value == expected, name


def test_empty_prediction_has_zero_recall() -> None:
    record = copy_record()
    record["events"], record["claims"], record["article"]["published"] = [], [], None
    result = run(record)
    assert result.ok
    v = values(result)
    for name in ("event_recall", "claim_recall", "statement_recall", "figure_accuracy", "published_accuracy"):
        assert v[name] == 0.0, name
    assert v["event_precision"] is None and v["claim_precision"] is None  # nothing predicted: n/a
    assert v["event_f1"] == 0.0 and v["full_claim_f1"] == 0.0


def _set(path: str, value: Any) -> Callable[[Record], None]:
    def mutate(record: Record) -> None:
        *parents, last = path.split(".")
        target: Any = record
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[last] = value

    return mutate


def _append(where: str, item: Record) -> Callable[[Record], None]:
    return lambda record: record[where].append(item)


def _swap_actors(record: Record) -> None:
    e = record["events"][0]
    e["actor1"], e["actor2"] = e["actor2"], e["actor1"]


def _move_claim_to_required_of_none(record: Record) -> None:
    record["claims"][1]["figure"]["of"] = None  # k2's of-list holds null: still fully correct


EVENT_SCORES = {
    "event_precision",
    "event_recall",
    "event_f1",
    "subtype_accuracy",
    "date_accuracy",
    "place_accuracy",
    "actor_accuracy",
    "figure_accuracy",
}
CLAIM_PRF = {"claim_precision", "claim_recall", "claim_f1", "full_claim_f1"}


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        pytest.param(
            _set("events.0.type.sub_event_type", "Government regains territory"),
            {"subtype_accuracy"},
            id="wrong-subtype",
        ),
        pytest.param(
            _set("events.0.date.start", "2023-03-09"), {"date_accuracy"}, id="date-overlaps-not-exact"
        ),
        pytest.param(
            lambda r: r["events"][0]["date"].update(start="2023-03-05", end="2023-03-06"),
            EVENT_SCORES,
            id="date-outside-tolerance",
        ),
        pytest.param(
            lambda r: r["events"][0]["place"].update(lat=36.2, lon=37.16, admin1="Aleppo"),
            EVENT_SCORES,
            id="place-far-wrong-admin1",
        ),
        pytest.param(
            lambda r: r["events"][0]["place"].update(lat=34.45, lon=40.92),
            {"place_accuracy"},
            id="place-far-same-admin1-still-matches",
        ),
        pytest.param(_set("events.0.place.admin1", "دير الزور"), set(), id="admin1-in-arabic"),
        pytest.param(_set("events.0.place.admin1", "Raqqa"), {"place_accuracy"}, id="near-wrong-admin1"),
        pytest.param(_swap_actors, set(), id="swapped-actors-still-count"),
        pytest.param(_set("events.0.actor2", "islamic-state"), {"actor_accuracy"}, id="wrong-actor2"),
        pytest.param(_set("claims.0.figure.value", 6), CLAIM_PRF, id="wrong-claim-value"),
        pytest.param(
            _set("claims.0.source", "amaq"), {"attribution_accuracy", "full_claim_f1"}, id="wrong-source"
        ),
        pytest.param(_set("claims.0.stance", "denied"), {"full_claim_f1"}, id="wrong-stance"),
        pytest.param(_set("claims.0.said_on.date", "2023-03-11"), {"full_claim_f1"}, id="wrong-said-on"),
        pytest.param(
            _set("claims.1.said_on", {"date": "2023-03-11", "precision": "day"}),
            set(),
            id="said-on-not-checked",
        ),
        pytest.param(_set("claims.0.figure.qualifier", "about"), {"full_claim_f1"}, id="wrong-qualifier"),
        pytest.param(_set("claims.0.figure.of", "civilians"), {"full_claim_f1"}, id="wrong-of"),
        pytest.param(_set("claims.0.figure.of", None), {"full_claim_f1"}, id="of-missing-not-accepted"),
        pytest.param(_move_claim_to_required_of_none, set(), id="of-null-accepted"),
        pytest.param(_append("claims", claim("c9", "sdf", "casualties", 12)), set(), id="casualties-excused"),
        pytest.param(
            _append("claims", claim("c9", "amaq", "injured", None, "many", of="sdf")),
            set(),
            id="optional-claim-not-fp",
        ),
        pytest.param(
            _append("claims", claim("c9", "amaq", "injured", None, "dozens")),
            {"claim_precision", "claim_f1", "full_claim_f1"},
            id="unmatched-claim-is-fp",
        ),
        pytest.param(
            _append(
                "events",
                event("e2", "Explosions/Remote violence", "Air/drone strike", "2023-03-11", "2023-03-11"),
            ),
            set(),
            id="optional-event-not-fp",
        ),
        pytest.param(
            _append("events", event("e2", "Protests", "Peaceful protest", "2023-03-11", "2023-03-11")),
            {"event_precision", "event_f1"},
            id="unmatched-event-is-fp",
        ),
        pytest.param(
            _append(
                "events",
                event("e2", "Protests", "Peaceful protest", "2023-03-11", "2023-03-11", country="IQ"),
            ),
            {"event_precision", "event_f1", "must_not_violations"},
            id="must-not-event-country",
        ),
        pytest.param(
            _append("claims", claim("c9", "sdf", "killed", 30, of="sdf")),
            {"claim_precision", "claim_f1", "full_claim_f1", "must_not_violations"},
            id="must-not-claim",
        ),
        pytest.param(_set("events.0.figures.killed.low", 4), {"figure_accuracy"}, id="figure-low"),
        pytest.param(_set("events.0.figures.killed.high", 29), {"figure_accuracy"}, id="figure-high-min"),
        pytest.param(
            _set("events.0.figures.killed.contested", False), {"figure_accuracy"}, id="figure-contested"
        ),
        pytest.param(_set("claims.2.statement.kind", "control"), {"statement_recall"}, id="statement-kind"),
        pytest.param(_set("claims.2.source", "sdf"), {"statement_recall"}, id="statement-source"),
        pytest.param(_set("article.published", "2023-03-11"), {"published_accuracy"}, id="published-wrong"),
    ],
)
def test_one_wrong_field_moves_exactly_its_score(
    mutate: Callable[[Record], None], expected: set[str]
) -> None:
    record = copy_record()
    mutate(record)
    assert run(record).ok, run(record).errors
    assert changed(record) == expected


def test_wrong_value_reports_miss_and_false_positive() -> None:
    record = copy_record()
    record["claims"][0]["figure"]["value"] = 6
    article = run(record).articles[0]
    assert [m.gold for m in article.claim_misses] == ["k1"]
    assert "c1: value 6" in article.claim_misses[0].reasons
    assert [fp.pred for fp in article.claim_fps] == ["c1"]


def test_wrong_place_reports_why_the_event_was_rejected() -> None:
    record = copy_record()
    record["events"][0]["place"].update(lat=36.2, lon=37.16, admin1="Aleppo")
    article = run(record).articles[0]
    assert [m.gold for m in article.event_misses] == ["g1"]
    assert "km away" in article.event_misses[0].reasons[0]
    assert [fp.pred for fp in article.event_fps] == ["e1"]


def test_casualties_claim_is_a_false_positive_when_gold_has_one() -> None:
    g = gold_dict()
    g["expect"]["claims"].append(
        {
            "id": "k4",
            "required": False,
            "source": ["SDF"],
            "kind": "casualties",
            "value": 40,
            "qualifier": ["exact"],
        }
    )
    record = copy_record()
    record["claims"].append(claim("c9", "sdf", "casualties", 12))
    article = run(record, gold(g)).articles[0]
    assert [fp.pred for fp in article.claim_fps] == ["c9"]
    assert article.claims_excused == ()


def _pairing_gold() -> dict[str, Any]:
    g = gold_dict()
    required = g["expect"]["events"][0]
    optional = dict(required, id="g0", required=False, actor1=[], actor2=[])
    optional["date"] = {"start": "2023-03-09", "end": "2023-03-11", "tolerance_days": 1}
    # The optional event comes first and fits the prediction at least as well as the required one.
    g["expect"]["events"] = [optional, required]
    g["expect"]["figures"] = []
    return g


def test_prediction_fitting_required_and_optional_goes_to_required() -> None:
    record = copy_record()
    record["events"][0]["actor1"] = "amaq-unknown"  # makes the required pairing *worse* (actors wrong)
    article = run(record, gold(_pairing_gold())).articles[0]
    assert [(m.gold, m.pred, m.required) for m in article.event_matches] == [("g1", "e1", True)]
    assert article.counts.event_hits == 1 and article.event_fps == ()


def test_one_to_one_best_first() -> None:
    record = copy_record()
    worse = event("e0", "Battles", "Non-state actor overtakes territory", "2023-03-10", "2023-03-10")
    record["events"].insert(0, worse)
    article = run(record).articles[0]
    assert [(m.gold, m.pred) for m in article.event_matches] == [("g1", "e1")]
    assert [fp.pred for fp in article.event_fps] == ["e0"]


def test_augmenting_pairing_matches_every_gold_it_can() -> None:
    # ea fits g1 (best) and g3; eb fits only g1. Best-first alone would give g1 to ea and strand g3.
    g = gold_dict()
    g1 = g["expect"]["events"][0]
    g1["types"] = [["Battles", "Armed clash"], ["Strategic developments", "Other"]]
    g3 = dict(g1, id="g3", types=[["Strategic developments", "Other"]])
    g["expect"]["events"] = [g1, g3]
    g["expect"]["figures"] = []
    record = copy_record()
    e_a = event("ea", "Strategic developments", "Other", "2023-03-10", "2023-03-10")
    e_a.update(actor1="islamic-state", actor2="sdf")
    e_b = event("eb", "Battles", "Armed clash", "2023-03-10", "2023-03-10")
    record["events"] = [e_a, e_b]
    article = run(record, gold(g)).articles[0]
    assert sorted((m.gold, m.pred) for m in article.event_matches) == [("g1", "eb"), ("g3", "ea")]
    assert article.event_fps == ()


def test_validation_errors_are_errors_not_scores() -> None:
    record = copy_record()
    record["claims"][0]["evidence"][0]["text"] = "نص آخر"
    result = run(record)
    assert not result.ok
    assert any("[E005]" in e for _, e in result.errors)
    assert values(result) == PERFECT


def test_schema_violation_and_other_text_are_errors() -> None:
    record = copy_record()
    record["events"][0]["type"]["sub_event_type"] = "Firefight"
    record["article"]["text_sha256"] = "0" * 64
    errors = [e for _, e in run(record).errors]
    assert any("[E004]" in e for e in errors) and any("[E608]" in e for e in errors)


def test_missing_prediction_is_an_error() -> None:
    result = run(None)
    assert [e[:6] for _, e in result.errors] == ["[E607]"]
    assert result.articles[0].status == "missing"


def test_micro_average_over_articles() -> None:
    g_a = gold()
    obj_b = gold_dict()
    obj_b["id"] = "test-sour-b"
    g_b = gold(obj_b)
    record_b = copy_record()
    record_b["article"]["id"] = "test-sour-b"
    record_b["claims"] = [c for c in record_b["claims"] if c["id"] != "c1"]
    result = score_set([g_a, g_b], {"test-sour": perfect_record(), "test-sour-b": record_b})
    recall = result.scores()["claim_recall"]
    assert (recall.hits, recall.total) == (3, 4)
    assert score_article(g_b, record_b).scores()["claim_recall"].value == 0.5


def test_haversine() -> None:
    assert haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.19, abs=0.05)
    assert haversine_km(35.52, 40.63, 35.52, 40.63) == 0.0


def test_garbage_record_is_reported_not_crashed() -> None:
    record: Record = {
        "article": {"id": "test-sour"},
        "actors": ["not an actor"],
        "events": [1, {"type": "x", "date": [], "place": "Raqqa"}],
        "claims": [{"figure": "killed 5"}, {"figure": {"kind": "killed", "value": "5"}, "source": 3}],
    }
    result = run(record)
    assert not result.ok and any("[E004]" in e for _, e in result.errors)
    assert result.scores()["event_recall"].value == 0.0
    assert result.scores()["claim_precision"].value == 0.0
