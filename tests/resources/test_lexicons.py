from __future__ import annotations

from pathlib import Path

import pytest

from rasid.errors import ResourceError
from rasid.resources.lexicons import Lexicons
from rasid.text.normalize import normalize

LEX = Path(__file__).parent / "data" / "lexicons"


def test_get_and_match_with_clitics() -> None:
    lexicons = Lexicons([LEX / "test_verbs.yaml"], include_package=False)
    lex = lexicons.get("test_verbs")
    assert len(lex) == 3 and lex.version == "1"
    text = "وقال المتحدث، فيما نفى الجيش ذلك، وزعم آخرون. He denied it."
    found = [(m.entry.id, m.span.text, m.entry.attrs["stance"]) for m in lex.match(normalize(text))]
    assert found == [
        ("said", "قال", "asserted"),
        ("denied", "نفى", "denied"),
        ("claimed", "زعم", "alleged"),
        ("denied", "denied", "denied"),
    ]
    for m in lex.match(normalize(text)):
        assert text[m.span.start : m.span.end] == m.span.text


def test_user_file_overrides_and_adds_entries() -> None:
    lexicons = Lexicons([LEX / "test_verbs.yaml", LEX / "test_verbs_user.yaml"], include_package=False)
    lex = lexicons.get("test_verbs")
    assert set(lex.entries) == {"said", "denied", "claimed", "confirmed"}
    assert [m.entry.id for m in lex.match(normalize("كذب البيان ما أكده"))] == ["denied"]


def test_unknown_and_broken_lexicons() -> None:
    lexicons = Lexicons([LEX], include_package=False)
    with pytest.raises(ResourceError) as info:
        lexicons.get("nope")
    assert info.value.code.name == "E207"
    with pytest.raises(ResourceError) as info:
        lexicons.get("broken_lex")
    assert info.value.code.name == "E202"
    with pytest.raises(ResourceError) as info:
        lexicons.get("dup_lex")
    assert info.value.code.name == "E208"


def test_packaged_lexicons_are_listed() -> None:
    lexicons = Lexicons()
    for name in lexicons.names():
        assert lexicons.files(name), name
