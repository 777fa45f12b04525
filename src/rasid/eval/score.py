"""The scorer: every score of ``eval/FORMAT.md`` over predicted ``rasid.article/1`` record dicts.

Scores are micro-averaged over a gold set: each article contributes counts (``Counts``), summed before
dividing. The result keeps per-article details (which gold item matched which prediction, with the
checks that passed, the misses with the reason each prediction was rejected, the false positives) so
that a developer can see why a score is what it is. A record that fails the JSON Schema or the span
invariant is an *error* of the run (``EvalResult.errors``), not a lower score.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any

from rasid.errors import Errors
from rasid.eval.gold import GoldArticle, GoldClaim, GoldEvent, GoldFigure
from rasid.eval.names import ActorIndex, ActorNames, name_equal, names_match
from rasid.model import sha256_text
from rasid.validate import record_errors, schema_errors

log = logging.getLogger(__name__)

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)

# Score names, in report order. ``must_not_violations`` is a count where lower is better.
SCORE_NAMES: tuple[str, ...] = (
    "event_precision",
    "event_recall",
    "event_f1",
    "subtype_accuracy",
    "date_accuracy",
    "place_accuracy",
    "actor_accuracy",
    "claim_precision",
    "claim_recall",
    "claim_f1",
    "attribution_accuracy",
    "full_claim_f1",
    "figure_accuracy",
    "published_accuracy",
    "statement_recall",
    "must_not_violations",
)
LOWER_IS_BETTER = frozenset({"must_not_violations"})


@dataclass(frozen=True, slots=True)
class Score:
    """One score: ``hits / total`` (``value`` None when ``total`` is 0), or a count for violations."""

    name: str
    hits: int
    total: int
    value: float | None
    detail: str

    @property
    def lower_is_better(self) -> bool:
        return self.name in LOWER_IS_BETTER


def _ratio(name: str, hits: int, total: int, detail: str | None = None) -> Score:
    return Score(name, hits, total, hits / total if total else None, detail or f"{hits}/{total}")


def _f1(name: str, hits: int, predicted: int, gold: int) -> Score:
    # Micro F1 from counts: 2PR/(P+R) == 2*hits / (predicted + gold).
    return _ratio(name, 2 * hits, predicted + gold, f"P {hits}/{predicted}, R {hits}/{gold}")


@dataclass(slots=True)
class Counts:
    """What one article contributes to each score; summed over a gold set (micro-averaging)."""

    gold_events: int = 0  # required gold events
    pred_events: int = 0  # predictions counted for precision (hits + false positives)
    event_hits: int = 0
    subtype_hits: int = 0
    date_hits: int = 0
    place_hits: int = 0
    actor_hits: int = 0
    gold_claims: int = 0
    pred_claims: int = 0
    claim_hits: int = 0
    attributed_hits: int = 0
    full_hits: int = 0
    figures_total: int = 0
    figure_hits: int = 0
    published_total: int = 0
    published_hits: int = 0
    statements_total: int = 0
    statement_hits: int = 0
    must_not_checked: int = 0
    must_not_violations: int = 0

    def add(self, other: Counts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def scores(self) -> dict[str, Score]:
        items = [
            _ratio("event_precision", self.event_hits, self.pred_events),
            _ratio("event_recall", self.event_hits, self.gold_events),
            _f1("event_f1", self.event_hits, self.pred_events, self.gold_events),
            _ratio("subtype_accuracy", self.subtype_hits, self.event_hits),
            _ratio("date_accuracy", self.date_hits, self.event_hits),
            _ratio("place_accuracy", self.place_hits, self.event_hits),
            _ratio("actor_accuracy", self.actor_hits, self.event_hits),
            _ratio("claim_precision", self.claim_hits, self.pred_claims),
            _ratio("claim_recall", self.claim_hits, self.gold_claims),
            _f1("claim_f1", self.claim_hits, self.pred_claims, self.gold_claims),
            _ratio("attribution_accuracy", self.attributed_hits, self.claim_hits),
            _f1("full_claim_f1", self.full_hits, self.pred_claims, self.gold_claims),
            _ratio("figure_accuracy", self.figure_hits, self.figures_total),
            _ratio("published_accuracy", self.published_hits, self.published_total),
            _ratio("statement_recall", self.statement_hits, self.statements_total),
            Score(
                "must_not_violations",
                self.must_not_violations,
                self.must_not_checked,
                float(self.must_not_violations),
                f"{self.must_not_violations} in {self.must_not_checked} rules",
            ),
        ]
        return {s.name: s for s in items}


# ---------------------------------------------------------------------------------------------
# Per-article details


@dataclass(frozen=True, slots=True)
class EventMatch:
    gold: str
    pred: str
    required: bool
    subtype: bool
    date: bool
    place: bool
    actors: bool
    distance_km: float | None

    def failed(self) -> list[str]:
        return [n for n in ("subtype", "date", "place", "actors") if not getattr(self, n)]


@dataclass(frozen=True, slots=True)
class ClaimMatch:
    gold: str
    pred: str
    required: bool
    attributed: bool
    qualifier: bool
    of: bool
    stance: bool
    said_on: bool

    @property
    def full(self) -> bool:
        return self.attributed and self.qualifier and self.of and self.stance and self.said_on

    def failed(self) -> list[str]:
        names = ("attributed", "qualifier", "of", "stance", "said_on")
        return [n if n != "attributed" else "source" for n in names if not getattr(self, n)]


@dataclass(frozen=True, slots=True)
class Miss:
    """A required gold item no prediction matched, and why each candidate was rejected."""

    gold: str
    summary: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FalsePositive:
    pred: str
    summary: str


@dataclass(frozen=True, slots=True)
class FigureCheck:
    event: str
    kind: str
    pred_event: str | None
    ok: bool
    reason: str


@dataclass(frozen=True, slots=True)
class PublishedCheck:
    expected: str
    got: str | None

    @property
    def ok(self) -> bool:
        return self.expected == self.got


@dataclass(frozen=True, slots=True)
class ArticleResult:
    id: str
    status: str  # the record's status ("ok"/"error"), or "missing"
    counts: Counts
    event_matches: tuple[EventMatch, ...] = ()
    event_misses: tuple[Miss, ...] = ()
    event_fps: tuple[FalsePositive, ...] = ()
    claim_matches: tuple[ClaimMatch, ...] = ()
    claim_misses: tuple[Miss, ...] = ()
    claim_fps: tuple[FalsePositive, ...] = ()
    claims_excused: tuple[str, ...] = ()  # casualties claims in an article whose gold has none
    statement_hits: tuple[tuple[str, str], ...] = ()  # (gold id, predicted claim id)
    statement_misses: tuple[Miss, ...] = ()
    figures: tuple[FigureCheck, ...] = ()
    published: PublishedCheck | None = None
    violations: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()  # schema/span/input errors: the run fails
    pipeline_error: str | None = None  # a record with status "error"

    def scores(self) -> dict[str, Score]:
        return self.counts.scores()


@dataclass(frozen=True, slots=True)
class EvalResult:
    articles: tuple[ArticleResult, ...]
    counts: Counts = field(default_factory=Counts)

    @classmethod
    def of(cls, articles: Iterable[ArticleResult]) -> EvalResult:
        items = tuple(articles)
        total = Counts()
        for a in items:
            total.add(a.counts)
        return cls(items, total)

    def scores(self) -> dict[str, Score]:
        return self.counts.scores()

    @property
    def errors(self) -> list[tuple[str, str]]:
        """(article id, message) for every record that failed validation or could not be scored."""
        return [(a.id, e) for a in self.articles for e in a.errors]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def pipeline_errors(self) -> list[tuple[str, str]]:
        """(article id, reason) for records with status "error": scored as empty, shown to the user."""
        return [(a.id, a.pipeline_error or "") for a in self.articles if a.status == "error"]


# ---------------------------------------------------------------------------------------------
# Reading predicted records defensively (a broken record is reported, and still scored if possible)


def _obj(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# ---------------------------------------------------------------------------------------------
# One-to-one assignment: best first, then augmenting paths so that no gold item stays unmatched
# when a re-pairing could match it (greedy alone can strand one).


def _assign(
    golds: Sequence[int], preds: Sequence[int], quality: Mapping[tuple[int, int], int]
) -> dict[int, int]:
    """Pairs gold index -> pred index over the fitting pairs in ``quality`` (higher is better)."""
    gold_set, pred_set = set(golds), set(preds)
    pairs = sorted(
        ((g, p) for (g, p) in quality if g in gold_set and p in pred_set),
        key=lambda gp: (-quality[gp], gp[0], gp[1]),
    )
    g2p: dict[int, int] = {}
    p2g: dict[int, int] = {}
    for g, p in pairs:
        if g not in g2p and p not in p2g:
            g2p[g], p2g[p] = p, g
    adjacency: dict[int, list[int]] = {}
    for g, p in pairs:
        adjacency.setdefault(g, []).append(p)

    def augment(g: int, seen: set[int]) -> bool:
        for p in adjacency.get(g, ()):
            if p in seen:
                continue
            seen.add(p)
            if p not in p2g or augment(p2g[p], seen):
                g2p[g], p2g[p] = p, g
                return True
        return False

    for g in golds:
        if g not in g2p and g in adjacency:
            augment(g, set())
    return g2p


def _pair(
    gold_required: Sequence[bool], n_pred: int, quality: Mapping[tuple[int, int], int]
) -> tuple[dict[int, int], dict[int, int]]:
    """Required gold first, then optional gold over the predictions left (pairing prefers required)."""
    required = [i for i, r in enumerate(gold_required) if r]
    optional = [i for i, r in enumerate(gold_required) if not r]
    first = _assign(required, range(n_pred), quality)
    used = set(first.values())
    second = _assign(optional, [p for p in range(n_pred) if p not in used], quality)
    return first, second


# ---------------------------------------------------------------------------------------------
# Events


def _event_summary(e: Mapping[str, Any]) -> str:
    t, d, p = _obj(e.get("type")), _obj(e.get("date")), _obj(e.get("place"))
    when = f"{d.get('start')}..{d.get('end')}" if d else "no date"
    where = f"{p.get('name')} ({p.get('admin1')}, {p.get('country')})" if p else "no place"
    return f"{t.get('event_type')} / {t.get('sub_event_type')}, {when}, {where}, {e.get('actor1')} vs {e.get('actor2')}"


def _gold_event_summary(g: GoldEvent) -> str:
    when = f"{g.date.start}..{g.date.end}±{g.date.tolerance_days}" if g.date else "any date"
    where = f"{g.place.names[0] if g.place.names else '?'} ({g.place.country})" if g.place else "any place"
    return f"{' | '.join(f'{a}/{b}' for a, b in g.types)}, {when}, {where}"


@dataclass(frozen=True, slots=True)
class _PlaceCheck:
    near: bool | None  # None: the gold has no point
    admin: bool  # same country and admin1
    distance_km: float | None


def _check_place(pred: Mapping[str, Any], gold: GoldEvent) -> _PlaceCheck:
    gp = gold.place
    if gp is None:
        return _PlaceCheck(None, True, None)
    distance = None
    lat, lon = _num(pred.get("lat")), _num(pred.get("lon"))
    if gp.lat is not None and gp.lon is not None and lat is not None and lon is not None:
        distance = haversine_km(lat, lon, gp.lat, gp.lon)
    near = None if gp.lat is None else (distance is not None and distance <= gp.tolerance_km)
    country = _str(pred.get("country"))
    country_ok = gp.country is None or (country is not None and country.upper() == gp.country.upper())
    admin1 = _str(pred.get("admin1"))
    admin1_ok = not gp.admin1 or any(name_equal(admin1, a) for a in gp.admin1)
    return _PlaceCheck(near, country_ok and admin1_ok, distance)


def _actor_side(lists: Sequence[Sequence[str]], actor: ActorNames | None) -> bool:
    return not lists or any(names_match(names, actor) for names in lists)


def _event_mismatch(pred: Mapping[str, Any], gold: GoldEvent) -> str | None:
    """Why ``pred`` does not match ``gold`` (None when it does)."""
    etype = _obj(pred.get("type")).get("event_type")
    if etype not in {t for t, _ in gold.types}:
        return f"type {etype!r} is not a gold type"
    if gold.date is not None:
        d = _obj(pred.get("date"))
        start, end = _day(d.get("start")), _day(d.get("end"))
        if start is None or end is None:
            return "no date"
        tol = timedelta(days=gold.date.tolerance_days)
        lo, hi = date.fromisoformat(gold.date.start) - tol, date.fromisoformat(gold.date.end) + tol
        if end < lo or start > hi:
            return f"date {start}..{end} outside {lo}..{hi}"
    if gold.place is not None:
        place = _obj(pred.get("place"))
        if not place:
            return "no place"
        check = _check_place(place, gold)
        if not check.near and not check.admin:
            far = f"{check.distance_km:.0f} km away" if check.distance_km is not None else "no point"
            return f"place {place.get('name')!r} {far} and not in {gold.place.country}/{'|'.join(gold.place.admin1[:2])}"
    return None


def _event_match(pred: Mapping[str, Any], gold: GoldEvent, actors: ActorIndex, required: bool) -> EventMatch:
    t = _obj(pred.get("type"))
    subtype = (t.get("event_type"), t.get("sub_event_type")) in set(gold.types)
    date_ok = True
    if gold.date is not None:
        d = _obj(pred.get("date"))
        start, end = _day(d.get("start")), _day(d.get("end"))
        tol = gold.date.tolerance_days
        date_ok = (
            start is not None
            and end is not None
            and abs((start - date.fromisoformat(gold.date.start)).days) <= tol
            and abs((end - date.fromisoformat(gold.date.end)).days) <= tol
        )
    check = _check_place(_obj(pred.get("place")), gold)
    place_ok = check.near is not False and check.admin
    a1, a2 = actors.resolve(_str(pred.get("actor1"))), actors.resolve(_str(pred.get("actor2")))
    actors_ok = (_actor_side(gold.actor1, a1) and _actor_side(gold.actor2, a2)) or (
        _actor_side(gold.actor1, a2) and _actor_side(gold.actor2, a1)
    )
    return EventMatch(
        gold.id, str(pred.get("id")), required, subtype, date_ok, place_ok, actors_ok, check.distance_km
    )


# ---------------------------------------------------------------------------------------------
# Claims


def _claim_summary(c: Mapping[str, Any]) -> str:
    f, s = _obj(c.get("figure")), _obj(c.get("statement"))
    what = f"{f.get('kind')} {f.get('qualifier')} {f.get('value')}" if f else f"statement {s.get('kind')}"
    said = _obj(c.get("said_on")).get("date")
    return (
        f"{c.get('source')} ({c.get('stance')}{', ' + str(said) if said else ''}): {what}, of {f.get('of')}"
    )


def _gold_claim_summary(g: GoldClaim) -> str:
    value = g.value if g.value is not None else "|".join(g.qualifier or ())
    return f"{g.source[0]}: {g.kind} {value}"


def _claim_mismatch(figure: Mapping[str, Any], gold: GoldClaim) -> str | None:
    if figure.get("kind") != gold.kind:
        return f"kind {figure.get('kind')!r}"
    if gold.value is not None:
        if figure.get("value") != gold.value:
            return f"value {figure.get('value')!r}"
    elif figure.get("qualifier") not in (gold.qualifier or ()):
        return f"qualifier {figure.get('qualifier')!r}"
    return None


def _claim_match(pred: Mapping[str, Any], gold: GoldClaim, actors: ActorIndex, required: bool) -> ClaimMatch:
    figure = _obj(pred.get("figure"))
    of_id = _str(figure.get("of"))
    if gold.of is None:
        of_ok = True
    elif of_id is None:
        of_ok = None in gold.of
    else:
        of_ok = names_match([n for n in gold.of if n], actors.resolve(of_id))
    said = _obj(pred.get("said_on")).get("date")
    return ClaimMatch(
        gold=gold.id,
        pred=str(pred.get("id")),
        required=required,
        attributed=names_match(gold.source, actors.resolve(_str(pred.get("source")))),
        qualifier=gold.qualifier is None or figure.get("qualifier") in gold.qualifier,
        of=of_ok,
        stance=gold.stance is None or pred.get("stance") in gold.stance,
        said_on=gold.said_on is None or said == gold.said_on,
    )


# ---------------------------------------------------------------------------------------------
# Figures, publication date, must_not


def _figure_check(gf: GoldFigure, pred_event: Mapping[str, Any] | None) -> FigureCheck:
    if pred_event is None:
        return FigureCheck(gf.event, gf.kind, None, False, f"gold event {gf.event} is not matched")
    pid = str(pred_event.get("id"))
    fr = _obj(_obj(pred_event.get("figures")).get(gf.kind))
    if not fr:
        return FigureCheck(gf.event, gf.kind, pid, False, f"event {pid} has no {gf.kind} figure")
    low, high = fr.get("low"), fr.get("high")
    problems = []
    if gf.low is not None and low != gf.low:
        problems.append(f"low {low} != {gf.low}")
    if gf.high_min is not None and not (isinstance(high, int) and high >= gf.high_min):
        problems.append(f"high {high} < {gf.high_min}")
    if gf.high is not None and high != gf.high:
        problems.append(f"high {high} != {gf.high}")
    if gf.contested is not None and fr.get("contested") is not gf.contested:
        problems.append(f"contested {fr.get('contested')} != {gf.contested}")
    return FigureCheck(gf.event, gf.kind, pid, not problems, "; ".join(problems) or "ok")


def _violations(gold: GoldArticle, record: Mapping[str, Any], actors: ActorIndex) -> list[str]:
    found = []
    for rule in gold.must_not:
        if rule.event_country is not None:
            for e in _list(record.get("events")):
                country = _str(_obj(_obj(e).get("place")).get("country"))
                if country is not None and country.upper() == rule.event_country.upper():
                    found.append(f"event {_obj(e).get('id')} is placed in {rule.event_country}")
        if rule.claim is not None:
            mc = rule.claim
            for c in _list(record.get("claims")):
                c = _obj(c)
                figure = _obj(c.get("figure"))
                if not figure:
                    continue
                if mc.kind is not None and figure.get("kind") != mc.kind:
                    continue
                if mc.value is not None and figure.get("value") != mc.value:
                    continue
                if mc.source and not names_match(mc.source, actors.resolve(_str(c.get("source")))):
                    continue
                found.append(f"claim {c.get('id')} ({_claim_summary(c)}) is ruled out")
    return found


# ---------------------------------------------------------------------------------------------
# One article


def _validation(gold: GoldArticle, record: Mapping[str, Any]) -> list[str]:
    try:
        errors = record_errors(record, gold.text)
    except (AttributeError, TypeError, KeyError):
        # The span walk assumes the schema's shapes; a record far off them gets its schema errors only.
        errors = schema_errors(record)
    got = _obj(record.get("article")).get("text_sha256")
    want = sha256_text(gold.text)
    if got != want:
        errors.append(Errors.E608.fmt(id=gold.id, got=got, want=want))
    return errors


def score_article(gold: GoldArticle, record: Mapping[str, Any] | None) -> ArticleResult:
    """Score one predicted record (``None``: no prediction, an error) against its gold."""
    counts = Counts()
    if record is None:
        record, errors, status = {}, [Errors.E607.fmt(id=gold.id)], "missing"
    else:
        errors, status = _validation(gold, record), str(record.get("status"))
    actors = ActorIndex(_obj(a) for a in _list(record.get("actors")))

    # Events
    pred_events = [_obj(e) for e in _list(record.get("events"))]
    fits: dict[tuple[int, int], int] = {}
    rejections: dict[int, list[str]] = {}
    for gi, ge in enumerate(gold.events):
        for pi, pe in enumerate(pred_events):
            reason = _event_mismatch(pe, ge)
            if reason is None:
                m = _event_match(pe, ge, actors, ge.required)
                fits[(gi, pi)] = 4 - len(m.failed())
            else:
                rejections.setdefault(gi, []).append(f"{pe.get('id')}: {reason}")
    req, opt = _pair([g.required for g in gold.events], len(pred_events), fits)
    event_matches = [
        _event_match(pred_events[pi], gold.events[gi], actors, gold.events[gi].required)
        for gi, pi in sorted({**req, **opt}.items())
    ]
    event_misses = [
        Miss(g.id, _gold_event_summary(g), tuple(rejections.get(gi, ())))
        for gi, g in enumerate(gold.events)
        if g.required and gi not in req
    ]
    used = set(req.values()) | set(opt.values())
    event_fps = [
        FalsePositive(str(pe.get("id")), _event_summary(pe))
        for pi, pe in enumerate(pred_events)
        if pi not in used
    ]
    hits = [m for m in event_matches if m.required]
    counts.gold_events = sum(1 for g in gold.events if g.required)
    counts.event_hits = len(hits)
    counts.pred_events = len(hits) + len(event_fps)
    counts.subtype_hits = sum(m.subtype for m in hits)
    counts.date_hits = sum(m.date for m in hits)
    counts.place_hits = sum(m.place for m in hits)
    counts.actor_hits = sum(m.actors for m in hits)

    # Claims with a figure
    all_claims = [_obj(c) for c in _list(record.get("claims"))]
    pred_claims = [c for c in all_claims if _obj(c.get("figure"))]
    cfits: dict[tuple[int, int], int] = {}
    crejections: dict[int, list[str]] = {}
    for gi, gc in enumerate(gold.claims):
        for pi, pc in enumerate(pred_claims):
            reason = _claim_mismatch(_obj(pc.get("figure")), gc)
            if reason is None:
                cfits[(gi, pi)] = 5 - len(_claim_match(pc, gc, actors, gc.required).failed())
            elif _obj(pc.get("figure")).get("kind") == gc.kind:
                crejections.setdefault(gi, []).append(f"{pc.get('id')}: {reason}")
    creq, copt = _pair([g.required for g in gold.claims], len(pred_claims), cfits)
    claim_matches = [
        _claim_match(pred_claims[pi], gold.claims[gi], actors, gold.claims[gi].required)
        for gi, pi in sorted({**creq, **copt}.items())
    ]
    claim_misses = [
        Miss(g.id, _gold_claim_summary(g), tuple(crejections.get(gi, ())))
        for gi, g in enumerate(gold.claims)
        if g.required and gi not in creq
    ]
    cused = set(creq.values()) | set(copt.values())
    gold_has_casualties = any(g.kind == "casualties" for g in gold.claims)
    excused, claim_fps = [], []
    for pi, pc in enumerate(pred_claims):
        if pi in cused:
            continue
        if not gold_has_casualties and _obj(pc.get("figure")).get("kind") == "casualties":
            excused.append(str(pc.get("id")))
        else:
            claim_fps.append(FalsePositive(str(pc.get("id")), _claim_summary(pc)))
    chits = [m for m in claim_matches if m.required]
    counts.gold_claims = sum(1 for g in gold.claims if g.required)
    counts.claim_hits = len(chits)
    counts.pred_claims = len(chits) + len(claim_fps)
    counts.attributed_hits = sum(m.attributed for m in chits)
    counts.full_hits = sum(m.full for m in chits)

    # Statements (recall only, one prediction per gold statement)
    statements = [c for c in all_claims if _obj(c.get("statement"))]
    sfits = {
        (gi, pi): 1 + int(gs.said_on is None or _obj(pc.get("said_on")).get("date") == gs.said_on)
        for gi, gs in enumerate(gold.statements)
        for pi, pc in enumerate(statements)
        if _obj(pc.get("statement")).get("kind") == gs.kind
        and names_match(gs.source, actors.resolve(_str(pc.get("source"))))
    }
    shits = _assign(range(len(gold.statements)), range(len(statements)), sfits)
    counts.statements_total = len(gold.statements)
    counts.statement_hits = len(shits)

    # Figures on matched events (required or optional)
    by_gold = {m.gold: m.pred for m in event_matches}
    pred_by_id = {str(e.get("id")): e for e in pred_events}
    figures = [
        _figure_check(gf, pred_by_id.get(by_gold[gf.event]) if gf.event in by_gold else None)
        for gf in gold.figures
    ]
    counts.figures_total = len(figures)
    counts.figure_hits = sum(f.ok for f in figures)

    published = None
    if gold.published is None and gold.expect_published is not None:
        got = _obj(record.get("article")).get("published")
        published = PublishedCheck(gold.expect_published, got if isinstance(got, str) else None)
        counts.published_total, counts.published_hits = 1, int(published.ok)

    violations = _violations(gold, record, actors)
    counts.must_not_checked = len(gold.must_not)
    counts.must_not_violations = len(violations)

    return ArticleResult(
        id=gold.id,
        status=status,
        counts=counts,
        event_matches=tuple(event_matches),
        event_misses=tuple(event_misses),
        event_fps=tuple(event_fps),
        claim_matches=tuple(claim_matches),
        claim_misses=tuple(claim_misses),
        claim_fps=tuple(claim_fps),
        claims_excused=tuple(excused),
        statement_hits=tuple(
            (gold.statements[gi].id, str(statements[pi].get("id"))) for gi, pi in sorted(shits.items())
        ),
        statement_misses=tuple(
            Miss(s.id, f"{s.source[0]}: {s.kind}") for gi, s in enumerate(gold.statements) if gi not in shits
        ),
        figures=tuple(figures),
        published=published,
        violations=tuple(violations),
        errors=tuple(errors),
        pipeline_error=_str(record.get("error")) if status == "error" else None,
    )


def score_set(
    gold: Sequence[GoldArticle],
    predictions: Mapping[str, Mapping[str, Any]],
    progress: Callable[[Iterable[GoldArticle]], Iterable[GoldArticle]] | None = None,
) -> EvalResult:
    """Score predicted records (keyed by article id) against a gold set, micro-averaged."""
    items = progress(gold) if progress else gold
    return EvalResult.of(score_article(g, predictions.get(g.id)) for g in items)
