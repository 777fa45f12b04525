"""Compiled-resource cache: build a resource once per machine, then load it by unpickling.

dateparser-style: what is compiled from data files (the actor registry with its Aho-Corasick automaton, each
lexicon with its matcher) is stored under ``$RASID_CACHE_DIR/<kind>/`` (default ``~/.cache/rasid``), keyed
by the sha256 of

- the input files' contents (and names),
- the source of the code that compiles them (``_CODE_FILES``: a change of folding or of the matcher makes
  the old compiled form stale), the cache format version, the Python and pyahocorasick versions,
- any extra text the caller adds (e.g. the generic words passed to ``ActorRegistry.load``).

A hit skips YAML parsing and schema validation (the inputs were validated when the entry was written); a
miss, a stale or unreadable entry rebuilds and rewrites it. ``RASID_NO_CACHE=1`` turns the cache off.
Nothing happens at import time.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

CACHE_FORMAT = "rasid.compiled/1"
_HERE = Path(__file__).resolve().parent
# Code whose change alters what a compiled resource contains (or how it unpickles).
_CODE_FILES = (
    _HERE / "compiled.py",
    _HERE / "matcher.py",
    _HERE / "actors.py",
    _HERE / "lexicons.py",
    _HERE.parent / "text" / "normalize.py",
    _HERE.parent / "text" / "tokens.py",
)


def cache_root() -> Path:
    """``$RASID_CACHE_DIR`` or ``~/.cache/rasid`` (the gazetteer uses its ``gazetteer/`` folder)."""
    base = os.environ.get("RASID_CACHE_DIR")
    return Path(base) if base else Path.home() / ".cache" / "rasid"


def enabled() -> bool:
    return os.environ.get("RASID_NO_CACHE", "") not in ("1", "true", "yes")


def _versions() -> str:
    try:
        aho = metadata.version("pyahocorasick")
    except metadata.PackageNotFoundError:
        aho = "?"
    return f"{CACHE_FORMAT} python {sys.version_info[0]}.{sys.version_info[1]} pyahocorasick {aho}"


def inputs_key(files: Iterable[Path], extra: str = "") -> str:
    """sha256 over versions, the compiling code, ``extra`` and the input files (name and bytes, in order)."""
    h = hashlib.sha256()
    h.update(_versions().encode() + b"\n" + extra.encode("utf-8") + b"\n")
    for path in list(_CODE_FILES) + [Path(p) for p in files]:
        h.update(path.name.encode("utf-8") + b"\0")
        try:
            h.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            h.update(b"missing")  # the loader reports the missing input with its own coded error
    return h.hexdigest()


def _proxy(d: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(d)


def _reduce_proxy(m: MappingProxyType[str, Any]) -> tuple[Any, tuple[dict[str, Any]]]:
    return _proxy, (dict(m),)


def dumps(value: object) -> bytes:
    """Pickle ``value``; read-only mappings (``MappingProxyType``, used for entry attributes) included."""
    import copyreg
    import io

    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: _reduce_proxy}
    pickler.dump(value)
    return buf.getvalue()


def path_for(kind: str, name: str, key: str) -> Path:
    return cache_root() / kind / f"{name}-{key[:24]}.pickle"


def load_or_build(
    kind: str,
    name: str,
    files: Iterable[Path],
    build: Callable[[], T],
    extra: str = "",
    *,
    prune: bool = True,
) -> T:
    """The compiled resource ``name`` of ``kind`` from the cache, built (and stored) when missing or stale.

    ``prune`` removes older entries of the same name (packaged data); user configurations keep theirs.
    """
    files = list(files)
    if not enabled():
        return build()
    key = inputs_key(files, extra)
    path = path_for(kind, name, key)
    if path.is_file():
        try:
            with path.open("rb") as fh:
                payload = pickle.load(fh)
            if (
                isinstance(payload, dict)
                and payload.get("format") == CACHE_FORMAT
                and payload.get("key") == key
            ):
                return payload["value"]  # type: ignore[no-any-return]
            log.warning("compiled %s %s at %s is stale or foreign; rebuilding", kind, name, path)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError) as exc:
            log.warning("could not read compiled %s %s at %s (%s); rebuilding", kind, name, path, exc)
    value = build()
    _store(path, {"format": CACHE_FORMAT, "key": key, "value": value}, f"{name}-" if prune else "")
    return value


def _store(path: Path, payload: dict[str, Any], stem: str) -> None:
    """Write atomically; drop older entries of the same name. A read-only cache dir is not an error."""
    try:
        data = dumps(payload)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        tmp.write_bytes(data)
        tmp.replace(path)
        for old in path.parent.glob(f"{stem}*.pickle") if stem else ():
            if old != path and old.name[len(stem) :].count("-") == 0:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
        log.warning("could not store compiled resource at %s: %s", path, exc)
