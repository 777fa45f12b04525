"""RSS and Atom feeds with feedparser: each entry becomes an article (full content, else the summary)."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from rasid.errors import Errors
from rasid.ingest.files import InputFailure
from rasid.ingest.items import Ingested
from rasid.model import Article

log = logging.getLogger(__name__)

_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
}
_SKIP = {"script", "style", "noscript"}


class _Text(HTMLParser):
    """Entry HTML to plain text: block elements become line breaks, scripts and styles are dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self._skip:
            self._skip -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return time.strftime("%Y-%m-%d", value)
    return None


def read_feed(raw: bytes, ref: str, max_bytes: int) -> Iterator[Ingested | InputFailure]:
    """Articles from the bytes of an RSS/Atom document; a feed with no usable entry is one failure."""
    import feedparser

    parsed = feedparser.parse(raw)
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception") or "no entries"
        yield InputFailure(ref, Errors.E408.fmt(path=ref, reason=reason), raw=raw, size=len(raw))
        return
    outlet = (parsed.get("feed") or {}).get("title")
    encoding = parsed.get("encoding")
    for i, entry in enumerate(entries, 1):
        eref = f"{ref}#entry{i}"
        contents = entry.get("content") or []
        body = contents[0].get("value") if contents else entry.get("summary")
        text = html_to_text(body or "")
        title = html_to_text(entry.get("title") or "") or None
        if len(text.encode("utf-8")) > max_bytes:
            size = len(text.encode("utf-8"))
            yield InputFailure(eref, Errors.E403.fmt(path=eref, size=size, limit=max_bytes), size=size)
            continue
        if not text.strip():
            yield InputFailure(eref, Errors.E401.fmt(path=eref), pointer=eref)
            continue
        if title and not text.startswith(title):
            # Keep the headline in the text, as in a .txt article: headline, blank line, body.
            text = f"{title}\n\n{text}"
        link = entry.get("link")
        article = Article(
            id=str(entry.get("id") or link or f"{ref}#{i}"),
            text=text,
            url=link,
            outlet=outlet,
            title=title,
            published=_date(entry),
        )
        yield Ingested(article, eref, encoding)
