"""The fast paths of the text layer agree with their plain definitions (written here, character by
character), on real-looking pieces and on arbitrary Unicode."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from rasid.model import Span
from rasid.text import normalize as normalize_module
from rasid.text import numbers
from rasid.text.lexdata import WordTable, word_forms
from rasid.text.normalize import normalize
from rasid.text.posts import find_posts
from rasid.text.scan import WordStarts
from rasid.text.sentences import Sentence, find_quotes, split_sentences
from rasid.text.tokens import PROCLITICS, at_boundary

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
    "بين 3 و5 آذار",
    "من 10 إلى 12",
    "ليل الثلاثاء الأربعاء",
    "مطلع الأسبوع",
    "خلال الساعات الـ48 الماضية",
    "فاتح ماي",
    "1445هـ",
    "الأحد 25/2/2024",
    "الجمعة 10/5",
    "السابع من",
    "7 من الشهر الجاري",
    "شهري آذار ونيسان",
    "يومي الخميس والجمعة",
    "الأيام الثلاثة الماضية",
    "من العام الماضي",
    "\t",
    "\n",
    "%",
    "عاماً",
]
news = st.lists(st.one_of(st.sampled_from(NEWS_PIECES), st.text(max_size=3)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(news, st.text()))
@example("وبالثلاثة عشر، والعشرات، بالألفين و1,200 و12:30 ومنذ  ثلاثة أيام في 5/1/2022 الجمعة الماضي")
@example("صباح أمس السبت ومساء الخميس الماضي، الجمعة 5 آذار، في مطلع شباط ونهاية كانون الثاني وشهر رمضان")
@example("منذ 2011 وفي\u30001999 وعام 20000 وخلال2020 ولعام  2021")
@example("كانون\u3000الثاني 2022 واعتبارا من 3 تشرين الأول وهذا الأسبوع وأول أمس")
@example(
    "بين  3 و5 آذار ومن\t10 إلى 12 ويومي 7 و8 أيار، ليلة السبت - الأحد، عام 1445 هـ وفي الساعات ال24 الماضيه"
)
def test_candidate_scanning_finds_what_finditer_finds(text: str) -> None:
    from rasid.text import dates, numbers
    from rasid.text.normalize import normalize
    from rasid.text.scan import digit_runs, finditer_at

    key = normalize(text).key
    digits = digit_runs(key)
    spans = [m.span() for m in finditer_at(numbers._DIGITS, key, digits.starts)]
    assert spans == [m.span() for m in numbers._DIGITS.finditer(key)]
    for rx, starts in (
        (numbers._NUMERIC_DATE, digits.before_separator),
        (numbers._CLOCK, digits.before_colon),
    ):
        assert [m.span() for m in finditer_at(rx, key, starts)] == [m.span() for m in rx.finditer(key)]
    g = dates._grammar()
    year = next(rx for kind, rx, _ in g.patterns if kind == "year")
    if dates._YEAR_AFTER_SPACE.search(key) is None:
        assert not list(year.finditer(key))
    hijri_year = next(rx for kind, rx, _ in g.patterns if kind == "hijri_year")
    if dates._HIJRI_YEAR_DIGITS.search(key) is None:
        assert not list(hijri_year.finditer(key))
    hours = next(rx for kind, rx, _ in g.patterns if kind == "hours")
    if "ساع" in key:
        got_hours = finditer_at(hours, key, g.hours_starts.starts(key)["hours"])
        assert [m.span() for m in got_hours] == [m.span() for m in hours.finditer(key)]
    else:
        assert not list(hours.finditer(key))
    day_of_month = next(rx for kind, rx, _ in g.patterns if kind == "day_of_month")
    dom_starts = sorted({*digits.short, *g.starts.starts(key)["ordinal"]})
    got_dom = [m.span() for m in finditer_at(day_of_month, key, dom_starts)]
    assert got_dom == [m.span() for m in day_of_month.finditer(key)]
    day_range = next(rx for kind, rx, _ in g.patterns if kind == "range")
    got_range = finditer_at(day_range, key, dates.range_starts(key, digits.short, g.range_leads))
    assert [m.span() for m in got_range] == [m.span() for m in day_range.finditer(key)]
    word_starts = g.starts.starts(key)
    for kind, rx, _ in g.patterns:
        if kind in dates._DIGIT_KINDS:
            got = [m.span() for m in finditer_at(rx, key, dates._DIGIT_KINDS[kind](digits))]
        elif kind in word_starts:
            got = [m.span() for m in finditer_at(rx, key, word_starts[kind])]
        else:
            continue
        assert got == [m.span() for m in rx.finditer(key)], kind
    back = {
        kind: sorted({p for lb in labels for p in word_starts[lb]})
        for kind, labels in dates._LOOK_BACK_STARTS.items()
    }
    assert set(back) == {kind for kind, _, pre_rx in g.patterns if pre_rx is not None}
    for kind, _, pre_rx in g.patterns:
        if pre_rx is None:
            continue
        for s in range(len(key) + 1):
            want = pre_rx.search(key, max(0, s - dates._LOOK_BACK), s)
            got_back = dates._look_back(pre_rx, key, s, back[kind])
            assert (got_back and got_back.span()) == (
                want.span() if want is not None and want.start() < s else None
            )
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


def match_at_by_definition(table: WordTable[Any], key: str, pos: int) -> Any:
    m = table.pattern.match(key, pos)
    if m is None or not at_boundary(key, m.start(), m.end(), False):
        return None
    return (m.start(), m.end(), table.values[re.sub(r"\s+", " ", m.group())])


def match_before_by_definition(table: WordTable[Any], key: str, pos: int, window: int) -> Any:
    """The longest phrase ending at ``pos`` over the last words of the window (no shortcuts)."""
    end = pos
    while end > 0 and key[end - 1] == " ":
        end -= 1
    words = key[max(0, end - window) : end].split(" ")[-table.max_words :]
    for k in range(len(words), 0, -1):
        phrase = " ".join(words[-k:])
        start = end - len(phrase)
        lead = len(phrase) - len(phrase.lstrip("\"'([«"))
        if lead:
            phrase, start = phrase[lead:], start + lead
        if start > 0 and k == len(words) and end - window > 0 and key[start - 1] != " ":
            continue
        for n in (0, 1, 2, 3) if table.allow_clitics else (0,):
            if n and (len(phrase) <= n or phrase[:n] not in PROCLITICS):
                continue
            value = table.values.get(phrase[n:])
            if value is not None and at_boundary(key, start + n, end, table.allow_clitics):
                return (start + n, end, value)
    return None


def role_by_definition(key: str, start: int, end: int, value: int | None, four: bool) -> str | None:
    """A number's role, every cue table searched."""
    t = numbers._tables()
    after_pos = end
    while after_pos < len(key) and key[after_pos] == " ":
        after_pos += 1
    nxt = after_pos if after_pos > end or (after_pos < len(key) and not key[after_pos].isalnum()) else end

    def after(role: str) -> bool:
        return match_at_by_definition(t.role_after[role], key, nxt) is not None

    def before(role: str, window: int = 24) -> bool:
        return match_before_by_definition(t.role_before[role], key, start, window) is not None

    if after("percent"):
        return "percent"
    if (
        match_at_by_definition(t.months, key, nxt) is not None
        or match_before_by_definition(t.months, key, start, 16) is not None
    ):
        return "date"
    if value is not None and four and 1900 <= value <= 2100:
        next_is_word = nxt < len(key) and key[nxt].isalpha() and not after("year")
        if before("year") or not next_is_word:
            return "year"
    for role in ("distance", "money", "time"):
        if after(role) or (role == "time" and before(role, 12)):
            return role
    if before("resolution", 16):
        return "resolution"
    if before("age", 16) and (after("age") or not after("duration")):
        return "age"
    if after("duration"):
        return "duration" if before("duration", 12) or not after("age") else "age"
    return None


CUE_PIECES = [
    *NEWS_PIECES,
    "على الأقل",
    "تقريبا",
    "نحو",
    "قرابة",
    "ما لا يقل عن",
    "كم",
    "كلم",
    "دولار",
    "مليون دولار",
    "بالمئة",
    "في المئة",
    "صباحا",
    "الساعة",
    "القرار رقم",
    "عمره",
    "يوما",
    "سنوات",
    "(",
    "«",
    "²",
]
cue_text = st.lists(st.one_of(st.sampled_from(CUE_PIECES), st.text(max_size=2)), max_size=25).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(cue_text, st.text(max_size=40)))
@example("قتل 5 أشخاص على الأقل و«نحو 30 بالمئة» منذ 3 أيام، وعمره 17 عاما على بعد 40 كلم، 1999م 2022")
@example("على بعد 5 كم\u1369 و 7 تقريبا\u1369")  # a digit that is a word character but not a letter
def test_cue_lookups_with_shortcuts_match_their_definitions(text: str) -> None:
    key = normalize(text).key
    t = numbers._tables()
    tables = [t.before, t.after, t.months, t.words, t.vague, *t.role_before.values(), *t.role_after.values()]
    for pos in range(len(key) + 1):
        forms = word_forms(key, pos)
        for table in tables:
            hit = table.match_at(key, pos) if pos < len(key) else None
            assert (None if hit is None else (hit.start, hit.end, hit.value)) == (
                match_at_by_definition(table, key, pos) if pos < len(key) else None
            )
            for window in (12, 30):
                hb = table.match_before(key, pos, window, forms)
                assert (None if hb is None else (hb.start, hb.end, hb.value)) == match_before_by_definition(
                    table, key, pos, window
                )
        nw = numbers._number_word_at(key, pos)
        assert (None if nw is None else (nw.start, nw.end, nw.value)) == match_at_by_definition(
            t.words, key, pos
        )
        qa = numbers._qualifier_after(key, pos, numbers._lead_word(key, pos))
        noun = numbers._WORD_SPACE.match(key, pos, pos + 39)
        assert numbers._after_word_space(key, pos, numbers._lead_word(key, pos)) == (
            noun.end() if noun else -1
        )
        assert (None if qa is None else (qa.start, qa.end, qa.value)) == match_at_by_definition(
            t.after, key, pos
        )
        for end in range(pos + 1, min(len(key), pos + 5) + 1):
            for value, four in ((None, False), (2022, True), (17, False)):
                nxt = numbers._after_spaces(key, end)
                cues = numbers._preceding_cues(forms)
                got = numbers._role(
                    key, pos, end, value, four, forms, cues, nxt, numbers._lead_word(key, nxt)
                )
                assert got == role_by_definition(key, pos, end, value, four)


@settings(max_examples=300, deadline=None)
@given(st.one_of(news, st.text(), st.text(alphabet=st.characters(min_codepoint=0x500, max_codepoint=0xFF00))))
@example("\u0750\u08a0\ufb50\ufe70\ufdff\ufc00\u0600\u06ff\u0700\u08ff\ufb4f\ufe6f\U0001f600")
@example("\u0600\u06ff\ufc00\ufdff\u05ff\u0900 abc \U0001f600 قال")
def test_arabic_letter_count_matches_the_regex(text: str) -> None:
    from rasid.text.lang import _ARABIC, _arabic_letters

    assert _arabic_letters(text) == sum(map(len, _ARABIC.findall(text)))


# Whitespace in and outside the fast table (\u3000), diacritics and tatweel (outside it), letters (inside).
SPECIAL_PIECES = [" ", "\n", "\t", "\u3000", "\u00a0", "\u064b", "\u0651", "\u0640", "ب", "a", "\u200f", "ﻻ"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(SPECIAL_PIECES), max_size=20).map("".join), st.text()))
@example("أيضاً  \u3000\u3000ب\u3000ـ \u064b\n")
def test_special_stretches_match_their_definition(text: str) -> None:
    fast = normalize_module._fast_tables()
    table_class = normalize_module._char_class(fast.table)
    definition = re.compile(rf"\s\s+|[^{table_class}]+")
    assert [m.span() for m in fast.special.finditer(text)] == [m.span() for m in definition.finditer(text)]


SCAN_WORDS = {"a": ["في", "ست", "سته"], "b": ["ست", "ابت"], "c": []}
SHARED_SCAN, PRIVATE_SCAN = WordStarts(SCAN_WORDS), WordStarts(SCAN_WORDS, shared=False)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(news, st.text(alphabet="ابتست في")), min_size=1, max_size=4))
def test_shared_word_scan_equals_a_private_scan(keys: list[str]) -> None:
    for key in keys:
        assert SHARED_SCAN.starts(key) == PRIVATE_SCAN.starts(key)


def test_a_table_joining_the_shared_scan_late_gets_fresh_starts() -> None:
    key = "ستة في البيت تستمر"
    assert SHARED_SCAN.starts(key) == PRIVATE_SCAN.starts(key)
    later = {"x": ["تس", "في"]}
    assert WordStarts(later).starts(key) == WordStarts(later, shared=False).starts(key) == {"x": [4, 13]}
    assert SHARED_SCAN.starts(key) == PRIVATE_SCAN.starts(key)


@settings(max_examples=200, deadline=None)
@given(st.one_of(news, st.text(alphabet="وبالفكلاس 1."), st.text()))
def test_clitic_prefix_matches_its_definition(key: str) -> None:
    from rasid.text.tokens import clitic_prefix

    for start in range(len(key) + 1):
        word_start = start  # the letter run holding ``start`` begins here
        while word_start > 0 and key[word_start - 1].isalpha():
            word_start -= 1
        prefix = key[word_start:start]
        assert clitic_prefix(key, start) == (prefix if prefix in PROCLITICS else None)
