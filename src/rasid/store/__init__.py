"""store layer: the database (``rasid.store.db.Store``), ingest into it, and resumable runs.

Kept import-light: SQLAlchemy loads only when a store module is imported.
"""

from __future__ import annotations

DEFAULT_URL = "sqlite:///rasid.db"
