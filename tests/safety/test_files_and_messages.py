"""Files and messages (issue 12, section 6): what the desk writes is its owner's alone, a
full disk says so once, and no helper outlives a killed command."""

from __future__ import annotations

import errno
import io
import logging
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from safety_helpers import ROOT, child_env

PASSWORD = "rahasia-desk-1"
LINUX = sys.platform.startswith("linux")


def _cli(*args: str, env: dict[str, str], umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    """``desk-app`` in a process of its own, started with a permissive umask."""
    return subprocess.run(
        [sys.executable, "-m", "desk_app.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        preexec_fn=lambda: os.umask(umask),  # POSIX only, as the tests using it
    )


# --- kill -9 of seed-demo --------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent's reaping is left


@pytest.mark.slow
@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_kill_9_of_seed_demo_takes_its_row_generator_with_it(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    done = _cli("setup", "--data-dir", data, env=child_env(DESK_NEW_PASSWORD=PASSWORD))
    assert done.returncode == 0, done.stderr
    proc = subprocess.Popen(
        [sys.executable, "-m", "desk_app.cli", "seed-demo", "--incidents", "300000",
         "--data-dir", data],
        env=child_env(DESK_PASSWORD=PASSWORD),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    helpers: list[int] = []
    deadline = time.monotonic() + 180
    while not helpers and time.monotonic() < deadline and proc.poll() is None:
        helpers = [p for p in _children(proc.pid) if _alive(p)]
        time.sleep(0.2)
    assert helpers, "the row generator never started"
    time.sleep(1.0)  # let it run ahead and block on the full queue, as it does
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 30
    while any(_alive(p) for p in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    survivors = [p for p in helpers if _alive(p)]
    for pid in survivors:  # do not leave them behind if the test fails
        os.kill(pid, signal.SIGKILL)
    assert not survivors


# --- owner-only files ----------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_data_directory_and_its_files_are_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = child_env(DESK_NEW_PASSWORD=PASSWORD)
    assert _cli("setup", "--data-dir", str(data), env=env).returncode == 0
    env = child_env(DESK_PASSWORD=PASSWORD)
    added = _cli(
        "incidents", "add", "--title", "Hoaks", "--region", "33.74", "--category", "HOAKS",
        "--severity", "2", "--source", "MEDSOS", "--data-dir", str(data), env=env,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    photo = tmp_path / "a.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(2000))
    attach = _cli("incidents", "attach", added.stdout.strip(), str(photo),
                  "--data-dir", str(data), env=env)  # fmt: skip
    assert attach.returncode == 0, attach.stderr
    assert _cli("backup", "--data-dir", str(data), env=env).returncode == 0
    folders = [data, data / "backups", data / "attachments"]
    folders += [p for p in (data / "attachments").rglob("*") if p.is_dir()]
    files = [p for p in data.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"desk.sqlite3", "desk.log"}
    assert any(p.parent.name == "backups" for p in files)
    assert any("attachments" in p.parts for p in files)
    assert {str(p): oct(_mode(p)) for p in folders if _mode(p) != 0o700} == {}
    assert {str(p): oct(_mode(p)) for p in files if _mode(p) & 0o077} == {}


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_an_existing_open_data_directory_is_closed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = child_env(DESK_NEW_PASSWORD=PASSWORD)
    assert _cli("setup", "--data-dir", str(data), env=env).returncode == 0
    # As an older version left them: 0755 and 0644.
    data.chmod(0o755)
    for path in data.iterdir():
        path.chmod(0o755 if path.is_dir() else 0o644)
    env = child_env(DESK_PASSWORD=PASSWORD)
    assert _cli("regions", "list", "--data-dir", str(data), env=env).returncode == 0
    assert _mode(data) == 0o700
    assert {p.name: oct(_mode(p)) for p in data.iterdir() if _mode(p) & 0o077} == {}


# --- a log that cannot be written ------------------------------------------------------------


class _FullDisk(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_a_full_disk_is_reported_once_not_as_dozens_of_tracebacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desk_app import log

    logger = log.setup_logging(tmp_path / "desk.log")
    handler = log._handler
    assert isinstance(handler, logging.StreamHandler)
    working = handler.stream
    try:
        handler.stream = _FullDisk()
        for n in range(40):
            logger.error("pesan %d", n)
        err = capsys.readouterr().err
        assert "Logging error" not in err and "Traceback" not in err
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1, err
        assert "desk.log" in lines[0] and "disk penuh" in lines[0]
        # Room again: the log is written; a later failure is said once more.
        handler.stream = working
        logger.error("kembali")
        handler.stream = _FullDisk()
        logger.error("penuh lagi")
        logger.error("penuh lagi")
        assert capsys.readouterr().err.count("disk penuh") == 1
    finally:
        handler.stream = working
        log.shutdown_logging()
    assert "kembali" in (tmp_path / "desk.log").read_text(encoding="utf-8")
