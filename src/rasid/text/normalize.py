"""Offset-preserving normalization: a match key built from the text, with a map back to the original.

The original text is never changed. ``normalize(text)`` returns a ``NormalizedText`` whose ``key`` is
the text folded for matching (NFKC, lower case, Arabic letter folding, digits in ASCII, no diacritics,
tatweel, zero-width or bidi controls, one space per whitespace run, one kind of double quote), and
whose ``to_original(start, end)`` turns a span found on the key into the exact original characters.
``fold(s)`` applies the same folding to a dictionary entry (an alias, a place name, a trigger).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from rasid.model import Span
from rasid.text.records import builder

# Arabic letter folding used by every matcher and by the evaluator's name comparison (FORMAT.md):
# alef with hamza/madda/wasla -> bare alef, alef maqsura -> yeh, teh marbuta -> heh.
_LETTER_FOLD = {
    "\u0622": "\u0627",  # آ
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0671": "\u0627",  # ٱ
    "\u0649": "\u064a",  # ى
    "\u0629": "\u0647",  # ة
    "\u06cc": "\u064a",  # Persian yeh
    "\u06a9": "\u0643",  # Persian keheh
}
# Arabic-Indic (U+0660..) and Persian/Urdu (U+06F0..) digits to ASCII.
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
_QUOTES = set("\"'“”„‟«»‹›″‶〝〞＂‘’‚‛`´")
_DOUBLE_QUOTE = '"'
_ARABIC_COMMA = {"\u060c": ",", "\u061b": ";", "\u061f": "?"}


def _is_removed(ch: str) -> bool:
    """Characters that carry no matching content: diacritics, tatweel, zero-width and bidi controls."""
    cp = ord(ch)
    if 0x064B <= cp <= 0x065F or cp == 0x0670 or 0x06D6 <= cp <= 0x06ED or cp == 0x0640:
        return True
    if cp in (0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF, 0x00AD, 0x2060):
        return True
    if 0x202A <= cp <= 0x202E or 0x2066 <= cp <= 0x2069:
        return True
    return unicodedata.category(ch) == "Mn"


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    """The key form of one original character: '' when removed, else one or more characters."""
    if ch in _QUOTES:
        return _DOUBLE_QUOTE
    if ch.isspace():
        return " "
    if _is_removed(ch):
        return ""
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if _is_removed(c):
            continue
        c = _DIGITS.get(c, c)
        c = _LETTER_FOLD.get(c, c)
        c = _ARABIC_COMMA.get(c, c)
        if c in _QUOTES:
            c = _DOUBLE_QUOTE
        out.append(c.lower())
    return "".join(out)


# ``Span(start, end, text)`` in about 60% of the time (its slots set directly, see rasid.text.records),
# for code that makes many spans: every layer's spans come from ``NormalizedText.span``.
new_span: Callable[[int, int, str], Span] = builder(Span)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """``key`` plus, for each key character, the original range it came from."""

    original: str
    key: str
    starts: tuple[int, ...]  # starts[k]: original index where key char k begins
    ends: tuple[int, ...]  # ends[k]: original index just past what key char k covers

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` for key ``[start, end)``; an empty key span maps to an empty one."""
        if not 0 <= start <= end <= len(self.key):
            raise IndexError(f"key span [{start}:{end}] outside key of length {len(self.key)}")
        if start == end:
            pos = self.starts[start] if start < len(self.key) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def span(self, start: int, end: int) -> Span:
        """The original-text span for key ``[start, end)``."""
        starts = self.starts
        if 0 <= start < end <= len(starts):  # ``to_original`` inlined: every layer calls this, ~250 times
            o_start = starts[start]  # per article
            o_end = self.ends[end - 1]
        else:
            o_start, o_end = self.to_original(start, end)
        return new_span(o_start, o_end, self.original[o_start:o_end])

    def to_key(self, orig_pos: int) -> int:
        """The first key index whose original start is at or after ``orig_pos``."""
        return bisect_left(self.starts, orig_pos)


def normalize_reference(text: str) -> NormalizedText:
    """The character-by-character definition of ``normalize`` (slow; the fast path must agree with it)."""
    key: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    _slow(text, 0, len(text), key, starts, ends, False)
    return NormalizedText(text, "".join(key), tuple(starts), tuple(ends))


def _slow(
    text: str, a: int, b: int, key: list[str], starts: list[int], ends: list[int], prev_space: bool
) -> bool:
    """Fold ``text[a:b]`` one character at a time; returns whether the key now ends in a space."""
    for i in range(a, b):
        folded = fold_char(text[i])
        if not folded:
            # Removed marks belong to the preceding character (a diacritic is part of its letter).
            if ends and ends[-1] == i and not prev_space:
                ends[-1] = i + 1
            continue
        if folded == " ":
            if prev_space:
                ends[-1] = i + 1
                continue
            prev_space = True
        else:
            prev_space = False
        for c in folded:
            key.append(c)
            starts.append(i)
            ends.append(i + 1)
    return prev_space


# Blocks where most characters fold one-to-one; a translate table over them lets ``normalize`` skip the
# per-character loop on ordinary text (Latin, Arabic, punctuation), which is what keeps it fast.
_FAST_BLOCKS = ((0x0000, 0x0250), (0x0600, 0x0700), (0x0750, 0x0780), (0x2000, 0x2070))


# Characters that change and are frequent in Arabic news (the rest of the table is applied by a regex
# over the rarer changing characters): replacing these one by one with ``str.replace`` is several times
# faster than ``str.translate``, which looks every character up in a dict. A performance list only: the
# folding itself is ``fold_char``.
_FREQUENT = "\n\u0629\u0623\u0625\u0622\u0649\u060c\u061f\u061b\u201c\u201d\u00ab\u00bb"


@dataclass(frozen=True)
class _Fast:
    table: dict[int, str]  # code point -> its one-character key form, for the fast blocks
    special: re.Pattern[str]  # a stretch the table cannot fold (whitespace run, character outside it)
    frequent: tuple[tuple[str, str], ...]  # (character, key form) applied by str.replace
    rare: re.Pattern[str]  # any other changing character of the table
    rare_map: dict[str, str]
    marks: str  # characters of the fast blocks that fold to nothing (diacritics, tatweel, controls)

    def fold(self, stretch: str) -> str:
        """Every table character of ``stretch`` folded in place (others unchanged): for a stretch of table
        characters, ``stretch.translate(self.table)`` computed faster."""
        if stretch.isascii():
            return stretch.translate(self.table)  # CPython's ASCII fast path
        for ch, folded in self.frequent:
            if ch in stretch:
                stretch = stretch.replace(ch, folded)
        if self.rare.search(stretch) is None:
            return stretch
        rare_map = self.rare_map
        return self.rare.sub(lambda m: rare_map[m.group()], stretch)


_WHITESPACE = re.compile(r"\s")


def _char_class(code_points: Iterable[int]) -> str:
    """The inside of a regex character class holding exactly ``code_points`` (as ranges)."""
    ranges: list[tuple[int, int]] = []
    for cp in sorted(code_points):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges
    )


@lru_cache(maxsize=1)
def _fast_tables() -> _Fast:
    table: dict[int, str] = {}
    for lo, hi in _FAST_BLOCKS:
        for cp in range(lo, hi):
            ch = chr(cp)
            if 0xD800 <= cp <= 0xDFFF:
                continue
            folded = fold_char(ch)
            if len(folded) == 1 and (folded != " " or ch.isspace()):
                table[cp] = folded
    cls = _char_class(table)
    # A special stretch: a whitespace run (collapsed to one space) or a character outside the table, i.e.
    # ``\s\s+|[^{cls}]+``. Written to start with one character class (whitespace or outside the table,
    # ``[^{no_space}]``), which ``re`` scans for in C instead of trying both alternatives everywhere;
    # the lookbehinds then pick the alternative by that first character.
    no_space = _char_class(cp for cp in table if not _WHITESPACE.match(chr(cp)))
    special = re.compile(rf"[^{no_space}](?:(?<=\s)\s+|(?<=[^{cls}])[^{cls}]*)")
    changing = {chr(cp): f for cp, f in table.items() if chr(cp) != f}
    # Replacing one character after another equals translating all at once only when no key form is
    # itself a changing character; fold_char's forms are final, so this holds (and is checked here).
    frequent = tuple(
        (ch, changing[ch]) for ch in _FREQUENT if ch in changing and changing[ch] not in changing
    )
    rare_map = {ch: f for ch, f in changing.items() if ch not in dict(frequent)}
    rare = re.compile("[" + "".join(re.escape(ch) for ch in sorted(rare_map)) + "]" if rare_map else "(?!x)x")
    marks = "".join(chr(cp) for lo, hi in _FAST_BLOCKS for cp in range(lo, hi) if not fold_char(chr(cp)))
    return _Fast(table, special, frequent, rare, rare_map, marks)


# 0, 1, 2 ... as one list, grown to the longest text seen (up to _OFFSETS_KEPT): the offset map of an
# ordinary stretch is a slice of it (a copy of references) instead of a new int object per character,
# which was a third of ``normalize``'s time.
_OFFSETS: list[int] = []
_OFFSETS_KEPT = 1 << 20  # ~36 MB of ints at most; a longer text gets its own list


def _offsets(n: int) -> list[int]:
    """A list whose item ``i`` is ``i``, for every ``i <= n``."""
    if n >= _OFFSETS_KEPT:
        return list(range(n + 1))
    if len(_OFFSETS) <= n:
        _OFFSETS.extend(range(len(_OFFSETS), min(2 * n + 1, _OFFSETS_KEPT)))
    return _OFFSETS


def normalize(text: str) -> NormalizedText:
    """Build the match key of ``text`` with its offset map (runs of whitespace become one space)."""
    fast = _fast_tables()
    n = len(text)
    offsets = _offsets(n)
    # Table characters fold one to one, so the whole text is folded in one pass (a few C scans) and each
    # ordinary stretch of the key is a slice of it; characters outside the table are left as they are
    # there and folded one at a time from ``text`` by ``_slow``.
    folded = fast.fold(text)
    key: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    prev_space = False
    pos = 0
    for m in fast.special.finditer(text):
        a, b = m.span()
        if a > pos:
            if prev_space and text[pos].isspace():
                prev_space = _slow(text, pos, pos + 1, key, starts, ends, prev_space)
                pos += 1
            if a > pos:
                key.append(folded[pos:a])
                starts += offsets[pos:a]
                ends += offsets[pos + 1 : a + 1]
                prev_space = text[a - 1].isspace()
        if not prev_space and ends and ends[-1] == a and not text[a:b].strip(fast.marks):
            # Only marks, right after a letter (most special stretches: a shadda, a tanween): they belong
            # to that letter, as ``_slow`` would decide one mark at a time.
            ends[-1] = b
        else:
            prev_space = _slow(text, a, b, key, starts, ends, prev_space)
        pos = b
    if n > pos:
        if prev_space and text[pos].isspace():
            _slow(text, pos, pos + 1, key, starts, ends, prev_space)
            pos += 1
        if n > pos:
            key.append(folded[pos:n])
            starts += offsets[pos:n]
            ends += offsets[pos + 1 : n + 1]
    return NormalizedText(text, "".join(key), tuple(starts), tuple(ends))


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """The match key of a dictionary entry, trimmed (same folding as ``normalize``)."""
    return normalize(s).key.strip()
