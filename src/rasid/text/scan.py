"""Fast scanning for the text layer's regexes: try a pattern only where it can start.

A regex that begins with an alternation of words (or with a lookbehind) makes ``re`` try every
alternative at every position of the key, which is where most of the layer's time went. Every match of
such a pattern starts with a digit or with one of a known set of literal words, so ``finditer_at``
tries the pattern (anchored) only at those positions and yields exactly the matches ``finditer`` would:
candidates are visited left to right and those inside the previous match are skipped, as ``finditer``
skips them. Candidate positions come from one pass of the C scanners: a ``\\d+`` regex for digits
(``digit_runs``, shared by numbers and dates) and an Aho-Corasick automaton (pyahocorasick) for words
(``WordStarts``, one per module or phrase table, all answered from one shared automaton pass per key).
tests/text/test_equivalence.py checks every pattern scanned this way against ``finditer``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick

# ``\d+`` written to start with one character class, which ``re`` scans for in C (a leading repeat
# makes it try the pattern at every position instead): the same matches, in 60% of the time.
_DIGIT_RUN = re.compile(r"\d\d*")


@dataclass(frozen=True, slots=True)
class DigitRuns:
    """Where the runs of digits of a key begin, all and by what follows them."""

    starts: tuple[int, ...]  # every run (a match of a pattern starting ``(?<!\\d)\\d`` begins at one)
    short: tuple[int, ...]  # runs of one or two digits
    before_separator: tuple[int, ...]  # runs followed by / . or - and a digit (numeric dates)
    before_colon: tuple[int, ...]  # runs followed by : and a digit (clock times)


def digit_runs(key: str) -> DigitRuns:
    """The digit runs of ``key``. Numbers and dates both ask for the same key in a row, so the last
    answer is kept."""
    global _last_runs
    last_key, last = _last_runs
    if last_key is key:
        return last
    starts: list[int] = []
    short: list[int] = []
    sep: list[int] = []
    colon: list[int] = []
    n = len(key)
    for m in _DIGIT_RUN.finditer(key):
        a, b = m.span()
        starts.append(a)
        if b - a <= 2:
            short.append(a)
        if b + 1 < n and key[b + 1].isdecimal():
            c = key[b]
            if c in "/.-":
                sep.append(a)
            elif c == ":":
                colon.append(a)
    runs = DigitRuns(tuple(starts), tuple(short), tuple(sep), tuple(colon))
    _last_runs = (key, runs)
    return runs


_last_runs: tuple[str | None, DigitRuns] = (None, DigitRuns((), (), (), ()))


def first_word(phrase: str) -> str:
    """The literal first word of a (folded) phrase: a pattern for the phrase matches only where it occurs."""
    return phrase.split(" ", 1)[0]


class WordStarts:
    """Start offsets of literal words in a key, by label, from one Aho-Corasick pass.

    Every ``WordStarts`` that scans keys joins one shared automaton on its first ``starts`` call, so the
    number words, the vague quantities and the date words of a key are found in one pass, run once per
    key (the quantities and dates stages ask for the same key in a row). ``shared=False`` keeps a table
    out of it (one scanned only when a pre-check passes, whose hits would cost every key)."""

    def __init__(self, words: Mapping[str, Iterable[str]], shared: bool = True) -> None:
        """``words``: label -> literal words whose occurrences are candidate starts for that label."""
        by_word: dict[str, set[str]] = {}
        for label, ws in words.items():
            for w in ws:
                if w:
                    by_word.setdefault(w, set()).add(label)
        self.labels = tuple(words)
        self.by_word: dict[str, frozenset[str]] = {w: frozenset(labels) for w, labels in by_word.items()}
        self._empty = not by_word
        self._shared = shared
        self.slot: int | None = None  # index of its first label in the shared scan, once joined
        self._automaton = ahocorasick.Automaton()  # its own, when not shared
        if not shared:
            for w, labels in by_word.items():
                self._automaton.add_word(w, (len(w), tuple(sorted(labels))))
            if not self._empty:
                self._automaton.make_automaton()

    def starts(self, key: str) -> dict[str, list[int]]:
        """label -> sorted start offsets of its words in ``key`` (overlapping occurrences included).
        The lists may be shared with the next caller for the same key: read them, never change them."""
        if self._empty or not key:
            return {label: [] for label in self.labels}
        if self._shared:
            return _SHARED.starts(self, key)
        out: dict[str, list[int]] = {label: [] for label in self.labels}
        for end, (length, labels) in self._automaton.iter(key):
            start = end - length + 1
            for label in labels:
                out[label].append(start)
        for positions in out.values():
            positions.sort()
        return out


class _SharedScan:
    """One automaton for the words of every joined ``WordStarts``, its labels numbered one after the
    other; the starts of the last key scanned are kept. State is replaced whole (one assignment), so a
    reader never sees an automaton with another's label count, nor a key with another key's starts."""

    def __init__(self) -> None:
        self._members: tuple[WordStarts, ...] = ()
        self._state: tuple[Any, int] = (None, 0)  # (automaton, labels of all members)
        self._last: tuple[str | None, list[list[int]]] = (None, [])
        self._lock = threading.Lock()  # joins happen while the first articles are processed

    def _join(self, member: WordStarts) -> int:
        with self._lock:
            if member.slot is not None:
                return member.slot
            members = (*self._members, member)
            slots: dict[str, set[int]] = {}
            first = 0
            for m in members:
                index = {label: first + i for i, label in enumerate(m.labels)}
                for w, labels in m.by_word.items():
                    slots.setdefault(w, set()).update(index[label] for label in labels)
                first += len(m.labels)
            automaton = ahocorasick.Automaton()
            for w, found in slots.items():
                automaton.add_word(w, (len(w) - 1, tuple(sorted(found))))
            automaton.make_automaton()
            self._members, self._state = members, (automaton, first)
            member.slot = first - len(member.labels)
            return member.slot

    def starts(self, member: WordStarts, key: str) -> dict[str, list[int]]:
        slot = member.slot if member.slot is not None else self._join(member)
        n = len(member.labels)
        last_key, lists = self._last
        if key is not last_key or len(lists) < slot + n:  # another key, or kept from before this joined
            automaton, size = self._state
            lists = [[] for _ in range(size)]
            for end, (back, found) in automaton.iter(key):
                start = end - back
                for i in found:
                    lists[i].append(start)
            for positions in lists:
                positions.sort()
            self._last = (key, lists)
        return dict(zip(member.labels, lists[slot : slot + n], strict=True))


_SHARED = _SharedScan()


def finditer_at(rx: re.Pattern[str], key: str, starts: Sequence[int]) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(key)``, given sorted ``starts`` that include every position where a
    match of ``rx`` can begin (``rx`` must not match the empty string)."""
    last = 0
    prev = -1
    match = rx.match
    for p in starts:
        if p < last or p == prev:
            continue
        prev = p
        m = match(key, p)
        if m is not None:
            last = m.end()
            yield m
