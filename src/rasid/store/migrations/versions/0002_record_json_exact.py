"""records.record as plain JSON on PostgreSQL (JSONB reorders keys; the record must come back as written)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite stores both as text already; only PostgreSQL changes.
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("records", "record", type_=sa.JSON(), postgresql_using="record::json")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            "records",
            "record",
            type_=postgresql.JSONB(astext_type=sa.Text()),
            postgresql_using="record::jsonb",
        )
