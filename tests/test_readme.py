"""The README's commands run as written, so the README cannot drift from the code.

Every fenced ``sh`` block is run as one bash script (so its ``export``s carry over to its
next lines), in a temporary home and data directory, with ``desk-app`` and
``.venv/bin/desk-app`` being this checkout's command and ``make run ARGS="…"`` the same as
``desk-app …``. Lines that cannot run here are listed in ``SKIPPED`` with the reason, and
replaced by ``:`` (so a block's other lines still run): those that open the window, need a
server, change the system, or would run the suite inside itself.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

#: (pattern, why): a README line matching the pattern is not run.
SKIPPED: list[tuple[str, str]] = [
    (r"^make test\b", "the suite itself"),
    (r"^make (lint|bench|dist)\b", "minutes long (make dist: tests/test_dist_build.py)"),
    (r"postgresql(\+psycopg)?://|\.ci/pg\.sh", "needs a PostgreSQL server"),
    (r"^(sudo|apt-get)\b", "changes the system"),
]

#: Common options of ``desk-app`` that take a value; what is left is the command.
_VALUE_OPTIONS = {"--data-dir", "--user", "--lang"}


def fenced_blocks(text: str, language: str = "sh") -> list[list[str]]:
    """The lines of each fenced block in ``language``."""
    blocks = []
    for match in re.finditer(r"^( *)```(\w*)\n(.*?)^ *```", text, re.S | re.M):
        if match.group(2) == language:
            indent = len(match.group(1))
            blocks.append([line[indent:] for line in match.group(3).splitlines()])
    return blocks


def _command_words(line: str) -> list[str]:
    try:
        return shlex.split(line, comments=True)
    except ValueError:
        return []


def opens_the_window(line: str) -> bool:
    """``desk-app`` with options only, or ``make run`` without a command in ARGS."""
    words = _command_words(line)
    while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):  # VAR=value desk-app ...
        words = words[1:]
    if not words:
        return False
    if words[:2] == ["make", "run"]:
        args = next((w.split("=", 1)[1] for w in words[2:] if w.startswith("ARGS=")), "")
        words = ["desk-app", *shlex.split(args)]
    if Path(words[0]).name != "desk-app":
        return False
    rest = words[1:]
    while rest:
        if rest[0] in _VALUE_OPTIONS:
            rest = rest[2:]
        elif rest[0].startswith("--") and "=" in rest[0]:
            rest = rest[1:]
        else:
            return rest[0] == "gui"
    return True


def why_skipped(line: str) -> str:
    stripped = line.strip()
    if opens_the_window(stripped):
        return "opens the window"
    for pattern, why in SKIPPED:
        if re.search(pattern, stripped):
            return why
    return ""


def script_of(block: list[str]) -> str:
    lines = ["set -euo pipefail"]
    for line in block:
        if why_skipped(line):
            lines.append(f": skipped: {shlex.quote(line)}")
            continue
        line = line.replace(".venv/bin/desk-app", "desk-app")
        line = re.sub(r'^make run ARGS="([^"]*)"', r"desk-app \1", line.strip())
        lines.append(line)
    return "\n".join(lines) + "\n"


def _environment(home: Path) -> dict[str, str]:
    bin_dir = home / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "desk-app"
    shim.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m desk_app "$@"\n')
    shim.chmod(0o755)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DESK_") and k not in ("PYTHONPATH", "VIRTUAL_ENV")
    }
    env.update(
        HOME=str(home),
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        DESK_DATA_DIR=str(home / "data"),
        DESK_PASSWORD="readme-admin-123",
        # What a person types twice at `desk-app setup`.
        DESK_NEW_PASSWORD="readme-admin-123",
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
    )
    return env


def test_the_skip_rules_know_the_window_from_a_command() -> None:
    assert opens_the_window("desk-app")
    assert opens_the_window(".venv/bin/desk-app --data-dir ~/desk-A   # the window of desk A")
    assert opens_the_window('make run ARGS="--data-dir $HOME/desk-demo"')
    assert opens_the_window("make run     # install into .venv")
    assert not opens_the_window('make run ARGS="doctor"')
    assert not opens_the_window("desk-app --data-dir ~/desk-A hub connect sqlite:///x")
    assert not opens_the_window("DESK_PASSWORD=x desk-app --user k regions list")
    assert why_skipped("make test    # the whole test suite") == "the suite itself"
    assert why_skipped('eval "$(sh .ci/pg.sh)"') == "needs a PostgreSQL server"
    assert why_skipped("desk-app seed-demo --incidents 1000") == ""


def test_the_readme_has_commands_to_run() -> None:
    blocks = fenced_blocks(README.read_text(encoding="utf-8"))
    runnable = [line for b in blocks for line in b if line.strip() and not why_skipped(line)]
    assert any("seed-demo" in line for line in runnable)
    assert any("report" in line for line in runnable)


@pytest.mark.slow
def test_every_command_in_the_readme_runs(tmp_path: Path) -> None:
    env = _environment(tmp_path)
    text = README.read_text(encoding="utf-8").replace("/srv/desk", str(tmp_path / "srv"))
    (tmp_path / "srv").mkdir()
    for number, block in enumerate(fenced_blocks(text), 1):
        script = script_of(block)
        result = subprocess.run(
            ["bash", "-c", script],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, (
            f"README sh block {number} failed:\n{script}\n"
            f"stdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-3000:]}"
        )


def test_the_demo_users_sign_in_with_the_password_seed_demo_printed(tmp_path: Path) -> None:
    env = _environment(tmp_path)

    def run(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desk_app", *args],
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    assert run("setup").returncode == 0  # the administrator (DESK_NEW_PASSWORD), first
    seeded = run("seed-demo", "--incidents", "20")
    assert seeded.returncode == 0, seeded.stderr
    found = dict(re.findall(r"^  (\S+)\s+\S+\s+(demo-\S+)$", seeded.stdout, re.M))
    assert set(found) == {"koordinator", "operator1", "operator2", "operator3"}, seeded.stdout
    level = ("regions", "set-level", "33.22", "waspada", "--reason", "Latihan")
    refused = run("--user", "koordinator", *level, DESK_PASSWORD="not-it-123")
    assert refused.returncode != 0
    signed_in = run("--user", "koordinator", *level, DESK_PASSWORD=found["koordinator"])
    assert signed_in.returncode == 0, signed_in.stderr
    # Printed once: a second seed leaves the passwords as they are and says nothing of them.
    again = run("seed-demo", "--incidents", "5", "--seed", "2")
    assert again.returncode == 0, again.stderr
    assert "demo-" not in again.stdout
    still = run("--user", "operator2", "incidents", "list", DESK_PASSWORD=found["operator2"])
    assert still.returncode == 0, still.stderr


def test_the_windows_steps_build_every_translation_catalogue() -> None:
    text = README.read_text(encoding="utf-8")
    (steps,) = fenced_blocks(text, "powershell")
    assert any(r"resources\translations\*.ts" in line for line in steps)
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        assert f"`{ts.stem}`" in text, f"{ts.name} is not named in the Windows steps"


def test_the_menu_names_in_the_readme_are_the_windows_own() -> None:
    """Each **Menu → Item** the README names is a menu and an item of the window."""
    text = README.read_text(encoding="utf-8")
    sources = set()
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):
        sources |= {
            s.replace("&amp;", "").replace("&", "")
            for s in re.findall(r"<source>(.*?)</source>", ts.read_text(encoding="utf-8"))
        }
    paths = re.findall(r"\*\*([^*\n]+ → [^*\n]+)\*\*", text)
    assert paths
    for path in paths:
        for part in path.split(" → "):
            assert part in sources, f"README names {part!r} ({path}), which the window lacks"
