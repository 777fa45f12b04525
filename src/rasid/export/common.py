"""Shared pieces of every export: codebook tables, the country table, event views and filters.

Exports stream: they take an iterable of ``rasid.article/1`` record dicts and look at one record at a time,
so memory stays flat in the number of events. An :class:`EventView` is one event with the context of its
record (actors by id, the claims about the event), from which each format picks its columns.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

import yaml

from rasid.errors import Errors, ExportError
from rasid.store.filters import RecordFilter

# Exports filter events with the store's filter (same fields, same meaning).
EventFilter = RecordFilter

log = logging.getLogger(__name__)

_DATA = "data"


def _data_text(*parts: str) -> str:
    node = resources.files("rasid").joinpath(_DATA)
    for p in parts:
        node = node.joinpath(p)
    return node.read_text("utf-8")


@dataclass(frozen=True, slots=True)
class Country:
    """One row of ``data/countries.tsv`` (ISO 3166 codes, ACLED region)."""

    iso2: str
    iso3: str
    numeric: int
    name: str
    name_ar: str
    region: str


COUNTRY_COLUMNS = ("iso2", "iso3", "numeric", "name", "name_ar", "acled_region")


@lru_cache(maxsize=1)
def countries() -> Mapping[str, Country]:
    """Countries by ISO alpha-2 code, loaded once from ``data/countries.tsv``."""
    lines = [ln for ln in _data_text("countries.tsv").splitlines() if ln and not ln.startswith("#")]
    reader = csv.reader(lines, delimiter="\t")
    header = tuple(next(reader))
    if header != COUNTRY_COLUMNS:
        raise ExportError(Errors.E503, path="countries.tsv", reason=f"header {header} != {COUNTRY_COLUMNS}")
    out: dict[str, Country] = {}
    for n, row in enumerate(reader, start=2):
        if len(row) != len(COUNTRY_COLUMNS) or not row[2].isdigit():
            raise ExportError(Errors.E503, path="countries.tsv", reason=f"bad row {n}: {row}")
        out[row[0]] = Country(row[0], row[1], int(row[2]), row[3], row[4], row[5])
    return out


def country(iso2: str | None) -> Country | None:
    return countries().get(iso2.upper()) if iso2 else None


@dataclass(frozen=True, slots=True)
class Codebooks:
    """Codebook tables from ``data/export/codebooks.yaml`` (see the comments there for sources)."""

    acled_inter: Mapping[str, int]
    disorder_by_type: Mapping[str, str]
    disorder_by_sub_type: Mapping[str, str]
    time_precision: Mapping[str, int]
    geo_precision: Mapping[str, int]
    vague_fatalities: Mapping[str, int]
    where_prec: Mapping[str, int]
    state_kinds: frozenset[str]
    civilian_kinds: frozenset[str]
    stance_verbs: Mapping[str, str]
    qualifiers: Mapping[str, str]
    kind_words: Mapping[str, str]


@lru_cache(maxsize=1)
def codebooks() -> Codebooks:
    """Load and validate the codebook tables, once per process."""
    import jsonschema

    raw = yaml.safe_load(_data_text("export", "codebooks.yaml"))
    schema = json.loads(_data_text("export", "codebooks.schema.json"))
    try:
        jsonschema.validate(raw, schema)
    except jsonschema.ValidationError as exc:
        raise ExportError(Errors.E503, path="export/codebooks.yaml", reason=exc.message) from exc
    a, u, n = raw["acled"], raw["ucdp"], raw["notes"]
    return Codebooks(
        acled_inter=a["inter"],
        disorder_by_type=a["disorder_type"]["by_event_type"],
        disorder_by_sub_type=a["disorder_type"]["by_sub_event_type"],
        time_precision=a["time_precision"],
        geo_precision=a["geo_precision"],
        vague_fatalities=a["vague_fatalities"],
        where_prec=u["where_prec"],
        state_kinds=frozenset(u["state_kinds"]),
        civilian_kinds=frozenset(u["civilian_kinds"]),
        stance_verbs=n["stance_verbs"],
        qualifiers=n["qualifiers"],
        kind_words=n["kinds"],
    )


def stable_number(*parts: str, digits: int = 10) -> int:
    """A number from sha256 of ``parts``: the same inputs give the same number in every process and run."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    modulus: int = int(10**digits)
    return int(h[:16], 16) % modulus


@dataclass(frozen=True)
class EventView:
    """One event with the context of its record."""

    record: Mapping[str, Any]
    event: Mapping[str, Any]
    actors: Mapping[str, Mapping[str, Any]]
    claims: tuple[Mapping[str, Any], ...]

    @property
    def article(self) -> Mapping[str, Any]:
        a: Mapping[str, Any] = self.record["article"]
        return a

    @property
    def article_id(self) -> str:
        return str(self.article["id"])

    @property
    def event_id(self) -> str:
        return str(self.event["id"])

    @property
    def place(self) -> Mapping[str, Any]:
        p: Mapping[str, Any] = self.event.get("place") or {}
        return p

    @property
    def date(self) -> Mapping[str, Any]:
        d: Mapping[str, Any] = self.event.get("date") or {}
        return d

    @property
    def event_type(self) -> str:
        return str((self.event.get("type") or {}).get("event_type") or "")

    @property
    def sub_event_type(self) -> str:
        return str((self.event.get("type") or {}).get("sub_event_type") or "")

    @cached_property
    def country(self) -> Country | None:
        return country(self.place.get("country"))

    def actor_name(self, actor_id: str | None) -> str:
        if not actor_id:
            return ""
        actor = self.actors.get(actor_id)
        return str(actor.get("name") or actor_id) if actor else actor_id

    def actor_kind(self, actor_id: str | None) -> str | None:
        if not actor_id:
            return None
        actor = self.actors.get(actor_id)
        return str(actor["kind"]) if actor and actor.get("kind") else None

    def affiliation(self, actor_id: str | None) -> str | None:
        actor = self.actors.get(actor_id) if actor_id else None
        return str(actor["affiliation"]) if actor and actor.get("affiliation") else None

    def figure(self, kind: str) -> Mapping[str, Any] | None:
        f: Mapping[str, Any] | None = (self.event.get("figures") or {}).get(kind)
        return f

    @property
    def contested(self) -> bool:
        return any(bool(f.get("contested")) for f in (self.event.get("figures") or {}).values())

    def figure_claims(self, kind: str) -> Iterator[Mapping[str, Any]]:
        """Claims about this event with a figure of ``kind``, denials excluded."""
        for c in self.claims:
            fig = c.get("figure")
            if fig and fig.get("kind") == kind and c.get("stance") != "denied":
                yield c


def iter_events(records: Iterable[Mapping[str, Any]], filt: EventFilter | None = None) -> Iterator[EventView]:
    """Every event of every ``ok`` record, in record order, with its context; ``filt`` keeps matching ones."""
    for rec in records:
        if rec.get("status", "ok") != "ok":
            continue
        events = rec.get("events") or ()
        if not events:
            continue
        actors = {a["id"]: a for a in rec.get("actors") or ()}
        by_event: dict[str, list[Mapping[str, Any]]] = {}
        for c in rec.get("claims") or ():
            if c.get("event"):
                by_event.setdefault(c["event"], []).append(c)
        for ev in events:
            if filt is not None and not filt.matches(ev):
                continue
            claims = list(by_event.get(ev["id"], ()))
            # Claims the reconciler counted for this event but that point nowhere (or elsewhere) still count.
            listed = {cid for f in (ev.get("figures") or {}).values() for cid in f.get("claims") or ()}
            if listed - {c["id"] for c in claims}:
                claims += [c for c in rec.get("claims") or () if c["id"] in listed and c not in claims]
            yield EventView(rec, ev, actors, tuple(claims))


def record_matches(rec: Mapping[str, Any], filt: EventFilter | None) -> bool:
    """A record matches when the filter is empty or one of its events matches."""
    if filt is None or filt.is_empty():
        return True
    return any(filt.matches(ev) for ev in rec.get("events") or ())


# --- figures -------------------------------------------------------------------------------------------


def claim_number(fig: Mapping[str, Any]) -> int | None:
    """The conservative number a figure stands for: its ``low`` bound, else its ``value``."""
    low = fig.get("low")
    if low is not None:
        return int(low)
    value = fig.get("value")
    return int(value) if value is not None else None


def conservative_fatalities(view: EventView) -> int:
    """ACLED's conservative rule on the reconciled killed figure: ``low``, else ``best``, else a vague
    qualifier's coded number (codebooks ``vague_fatalities``), else 0."""
    fig = view.figure("killed")
    if fig is None:
        return 0
    for key in ("low", "best"):
        if fig.get(key) is not None:
            return int(fig[key])
    vague = codebooks().vague_fatalities
    guesses = [
        vague[c["figure"]["qualifier"]]
        for c in view.figure_claims("killed")
        if c["figure"].get("qualifier") in vague
    ]
    return min(guesses) if guesses else 0


# --- words ---------------------------------------------------------------------------------------------


def _group_name(view: EventView, of: str | None) -> str:
    return view.actor_name(of) if of else ""


def figure_phrase(view: EventView, fig: Mapping[str, Any], *, with_group: bool = True) -> str:
    """``more than 200 SDF members killed``, ``4 civilians injured``, ``3 SDF vehicles destroyed``.

    ``with_group=False`` leaves out whose people they are (the clause already said it: "… and 9 injured").
    """
    cb = codebooks()
    kind = str(fig.get("kind"))
    qual = cb.qualifiers.get(str(fig.get("qualifier") or "exact"), "")
    value = fig.get("value")
    of = fig.get("of")
    words: list[str] = [qual] if qual else []
    if value is not None:
        words.append(str(value))
    group = _group_name(view, of) if with_group else ""
    if not with_group:
        words.append(cb.kind_words.get(kind, kind))
        return " ".join(w for w in words if w)
    if kind.startswith("vehicles_"):
        words += [group, cb.kind_words.get(kind, kind)]
    elif group and (of == "civilians" or view.actor_kind(of) in cb.civilian_kinds):
        words += [group.lower() if group.lower() == "civilians" else group, cb.kind_words.get(kind, kind)]
    elif group:
        words += [f"{group} members", cb.kind_words.get(kind, kind)]
    else:
        words += ["people" if value is None or value != 1 else "person", cb.kind_words.get(kind, kind)]
    text = " ".join(w for w in words if w)
    if fig.get("includes"):
        text += f" (including {fig['includes']})"
    return text


def claim_clauses(view: EventView) -> list[str]:
    """One clause per claimant, stance and date: ``Amaq claimed more than 200 SDF members killed``.

    Consecutive figures from the same source with the same stance and date are joined with "and", so the SDF's
    "17 killed and 23 injured" stays one clause.
    """
    cb = codebooks()
    groups: dict[tuple[str, str, str], list[str]] = {}
    last_of: dict[tuple[str, str, str], str | None] = {}
    for c in view.claims:
        said = (c.get("said_on") or {}).get("date") or ""
        key = (str(c["source"]), str(c.get("stance") or "asserted"), said)
        fig = c.get("figure")
        if fig:
            same_group = key in last_of and fig.get("of") is not None and last_of[key] == fig.get("of")
            groups.setdefault(key, []).append(figure_phrase(view, fig, with_group=not same_group))
            last_of[key] = fig.get("of")
        elif c.get("statement"):
            groups.setdefault(key, []).append(f"that {c['statement']['text']}")
    clauses = []
    for (source, stance, said), phrases in groups.items():
        verb = cb.stance_verbs.get(stance, "reported")
        clause = f"{view.actor_name(source)} {verb} {' and '.join(phrases)}"
        if said:
            clause += f" on {said}"
        clauses.append(clause)
    return clauses


def notes(view: EventView) -> str:
    """ACLED-style notes: what happened, then every competing claim, one clause each, ``; ``-separated."""
    where = view.place.get("name") or (view.country.name if view.country else "")
    start = view.date.get("start")
    lead = f"On {start}, " if start else ""
    who = " and ".join(
        n for n in (view.actor_name(view.event.get("actor1")), view.actor_name(view.event.get("actor2"))) if n
    )
    lead += view.sub_event_type.lower() if lead else view.sub_event_type
    if who:
        lead += f" involving {who}"
    if where:
        lead += f" in {where}"
    clauses = claim_clauses(view)
    text = lead + "."
    if clauses:
        body = "; ".join(clauses)
        text += " " + body[0].upper() + body[1:] + "."
    if view.contested:
        text += " Figures are contested."
    return text


def source_names(view: EventView) -> list[str]:
    """Claimants of the event's claims (in claim order, once each), then the outlet."""
    names: list[str] = []
    for c in view.claims:
        n = view.actor_name(c.get("source"))
        if n and n not in names:
            names.append(n)
    outlet = view.article.get("outlet")
    if outlet and outlet not in names:
        names.append(str(outlet))
    return names


def claim_summaries(view: EventView) -> list[dict[str, Any]]:
    """Compact, flat claims of an event (no evidence spans) for CSV/GeoJSON columns."""
    out = []
    for c in view.claims:
        fig = c.get("figure") or {}
        st = c.get("statement") or {}
        said = c.get("said_on") or {}
        out.append(
            {
                "id": c["id"],
                "source": c["source"],
                "source_name": view.actor_name(c["source"]),
                "via": list(c.get("via") or ()),
                "stance": c.get("stance"),
                "said_on": said.get("date"),
                "kind": fig.get("kind"),
                "value": fig.get("value"),
                "qualifier": fig.get("qualifier"),
                "low": fig.get("low"),
                "high": fig.get("high"),
                "of": fig.get("of"),
                "includes": fig.get("includes"),
                "statement_kind": st.get("kind"),
                "statement_text": st.get("text"),
            }
        )
    return out


def figures_dict(view: EventView) -> dict[str, Any]:
    return {k: dict(v) for k, v in (view.event.get("figures") or {}).items()}


def compact_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def cell(value: Any) -> str:
    """A CSV cell: None -> empty, bool -> true/false, everything else ``str`` on one line (ACLED and UCDP
    files have one event per line; a stray carriage return in an outlet name must not split a row)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _LINE_BREAKS.sub(" ", str(value))


def csv_row(row: Mapping[str, Any], columns: Sequence[str]) -> list[str]:
    return [cell(row.get(c)) for c in columns]
