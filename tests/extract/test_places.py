from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.extract.places import _ByEnd, _words_before

_spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda p: (p[0], p[0] + p[1])))


@settings(max_examples=300, deadline=None)
@given(_spans, st.integers(0, 90), st.integers(0, 4))
def test_ending_near_is_every_span_ending_within_the_gap(
    spans: list[tuple[int, int]], pos: int, gap: int
) -> None:
    near = _ByEnd(spans).ending_near(pos, gap)
    assert sorted(near) == sorted(s for s in spans if 0 <= pos - s[1] <= gap)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["كم", "100", " ", "  ", ",", '"', "شمال", "km"])), st.integers(1, 3), st.data()
)
def test_words_before_is_the_last_words(parts: list[str], n: int, data: st.DataObject) -> None:
    key = "".join(parts)
    pos = data.draw(st.integers(0, len(key)))
    words = key[:pos].replace('"', " ").replace(",", " ").split()
    assert _words_before(key, pos, n) == " ".join(words[-n:])
