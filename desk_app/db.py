"""The local SQLite database: engine, pragmas, sessions and schema migrations."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

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


def canonical_json(value: Any) -> str:
    """JSON with sorted keys: the same value is the same text on every workstation (a
    row's ``versions`` is built in whatever order its fields were edited and merged)."""
    return json.dumps(value, sort_keys=True)


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True, json_serializer=canonical_json)
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
        # Let SQLite refresh its planner statistics where they have gone stale (cheap).
        with suppress(Exception), self.engine.connect() as conn:  # closing must not fail
            conn.exec_driver_sql("PRAGMA optimize")
        self.engine.dispose()


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w]+|None)['\"]?", re.M)


@cache
def _revisions() -> dict[str, str | None]:
    """``{revision: down_revision}`` read from the migration files.

    Alembic itself is imported only when a migration has to run: opening an up-to-date
    database (every start) should not pay for loading it.
    """
    revisions: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = dict((key, value) for key, value in _REVISION_LINE.findall(path.read_text("utf-8")))
        if "revision" in found:
            down = found.get("down_revision")
            revisions[found["revision"]] = None if down in (None, "None") else down
    return revisions


def known_revisions() -> set[str]:
    return set(_revisions())


def head_revision() -> str:
    """The newest schema revision this version knows; fails if the history branches."""
    revisions = _revisions()
    heads = set(revisions) - {down for down in revisions.values() if down}
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must have one head, not {sorted(heads)}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        exists = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
        if not exists:
            return None
        value = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        return str(value) if value is not None else None


def check_not_newer(engine: Engine) -> str | None:
    """Refuse a database whose schema this version does not know. Returns its revision."""
    revision = current_revision(engine)
    if revision is None:
        return None
    if revision not in known_revisions():
        raise DatabaseTooNewError(revision)
    return revision


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

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
            if revision is not None:
                from desk_app.services.backup import backup_before_migration

                backup_before_migration(path, revision)
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
