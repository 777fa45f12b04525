from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.text.lang import _EN_STOP, detect_language

# The rule as the module docstring states it, counted the slow way (one character at a time): the fast
# path that answers "ar" without counting Latin letters must give the same answers.
_AR = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LA = re.compile(r"[A-Za-z\u00C0-\u024F]")


def _reference(text: str) -> str:
    ar = sum(1 for ch in text if _AR.match(ch))
    la = sum(1 for ch in text if _LA.match(ch))
    if ar + la == 0:
        return "other"
    if ar >= 0.4 * (ar + la):
        return "ar"
    words = [w.lower() for w in re.findall(r"[A-Za-z']+", text)]
    if not words:
        return "other"
    stops = sum(1 for w in words if w in _EN_STOP)
    if stops >= max(1, 0.12 * len(words)) or (len(words) <= 3 and stops >= 1):
        return "en"
    return "other"


_PIECES = ["قال", "ا", "ب", " ", "the ", "of ", "x", "SDF", "é", "1", "،", "\u064b", "ـ", "ﻻ", "\n", "؟", "'"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_detect_language_follows_the_rule(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert detect_language(text) == _reference(text)


def test_arabic_with_latin_names_below_and_above_the_threshold() -> None:
    # 4 Arabic letters against 6 Latin ones: exactly 40% is still Arabic; 3 against 6 is not
    assert detect_language("قسدا SDFSDF") == "ar"
    assert detect_language("قسد SDFSDF") == "other"
