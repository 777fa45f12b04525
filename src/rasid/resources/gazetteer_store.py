"""The compiled gazetteer's storage (``rasid.gazetteer/3``): place rows and the name index as compact
int arrays, written by a build and memory-mapped by a load. Lookup and resolution live in
``rasid.resources.gazetteer``, which re-exports the names here that callers use.

The full Who's On First build of the 30 countries (433k places, 401k names) loads in ~0.15 s at ~150 MB
resident instead of 2 s and 610 MB as Python tuples:
- ``PlaceTable``: one column array per field, strings once each in a UTF-8 blob, ids and parent ids as
  int64 codes ("wof:123" -> 123 << 2); a ``PlaceEntry`` is made only when a caller touches that row.
- ``NameIndex``: forms numbered in sorted order, form -> rows as offset/row int arrays, and an int-valued
  Aho-Corasick automaton (``STORE_INTS``) whose values pack needle length, kind and form id.
- The file holds the arrays raw and a load memory-maps them (pages shared between worker processes and read
  on use); only the automaton is unpickled into memory.
"""

from __future__ import annotations

import logging
import mmap
import os
import pickle
import sys
from array import array
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal, cast

from rasid.errors import Errors, ResourceError
from rasid.resources.matcher import (
    _LAM_ARTICLE,
    _MAX_PROCLITIC,
    _PROCLITIC_LAST,
    build_automaton,
    longest_nonoverlapping,
)
from rasid.text.tokens import PROCLITICS, strip_article

log = logging.getLogger(__name__)

Feature = Literal["country", "admin1", "admin2", "admin3", "city", "town", "village", "neighbourhood", "site"]
FEATURES: tuple[str, ...] = (
    "country",
    "admin1",
    "admin2",
    "admin3",
    "city",
    "town",
    "village",
    "neighbourhood",
    "site",
)
FORMAT = "rasid.gazetteer/3"  # compact column arrays, memory-mapped
_MAGIC = b"RASIDGZ3"
_FORMAT_V1 = "rasid.gazetteer/1"  # rows as tuples (still read)


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    id: str  # "gn:<geonameid>", "wof:<id>" or "rasid:<slug>"
    name: str
    name_ar: str | None
    lat: float
    lon: float
    country: str  # ISO2
    admin1: str | None  # English names
    admin2: str | None
    admin3: str | None
    feature: str  # one of FEATURES
    population: int
    parents: tuple[str, ...]  # ids, outermost first


Row = tuple[
    str, str, str | None, float, float, str, str | None, str | None, str | None, str, int, tuple[str, ...]
]

# Place ids as int64 codes: the two low bits tell the kind, the rest is the number after the prefix
# ("wof:85632191", "gn:173811") or an index into the table's other ids ("rasid:sy-baghuz").
_ID_PREFIXES: tuple[str, ...] = ("wof:", "gn:")
_ID_OTHER = 2
_ID_NUM_MAX = 1 << 60

# Column types: ``array`` after a build, ``memoryview`` over the memory-mapped file after a load.
Ints = Sequence[int]
Floats = Sequence[float]
Blob = bytes | memoryview


def _numeric_code(place_id: str) -> int | None:
    for kind, prefix in enumerate(_ID_PREFIXES):
        if place_id.startswith(prefix):
            digits = place_id[len(prefix) :]
            if digits.isascii() and digits.isdigit() and str(int(digits)) == digits:
                num = int(digits)
                if num < _ID_NUM_MAX:
                    return num << 2 | kind
    return None


def _str_column(values: Sequence[str | None], table: dict[str, int]) -> array[int]:
    """Indices into a shared string table (interned: each distinct string stored once); -1 for None."""
    out = array("i", bytes(4 * len(values)))
    for i, v in enumerate(values):
        if v is None:
            out[i] = -1
            continue
        k = table.get(v)
        if k is None:
            k = table[v] = len(table)
        out[i] = k
    return out


@dataclass(frozen=True, slots=True)
class PlaceTable:
    """Place rows as column arrays; a ``PlaceEntry`` is materialized only when asked for.

    Strings live once each in a UTF-8 blob (``strings`` + ``str_off``); text columns hold their indices.
    Ids and parent ids are int64 codes (see ``_numeric_code``); ``id_sorted``/``id_perm`` find a row by id.
    """

    n: int
    ids: Ints  # id code per row
    other_ids: tuple[str, ...]  # ids that are not "<prefix>:<number>"
    id_sorted: Ints  # the id codes, sorted
    id_perm: Ints  # row of each sorted code
    strings: Blob  # UTF-8, every distinct string once
    str_off: Ints
    name: Ints
    name_ar: Ints
    country: Ints
    admin1: Ints
    admin2: Ints
    admin3: Ints
    feature: Ints
    lat: Floats
    lon: Floats
    population: Ints
    par_off: Ints  # parents of row i: par[par_off[i]:par_off[i + 1]] (id codes, outermost first)
    par: Ints

    @classmethod
    def from_rows(cls, rows: Sequence[Row]) -> PlaceTable:
        other: dict[str, int] = {}

        def code(place_id: str) -> int:
            c = _numeric_code(place_id)
            if c is not None:
                return c
            k = other.get(place_id)
            if k is None:
                k = other[place_id] = len(other)
            return k << 2 | _ID_OTHER

        ids = array("q", (code(r[0]) for r in rows))
        order = sorted(range(len(rows)), key=ids.__getitem__)
        par_off = array("i", [0])
        par = array("q")
        for r in rows:
            par.extend(code(p) for p in r[11])
            par_off.append(len(par))
        table: dict[str, int] = {}
        name = _str_column([r[1] for r in rows], table)
        name_ar = _str_column([r[2] for r in rows], table)
        country = _str_column([r[5] for r in rows], table)
        admin1 = _str_column([r[6] for r in rows], table)
        admin2 = _str_column([r[7] for r in rows], table)
        admin3 = _str_column([r[8] for r in rows], table)
        feature = _str_column([r[9] for r in rows], table)
        encoded = [s.encode("utf-8") for s in table]
        str_off = array("q", [0])
        total = 0
        for b in encoded:
            total += len(b)
            str_off.append(total)
        return cls(
            len(rows),
            ids,
            tuple(other),
            array("q", (ids[i] for i in order)),
            array("i", order),
            b"".join(encoded),
            str_off,
            name,
            name_ar,
            country,
            admin1,
            admin2,
            admin3,
            feature,
            array("d", (r[3] for r in rows)),
            array("d", (r[4] for r in rows)),
            array("q", (r[10] for r in rows)),
            par_off,
            par,
        )

    def text(self, k: int) -> str | None:
        if k < 0:
            return None
        return str(self.strings[self.str_off[k] : self.str_off[k + 1]], "utf-8")

    def decode_id(self, code: int) -> str:
        kind = code & 3
        if kind == _ID_OTHER:
            return self.other_ids[code >> 2]
        return f"{_ID_PREFIXES[kind]}{code >> 2}"

    def row_of(self, place_id: str, other_index: Mapping[str, int]) -> int | None:
        c = _numeric_code(place_id)
        if c is None:
            k = other_index.get(place_id)
            if k is None:
                return None
            c = k << 2 | _ID_OTHER
        pos = bisect_left(self.id_sorted, c)
        if pos < self.n and self.id_sorted[pos] == c:
            return self.id_perm[pos]
        return None

    def entry(self, i: int) -> PlaceEntry:
        text = self.text
        return PlaceEntry(
            self.decode_id(self.ids[i]),
            text(self.name[i]) or "",
            text(self.name_ar[i]),
            self.lat[i],
            self.lon[i],
            text(self.country[i]) or "",
            text(self.admin1[i]),
            text(self.admin2[i]),
            text(self.admin3[i]),
            text(self.feature[i]) or "",
            self.population[i],
            tuple(self.decode_id(c) for c in self.par[self.par_off[i] : self.par_off[i + 1]]),
        )


# An automaton value packs what most hits need without a table look-up: the needle's length (bits 0-7;
# 255: see ``needle_len``), its kind (bits 8-9) and an id (bits 10-): the form id of a needle with one form
# (_ONE: the form itself; _ONE_BARE: a form without its article), else the needle id into ``tgt``
# (_MANY: one of its forms is the needle itself; _MANY_BARE: all are article-less forms).
_ONE, _ONE_BARE, _MANY, _MANY_BARE = 0, 1, 2, 3
_LONG = 255


@dataclass(frozen=True, slots=True)
class NameIndex:
    """Folded names -> rows, and the Aho-Corasick automaton over them, all as ints.

    Forms are numbered in sorted order (so comparing ids compares the strings). A needle is what the
    automaton holds: every form, and a form without its article ("حسكه" for "الحسكه", matched only after
    "لل"); the automaton's value packs the needle's length, kind and id (see ``_ONE``). ``tgt`` holds the
    forms of needles with several as ``form_id * 2 + stripped``, unstripped first; ``form_rows`` each
    form's rows in build order. Same semantics as ``rasid.resources.matcher.Matcher`` over ``(form, row)``.
    """

    n_forms: int
    form_off: Ints
    form_rows: Ints
    # per form: 1 a common word (a place only behind a cue word); 2 an ambiguous name (a place that is a
    # common word too: needs a cue outside the article's countries); 0 otherwise
    cue_only: Blob
    needle_len: Ints
    tgt_off: Ints
    tgt: Ints
    automaton: Any  # ahocorasick.Automaton(STORE_INTS), None when there are no names

    @classmethod
    def from_forms(
        cls,
        forms: Mapping[str, Sequence[int]],
        cue_only: frozenset[str],
        ambiguous: frozenset[str] = frozenset(),
    ) -> NameIndex:
        merged: dict[str, list[int]] = {}
        for form, rows in forms.items():
            bucket = merged.setdefault(form.strip(), [])
            bucket.extend(r for r in rows if r not in bucket)
        merged.pop("", None)
        names = sorted(merged)
        form_off = array("i", [0])
        form_rows = array("i")
        needles: dict[str, list[int]] = {}
        for fid, form in enumerate(names):
            form_rows.extend(merged[form])
            form_off.append(len(form_rows))
            needles.setdefault(form, []).append(fid * 2)
            bare = strip_article(form)
            if bare != form:
                needles.setdefault(bare, []).append(fid * 2 + 1)
        needle_len = array("H")
        tgt_off = array("i", [0])
        tgt = array("i")
        automaton: Any = None
        if needles:
            words: list[tuple[str, int]] = []
            for nid, (needle, codes) in enumerate(needles.items()):
                codes.sort(key=lambda c: (c & 1, c >> 1))
                length = len(needle)
                if len(codes) == 1 and length < _LONG:
                    value = (codes[0] >> 1) << 10 | (codes[0] & 1) << 8 | length
                else:
                    kind = _MANY if not codes[0] & 1 else _MANY_BARE
                    value = nid << 10 | kind << 8 | min(length, _LONG)
                words.append((needle, value))
                needle_len.append(min(length, 65535))
                tgt.extend(codes)
                tgt_off.append(len(tgt))
            automaton = build_automaton(words, store_ints=True)
        flags = bytes(1 if f in cue_only else 2 if f in ambiguous else 0 for f in names)
        return cls(len(names), form_off, form_rows, flags, needle_len, tgt_off, tgt, automaton)

    def rows(self, fid: int) -> Ints:
        return self.form_rows[self.form_off[fid] : self.form_off[fid + 1]]

    def form_id(self, form: str) -> int | None:
        """The id of a registered folded form, or None."""
        if self.automaton is None:
            return None
        value = self.automaton.get(form, -1)
        if value < 0:
            return None
        kind = value >> 8 & 3
        if kind == _ONE:
            return int(value >> 10)
        if kind == _MANY:
            return int(self.tgt[self.tgt_off[value >> 10]] >> 1)
        return None

    def _forms_of(self, value: int, lam: bool) -> tuple[int, ...]:
        """The form ids a hit stands for (article-less forms only after "لل")."""
        kind = value >> 8 & 3
        if kind <= _ONE_BARE:
            return (value >> 10,)
        nid = value >> 10
        return tuple(c >> 1 for c in self.tgt[self.tgt_off[nid] : self.tgt_off[nid + 1]] if lam or not c & 1)

    def select(self, key: str) -> list[tuple[int, int, str, tuple[int, ...]]]:
        """Longest non-overlapping hits as (start, end, prefix, form ids), in text order.

        Exactly ``Matcher.select``: the proclitic boundary rule of ``matcher.scan``, article-less needles
        only after "لل", longest first then leftmost; an unstripped form first, then the smallest.
        """
        if self.automaton is None or not key:
            return []
        hits: list[tuple[int, int, str, int]] = []  # a key range holds one needle: ranges are distinct
        n = len(key)
        isalpha = str.isalpha
        procl = PROCLITICS
        lam_article = _LAM_ARTICLE
        last_letters = _PROCLITIC_LAST
        nlen = self.needle_len
        for last, value in self.automaton.iter(key):
            end = last + 1
            if end < n and isalpha(key[end]) and isalpha(key[last]):
                continue  # ends inside a word
            length = value & 255
            start = end - (length if length != _LONG else nlen[value >> 10])
            if start == 0 or not isalpha(key[start - 1]):
                prefix = ""
            elif key[start - 1] not in last_letters:  # no proclitic ends here (most hits inside a word)
                if isalpha(key[start]):
                    continue
                prefix = ""  # a non-letter start is its own boundary
            else:
                ws = start - 1
                stop = start - _MAX_PROCLITIC - 1
                while ws > 0 and ws > stop and isalpha(key[ws - 1]):
                    ws -= 1
                prefix = key[ws:start]
                if not (prefix in procl and (ws == 0 or not isalpha(key[ws - 1]))):
                    if isalpha(key[start]):
                        continue
                    prefix = ""  # a non-letter start is its own boundary
            if value & 256 and prefix not in lam_article:
                continue  # only article-less forms here: they need "لل" before them
            hits.append((start, end, prefix, value))
        if not hits:
            return []
        forms_of = self._forms_of
        return [
            # a needle of one form (kinds _ONE, _ONE_BARE: bit 9 clear) stands for that form
            (
                start,
                end,
                prefix,
                (value >> 10,) if not value & 512 else forms_of(value, prefix in lam_article),
            )
            for start, end, prefix, value in longest_nonoverlapping(hits)
        ]


@dataclass(frozen=True, slots=True)
class CompiledGazetteer:
    """What a build writes and a load reads: the place table and the name index (compact, int arrays)."""

    table: PlaceTable
    names: NameIndex
    checksum: str  # sha256 of the inputs the table was built from
    sources: tuple[str, ...]
    cues: dict[str, str]  # folded cue word -> feature it asks for
    adjectives: dict[str, str] = field(default_factory=dict)  # folded nisba adjective -> ISO2
    # folded common words: a name behind a proclitic that spells one of them ("فرقه" = ف + "رقه") is not
    # a place ("its teams", not "and Raqqa")
    common: frozenset[str] = frozenset()

    @classmethod
    def from_rows(
        cls,
        rows: Sequence[Row],
        forms: Mapping[str, Sequence[int]],
        checksum: str,
        sources: Sequence[str],
        cues: dict[str, str],
        adjectives: dict[str, str] | None = None,
        cue_only: frozenset[str] = frozenset(),
        common: frozenset[str] = frozenset(),
        ambiguous: frozenset[str] = frozenset(),
    ) -> CompiledGazetteer:
        """Compact a table of rows and folded name -> row indices (``cue_only``: names that need a cue;
        ``ambiguous``: names that need one outside the article's countries)."""
        return cls(
            PlaceTable.from_rows(rows),
            NameIndex.from_forms(forms, cue_only, ambiguous),
            checksum,
            tuple(sources),
            cues,
            dict(adjectives or {}),
            common,
        )

    def save(self, path: Path) -> None:
        """Write the file a load memory-maps: magic, header, raw column arrays, the pickled automaton.

        Layout: ``MAGIC``, 8-byte little-endian header length, a pickled header (metadata and where each
        array lies: typecode, offset, count), the arrays' bytes (8-aligned, native byte order as named in
        the header), then the automaton pickled (its nodes cannot be mapped).
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        columns: dict[str, tuple[str, bytes]] = {}
        for part, obj in (("table", self.table), ("names", self.names)):
            for name in obj.__dataclass_fields__:
                value = getattr(obj, name)
                if isinstance(value, array):
                    columns[f"{part}.{name}"] = (value.typecode, value.tobytes())
                elif isinstance(value, memoryview):
                    columns[f"{part}.{name}"] = (value.format, value.tobytes())
                elif isinstance(value, bytes):
                    columns[f"{part}.{name}"] = ("B", value)
        meta = {
            "table": {"n": self.table.n, "other_ids": self.table.other_ids},
            "names": {"n_forms": self.names.n_forms},
            "checksum": self.checksum,
            "sources": list(self.sources),
            "cues": self.cues,
            "adjectives": self.adjectives,
            "common": self.common,
        }
        layout: dict[str, tuple[str, int, int]] = {}
        offset = 0
        for key, (code, raw) in columns.items():
            layout[key] = (code, offset, len(raw))
            offset += len(raw) + (-len(raw) % 8)
        header = {"format": FORMAT, "byteorder": sys.byteorder, "meta": meta, "layout": layout}
        head = pickle.dumps(header, protocol=pickle.HIGHEST_PROTOCOL)
        start = len(_MAGIC) + 8 + len(head)
        start += -start % 8
        with tmp.open("wb") as fh:
            fh.write(_MAGIC + len(head).to_bytes(8, "little") + head)
            fh.write(b"\0" * (start - fh.tell()))
            for _code, raw in columns.values():
                fh.write(raw + b"\0" * (-len(raw) % 8))
            pickle.dump(self.names.automaton, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    @classmethod
    def read(cls, path: Path) -> CompiledGazetteer:
        """Load a compiled file: the arrays are memory-mapped (shared between processes, paged in on
        use), only the automaton is read into memory. Files of the older pickled layouts are still read.

        A mapped file must be replaced by a rename (as ``save`` does), never overwritten in place while a
        process has it loaded (the mapped pages would change under it, or vanish: SIGBUS)."""
        try:
            with path.open("rb") as fh:
                magic = fh.read(len(_MAGIC))
                if magic == _MAGIC:
                    return cls._read_mapped(path, fh)
                fh.seek(0)
                payload = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError) as exc:
            raise ResourceError(Errors.E251, path=path, reason=str(exc)) from exc
        fmt = payload.get("format") if isinstance(payload, dict) else None
        try:
            if fmt == _FORMAT_V1:  # a build from before the compact layout: compacted on load
                log.warning("%s is in the old %s layout; rebuild it for a faster load", path, _FORMAT_V1)
                return cls.from_rows(
                    payload["rows"],
                    payload["forms"],
                    payload["checksum"],
                    payload["sources"],
                    payload["cues"],
                    payload.get("adjectives", {}),
                    payload.get("cue_only", frozenset()),
                    payload.get("common", frozenset()),
                )
            raise ResourceError(Errors.E251, path=path, reason=f"not a {FORMAT} file")
        except (KeyError, TypeError) as exc:
            raise ResourceError(Errors.E251, path=path, reason=f"missing or bad field: {exc}") from exc

    @classmethod
    def _read_mapped(cls, path: Path, fh: BinaryIO) -> CompiledGazetteer:
        try:
            size = int.from_bytes(fh.read(8), "little")
            header = pickle.loads(fh.read(size))
            if header.get("format") != FORMAT:
                raise ResourceError(Errors.E251, path=path, reason=f"not a {FORMAT} file")
            if header.get("byteorder") != sys.byteorder:
                raise ResourceError(Errors.E251, path=path, reason="built on a machine of another byte order")
            start = len(_MAGIC) + 8 + size
            start += -start % 8
            layout: dict[str, tuple[str, int, int]] = header["layout"]
            end = start + max((off + n + (-n % 8) for _, off, n in layout.values()), default=0)
            mapped = memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
            fields: dict[str, dict[str, Any]] = {"table": {}, "names": {}}
            for key, (code, off, n) in layout.items():
                part, name = key.split(".", 1)
                view = mapped[start + off : start + off + n]
                fields[part][name] = view if code == "B" else cast(Any, view).cast(code)
            fh.seek(end)
            automaton = pickle.load(fh)
            meta = header["meta"]
            return cls(
                PlaceTable(**meta["table"], **fields["table"]),
                NameIndex(**meta["names"], **fields["names"], automaton=automaton),
                meta["checksum"],
                tuple(meta["sources"]),
                meta["cues"],
                meta.get("adjectives", {}),
                meta.get("common", frozenset()),
            )
        except (KeyError, TypeError, IndexError) as exc:
            raise ResourceError(Errors.E251, path=path, reason=f"missing or bad field: {exc}") from exc
