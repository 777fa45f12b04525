"""One Aho-Corasick dictionary matcher over the match key, shared by actors, places and lexicons.

How to use it::

    from rasid.resources.matcher import Matcher
    from rasid.text.normalize import fold, normalize

    m = Matcher([(fold("التحالف الدولي"), "coalition"), (fold("قسد"), "sdf")])
    for hit in m.match(normalize("قال للتحالف الدولي إن لقسد ...")):
        hit.payloads      # ("coalition",)  every payload registered under this form
        hit.key_start     # offsets on norm.key (the name itself, proclitics excluded)
        hit.span          # Span on the ORIGINAL text: text[span.start:span.end] == span.text
        hit.prefix        # the proclitic before the name in the same word ("لل", "و", "") — the "why"
        hit.stripped      # True when found through the article-less form ("لل" + "تحالف ...")

- Build from ``(folded_form, payload)`` pairs: forms must already be folded with
  ``rasid.text.normalize.fold`` (the same folding as the text key). Several payloads may share a form;
  a hit carries all of them, in insertion order, without duplicates.
- ``match(norm)`` finds every occurrence on ``norm.key``, keeps those that pass
  ``rasid.text.tokens.at_boundary`` (whole word or phrase, possibly behind an allowed proclitic such as
  و ف ب ل ك ال وال بال), then keeps the longest non-overlapping hits (longer first, then leftmost).
- A form that starts with the article ("التحالف") is also registered without it ("تحالف"), because
  ل + ال is written "لل" ("للتحالف"). That article-less form only matches right after a proclitic ending
  in "لل" (لل، ولل، فلل), so the indefinite word alone ("تحالف") is not a hit.
- Nothing is loaded at import; build a matcher once per process (the catalogue caches it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from rasid.model import Span
from rasid.text.normalize import NormalizedText
from rasid.text.tokens import at_boundary, clitic_prefix, strip_article

P = TypeVar("P")

# Proclitic sequences that swallow the article's alef: "لل" = ل + ال (and with و / ف before it).
_LAM_ARTICLE = frozenset({"لل", "ولل", "فلل"})


@dataclass(frozen=True, slots=True)
class Hit(Generic[P]):
    """One dictionary hit: key offsets of the name, its original span, and how it was found."""

    key_start: int
    key_end: int
    span: Span
    form: str  # the registered folded form that matched (the article-full form when stripped)
    payloads: tuple[P, ...]
    prefix: str  # proclitic letters before the name in the same word, "" when none
    stripped: bool  # matched through the article-less form after "لل"


class Matcher(Generic[P]):
    """Aho-Corasick automaton over folded forms with the proclitic word-boundary rule."""

    def __init__(self, pairs: Iterable[tuple[str, P]], *, strip_articles: bool = True) -> None:
        # needle -> list of (registered form, stripped?) ; form -> payloads
        self._payloads: dict[str, list[P]] = {}
        needles: dict[str, set[tuple[str, bool]]] = {}
        for form, payload in pairs:
            form = form.strip()
            if not form:
                continue
            bucket = self._payloads.setdefault(form, [])
            if payload not in bucket:
                bucket.append(payload)
            needles.setdefault(form, set()).add((form, False))
            if strip_articles:
                bare = strip_article(form)
                if bare != form:
                    needles.setdefault(bare, set()).add((form, True))
        self._automaton: ahocorasick.Automaton | None = None
        if needles:
            automaton = ahocorasick.Automaton()
            for needle, targets in needles.items():
                automaton.add_word(needle, (len(needle), tuple(sorted(targets))))
            automaton.make_automaton()
            self._automaton = automaton
        self.size = len(self._payloads)

    def forms(self) -> list[str]:
        """Every registered folded form."""
        return list(self._payloads)

    def payloads(self, form: str) -> tuple[P, ...]:
        return tuple(self._payloads.get(form, ()))

    def candidates(self, key: str) -> list[tuple[int, int, str, str, bool]]:
        """All boundary-valid hits on ``key`` as (start, end, form, prefix, stripped), overlaps included."""
        if self._automaton is None or not key:
            return []
        out: list[tuple[int, int, str, str, bool]] = []
        for end_index, (length, targets) in self._automaton.iter(key):
            end = end_index + 1
            start = end - length
            if not at_boundary(key, start, end):
                continue
            prefix = clitic_prefix(key, start) or ""
            for form, stripped in targets:
                if stripped and prefix not in _LAM_ARTICLE:
                    continue
                out.append((start, end, form, prefix, stripped))
        return out

    def match(self, norm: NormalizedText) -> list[Hit[P]]:
        """Longest non-overlapping hits on ``norm.key``, in text order."""
        cands = self.candidates(norm.key)
        # Longest first, then leftmost; an unstripped form beats a stripped one of the same extent.
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[4], c[2]))
        occupied = bytearray(len(norm.key))
        chosen: dict[tuple[int, int], list[tuple[str, str, bool]]] = {}
        for start, end, form, prefix, stripped in cands:
            if (start, end) in chosen:
                chosen[(start, end)].append((form, prefix, stripped))
                continue
            if any(occupied[start:end]):
                continue
            occupied[start:end] = b"\x01" * (end - start)
            chosen[(start, end)] = [(form, prefix, stripped)]
        hits: list[Hit[P]] = []
        for (start, end), found in sorted(chosen.items()):
            form, prefix, stripped = found[0]
            payloads: list[P] = []
            for f, _, _ in found:
                for p in self._payloads[f]:
                    if p not in payloads:
                        payloads.append(p)
            hits.append(Hit(start, end, norm.span(start, end), form, tuple(payloads), prefix, stripped))
        return hits
