"""Where the database lives, how it is opened, and how its schema is brought up to date."""

from __future__ import annotations

import json
import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

ENV_DB = "MARSAD_DB"
SCRIPT_LOCATION = "marsad:migrations"


def default_db_path() -> Path:
    """``$MARSAD_DB``, else ``$XDG_DATA_HOME/marsad/marsad.db``, else ``~/.local/share/marsad/marsad.db``."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "marsad" / "marsad.db"


def resolve_db_path(db_path: str | os.PathLike[str] | None) -> Path:
    return Path(db_path).expanduser() if db_path else default_db_path()


def _on_connect(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL: every commit is atomic and survives a crash of the program;
    # only a power failure may lose the last commits (never corrupt the file).
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _json_dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", json_serializer=_json_dumps)
    event.listen(engine, "connect", _on_connect)
    return engine


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """``alembic upgrade <revision>`` on ``engine``'s database (a no-op when it is already there)."""
    cfg = alembic_config()
    if revision == "head":
        head = ScriptDirectory.from_config(cfg).get_current_head()
        if current_revision(engine) == head:
            return
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
