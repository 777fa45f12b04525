"""The one place that knows where resources live and loads them, once per process.

Filled in by the knowledge-resources work (actor registry, gazetteer, lexicons); until then a
``Resources`` has no tables and no checksums.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Resources:
    """Loaded resources with their sha256 checksums (recorded in every record's ``pipeline``)."""

    def __init__(self, config: Mapping[str, Any] | None = None) -> None:
        self.config = dict(config or {})

    def checksums(self) -> dict[str, str]:
        return {}


def load_resources(config: Mapping[str, Any] | None = None) -> Resources:
    return Resources(config)
