from __future__ import annotations

import io
import json

from rasid.export.common import EventFilter
from rasid.export.jsonl import write_jsonl
from rasid.model import Record
from rasid.validate import schema_errors
from tests.export.records import all_records


def test_records_read_back_unchanged_and_valid() -> None:
    buf = io.StringIO()
    recs = all_records()
    assert write_jsonl(recs, buf) == len(recs)
    back = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert back == recs
    for rec in back:
        assert schema_errors(rec) == []
        assert Record.from_dict(rec).to_dict() == rec


def test_filter_keeps_records_with_a_matching_event() -> None:
    buf = io.StringIO()
    assert write_jsonl(all_records(), buf, filt=EventFilter(actor="iraqi-security-forces")) == 1
    assert json.loads(buf.getvalue())["article"]["id"] == "iq-1"
