"""The Windows build cannot be run here, so what can be checked on Linux is: nothing on the
way from `desk-app` to an open window and database calls what only POSIX systems have."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desk_app"

#: Named in the issue; the rest of the start path is found by starting (below).
START_FILES = [
    "desk_app/__main__.py",
    "desk_app/cli/__init__.py",
    "desk_app/cli/common.py",
    "desk_app/cli/gui.py",
    "desk_app/ui/app.py",
    "desk_app/config.py",
    "desk_app/context.py",
    "desk_app/db.py",
    "desk_app/log.py",
    "desk_app/platform_check.py",
    "desk_app/services/backup.py",
    "packaging/desk_app_main.py",
]

POSIX_MODULES = {"fcntl", "pwd", "grp", "termios", "tty", "pty", "resource", "posix", "crypt"}
POSIX_ATTRIBUTES = {
    "os": {
        "fork", "forkpty", "getuid", "geteuid", "getgid", "getegid", "setsid", "setuid",
        "killpg", "getpgid", "setpgrp", "chown", "fchown", "lchown", "mkfifo", "mknod",
        "uname", "getloadavg", "sync", "nice", "wait3", "wait4", "statvfs", "O_NOFOLLOW",
        "O_DIRECTORY", "O_CLOEXEC", "WNOHANG",
    },
    "signal": {
        "SIGKILL", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGCHLD", "SIGPIPE", "SIGQUIT",
        "alarm", "setitimer", "pause", "pthread_kill", "siginterrupt",
    },
}  # fmt: skip


def posix_only_calls(source: str, filename: str = "<source>") -> list[str]:
    """What ``source`` uses that Windows lacks: POSIX-only modules and attributes, and
    ``os.fsync`` on a descriptor opened read-only (Windows' FlushFileBuffers needs write
    access: EBADF) unless the function checks the system or catches the OSError."""
    tree = ast.parse(source, filename)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name in POSIX_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module in POSIX_MODULES:
            found.append(f"from {node.module} import ...")
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.attr in POSIX_ATTRIBUTES.get(node.value.id, ())
        ):
            found.append(f"{node.value.id}.{node.attr} (line {node.lineno})")
        elif isinstance(node, ast.FunctionDef):
            text = ast.unparse(node)
            if (
                "os.fsync(" in text
                and "os.O_RDONLY" in text
                and "os.name" not in text
                and "sys.platform" not in text
                and "except OSError" not in text
            ):
                found.append(f"os.fsync on a read-only descriptor in {node.name}()")
    return [f"{filename}: {what}" for what in found]


def start_path_files(tmp_path: Path) -> set[Path]:
    """The desk_app modules loaded by starting the window's code and opening a database."""
    script = (
        "import sys\n"
        "import desk_app.cli, desk_app.cli.gui, desk_app.ui.app\n"
        "from desk_app.ui.main_window import FEATURES, TAB_CLASSES\n"
        "import importlib\n"
        "for name in [*FEATURES, *(m for m, _ in TAB_CLASSES.values())]:\n"
        "    importlib.import_module(name)\n"
        "from desk_app.context import open_context\n"
        f"open_context({str(tmp_path)!r}).close()\n"
        "for name, module in sorted(sys.modules.items()):\n"
        "    if name.startswith('desk_app') and getattr(module, '__file__', None):\n"
        "        print(module.__file__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    return {Path(line) for line in out.stdout.splitlines()}


def test_the_scan_finds_what_windows_lacks() -> None:
    assert posix_only_calls("import fcntl\nimport os\nos.fork()\n") == [
        "<source>: import fcntl",
        "<source>: os.fork (line 3)",
    ]
    assert posix_only_calls("import signal\nsignal.signal(signal.SIGKILL, f)\n")
    assert posix_only_calls("from pwd import getpwnam\n")
    read_only_fsync = (
        "def f(p):\n    fd = os.open(p, os.O_RDONLY)\n    os.fsync(fd)\n    os.close(fd)\n"
    )
    assert posix_only_calls(read_only_fsync) == [
        "<source>: os.fsync on a read-only descriptor in f()"
    ]
    guarded = "def f(p):\n    if os.name != 'posix':\n        return\n" + read_only_fsync[10:]
    assert posix_only_calls(guarded) == []
    portable = "import os, signal\nos.getpid()\nsignal.signal(signal.SIGTERM, f)\n"
    assert posix_only_calls(portable) == []


def test_nothing_on_the_start_path_is_posix_only(tmp_path: Path) -> None:
    files = {ROOT / f for f in START_FILES} | start_path_files(tmp_path / "data")
    assert PACKAGE / "ui" / "main_window.py" in files and PACKAGE / "db.py" in files
    problems = []
    for path in sorted(files):
        problems += posix_only_calls(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert problems == []


def test_paths_come_from_platformdirs_not_from_home_folders(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The data directory on Windows is %LOCALAPPDATA%\\PemprovJateng\\DeskPilkada: it
    comes from platformdirs, and no start-path file spells a POSIX location itself."""
    import platformdirs
    import platformdirs.windows

    from desk_app import config

    local = "C:\\Users\\petugas\\AppData\\Local"
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda _name: local)
    windows = platformdirs.windows.Windows(config.APP_NAME, config.APP_AUTHOR).user_data_dir
    assert windows.replace("\\", "/").endswith("AppData/Local/PemprovJateng/DeskPilkada")
    asked = []
    monkeypatch.setattr(
        platformdirs, "user_data_dir", lambda *a, **k: asked.append(a) or "/platformdirs"
    )
    assert config.default_data_dir() == Path("/platformdirs")
    assert asked == [(config.APP_NAME, config.APP_AUTHOR)]
    for name in START_FILES:
        text = (ROOT / name).read_text(encoding="utf-8")
        for posix_place in ("~/.local", "/usr/share", "/etc/", "/var/", "~/.config"):
            assert posix_place not in text, f"{name} names {posix_place}"
