"""Sentences and quotations for Arabic news.

A sentence ends at a newline, or after . ! ? ؟ … (plus any closing quotes or brackets) followed by a
space, except inside a quotation: a quote stays attached to its reporting clause ("قال …:“…”") so that
the claims layer sees speaker, verb and quoted figure together. Quote spans cover the quoted words
(without the marks) for “…”, "…", «…», ”…” and the mixed forms news sites print (“…“, ”…“).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rasid.model import Span
from rasid.text.normalize import NormalizedText

# Marks that both open and close (direction varies by site); guillemets have a direction.
_TOGGLE = frozenset('"“”„‟″')
_OPEN = {"«": "»", "‹": "›"}
_TERMINAL = re.compile(r"[.!?؟…]+[\"'”“»’)\]]*(?=\s|$)")
# A full stop that does not end a sentence: after a one-letter abbreviation ("د." "م.") or inside a
# number or a link (no space follows, so _TERMINAL never sees those).
_ABBREV = re.compile(r"(?:^|\s)[^\W\d_]\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    quotes: tuple[Span, ...]
    post: int | None  # index into the posts list when the sentence lies in an embedded post


def find_quotes(text: str) -> list[Span]:
    """Quoted stretches (the words between the marks), paired within a line."""
    out: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        base = line.start()
        s = line.group()
        open_at: int | None = None
        closer: str | None = None
        for i, ch in enumerate(s):
            if open_at is None:
                if ch in _TOGGLE or ch in _OPEN:
                    open_at, closer = i, _OPEN.get(ch)
            elif (closer is None and ch in _TOGGLE) or ch == closer:
                if i > open_at + 1:
                    a, b = base + open_at + 1, base + i
                    out.append(Span(a, b, text[a:b]))
                open_at = None
    return out


def split_sentences(
    text: str, norm: NormalizedText | None = None, posts: Sequence[Span] = ()
) -> list[Sentence]:
    """Sentences of ``text`` in order, each with its quotes and, when inside a post, the post index."""
    del norm  # offsets are computed on the original text; the key is not needed here
    quotes = find_quotes(text)
    q_spans = [(q.start - 1, q.end + 1) for q in quotes]  # with their marks
    bounds: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for m in _TERMINAL.finditer(text, line.start(), line.end()):
            cut = m.end()
            if any(a < m.start() < b - 1 for a, b in q_spans):
                continue  # inside a quotation
            if _ABBREV.search(text, max(line.start(), m.start() - 3), m.start() + 1):
                continue
            bounds.append((start, cut))
            start = cut
        bounds.append((start, line.end()))
    out: list[Sentence] = []
    qi = 0
    for a, b in bounds:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        while qi < len(quotes) and quotes[qi].end <= a:
            qi += 1
        inside = tuple(q for q in quotes[qi:] if q.start >= a and q.end <= b)
        post = next((i for i, p in enumerate(posts) if p.start <= a and b <= p.end), None)
        out.append(Sentence(a, b, text[a:b], inside, post))
    return out
