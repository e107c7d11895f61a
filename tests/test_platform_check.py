"""Before the window: can Qt's xcb plugin load here, and if not, which apt-get line fixes it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from desk_app import platform_check
from desk_app.platform_check import LIBRARY_PACKAGES, check, install, parse_ldd
from tests.cli.cli_helpers import setup_desk

# What `ldd libqxcb.so` printed on a fresh Debian 12 (abridged): two libraries missing, one
# of them twice (once for the plugin, once for libQt6XcbQpa).
LDD_DEBIAN12 = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /x/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)
\t/lib64/ld-linux-x86-64.so.2 (0x00007f)
"""

LINUX_XCB = {"DISPLAY": ":0"}


def fake_ldd(output: str, calls: list[Sequence[str]] | None = None):  # type: ignore[no-untyped-def]
    def run(cmd: Sequence[str]) -> subprocess.CompletedProcess[str]:
        if calls is not None:
            calls.append(list(cmd))
        return subprocess.CompletedProcess(list(cmd), 0, output, "")

    return run


def test_ldd_output_gives_each_missing_library_once() -> None:
    assert parse_ldd(LDD_DEBIAN12) == ("libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    assert parse_ldd("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == ()


def test_missing_libraries_name_the_packages_and_the_exact_command(tmp_path: Path) -> None:
    plugin = tmp_path / "libqxcb.so"
    calls: list[Sequence[str]] = []
    report = check(
        env=LINUX_XCB,
        platform="linux",
        plugin=plugin,
        run=fake_ldd(LDD_DEBIAN12, calls),
        is_root=False,
    )
    assert calls == [["ldd", str(plugin)]]
    assert not report.ok and report.checked
    assert report.packages == ("libxcb-icccm4", "libxcb-keysyms1")
    line = report.message()
    assert "\n" not in line
    assert line.endswith("pasang dengan: sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1")
    assert report.message("en").startswith("the window cannot open")
    as_root = check(
        env=LINUX_XCB, platform="linux", plugin=plugin, run=fake_ldd(LDD_DEBIAN12), is_root=True
    )
    assert as_root.install_command == "apt-get install -y libxcb-icccm4 libxcb-keysyms1"


def test_a_library_without_a_known_package_is_named_as_it_is(tmp_path: Path) -> None:
    output = "\tlibxcb-icccm.so.4 => not found\n\tlibfoo-qt.so.9 => not found\n"
    report = check(
        env=LINUX_XCB, platform="linux", plugin=tmp_path, run=fake_ldd(output), is_root=False
    )
    assert report.packages == ("libxcb-icccm4",)
    assert report.unknown == ("libfoo-qt.so.9",)
    assert "libfoo-qt.so.9" in report.message()


def test_nothing_missing_is_ok_with_no_message(tmp_path: Path) -> None:
    report = check(
        env=LINUX_XCB,
        platform="linux",
        plugin=tmp_path,
        run=fake_ldd("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n"),
    )
    assert report.checked and report.ok and report.message() == ""


@pytest.mark.parametrize(
    ("env", "platform", "reason"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", "QT_QPA_PLATFORM=offscreen"),
        ({"QT_QPA_PLATFORM": "wayland"}, "linux", "QT_QPA_PLATFORM=wayland"),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "linux", "Wayland session"),
        ({}, "win32", "not Linux (win32)"),
        ({}, "darwin", "not Linux (darwin)"),
    ],
)
def test_skipped_off_linux_and_for_other_platform_plugins(
    env: dict[str, str], platform: str, reason: str, tmp_path: Path
) -> None:
    calls: list[Sequence[str]] = []
    report = check(env=env, platform=platform, plugin=tmp_path, run=fake_ldd("", calls))
    assert not report.checked and report.ok and report.skipped_because == reason
    assert calls == []


def test_xcb_chosen_explicitly_is_checked(tmp_path: Path) -> None:
    report = check(
        env={"QT_QPA_PLATFORM": "xcb"},
        platform="linux",
        plugin=tmp_path,
        run=fake_ldd(LDD_DEBIAN12),
    )
    assert report.checked and not report.ok


def test_as_root_install_runs_apt_get_with_the_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    report = check(
        env=LINUX_XCB, platform="linux", plugin=tmp_path, run=fake_ldd(LDD_DEBIAN12), is_root=True
    )
    calls: list[Sequence[str]] = []
    said: list[str] = []
    assert install(report, run=fake_ldd("", calls), echo=said.append)
    assert calls == [
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", "libxcb-icccm4", "libxcb-keysyms1"],
    ]
    assert said == ["desk-app: installing libxcb-icccm4 libxcb-keysyms1 (apt-get)"]


def test_install_is_not_attempted_without_root_and_reports_a_failed_apt_get(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    user = check(
        env=LINUX_XCB, platform="linux", plugin=tmp_path, run=fake_ldd(LDD_DEBIAN12), is_root=False
    )
    calls: list[Sequence[str]] = []
    assert not install(user, run=fake_ldd("", calls), echo=lambda _: None)
    assert calls == []

    root = check(
        env=LINUX_XCB, platform="linux", plugin=tmp_path, run=fake_ldd(LDD_DEBIAN12), is_root=True
    )

    def failing(cmd: Sequence[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(list(cmd), 100, "", "E: Could not get lock\n")

    said: list[str] = []
    assert not install(root, run=failing, echo=said.append)
    assert said[-1] == "desk-app: apt-get update -q failed: E: Could not get lock"


def test_no_display_is_named_before_qt_could_abort() -> None:
    assert platform_check.display_problem({}, "linux") == "no DISPLAY"
    assert platform_check.display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") == ""
    assert platform_check.display_problem({"DISPLAY": ":0"}, "linux") == ""
    assert platform_check.display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") == ""
    assert platform_check.display_problem({}, "win32") == ""


def _without_qt_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":99"
    return env


def test_the_window_stops_with_one_line_and_never_loads_qt(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "import desk_app.platform_check as pc\n"
        "real = pc.check\n"
        "pc.check = lambda **kw: real(plugin=pc.Path('/x/libqxcb.so'), is_root=False,\n"
        f"    run=lambda cmd: pc.subprocess.CompletedProcess(cmd, 0, {LDD_DEBIAN12!r}, ''))\n"
        "from desk_app.cli import main\n"
        f"code = main(['--data-dir', {str(tmp_path)!r}])\n"
        "print(code, any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env=_without_qt_env(),
        check=False,
    )
    assert out.stdout.split() == ["1", "False"], out.stderr
    assert out.stderr.strip().splitlines() == [
        "desk-app: jendela tidak dapat dibuka: pustaka sistem untuk Qt belum terpasang; "
        "pasang dengan: sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1"
    ]


def test_no_display_stops_the_window_with_one_line(tmp_path: Path) -> None:
    env = _without_qt_env()
    del env["DISPLAY"]
    script = (
        "import desk_app.platform_check as pc\n"
        "pc.check = lambda **kw: pc.PlatformReport(checked=True)\n"
        "from desk_app.cli import main\n"
        f"raise SystemExit(main(['--data-dir', {str(tmp_path)!r}, '--lang', 'en']))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert out.returncode == 1
    assert out.stderr.strip().startswith("desk-app: no display to open the window on")
    assert len(out.stderr.strip().splitlines()) == 1


def test_doctor_reports_whether_the_window_can_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desk_app.cli import main

    missing = check(
        env=LINUX_XCB, platform="linux", plugin=tmp_path, run=fake_ldd(LDD_DEBIAN12), is_root=False
    )
    monkeypatch.setattr(platform_check, "check", lambda: missing)
    setup_desk(tmp_path, monkeypatch)  # doctor signs in, as the window does
    capsys.readouterr()
    assert main(["doctor", "--data-dir", str(tmp_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["window"].endswith("sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1")
    monkeypatch.setattr(platform_check, "check", lambda: platform_check.PlatformReport(True))
    assert main(["doctor", "--data-dir", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "window               ok" in lines


def _needed(library: Path) -> list[str]:
    out = subprocess.run(
        ["readelf", "-d", str(library)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return [
        line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "(NEEDED)" in line
    ]


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("readelf") is None,
    reason="needs Linux and readelf",
)
def test_every_system_library_the_installed_plugin_needs_has_a_known_package() -> None:
    """Whatever a machine lacks, the message can name its package: every library that the
    xcb plugin and the Qt libraries it loads link against directly is in the table (or is
    part of every Linux system: the C and C++ runtimes)."""
    plugin = platform_check.find_plugin()
    assert plugin is not None
    qt_lib = plugin.parents[2] / "lib"
    base = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libpthread.so.0"}
    base |= {"libdl.so.2", "librt.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"}
    seen: set[str] = set()
    todo = [plugin]
    unknown: set[str] = set()
    while todo:
        lib = todo.pop()
        for name in _needed(lib):
            if name in seen:
                continue
            seen.add(name)
            if (qt_lib / name).exists():
                todo.append(qt_lib / name)
            elif name not in base and name not in LIBRARY_PACKAGES:
                unknown.add(name)
    assert "libxcb-icccm.so.4" in seen
    assert unknown == set()
