"""The knowledge base: an embedded SQLite file (SQLAlchemy 2 ORM, Alembic migrations).

``open_kb(path)`` opens it (creating it, or upgrading its schema with
``alembic upgrade head``); commands read ``open_kb(db).export_data()``.
"""

from marsad.kb.db import ENV_DB, default_db_path, resolve_db_path
from marsad.kb.store import KB, AmbiguousDocument, CrossDocResult, DocumentNotFound, open_kb

__all__ = [
    "ENV_DB",
    "KB",
    "AmbiguousDocument",
    "CrossDocResult",
    "DocumentNotFound",
    "default_db_path",
    "open_kb",
    "resolve_db_path",
]
