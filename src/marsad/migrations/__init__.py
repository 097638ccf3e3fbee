"""Alembic migrations of the knowledge base (applied by :func:`marsad.kb.open_kb`)."""
