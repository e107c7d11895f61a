"""Backups and restore with SQLite's online backup API.

A backup is a consistent copy of the live database (WAL included) taken while the app
keeps working; it is written to a ``.part`` file, checked (``PRAGMA integrity_check``,
and it must open as a desk database) and only then renamed into place, so a crash half
way never leaves something that looks like a backup but is not one.

Automatic backups (daily while the window is open, and before every schema migration)
live in ``backups/`` of the data directory and are rotated: the newest ``keep`` of each
kind stay. Restore refuses what is not a desk database or was written by a newer version,
and keeps the current database aside before replacing it: a sound one as a verified
``before-restore`` backup, one that no longer opens (damaged, truncated, not SQLite)
moved byte for byte, with its ``-wal``/``-shm`` files, under a ``broken`` name. Restoring
is how a desk whose database does not open gets going again.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk_app.db import (
    BROKEN_KIND,
    DEFAULT_KEEP,
    KINDS,
    REQUIRED_TABLES,
    SUFFIX,
    BackupError,
    BackupInfo,
    DatabaseTooNewError,
    NotADeskDatabaseError,
    backup_before_migration,
    backup_name,
    copy_database,
    create_backup,
    daily_backup_due,
    fsync_file,
    list_backups,
    rotate,
    storage_reason,
    unique_path,
    verify_database_file,
)
from desk_app.services import incarnation
from desk_app.services.incarnation import Identity
from desk_app.services.storage import fsync_dir

log = logging.getLogger("desk_app.backup")

#: Kept importable from here: the file copies themselves live in ``desk_app.db``, below
#: the services (opening a database backs it up before a migration).
__all__ = [
    "BROKEN_KIND",
    "DEFAULT_KEEP",
    "KINDS",
    "REQUIRED_TABLES",
    "SUFFIX",
    "BackupError",
    "BackupInfo",
    "backup_before_migration",
    "backup_name",
    "copy_database",
    "create_backup",
    "daily_backup_due",
    "list_backups",
    "rotate",
    "verify_database_file",
]


# --- restoring --------------------------------------------------------------------------

#: States of the database a restore replaces (``database_health``).
MISSING, SOUND, NEWER, BROKEN = "missing", "sound", "newer", "broken"


@dataclass(frozen=True)
class Health:
    """Whether a database file opens: ``state`` is MISSING, SOUND, NEWER or BROKEN."""

    state: str
    reason: str = ""


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    revision: str
    #: Where the previous database is now (None when there was none).
    aside: Path | None
    #: The previous database did not open; it was moved aside unchanged, with its
    #: ``-wal``/``-shm`` files beside ``aside`` under the same name.
    broken: bool = False
    #: Why it did not open.
    reason: str = ""
    #: The backup was made by another desk (see ``restore_plan``).
    other_desk: bool = False


@dataclass(frozen=True)
class RestorePlan:
    """Who made a backup, compared with this desk, before a restore asks or refuses.

    ``other_desk``: the backup's site id is none this desk ever had (another desk's
    backup): restoring it makes this desk take that desk's data as a new workstation, and
    the caller must have asked first (``restore_database(..., allow_other_desk=True)``).
    """

    backup: Identity | None
    current: Identity | None
    other_desk: bool


def restore_plan(database: Path, source: Path, health: Health | None = None) -> RestorePlan:
    """Whose backup ``source`` is, for the database at ``database`` (read only; a
    database that does not open has no identity to compare)."""
    health = health or database_health(database)
    restored = incarnation.identity_of(Path(source))
    current = incarnation.identity_of(Path(database)) if health.state in (SOUND, NEWER) else None
    other = restored is not None and incarnation.is_other_desk(current, restored)
    return RestorePlan(restored, current, other)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def database_health(path: Path) -> Health:
    """Whether the database at ``path`` opens, without changing a byte of it.

    BROKEN: not SQLite, damaged (``PRAGMA integrity_check``), truncated, or without the
    desk's tables. NEWER: sound, but written by a newer version. MISSING: no file, or an
    empty one with nothing beside it (the app starts such a database afresh).
    """
    path = Path(path)
    present = {s for s in _sidecars(path) if s.exists()}
    if (not path.exists() or path.stat().st_size == 0) and not any(
        s.stat().st_size for s in present
    ):
        return Health(MISSING)
    try:
        verify_database_file(path)
    except DatabaseTooNewError:
        return Health(NEWER)
    except NotADeskDatabaseError as exc:
        return Health(BROKEN, str(exc))
    finally:
        # A read-only look at a WAL database leaves a fresh -wal/-shm behind: not ours.
        for sidecar in _sidecars(path):
            if sidecar not in present:
                sidecar.unlink(missing_ok=True)
    return Health(SOUND)


def is_damage(exc: BaseException) -> bool:
    """Whether an error while opening the database says the file itself is unusable
    (not SQLite, damaged) rather than the disk, the folder or the version."""
    if isinstance(exc, NotADeskDatabaseError):
        return True
    original = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    # SQLITE_CORRUPT and SQLITE_NOTADB arrive as the bare DatabaseError; a full disk, a
    # lock or a missing folder are OperationalErrors.
    return type(original) is sqlite3.DatabaseError


def _checkpoint(database: Path) -> None:
    if not database.exists():
        return
    conn = sqlite3.connect(database, timeout=30)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _preserve(source: Path, dest: Path) -> None:
    """Give ``dest`` exactly ``source``'s bytes: a second name for the same file where
    the file system allows it (instant, no space), else a copy written under a temporary
    name first, so that ``dest`` never names half a file."""
    try:
        os.link(source, dest)
        return
    except OSError:
        pass
    tmp = dest.with_name(dest.name + ".part")
    try:
        shutil.copyfile(source, tmp)
        fsync_file(tmp)
        tmp.replace(dest)
    finally:
        tmp.unlink(missing_ok=True)


def keep_broken(database: Path, backups_dir: Path, now: datetime | None = None) -> Path:
    """Put a database that does not open, and its -wal/-shm/-journal, into ``backups_dir``
    unchanged as ``desk-<time>-broken.sqlite3`` (and ``…-wal``, ``…-shm``); returns the
    new name of the database file. The files stay where they are too, until the restore
    replaces them: moving is finished by that replacement."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    aside = unique_path(backups_dir, backup_name(BROKEN_KIND, now))
    if database.exists():
        _preserve(database, aside)
    for sidecar in _sidecars(database):
        if sidecar.exists():
            _preserve(sidecar, aside.with_name(aside.name + sidecar.name[len(database.name) :]))
    return aside


def restore_database(
    database: Path,
    source: Path,
    backups_dir: Path,
    *,
    authorise: Callable[[Path], None] | None = None,
    health: Health | None = None,
    allow_other_desk: bool = False,
) -> RestoreResult:
    """Replace ``database`` by the backup ``source``, whether the database opens or not.

    Nothing may have the database open (the GUI closes its engine first). In order:
    the source is checked (a desk database, not newer than this version, sound) and
    copied next to the database, and the copy checked again; ``authorise`` may then
    inspect the copy (the command line signs its user in there when the current
    database cannot say who is an administrator) and refuse by raising. Only then is
    the current database touched: a sound one is kept as a ``before-restore`` backup,
    one that does not open is moved aside byte for byte under a ``broken`` name. The
    copy is renamed over the database, so a crash leaves either the old or the new one.
    Whatever is refused or fails before that point leaves the current database as it
    was. ``health`` is the current database's ``database_health`` if already known.

    Another desk's backup (``restore_plan``) is refused (``other_desk``) unless
    ``allow_other_desk``: the caller asked the user first. Either way the restored
    database becomes a new incarnation of this workstation when it next opens (a marker
    is written beside it before it takes the database's place; ``services.incarnation``).
    """
    database, source = Path(database), Path(source)
    revision = verify_database_file(source)
    health = health or database_health(database)
    plan = restore_plan(database, source, health)
    if plan.other_desk and not allow_other_desk:
        assert plan.backup is not None
        raise BackupError(
            "other_desk",
            f"{source.name} is a backup of another desk ({plan.backup.code})",
            path=str(source),
            backup_code=plan.backup.code,
            code_here=plan.current.code if plan.current else "",
        )
    staged = database.with_name(database.name + ".restore")
    aside: Path | None = None
    try:
        copy_database(source, staged)
        if authorise is not None:
            authorise(staged)
        if health.state in (SOUND, NEWER):
            aside = create_backup(
                database, backups_dir, kind="before-restore", keep=DEFAULT_KEEP, allow_newer=True
            ).path
            _checkpoint(database)
        elif health.state == BROKEN:
            aside = keep_broken(database, backups_dir)
            log.warning("database does not open (%s): kept as %s", health.reason, aside.name)
        # The old WAL belongs to the old file: it must not be replayed into the new one.
        # (A broken database's WAL is already beside its copy in the backups folder.)
        for sidecar in _sidecars(database):
            sidecar.unlink(missing_ok=True)
        incarnation.write_marker(
            database,
            incarnation.Marker(plan.current, plan.other_desk),
        )
        staged.replace(database)
        fsync_dir(database.parent)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError("restore_failed", storage_reason(exc)) from exc
    finally:
        for leftover in [staged, *_sidecars(staged)]:
            leftover.unlink(missing_ok=True)
    log.info("database restored from %s (previous kept as %s)", source.name, aside)
    return RestoreResult(
        source, revision, aside, health.state == BROKEN, health.reason, plan.other_desk
    )


def restore_candidates(backups_dir: Path) -> list[BackupInfo]:
    """Backups a restore may use, newest first (not the broken databases kept aside)."""
    return [b for b in list_backups(backups_dir) if b.kind != BROKEN_KIND]


def restore_latest(
    database: Path,
    backups_dir: Path,
    *,
    health: Health | None = None,
    allow_other_desk: bool = False,
) -> RestoreResult:
    """Restore the newest backup in ``backups_dir`` that passes the checks; a newer one
    that is damaged or from a newer version is skipped for the one before it.

    The backups folder is this desk's own, but a file copied into it by hand may be
    another desk's backup: when the one chosen is, the restore is refused like any other
    (``BackupError`` ``other_desk``, its ``path`` the backup in question) unless
    ``allow_other_desk``, so that the caller asks first and then restores that very file
    (``restore_database(..., allow_other_desk=True)``). An older backup of this desk is not
    taken instead: the user would not know what they got back."""
    candidates = restore_candidates(backups_dir)
    if not candidates:
        raise BackupError("no_backup", f"no backup in {backups_dir}", path=str(backups_dir))
    health = health or database_health(database)
    for info in candidates:
        try:
            return restore_database(
                database, info.path, backups_dir, health=health, allow_other_desk=allow_other_desk
            )
        except (NotADeskDatabaseError, DatabaseTooNewError) as exc:
            # Raised only about the source: the current database is untouched.
            log.warning("backup %s not used: %s", info.path.name, exc)
    raise BackupError(
        "no_good_backup", f"no backup in {backups_dir} passes the checks", path=str(backups_dir)
    )
