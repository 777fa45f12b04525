"""Build a gazetteer from GeoNames dumps (https://download.geonames.org/export/dump/, CC BY 4.0).

Input: a directory or a zip holding ``allCountries.txt`` or per-country ``XX.txt`` (or ``XX.zip``),
``admin1CodesASCII.txt``, ``admin2Codes.txt`` and alternate names: ``alternateNamesV2.txt`` /
``alternateNames.txt`` or per-country ``alternatenames/XX.zip`` / ``alternatenames/XX.txt``.
Kept: feature classes A (countries, ADM1-3), P (populated places) and S (sites: camps, airports, prisons,
dams); Arabic names from alternate names in ``ar`` or in Arabic script, English from the name, ASCII name
and ``en`` alternate names.
"""

from __future__ import annotations

import hashlib
import io
import logging
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

from rasid.errors import Errors, ResourceError
from rasid.resources.gazetteer_build import (
    Builder,
    add_supplement,
    country_adjectives,
    data_dir,
    file_sha256,
    is_arabic_name,
    load_ambiguous_names,
    load_common_words,
    load_countries,
    load_cues,
    load_stopnames,
)
from rasid.resources.gazetteer_store import CompiledGazetteer, Row

log = logging.getLogger(__name__)

_SKIP_LANG = frozenset({"link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc", "fr_1793", "tcid"})


class _Source:
    """Files of a GeoNames dump in a directory or a zip, readable by name (nested per-country zips too)."""

    def __init__(self, path: Path, stack: ExitStack) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        if path.is_file():
            try:
                self._zip = stack.enter_context(zipfile.ZipFile(path))
            except (OSError, zipfile.BadZipFile) as exc:
                raise ResourceError(Errors.E252, path=path, reason=str(exc)) from exc
            self.names = {Path(n).as_posix() for n in self._zip.namelist()}
        elif path.is_dir():
            self.names = {p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file()}
        else:
            raise ResourceError(Errors.E252, path=path, reason="not a directory or zip file")

    def read_bytes(self, name: str) -> bytes:
        if self._zip is not None:
            return self._zip.read(name)
        return (self.path / name).read_bytes()

    def lines(self, name: str) -> Iterator[list[str]]:
        """Tab-separated rows of ``name``; ``X.zip`` is opened and its ``X.txt`` read."""
        data = self.read_bytes(name)
        if name.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as inner:
                txt = [n for n in inner.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
                data = inner.read(txt[0]) if txt else b""
        for line in data.decode("utf-8").splitlines():
            if line and not line.startswith("#"):
                yield line.split("\t")

    def digest(self) -> str:
        if self._zip is None:
            h = hashlib.sha256()
            for n in sorted(self.names):
                h.update(n.encode() + file_sha256(self.path / n).encode())
            return h.hexdigest()
        return file_sha256(self.path)


def _main_files(src: _Source) -> list[str]:
    if "allCountries.txt" in src.names:
        return ["allCountries.txt"]
    if "allCountries.zip" in src.names:
        return ["allCountries.zip"]
    out = sorted(
        n
        for n in src.names
        if "/" not in n and len(n) in (6, 6) and n[:2].isupper() and n[2:] in (".txt", ".zip")
    )
    # Prefer XX.txt over XX.zip when both exist.
    by_cc: dict[str, str] = {}
    for n in out:
        by_cc.setdefault(n[:2], n)
        if n.endswith(".txt"):
            by_cc[n[:2]] = n
    return sorted(by_cc.values())


def _alt_files(src: _Source) -> list[str]:
    for n in ("alternateNamesV2.txt", "alternateNames.txt"):
        if n in src.names:
            return [n]
    return sorted(n for n in src.names if n.startswith("alternatenames/") and n.endswith((".txt", ".zip")))


def _feature(fclass: str, fcode: str, pop: int) -> str | None:
    if fclass == "A":
        if fcode.startswith("PCL"):
            return "country"
        return {"ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3"}.get(fcode)
    if fclass == "P":
        if fcode == "PPLX":
            return "neighbourhood"
        if fcode in ("PPLC", "PPLA") or pop >= 100_000:
            return "city"
        return "town" if pop >= 10_000 or fcode == "PPLA2" else "village"
    if fclass == "S":
        return "site"
    return None


def build_geonames(path: Path, with_supplement: bool = True) -> CompiledGazetteer:
    countries = load_countries()
    with ExitStack() as stack:
        src = _Source(path, stack)
        mains = _main_files(src)
        if not mains:
            raise ResourceError(Errors.E252, path=path, reason="no allCountries.txt or XX.txt/XX.zip dump")
        admin1: dict[str, tuple[str, str]] = {}  # "SY.01" -> (name, geonameid)
        if "admin1CodesASCII.txt" in src.names:
            for cells in src.lines("admin1CodesASCII.txt"):
                if len(cells) >= 4:
                    admin1[cells[0]] = (cells[1], cells[3])
        admin2: dict[str, tuple[str, str]] = {}
        if "admin2Codes.txt" in src.names:
            for cells in src.lines("admin2Codes.txt"):
                if len(cells) >= 4:
                    admin2[cells[0]] = (cells[1], cells[3])
        places: list[list[str]] = []
        for name in mains:
            for cells in src.lines(name):
                if len(cells) < 15:
                    continue
                pop = int(cells[14]) if cells[14].isdigit() else 0
                if _feature(cells[6], cells[7], pop) is not None:
                    places.append(cells)
        wanted = {c[0] for c in places}
        ar_names: dict[str, list[str]] = defaultdict(list)
        en_names: dict[str, list[str]] = defaultdict(list)
        for name in _alt_files(src):
            for cells in src.lines(name):
                if len(cells) < 4 or cells[1] not in wanted:
                    continue
                lang, alt = cells[2], cells[3]
                if lang in _SKIP_LANG or not alt:
                    continue
                if (lang == "ar" or is_arabic_name(alt)) and is_arabic_name(alt):
                    preferred = len(cells) > 4 and cells[4] == "1"
                    bucket = ar_names[cells[1]]
                    bucket.insert(0, alt) if preferred and lang == "ar" else bucket.append(alt)
                elif lang in ("en", ""):
                    en_names[cells[1]].append(alt)
        digest = src.digest()
    country_gid: dict[str, str] = {}
    for c in places:
        if _feature(c[6], c[7], 0) == "country":
            country_gid[c[8]] = f"gn:{c[0]}"
    b = Builder(load_stopnames(), load_common_words(), load_ambiguous_names())
    for c in places:
        gid, cc = c[0], c[8]
        pop = int(c[14]) if c[14].isdigit() else 0
        feature = _feature(c[6], c[7], pop)
        if feature is None:
            continue
        a1 = admin1.get(f"{cc}.{c[10]}")
        a2 = admin2.get(f"{cc}.{c[10]}.{c[11]}")
        parents = [p for p in (country_gid.get(cc), f"gn:{a1[1]}" if a1 else None) if p]
        if a2:
            parents.append(f"gn:{a2[1]}")
        parents = [p for p in parents if p != f"gn:{gid}"]
        ar = ar_names.get(gid, []) + [n for n in c[3].split(",") if is_arabic_name(n)]
        try:
            lat, lon = float(c[4]), float(c[5])
        except ValueError:
            continue
        row: Row = (
            f"gn:{gid}",
            c[1],
            ar[0] if ar else None,
            lat,
            lon,
            cc,
            a1[0] if a1 else None,
            a2[0] if a2 else None,
            None,
            feature,
            pop,
            tuple(parents),
        )
        b.add(row, [c[1], c[2], *ar, *en_names.get(gid, [])])
    sources = [f"geonames:{path.name}"]
    h = hashlib.sha256(b"geonames\n" + digest.encode())
    if with_supplement:
        add_supplement(b, data_dir() / "supplement.tsv", countries)
        h.update(file_sha256(data_dir() / "supplement.tsv").encode())
        sources.append("rasid:places/supplement")
    log.info("geonames %s: %d places", path, len(places))
    return b.compile(h.hexdigest(), sources, load_cues(), country_adjectives(countries))
