"""Validate records: the published JSON Schema and the span invariant ``text[start:end] == span.text``."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from rasid.errors import Errors, ValidationError
from rasid.model import SCHEMA_ID


@lru_cache(maxsize=1)
def article_schema() -> dict[str, Any]:
    """The ``rasid.article/1`` JSON Schema shipped in the package (loaded once, on first use)."""
    raw = resources.files("rasid.schema").joinpath("article-1.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(raw)
    return schema


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    schema = article_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def iter_spans(record: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every span in a record dict, with a JSON-path-like location."""
    for i, actor in enumerate(record.get("actors") or ()):
        for j, s in enumerate(actor.get("mentions") or ()):
            yield f"actors[{i}].mentions[{j}]", s
    for i, claim in enumerate(record.get("claims") or ()):
        for j, s in enumerate(claim.get("evidence") or ()):
            yield f"claims[{i}].evidence[{j}]", s
    for i, event in enumerate(record.get("events") or ()):
        for j, s in enumerate(event.get("evidence") or ()):
            yield f"events[{i}].evidence[{j}]", s
        for part in ("date", "place"):
            sub = event.get(part) or {}
            for j, s in enumerate(sub.get("evidence") or ()):
                yield f"events[{i}].{part}.evidence[{j}]", s


def schema_errors(record: Mapping[str, Any]) -> list[str]:
    errors = []
    for err in sorted(_validator().iter_errors(record), key=lambda e: list(e.path)):
        path = "/".join(str(p) for p in err.absolute_path) or "(root)"
        errors.append(Errors.E004.fmt(schema=SCHEMA_ID, path=path, message=err.message))
    return errors


def span_errors(record: Mapping[str, Any], text: str) -> list[str]:
    errors = []
    for path, s in iter_spans(record):
        start, end, expected = s.get("start"), s.get("end"), s.get("text")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end <= len(text):
            errors.append(Errors.E006.fmt(path=path, length=len(text), start=start, end=end))
        elif text[start:end] != expected:
            errors.append(
                Errors.E005.fmt(path=path, start=start, end=end, actual=text[start:end], expected=expected)
            )
    return errors


def record_errors(record: Mapping[str, Any], text: str | None) -> list[str]:
    """All problems with a record: schema first, then spans (when the text is known)."""
    errors = schema_errors(record)
    if text is not None:
        errors.extend(span_errors(record, text))
    return errors


def validate_record(record: Mapping[str, Any], text: str | None) -> None:
    """Raise ``ValidationError`` (E004/E005/E006) on the first problem found."""
    errors = record_errors(record, text)
    if errors:
        raise ValidationError(Errors.E004, schema=SCHEMA_ID, path="(record)", message="; ".join(errors[:5]))
