"""Copy the queryable parts of a record into the ``actors``/``events``/``claims``/``figures``/``evidence`` tables."""

from __future__ import annotations

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


def denormalize(conn: Connection, record_id: int, article_id: int, record: Record) -> None:
    """Insert the rows derived from ``record`` (stored as ``record_id``) in the open transaction ``conn``."""
    ev_rows: list[dict[str, Any]] = []
    if record.actors:
        conn.execute(
            sa.insert(t.actors),
            [
                {
                    "record_id": record_id,
                    "actor_id": a.id,
                    "name": a.name,
                    "name_ar": a.name_ar,
                    "kind": a.kind,
                    "affiliation": a.affiliation,
                }
                for a in record.actors
            ],
        )
    for a in record.actors:
        ev_rows.extend(_spans(record_id, f"actor:{a.id}", a.mentions))
    event_ids: dict[str, int] = {}
    for ev in record.events:
        place, date = ev.place, ev.date
        eid = conn.execute(
            sa.insert(t.events)
            .values(
                record_id=record_id,
                article_id=article_id,
                event_key=ev.id,
                event_type=ev.type.event_type,
                sub_event_type=ev.type.sub_event_type,
                plover=ev.type.plover,
                date_start=date.start if date else None,
                date_end=date.end if date else None,
                date_precision=date.precision if date else None,
                place_name=place.name if place else None,
                gazetteer_id=place.gazetteer_id if place else None,
                country=place.country if place else None,
                admin1=place.admin1 if place else None,
                admin2=place.admin2 if place else None,
                lat=place.lat if place else None,
                lon=place.lon if place else None,
                place_precision=place.precision if place else None,
                actor1=ev.actor1,
                actor2=ev.actor2,
            )
            .returning(t.events.c.id)
        ).scalar_one()
        event_ids[ev.id] = int(eid)
        roles = {(ev.actor1, "actor1"), (ev.actor2, "actor2"), *((x, "assoc") for x in ev.assoc)}
        actor_rows = [{"event_id": eid, "actor_id": a, "role": role} for a, role in roles if a]
        if actor_rows:
            conn.execute(sa.insert(t.event_actors), actor_rows)
        if ev.figures:
            conn.execute(
                sa.insert(t.figures),
                [
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
                ],
            )
        ev_rows.extend(_spans(record_id, f"event:{ev.id}", ev.evidence))
        if date:
            ev_rows.extend(_spans(record_id, f"event:{ev.id}:date", date.evidence))
        if place:
            ev_rows.extend(_spans(record_id, f"event:{ev.id}:place", place.evidence))
    if record.claims:
        rows = []
        for c in record.claims:
            fig, st = c.figure, c.statement
            rows.append(
                {
                    "record_id": record_id,
                    "event_id": event_ids.get(c.event) if c.event else None,
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
            ev_rows.extend(_spans(record_id, f"claim:{c.id}", c.evidence))
        conn.execute(sa.insert(t.claims), rows)
    if ev_rows:
        conn.execute(sa.insert(t.evidence), ev_rows)
