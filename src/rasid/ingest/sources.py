"""Every input format ``rasid ingest`` accepts, behind one function: ``read_inputs(paths)``.

Formats by suffix (``.txt``, ``.jsonl``/``.ndjson``, ``.csv``, ``.html``/``.htm``, ``.rss``/``.atom``/``.xml``,
``.warc``/``.warc.gz``, ``.urls``), and by content for a file named explicitly with another suffix.
Inputs above ``max_bytes`` (single-article files, or one line/row/record of a container) are refused.
Nothing raises out of the iterator: a bad input is an ``InputFailure`` with a coded reason (E4xx).
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from rasid.errors import Errors
from rasid.ingest.encoding import Decoded, DecodeError, decode
from rasid.ingest.feeds import read_feed
from rasid.ingest.files import InputFailure, valid_date
from rasid.ingest.html import html_article
from rasid.ingest.items import Ingested
from rasid.ingest.warc import read_warc
from rasid.model import Article

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Quarantine keeps at most this many bytes of a refused input (the rest is reachable by pointer).
KEEP_RAW = 64 * 1024
CSV_COLUMNS = ("text", "id", "url", "outlet", "title", "published")

Item = Ingested | InputFailure


@dataclass(frozen=True, slots=True)
class IngestOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    published: str | None = None  # for articles whose input gives no date


def _fail(ref: str, reason: str, raw: bytes | None = None, size: int | None = None) -> InputFailure:
    kept = raw[:KEEP_RAW] if raw is not None else None
    return InputFailure(
        ref, reason, raw=kept, pointer=ref, size=size if size is not None else len(raw or b"")
    )


def _title(text: str) -> str | None:
    # A short first line is a headline; a long one is the first paragraph of an untitled article.
    stripped = text.strip()
    first = stripped.splitlines()[0].strip() if stripped else ""
    return first if 0 < len(first) <= 160 else None


def _read_bytes(path: Path, opts: IngestOptions, whole_file_limit: bool) -> bytes | InputFailure:
    ref = str(path)
    try:
        size = path.stat().st_size
        if whole_file_limit and size > opts.max_bytes:
            return _fail(ref, Errors.E403.fmt(path=ref, size=size, limit=opts.max_bytes), size=size)
        raw = path.read_bytes()
    except OSError as exc:
        return _fail(ref, Errors.E409.fmt(path=ref, reason=exc.strerror or exc))
    if not raw.strip():
        return _fail(ref, Errors.E401.fmt(path=ref), raw=raw)
    return raw


def _read_decoded(path: Path, opts: IngestOptions, whole_file_limit: bool) -> Decoded | InputFailure:
    """The file's text with its detected encoding, or the failure (unreadable, too large, empty, binary)."""
    raw = _read_bytes(path, opts, whole_file_limit)
    if isinstance(raw, InputFailure):
        return raw
    try:
        return decode(raw)
    except DecodeError as exc:
        return _fail(str(path), Errors.E402.fmt(path=path, reason=exc), raw=raw)


def read_txt(path: Path, opts: IngestOptions) -> Iterator[Item]:
    dec = _read_decoded(path, opts, True)
    if isinstance(dec, InputFailure):
        yield dec
        return
    ref = str(path)
    if not dec.text.strip():
        yield _fail(ref, Errors.E401.fmt(path=ref), raw=dec.text.encode("utf-8"))
        return
    article = Article(id=path.stem, text=dec.text, title=_title(dec.text), published=opts.published)
    yield Ingested(article, ref, dec.encoding)


def _article_from_fields(obj: dict[str, object], default_id: str, opts: IngestOptions) -> Article:
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no 'text'")

    def opt(key: str) -> str | None:
        value = obj.get(key)
        return str(value) if value not in (None, "") else None

    language = opt("language")
    return Article(
        id=opt("id") or default_id,
        text=text,
        url=opt("url"),
        outlet=opt("outlet"),
        title=opt("title"),
        language=language if language in ("ar", "en") else None,
        published=valid_date(opt("published")) or opts.published,
    )


def read_jsonl(path: Path, opts: IngestOptions) -> Iterator[Item]:
    dec = _read_decoded(path, opts, False)
    if isinstance(dec, InputFailure):
        yield dec
        return
    ref = str(path)
    for lineno, line in enumerate(dec.text.splitlines(), 1):
        if not line.strip():
            continue
        lref = f"{ref}:{lineno}"
        size = len(line.encode("utf-8"))
        if size > opts.max_bytes:
            yield _fail(lref, Errors.E403.fmt(path=lref, size=size, limit=opts.max_bytes), size=size)
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("not a JSON object")
            article = _article_from_fields(obj, f"{path.stem}-{lineno}", opts)
        except (ValueError, TypeError) as exc:
            yield _fail(lref, Errors.E404.fmt(line=lineno, path=ref, reason=exc), raw=line.encode("utf-8"))
            continue
        yield Ingested(article, lref, dec.encoding)


def read_csv(path: Path, opts: IngestOptions) -> Iterator[Item]:
    dec = _read_decoded(path, opts, False)
    if isinstance(dec, InputFailure):
        yield dec
        return
    ref = str(path)
    csv.field_size_limit(max(opts.max_bytes, 1 << 20) * 2)
    try:
        reader = csv.DictReader(io.StringIO(dec.text, newline=""))
        if not reader.fieldnames or "text" not in reader.fieldnames:
            yield _fail(
                ref, Errors.E407.fmt(row=1, path=ref, reason=f"no 'text' column in {reader.fieldnames}")
            )
            return
        for rowno, row in enumerate(reader, 2):
            rref = f"{ref}:{rowno}"
            cells = {k: v for k, v in row.items() if k in CSV_COLUMNS}
            size = len((cells.get("text") or "").encode("utf-8"))
            if size > opts.max_bytes:
                yield _fail(rref, Errors.E403.fmt(path=rref, size=size, limit=opts.max_bytes), size=size)
                continue
            try:
                article = _article_from_fields(dict(cells), f"{path.stem}-{rowno}", opts)
            except ValueError as exc:
                line = ",".join(v or "" for v in cells.values()).encode("utf-8")
                yield _fail(rref, Errors.E407.fmt(row=rowno, path=ref, reason=exc), raw=line)
                continue
            yield Ingested(article, rref, dec.encoding)
    except csv.Error as exc:
        yield _fail(ref, Errors.E407.fmt(row="?", path=ref, reason=exc))


def read_html_file(path: Path, opts: IngestOptions) -> Iterator[Item]:
    raw = _read_bytes(path, opts, True)
    if isinstance(raw, InputFailure):
        yield raw
        return
    item = html_article(raw, str(path), article_id=path.stem, published=opts.published)
    if isinstance(item, InputFailure):
        item = _fail(item.ref, item.reason, raw=raw)
    yield item


def read_feed_file(path: Path, opts: IngestOptions) -> Iterator[Item]:
    raw = _read_bytes(path, opts, False)
    if isinstance(raw, InputFailure):
        yield raw
        return
    for item in read_feed(raw, str(path), opts.max_bytes):
        yield (
            _fail(item.ref, item.reason, raw=item.raw, size=item.size)
            if isinstance(item, InputFailure)
            else item
        )


def read_warc_file(path: Path, opts: IngestOptions) -> Iterator[Item]:
    for item in read_warc(path, opts.max_bytes):
        yield (
            _fail(item.ref, item.reason, raw=item.raw, size=item.size)
            if isinstance(item, InputFailure)
            else item
        )


def read_url_list(path: Path, opts: IngestOptions) -> Iterator[Item]:
    """A file of local paths or ``file://`` URLs, one a line (``#`` comments). No network access:
    an ``http(s)://`` line is refused with a reason, to be fetched by a crawler first."""
    dec = _read_decoded(path, opts, True)
    if isinstance(dec, InputFailure):
        yield dec
        return
    ref = str(path)
    text = dec.text
    targets: list[Path] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        parsed = urlparse(entry)
        if parsed.scheme == "file":
            targets.append(Path(unquote(parsed.path)))
        elif parsed.scheme in ("",) or (len(parsed.scheme) == 1 and entry[1:3] in (":\\", ":/")):
            target = Path(entry)
            targets.append(target if target.is_absolute() else path.parent / target)
        else:
            reason = f"{parsed.scheme}:// is not read by ingest (no network access); download it first"
            yield _fail(
                f"{ref}:{lineno}", Errors.E410.fmt(path=ref, line=lineno, reason=reason), raw=entry.encode()
            )
    yield from read_inputs(targets, opts)


Reader = Callable[[Path, IngestOptions], Iterator[Item]]

READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".xhtml": read_html_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
    ".xml": read_feed_file,
    ".warc": read_warc_file,
    ".warc.gz": read_warc_file,
    ".urls": read_url_list,
}


def _suffix(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    return path.suffix.lower()


def sniff(path: Path) -> Reader:
    """The reader for a file with an unknown suffix, from its first bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError:
        return read_txt  # read_txt reports the OSError with a code
    if head.startswith(b"WARC/") or head.startswith(b"\x1f\x8b"):
        return read_warc_file
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (low.startswith(b"<?xml") and (b"<rss" in low or b"<feed" in low)) or low.startswith(
        (b"<rss", b"<feed")
    ):
        return read_feed_file
    if low.startswith((b"<!doctype html", b"<html")):
        return read_html_file
    return read_txt


def read_path(path: Path, opts: IngestOptions) -> Iterator[Item]:
    reader = READERS.get(_suffix(path))
    yield from (reader or sniff(path))(path, opts)


def read_inputs(paths: Iterable[Path], opts: IngestOptions | None = None) -> Iterator[Item]:
    """Articles and failures from files and folders (folders recursively, known suffixes, sorted)."""
    opts = opts or IngestOptions()
    for path in paths:
        if path.is_dir():
            children = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and not p.name.startswith(".") and _suffix(p) in READERS
            )
            for child in children:
                yield from read_path(child, opts)
        elif path.exists():
            yield from read_path(path, opts)
        else:
            yield _fail(str(path), Errors.E409.fmt(path=path, reason="no such file"))
