"""Coded errors and warnings. Users search for the code (``E001``), so codes never change meaning.

Each layer adds its codes here, in its own range:
E0xx core/pipeline, E1xx text, E2xx resources, E3xx extraction, E4xx store/ingest, E5xx export, E6xx eval.
W-codes are warnings that end up in a record's ``warnings`` list.
"""

from __future__ import annotations

from enum import StrEnum


class Errors(StrEnum):
    E001 = "Unknown pipeline stage '{name}'. Registered stages: {known}."
    E002 = "Stage '{name}' requires '{missing}', which no earlier stage provides. Order: {order}."
    E003 = "A stage named '{name}' is already registered by {owner}."
    E004 = "Record does not validate against the {schema} JSON Schema at {path}: {message}"
    E005 = (
        "Span at {path} does not match the text: text[{start}:{end}] is {actual!r}, span says {expected!r}."
    )
    E006 = "Span at {path} is out of range for a text of {length} characters: [{start}:{end}]."
    E007 = "Article '{id}' has no text."
    E008 = "Could not read input {path}: {reason}"
    E009 = "Invalid JSONL line {line} in {path}: {reason}"
    E010 = "Invalid date '{value}': expected YYYY-MM-DD."
    E011 = "Stage '{name}' failed on article '{id}': {kind}: {reason}"
    E101 = "Text data file {path} is invalid: {reason}"
    E201 = "Could not read resource file {path}: {reason}"
    E202 = "Resource file {path} does not match its schema at {where}: {message}"
    E203 = "Actor id '{id}' is defined twice: in {first} and {second}."
    E204 = (
        "Alias {alias!r} (key {key!r}) names both '{a}' and '{b}'; list it in shared_aliases of both "
        "actors or remove it."
    )
    E205 = "Actor '{id}' in {path} refers to unknown {field} '{ref}'."
    E206 = "Unknown actor id '{id}'."
    E207 = "Unknown lexicon '{name}'. Available: {known}."
    E208 = "Lexicon '{name}': entry id '{id}' is defined twice ({path})."
    E209 = "Could not read the resources config {path}: {reason}"
    E210 = "Resource path {path} does not exist."
    E211 = "Alias {alias!r} of actor '{id}' in {path} is a generic word and may not be an alias."
    E212 = "Actor '{id}' in {path} extends an actor that does not exist."
    E250 = "Gazetteer data file {path} line {line}: {reason}"
    E251 = "Could not read the compiled gazetteer {path}: {reason}"
    E252 = "Gazetteer source {path} is not usable: {reason}"
    E253 = "Gazetteer download of {url} failed: {reason}"
    E254 = "Unknown place id '{id}'."
    E401 = "Input {path} is empty."
    E402 = "Input {path} is not text: {reason}"
    E403 = "Input {path} is {size} bytes, above the limit of {limit} bytes (--max-size)."
    E404 = "JSONL line {line} in {path} is not an article: {reason}"
    E405 = "HTML {path} has no article text that could be extracted."
    E406 = "WARC {path} could not be read completely: {reason}"
    E407 = "Invalid CSV row {row} in {path}: {reason}"
    E408 = "Feed {path} could not be parsed or has no entries: {reason}"
    E409 = "Input {path} could not be read: {reason}"
    E410 = "URL list {path} line {line}: {reason}"
    E420 = "Could not open the database {url}: {reason}"
    E501 = "Unknown export format '{name}'. Known formats: {known}."
    E502 = "Exports from a database need rasid.store.db, which could not be imported: {reason}"
    E503 = "Invalid export data file {path}: {reason}"
    E601 = "Could not read gold file {path}: {reason}"
    E602 = "Invalid gold file {path}: {reason}"
    E603 = "Gold article '{id}' in {path}: field '{field}' {reason}"
    E604 = "Gold article id '{id}' appears twice: in {first} and {second}."
    E605 = "No gold files (*.json, *.jsonl) found in {path}."
    E606 = "Could not read predictions {path}: {reason}"
    E607 = "No predicted record for gold article '{id}'."
    E608 = "Predicted record for '{id}' was made from another text (text_sha256 {got}, gold text has {want})."
    E609 = "Invalid baseline file {path}: {reason}"

    def fmt(self, **kwargs: object) -> str:
        return f"[{self.name}] " + self.value.format(**kwargs)


class Warnings(StrEnum):
    W001 = "No publication date given; inferred {date} from {reason}."
    W002 = "No publication date given and none could be inferred; relative dates are unresolved."
    W003 = "Weekday in '{text}' does not agree with the resolved date {date}; {resolution}."

    def fmt(self, **kwargs: object) -> str:
        return f"[{self.name}] " + self.value.format(**kwargs)


class RasidError(Exception):
    """Base of every error rasid raises on purpose; the message carries its code."""

    def __init__(self, code: Errors, **kwargs: object) -> None:
        self.code = code
        super().__init__(code.fmt(**kwargs))


class PipelineConfigError(RasidError):
    pass


class ValidationError(RasidError):
    pass


class InputError(RasidError):
    pass


class StoreError(RasidError):
    pass


class ExportError(RasidError):
    pass


class ResourceError(RasidError):
    pass
