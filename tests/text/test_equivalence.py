"""The fast paths of the text layer agree with their plain definitions (written here, character by
character), on real-looking pieces and on arbitrary Unicode."""

from __future__ import annotations

import re
from collections.abc import Sequence

from hypothesis import example, given, settings
from hypothesis import strategies as st

from rasid.model import Span
from rasid.text.posts import find_posts
from rasid.text.sentences import Sentence, find_quotes, split_sentences
from rasid.text.tokens import at_boundary

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


NEWS_PIECES = [
    "أكثر من ",
    "200",
    "1,200",
    "3.5",
    "١٧",
    " ",
    "و",
    "بال",
    "ثلاثة عشر",
    "ثلاث مئة",
    "مئتين وخمسين",
    "ألفين",
    "عشرات الآلاف",
    "عدد من",
    "أمس السبت",
    "الخميس الماضي",
    "منذ 3 أيام",
    "منذ ثلاثة أيام",
    "هذا الأسبوع",
    "الشهر الماضي",
    "22/01/2022",
    "2022-01-22",
    "10:30",
    "5 كانون الثاني 2022",
    "كانون  الثاني",
    "January 22, 2022",
    "15 رمضان 1443 هـ",
    "عام 2011",
    "\t",
    "\n",
    "%",
    "عاماً",
]
news = st.lists(st.one_of(st.sampled_from(NEWS_PIECES), st.text(max_size=3)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(news, st.text()))
@example("وبالثلاثة عشر، والعشرات، بالألفين و1,200 و12:30 ومنذ  ثلاثة أيام في 5/1/2022 الجمعة الماضي")
@example("كانون\u3000الثاني 2022 واعتبارا من 3 تشرين الأول وهذا الأسبوع وأول أمس")
def test_candidate_scanning_finds_what_finditer_finds(text: str) -> None:
    from rasid.text import dates, numbers
    from rasid.text.normalize import normalize
    from rasid.text.scan import digit_starts, finditer_at

    key = normalize(text).key
    digits = digit_starts(key)
    spans = [m.span() for m in finditer_at(numbers._DIGITS, key, digits)]
    assert spans == [m.span() for m in numbers._DIGITS.finditer(key)]
    for rx in (numbers._NUMERIC_DATE, numbers._CLOCK):
        assert [m.span() for m in finditer_at(rx, key, digits)] == [m.span() for m in rx.finditer(key)]
    g = dates._grammar()
    word_starts = g.starts.starts(key)
    for kind, rx, _ in g.patterns:
        if kind in dates._DIGIT_KINDS:
            got = [m.span() for m in finditer_at(rx, key, digits)]
        elif kind in word_starts:
            got = [m.span() for m in finditer_at(rx, key, word_starts[kind])]
        else:
            continue
        assert got == [m.span() for m in rx.finditer(key)], kind
    t = numbers._tables()
    assert [m.span() for m in numbers.word_runs(key)] == [m.span() for m in t.word_seq.finditer(key)]
    for table in (t.vague, t.words, t.months, t.before):
        assert [(h.start, h.end) for h in table.finditer(key)] == [
            (m.start(), m.end()) for m in table.pattern.finditer(key) if at_boundary(key, m.start(), m.end())
        ]


def sentences_by_definition(text: str, posts: Sequence[Span] = ()) -> list[Sentence]:
    """Line by line: cut after each sentence end outside quotations and abbreviations, then trim."""
    terminal = re.compile(r"[.!?؟…]+[\"'”“»’)\]]*(?=\s|$)")
    abbrev = re.compile(r"(?:^|\s)[^\W\d_]\.$")
    quotes = quotes_by_definition(text)
    marks = [(q.start - 1, q.end + 1) for q in quotes]
    bounds: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for m in terminal.finditer(text, line.start(), line.end()):
            if any(a < m.start() < b - 1 for a, b in marks):
                continue
            if abbrev.search(text, max(line.start(), m.start() - 3), m.start() + 1):
                continue
            bounds.append((start, m.end()))
            start = m.end()
        bounds.append((start, line.end()))
    out: list[Sentence] = []
    for a, b in bounds:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            inside = tuple(q for q in quotes if q.start >= a and q.end <= b)
            post = next((i for i, p in enumerate(posts) if p.start <= a and b <= p.end), None)
            out.append(Sentence(a, b, text[a:b], inside, post))
    return out


SENTENCE_PIECES = [
    "قال",
    " ",
    "\n",
    ".",
    "...",
    "؟",
    "!",
    "…",
    "“",
    "”",
    "«",
    "»",
    '"',
    "د.",
    "3.5",
    " م. ",
    ")",
    "x",
]
sentence_text = st.lists(st.one_of(st.sampled_from(SENTENCE_PIECES), st.text(max_size=3)), max_size=30).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(sentence_text, st.text()))
@example("د. أحمد قال.\nم. سمير: “نعم. لا”. ثم! غادر… 3.5 ألف\n\n(قال).")
def test_split_sentences_matches_its_definition(text: str) -> None:
    posts = [p.span for p in find_posts(text)] or [Span(0, len(text) // 2, text[: len(text) // 2])]
    assert split_sentences(text, None, posts) == sentences_by_definition(text, posts)
