"""The fast paths of the text layer agree with their plain definitions (written here, character by
character), on real-looking pieces and on arbitrary Unicode."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.model import Span
from rasid.text.sentences import find_quotes

QUOTE_PIECES = ['"', "“", "”", "„", "‟", "″", "«", "»", "‹", "›", "\n", " ", "قال", "x", "."]
quoted = st.lists(st.one_of(st.sampled_from(QUOTE_PIECES), st.text(max_size=3)), max_size=30).map("".join)


def quotes_by_definition(text: str) -> list[Span]:
    """Scan each line; a straight/curly mark opens and any such mark closes; « closes only at », ‹ at ›."""
    toggle = set('"“”„‟″')
    opening = {"«": "»", "‹": "›"}
    out: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        open_at: int | None = None
        closer: str | None = None
        for i, ch in enumerate(line.group()):
            if open_at is None:
                if ch in toggle or ch in opening:
                    open_at, closer = i, opening.get(ch)
            elif (closer is None and ch in toggle) or ch == closer:
                if i > open_at + 1:
                    a, b = line.start() + open_at + 1, line.start() + i
                    out.append(Span(a, b, text[a:b]))
                open_at = None
    return out


def test_quotes_unclosed_mark_swallows_its_line_only() -> None:
    text = '«قال "أ" و\n"ب" ثم «ج» ‹د› “هـ'
    assert [q.text for q in find_quotes(text)] == ["ب", "ج", "د"]
    assert find_quotes(text) == quotes_by_definition(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(quoted, st.text()))
def test_find_quotes_matches_its_definition(text: str) -> None:
    assert find_quotes(text) == quotes_by_definition(text)
