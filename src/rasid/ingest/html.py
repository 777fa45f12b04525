"""HTML pages: main text, title, date and outlet with trafilatura."""

from __future__ import annotations

import json
import logging
from typing import Any

from rasid.errors import Errors
from rasid.ingest.encoding import DecodeError, decode
from rasid.ingest.files import InputFailure
from rasid.ingest.items import Ingested
from rasid.model import Article

log = logging.getLogger(__name__)

# Below this many non-space characters the "main text" is boilerplate (a menu, a cookie notice).
MIN_TEXT_CHARS = 40


def extract_html(html: str) -> dict[str, Any] | None:
    """trafilatura's main text and metadata (title, date, sitename, hostname, url), or None."""
    import trafilatura

    out = trafilatura.extract(
        html, output_format="json", with_metadata=True, include_comments=False, include_tables=False
    )
    if not out:
        return None
    data: dict[str, Any] = json.loads(out)
    return data


def html_article(
    raw: bytes,
    ref: str,
    *,
    article_id: str,
    url: str | None = None,
    charset: str | None = None,
    published: str | None = None,
) -> Ingested | InputFailure:
    """One article from the bytes of an HTML page (``ref`` names it in messages and quarantine)."""
    try:
        decoded = decode(raw, charset)
    except DecodeError as exc:
        return InputFailure(ref, Errors.E402.fmt(path=ref, reason=exc), raw=raw, size=len(raw))
    data = extract_html(decoded.text)
    text = (data or {}).get("text") or ""
    if len("".join(text.split())) < MIN_TEXT_CHARS:
        return InputFailure(ref, Errors.E405.fmt(path=ref), raw=raw, size=len(raw))
    assert data is not None
    date = data.get("date")
    article = Article(
        id=article_id,
        text=text,
        url=url or data.get("url") or data.get("source"),
        outlet=data.get("sitename") or data.get("source-hostname") or data.get("hostname"),
        title=data.get("title"),
        language=data.get("language") if data.get("language") in ("ar", "en") else None,
        published=published or (date if isinstance(date, str) and len(date) == 10 else None),
    )
    return Ingested(article, ref, decoded.encoding)
