"""Build a gazetteer from the Who's On First admin TSV extract (``wof-XX.tsv.gz``, one per country).

Columns (see the extract's README): wof_id, placetype, name_en, name_ar, alt_en, alt_ar, parent_id, country,
region_id, county_id, lat, lon, geonames_id, population, bbox. Arabic fields sometimes hold Latin
transliterations; only Arabic-script names are used as Arabic names. Points outside their country's bounding
box (+0.5 degrees) are dropped (the extract documents a few misfiled places).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import logging
from collections.abc import Iterator, Sequence
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

_FEATURE = {
    "country": "country",
    "region": "admin1",
    "macrocounty": "admin2",
    "county": "admin2",
    "localadmin": "admin3",
    "borough": "neighbourhood",
    "macrohood": "neighbourhood",
    "neighbourhood": "neighbourhood",
    "microhood": "neighbourhood",
    "campus": "site",
}


def wof_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    files = sorted(path.glob("wof-*.tsv.gz")) + sorted(path.glob("wof-*.tsv"))
    if not files:
        raise ResourceError(Errors.E252, path=path, reason="no wof-XX.tsv(.gz) files")
    return files


def _rows(path: Path) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8", newline="") as fh:
            yield from csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
    except (OSError, EOFError, csv.Error) as exc:
        raise ResourceError(Errors.E252, path=path, reason=str(exc)) from exc


def _locality_feature(pop: int) -> str:
    return "city" if pop >= 100_000 else "town" if pop >= 10_000 else "village"


def build_wof(path: Path, with_supplement: bool = True) -> CompiledGazetteer:
    """Compile the extract at ``path`` (a directory of ``wof-XX.tsv.gz`` or one file), plus our supplement."""
    b, checksum, sources = wof_builder(path, with_supplement)
    return b.compile(checksum, sources, load_cues(), country_adjectives(load_countries()))


def wof_builder(path: Path, with_supplement: bool = True) -> tuple[Builder, str, list[str]]:
    """The rows and names of a WOF build before compiling, with the build's checksum and sources."""
    files = wof_files(path)
    countries = load_countries()
    b = Builder(load_stopnames(), load_common_words(), load_ambiguous_names())
    for f in files:
        recs = list(_rows(f))
        by_id = {r["wof_id"]: r for r in recs}
        bbox: tuple[float, ...] | None = None
        country_row = next((r for r in recs if r["placetype"] == "country"), None)
        if country_row and country_row.get("bbox"):
            bbox = tuple(float(x) for x in country_row["bbox"].split(","))
        dropped = 0
        for r in recs:
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
            except ValueError:
                dropped += 1
                continue
            outside = bbox is not None and not (
                bbox[0] - 0.5 <= lon <= bbox[2] + 0.5 and bbox[1] - 0.5 <= lat <= bbox[3] + 0.5
            )
            if outside and r["placetype"] != "country":
                dropped += 1
                continue
            pop = int(r["population"]) if r.get("population", "").isdigit() else 0
            pt = r["placetype"]
            feature = _FEATURE.get(pt) or _locality_feature(pop)
            region = by_id.get(r.get("region_id", ""))
            county = by_id.get(r.get("county_id", ""))
            parent = by_id.get(r.get("parent_id", ""))
            admin3 = parent["name_en"] if parent and parent["placetype"] == "localadmin" else None
            parents = [f"wof:{x['wof_id']}" for x in (country_row, region, county) if x and x is not r]
            ar = [n for n in [r["name_ar"], *r["alt_ar"].split("|")] if n and is_arabic_name(n)]
            en = [n for n in [r["name_en"], *r["alt_en"].split("|")] if n]
            row: Row = (
                f"wof:{r['wof_id']}",
                r["name_en"],
                ar[0] if ar else None,
                lat,
                lon,
                r["country"],
                region["name_en"] if region else (r["name_en"] if pt == "region" else None),
                county["name_en"] if county else None,
                admin3,
                feature,
                pop,
                tuple(parents),
            )
            b.add(row, [*ar, *en])
        log.info("%s: %d rows, %d dropped (no point or outside the country)", f.name, len(recs), dropped)
    sources = [f"wof:{f.name}" for f in files]
    h = hashlib.sha256(b"wof\n")
    for f in files:
        h.update(file_sha256(f).encode())
    if with_supplement:
        add_supplement(b, data_dir() / "supplement.tsv", countries)
        h.update(file_sha256(data_dir() / "supplement.tsv").encode())
        sources.append("rasid:places/supplement")
    return b, h.hexdigest(), sources


def build_wof_many(paths: Sequence[Path]) -> CompiledGazetteer:
    if len(paths) != 1:
        raise ResourceError(Errors.E252, path=", ".join(map(str, paths)), reason="give one directory or file")
    return build_wof(paths[0])
