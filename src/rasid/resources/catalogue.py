"""The one place that knows where resources live and loads them, once per process.

``load_resources(config)`` returns a ``Resources`` whose ``.actors``, ``.lexicons`` and ``.gazetteer``
load on first access (nothing is read at import or at ``load_resources`` time). Config keys:

- ``actors_paths``, ``lexicon_paths``, ``places_paths``: user files or folders added to the packaged data;
- any other key is passed through to the gazetteer loader (``rasid.resources.gazetteer.load_gazetteer``).

The environment variable ``RASID_RESOURCES`` (or ``RASID_CONFIG``, its ``[resources]`` table) may name a
TOML or YAML file with the same keys; paths in it are relative to that file; keys given in ``config``
come first, the file's paths are appended. ``load_resources`` returns the same object for the same
effective config within a process (cache keyed by the canonical JSON of the config, never ``hash()``).
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from threading import Lock
from typing import Any

import yaml

from rasid.errors import Errors, ResourceError
from rasid.resources.actors import ActorRegistry, expand_paths, package_files, read_yaml
from rasid.resources.lexicons import Lexicons, files_sha256
from rasid.resources.matcher import Matcher, SharedScan

log = logging.getLogger(__name__)

PATH_KEYS = ("actors_paths", "lexicon_paths", "places_paths")
# Lexicons the default pipeline matches on every document besides the claims layer's own set (the events
# layer's triggers and context cues): ``share_scan`` puts them in the one automaton pass per document.
# Membership only decides speed, never hits: a matcher answers the same inside or outside the pass.
SHARED_SCAN_LEXICONS = ("event_triggers", "event_context", "nationalities")
ENV_VARS = ("RASID_RESOURCES", "RASID_CONFIG")


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """One data file (or compiled resource) known to the catalogue."""

    resource: str  # "actors" | "lexicons" | "gazetteer"
    name: str
    version: str
    sha256: str
    licence: str
    source: str
    path: str
    items: int | None = None  # actors or entries in the file, when cheap to count


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_text(encoding="utf-8")
        data: Any = tomllib.loads(raw) if path.suffix == ".toml" else yaml.safe_load(raw)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise ResourceError(Errors.E209, path=path, reason=exc) from exc
    if not isinstance(data, dict):
        raise ResourceError(Errors.E209, path=path, reason="expected a mapping of keys")
    section = data.get("resources", data)
    if not isinstance(section, dict):
        raise ResourceError(Errors.E209, path=path, reason="[resources] is not a table")
    out = dict(section)
    for key in PATH_KEYS:
        if key in out:
            value = out[key]
            items = [value] if isinstance(value, str) else list(value or [])
            out[key] = [str((path.parent / Path(p).expanduser()).resolve()) for p in items]
    return out


def effective_config(config: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """``config`` merged with the file named by $RASID_RESOURCES / $RASID_CONFIG (paths appended)."""
    merged: dict[str, Any] = {}
    for key, value in (config or {}).items():
        if key in PATH_KEYS:
            merged[key] = [str(value)] if isinstance(value, (str, Path)) else [str(v) for v in value or []]
        else:
            merged[key] = value
    for var in ENV_VARS:
        name = os.environ.get(var)
        if not name:
            continue
        for key, value in _read_config_file(Path(name)).items():
            if key in PATH_KEYS:
                merged[key] = list(merged.get(key, [])) + [v for v in value if v not in merged.get(key, [])]
            else:
                merged.setdefault(key, value)
    return merged


class Resources:
    """Loaded resources with their sha256 checksums (recorded in every record's ``pipeline``)."""

    def __init__(self, config: Mapping[str, Any] | None = None) -> None:
        self.config: dict[str, Any] = dict(config or {})
        self._lock = Lock()
        self._checksums: dict[str, str] | None = None
        self._shared_scan: SharedScan | None = None
        self._shared_members: tuple[tuple[str, ...], tuple[int, ...]] = ((), ())

    def _paths(self, key: str) -> list[str]:
        return list(self.config.get(key, []))

    @cached_property
    def actors(self) -> ActorRegistry:
        with self._lock:
            return ActorRegistry.load(self._paths("actors_paths"))

    @cached_property
    def lexicons(self) -> Lexicons:
        return Lexicons(self._paths("lexicon_paths"))

    @cached_property
    def gazetteer(self) -> Any:
        """The gazetteer of ``rasid.resources.gazetteer`` (imported here, on first access)."""
        # Imported by name so that this layer does not depend on the gazetteer module at import time.
        module = importlib.import_module("rasid.resources.gazetteer")
        return module.load_gazetteer(self.config)

    def share_scan(self, *matchers: Matcher[Any]) -> None:
        """Scan the actor aliases, ``matchers`` and the lexicons of ``SHARED_SCAN_LEXICONS`` that some stage
        has loaded in one automaton pass per document (``rasid.resources.matcher.SharedScan``: same hits,
        one traversal instead of one per matcher). Called per document, it rebuilds the pass only when
        its members change: after the first document, once the later stages have loaded their lexicons
        (a pipeline without those stages never loads them, so never scans for them)."""
        names = tuple(n for n in SHARED_SCAN_LEXICONS if self.lexicons.is_loaded(n))
        members_key = (names, tuple(id(m) for m in matchers))
        if self._shared_scan is not None and self._shared_members == members_key:
            return
        members: list[Matcher[Any]] = [self.actors.matcher, *matchers]
        members += [self.lexicons.get(n).matcher for n in names]
        self._shared_scan = SharedScan(members)
        self._shared_members = members_key

    # ---- checksums and catalogue --------------------------------------------------------------
    def actor_files(self) -> list[Path]:
        return package_files() + expand_paths(self._paths("actors_paths"))

    def checksums(self) -> dict[str, str]:
        """sha256 per resource over the data files it loads (sorted); gazetteer when available.

        Computed once per ``Resources`` (every record carries them: hashing the files per article cost
        ~1.7 ms); ``clear_cache`` gives a fresh ``Resources`` after data files are edited."""
        if self._checksums is None:
            self._checksums = self._compute_checksums()
        return dict(self._checksums)

    def _compute_checksums(self) -> dict[str, str]:
        sums = {
            "actors": files_sha256(self.actor_files()),
            "lexicons": files_sha256(self.lexicons.files()),
        }
        gaz = self._gazetteer_checksum()
        if gaz is not None:
            sums["gazetteer"] = gaz
        return dict(sorted(sums.items()))

    def _gazetteer_checksum(self) -> str | None:
        try:
            gaz = self.gazetteer
        except ImportError:
            log.debug("no gazetteer module yet; checksum omitted")
            return None
        for attr in ("checksum", "sha256"):
            value = getattr(gaz, attr, None)
            if callable(value):
                value = value()
            if isinstance(value, str):
                return value
        return None

    def catalogue(self, *, include_gazetteer: bool = True) -> list[CatalogueEntry]:
        """One row per data file: name, version, sha256, licence, source (``rasid resources stats``)."""
        rows: list[CatalogueEntry] = []
        for path in self.actor_files():
            rows.append(_file_row("actors", path, "actors"))
        for path in self.lexicons.files():
            rows.append(_file_row("lexicons", path, "entries"))
        if include_gazetteer:
            try:
                gaz = self.gazetteer
            except ImportError:
                gaz = None
            entries = getattr(gaz, "catalogue", None)
            if callable(entries):
                for row in entries():
                    rows.append(
                        row
                        if isinstance(row, CatalogueEntry)
                        else CatalogueEntry(
                            "gazetteer",
                            str(row.get("name", "")),
                            str(row.get("version", "")),
                            str(row.get("sha256", "")),
                            str(row.get("licence", "")),
                            str(row.get("source", "")),
                            str(row.get("path", "")),
                            row.get("items"),
                        )
                    )
        return rows


def _file_row(resource: str, path: Path, list_key: str) -> CatalogueEntry:
    doc = read_yaml(path)
    doc = doc if isinstance(doc, dict) else {}
    items = doc.get(list_key)
    return CatalogueEntry(
        resource=resource,
        name=str(doc.get("name", path.stem)),
        version=str(doc.get("version", "")),
        sha256=files_sha256([path]),
        licence=str(doc.get("licence", "")),
        source=str(doc.get("source", "")),
        path=str(path),
        items=len(items) if isinstance(items, list) else None,
    )


_CACHE: dict[str, Resources] = {}
_CACHE_LOCK = Lock()


def load_resources(config: Mapping[str, Any] | None = None) -> Resources:
    """The process-wide ``Resources`` for this effective config (nothing is loaded until used)."""
    effective = effective_config(config)
    key = json.dumps(effective, sort_keys=True, ensure_ascii=False, default=str)
    with _CACHE_LOCK:
        res = _CACHE.get(key)
        if res is None:
            res = Resources(effective)
            _CACHE[key] = res
        return res


def clear_cache() -> None:
    """Forget the loaded resources (tests, or after editing data files in a long-running process)."""
    with _CACHE_LOCK:
        _CACHE.clear()
