from __future__ import annotations

import copy
from typing import Any

import pytest

from rasid.errors import ValidationError
from rasid.validate import article_schema, record_errors, validate_record
from tests.test_model import TEXT, sample_record


def good() -> dict[str, Any]:
    return copy.deepcopy(sample_record().to_dict())


def test_schema_is_published_in_package() -> None:
    schema = article_schema()
    assert schema["title"] == "rasid.article/1"
    assert schema["properties"]["schema"]["const"] == "rasid.article/1"


def test_span_text_mismatch_is_reported() -> None:
    rec = good()
    rec["claims"][0]["evidence"][0]["text"] = "something else"
    errors = record_errors(rec, TEXT)
    assert len(errors) == 1 and "[E005]" in errors[0] and "claims[0].evidence[0]" in errors[0]


def test_span_out_of_range_is_reported() -> None:
    rec = good()
    rec["events"][0]["place"]["evidence"][0]["end"] = len(TEXT) + 5
    assert any("[E006]" in e for e in record_errors(rec, TEXT))


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda r: r.__setitem__("schema", "rasid.article/2"), "schema"),
        (
            lambda r: r["events"][0]["type"].__setitem__("sub_event_type", "Firefight"),
            "events/0/type/sub_event_type",
        ),
        (lambda r: r["events"][0]["type"].__setitem__("event_type", "Battle"), "events/0/type/event_type"),
        (lambda r: r["claims"][0]["figure"].__setitem__("kind", "dead"), "claims/0/figure"),
        (lambda r: r["claims"][0].__setitem__("stance", "maybe"), "claims/0/stance"),
        (lambda r: r["article"].__setitem__("published", "23/01/2022"), "article/published"),
        (lambda r: r.__setitem__("extra", 1), "(root)"),
        (lambda r: r["claims"][1].__setitem__("statement", None), "claims/1"),
        (lambda r: r["events"][0]["place"].__setitem__("lat", 123.0), "events/0/place"),
        (lambda r: r["actors"][0].__setitem__("kind", "army"), "actors/0/kind"),
    ],
)
def test_schema_violations_are_reported(mutate: Any, where: str) -> None:
    rec = good()
    mutate(rec)
    errors = record_errors(rec, TEXT)
    assert errors, "broken record passed validation"
    assert any(where in e and "[E004]" in e for e in errors), errors


def test_validate_record_raises_with_code() -> None:
    rec = good()
    rec["status"] = "fine"
    with pytest.raises(ValidationError, match="E004"):
        validate_record(rec, TEXT)
    validate_record(good(), TEXT)
