"""The sync service as its own process, as a server runs it: ``desk-app hub serve``,
killed with SIGKILL in the middle of a batch and started again."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from desk_app.context import open_context, sign_in_as
from desk_app.hub.server import free_port
from desk_app.hub.store import Hub
from desk_app.services.setup import region_id
from desk_app.sync import connection
from desk_app.sync.client import Syncer
from desk_app.sync.errors import SyncError
from tests.sync.conftest import ADMIN_PASSWORD, hub_rows, init_hub

ROOT = Path(__file__).resolve().parents[2]
N = 3000


def _serve(db_url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DESK_HUB_DB": db_url, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "desk_app", "hub", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError("the service did not start")


def _rows(site: str, author: str) -> list[dict[str, object]]:
    from datetime import UTC, datetime

    from desk_app.hlc import Timestamp, wall_clock_ms

    now = datetime.now(UTC)
    version = Timestamp(wall_clock_ms(), 0, site).encode()
    return [
        {
            "id": str(uuid.uuid4()),
            "created_at": now,
            "updated_at": now,
            "created_by": author,
            "updated_by": author,
            "deleted": False,
            "origin_version": version,
            "versions": {},
            "ref": f"KIL-2024-{i:05d}",
            "occurred_at": now,
            "reported_at": now,
            "region_id": region_id("33.74"),
            "category": "HOAKS",
            "severity": 2,
            "source_type": "MEDSOS",
            "title": f"Insiden {i}",
            "description": "",
            "status": "baru",
        }
        for i in range(N)
    ]


def _inside_a_batch(path: Path, timeout: float = 30.0) -> bool:
    """Wait until the service holds the hub's writer lock (a batch being merged)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        conn = sqlite3.connect(path, timeout=0)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.rollback()
        except sqlite3.OperationalError:
            return True
        finally:
            conn.close()
        time.sleep(0.001)
    return False


@pytest.mark.slow
def test_a_service_killed_mid_batch_loses_and_doubles_nothing(tmp_path: Path) -> None:
    from desk_app.models import Incident

    db_url = f"sqlite:///{tmp_path}/hub.sqlite3"
    store = Hub(db_url)
    init_hub(store, tmp_path)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = _serve(db_url, port)
    ctx = open_context(tmp_path / "A", workstation_code="KIL1")
    try:
        workstation = connection.workstation_of(ctx.db, ctx.paths.data_dir)
        connection.enroll(ctx.db, workstation, url, "admin", ADMIN_PASSWORD).dispose()
        actor = sign_in_as(ctx, "admin")
        with ctx.db.write() as session:
            session.execute(Incident.__table__.insert(), _rows(ctx.site_id, actor.user_id))
        outcome: list[object] = []

        def sync() -> None:
            remote = connection.remote(workstation, url)
            try:
                outcome.append(Syncer(ctx.db, remote, batch_size=N).sync())
            except SyncError as exc:
                outcome.append(exc)
            finally:
                remote.dispose()

        worker = threading.Thread(target=sync)
        worker.start()
        assert _inside_a_batch(tmp_path / "hub.sqlite3"), "never saw the batch's transaction"
        proc.send_signal(signal.SIGKILL)  # while the service holds the hub's writer lock
        proc.wait(10)
        worker.join(60)
        assert outcome, "the sync did not come back"
        assert isinstance(outcome[0], SyncError)  # the reply never came
        proc = _serve(db_url, port)
        sync()
        report = outcome[-1]
        assert not isinstance(report, Exception), report
        assert report.pending == 0  # type: ignore[attr-defined]
        refs = [d["ref"] for d in hub_rows(store).values()]
        assert len(refs) == len(set(refs)) == N
    finally:
        proc.kill()
        proc.wait(10)
        ctx.close()
        store.dispose()
