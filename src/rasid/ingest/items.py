"""What ingest produces besides failures: an article with where it came from and how it was decoded."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from rasid.model import Article

_SPACE = re.compile(r"\s+")


def dedup_key(text: str) -> str:
    """sha256 of the text normalized for deduplication: NFKC, whitespace runs collapsed, stripped.

    Two copies of an article that differ only in line breaks, spacing or compatibility characters
    (e.g. Arabic presentation forms) get the same key. The text itself is never changed.
    """
    norm = _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Ingested:
    """An article read from an input, with its source reference and the detected encoding."""

    article: Article
    source_ref: str
    encoding: str | None = None

    @property
    def key(self) -> str:
        return dedup_key(self.article.text)
