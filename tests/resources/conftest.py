from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rasid.resources.gazetteer import Gazetteer, load_gazetteer


@pytest.fixture(scope="session", autouse=True)
def gazetteer_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One RASID_CACHE_DIR for the session: compiled resources are built once, never in the user's cache."""
    mp = pytest.MonkeyPatch()
    path = tmp_path_factory.mktemp("rasid-cache")
    mp.setenv("RASID_CACHE_DIR", str(path))
    yield path
    mp.undo()


@pytest.fixture(scope="session")
def embedded_gazetteer(gazetteer_cache: Path) -> Gazetteer:
    """The embedded default, loaded once per session (shared with ``load_gazetteer`` callers)."""
    return load_gazetteer({"gazetteer": "embedded"})
