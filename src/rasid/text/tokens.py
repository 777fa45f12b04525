"""Word boundaries on the match key, with Arabic proclitics (و، ف، ب، ل، ك، ال، لل، وال، بال …).

Every dictionary matcher (actors, places, lexicons) finds candidates anywhere in the key and keeps
those that start at a word start or right after an allowed proclitic sequence, and end at a word end.
Digits glued to letters ("مقتل17") are separate tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Proclitic sequences that may stand before a name inside one written word, on the folded key.
# Conjunctions (و ف), prepositions (ب ل ك), the article (ال) and their combinations; "لل" is ل + ال
# with the alef dropped. Kept as the single definition every matcher uses.
PROCLITICS: frozenset[str] = frozenset(
    {
        "",
        "و",
        "ف",
        "ب",
        "ل",
        "ك",
        "ال",
        "لل",
        "وال",
        "فال",
        "بال",
        "كال",
        "ولل",
        "فلل",
        "وب",
        "ول",
        "فب",
        "فل",
        "وك",
        "وبال",
        "فبال",
        "وكال",
    }
)

_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*|[^\w\s]", re.UNICODE)


def is_letter(ch: str) -> bool:
    return ch.isalpha()


_LONGEST_PROCLITIC = max(map(len, PROCLITICS))


def clitic_prefix(key: str, start: int) -> str | None:
    """The letters between the word start and ``start`` if they form an allowed proclitic, else None."""
    # Walk back to the start of the letter run holding ``start`` (digits and punctuation end a word), but
    # only one letter past the longest proclitic: a word that starts further back has none before ``start``.
    lo = max(0, start - _LONGEST_PROCLITIC - 1)
    pos = start
    while pos > lo and key[pos - 1].isalpha():
        pos -= 1
    prefix = key[pos:start]
    return prefix if prefix in PROCLITICS else None


def at_boundary(key: str, start: int, end: int, allow_clitics: bool = True) -> bool:
    """True when key[start:end] is a whole word or phrase, possibly behind proclitics."""
    # is_letter inlined (str.isalpha): this runs for every candidate hit of every matcher
    if end < len(key) and end > start and key[end].isalpha() and key[end - 1].isalpha():
        return False
    if start == 0 or not key[start - 1].isalpha() or not key[start].isalpha():
        return True
    if not allow_clitics:
        return False
    return clitic_prefix(key, start) is not None


def strip_article(folded: str) -> str:
    """A folded entry without its leading article ("الحسكه" -> "حسكه"), for matching after "لل"."""
    return folded[2:] if folded.startswith("ال") and len(folded) > 4 else folded


@dataclass(frozen=True, slots=True)
class Token:
    start: int  # key offsets
    end: int
    text: str
    kind: str  # "word" | "number" | "punct"


def tokenize(key: str) -> Iterator[Token]:
    """Tokens of the match key: letter runs, digit runs (with , . groupings) and single punctuation."""
    for m in _TOKEN.finditer(key):
        t = m.group()
        kind = "word" if t[0].isalpha() else "number" if t[0].isdigit() else "punct"
        yield Token(m.start(), m.end(), t, kind)
