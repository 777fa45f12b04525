"""The text layer's own knowledge files (src/rasid/data/text/*.yaml), loaded lazily and once per process.

Month and weekday names, number words, qualifiers and the cues that give a number a role are data, not
code: ``load(name)`` reads and checks one file, ``WordTable`` compiles folded phrases into one regex whose
hits are kept only at word boundaries (proclitics allowed, as for every matcher).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

from rasid.errors import Errors
from rasid.text.normalize import fold
from rasid.text.scan import WordStarts, finditer_at, first_word
from rasid.text.tokens import PROCLITICS, at_boundary

V = TypeVar("V")

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "text"

# Top-level keys every file must have (a light schema; tests check the content in more detail).
_REQUIRED: Mapping[str, tuple[str, ...]] = {
    "calendar": ("gregorian_months", "hijri_months", "weekdays", "relative_days", "directions", "units"),
    "numbers": ("units", "tens", "hundreds", "multipliers", "multiplier_duals", "vague", "qualifiers"),
    "roles": ("roles",),
}


class TextDataError(ValueError):
    pass


@cache
def load(name: str) -> Mapping[str, Any]:
    """The parsed data file ``name`` (calendar, numbers, roles), checked for its required keys."""
    path = DATA_DIR / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TextDataError(Errors.E101.fmt(path=str(path), reason=exc)) from exc
    if not isinstance(data, dict):
        raise TextDataError(Errors.E101.fmt(path=str(path), reason="not a mapping"))
    missing = [k for k in _REQUIRED.get(name, ()) if k not in data]
    if missing:
        raise TextDataError(Errors.E101.fmt(path=str(path), reason=f"missing keys {missing}"))
    return data


@dataclass(frozen=True, slots=True)
class Hit(Generic[V]):
    start: int  # key offsets
    end: int
    value: V
    phrase: str


class WordTable(Generic[V]):
    """Folded phrases mapped to values, found on a match key as whole words (proclitics allowed)."""

    def __init__(self, entries: Iterable[tuple[str, V]], allow_clitics: bool = True) -> None:
        self.values: dict[str, V] = {}
        for phrase, value in entries:
            folded = fold(phrase)
            if folded and folded not in self.values:
                self.values[folded] = value
        alts = sorted(self.values, key=len, reverse=True)
        body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts) or r"(?!x)x"
        self.pattern = re.compile(f"(?:{body})")
        self.max_words = max((a.count(" ") + 1 for a in alts), default=1)
        self.allow_clitics = allow_clitics
        # The last word of every phrase: ``match_before`` returns early when the word before the
        # position cannot end any phrase, which is what almost every call finds.
        self.last_words = frozenset(a.rsplit(" ", 1)[-1] for a in alts)
        self.first_chars = frozenset(a[0] for a in alts)  # ``match_at`` needs one of these at ``pos``
        word_counts: dict[str, set[int]] = {}
        for a in alts:
            tokens = a.split(" ")
            word_counts.setdefault(tokens[-1], set()).add(len(tokens))
        self.word_counts = {w: frozenset(c) for w, c in word_counts.items()}  # last word -> word counts
        # Where a phrase can start (its literal first word): ``finditer`` tries the pattern only there.
        self._starts = WordStarts({"first": {first_word(a) for a in alts}})

    def get(self, folded: str) -> V | None:
        value = self.values.get(folded)  # the usual case: already one space between words
        if value is not None or not _SPACE_RUN_OR_ODD.search(folded):
            return value
        return self.values.get(_SPACE_RUN.sub(" ", folded))

    def finditer(self, key: str, pos: int = 0, endpos: int | None = None) -> Iterator[Hit[V]]:
        if pos != 0 or endpos is not None:
            matches: Iterator[re.Match[str]] = self.pattern.finditer(
                key, pos, len(key) if endpos is None else endpos
            )
        else:
            matches = finditer_at(self.pattern, key, self._starts.starts(key)["first"])
        for m in matches:
            if at_boundary(key, m.start(), m.end(), self.allow_clitics):
                phrase = _one_space(m.group())
                yield Hit(m.start(), m.end(), self.values[phrase], phrase)

    def match_at(self, key: str, pos: int) -> Hit[V] | None:
        """A phrase starting exactly at ``pos`` and ending at a word end."""
        if key[pos : pos + 1] not in self.first_chars:
            return None
        m = self.pattern.match(key, pos)
        if m is None or not at_boundary(key, m.start(), m.end(), False):
            return None
        phrase = _one_space(m.group())
        return Hit(m.start(), m.end(), self.values[phrase], phrase)

    def match_before(
        self, key: str, pos: int, window: int = 40, forms: tuple[str, ...] | None = None
    ) -> Hit[V] | None:
        """The longest phrase ending exactly at ``pos`` (spaces before ``pos`` skipped).

        Looks up the last few words in the table (a dict lookup per length), which is much cheaper
        than running the alternation regex at every position of the window. ``forms`` is
        ``word_forms(key, pos)`` when the caller looks up several tables at one position.
        """
        if forms is None:
            forms = word_forms(key, pos)
        if self.last_words.isdisjoint(forms):
            return None  # the word before ``pos`` ends no phrase: what almost every call finds
        end = pos
        while end > 0 and key[end - 1] == " ":
            end -= 1
        words = key[max(0, end - window) : end].split(" ")[-self.max_words :]
        # Phrases of two or more words can only be found with the word count of a phrase that ends in
        # the same last word (proclitics and opening marks only change the first word).
        counts = self.word_counts.get(words[-1], ())
        for k in range(len(words), 0, -1):
            if k > 1 and k not in counts:
                continue
            phrase = " ".join(words[-k:])
            start = end - len(phrase)
            lead = len(phrase) - len(phrase.lstrip(_OPENING_MARKS))  # an opening mark glued to the word
            if lead:
                phrase, start = phrase[lead:], start + lead
            if start > 0 and k == len(words) and end - window > 0 and key[start - 1] != " ":
                continue  # the first word was cut by the window
            for n in (0, 1, 2, 3) if self.allow_clitics else (0,):
                if n and (len(phrase) <= n or phrase[:n] not in PROCLITICS):
                    continue
                value = self.values.get(phrase[n:])
                if value is not None and at_boundary(key, start + n, end, self.allow_clitics):
                    return Hit(start + n, end, value, phrase[n:])
        return None


_SPACE_RUN = re.compile(r"\s+")
_SPACE_RUN_OR_ODD = re.compile(r"[^\S ]| {2}")  # what ``_SPACE_RUN.sub(" ", s)`` would change


def _one_space(s: str) -> str:
    """``s`` with every whitespace run as one space."""
    return _SPACE_RUN.sub(" ", s) if _SPACE_RUN_OR_ODD.search(s) else s


_OPENING_MARKS = "\"'([«"


def word_forms(key: str, pos: int) -> tuple[str, ...]:
    """The forms the word before ``pos`` (spaces skipped) takes as the last word of a phrase that
    ``WordTable.match_before`` may find: as written, without opening marks glued to it, and without a
    proclitic (a one-word phrase). A table none of whose phrases ends in one of them has no hit there."""
    end = pos
    while end > 0 and key[end - 1] == " ":
        end -= 1
    return _forms_of(key[key.rfind(" ", 0, end) + 1 : end])


@lru_cache(maxsize=8192)
def _forms_of(word: str) -> tuple[str, ...]:
    """``word_forms`` of a word (the same few words stand before most numbers, so they are kept)."""
    bare = word.lstrip(_OPENING_MARKS)
    forms: tuple[str, ...] = (word, bare) if bare != word else (word,)
    for n in (1, 2, 3):
        if len(bare) > n and bare[:n] in PROCLITICS:
            forms += (bare[n:],)
    return forms
