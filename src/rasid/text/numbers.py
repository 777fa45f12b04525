"""Numbers and quantities: digits in any script, Arabic number words, vague plurals and qualifiers.

``find_quantities(norm)`` returns every quantity with the span of the whole expression (qualifier
included) and of the number itself. A number that is a year, a date, a time, an age, a distance, a
percentage, a duration, money or a resolution number carries a ``role`` so the claims layer skips it.
All words and cues come from src/rasid/data/text/numbers.yaml and roles.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasid.model import Span
from rasid.text.lexdata import Hit, WordTable, load, word_forms
from rasid.text.normalize import NormalizedText, fold, new_span
from rasid.text.records import builder
from rasid.text.scan import WordStarts, digit_runs, finditer_at, first_word
from rasid.text.tokens import PROCLITICS

ROLES = ("year", "date", "time", "percent", "age", "distance", "duration", "money", "resolution")


@dataclass(frozen=True, slots=True)
class Quantity:
    span: Span  # whole expression, qualifier included
    number: Span  # the number itself
    value: int | None
    qualifier: str  # one of model.QUALIFIERS
    low: int | None
    high: int | None
    key_start: int
    key_end: int
    role: str | None = None  # None for a count; else one of ROLES


_new_quantity = builder(Quantity)  # ``Quantity(...)``, faster (rasid.text.records)


@dataclass(frozen=True, slots=True)
class _Word:
    kind: str  # unit | ten | hundred | mult | mult_dual
    value: int


@dataclass(frozen=True)
class _Tables:
    words: WordTable[_Word]
    word_seq: re.Pattern[str]
    vague: WordTable[tuple[str, int | None, int | None]]
    before: WordTable[str]
    after: WordTable[str]
    never_alone: frozenset[str]
    role_before: dict[str, WordTable[bool]]
    role_after: dict[str, WordTable[bool]]
    months: WordTable[int]
    seq_starts: WordStarts  # where a number word begins (candidate starts of ``word_seq``)
    after_cues: dict[str, frozenset[str]]  # letters a cue starts with -> roles ("month" too) with such a cue
    before_cues: dict[str, frozenset[str]]  # last word -> roles ("month", "qualifier") whose cue ends so
    after_qualifier_starts: frozenset[str]  # the letters each after-qualifier ("على الاقل") starts with
    number_word_starts: frozenset[str]  # the letters each number word starts with


_DIGITS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,]|\.\d)|\d+(?:\.\d+)?")
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}(?![\d/])")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_LETTERS = r"[^\W\d_]"
_WORD_SPACE = re.compile(r"[^\W\d_]+ ")
# Proclitics a run of number words may carry on its first word ("وثلاثه", "بالف").
_SEQ_PROCLITICS = ("و", "ف", "ب", "ل", "ك", "ول", "وب", "لل", "ال", "بال", "وال")
_LONGEST_SEQ_PROCLITIC = max(map(len, _SEQ_PROCLITICS))


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = load("numbers")
    entries: list[tuple[str, _Word]] = []
    for kind, section in (
        ("unit", "units"),
        ("ten", "tens"),
        ("hundred", "hundreds"),
        ("mult", "multipliers"),
        ("mult_dual", "multiplier_duals"),
    ):
        for e in data[section]:
            entries += [(w, _Word(kind, int(e["value"]))) for w in e["ar"]]
    words = WordTable(entries)
    # A run of number words: a first word (proclitics allowed), then words joined by spaces or "و".
    alt = "|".join(re.escape(w) for w in sorted(words.values, key=len, reverse=True))
    word_seq = re.compile(
        rf"(?<!{_LETTERS})(?:{'|'.join(_SEQ_PROCLITICS)})?(?:{alt})(?!{_LETTERS})"
        rf"(?:\s+(?:و\s*)?(?:{alt})(?!{_LETTERS}))*"
    )
    vague = WordTable(
        (w, (str(e["qualifier"]), e.get("low"), e.get("high"))) for e in data["vague"] for w in e["ar"]
    )
    before = WordTable((w, str(e["qualifier"])) for e in data["qualifiers"] for w in e.get("before") or ())
    after = WordTable((w, str(e["qualifier"])) for e in data["qualifiers"] for w in e.get("after") or ())
    roles = load("roles")["roles"]
    role_before = {r: WordTable((w, True) for w in c.get("before") or ()) for r, c in roles.items()}
    role_after = {
        r: WordTable([(w, True) for w in c.get("after") or ()], allow_clitics=False) for r, c in roles.items()
    }
    cal = load("calendar")
    months = WordTable(
        (w, int(e["month"]))
        for e in cal["gregorian_months"] + cal["hijri_months"]
        for w in e["ar"] + e.get("en", [])
    )
    return _Tables(
        words,
        word_seq,
        vague,
        before,
        after,
        frozenset(fold(w) for w in data.get("never_alone") or ()),
        role_before,
        role_after,
        months,
        WordStarts({"seq": {first_word(w) for w in words.values}}),
        _cue_index({**role_after, "month": months}, lambda table: {_letter_prefix(p) for p in table.values}),
        _cue_index({**role_before, "month": months, "qualifier": before}, lambda table: table.last_words),
        frozenset(_letter_prefix(p) for p in after.values),
        frozenset(_letter_prefix(p) for p in words.values),
    )


def words_value(words: list[str]) -> int | None:
    """The value of a sequence of folded number words ("ثلاثه عشر" -> 13, "مئتين وخمسين" -> 250)."""
    t = _tables()
    total = 0
    current = 0
    last_kind = ""
    for i, raw in enumerate(words):
        w = t.words.get(raw)
        if w is None and i == 0:
            for n in (3, 2, 1):
                if raw[:n] in PROCLITICS and len(raw) > n and t.words.get(raw[n:]) is not None:
                    w = t.words.get(raw[n:])
                    break
        if w is None and raw.startswith("و"):
            w = t.words.get(raw[1:])
        if w is None:
            return None
        if w.kind == "unit" or w.kind == "ten":
            current += w.value
        elif w.kind == "hundred":
            if w.value == 100 and last_kind == "unit" and 3 <= current <= 9:
                current *= 100  # "ثلاث مئة"
            else:
                current += w.value
        elif w.kind == "mult":
            current = (current or 1) * w.value
            total += current
            current = 0
        else:  # mult_dual: "ألفين" is 2000 by itself
            total += current * w.value if current else w.value
            current = 0
        last_kind = w.kind
    return total + current


def _qual_range(qualifier: str, value: int | None) -> tuple[int | None, int | None]:
    if value is None:
        return None, None
    if qualifier == "exact":
        return value, value
    if qualifier == "more_than":
        return value + 1, None
    if qualifier == "at_least":
        return value, None
    if qualifier == "less_than":
        return None, value - 1
    return None, None


def _role(
    key: str,
    start: int,
    end: int,
    value: int | None,
    four_digits: bool,
    forms: tuple[str, ...],
    may_precede: frozenset[str],
    nxt: int,
    word: str | None,
) -> str | None:
    """The role of the number at key ``[start, end)``; ``forms`` = ``word_forms(key, start)``,
    ``may_precede`` = ``_preceding_cues(forms)``, ``nxt`` = ``_after_spaces(key, end)`` and ``word`` =
    ``_lead_word(key, nxt)`` (the caller needs them too).

    Most numbers have no role: the word before them ends no "before" cue and the word after them is
    not how any "after" cue starts (a cue found by ``match_at`` at ``nxt`` ends at a word end, so the
    letters at ``nxt`` equal its leading letters), which dict lookups tell before any table is searched."""
    t = _tables()
    n = len(key)
    may_follow = _ALL if word is None else t.after_cues.get(word, _NONE)
    if not may_follow and not may_precede:  # no cue around the number: only a bare year has a role
        if value is not None and four_digits and 1900 <= value <= 2100:
            return None if nxt < n and key[nxt].isalpha() else "year"
        return None

    def after(role: str) -> bool:
        return role in may_follow and t.role_after[role].match_at(key, nxt) is not None

    def before(role: str, window: int = 24) -> bool:
        return role in may_precede and t.role_before[role].match_before(key, start, window, forms) is not None

    if after("percent"):
        return "percent"
    if ("month" in may_follow and t.months.match_at(key, nxt) is not None) or (
        "month" in may_precede and t.months.match_before(key, start, 16, forms) is not None
    ):
        return "date"
    if value is not None and four_digits and 1900 <= value <= 2100:
        next_is_word = nxt < n and key[nxt].isalpha() and not after("year")
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


_NONE: frozenset[str] = frozenset()
_ALL = frozenset((*ROLES, "month"))
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _after_spaces(key: str, pos: int) -> int:
    """The first position at or after ``pos`` that is not a space."""
    n = len(key)
    while pos < n and key[pos] == " ":
        pos += 1
    return pos


def _after_word_space(key: str, pos: int, word: str | None) -> int:
    """Where ``_WORD_SPACE.match(key, pos, pos + 39)`` ends (-1 when it does not match), told without the
    regex from ``word`` = ``_lead_word(key, pos)`` when that is known: the letters at ``pos`` then a space."""
    if word is None:
        m = _WORD_SPACE.match(key, pos, pos + 39)
        return m.end() if m else -1
    end = pos + len(word) + 1
    return end if word and end <= pos + 39 and key[end - 1 : end] == " " else -1


def _lead_word(key: str, pos: int) -> str | None:
    """The letters at ``pos`` ("" when none), or None when the run holds a character that the regex
    class counts as a letter but ``str.isalpha`` (the boundary rule) does not, so no shortcut applies."""
    m = _LETTER_RUN.match(key, pos)
    if m is None:
        return ""
    word = m.group()
    return word if word.isalpha() else None


@lru_cache(maxsize=8192)
def _preceding_cues(forms: tuple[str, ...]) -> frozenset[str]:
    """Names of the tables ("qualifier", "month", roles) that have a phrase ending in one of ``forms``
    (kept: the same few words stand before most numbers)."""
    index = _tables().before_cues
    found = _NONE
    for f in forms:
        if f in index:
            found = found | index[f]
    return found


def _letter_prefix(phrase: str) -> str:
    """The letters a phrase starts with: the only word at a position where ``match_at`` can find it."""
    n = 0
    while n < len(phrase) and phrase[n].isalpha():
        n += 1
    return phrase[:n]


def _cue_index(
    tables: dict[str, WordTable[Any]], key_of: Callable[[WordTable[Any]], Iterable[str]]
) -> dict[str, frozenset[str]]:
    """``key_of(table)`` value -> names of the tables that have it (first characters, last words)."""
    index: dict[str, set[str]] = {}
    for name, table in tables.items():
        for k in key_of(table):
            index.setdefault(k, set()).add(name)
    return {k: frozenset(v) for k, v in index.items()}


def _number_word_at(key: str, pos: int) -> Hit[_Word] | None:
    """``words.match_at(key, pos)``, skipped when the word at ``pos`` is not how a number word starts."""
    t = _tables()
    word = _lead_word(key, pos)
    if word is not None and word not in t.number_word_starts:
        return None
    return t.words.match_at(key, pos)


def _qualifier_after(key: str, pos: int, word: str | None) -> Hit[str] | None:
    """``after.match_at(key, pos)``, skipped when the word at ``pos`` (``word`` = ``_lead_word(key, pos)``)
    is not how a qualifier starts."""
    t = _tables()
    if word is not None and word not in t.after_qualifier_starts:
        return None
    return t.after.match_at(key, pos)


def word_runs(key: str) -> Iterator[re.Match[str]]:
    """The matches of the number-word run pattern on ``key`` (as ``finditer`` finds them), tried only
    where a number word begins, or a proclitic before one."""
    t = _tables()
    starts: list[int] = []
    for hs in t.seq_starts.starts(key)["seq"]:
        # The pattern starts with (?<!letter), then an optional proclitic (letters, at most 3): it can only
        # start where the letter run holding the word begins, if that is a proclitic away or at the word.
        p = hs
        lo = max(0, hs - _LONGEST_SEQ_PROCLITIC)
        while p > lo and key[p - 1].isalpha():
            p -= 1
        if (p == 0 or not key[p - 1].isalpha()) and (p == hs or key[p:hs] in _SEQ_PROCLITICS):
            starts.append(p)
    starts.sort()
    return finditer_at(t.word_seq, key, starts)


def find_quantities(norm: NormalizedText) -> list[Quantity]:
    """Every number and vague quantity in the text, left to right, with qualifier and role."""
    t = _tables()
    key = norm.key
    found: list[tuple[int, int, int | None, str, int | None, int | None, str | None, int, int]] = []
    # 1 where an earlier expression already took the character: a span is free when
    # ``taken.find(1, s, e) < 0`` and is taken by ``taken[s:e] = b"\x01" * (e - s)`` (inline: hot).
    taken = bytearray(len(key))
    digits = digit_runs(key)
    for m in finditer_at(_NUMERIC_DATE, key, digits.before_separator):
        s, e = m.span()
        found.append((s, e, None, "exact", None, None, "date", s, e))
        taken[s:e] = b"\x01" * (e - s)
    for m in finditer_at(_CLOCK, key, digits.before_colon):
        s, e = m.span()
        if taken.find(1, s, e) < 0:
            found.append((s, e, None, "exact", None, None, "time", s, e))
            taken[s:e] = b"\x01" * (e - s)
    numbers: list[tuple[int, int, int | None, bool]] = []
    word_firsts = t.words.first_chars  # a multiplier word after a number starts with one of these
    for m in finditer_at(_DIGITS, key, digits.starts):
        s, end = m.span()
        if taken.find(1, s, end) >= 0:
            continue
        txt = m.group().replace(",", "")
        value = int(float(txt)) if "." in txt else int(txt)
        if key[end : end + 1] == " " and key[end + 1 : end + 2] in word_firsts:
            mult = _number_word_at(key, end + 1)
            if mult is not None and mult.value.kind == "mult":
                value, end = value * mult.value.value, mult.end
        numbers.append((s, end, value, len(txt) == 4 and "." not in txt))
        taken[s:end] = b"\x01" * (end - s)
    for m in word_runs(key):
        if taken.find(1, m.start(), m.end()) >= 0:
            continue
        ws = m.group().split()
        merged: list[str] = []
        for w in ws:  # "و خمسين" written apart
            if merged and merged[-1] == "و":
                merged[-1] = "و" + w
            else:
                merged.append(w)
        if len(merged) == 1 and (
            merged[0] in t.never_alone or (merged[0][:1] == "و" and merged[0][1:] in t.never_alone)
        ):
            continue
        if len(merged) == 1 and t.vague.get(merged[0].removeprefix("و")) is not None:
            continue  # bare "آلاف" is the vague plural, not 1000
        wv = words_value(merged)
        if wv is None or wv == 0:
            continue
        start = m.start()
        first = merged[0]
        if t.words.get(first) is None:  # skip a proclitic on the first word
            for n in (3, 2, 1):
                if first[:n] in PROCLITICS and t.words.get(first[n:]) is not None:
                    start += n
                    break
        numbers.append((start, m.end(), wv, False))
        taken[start : m.end()] = b"\x01" * (m.end() - start)
    for s, e, nv, four in numbers:
        qual = "exact"
        qs, qe = s, e
        forms = word_forms(key, s)
        may_precede = _preceding_cues(forms)
        nxt = _after_spaces(key, e)
        word = _lead_word(key, nxt)  # the word after the number
        hb = t.before.match_before(key, s, 30, forms) if "qualifier" in may_precede else None
        if hb is not None:
            qual, qs = hb.value, hb.start
        elif key[e : e + 1] == " ":
            word1 = word if nxt == e + 1 else _lead_word(key, e + 1)
            ha = _qualifier_after(key, e + 1, word1)
            if ha is None:
                # "5 قتلى على الأقل": the qualifier may follow the counted noun.
                after_noun = _after_word_space(key, e + 1, word1)
                if after_noun >= 0:
                    ha = _qualifier_after(key, after_noun, _lead_word(key, after_noun))
            if ha is not None:
                qual, qe = ha.value, ha.end
        role = _role(key, s, e, nv, four, forms, may_precede, nxt, word)
        low, high = _qual_range(qual, nv)
        found.append((qs, qe, nv, qual, low, high, role, s, e))
    for h in t.vague.finditer(key):
        if taken.find(1, h.start, h.end) >= 0:
            continue
        qual, low, high = h.value
        end = h.end
        if qual in ("dozens", "hundreds") and key[end : end + 1] == " ":
            thousands = t.vague.match_at(key, end + 1)
            if thousands is not None and thousands.value[0] == "many" and thousands.value[1] == 2000:
                end = thousands.end  # "عشرات الآلاف": tens of thousands
                low = low * 1000 if low is not None else None
                high = high * 1000 + 999 if high is not None else None
        found.append((h.start, end, None, qual, low, high, None, h.start, end))
        taken[h.start : end] = b"\x01" * (end - h.start)
    found.sort(key=lambda f: (f[0], -f[1]))
    out: list[Quantity] = []
    starts, ends, original = norm.starts, norm.ends, norm.original
    for qs, qe, fv, qual, low, high, role, s, e in found:
        # norm.span, inlined (every span here is non-empty and inside the key); the number's span is
        # the expression's own when nothing qualifies it
        a, b = starts[qs], ends[qe - 1]
        whole = new_span(a, b, original[a:b])
        if s == qs and e == qe:
            number = whole
        else:
            a, b = starts[s], ends[e - 1]
            number = new_span(a, b, original[a:b])
        out.append(_new_quantity(whole, number, fv, qual, low, high, qs, qe, role))
    return out
