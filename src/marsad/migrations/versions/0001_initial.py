"""Initial schema: documents, entities, per-document annotations, cross-document results.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _doc_fk() -> sa.ForeignKey:
    return sa.ForeignKey("documents.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(16), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.String(32), nullable=True),
        sa.Column("published_from", sa.String(16), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("boilerplate", sa.JSON(), nullable=False),
        sa.Column("article", sa.JSON(), nullable=False),
        sa.Column("raw", sa.JSON(), nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("content_hash", name="uq_documents_content_hash"),
    )
    op.create_index("ix_documents_published", "documents", ["published"])

    op.create_table(
        "entities",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("name_ar", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=True),
        sa.Column("country", sa.String(3), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
    )
    op.create_index("ix_entities_type", "entities", ["type"])

    op.create_table(
        "document_entities",
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("name_ar", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=True),
        sa.Column("name_en_transliterated", sa.Boolean(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("country", sa.String(3), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_document_entities_document_id_documents", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name="fk_document_entities_entity_id_entities"),
        sa.PrimaryKeyConstraint("document_id", "entity_id", name="pk_document_entities"),
    )
    op.create_index("ix_document_entities_entity_id", "document_entities", ["entity_id"])

    op.create_table(
        "roles",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("of", sa.String(200), nullable=True),
        sa.Column("current", sa.Boolean(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_roles_document_id_documents", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name="fk_roles_entity_id_entities"),
        sa.PrimaryKeyConstraint("pk", name="pk_roles"),
    )
    op.create_index("ix_roles_document_id", "roles", ["document_id"])
    op.create_index("ix_roles_entity_id", "roles", ["entity_id"])

    op.create_table(
        "mentions",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("how", sa.String(16), nullable=False),
        sa.Column("metonym", sa.Boolean(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_mentions_document_id_documents", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name="fk_mentions_entity_id_entities"),
        sa.PrimaryKeyConstraint("pk", name="pk_mentions"),
    )
    op.create_index("ix_mentions_document_id", "mentions", ["document_id"])
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])

    op.create_table(
        "timexes",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("value", sa.String(64), nullable=False),
        sa.Column("anchored", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_timexes_document_id_documents", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("pk", name="pk_timexes"),
    )
    op.create_index("ix_timexes_document_id", "timexes", ["document_id"])
    op.create_index("ix_timexes_value", "timexes", ["value"])

    op.create_table(
        "quantities",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("value_max", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(32), nullable=True),
        sa.Column("comparator", sa.String(8), nullable=False),
        sa.Column("measure", sa.Text(), nullable=True),
        sa.Column("measure_span", sa.JSON(), nullable=True),
        sa.Column("period", sa.String(64), nullable=True),
        sa.Column("entities", sa.JSON(), nullable=False),
        sa.Column("attribution", sa.String(200), nullable=True),
        sa.Column("certainty", sa.String(16), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_quantities_document_id_documents", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_quantities"),
    )
    op.create_index("ix_quantities_document_id", "quantities", ["document_id"])

    op.create_table(
        "event_clusters",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_event_clusters"),
    )

    op.create_table(
        "events",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("source", sa.JSON(), nullable=False),
        sa.Column("target", sa.JSON(), nullable=False),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("location", sa.JSON(), nullable=False),
        sa.Column("date", sa.String(64), nullable=True),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("attribution", sa.String(200), nullable=True),
        sa.Column("certainty", sa.String(16), nullable=False),
        sa.Column("trigger", sa.JSON(), nullable=True),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("plover", sa.JSON(), nullable=True),
        sa.Column("cameo", sa.String(8), nullable=True),
        sa.Column("cluster", sa.String(64), nullable=True),
        sa.Column("cluster_in_analysis", sa.String(64), nullable=True),
        sa.Column("quantities", sa.JSON(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_events_document_id_documents", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["cluster"], ["event_clusters.id"], name="fk_events_cluster_event_clusters", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_document_id", "events", ["document_id"])
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_cluster", "events", ["cluster"])

    op.create_table(
        "findings",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_findings"),
    )

    op.create_table(
        "entity_merges",
        sa.Column("from_id", sa.String(200), nullable=False),
        sa.Column("to_id", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("from_id", name="pk_entity_merges"),
    )
    op.create_index("ix_entity_merges_to_id", "entity_merges", ["to_id"])


def downgrade() -> None:
    for table in (
        "entity_merges",
        "findings",
        "events",
        "event_clusters",
        "quantities",
        "timexes",
        "mentions",
        "roles",
        "document_entities",
        "entities",
        "documents",
    ):
        op.drop_table(table)
