"""A full disk and a read-only data folder: a clear message, and no damage."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from safety_helpers import remount_read_only

from desk_app.cli import main
from desk_app.context import open_context, sign_in_as
from desk_app.db import integrity_check
from desk_app.log import shutdown_logging
from desk_app.services import incidents
from desk_app.services.storage import storage_error
from tests.cli.cli_helpers import setup_desk

ADD = ["incidents", "add", "--region", "33.74", "--category", "HOAKS", "--severity", "2"]
ADD += ["--source", "MEDSOS"]


def _add(data_dir: Path, title: str, description: str = "") -> list[str]:
    argv = [*ADD, "--title", title, "--data-dir", str(data_dir)]
    if description:
        argv += ["--description", description]
    return argv


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_full_disk_gives_a_message_and_keeps_what_was_saved(
    small_disk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = small_disk / "data"
    open_context(data_dir, workstation_code="GB1").close()
    setup_desk(data_dir, monkeypatch)
    capsys.readouterr()
    saved: list[str] = []
    status = 0
    for n in range(400):
        status = main(_add(data_dir, f"Insiden {n}", "d" * 19_000))
        out, err = capsys.readouterr()
        if status != 0:
            break
        saved.append(out.strip())
    assert status == 3, "the disk never filled up"
    assert "Disk penuh" in err and "Traceback" not in err
    # One message about the log at most, not a "--- Logging error ---" per record.
    assert "Logging error" not in err and err.count("desk-app:") <= 2, err
    assert saved
    # Room again (the log file is the easiest thing to give back): nothing is damaged.
    for extra in data_dir.glob("desk.log*"):
        extra.unlink()
    ctx = open_context(data_dir)
    try:
        assert integrity_check(ctx.db.engine) == []
        with ctx.db.read() as s:
            refs = {
                r.ref for r in incidents.list_incidents(s, incidents.IncidentFilter(), limit=1000)
            }
        assert set(saved) <= refs and len(refs) == len(saved)
    finally:
        ctx.close()


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_read_only_data_folder(
    remountable_disk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = remountable_disk / "data"
    setup_desk(data_dir, monkeypatch)
    capsys.readouterr()
    assert main(_add(data_dir, "Sebelum")) == 0
    ref = capsys.readouterr().out.strip()
    db = data_dir / "desk.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _sha(db)
    shutdown_logging()  # the log file is open for writing: the remount would be refused
    remount_read_only(remountable_disk)
    status = main(_add(data_dir, "Sesudah"))
    _, err = capsys.readouterr()
    assert status == 3
    assert "tidak dapat ditulisi" in err and "Traceback" not in err
    assert _sha(db) == before
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro&immutable=1", uri=True)
    assert [r[0] for r in conn.execute("SELECT ref FROM incident")] == [ref]
    conn.close()


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_full_disk_simulated_in_a_service(
    ctx_fixture: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without root (no tmpfs): SQLite cannot grow the file past its current pages, so it
    fails with its real "database or disk is full" (SQLITE_FULL) in the middle of a write."""
    import desk_app.db as dbmod

    real_on_connect = dbmod._on_connect

    def no_room(dbapi_conn: sqlite3.Connection, record: object) -> None:
        real_on_connect(dbapi_conn, record)
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    setup_desk(ctx_fixture, monkeypatch)
    capsys.readouterr()
    monkeypatch.setattr(dbmod, "_on_connect", no_room)
    status = main(_add(ctx_fixture, "Tidak muat", "d" * 19_000))
    _, err = capsys.readouterr()
    monkeypatch.setattr(dbmod, "_on_connect", real_on_connect)
    assert status == 3 and "Disk penuh" in err and "Traceback" not in err
    ctx = open_context(ctx_fixture)
    try:
        with ctx.db.read() as s:
            assert incidents.count_incidents(s, incidents.IncidentFilter()) == 0
    finally:
        ctx.close()


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (sqlite3.OperationalError("database or disk is full"), "disk_full"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read_only"),
        (sqlite3.OperationalError("unable to open database file"), "read_only"),
        (OSError(28, "No space left on device"), "disk_full"),
        (PermissionError(13, "Permission denied", "/x"), "read_only"),
        (sqlite3.OperationalError("no such table: x"), None),
    ],
)
def test_storage_errors_are_recognised(exc: BaseException, code: str | None) -> None:
    problem = storage_error(exc)
    assert (problem.code if problem else None) == code


@pytest.fixture
def ctx_fixture(data_dir: Path) -> Path:
    ctx = open_context(data_dir, workstation_code="GB1")
    sign_in_as(ctx, "admin")
    ctx.close()
    return data_dir
