"""The built folder (`make dist`) works on its own: no virtualenv, no Python of the machine.

Skipped unless the folder exists (`make dist` takes minutes; `DESK_DIST_DIR` names another
one). Runs its `desk-app` with a bare environment — PATH without the virtualenv, no
PYTHONPATH or PYTHONHOME, a fresh home and data directory — as a workstation would.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from desk_app import __version__
from desk_app.db import head_revision

ROOT = Path(__file__).resolve().parent.parent
DIST = Path(os.environ.get("DESK_DIST_DIR") or ROOT / "dist" / "DeskPilkada").resolve()
EXE = ".exe" if sys.platform == "win32" else ""
CLI = DIST / f"desk-app{EXE}"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CLI.exists(), reason=f"no build at {DIST} (make dist)"),
]


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a workstation's session has: no virtualenv, no Python settings."""
    env = {
        "HOME": str(home),
        "PATH": os.pathsep.join(
            p for p in ("/usr/bin", "/bin", os.environ.get("SYSTEMROOT", "")) if p
        ),
        "LANG": "C.UTF-8",
        "DESK_PASSWORD": "rahasia-dist-1",
        "QT_QPA_PLATFORM": "offscreen",
    }
    for name in ("SYSTEMROOT", "TEMP", "TMP", "LOCALAPPDATA", "APPDATA"):
        if name in os.environ:
            env[name] = os.environ[name]
    env.update(extra)
    assert not {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"} & env.keys()
    return env


@pytest.fixture
def run(tmp_path: Path):  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    home.mkdir()
    data = tmp_path / "data"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(CLI), "--data-dir", str(data), *args],
            cwd=home,
            env=clean_env(home),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0, f"desk-app {' '.join(args)}:\n{result.stderr}"
        return result

    return run


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_the_folder_holds_both_executables_and_everything_they_read() -> None:
    assert (DIST / f"DeskPilkada{EXE}").is_file()
    inside = DIST / "_internal"
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):
        assert (inside / "resources" / "translations" / f"{ts.stem}.qm").is_file()
    for name in ("regions.csv", "taxonomies.json", "fonts/DejaVuSans.ttf"):
        assert (inside / "resources" / name).is_file()
    versions = ROOT / "desk_app" / "migrations" / "versions"
    for revision in versions.glob("*.py"):
        assert (inside / "desk_app" / "migrations" / "versions" / revision.name).is_file()
    assert not list(inside.rglob("libQt6Quick*")), "Qt Quick is not used: left out"


def test_the_build_runs_the_desk_on_a_bare_machine(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    version = subprocess.run(
        [str(CLI), "--version"],
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert version.stdout.strip() == f"desk-app {__version__}"

    doctor = json.loads(run("doctor", "--json").stdout)
    assert doctor["integrity"] == "ok"
    assert doctor["schema_version"] == doctor["schema_head"] == head_revision()
    assert doctor["version"] == __version__
    assert doctor["counts"]["region"] == 35

    seeded = run("seed-demo", "--incidents", "1000").stdout
    assert seeded.startswith("1000 incidents")
    assert "kata sandi" in seeded
    assert json.loads(run("doctor", "--json").stdout)["counts"]["incident"] == 1000

    pdf = tmp_path / "home" / "sitrep.pdf"
    out = run("report", "--from", "2024-11-20", "--to", "2024-11-28", "-o", str(pdf)).stdout
    assert "Nomor laporan" in out
    from pypdf import PdfReader

    first_page = PdfReader(pdf).pages[0].extract_text()
    assert "LAPORAN SITUASI" in first_page

    png = tmp_path / "home" / "wilayah.png"
    run("screenshot", "--tab", "wilayah", "-o", str(png))
    assert png_size(png) == (1400, 900)
    english = tmp_path / "home" / "wilayah-en.png"
    run("screenshot", "--tab", "wilayah", "--lang", "en", "-o", str(english))
    # The English catalogue was found inside the folder: the picture differs.
    assert english.read_bytes() != png.read_bytes()
