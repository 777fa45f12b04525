"""The shared data model: immutable types for articles and the ``rasid.article/1`` record.

Every type here serializes to exactly the JSON of the output contract (``to_dict``) and back
(``from_dict``), so that storage, exports and the evaluator share one definition.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_ID = "rasid.article/1"

Language = Literal["ar", "en", "other"]
PublishedFrom = Literal["given", "inferred", "unknown"]
Status = Literal["ok", "error"]

ACTOR_KINDS = (
    "rebel_group",
    "state_forces",
    "political_militia",
    "identity_militia",
    "civilians",
    "external_force",
    "media",
    "person",
    "authority",
    "other",
)
STANCES = ("asserted", "alleged", "denied", "unconfirmed")
FIGURE_KINDS = (
    "killed",
    "injured",
    "casualties",
    "captured",
    "freed",
    "arrested",
    "missing",
    "displaced",
    "vehicles_destroyed",
    "vehicles_seized",
)
QUALIFIERS = (
    "exact",
    "more_than",
    "less_than",
    "about",
    "at_least",
    "several",
    "dozens",
    "hundreds",
    "most",
    "many",
)
STATEMENT_KINDS = ("control", "responsibility", "denial", "attack_start", "identity", "other")
DATE_PRECISIONS = ("day", "week", "month", "year")
PLACE_PRECISIONS = ("site", "town", "admin2", "admin1", "country")

# ACLED's 6 event types and 25 sub-event types, exact strings (ACLED codebook 2023).
ACLED_TYPES: Mapping[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``text[start:end]`` of the article as ingested (code-point offsets)."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        return cls(start, end, source[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Span:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))


def _spans(items: Sequence[Mapping[str, Any]] | None) -> tuple[Span, ...]:
    return tuple(Span.from_dict(s) for s in items or ())


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. ``text`` is kept exactly as decoded; offsets index into it."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    language: str | None = None
    published: str | None = None  # YYYY-MM-DD when given by the source

    @property
    def text_sha256(self) -> str:
        return sha256_text(self.text)


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    id: str
    url: str | None
    outlet: str | None
    title: str | None
    language: str
    published: str | None
    published_from: PublishedFrom
    text_sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "language": self.language,
            "published": self.published,
            "published_from": self.published_from,
            "text_sha256": self.text_sha256,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ArticleMeta:
        return cls(
            id=d["id"],
            url=d.get("url"),
            outlet=d.get("outlet"),
            title=d.get("title"),
            language=d.get("language") or "other",
            published=d.get("published"),
            published_from=d.get("published_from", "unknown"),
            text_sha256=d["text_sha256"],
        )


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    name_ar: str | None
    kind: str
    affiliation: str | None = None
    mentions: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "name_ar": self.name_ar,
            "kind": self.kind,
            "affiliation": self.affiliation,
            "mentions": [s.to_dict() for s in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Actor:
        return cls(
            d["id"], d["name"], d.get("name_ar"), d["kind"], d.get("affiliation"), _spans(d.get("mentions"))
        )


@dataclass(frozen=True, slots=True)
class SaidOn:
    date: str
    precision: str = "day"

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "precision": self.precision}


@dataclass(frozen=True, slots=True)
class Figure:
    kind: str
    value: int | None
    qualifier: str = "exact"
    low: int | None = None
    high: int | None = None
    of: str | None = None
    includes: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "value": self.value,
            "qualifier": self.qualifier,
            "low": self.low,
            "high": self.high,
            "of": self.of,
            "includes": self.includes,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Figure:
        return cls(
            d["kind"],
            d.get("value"),
            d.get("qualifier", "exact"),
            d.get("low"),
            d.get("high"),
            d.get("of"),
            d.get("includes"),
        )


@dataclass(frozen=True, slots=True)
class Statement:
    kind: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    source: str
    stance: str
    evidence: tuple[Span, ...]
    via: tuple[str, ...] = ()
    said_on: SaidOn | None = None
    figure: Figure | None = None
    statement: Statement | None = None
    event: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "via": list(self.via),
            "stance": self.stance,
            "said_on": self.said_on.to_dict() if self.said_on else None,
            "figure": self.figure.to_dict() if self.figure else None,
            "statement": self.statement.to_dict() if self.statement else None,
            "event": self.event,
            "evidence": [s.to_dict() for s in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Claim:
        said = d.get("said_on")
        fig = d.get("figure")
        st = d.get("statement")
        return cls(
            id=d["id"],
            source=d["source"],
            stance=d["stance"],
            evidence=_spans(d.get("evidence")),
            via=tuple(d.get("via") or ()),
            said_on=SaidOn(said["date"], said.get("precision", "day")) if said else None,
            figure=Figure.from_dict(fig) if fig else None,
            statement=Statement(st["kind"], st["text"]) if st else None,
            event=d.get("event"),
        )


@dataclass(frozen=True, slots=True)
class EventType:
    event_type: str
    sub_event_type: str
    plover: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"event_type": self.event_type, "sub_event_type": self.sub_event_type, "plover": self.plover}


@dataclass(frozen=True, slots=True)
class EventDate:
    start: str
    end: str
    precision: str
    rule: str
    evidence: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "precision": self.precision,
            "rule": self.rule,
            "evidence": [s.to_dict() for s in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    name_ar: str | None
    gazetteer_id: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin2: str | None
    admin3: str | None
    precision: str
    evidence: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "name_ar": self.name_ar,
            "gazetteer_id": self.gazetteer_id,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "admin3": self.admin3,
            "precision": self.precision,
            "evidence": [s.to_dict() for s in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class FigureRange:
    low: int | None
    best: int | None
    high: int | None
    contested: bool
    claims: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "best": self.best,
            "high": self.high,
            "contested": self.contested,
            "claims": list(self.claims),
        }


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: EventType
    date: EventDate | None
    place: Place | None
    actor1: str | None = None
    actor2: str | None = None
    assoc: tuple[str, ...] = ()
    figures: Mapping[str, FigureRange] = field(default_factory=dict)
    evidence: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type.to_dict(),
            "date": self.date.to_dict() if self.date else None,
            "place": self.place.to_dict() if self.place else None,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "assoc": list(self.assoc),
            "figures": {k: v.to_dict() for k, v in self.figures.items()},
            "evidence": [s.to_dict() for s in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Event:
        t = d["type"]
        dt = d.get("date")
        pl = d.get("place")
        return cls(
            id=d["id"],
            type=EventType(t["event_type"], t["sub_event_type"], t.get("plover")),
            date=EventDate(dt["start"], dt["end"], dt["precision"], dt["rule"], _spans(dt.get("evidence")))
            if dt
            else None,
            place=Place(
                name=pl["name"],
                name_ar=pl.get("name_ar"),
                gazetteer_id=pl.get("gazetteer_id"),
                lat=pl.get("lat"),
                lon=pl.get("lon"),
                country=pl.get("country"),
                admin1=pl.get("admin1"),
                admin2=pl.get("admin2"),
                admin3=pl.get("admin3"),
                precision=pl["precision"],
                evidence=_spans(pl.get("evidence")),
            )
            if pl
            else None,
            actor1=d.get("actor1"),
            actor2=d.get("actor2"),
            assoc=tuple(d.get("assoc") or ()),
            figures={
                k: FigureRange(
                    v.get("low"),
                    v.get("best"),
                    v.get("high"),
                    bool(v["contested"]),
                    tuple(v.get("claims") or ()),
                )
                for k, v in (d.get("figures") or {}).items()
            },
            evidence=_spans(d.get("evidence")),
        )


@dataclass(frozen=True, slots=True)
class PipelineInfo:
    version: str
    resources: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "resources": dict(self.resources)}


@dataclass(frozen=True, slots=True)
class Record:
    """One ``rasid.article/1`` record: the whole output for one article."""

    status: Status
    pipeline: PipelineInfo
    article: ArticleMeta
    error: str | None = None
    actors: tuple[Actor, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "status": self.status,
            "error": self.error,
            "pipeline": self.pipeline.to_dict(),
            "article": self.article.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "claims": [c.to_dict() for c in self.claims],
            "events": [e.to_dict() for e in self.events],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Record:
        p = d["pipeline"]
        return cls(
            status=d["status"],
            pipeline=PipelineInfo(p["version"], dict(p.get("resources") or {})),
            article=ArticleMeta.from_dict(d["article"]),
            error=d.get("error"),
            actors=tuple(Actor.from_dict(a) for a in d.get("actors") or ()),
            claims=tuple(Claim.from_dict(c) for c in d.get("claims") or ()),
            events=tuple(Event.from_dict(e) for e in d.get("events") or ()),
            warnings=tuple(d.get("warnings") or ()),
        )
