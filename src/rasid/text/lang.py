"""Language identification by rule: script proportions, then a short stop-word check.

Arabic script wins when at least 40% of letters are Arabic (Arabic news carries Latin names, handles
and acronyms); Latin text is English when enough common English function words occur.
"""

from __future__ import annotations

import re
from typing import Literal

# Runs rather than single characters: counting the lengths of runs allocates far fewer strings.
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]+")
_WORD = re.compile(r"[A-Za-z']+")
# The most frequent English function words (own list).
_EN_STOP = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "he",
        "it",
        "as",
        "at",
        "by",
        "from",
        "his",
        "said",
        "were",
        "are",
        "be",
        "has",
        "have",
        "had",
        "this",
        "an",
        "they",
        "not",
        "but",
        "which",
        "their",
        "who",
        "been",
        "after",
        "its",
        "or",
        "will",
        "over",
        "killed",
    ]
)


def _arabic_letters(s: str) -> int:
    """How many characters of ``s`` match ``_ARABIC`` (counted on the high bytes of UTF-16 code units:
    U+0600-06FF and U+FC00-FDFF lie wholly inside the ranges; text with a character from a block the
    ranges cover only in part is counted by the regex)."""
    high = s.encode("utf-16-le", "surrogatepass")[1::2]
    if high.count(0x07) or high.count(0x08) or high.count(0xFB) or high.count(0xFE):
        return sum(map(len, _ARABIC.findall(s)))
    return high.count(0x06) + high.count(0xFC) + high.count(0xFD)


def detect_language(text: str, sample: int = 20000) -> Literal["ar", "en", "other"]:
    """ "ar", "en" or "other" for a text (only the first ``sample`` characters are read)."""
    s = text[:sample]
    ar = _arabic_letters(s)
    if ar and ar >= 0.4 * len(s):
        # Arabic and Latin letters are disjoint, so ar + la <= len(s): Arabic wins without counting Latin
        return "ar"
    la = sum(map(len, _LATIN.findall(s)))
    if ar + la == 0:
        return "other"
    if ar >= 0.4 * (ar + la):
        return "ar"
    words = [w.lower() for w in _WORD.findall(s)]
    if not words:
        return "other"
    stops = sum(1 for w in words if w in _EN_STOP)
    if stops >= max(1, 0.12 * len(words)) or (len(words) <= 3 and stops >= 1):
        return "en"
    return "other"
