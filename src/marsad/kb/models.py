"""The knowledge base's tables as typed SQLAlchemy 2 ORM models.

The schema itself is created and evolved only by the Alembic migrations in
``marsad/migrations/versions`` (a test checks that ``upgrade head`` yields exactly
these tables). Per-document annotations keep the fields of :mod:`marsad.model` as
columns; fields a stage adds later (new optional dataclass fields) go to each row's
``extra`` JSON column until a migration gives them a column of their own, so that
an analysis survives a round trip through the database unchanged.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # "d-" + 12 hex of sha256(text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)  # full sha256 of text
    source: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(32), index=True)
    published_from: Mapped[str | None] = mapped_column(String(16))
    author: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="ar")
    text: Mapped[str] = mapped_column(Text)
    boilerplate: Mapped[list[Any]] = mapped_column(default=list)  # [[start, end], …]
    article: Mapped[dict[str, Any]] = mapped_column(default=dict)  # ArticleInfo as the article stage found it
    raw: Mapped[dict[str, Any]] = mapped_column(default=dict)  # RawDocument fields as read, before analysis
    # records dropped at the boundary and stage warnings (added by revision 0002)
    warnings: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    ingested_at: Mapped[str] = mapped_column(String(32))  # ISO 8601 UTC


class EntityRow(Base):
    """One entity id known to the knowledge base (the target of mentions)."""

    __tablename__ = "entities"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    type: Mapped[str] = mapped_column(String(16), index=True)
    name_ar: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(3))


class DocumentEntity(Base):
    """An entity as one document knows it (what ``entities.extract`` returned for it)."""

    __tablename__ = "document_entities"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id"), primary_key=True, index=True)
    type: Mapped[str] = mapped_column(String(16))
    name_ar: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    name_en_transliterated: Mapped[bool] = mapped_column(Boolean, default=False)
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    country: Mapped[str | None] = mapped_column(String(3))
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)


class RoleRow(Base):
    __tablename__ = "roles"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id"), index=True)
    role: Mapped[str] = mapped_column(Text)
    of: Mapped[str | None] = mapped_column(String(200))
    current: Mapped[bool | None] = mapped_column(Boolean)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)


class MentionRow(Base):
    __tablename__ = "mentions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16))
    how: Mapped[str] = mapped_column(String(16))
    metonym: Mapped[bool] = mapped_column(Boolean, default=False)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)


class TimexRow(Base):
    __tablename__ = "timexes"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(String(64), index=True)
    anchored: Mapped[bool] = mapped_column(Boolean, default=True)
    kind: Mapped[str] = mapped_column(String(16), default="date")
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)


class QuantityRow(Base):
    __tablename__ = "quantities"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(32))
    comparator: Mapped[str] = mapped_column(String(8), default="eq")
    measure: Mapped[str | None] = mapped_column(Text)
    measure_span: Mapped[list[Any] | None] = mapped_column(JSON)
    period: Mapped[str | None] = mapped_column(String(64))
    entities: Mapped[list[Any]] = mapped_column(default=list)
    attribution: Mapped[str | None] = mapped_column(String(200))
    certainty: Mapped[str] = mapped_column(String(16), default="asserted")
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)


class EventCluster(Base):
    """Reports of the same real-world event (recomputed by each run's cross-document step)."""

    __tablename__ = "event_clusters"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    documents: Mapped[int] = mapped_column(Integer)


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(16))
    source: Mapped[list[Any]] = mapped_column(default=list)
    target: Mapped[list[Any]] = mapped_column(default=list)
    participants: Mapped[list[Any]] = mapped_column(default=list)
    location: Mapped[list[Any]] = mapped_column(default=list)
    date: Mapped[str | None] = mapped_column(String(64))
    date_text: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    attribution: Mapped[str | None] = mapped_column(String(200))
    certainty: Mapped[str] = mapped_column(String(16), default="asserted")
    trigger: Mapped[list[Any] | None] = mapped_column(JSON)
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    plover: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    cameo: Mapped[str | None] = mapped_column(String(8))
    cluster: Mapped[str | None] = mapped_column(
        ForeignKey("event_clusters.id", ondelete="SET NULL"), index=True
    )  # from the cross-document step
    cluster_in_analysis: Mapped[str | None] = mapped_column(String(64))  # what the event stage itself set
    quantities: Mapped[list[Any]] = mapped_column(default=list)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Finding(Base):
    __tablename__ = "findings"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    topic: Mapped[str] = mapped_column(Text)
    items: Mapped[list[Any]] = mapped_column(default=list)
    values: Mapped[list[Any]] = mapped_column(default=list)
    explanation: Mapped[str] = mapped_column(Text)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)


class EntityMerge(Base):
    """Cross-document resolution: ``from_id`` names the same entity as ``to_id``."""

    __tablename__ = "entity_merges"

    from_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    to_id: Mapped[str] = mapped_column(String(200), index=True)


Index("ix_mentions_document_start", MentionRow.document_id, MentionRow.start)

__all__ = [
    "Base",
    "Document",
    "DocumentEntity",
    "EntityMerge",
    "EntityRow",
    "EventCluster",
    "EventRow",
    "Finding",
    "MentionRow",
    "QuantityRow",
    "RoleRow",
    "TimexRow",
]
