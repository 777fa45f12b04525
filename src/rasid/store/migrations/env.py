"""Alembic environment: run with the connection ``rasid.store.db.migrate`` passes in (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from rasid.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("rasid migrations run through rasid.store.db.migrate(engine)")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
