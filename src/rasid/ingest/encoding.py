"""Decode input bytes: BOMs, UTF-8, UTF-16 without BOM, and the legacy Arabic code pages.

Order: BOM, strict UTF-8, UTF-16 by NUL pattern, then charset-normalizer limited to the encodings
Arabic and English news actually arrive in (cp1256/windows-1256, ISO-8859-6, cp1252). Binary junk
is refused rather than decoded into mojibake.
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

# Candidate legacy encodings, in order of preference when charset-normalizer finds them equally good.
LEGACY = ("cp1256", "iso8859_6", "cp1252")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters (other than tab, newline, carriage return, form feed) above which
# decoded "text" is taken to be binary.
MAX_CONTROL_SHARE = 0.01


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept; the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) < 0xA0)
    return bad / len(text)


def _checked(text: str, encoding: str) -> Decoded:
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise DecodeError(f"decodes as {encoding} but contains control characters (binary data?)")
    return Decoded(text, encoding)


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 without a BOM shows as NULs in every other byte (for ASCII and Arabic alike: U+06xx)."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2], raw[1::2]
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        # Arabic is U+06xx, so its high byte is 0x06; ASCII has 0x00. Either way it is a tiny set.
        if zeros.count(0) + zeros.count(6) > 0.9 * len(zeros):
            return enc
    return None


def decode(raw: bytes, declared: str | None = None) -> Decoded:
    """Text and the encoding it was read with. ``declared`` (e.g. an HTTP charset) is tried after BOMs."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return _checked(raw.decode(enc), enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"has a {enc} byte-order mark but is not valid {enc}") from exc
    if declared:
        try:
            return _checked(raw.decode(declared), codecs.lookup(declared).name)
        except (UnicodeDecodeError, LookupError, DecodeError):
            log.debug("declared charset %s does not fit; detecting", declared)
    # Before UTF-8: Arabic UTF-16 without a BOM is all bytes < 0x80, so it is also "valid UTF-8".
    utf16 = _utf16_without_bom(raw)
    if utf16:
        try:
            return _checked(raw.decode(utf16), utf16)
        except (UnicodeDecodeError, DecodeError):
            log.debug("NUL pattern of UTF-16 but not decodable as %s", utf16)
    try:
        return _checked(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw:
        raise DecodeError("contains NUL bytes and is not UTF-16 (binary data?)")
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=list(LEGACY)).best()
    if best is None:
        raise DecodeError("not UTF-8, UTF-16, cp1256, ISO-8859-6 or cp1252")
    return _checked(str(best), codecs.lookup(best.encoding).name)
