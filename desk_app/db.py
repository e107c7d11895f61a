"""The local SQLite database: engine, pragmas, sessions and schema migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000


class DatabaseError(Exception):
    """The database cannot be used; ``code`` names why, for a translated message."""

    def __init__(self, code: str, message: str, **values: Any) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


class DatabaseTooNewError(DatabaseError):
    def __init__(self, revision: str) -> None:
        super().__init__(
            "db_too_new",
            f"The database was written by a newer version of Desk Pilkada "
            f"(schema {revision}). Install the newer version; the database was not changed.",
            revision=revision,
        )


class NotADeskDatabaseError(DatabaseError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            "not_a_desk_db", f"{path} is not a Desk Pilkada database: {reason}", path=str(path)
        )


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # Manage transactions ourselves so that BEGIN IMMEDIATE can be issued for writers.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _on_begin(conn: Any) -> None:
    if conn.get_execution_options().get("sqlite_immediate"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Database:
    """One workstation's database file: its engine and the two kinds of session.

    ``read()`` sessions start a deferred transaction; ``write()`` sessions take SQLite's
    write lock up front (``BEGIN IMMEDIATE``) so that a writer never fails half-way with
    "database is locked" when another writer (a sync, the CLI) committed meanwhile.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = make_engine(path)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(sqlite_immediate=True), expire_on_commit=False
        )

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._write() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_not_newer(engine: Engine) -> str | None:
    """Refuse a database whose schema this version does not know. Returns its revision."""
    revision = current_revision(engine)
    if revision is None:
        return None
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if revision not in known:
        raise DatabaseTooNewError(revision)
    return revision


def upgrade(engine: Engine, revision: str = "head") -> None:
    command.upgrade(alembic_config(engine), revision)


def open_database(path: Path, *, migrate: bool = True) -> Database:
    """Open (creating when missing) the database at ``path`` and bring its schema to head."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > 0:
        _check_sqlite_header(path)
    db = Database(path)
    try:
        revision = check_not_newer(db.engine)
        if migrate and revision != head_revision():
            upgrade(db.engine)
    except Exception:
        db.dispose()
        raise
    return db


def _check_sqlite_header(path: Path) -> None:
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise NotADeskDatabaseError(path, "not an SQLite file")


def integrity_check(engine: Engine) -> list[str]:
    """``PRAGMA integrity_check``; an empty list means the file is sound."""
    with engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows
