from __future__ import annotations

import pytest

from rasid.eval.names import ActorIndex, ActorNames, name_equal, names_match, normalize_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Syrian Democratic Forces", "syrian democratic forces"),
        ("Al-Hasakah", "al\u2010hasakah"),  # a Unicode hyphen is punctuation too
        ("A'maq", "Amaq"),
        ("الدولة الإسلامية", "دولة الاسلامية"),  # leading article, hamza on alef
        ("داعـــش", "داعش"),  # tatweel
        ("قُوّات", "قوات"),  # diacritics
        ("محافظة الحسكة", "محافظه الحسكه"),  # teh marbuta
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("ＳＤＦ", "sdf"),  # NFKC full-width
        ("SDF.", "S.D.F"),
    ],
)
def test_equal_after_normalization(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("SDF", "SAA"), ("Hasakah", "Raqqa"), ("theodore", "odore"), ("الحسكة", "حسكة حسكة"), ("ال", "")],
)
def test_different_names_stay_different(a: str, b: str) -> None:
    assert normalize_name(a) != normalize_name(b)


def test_short_arabic_word_keeps_its_al() -> None:
    assert normalize_name("الم") == "الم"


def test_names_match_by_id_name_or_name_ar() -> None:
    amaq = ActorNames("amaq", "Amaq News Agency", "وكالة أعماق")
    assert names_match(["Amaq"], amaq)  # the id
    assert names_match(["amaq news agency"], amaq)
    assert names_match(["وكالة اعماق"], amaq)
    assert not names_match(["Islamic State"], amaq)
    assert not names_match(["Amaq"], None)
    assert not names_match([None], amaq)


def test_actor_index_resolves_ids_and_unlisted_ids_stand_for_themselves() -> None:
    index = ActorIndex([{"id": "sdf", "name": "Syrian Democratic Forces", "name_ar": "قسد"}])
    assert index.resolve("sdf") == ActorNames("sdf", "Syrian Democratic Forces", "قسد")
    assert index.resolve("civilians") == ActorNames("civilians")
    assert index.resolve(None) is None


def test_name_equal() -> None:
    assert name_equal("Deir ez-Zor", "deir ezzor")
    assert not name_equal(None, "x")
    assert not name_equal("", "")
