"""The local SQLite database: engine, pragmas, sessions, schema migrations, and verified
copies of the file (backups; restoring them is ``desk_app.services.backup``'s).

Backups are copies made with SQLite's online backup API while the app keeps working;
each is written to a ``.part`` file, checked (``PRAGMA integrity_check``, and it must
open as a desk database) and only then renamed into place, so a crash half way never
leaves something that looks like a backup but is not one. They live here, below the
services, because opening a database backs it up before migrating it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: The logger a long migration reports its progress on: each record carries
#: ``progress = (done, total)``, which the window's start shows in its status bar.
MIGRATION_PROGRESS = "desk_app.migrations.progress"
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


# --- backups ---------------------------------------------------------------------------

log = logging.getLogger("desk_app.backup")

DEFAULT_KEEP = 14
SUFFIX = ".sqlite3"
#: Kinds of automatic backup; each is rotated on its own.
KINDS = ("daily", "premigration", "manual", "before-restore")
#: The kind in the name of a database that did not open, moved aside by a restore. Never
#: rotated (it may be all that is left of some data) and never offered for restoring.
BROKEN_KIND = "broken"
_NAME = re.compile(r"^desk-(\d{8}-\d{6})-([a-z\-]+)(?:-\d+)?\.sqlite3$")
#: Tables without which a file is not a desk database.
REQUIRED_TABLES = frozenset({"alembic_version", "local_state", "user_account", "incident"})


class BackupError(DatabaseError):
    def __init__(self, code: str, reason: str, **values: object) -> None:
        super().__init__(code, reason, reason=reason, **values)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    created_at: datetime
    kind: str
    revision: str | None


# --- checking ---------------------------------------------------------------------------


def verify_database_file(path: Path) -> str:
    """Check that ``path`` is a sound desk database this version can open.

    Returns its schema revision. Raises ``NotADeskDatabaseError`` (not SQLite, damaged,
    or missing the desk's tables) or ``DatabaseTooNewError``. Never writes to the file.
    """
    path = Path(path)
    if not path.is_file():
        raise NotADeskDatabaseError(path, "no such file")
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise NotADeskDatabaseError(path, "not an SQLite file")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise NotADeskDatabaseError(path, str(exc)) from None
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            raise NotADeskDatabaseError(path, "damaged: " + "; ".join(rows[:3]))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        missing = REQUIRED_TABLES - tables
        if missing:
            raise NotADeskDatabaseError(path, "missing tables " + ", ".join(sorted(missing)))
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise NotADeskDatabaseError(path, str(exc)) from None
    finally:
        conn.close()
    if row is None:
        raise NotADeskDatabaseError(path, "no schema version")
    revision = str(row[0])
    if revision not in known_revisions():
        raise DatabaseTooNewError(revision)
    return revision


# --- writing ----------------------------------------------------------------------------


def fsync_file(path: Path) -> None:
    # Opened for writing: Windows cannot flush a read-only descriptor (EBADF).
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def storage_reason(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    return text


def copy_database(
    source: Path, dest: Path, *, pages_per_step: int = 256, allow_newer: bool = False
) -> str:
    """Copy a live database to ``dest`` with the online backup API, verified.

    The copy is written as ``dest.part`` and renamed after the check; returns the
    copy's schema revision. Raises ``BackupError`` (disk full, no permission) or the
    errors of ``verify_database_file`` (with ``allow_newer``, a database written by a
    newer version is copied all the same); the source is never changed.
    """
    source, dest = Path(source), Path(dest)
    tmp = dest.with_name(dest.name + ".part")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        src = sqlite3.connect(source, timeout=30)
        try:
            dst = sqlite3.connect(tmp)
            try:
                # Stepwise, so that writers on the live database are not held off for long.
                src.backup(dst, pages=pages_per_step)
                # The copy is self-contained: no WAL beside it.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        try:
            revision = verify_database_file(tmp)
        except DatabaseTooNewError as exc:
            if not allow_newer:
                raise
            revision = str(exc.values["revision"])
        fsync_file(tmp)
        tmp.replace(dest)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError("backup_failed", storage_reason(exc)) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return revision


def backup_name(kind: str, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return f"desk-{now.astimezone(UTC):%Y%m%d-%H%M%S}-{kind}{SUFFIX}"


def unique_path(directory: Path, name: str) -> Path:
    path = directory / name
    n = 1
    while path.exists():
        path = directory / name.replace(SUFFIX, f"-{n}{SUFFIX}")
        n += 1
    return path


def create_backup(
    database: Path,
    backups_dir: Path,
    *,
    kind: str = "manual",
    keep: int = DEFAULT_KEEP,
    dest: Path | None = None,
    now: datetime | None = None,
    allow_newer: bool = False,
) -> BackupInfo:
    """Back up ``database``: to ``dest`` when given, else into ``backups_dir`` (rotated)."""
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    now = now or datetime.now(UTC)
    target = Path(dest) if dest is not None else unique_path(backups_dir, backup_name(kind, now))
    revision = copy_database(database, target, allow_newer=allow_newer)
    log.info("backup written: %s (%s, %d bytes)", target.name, kind, target.stat().st_size)
    if dest is None:
        rotate(backups_dir, kind, keep)
    return BackupInfo(target, target.stat().st_size, now, kind, revision)


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    """Backups in the folder, newest first."""
    found = []
    if not backups_dir.is_dir():
        return []
    for path in backups_dir.iterdir():
        m = _NAME.match(path.name)
        if not m or not path.is_file():
            continue
        created = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        found.append(BackupInfo(path, path.stat().st_size, created, m.group(2), None))
    return sorted(found, key=lambda b: (b.created_at, b.path.name), reverse=True)


def rotate(backups_dir: Path, kind: str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups of ``kind``; returns what was deleted."""
    keep = max(1, keep)
    old = [b for b in list_backups(backups_dir) if b.kind == kind][keep:]
    for b in old:
        b.path.unlink(missing_ok=True)
        log.info("old backup removed: %s", b.path.name)
    return [b.path for b in old]


def daily_backup_due(backups_dir: Path, now: datetime | None = None) -> bool:
    now = now or datetime.now(UTC)
    daily = [b for b in list_backups(backups_dir) if b.kind == "daily"]
    return not daily or now - daily[0].created_at >= timedelta(hours=24)


def backup_before_migration(database: Path, revision: str) -> BackupInfo | None:
    """Called by ``open_database`` before it upgrades a database that has data."""
    backups_dir = database.parent / "backups"
    try:
        return create_backup(database, backups_dir, kind="premigration")
    except DatabaseError:
        log.exception("backup before migrating from %s failed", revision)
        raise
