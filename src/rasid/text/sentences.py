"""Sentences and quotations for Arabic news.

A sentence ends at a newline, or after . ! ? ؟ … (plus any closing quotes or brackets) followed by a
space, except inside a quotation: a quote stays attached to its reporting clause ("قال …:“…”") so that
the claims layer sees speaker, verb and quoted figure together. Quote spans cover the quoted words
(without the marks) for “…”, "…", «…», ”…” and the mixed forms news sites print (“…“, ”…“).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from rasid.model import Span
from rasid.text.normalize import NormalizedText, new_span
from rasid.text.records import builder

_TERMINAL = re.compile(r"[.!?؟…]+[\"'”“»’)\]]*(?=\s|$)")
# A newline or a sentence end (as _TERMINAL), written to start with one character class so that ``re``
# skips quickly to the candidates.
_CUT = re.compile(r"[\n.!?؟…](?:(?<=\n)|[.!?؟…]*[\"'”“»’)\]]*(?=\s|$))")
# A full stop that does not end a sentence: after a one-letter abbreviation ("د." "م.") or inside a
# number or a link (no space follows, so _TERMINAL never sees those).
_ABBREV = re.compile(r"(?:^|\s)[^\W\d_]\.$")
# One quotation: an opening mark, then the words up to its closing mark on the same line. Straight and
# curly marks both open and close (their direction varies by site); guillemets have a direction. A mark
# never closed swallows the rest of its line (no quote starts inside it), as a reader would take it.
# Written to start with one character class (any opening mark), which ``re`` scans for in C, then to
# pick the alternative by the mark just read (a lookbehind): ``["“”„‟″](?P<body>…)…|«(?P<gbody>…)…|‹…``
# tried at every position was three times slower.
_QUOTE = re.compile(
    r'["“”„‟″«‹](?:(?<=["“”„‟″])(?P<body>[^"“”„‟″\n]*)(?:(?P<tc>["“”„‟″])|$)'
    r"|(?<=«)(?P<gbody>[^»\n]*)(?:(?P<gc>»)|$)|(?<=‹)(?P<sbody>[^›\n]*)(?:(?P<sc>›)|$))",
    re.MULTILINE,
)
_BODY_OF = {"tc": "body", "gc": "gbody", "sc": "sbody"}


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    quotes: tuple[Span, ...]
    post: int | None  # index into the posts list when the sentence lies in an embedded post


_new_sentence = builder(Sentence)  # ``Sentence(...)``, faster (rasid.text.records)


def find_quotes(text: str) -> list[Span]:
    """Quoted stretches (the words between the marks), paired within a line."""
    out: list[Span] = []
    for m in _QUOTE.finditer(text):
        closed = m.lastgroup  # the closing-mark group when the quote was closed, else its body group
        if closed in _BODY_OF:
            a, b = m.span(_BODY_OF[closed])
            if b > a:
                out.append(new_span(a, b, text[a:b]))
    return out


def split_sentences(
    text: str, norm: NormalizedText | None = None, posts: Sequence[Span] = ()
) -> list[Sentence]:
    """Sentences of ``text`` in order, each with its quotes and, when inside a post, the post index."""
    del norm  # offsets are computed on the original text; the key is not needed here
    return split_with_quotes(text, find_quotes(text), posts)


def split_with_quotes(text: str, quotes: Sequence[Span], posts: Sequence[Span] = ()) -> list[Sentence]:
    """``split_sentences`` given the quotes ``find_quotes(text)`` already found (the segment stage needs
    both, so it finds quotes once)."""
    q_starts = [q.start - 1 for q in quotes]  # with their marks; quotes are ordered and never overlap
    q_ends = [q.end + 1 for q in quotes]
    # Cut after every sentence-ending mark (unless inside a quotation or after an abbreviation) and at
    # every newline; the pieces, trimmed of whitespace, are the sentences.
    cuts: list[int] = []
    for m in _CUT.finditer(text):
        ms = m.start()
        if text[ms] == "\n":
            cuts.append(ms)
            continue
        k = bisect_left(q_starts, ms) - 1  # the last quotation opened before the mark
        if k >= 0 and ms < q_ends[k] - 1:
            continue  # inside a quotation
        # _ABBREV needs "." here and, two back, a space (or the text's start one back): check that first.
        if text[ms] == "." and (ms == 1 or (ms >= 2 and text[ms - 2].isspace())):
            line_start = text.rfind("\n", 0, ms) + 1
            if _ABBREV.search(text, max(line_start, ms - 3), ms + 1):
                continue
        cuts.append(m.end())
    cuts.append(len(text))
    out: list[Sentence] = []
    qi = 0
    nq = len(quotes)
    np_ = len(posts)
    a = 0
    for b in cuts:
        start, a = a, b
        while start < b and text[start].isspace():
            start += 1
        while b > start and text[b - 1].isspace():
            b -= 1
        if start >= b:
            continue
        inside: tuple[Span, ...] = ()
        if qi < nq:
            while qi < nq and quotes[qi].end <= start:
                qi += 1
            found: list[Span] = []
            for q in quotes[qi:]:
                if q.start >= b:
                    break  # quotes are ordered: none later lies in this sentence
                if q.start >= start and q.end <= b:
                    found.append(q)
            inside = tuple(found)
        post = None
        if np_:
            post = next((i for i, p in enumerate(posts) if p.start <= start and b <= p.end), None)
        out.append(_new_sentence(start, b, text[start:b], inside, post))
    return out
