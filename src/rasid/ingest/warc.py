"""Web archives (WARC, WARC.gz) with fastwarc: HTML response records become articles via trafilatura."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from rasid.errors import Errors
from rasid.ingest.files import InputFailure
from rasid.ingest.html import html_article
from rasid.ingest.items import Ingested

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, max_bytes: int) -> Iterator[Ingested | InputFailure]:
    """Articles from the HTML responses in ``path``; a truncated or corrupt archive yields a failure
    for the part that could not be read, after the records that could."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    ref = str(path)
    n = 0
    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle, record_types=WarcRecordType.response, parse_http=True):
                n += 1
                uri = record.headers.get("WARC-Target-URI") or f"{ref}#{n}"
                rref = f"{ref}#{uri}"
                expected = int(record.content_length)
                if expected > max_bytes:
                    yield InputFailure(
                        rref, Errors.E403.fmt(path=rref, size=expected, limit=max_bytes), size=expected
                    )
                    record.reader.consume()
                    continue
                body = record.reader.read()
                if len(body) < expected or record.http_headers is None:
                    reason = f"record {n} ({uri}) has {len(body)} of {expected} bytes"
                    yield InputFailure(
                        rref, Errors.E406.fmt(path=ref, reason=reason), raw=body, size=len(body)
                    )
                    continue
                ctype = (record.http_headers.get("Content-Type") or "").lower()
                if not any(t in ctype for t in _HTML_TYPES):
                    log.debug("skipping %s: content type %s", uri, ctype)
                    continue
                date = record.record_date.strftime("%Y-%m-%d") if record.record_date else None
                # The capture date is when the page was archived, not published: only trafilatura's
                # date (from the page itself) becomes ``published``.
                log.debug("record %s captured %s", uri, date)
                yield html_article(body, rref, article_id=uri, url=uri, charset=record.http_charset or None)
    except OSError as exc:
        yield InputFailure(ref, Errors.E406.fmt(path=ref, reason=exc), pointer=ref)
        return
    if n == 0 and path.stat().st_size > 0:
        yield InputFailure(ref, Errors.E406.fmt(path=ref, reason="no WARC response records"), pointer=ref)
