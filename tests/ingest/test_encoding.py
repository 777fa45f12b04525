from __future__ import annotations

import random

import pytest

from rasid.ingest.encoding import DecodeError, decode
from tests.ingest.conftest import ARTICLE


@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("cp1256", "cp1256"),
        ("iso8859_6", "iso8859-6"),
    ],
)
def test_arabic_in_every_encoding_decodes_exactly(codec: str, expected: str) -> None:
    got = decode(ARTICLE.encode(codec))
    assert got.text == ARTICLE
    assert got.encoding == expected


def test_english_cp1252() -> None:
    text = "Clashes near the café: naïve reports say three were killed on Thursday."
    got = decode(text.encode("cp1252"))
    assert (got.text, got.encoding) == (text, "cp1252")


def test_declared_charset_is_used_when_it_fits() -> None:
    got = decode(ARTICLE.encode("cp1256"), declared="windows-1256")
    assert got.text == ARTICLE


def test_binary_junk_is_refused() -> None:
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(4000))
    with pytest.raises(DecodeError):
        decode(junk)


def test_control_characters_are_refused() -> None:
    with pytest.raises(DecodeError, match="control characters"):
        decode(b"\x01\x02\x03\x04 text \x05\x06\x07\x08" * 20)


def test_bom_with_invalid_body_is_refused() -> None:
    with pytest.raises(DecodeError, match="byte-order mark"):
        decode(b"\xef\xbb\xbf" + b"\xff\xfe\xfd" * 10)
