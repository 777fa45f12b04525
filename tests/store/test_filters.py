from __future__ import annotations

from rasid.export.common import EventFilter
from rasid.store.filters import RecordFilter

EVENT = {
    "type": {"event_type": "Battles", "sub_event_type": "Armed clash"},
    "date": {"start": "2024-03-01", "end": "2024-03-03"},
    "place": {"country": "SY", "admin1": "Idleb"},
    "actor1": "hts",
    "actor2": "syrian-arab-army",
    "assoc": ["russian-armed-forces"],
}


def test_one_filter_type_for_store_and_exports() -> None:
    assert EventFilter is RecordFilter
    assert RecordFilter().is_empty() and not RecordFilter(country="SY").is_empty()


def test_event_matching() -> None:
    assert RecordFilter(country="sy", admin1="IDLEB", actor="russian-armed-forces").matches(EVENT)
    assert RecordFilter(since="2024-03-03", until="2024-03-03", event_type="Armed clash").matches(EVENT)
    assert not RecordFilter(since="2024-03-04").matches(EVENT)
    assert not RecordFilter(event_type="Arrests").matches(EVENT)
    assert not RecordFilter(since="2024-01-01").matches({**EVENT, "date": None})
