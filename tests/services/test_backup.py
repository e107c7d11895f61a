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
    aside = backup.restore_database(ctx.paths.database, saved, ctx.paths.backups_dir)
    assert _refs(ctx.paths.database) == {before}
    assert aside is not None and _refs(aside) == {before, after}
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
