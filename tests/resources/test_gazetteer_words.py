from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.resources.gazetteer import _letters_before


def _walk(key: str, end: int) -> str:
    """The definition: step back from ``end`` while the character before is a letter."""
    pos = end
    while pos > 0 and key[pos - 1].isalpha():
        pos -= 1
    return key[pos:end]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["مدينة", "ب", "ريف", " ", "  ", "،", "1", "x", "-", "الحسكة"])), st.data())
def test_letters_before_is_the_letter_run(parts: list[str], data: st.DataObject) -> None:
    key = "".join(parts)
    end = data.draw(st.integers(min_value=0, max_value=len(key)))
    assert _letters_before(key, end) == _walk(key, end)
