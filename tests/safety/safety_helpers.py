"""Helpers of the safety tests: child processes to kill, tiny and read-only disks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DESK_DATA_DIR", None)
    env["DESK_NO_KEYRING"] = "1"
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def start_child(code: str, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(**env),
        cwd=ROOT,
    )


def read_until_then_kill(
    proc: subprocess.Popen[str], lines_wanted: int, timeout: float = 60.0
) -> list[str]:
    """Collect the child's stdout lines; SIGKILL it once ``lines_wanted`` arrived."""
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while len(lines) < lines_wanted and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.strip())
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    # Lines already written before the kill count as reported too.
    lines.extend(x.strip() for x in out.splitlines() if x.strip())
    assert proc.returncode == -signal.SIGKILL, err[-2000:]
    return lines


def _mount(path: Path, options: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    return result.returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


def remount_read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True, capture_output=True)
