"""Property tests: no input crashes any public function, and every span is valid on the original text."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.model import Span
from rasid.text.dates import find_date_expressions, resolve
from rasid.text.lang import detect_language
from rasid.text.normalize import normalize, normalize_reference
from rasid.text.numbers import find_quantities
from rasid.text.posts import find_posts
from rasid.text.published import infer_published
from rasid.text.sentences import split_sentences

# Pieces of real-looking news text, so that generated inputs hit the rules, plus arbitrary Unicode.
PIECES = [
    "أكثر من ",
    "200",
    "١٧",
    "مقتل",
    " ",
    "\n",
    "“",
    "”",
    "«",
    "»",
    '"',
    ":",
    ".",
    "؟",
    "ثلاثة عشر",
    "عشرات الآلاف",
    "أمس السبت",
    "الخميس الماضي",
    "منذ 3 أيام",
    "22/01/2022",
    "5 كانون الثاني",
    "15 رمضان 1443 هـ",
    "— name (@h_1) January 22, 2022",
    "pic.twitter.com/x",
    "#العراق",
    "َ",
    "ـ",
    "\u200f",
    "𝐋",
    "ﻻ",
    "%",
    "عاماً",
    "الشهر الماضي",
]
news = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=25).map("".join)


def check(text: str, span: Span) -> None:
    assert 0 <= span.start <= span.end <= len(text)
    assert text[span.start : span.end] == span.text


@settings(max_examples=150, deadline=None)
@given(st.one_of(news, st.text()))
def test_every_function_survives_and_returns_valid_spans(text: str) -> None:
    norm = normalize(text)
    posts = find_posts(text)
    for p in posts:
        for s in (p.span, *p.hashtags, *p.urls):
            check(text, s)
    for sent in split_sentences(text, norm, [p.span for p in posts]):
        check(text, Span(sent.start, sent.end, sent.text))
        for q in sent.quotes:
            check(text, q)
    for q in find_quantities(norm):
        check(text, q.span)
        check(text, q.number)
        assert q.span.start <= q.number.start and q.number.end <= q.span.end
    exprs = find_date_expressions(norm)
    for x in exprs:
        check(text, x.span)
        for anchor in (None, dt.date(2022, 1, 23), dt.date(1, 1, 1), dt.date(9999, 12, 31)):
            r = resolve(x, anchor)
            if r is not None:
                check(text, r.span)
                assert r.start <= r.end
    infer_published(text, norm, posts, exprs)
    assert detect_language(text) in ("ar", "en", "other")


@settings(max_examples=300, deadline=None)
@given(st.one_of(news, st.text()))
def test_fast_normalize_equals_the_reference(text: str) -> None:
    assert normalize(text) == normalize_reference(text)
