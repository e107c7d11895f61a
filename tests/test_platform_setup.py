"""The first install and `make test` on a bare machine: what they show, what they start."""

from __future__ import annotations

import glob
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

from pip_install import main as pip_install_main  # noqa: E402
from pip_install import shown  # noqa: E402


def test_the_install_shows_one_line_per_package_and_hides_the_noise() -> None:
    pip_lines = [
        "Collecting PySide6!=6.12.0,>=6.7 (from desk-app==0.1.0)",
        "  Downloading pyside6-6.11.3-cp39-abi3-manylinux_2_28_x86_64.whl (550 kB)",
        "Processing /opt/pypi/files/babel-2.18.0-py3-none-any.whl (from desk-app==0.1.0)",
        "Requirement already satisfied: pip in ./.venv/lib/python3.11/site-packages (24.0)",
        "  Building editable for desk-app (pyproject.toml): started",
        "  Building editable for desk-app (pyproject.toml): finished with status 'done'",
        "  BuildBackendWarning: Editable installation.",
        "Installing collected packages: six, pytz, PySide6",
        "Successfully installed PySide6-6.11.3 pytz-2026.6 six-1.17.0",
        "ERROR: No matching distribution found for PySide6",
    ]
    assert [s for s in map(shown, pip_lines) if s] == [
        "  fetching PySide6!=6.12.0,>=6.7",
        "  fetching babel-2.18.0",
        "  building desk-app",
        "  installing 3 packages (this takes a minute)",
        "  installed 3 packages",
        "ERROR: No matching distribution found for PySide6",
    ]


def test_a_failed_install_prints_the_end_of_pips_output_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "pip.log"
    code = pip_install_main([str(log), "--", "--no-index", "desk-app-no-such-package==0"])
    assert code != 0
    err = capsys.readouterr().err
    assert f"its full output: {log}" in err
    assert "desk-app-no-such-package" in log.read_text(encoding="utf-8")


def test_the_editable_install_raises_no_setuptools_warning() -> None:
    """setuptools warns (BuildBackendWarning) about its import hook unless the packages'
    folder is declared; the pyproject declares it."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'package-dir = {"" = "."}' in text


@pytest.mark.skipif(
    not glob.glob("/usr/lib/postgresql/*/bin/initdb"), reason="PostgreSQL is not installed"
)
@pytest.mark.slow
def test_make_test_starts_a_throwaway_postgresql_and_stops_it(tmp_path: Path) -> None:
    """Without DESK_TEST_PG_URL, .ci/test.sh starts a server in a directory of its own on a
    free port, hands its URL to pytest, and stops and removes it afterwards, passing on
    pytest's exit status."""
    fake_python = tmp_path / "python"
    fake_python.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = -m ]; then\n'
        f'  exec {sys.executable} -c "'
        "import os, psycopg; url = os.environ['DESK_TEST_PG_URL'];"
        "print(url);"
        "psycopg.connect(url.replace('+psycopg', '')).close();"
        'raise SystemExit(3)"\n'
        "fi\n"
        f'exec {sys.executable} "$@"\n',
        encoding="utf-8",
    )
    fake_python.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("DESK_TEST_PG_URL", "CI")}
    env["PYTHON"] = str(fake_python)
    out = subprocess.run(
        ["sh", ".ci/test.sh", "-q"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert out.returncode == 3, out.stderr
    url = out.stdout.strip()
    assert url.startswith("postgresql+psycopg://desk:desk@127.0.0.1:")
    assert not url.endswith(":55432/desk_test")  # never CI's server
    pg_dir = Path(out.stderr.split(" in ", 1)[1].split(" on ", 1)[0])
    assert pg_dir.name.startswith("desk-pg-test.")
    assert not pg_dir.exists()  # stopped and removed
    import psycopg

    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url.replace("+psycopg", ""), connect_timeout=3).close()


def test_make_run_checks_qts_libraries_before_the_window_and_dist_before_building() -> None:
    def recipe(target: str) -> list[str]:
        # Run under `make test` too: not as a sub-make (no "Entering directory" lines).
        env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS")}
        out = subprocess.run(
            [
                "make",
                "-n",
                "--no-print-directory",
                "-o",
                ".venv/.installed",
                "-o",
                ".venv/.dist-installed",
                target,
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        return [line for line in out.splitlines() if "lrelease" not in line]

    run = recipe("run")
    assert run[0].endswith("python -m desk_app.platform_check --install")
    assert run[1].strip().endswith("bin/desk-app")
    dist = recipe("dist")
    checks = [i for i, line in enumerate(dist) if "desk_app.platform_check" in line]
    build = next(i for i, line in enumerate(dist) if "pyinstaller" in line)
    assert len(checks) == 2 and max(checks) < build
    assert "packaging/desk-app.spec" in " ".join(dist[build:])
