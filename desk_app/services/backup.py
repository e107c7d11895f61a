"""Backups and restore with SQLite's online backup API.

A backup is a consistent copy of the live database (WAL included) taken while the app
keeps working; it is written to a ``.part`` file, checked (``PRAGMA integrity_check``,
and it must open as a desk database) and only then renamed into place, so a crash half
way never leaves something that looks like a backup but is not one.

Automatic backups (daily while the window is open, and before every schema migration)
live in ``backups/`` of the data directory and are rotated: the newest ``keep`` of each
kind stay. Restore refuses what is not a desk database or was written by a newer version,
and keeps the current database aside before replacing it.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desk_app.db import (
    DatabaseError,
    DatabaseTooNewError,
    NotADeskDatabaseError,
    known_revisions,
)

log = logging.getLogger("desk_app.backup")

DEFAULT_KEEP = 14
SUFFIX = ".sqlite3"
#: Kinds of automatic backup; each is rotated on its own.
KINDS = ("daily", "premigration", "manual", "before-restore")
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


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _storage_reason(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    return text


def copy_database(source: Path, dest: Path, *, pages_per_step: int = 256) -> str:
    """Copy a live database to ``dest`` with the online backup API, verified.

    The copy is written as ``dest.part`` and renamed after the check; returns the
    copy's schema revision. Raises ``BackupError`` (disk full, no permission) or the
    errors of ``verify_database_file``; the source is never changed.
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
        revision = verify_database_file(tmp)
        _fsync(tmp)
        tmp.replace(dest)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError("backup_failed", _storage_reason(exc)) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return revision


def backup_name(kind: str, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return f"desk-{now.astimezone(UTC):%Y%m%d-%H%M%S}-{kind}{SUFFIX}"


def _unique(directory: Path, name: str) -> Path:
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
) -> BackupInfo:
    """Back up ``database``: to ``dest`` when given, else into ``backups_dir`` (rotated)."""
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    now = now or datetime.now(UTC)
    target = Path(dest) if dest is not None else _unique(backups_dir, backup_name(kind, now))
    revision = copy_database(database, target)
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


# --- restoring --------------------------------------------------------------------------


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _checkpoint(database: Path) -> None:
    if not database.exists():
        return
    conn = sqlite3.connect(database, timeout=30)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def restore_database(database: Path, source: Path, backups_dir: Path) -> Path | None:
    """Replace ``database`` by the backup ``source``; returns where the old one was kept.

    Nothing may have the database open (the GUI closes its engine first). The source is
    checked before anything happens; the current database (WAL included) is copied
    aside as a ``before-restore`` backup; the new file is staged next to the database,
    checked again and renamed over it, so a crash leaves either the old or the new one.
    """
    database, source = Path(database), Path(source)
    verify_database_file(source)
    aside: Path | None = None
    if database.exists() and database.stat().st_size > 0:
        aside = create_backup(database, backups_dir, kind="before-restore", keep=DEFAULT_KEEP).path
    staged = database.with_name(database.name + ".restore")
    try:
        copy_database(source, staged)
        _checkpoint(database)
        # The old WAL belongs to the old file: it must not be replayed into the new one.
        for sidecar in _sidecars(database):
            sidecar.unlink(missing_ok=True)
        staged.replace(database)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError("restore_failed", _storage_reason(exc)) from exc
    finally:
        staged.unlink(missing_ok=True)
    log.info("database restored from %s (previous kept as %s)", source.name, aside)
    return aside
