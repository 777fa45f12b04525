"""Copy the queryable parts of records into the ``actors``/``events``/``claims``/``figures``/``evidence`` tables.

Works on a whole batch at once: one multi-row INSERT per table (``insertmanyvalues`` with RETURNING for
the event ids), so a batch costs a handful of round trips on PostgreSQL rather than several per record.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from rasid.model import Record, Span
from rasid.store import schema as t


def _spans(record_id: int, owner: str, spans: tuple[Span, ...]) -> list[dict[str, Any]]:
    return [
        {"record_id": record_id, "owner": owner, "start": s.start, "end": s.end, "text": s.text}
        for s in spans
    ]


def _event_row(record_id: int, article_id: int, ev: Any) -> dict[str, Any]:
    place, date = ev.place, ev.date
    return {
        "record_id": record_id,
        "article_id": article_id,
        "event_key": ev.id,
        "event_type": ev.type.event_type,
        "sub_event_type": ev.type.sub_event_type,
        "plover": ev.type.plover,
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "date_precision": date.precision if date else None,
        "place_name": place.name if place else None,
        "gazetteer_id": place.gazetteer_id if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "place_precision": place.precision if place else None,
        "actor1": ev.actor1,
        "actor2": ev.actor2,
    }


def denormalize(conn: Connection, items: Sequence[tuple[int, int, Record]]) -> None:
    """Insert the rows derived from each ``(record_id, article_id, record)`` in the open transaction."""
    actor_rows: list[dict[str, Any]] = []
    span_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    event_refs: list[tuple[int, Any]] = []  # (record_id, Event) in the order of event_rows
    for record_id, article_id, record in items:
        for a in record.actors:
            actor_rows.append(
                {
                    "record_id": record_id,
                    "actor_id": a.id,
                    "name": a.name,
                    "name_ar": a.name_ar,
                    "kind": a.kind,
                    "affiliation": a.affiliation,
                }
            )
            span_rows.extend(_spans(record_id, f"actor:{a.id}", a.mentions))
        for ev in record.events:
            event_rows.append(_event_row(record_id, article_id, ev))
            event_refs.append((record_id, ev))
    event_ids: dict[tuple[int, str], int] = {}
    if event_rows:
        ids = conn.execute(
            sa.insert(t.events).returning(t.events.c.id, sort_by_parameter_order=True), event_rows
        ).scalars()
        for (record_id, ev), eid in zip(event_refs, ids, strict=True):
            event_ids[(record_id, ev.id)] = int(eid)
    role_rows: list[dict[str, Any]] = []
    figure_rows: list[dict[str, Any]] = []
    for record_id, ev in event_refs:
        eid = event_ids[(record_id, ev.id)]
        roles = {(ev.actor1, "actor1"), (ev.actor2, "actor2"), *((x, "assoc") for x in ev.assoc)}
        role_rows.extend({"event_id": eid, "actor_id": a, "role": role} for a, role in roles if a)
        figure_rows.extend(
            {
                "event_id": eid,
                "kind": kind,
                "low": f.low,
                "best": f.best,
                "high": f.high,
                "contested": f.contested,
                "claims": list(f.claims),
            }
            for kind, f in ev.figures.items()
        )
        span_rows.extend(_spans(record_id, f"event:{ev.id}", ev.evidence))
        if ev.date:
            span_rows.extend(_spans(record_id, f"event:{ev.id}:date", ev.date.evidence))
        if ev.place:
            span_rows.extend(_spans(record_id, f"event:{ev.id}:place", ev.place.evidence))
    claim_rows: list[dict[str, Any]] = []
    for record_id, _article_id, record in items:
        for c in record.claims:
            fig, st = c.figure, c.statement
            claim_rows.append(
                {
                    "record_id": record_id,
                    "event_id": event_ids.get((record_id, c.event)) if c.event else None,
                    "claim_key": c.id,
                    "source": c.source,
                    "via": list(c.via),
                    "stance": c.stance,
                    "said_on": c.said_on.date if c.said_on else None,
                    "figure_kind": fig.kind if fig else None,
                    "value": fig.value if fig else None,
                    "qualifier": fig.qualifier if fig else None,
                    "low": fig.low if fig else None,
                    "high": fig.high if fig else None,
                    "of": fig.of if fig else None,
                    "includes": fig.includes if fig else None,
                    "statement_kind": st.kind if st else None,
                    "statement_text": st.text if st else None,
                }
            )
            span_rows.extend(_spans(record_id, f"claim:{c.id}", c.evidence))
    for table, rows in (
        (t.actors, actor_rows),
        (t.event_actors, role_rows),
        (t.figures, figure_rows),
        (t.claims, claim_rows),
        (t.evidence, span_rows),
    ):
        if rows:
            conn.execute(sa.insert(table), rows)
