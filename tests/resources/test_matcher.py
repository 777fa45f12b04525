from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.resources.matcher import Matcher, SharedScan, build_automaton
from rasid.text.normalize import fold, normalize


def _m() -> Matcher[str]:
    return Matcher(
        [
            (fold("التحالف الدولي"), "coalition"),
            (fold("التحالف"), "coalition-short"),
            (fold("قسد"), "sdf"),
            (fold("قوات سوريا الديمقراطية"), "sdf"),
            (fold("الحسكة"), "hasakah"),
            (fold("الدواعش"), "is"),
            (fold("د1عش"), "is"),
            (fold("PKK"), "pkk"),
            (fold("ميليشيا PKK"), "sdf-label"),
            (fold("Islamic State"), "is"),
        ]
    )


def _found(text: str) -> list[tuple[str, tuple[str, ...], str, bool]]:
    norm = normalize(text)
    out = []
    for h in _m().match(norm):
        assert text[h.span.start : h.span.end] == h.span.text
        out.append((h.span.text, h.payloads, h.prefix, h.stripped))
    return out


def test_clitics_and_article_after_lam() -> None:
    text = "وقال مصدر للتحالف الدولي إن لقسد مواقع وبالحسكة، والدواعش هاجموا."
    found = _found(text)
    assert ("تحالف الدولي", ("coalition",), "لل", True) in found
    assert ("قسد", ("sdf",), "ل", False) in found
    assert ("الحسكة", ("hasakah",), "وب", False) in found
    assert ("الدواعش", ("is",), "و", False) in found


def test_bare_indefinite_form_is_not_a_hit() -> None:
    assert _found("تحالف جديد بين الأحزاب") == []
    # a lam alone before the bare form is not the article
    assert _found("لتحالف جديد") == []


def test_word_boundary_rejects_inner_substrings() -> None:
    assert _found("قسدي") == []
    assert _found("crisis PKKx") == []


def test_longest_match_wins_without_overlap() -> None:
    found = _found("هاجمت مليشيا PKK و ميليشيا PKK القرية")
    # "مليشيا" (no ي) is not registered, so only PKK there; the full label wins the second time
    assert [f[0] for f in found] == ["PKK", "ميليشيا PKK"]
    assert found[1][1] == ("sdf-label",)


def test_obfuscated_and_english_case_insensitive() -> None:
    found = _found("عناصر د1عش قتلوا. The ISLAMIC STATE claimed it.")
    assert [(f[0], f[1]) for f in found] == [("د1عش", ("is",)), ("ISLAMIC STATE", ("is",))]


def test_diacritics_and_tatweel_keep_original_span() -> None:
    text = "قالت قـسـدٌ اليوم"
    found = _found(text)
    assert found[0][1] == ("sdf",)
    assert found[0][0].startswith("قـ")


def test_shared_form_carries_all_payloads() -> None:
    m: Matcher[str] = Matcher([(fold("الجبهة"), "a"), (fold("الجبهة"), "b"), (fold("الجبهة"), "a")])
    hits = m.match(normalize("في الجبهة"))
    assert hits[0].payloads == ("a", "b")


def test_empty_matcher() -> None:
    m: Matcher[str] = Matcher([])
    assert m.match(normalize("أي نص")) == []


def _reference_candidates(m: Matcher[str], key: str) -> list[tuple[int, int, str, str, bool]]:
    """The definition: every automaton hit filtered with ``at_boundary`` and ``clitic_prefix``."""
    from rasid.text.tokens import at_boundary, clitic_prefix

    out = []
    for last, value in m._automaton.iter(key):
        length, targets = value[0], value[1]
        start, end = last + 1 - length, last + 1
        if not at_boundary(key, start, end):
            continue
        prefix = clitic_prefix(key, start) or ""
        for form, stripped in targets:
            if stripped and prefix not in ("لل", "ولل", "فلل"):
                continue
            out.append((start, end, form, prefix, stripped))
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["ال", "و", "ب", "لل", "تحالف", "قسد", "حسكة", " ", "،", "1", "ي", "كال", "x"]))
)
def test_fast_boundary_scan_equals_at_boundary(parts: list[str]) -> None:
    m = _m()
    key = fold("".join(parts))
    assert sorted(m.candidates(key)) == sorted(_reference_candidates(m, key))


def _m_shared_forms() -> Matcher[str]:
    """Forms whose article-less needle is also a form of its own, and overlapping phrases."""
    return Matcher(
        [
            (fold("الحسكة"), "hasakah-def"),
            (fold("حسكة"), "hasakah"),
            (fold("حسكة"), "hasakah-2"),
            (fold("التحالف"), "coalition"),
            (fold("تحالف"), "alliance"),
            (fold("التحالف الدولي"), "coalition-intl"),
            (fold("الدولي"), "intl"),
            (fold("قسد"), "sdf"),
            (fold("قسد الحسكة"), "sdf-hasakah"),
        ]
    )


def _reference_select(m: Matcher[str], key: str) -> list[tuple[int, int, str, str, bool, tuple[str, ...]]]:
    """The definition of ``select``: candidates grouped by range, the smallest (stripped, form) names the
    range and all its forms' payloads merge in that order; then longest first, leftmost, no overlaps."""
    groups: dict[tuple[int, int], list[tuple[bool, str, str]]] = {}
    for start, end, form, prefix, stripped in _reference_candidates(m, key):
        groups.setdefault((start, end), []).append((stripped, form, prefix))
    taken: list[tuple[int, int]] = []
    for start, end in sorted(groups, key=lambda se: (se[0] - se[1], se[0])):
        if all(end <= s or e <= start for s, e in taken):
            taken.append((start, end))
    out = []
    for start, end in sorted(taken):
        group = sorted(groups[(start, end)])
        stripped, form, prefix = group[0]
        merged: list[str] = []
        for _, f, _ in group:
            merged.extend(p for p in m.payloads(f) if p not in merged)
        out.append((start, end, form, prefix, stripped, tuple(merged)))
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["ال", "و", "ف", "لل", "تحالف", "قسد", "حسكة", " ", "الدولي", "،", "ي", "x"]))
)
def test_select_equals_its_definition(parts: list[str]) -> None:
    for m in (_m(), _m_shared_forms()):
        key = fold("".join(parts))
        assert m.select(key) == _reference_select(m, key)


def test_matcher_pickles_with_its_automaton() -> None:
    m = _m()
    again = pickle.loads(pickle.dumps(m))
    text = "وقال مصدر للتحالف الدولي إن لقسد مواقع"
    assert [(h.span, h.payloads) for h in again.match(normalize(text))] == [
        (h.span, h.payloads) for h in m.match(normalize(text))
    ]


def _other() -> Matcher[str]:
    return Matcher([(fold("قسد"), "sdf-again"), (fold("مقتل"), "killed"), (fold("الدولي"), "intl")])


_SHARED_PARTS = ["ال", "و", "ب", "لل", "تحالف", "قسد", "حسكة", " ", "،", "مقتل", "الدولي", "ي", "x"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_SHARED_PARTS)), min_size=1, max_size=3))
def test_shared_scan_gives_each_matcher_its_own_hits(texts: list[list[str]]) -> None:
    alone = [_m(), _other()]
    shared = [_m(), _other()]
    SharedScan(shared)
    for parts in texts:  # several keys in a row: the pass of the last key must not leak into the next
        norm = normalize("".join(parts))
        for a, b in zip(alone, shared, strict=True):
            assert b._shared is not None
            assert b.match(norm) == a.match(norm)
            assert b.candidates(norm.key) == a.candidates(norm.key)


def test_shared_scan_is_not_pickled() -> None:
    m = _m()
    SharedScan([m, _other()])
    again = pickle.loads(pickle.dumps(m))
    assert again._shared is None
    text = "وقال مصدر للتحالف الدولي إن لقسد مواقع"
    assert again.match(normalize(text)) == m.match(normalize(text))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="ابلتحسكقو x", min_size=1, max_size=5), min_size=1, max_size=30),
    st.text(alphabet="ابلتحسكقو x،", max_size=60),
)
def test_build_automaton_order_changes_no_hit(needles: list[str], key: str) -> None:
    import ahocorasick

    plain = ahocorasick.Automaton()
    for i, needle in enumerate(dict.fromkeys(needles)):
        plain.add_word(needle, (len(needle), i))
    plain.make_automaton()
    fast = build_automaton(plain.items())
    assert list(fast.iter(key)) == list(plain.iter(key))
