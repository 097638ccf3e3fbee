"""Alembic environment for Marsad's knowledge base.

Run programmatically by :func:`marsad.kb.db.upgrade`, which passes an open
connection in ``config.attributes["connection"]``; without one (``alembic`` run
by hand with ``-x db=PATH``) it connects to the ``sqlalchemy.url`` of the config.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from marsad.kb.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url")
    db = context.get_x_argument(as_dictionary=True).get("db")
    if db:
        url = f"sqlite:///{db}"
    engine = create_engine(url)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
