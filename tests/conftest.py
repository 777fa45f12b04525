from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_d2567ad61da955ee.txt"


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the clone; tests that need it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this clone")
    return SHARED


@pytest.fixture
def seed_text(shared_dir: Path) -> str:
    if not SEED.is_file():
        pytest.skip("seed article not present in ../shared")
    return SEED.read_text(encoding="utf-8")
