from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasid.model import Span
from rasid.text.normalize import fold, new_span, normalize
from rasid.text.tokens import at_boundary, tokenize


def find(text: str, needle: str) -> tuple[int, int]:
    norm = normalize(text)
    k = norm.key.index(fold(needle))
    return norm.to_original(k, k + len(fold(needle)))


def test_folding_of_letters_digits_quotes_and_marks() -> None:
    assert fold("أعماق") == "اعماق"
    assert fold("مقتلَ ٢٠٠ عنصرٍ") == "مقتل 200 عنصر"
    assert fold("“قسد”") == '"قسد"'
    assert fold("جـــيش") == "جيش"
    assert fold("A𝐋𝐀𝐀_H𝐔𝐒𝐒𝐄𝐈𝐍") == "alaa_hussein"
    assert fold("مدرسة الهدى") == "مدرسه الهدي"
    assert fold("۱۲") == "12"


def test_key_span_maps_to_original_characters() -> None:
    text = "قُتِلَ  ١٧ عنصراً من «قسد» في الحَسَكة"
    start, end = find(text, "الحسكة")
    assert text[start:end] == "الحَسَكة"
    start, end = find(text, "17")
    assert text[start:end] == "١٧"
    start, end = find(text, '"قسد"')
    assert text[start:end] == "«قسد»"


def test_zero_width_and_bidi_controls_vanish() -> None:
    text = "داعش\u200f \u202bقسد\u202c"
    assert normalize(text).key == "داعش قسد"


def test_clitic_boundaries() -> None:
    key = fold("وبالحسكة ولقسد والدواعش حسكتنا")
    core = fold("حسكة")
    s = key.index(core)
    assert at_boundary(key, s, s + len(core))  # و+ب+ال
    s = key.index("قسد")
    assert at_boundary(key, s, s + 3)  # و+ل
    s = key.rindex("حسك")
    assert not at_boundary(key, s, s + 3)  # inside a longer word


def test_digits_glued_to_words_are_tokens() -> None:
    toks = [(t.text, t.kind) for t in tokenize(fold("مقتل17 من عناصرها"))]
    assert toks[:2] == [("مقتل", "word"), ("17", "number")]


@given(st.text())
def test_offset_map_round_trips_on_any_unicode(text: str) -> None:
    norm = normalize(text)
    assert len(norm.starts) == len(norm.ends) == len(norm.key)
    for k in range(len(norm.key)):
        s, e = norm.to_original(k, k + 1)
        assert 0 <= s < e <= len(text)
        span = norm.span(k, k + 1)
        assert text[span.start : span.end] == span.text
    if norm.key:
        s, e = norm.to_original(0, len(norm.key))
        assert text[s:e].strip() or not text.strip() or s < e


@given(
    st.text(alphabet=st.sampled_from(list("قسد الحسكة ًٌٍَُِّْـ\u200f١٢3“”«»"))),
    st.integers(0, 50),
    st.integers(0, 50),
)
def test_any_key_slice_maps_to_a_valid_span(text: str, a: int, b: int) -> None:
    norm = normalize(text)
    a, b = sorted((min(a, len(norm.key)), min(b, len(norm.key))))
    span = norm.span(a, b)
    assert text[span.start : span.end] == span.text
    assert fold(span.text) == norm.key[a:b].strip() or norm.key[a:b].strip() in fold(span.text)


def test_new_span_makes_the_object_span_makes() -> None:
    import dataclasses

    # new_span sets Span's slots directly: valid only while Span is these three fields and nothing runs
    # in its __init__.
    assert [f.name for f in dataclasses.fields(Span)] == ["start", "end", "text"]
    assert not hasattr(Span, "__post_init__")
    made = new_span(3, 7, "قصف ")
    assert made == Span(3, 7, "قصف ") and hash(made) == hash(Span(3, 7, "قصف "))
    assert type(made) is Span and made != Span(3, 8, "قصف ")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 4  # type: ignore[misc]


def test_texts_longer_than_the_kept_offsets_normalize_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasid.text import normalize as normalize_module
    from rasid.text.normalize import normalize_reference

    monkeypatch.setattr(normalize_module, "_OFFSETS_KEPT", 16)
    monkeypatch.setattr(normalize_module, "_OFFSETS", [])
    for text in ("قال  أيضاً", "قال  أيضاً ـ الجيش\n\nنعم", "x" * 15, "x" * 16, "ب" * 40 + " ً"):
        assert normalize(text) == normalize_reference(text)
    assert len(normalize_module._OFFSETS) <= 16
