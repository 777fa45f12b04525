from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rasid.resources.gazetteer import Gazetteer
from rasid.resources.gazetteer_build import embedded_compiled


@pytest.fixture(scope="session")
def gazetteer_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One RASID_CACHE_DIR for the session so the embedded default is compiled once."""
    mp = pytest.MonkeyPatch()
    path = tmp_path_factory.mktemp("rasid-cache")
    mp.setenv("RASID_CACHE_DIR", str(path))
    yield path
    mp.undo()


@pytest.fixture(scope="session")
def embedded_gazetteer(gazetteer_cache: Path) -> Gazetteer:
    return Gazetteer(embedded_compiled())
