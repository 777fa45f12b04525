"""Name matching for the scorer, exactly as ``eval/FORMAT.md`` defines it.

A gold name list matches an output actor when any of the actor's ``id``, ``name`` or ``name_ar``,
after normalization, equals any gold name after normalization. Normalization: NFKC, lower case,
Arabic alef/yeh/teh-marbuta folding, diacritics, tatweel and punctuation stripped, and a leading
"the"/"ال" article dropped (for comparison only).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Letter folding (orthographic variants writers use interchangeably). Alef with hamza above/below,
# madda and wasla -> bare alef; alef maqsura and Persian yeh -> yeh; teh marbuta -> heh; Persian kaf -> kaf.
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ة": "ه",
        "ک": "ك",
        "ـ": None,  # tatweel (kashida), a stretching character with no meaning
    }
)
_SPACES = re.compile(r"\s+")
_ARABIC_ARTICLE = "ال"


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """The comparison key of a name (never shown to users)."""
    text = unicodedata.normalize("NFKC", name).lower().translate(_FOLD)
    kept = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat.startswith("M") or cat.startswith("P"):
            continue  # diacritics (harakat, shadda, superscript alef) and punctuation
        kept.append(ch)
    key = _SPACES.sub(" ", "".join(kept)).strip()
    if key.startswith("the "):
        key = key[4:]
    elif key.startswith(_ARABIC_ARTICLE) and len(key) > len(_ARABIC_ARTICLE) + 1:
        key = key[len(_ARABIC_ARTICLE) :]
    return key


@dataclass(frozen=True, slots=True)
class ActorNames:
    """What an actor reference in a record resolves to: its id and, when listed, its names."""

    id: str
    name: str | None = None
    name_ar: str | None = None

    def keys(self) -> set[str]:
        return {normalize_name(n) for n in (self.id, self.name, self.name_ar) if n}


class ActorIndex:
    """Resolves actor ids used in a record's events and claims through its ``actors`` list."""

    def __init__(self, actors: Iterable[Mapping[str, Any]]) -> None:
        self._by_id: dict[str, ActorNames] = {}
        for actor in actors:
            actor_id = actor.get("id")
            if isinstance(actor_id, str) and actor_id not in self._by_id:
                self._by_id[actor_id] = ActorNames(actor_id, actor.get("name"), actor.get("name_ar"))

    @classmethod
    def of_record(cls, record: Mapping[str, Any]) -> ActorIndex:
        return cls(record.get("actors") or ())

    def resolve(self, actor_id: str | None) -> ActorNames | None:
        """The actor for ``actor_id``; an id not in the list stands for itself (e.g. ``civilians``)."""
        if not actor_id:
            return None
        return self._by_id.get(actor_id) or ActorNames(actor_id)


def names_match(gold_names: Sequence[str | None], actor: ActorNames | None) -> bool:
    """True when ``actor`` (resolved) carries any of ``gold_names``. ``None`` gold entries are ignored."""
    if actor is None:
        return False
    wanted = {normalize_name(n) for n in gold_names if n}
    return not wanted.isdisjoint(actor.keys())


def name_equal(a: str | None, b: str | None) -> bool:
    """Two place or admin names equal after normalization."""
    return bool(a) and bool(b) and normalize_name(a or "") == normalize_name(b or "")
