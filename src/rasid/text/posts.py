"""Embedded social-media posts: the blocks a news page copies from X/Twitter into its text.

A post ends with a signature line "— name (@handle) January 22, 2022"; its text is the lines just above
(a "pic.twitter.com/…" or "https://t.co/…" line, the post text, hashtags), back to the first line that
reads like article prose (ends a sentence) or a blank line. Later stages treat posts as quoted material,
so a hashtag like "#العراق" is never taken as the place of an event.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from rasid.model import Span
from rasid.text.lexdata import load
from rasid.text.normalize import fold


@dataclass(frozen=True, slots=True)
class EmbeddedPost:
    span: Span
    author: str | None
    handle: str | None
    date: str | None  # YYYY-MM-DD
    hashtags: tuple[Span, ...]
    urls: tuple[Span, ...]


_SIGNATURE = re.compile(
    r"^[ \t]*[—–―-]{1,2}[ \t]*(?P<author>[^\n(]*?)[ \t]*\([ \t]*@(?P<handle>\w{1,30})[ \t]*\)[ \t]*(?P<date>[^\n]*)$",
    re.MULTILINE,
)
_URL = re.compile(r"(?:https?://|pic\.twitter\.com/|t\.co/)\S+")
_HASHTAG = re.compile(r"#[^\W][\w]*")
_SENTENCE_END = re.compile(r"[.!?؟…][\"'”“»)\]]*\s*$")
_MAX_LINES = 6
_MAX_CHARS = 600
_DATE_MDY = re.compile(r"(?P<m>[^\W\d_]+)\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})")
_DATE_DMY = re.compile(r"(?P<d>\d{1,2})\s+(?P<m>[^\W\d_]+(?:\s[^\W\d_]+)?)\.?,?\s+(?P<y>\d{4})")


@lru_cache(maxsize=1)
def _month_names() -> dict[str, int]:
    out: dict[str, int] = {}
    for e in load("calendar")["gregorian_months"]:
        for w in list(e["ar"]) + list(e.get("en", [])):
            out[fold(w)] = int(e["month"])
    return out


def parse_signature_date(s: str) -> str | None:
    """ "January 22, 2022" or "22 يناير 2022" -> "2022-01-22"; None when it is not a date."""
    key = fold(s)
    months = _month_names()
    for rx in (_DATE_MDY, _DATE_DMY):
        m = rx.search(key)
        if m and m.group("m") in months:
            try:
                return dt.date(int(m.group("y")), months[m.group("m")], int(m.group("d"))).isoformat()
            except ValueError:
                return None
    return None


def _line_bounds(text: str, end: int) -> list[tuple[int, int]]:
    """(start, end) of the lines before offset ``end`` (exclusive of newlines), nearest first."""
    out: list[tuple[int, int]] = []
    pos = end
    while pos > 0 and len(out) < _MAX_LINES:
        nl = text.rfind("\n", 0, pos - 1)
        start = nl + 1
        out.append((start, pos - 1 if text[pos - 1] == "\n" else pos))
        pos = start
    return out


def find_posts(text: str) -> list[EmbeddedPost]:
    """Every embedded post, in order, with author, handle, date, hashtags and links."""
    posts: list[EmbeddedPost] = []
    if "@" not in text:
        return posts  # every signature holds "(@handle)": most articles have none, found without the regex
    floor = 0
    for m in _SIGNATURE.finditer(text):
        start = m.start()
        lines = _line_bounds(text, m.start()) if m.start() > 0 else []
        for i, (ls, le) in enumerate(lines):
            line = text[ls:le]
            if ls < floor or not line.strip() or m.end() - ls > _MAX_CHARS:
                break
            if i > 0 and _SENTENCE_END.search(line) and not _URL.search(line):
                break
            start = ls
            if _URL.search(line) is None and i == 0 and _SENTENCE_END.search(line):
                break  # the post is a single line of text ending a sentence
        while start < m.start() and text[start] in " \t\n":
            start += 1
        end = m.end()
        while end > start and text[end - 1] in " \t\r":
            end -= 1
        body = text[start:end]
        hashtags = tuple(Span(start + h.start(), start + h.end(), h.group()) for h in _HASHTAG.finditer(body))
        urls = tuple(Span(start + u.start(), start + u.end(), u.group()) for u in _URL.finditer(body))
        author = m.group("author").strip() or None
        posts.append(
            EmbeddedPost(
                span=Span(start, end, body),
                author=author,
                handle=m.group("handle"),
                date=parse_signature_date(m.group("date")),
                hashtags=hashtags,
                urls=urls,
            )
        )
        floor = end
    return posts
