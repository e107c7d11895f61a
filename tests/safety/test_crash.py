"""Kill the process (SIGKILL) in the middle of writing; nothing reported saved is lost.

After each kill the database opens without repair, passes ``PRAGMA integrity_check`` and
``PRAGMA foreign_key_check``, and holds every change the child had reported as saved.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from safety_helpers import ROOT, child_env, read_until_then_kill, start_child

from desk_app.context import open_context
from desk_app.db import integrity_check
from desk_app.services import backup

SAVE_INCIDENTS = """
import sys
from desk_app.context import open_context, sign_in_as
from desk_app.services import incidents
ctx = open_context(sys.argv[1], workstation_code="GB1")
actor = sign_in_as(ctx, "admin")
n = 0
while True:
    n += 1
    with ctx.db.write() as session:
        d = incidents.create_incident(session, actor, incidents.IncidentInput(
            title=f"Insiden uji {n} " + "x" * 150, region_code="33.74", category="HOAKS",
            severity=2, source_type="MEDSOS", description="y" * 20000))
    print(d.ref, flush=True)  # after the commit: reported as saved
"""


def _check_sound(data_dir: Path) -> sqlite3.Connection:
    ctx = open_context(data_dir)  # opens and migrates: no repair step exists or is needed
    try:
        assert integrity_check(ctx.db.engine) == []
    finally:
        ctx.close()
    conn = sqlite3.connect(data_dir / "desk.sqlite3")
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return conn


#: The WAL of a desk that is idle stays far below this; a load writing rows passes it.
WRITING_WAL_BYTES = 8 * 2**20


def test_kill_while_saving_incidents(data_dir: Path) -> None:
    open_context(data_dir, workstation_code="GB1").close()
    proc = start_child(SAVE_INCIDENTS, str(data_dir))
    reported = read_until_then_kill(proc, 25)
    assert len(reported) >= 25
    conn = _check_sound(data_dir)
    saved = {r[0] for r in conn.execute("SELECT ref FROM incident")}
    conn.close()
    assert set(reported) <= saved
    # At most the one being written when killed is missing from the report.
    assert len(saved) - len(reported) <= 1


@pytest.mark.slow
def test_kill_during_bulk_import(data_dir: Path) -> None:
    open_context(data_dir, workstation_code="GB1").close()
    setup = subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "setup", "--data-dir", str(data_dir)],
        env=child_env(DESK_NEW_PASSWORD="rahasia-desk-1"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert setup.returncode == 0, setup.stderr
    # Its own process group: the import generates rows in a helper process, killed too.
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desk_app.cli",
            "seed-demo",
            "--incidents",
            "200000",
            "--data-dir",
            str(data_dir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=child_env(DESK_PASSWORD="rahasia-desk-1"),
        cwd=ROOT,
        start_new_session=True,
    )
    # Kill in the middle of the load: once it is writing (its transaction spills pages
    # into the WAL), long before the end, however fast or slow the machine is.
    wal = data_dir / "desk.sqlite3-wal"
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > WRITING_WAL_BYTES:
            break
        time.sleep(0.05)  # polling the condition
    assert proc.poll() is None, "the import finished before it could be killed"
    assert wal.stat().st_size > WRITING_WAL_BYTES, "the import never started writing"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    conn = _check_sound(data_dir)
    # The load is one transaction: all of it or nothing, never a part.
    count = conn.execute("SELECT count(*) FROM incident").fetchone()[0]
    assert count in (0, 200_000)
    orphans = conn.execute(
        "SELECT count(*) FROM incident i LEFT JOIN region r ON r.id = i.region_id "
        "WHERE r.id IS NULL"
    ).fetchone()[0]
    assert orphans == 0
    conn.close()


BACKUP_LOOP = """
import sys
from pathlib import Path
from desk_app.services import backup
db, out = Path(sys.argv[1]), Path(sys.argv[2])
n = 0
while True:
    n += 1
    info = backup.copy_database(db, out / f"desk-{n:04d}.sqlite3", pages_per_step=8)
    print(n, flush=True)
"""


def test_kill_during_backup(ctx_with_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    db = ctx_with_data / "desk.sqlite3"
    proc = start_child(BACKUP_LOOP, str(db), str(out))
    reported = read_until_then_kill(proc, 3)
    assert reported
    # Every backup with its final name is complete and verified; a half-written one
    # never carries that name.
    finished = sorted(out.glob("desk-*.sqlite3"))
    assert len(finished) >= len(reported)
    for path in finished:
        backup.verify_database_file(path)
    conn = _check_sound(ctx_with_data)
    conn.close()


def test_kill_during_restore_keeps_a_usable_database(ctx_with_data: Path, tmp_path: Path) -> None:
    db = ctx_with_data / "desk.sqlite3"
    source = tmp_path / "src.sqlite3"
    backup.copy_database(db, source)
    code = """
import sys
from pathlib import Path
from desk_app.services import backup
db, src = Path(sys.argv[1]), Path(sys.argv[2])
while True:
    backup.restore_database(db, src, db.parent / "backups")
    print("ok", flush=True)
"""
    proc = start_child(code, str(db), str(source))
    read_until_then_kill(proc, 2)
    conn = _check_sound(ctx_with_data)
    assert conn.execute("SELECT count(*) FROM incident").fetchone()[0] == 30
    conn.close()


@pytest.fixture
def ctx_with_data(data_dir: Path) -> Path:
    from desk_app.context import sign_in_as
    from desk_app.services import incidents

    ctx = open_context(data_dir, workstation_code="GB1")
    actor = sign_in_as(ctx, "admin")
    with ctx.db.write() as session:
        for n in range(30):
            incidents.create_incident(
                session,
                actor,
                incidents.IncidentInput(
                    title=f"Data {n}",
                    region_code="33.74",
                    category="HOAKS",
                    severity=1,
                    source_type="MEDSOS",
                    description="z" * 19_000,
                ),
            )
    ctx.close()
    return data_dir
