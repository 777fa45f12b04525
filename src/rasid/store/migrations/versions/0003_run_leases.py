"""batch leases on articles and liveness on runs, so concurrent runs never take the same batch

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("runs", sa.Column("host", sa.String(length=255), nullable=True))
    op.add_column("runs", sa.Column("pid", sa.Integer(), nullable=True))
    op.add_column("runs", sa.Column("heartbeat", sa.DateTime(timezone=True), nullable=True))
    op.add_column("articles", sa.Column("lease_run", sa.Integer(), nullable=True))
    op.add_column("articles", sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_articles_lease_run", "articles", ["lease_run"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_articles_lease_run", table_name="articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("lease_until")
        batch.drop_column("lease_run")
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("heartbeat")
        batch.drop_column("pid")
        batch.drop_column("host")
