"""Per-document warnings (records dropped at the export boundary) and a mention index by position.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("warnings", sa.JSON(), nullable=False, server_default="[]"))
    op.create_index("ix_mentions_document_start", "mentions", ["document_id", "start"])


def downgrade() -> None:
    op.drop_index("ix_mentions_document_start", table_name="mentions")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("warnings")
