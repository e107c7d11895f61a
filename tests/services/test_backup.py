"""Backups with the online API, rotation, restore, and the backup before a migration."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desk_app.context import AppContext, open_context
from desk_app.db import (
    DatabaseTooNewError,
    NotADeskDatabaseError,
    head_revision,
    integrity_check,
    open_database,
    upgrade,
)
from desk_app.services import backup, incidents
from desk_app.services.actor import Actor


def _incident(ctx: AppContext, actor: Actor, title: str) -> str:
    with ctx.db.write() as s:
        return incidents.create_incident(
            s,
            actor,
            incidents.IncidentInput(
                title=title, region_code="33.74", category="HOAKS", severity=2, source_type="MEDSOS"
            ),
        ).ref


def _refs(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT ref FROM incident")}
    finally:
        conn.close()


def test_backup_of_a_live_database_is_verified_and_complete(ctx: AppContext, admin: Actor) -> None:
    ref = _incident(ctx, admin, "Sebelum cadangan")
    # An open reader and uncheckpointed WAL content must not matter.
    with ctx.db.read():
        info = backup.create_backup(ctx.paths.database, ctx.paths.backups_dir)
    assert info.path.parent == ctx.paths.backups_dir and info.kind == "manual"
    assert info.revision == head_revision()
    assert ref in _refs(info.path)
    assert not list(ctx.paths.backups_dir.glob("*.part"))
    assert not Path(str(info.path) + "-wal").exists()
    assert backup.verify_database_file(info.path) == head_revision()


def test_rotation_keeps_the_newest(ctx: AppContext) -> None:
    start = datetime(2024, 11, 1, tzinfo=UTC)
    for day in range(5):
        backup.create_backup(
            ctx.paths.database,
            ctx.paths.backups_dir,
            kind="daily",
            keep=3,
            now=start + timedelta(days=day),
        )
    kept = [b for b in backup.list_backups(ctx.paths.backups_dir) if b.kind == "daily"]
    assert [b.created_at.day for b in kept] == [5, 4, 3]
    assert not backup.daily_backup_due(ctx.paths.backups_dir, start + timedelta(days=4, hours=5))
    assert backup.daily_backup_due(ctx.paths.backups_dir, start + timedelta(days=5, hours=1))


def test_restore_brings_back_the_old_state_and_keeps_the_current_aside(
    ctx: AppContext, admin: Actor
) -> None:
    before = _incident(ctx, admin, "Ada di cadangan")
    saved = backup.create_backup(ctx.paths.database, ctx.paths.backups_dir).path
    after = _incident(ctx, admin, "Sesudah cadangan")
    ctx.db.dispose()
    result = backup.restore_database(ctx.paths.database, saved, ctx.paths.backups_dir)
    assert _refs(ctx.paths.database) == {before}
    aside = result.aside
    assert aside is not None and _refs(aside) == {before, after}
    assert not result.broken and "before-restore" in aside.name
    reopened = open_context(ctx.paths.data_dir)
    try:
        assert integrity_check(reopened.db.engine) == []
    finally:
        reopened.close()


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", NotADeskDatabaseError),
        (b"PK\x03\x04 this is a zip file", NotADeskDatabaseError),
        (b"SQLite format 3\x00" + b"\x00" * 100, NotADeskDatabaseError),
    ],
)
def test_restore_refuses_what_is_not_a_desk_database(
    ctx: AppContext, tmp_path: Path, content: bytes, error: type[Exception]
) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    ctx.db.dispose()
    original = ctx.paths.database.read_bytes()
    with pytest.raises(error):
        backup.restore_database(ctx.paths.database, bad, ctx.paths.backups_dir)
    assert ctx.paths.database.read_bytes() == original


def test_restore_refuses_another_sqlite_file(ctx: AppContext, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotADeskDatabaseError):
        backup.restore_database(ctx.paths.database, other, ctx.paths.backups_dir)


def test_restore_refuses_a_newer_database(ctx: AppContext, tmp_path: Path) -> None:
    newer = backup.create_backup(ctx.paths.database, tmp_path, dest=tmp_path / "n.sqlite3").path
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseTooNewError):
        backup.restore_database(ctx.paths.database, newer, ctx.paths.backups_dir)


def test_restore_refuses_a_damaged_backup(ctx: AppContext, tmp_path: Path) -> None:
    copy = backup.create_backup(ctx.paths.database, tmp_path, dest=tmp_path / "d.sqlite3").path
    data = bytearray(copy.read_bytes())
    for i in range(8192, min(len(data), 40960)):
        data[i] = 0xA5
    copy.write_bytes(bytes(data))
    with pytest.raises(NotADeskDatabaseError):
        backup.verify_database_file(copy)


def test_a_backup_is_made_before_a_migration(data_dir: Path) -> None:
    path = data_dir / "desk.sqlite3"
    db = open_database(path, migrate=False)
    upgrade(db.engine, "0001")
    db.dispose()
    db = open_database(path)
    db.dispose()
    kinds = [b.kind for b in backup.list_backups(data_dir / "backups")]
    assert kinds == ["premigration"]
    # A database already at head is not backed up again.
    open_database(path).dispose()
    assert len(backup.list_backups(data_dir / "backups")) == 1


def test_backup_to_a_full_disk_fails_cleanly(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_connect = sqlite3.connect

    class FullConnection:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self._conn = conn

        def backup(self, *a: object, **k: object) -> None:
            raise sqlite3.OperationalError("database or disk is full")

        def __getattr__(self, name: str) -> object:
            return getattr(self._conn, name)

    def connect(path: object, *a: object, **k: object) -> object:
        conn = real_connect(path, *a, **k)  # type: ignore[arg-type]
        return FullConnection(conn) if str(path) == str(ctx.paths.database) else conn

    monkeypatch.setattr(backup.sqlite3, "connect", connect)
    with pytest.raises(backup.BackupError) as err:
        backup.create_backup(ctx.paths.database, tmp_path / "b")
    assert err.value.code == "backup_failed"
    assert list((tmp_path / "b").iterdir()) == []


# --- a database that no longer opens ----------------------------------------------------


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _garble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for i in range(4096, len(data)):  # every page after the first
        data[i] = (i * 7919) % 251
    path.write_bytes(bytes(data))


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 5000)


def _files(path: Path) -> dict[str, bytes]:
    """The database and whatever lies beside it, by suffix."""
    return {
        suffix: p.read_bytes()
        for suffix in ("", "-wal", "-shm")
        if (p := path.with_name(path.name + suffix)).exists()
    }


@pytest.fixture
def broken_desk(ctx: AppContext, admin: Actor) -> tuple[Path, str, str]:
    """A desk with a verified backup, then more work, then a database left in WAL."""
    kept = _incident(ctx, admin, "Ada di cadangan")
    saved = backup.create_backup(ctx.paths.database, ctx.paths.backups_dir, kind="daily").path
    _incident(ctx, admin, "Sesudah cadangan")
    ctx.db.dispose()
    return saved, kept, head_revision()


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
@pytest.mark.parametrize("damage", [_truncate, _garble, _not_sqlite])
def test_restore_replaces_a_database_that_does_not_open(
    ctx: AppContext, broken_desk: tuple[Path, str, str], damage: object
) -> None:
    saved, kept, _ = broken_desk
    db = ctx.paths.database
    damage(db)  # type: ignore[operator]
    with pytest.raises(Exception):  # noqa: B017 - whichever way it fails to open
        open_context(ctx.paths.data_dir).close()
    # Work still in a WAL beside the damaged file must be kept with it.
    wal = db.with_name(db.name + "-wal")
    wal.write_bytes(b"wal bytes of the damaged database")
    before = _files(db)
    assert backup.database_health(db).state == backup.BROKEN
    assert _files(db) == before  # looking at it changes nothing, adds nothing

    result = backup.restore_database(db, saved, ctx.paths.backups_dir)

    assert result.broken and result.reason and result.aside is not None
    assert result.aside.parent == ctx.paths.backups_dir
    assert "-broken" in result.aside.name
    # Moved aside byte for byte, with what lay beside it.
    assert _files(result.aside) == before
    assert not wal.exists()  # the old WAL is not replayed into the restored file
    assert not list(ctx.paths.data_dir.glob("*.restore*"))
    # The restored database opens and holds the backup's data.
    assert _refs(db) == {kept}
    reopened = open_context(ctx.paths.data_dir)
    try:
        assert integrity_check(reopened.db.engine) == []
    finally:
        reopened.close()
    # The broken file is listed, never rotated, and never offered for a restore.
    kinds = [b.kind for b in backup.list_backups(ctx.paths.backups_dir)]
    assert backup.BROKEN_KIND in kinds
    assert all(
        b.kind != backup.BROKEN_KIND for b in backup.restore_candidates(ctx.paths.backups_dir)
    )


@pytest.mark.parametrize("damage", [None, _truncate])
@pytest.mark.parametrize(
    "bad_source",
    [
        b"",
        b"bukan basis data",
        b"SQLite format 3\x00" + b"\x00" * 100,
    ],
)
def test_a_bad_source_leaves_the_current_database_untouched(
    ctx: AppContext,
    broken_desk: tuple[Path, str, str],
    tmp_path: Path,
    damage: object,
    bad_source: bytes,
) -> None:
    db = ctx.paths.database
    if damage is not None:
        damage(db)  # type: ignore[operator]
    before = _files(db)
    backups_before = sorted(p.name for p in ctx.paths.backups_dir.iterdir())
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(bad_source)
    with pytest.raises(NotADeskDatabaseError):
        backup.restore_database(db, bad, ctx.paths.backups_dir)
    assert _files(db) == before
    assert sorted(p.name for p in ctx.paths.backups_dir.iterdir()) == backups_before


def test_a_damaged_source_leaves_a_broken_database_untouched(
    ctx: AppContext, broken_desk: tuple[Path, str, str], tmp_path: Path
) -> None:
    saved, _, _ = broken_desk
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(saved.read_bytes())
    _garble(damaged)
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(saved.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    _truncate(ctx.paths.database)
    before = _files(ctx.paths.database)
    with pytest.raises(NotADeskDatabaseError):
        backup.restore_database(ctx.paths.database, damaged, ctx.paths.backups_dir)
    with pytest.raises(DatabaseTooNewError):
        backup.restore_database(ctx.paths.database, newer, ctx.paths.backups_dir)
    assert _files(ctx.paths.database) == before
    assert [b.kind for b in backup.list_backups(ctx.paths.backups_dir)] == ["daily"]


def test_a_refusal_after_the_checks_leaves_the_broken_database_untouched(
    ctx: AppContext, broken_desk: tuple[Path, str, str]
) -> None:
    saved, _, _ = broken_desk
    _garble(ctx.paths.database)
    before = _files(ctx.paths.database)
    seen: list[Path] = []

    def refuse(staged: Path) -> None:
        seen.append(staged)
        assert backup.verify_database_file(staged) == head_revision()
        raise PermissionError("not an administrator")

    with pytest.raises(backup.BackupError):
        backup.restore_database(ctx.paths.database, saved, ctx.paths.backups_dir, authorise=refuse)
    assert seen and not seen[0].exists()  # the staged copy is cleaned up
    assert _files(ctx.paths.database) == before
    assert [b.kind for b in backup.list_backups(ctx.paths.backups_dir)] == ["daily"]


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_the_copy_aside_falls_back_when_links_are_not_possible(
    ctx: AppContext, broken_desk: tuple[Path, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    saved, kept, _ = broken_desk
    _truncate(ctx.paths.database)
    before = _files(ctx.paths.database)

    def no_link(*_a: object, **_k: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(backup.os, "link", no_link)
    result = backup.restore_database(ctx.paths.database, saved, ctx.paths.backups_dir)
    assert result.aside is not None and _files(result.aside) == before
    assert not list(ctx.paths.backups_dir.glob("*.part"))
    assert _refs(ctx.paths.database) == {kept}


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_restore_latest_skips_a_damaged_newest_backup(
    ctx: AppContext, broken_desk: tuple[Path, str, str]
) -> None:
    saved, kept, _ = broken_desk
    newest = backup.create_backup(
        ctx.paths.database,
        ctx.paths.backups_dir,
        kind="manual",
        now=datetime.now(UTC) + timedelta(hours=1),
    ).path
    _garble(newest)
    _not_sqlite(ctx.paths.database)
    result = backup.restore_latest(ctx.paths.database, ctx.paths.backups_dir)
    assert result.source == saved and result.broken
    assert _refs(ctx.paths.database) == {kept}
    assert newest.exists()  # a bad backup is skipped, not deleted


def _other_computers_backup(tmp_path: Path, backups_dir: Path, now: datetime) -> Path:
    """A backup of another desk (GB9, made on another computer) in ``backups_dir``."""
    other = open_context(tmp_path / "other", workstation_code="GB9")
    try:
        with other.db.write() as s:
            s.connection().exec_driver_sql("UPDATE local_state SET machine = 'elsewhere'")
        return backup.create_backup(other.paths.database, backups_dir, kind="manual", now=now).path
    finally:
        other.close()


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_restore_latest_refuses_another_desks_backup_unless_allowed(
    ctx: AppContext, broken_desk: tuple[Path, str, str], tmp_path: Path
) -> None:
    saved, kept, _ = broken_desk
    theirs = _other_computers_backup(
        tmp_path, ctx.paths.backups_dir, datetime.now(UTC) + timedelta(hours=1)
    )
    _not_sqlite(ctx.paths.database)
    before = _files(ctx.paths.database)
    listed = sorted(p.name for p in ctx.paths.backups_dir.iterdir())
    with pytest.raises(backup.BackupError) as err:
        backup.restore_latest(ctx.paths.database, ctx.paths.backups_dir)
    assert err.value.code == "other_desk"
    assert err.value.values["path"] == str(theirs)
    assert err.value.values["backup_code"] == "GB9"
    # Nothing touched: neither the database nor the backups folder.
    assert _files(ctx.paths.database) == before
    assert sorted(p.name for p in ctx.paths.backups_dir.iterdir()) == listed
    # Said yes to: that very backup, not an older one of this desk.
    result = backup.restore_latest(ctx.paths.database, ctx.paths.backups_dir, allow_other_desk=True)
    assert result.source == theirs != saved and result.other_desk and result.broken
    assert kept not in _refs(ctx.paths.database)


def test_restore_latest_without_backups(ctx: AppContext) -> None:
    ctx.db.dispose()
    with pytest.raises(backup.BackupError) as err:
        backup.restore_latest(ctx.paths.database, ctx.paths.backups_dir)
    assert err.value.code == "no_backup"


def test_restore_over_a_newer_database_keeps_it_as_a_backup(
    ctx: AppContext, broken_desk: tuple[Path, str, str]
) -> None:
    saved, kept, _ = broken_desk
    conn = sqlite3.connect(ctx.paths.database)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    assert backup.database_health(ctx.paths.database).state == backup.NEWER
    result = backup.restore_database(ctx.paths.database, saved, ctx.paths.backups_dir)
    assert not result.broken and result.aside is not None
    assert "before-restore" in result.aside.name
    assert _refs(ctx.paths.database) == {kept}


def test_is_damage_tells_a_damaged_file_from_a_storage_problem() -> None:
    from sqlalchemy.exc import DBAPIError

    malformed = sqlite3.DatabaseError("database disk image is malformed")
    assert backup.is_damage(DBAPIError("PRAGMA", None, malformed))
    assert backup.is_damage(NotADeskDatabaseError(Path("x"), "not an SQLite file"))
    full = sqlite3.OperationalError("database or disk is full")
    assert not backup.is_damage(DBAPIError("INSERT", None, full))
    assert not backup.is_damage(DatabaseTooNewError("9999"))
