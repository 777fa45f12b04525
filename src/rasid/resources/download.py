"""Fetch GeoNames per-country dumps for ``rasid gazetteer build --geonames`` (users with internet).

Files: ``XX.zip`` and ``alternatenames/XX.zip`` per country, ``admin1CodesASCII.txt`` and
``admin2Codes.txt``, from ``base_url`` (default the GeoNames export directory). Tests point ``base_url`` at
a local server; nothing here runs at import time.
"""

from __future__ import annotations

import logging
import shutil
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from rasid.errors import Errors, ResourceError

log = logging.getLogger(__name__)

GEONAMES_URL = "https://download.geonames.org/export/dump/"


def geonames_files(countries: Sequence[str]) -> list[str]:
    ccs = [c.strip().upper() for c in countries if c.strip()]
    files = ["admin1CodesASCII.txt", "admin2Codes.txt"]
    for cc in ccs:
        files += [f"{cc}.zip", f"alternatenames/{cc}.zip"]
    return files


def download_geonames(
    countries: Sequence[str], dest: Path, base_url: str = GEONAMES_URL, timeout: float = 60.0
) -> list[Path]:
    """Download the dumps of ``countries`` into ``dest``; returns the files written."""
    if not base_url.endswith("/"):
        base_url += "/"
    written: list[Path] = []
    for name in geonames_files(countries):
        url = base_url + name
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        try:
            with urllib.request.urlopen(url, timeout=timeout) as resp, tmp.open("wb") as fh:
                shutil.copyfileobj(resp, fh)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            tmp.unlink(missing_ok=True)
            raise ResourceError(Errors.E253, url=url, reason=str(exc)) from exc
        tmp.replace(target)
        log.info("downloaded %s", url)
        written.append(target)
    return written
