"""The one filter over records and events, shared by the store's queries and the exports.

Kept free of SQLAlchemy so that exporting from a JSONL file does not load the database layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class RecordFilter:
    """Which records or events to return; a record matches when one of its events matches every field set.

    ``since``/``until`` (YYYY-MM-DD) keep events whose date range overlaps them (undated events are dropped
    when either is set); ``actor`` is an actor id in any role (actor1, actor2, assoc); ``event_type`` an
    ACLED event type or sub-event type. The store turns it into SQL; exports apply ``matches`` to records.
    """

    country: str | None = None
    admin1: str | None = None
    since: str | None = None
    until: str | None = None
    actor: str | None = None
    event_type: str | None = None

    def is_empty(self) -> bool:
        return all(
            v is None
            for v in (self.country, self.admin1, self.since, self.until, self.actor, self.event_type)
        )

    def matches(self, event: Mapping[str, Any]) -> bool:
        place = event.get("place") or {}
        if self.country and (place.get("country") or "").upper() != self.country.upper():
            return False
        if self.admin1 and (place.get("admin1") or "").casefold() != self.admin1.casefold():
            return False
        if self.since or self.until:
            date = event.get("date")
            if not date:
                return False
            if self.since and date["end"] < self.since:
                return False
            if self.until and date["start"] > self.until:
                return False
        if self.actor and self.actor not in (
            event.get("actor1"),
            event.get("actor2"),
            *event.get("assoc", ()),
        ):
            return False
        if self.event_type:
            t = event.get("type") or {}
            if self.event_type not in (t.get("event_type"), t.get("sub_event_type")):
                return False
        return True
