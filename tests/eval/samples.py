"""A small gold article of our own and a hand-written perfect prediction for it.

The article is made up (not any outlet's text): the SDF says on Sunday that five of its members were
killed on Friday in an Islamic State attack on al-Sour, east of Deir ez-Zor; Amaq claims more than 30.
"""

from __future__ import annotations

import copy
from typing import Any

from rasid.model import sha256_text

TEXT = (
    "دير الزور - قالت قوات سوريا الديمقراطية (قسد) يوم الأحد إن خمسة من عناصرها قتلوا "
    "يوم الجمعة في هجوم شنه تنظيم الدولة الإسلامية على بلدة الصور شرقي دير الزور. "
    "وزعمت وكالة أعماق مقتل أكثر من 30 عنصراً من قسد وإصابة عدد آخر، وتبنى التنظيم الهجوم."
)

IS_NAMES = ["Islamic State", "ISIS", "داعش", "تنظيم الدولة الإسلامية"]
SDF_NAMES = ["Syrian Democratic Forces", "SDF", "قسد", "قوات سوريا الديمقراطية"]
AMAQ_NAMES = ["Amaq", "وكالة أعماق", *IS_NAMES]
DEIR = ["Deir ez-Zor", "Deir al-Zour", "دير الزور"]


def gold_dict() -> dict[str, Any]:
    return {
        "id": "test-sour",
        "language": "ar",
        "text": TEXT,
        "published": None,
        "expect": {
            "published": "2023-03-12",
            "events": [
                {
                    "id": "g1",
                    "required": True,
                    "types": [["Battles", "Armed clash"]],
                    "date": {"start": "2023-03-10", "end": "2023-03-10", "tolerance_days": 0},
                    "place": {
                        "country": "SY",
                        "admin1": DEIR,
                        "names": ["al-Sour", "الصور"],
                        "lat": 35.52,
                        "lon": 40.63,
                        "tolerance_km": 10,
                    },
                    "actor1": [IS_NAMES],
                    "actor2": [SDF_NAMES],
                },
                {
                    "id": "g2",
                    "required": False,
                    "types": [["Explosions/Remote violence", "Air/drone strike"]],
                    "date": {"start": "2023-03-10", "end": "2023-03-11", "tolerance_days": 1},
                    "place": {
                        "country": "SY",
                        "admin1": DEIR,
                        "names": ["al-Sour"],
                        "lat": 35.52,
                        "lon": 40.63,
                        "tolerance_km": 10,
                    },
                    "actor1": [],
                    "actor2": [],
                },
            ],
            "claims": [
                {
                    "id": "k1",
                    "required": True,
                    "source": SDF_NAMES,
                    "kind": "killed",
                    "value": 5,
                    "qualifier": ["exact"],
                    "of": SDF_NAMES,
                    "stance": ["asserted"],
                    "said_on": "2023-03-12",
                },
                {
                    "id": "k2",
                    "required": True,
                    "source": AMAQ_NAMES,
                    "kind": "killed",
                    "value": 30,
                    "qualifier": ["more_than", "at_least"],
                    "of": [*SDF_NAMES, None],
                    "stance": ["asserted", "alleged"],
                    "said_on": None,
                },
                {
                    "id": "k3",
                    "required": False,
                    "source": AMAQ_NAMES,
                    "kind": "injured",
                    "value": None,
                    "qualifier": ["several", "many"],
                    "of": SDF_NAMES,
                    "stance": ["alleged", "asserted"],
                    "said_on": None,
                },
            ],
            "statements": [{"id": "s1", "source": IS_NAMES, "kind": "responsibility", "said_on": None}],
            "figures": [{"event": "g1", "kind": "killed", "low": 5, "high_min": 30, "contested": True}],
            "must_not": [
                {"event_country": "IQ"},
                {"claim": {"source": SDF_NAMES, "kind": "killed", "value": 30}},
            ],
        },
    }


def span(word: str, text: str = TEXT) -> dict[str, Any]:
    start = text.index(word)
    return {"start": start, "end": start + len(word), "text": word}


def actor(
    actor_id: str, name: str, name_ar: str | None, kind: str, affiliation: str | None = None
) -> dict[str, Any]:
    return {
        "id": actor_id,
        "name": name,
        "name_ar": name_ar,
        "kind": kind,
        "affiliation": affiliation,
        "mentions": [],
    }


def claim(
    claim_id: str,
    source: str,
    kind: str,
    value: int | None,
    qualifier: str = "exact",
    *,
    of: str | None = None,
    stance: str = "asserted",
    said_on: str | None = None,
    event: str | None = "e1",
) -> dict[str, Any]:
    return {
        "id": claim_id,
        "source": source,
        "via": [],
        "stance": stance,
        "said_on": {"date": said_on, "precision": "day"} if said_on else None,
        "figure": {
            "kind": kind,
            "value": value,
            "qualifier": qualifier,
            "low": value,
            "high": None,
            "of": of,
            "includes": None,
        },
        "statement": None,
        "event": event,
        "evidence": [],
    }


def event(
    event_id: str,
    event_type: str,
    sub_type: str,
    start: str,
    end: str,
    *,
    lat: float = 35.52,
    lon: float = 40.63,
    country: str = "SY",
    admin1: str = "Deir ez-Zor",
    actor1: str | None = None,
    actor2: str | None = None,
) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": {"event_type": event_type, "sub_event_type": sub_type, "plover": None},
        "date": {"start": start, "end": end, "precision": "day", "rule": "test", "evidence": []},
        "place": {
            "name": "al-Sour",
            "name_ar": "الصور",
            "gazetteer_id": None,
            "lat": lat,
            "lon": lon,
            "country": country,
            "admin1": admin1,
            "admin2": None,
            "admin3": None,
            "precision": "town",
            "evidence": [],
        },
        "actor1": actor1,
        "actor2": actor2,
        "assoc": [],
        "figures": {},
        "evidence": [],
    }


def perfect_record() -> dict[str, Any]:
    """A record that gets every score of ``gold_dict()`` right, written by hand."""
    e1 = event(
        "e1", "Battles", "Armed clash", "2023-03-10", "2023-03-10", actor1="islamic-state", actor2="sdf"
    )
    e1["evidence"] = [span("هجوم")]
    e1["place"]["evidence"] = [span("الصور")]
    e1["figures"] = {"killed": {"low": 5, "best": 5, "high": 31, "contested": True, "claims": ["c1", "c2"]}}
    c1 = claim("c1", "sdf", "killed", 5, of="sdf", said_on="2023-03-12")
    c1["evidence"] = [span("خمسة من عناصرها قتلوا")]
    c2 = claim("c2", "amaq", "killed", 30, "more_than", of="sdf", stance="alleged")
    c2["figure"]["low"] = 31
    statement = {
        "id": "c3",
        "source": "islamic-state",
        "via": [],
        "stance": "asserted",
        "said_on": None,
        "figure": None,
        "statement": {"kind": "responsibility", "text": "IS claims the attack"},
        "event": "e1",
        "evidence": [span("وتبنى التنظيم الهجوم")],
    }
    return {
        "schema": "rasid.article/1",
        "status": "ok",
        "error": None,
        "pipeline": {"version": "test", "resources": {}},
        "article": {
            "id": "test-sour",
            "url": None,
            "outlet": None,
            "title": None,
            "language": "ar",
            "published": "2023-03-12",
            "published_from": "inferred",
            "text_sha256": sha256_text(TEXT),
        },
        "actors": [
            # name_ar spelled without hamza and with tatweel: matching normalizes both away
            actor("islamic-state", "Islamic State", "تنظيم الدولة الاسلامـية", "rebel_group"),
            actor("amaq", "Amaq", "أعماق", "media", "islamic-state"),
            actor("sdf", "Syrian Democratic Forces", "قوات سوريا الديمقراطية", "rebel_group"),
        ],
        "claims": [c1, c2, statement],
        "events": [e1],
        "warnings": [],
    }


def copy_record() -> dict[str, Any]:
    return copy.deepcopy(perfect_record())
