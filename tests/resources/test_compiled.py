"""The compiled-resource cache: hits skip parsing, a changed data file or a broken entry rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rasid.resources.actors import ActorRegistry
from rasid.resources.lexicons import DATA_DIR as LEXICON_DIR
from rasid.resources.lexicons import Lexicons
from rasid.text.normalize import normalize

DATA = Path(__file__).parent / "data"


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RASID_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RASID_NO_CACHE", raising=False)
    return tmp_path / "cache"


def _user_actors(tmp_path: Path, alias: str) -> Path:
    text = (DATA / "user_actors.yaml").read_text(encoding="utf-8")
    path = tmp_path / "mine.yaml"
    path.write_text(text.replace("Test Valley Brigade", alias), encoding="utf-8")
    return path


def test_actor_registry_is_cached_and_rebuilt_when_a_file_changes(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _user_actors(tmp_path, "Test Valley Brigade")
    first = ActorRegistry.load([path])
    entries = list((cache / "actors").glob("registry-user-*.pickle"))
    assert len(entries) == 1
    # A hit neither parses nor validates: make both impossible and load again.
    monkeypatch.setattr("rasid.resources.actors.read_yaml", _fail)
    again = ActorRegistry.load([path])
    assert again.get("test-brigade").name == first.get("test-brigade").name == "Test Valley Brigade"
    assert [m.actor_id for m in again.match(normalize("Test Valley Brigade"))] == ["test-brigade"]
    # Editing the data file makes the entry stale: the registry is rebuilt from the new text.
    monkeypatch.undo()
    monkeypatch.setenv("RASID_CACHE_DIR", str(cache))
    path.write_text(path.read_text(encoding="utf-8").replace("Test Valley Brigade", "Hill Brigade"), "utf-8")
    rebuilt = ActorRegistry.load([path])
    assert rebuilt.get("test-brigade").name == "Hill Brigade"
    assert len(list((cache / "actors").glob("registry-user-*.pickle"))) == 2


def test_lexicon_cache_key_follows_the_file(cache: Path, tmp_path: Path) -> None:
    src = LEXICON_DIR / "reporting_verbs.yaml"
    folder = tmp_path / "lex"
    folder.mkdir()
    shutil.copy(src, folder / "reporting_verbs.yaml")
    lex = Lexicons([folder], include_package=False).get("reporting_verbs")
    n = len(lex)
    assert list((cache / "lexicons").glob("reporting_verbs-user-*.pickle"))
    cached = Lexicons([folder], include_package=False).get("reporting_verbs")
    assert len(cached) == n and dict(next(iter(cached.entries.values())).attrs)
    with (folder / "reporting_verbs.yaml").open("a", encoding="utf-8") as fh:
        fh.write("  - {id: zz-test-verb, ar: [غرد], stance: asserted}\n")
    grown = Lexicons([folder], include_package=False).get("reporting_verbs")
    assert len(grown) == n + 1 and grown.get("zz-test-verb") is not None


def test_corrupt_entry_is_rebuilt(cache: Path) -> None:
    reg = ActorRegistry.load()
    (entry,) = list((cache / "actors").glob("registry-*.pickle"))
    entry.write_bytes(b"not a pickle")
    assert len(ActorRegistry.load()) == len(reg)
    assert entry.read_bytes() != b"not a pickle"


def test_cache_can_be_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASID_NO_CACHE", "1")
    ActorRegistry.load()
    assert not (cache / "actors").exists()


def _fail(*_: object) -> None:
    raise AssertionError("a cache hit must not read YAML")
