"""The built folder (`make dist`) against the source install: size on disk and start time.

    python -m bench dist --no-write     # rows for bench/RESULTS.md, printed
    python -m bench.bench_dist          # the same, as Markdown rows

Needs the build (`make dist`, or ``DESK_DIST_DIR``); without it, reports nothing. Start
time is measured from outside the process, the same way for both: the command line's
start (``--version``) and a start to a rendered main window on a demo database of 1,000
incidents (``desk-app screenshot``: Qt, the database, the window and its tab, off-screen),
alternately, five times each; the floor is the source install (``.venv/bin/desk-app``).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import Result

ROOT = Path(__file__).resolve().parent.parent
DIST = Path(os.environ.get("DESK_DIST_DIR") or ROOT / "dist" / "DeskPilkada").resolve()
EXE = ".exe" if sys.platform == "win32" else ""
SOURCE_CLI = Path(sys.executable).with_name(f"desk-app{EXE}")
PASSWORD = "bench-dist-password"
RUNS = 5


def size_on_disk(folder: Path) -> int:
    """Bytes the folder takes (allocated blocks where the system says; symlinks once)."""
    total = 0
    for path in folder.rglob("*"):
        st = path.lstat()
        if path.is_symlink() or not path.is_file():
            continue
        total += st.st_blocks * 512 if hasattr(st, "st_blocks") else st.st_size
    return total


def _env(home: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    }
    env.update(HOME=str(home), DESK_PASSWORD=PASSWORD, QT_QPA_PLATFORM="offscreen")
    return env


def _time(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - started


def _compare(name: str, args: list[str], home: Path, note: str) -> Result:
    env = _env(home)
    dist_cli = str(DIST / f"desk-app{EXE}")
    for cli in (dist_cli, str(SOURCE_CLI)):  # warm the disk cache once each
        _time([cli, *args], env)
    built: list[float] = []
    source: list[float] = []
    for _ in range(RUNS):
        built.append(_time([dist_cli, *args], env))
        source.append(_time([str(SOURCE_CLI), *args], env))
    value, floor = statistics.median(built), statistics.median(source)
    return Result(
        name,
        value,
        "s",
        floor,
        target="≤ 1.2x the source install",
        passed=value <= 1.2 * floor,
        note=f"{note}; median of {RUNS}, alternately; floor = the source install (.venv)",
    )


def run() -> list[Result]:
    if not (DIST / f"desk-app{EXE}").exists():
        print(f"dist: no build at {DIST} (make dist)", file=sys.stderr)
        return []
    size_mb = size_on_disk(DIST) / 1e6
    results = [
        Result(
            "size of the built folder on disk",
            size_mb,
            "MB",
            target="< 250 MB",
            passed=size_mb < 250,
            note=f"dist/{DIST.name}/, both executables, Python, Qt and the libraries",
        )
    ]
    with tempfile.TemporaryDirectory(prefix="desk-bench-dist-") as tmp:
        home = Path(tmp)
        data = home / "data"
        subprocess.run(
            [str(SOURCE_CLI), "--data-dir", str(data), "seed-demo", "--incidents", "1000"],
            env=_env(home),
            check=True,
            capture_output=True,
            timeout=300,
        )
        results.append(
            _compare(
                "start of the command line (desk-app --version)",
                ["--version"],
                home,
                "interpreter and argument parsing",
            )
        )
        shot = str(home / "shot.png")
        results.append(
            _compare(
                "start to a rendered main window (desk-app screenshot)",
                ["--data-dir", str(data), "screenshot", "--tab", "wilayah", "-o", shot],
                home,
                "Qt, opening the 1,000-incident demo database, signing in, building the "
                "window and its Wilayah tab, rendering it off-screen",
            )
        )
        shutil.rmtree(data, ignore_errors=True)
    return results


def main() -> int:
    for r in run():
        ratio = "-" if r.ratio is None else f"{r.ratio:.2f}"
        floor = "-" if r.floor is None else f"{r.floor:.2f} {r.unit}"
        met = "-" if r.passed is None else ("yes" if r.passed else "**no**")
        print(
            f"| dist | {r.name} | {r.value:.2f} {r.unit} | {floor} | {ratio} | {r.target} "
            f"| {met} | {r.note} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
