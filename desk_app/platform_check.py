"""Can the window open on this machine? Checked before Qt is loaded.

On Linux, Qt draws through its ``xcb`` platform plugin, which links against a dozen X11
and OpenGL libraries that a fresh Debian or Ubuntu machine (a server, a minimal desktop)
may lack. Qt then aborts with "Could not load the Qt platform plugin" and a hint that
often names the wrong package. So before the window starts, ``ldd`` is asked which
libraries the plugin cannot find, and they are mapped to the Debian packages that hold
them: ``make run`` installs those when it runs as root, and the window's start stops
with one line naming the exact ``apt-get install`` command otherwise.

Nothing here imports Qt (the point is to ask before loading it); ``desk-app doctor``
reports the same. Skipped off Linux, when another platform plugin is chosen
(``QT_QPA_PLATFORM=offscreen``, ``wayland``, ...) and in a Wayland session.

``python -m desk_app.platform_check [--install]`` runs the check from the shell.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Shared libraries the xcb plugin and the Qt libraries it loads link against, and the
#: Debian/Ubuntu package that ships each (the same names on Debian 12 and Ubuntu 22.04+;
#: on newer releases apt picks the renamed ``t64`` package for the old name by itself).
LIBRARY_PACKAGES: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libOpenGL.so.0": "libopengl0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libICE.so.6": "libice6",
    "libSM.so.6": "libsm6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
}

#: Platform plugins that need no display libraries beyond Qt's own.
_HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "linuxfb", "eglfs")

Runner = Callable[[Sequence[str]], "subprocess.CompletedProcess[str]"]


def _run(cmd: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(cmd), capture_output=True, text=True, timeout=60, check=False)


@dataclass(frozen=True)
class PlatformReport:
    """What the check found. ``checked`` is False when it did not apply or could not run."""

    checked: bool
    plugin: Path | None = None
    missing_libraries: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()
    #: Missing libraries with no known package (named as they are in the message).
    unknown: tuple[str, ...] = ()
    #: Why the check was skipped, for ``doctor``.
    skipped_because: str = ""
    is_root: bool = field(default=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.missing_libraries

    @property
    def install_command(self) -> str:
        prefix = "" if self.is_root else "sudo "
        return f"{prefix}apt-get install -y {' '.join(self.packages)}"

    def message(self, lang: str = "id") -> str:
        """One line saying what is missing and the command that installs it."""
        if self.ok:
            return ""
        parts = []
        if self.packages:
            if lang == "en":
                parts.append(
                    "the window cannot open: system libraries for Qt are missing; "
                    f"install them with: {self.install_command}"
                )
            else:
                parts.append(
                    "jendela tidak dapat dibuka: pustaka sistem untuk Qt belum terpasang; "
                    f"pasang dengan: {self.install_command}"
                )
        if self.unknown:
            names = ", ".join(self.unknown)
            if lang == "en":
                parts.append(f"also missing (install the package that provides it): {names}")
            else:
                parts.append(f"juga belum ada (pasang paket yang menyediakannya): {names}")
        return "; ".join(parts)


def applies(env: Mapping[str, str] | None = None, platform: str | None = None) -> str:
    """Empty when the xcb check applies, else why it does not."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return f"not Linux ({platform})"
    chosen = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip()
    if chosen and chosen != "xcb":
        return f"QT_QPA_PLATFORM={chosen}"
    if not chosen and env.get("WAYLAND_DISPLAY"):
        # A Wayland session: Qt 6 draws through its wayland plugin there, not xcb.
        return "Wayland session"
    return ""


def find_plugin() -> Path | None:
    """PySide6's xcb plugin, found without importing PySide6 (nor Qt)."""
    roots: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller build
    if bundle:
        roots.append(Path(bundle) / "PySide6")
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        roots.extend(Path(p) for p in spec.submodule_search_locations)
    for root in roots:
        for candidate in (
            root / "Qt" / "plugins" / "platforms" / "libqxcb.so",
            root / "plugins" / "platforms" / "libqxcb.so",
        ):
            if candidate.is_file():
                return candidate
    return None


def parse_ldd(output: str) -> tuple[str, ...]:
    """The libraries ``ldd`` reports as "not found", each once, in order."""
    missing: list[str] = []
    for line in output.splitlines():
        name, sep, rest = line.strip().partition(" => ")
        if sep and rest.strip().startswith("not found") and name not in missing:
            missing.append(name)
    return tuple(missing)


def check(
    *,
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    plugin: Path | None = None,
    run: Runner = _run,
    is_root: bool | None = None,
) -> PlatformReport:
    """Which libraries Qt's xcb plugin cannot load here, and the packages that hold them."""
    if is_root is None:
        euid = getattr(os, "geteuid", None)  # POSIX only; this runs on Windows too
        is_root = euid is not None and euid() == 0
    root = is_root
    reason = applies(env, platform)
    if reason:
        return PlatformReport(checked=False, skipped_because=reason, is_root=root)
    plugin = plugin or find_plugin()
    if plugin is None:
        return PlatformReport(
            checked=False, skipped_because="Qt's xcb plugin not found", is_root=root
        )
    ldd = shutil.which("ldd") if run is _run else "ldd"
    if ldd is None:
        return PlatformReport(checked=False, plugin=plugin, skipped_because="no ldd", is_root=root)
    try:
        result = run([ldd, str(plugin)])
    except (OSError, subprocess.SubprocessError) as exc:
        return PlatformReport(
            checked=False, plugin=plugin, skipped_because=f"ldd failed: {exc}", is_root=root
        )
    missing = parse_ldd(result.stdout)
    packages: list[str] = []
    unknown: list[str] = []
    for lib in missing:
        package = LIBRARY_PACKAGES.get(lib)
        if package is None:
            unknown.append(lib)
        elif package not in packages:
            packages.append(package)
    return PlatformReport(
        checked=True,
        plugin=plugin,
        missing_libraries=missing,
        packages=tuple(packages),
        unknown=tuple(unknown),
        is_root=root,
    )


def install(
    report: PlatformReport, *, run: Runner = _run, echo: Callable[[str], None] = print
) -> bool:
    """Install the report's packages with apt-get (as root). True when apt-get succeeded."""
    if not report.packages or not report.is_root or shutil.which("apt-get") is None:
        return False
    os.environ.setdefault("DEBIAN_FRONTEND", "noninteractive")
    echo(f"desk-app: installing {' '.join(report.packages)} (apt-get)")
    for cmd in (
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", *report.packages],
    ):
        result = run(cmd)
        if result.returncode != 0:
            lines = (result.stderr or result.stdout or "").strip().splitlines()
            echo(f"desk-app: {' '.join(cmd)} failed" + (f": {lines[-1]}" if lines else ""))
            return False
    return True


def display_problem(env: Mapping[str, str] | None = None, platform: str | None = None) -> str:
    """Why no window can appear on this Linux session at all (no display), else empty."""
    env = os.environ if env is None else env
    if applies(env, platform):
        return ""
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return ""
    return "no DISPLAY"


def main(argv: Sequence[str] | None = None) -> int:
    """``--install``: as root, apt-get what is missing; otherwise only report."""
    args = list(sys.argv[1:] if argv is None else argv)
    lang = os.environ.get("DESK_LANG", "id")
    report = check()
    if report.ok:
        return 0
    if "--install" in args:
        if report.is_root and install(report) and check().ok:
            return 0
        if not report.is_root:
            # Not ours to install: the window's start says what to run, in one line.
            return 0
    print(f"desk-app: {report.message(lang)}", file=sys.stderr)
    return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
