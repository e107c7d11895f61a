"""What can be checked on Linux of the Windows packaging: the spec, the installer definition
and the workflow agree with each other and with the repository."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "desk-app.spec"
ISS = ROOT / "packaging" / "windows" / "DeskPilkada.iss"
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"


def iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        elif current:
            sections[current].append(line)
    return sections


def test_the_installer_is_per_machine_under_program_files_with_a_start_menu_entry() -> None:
    setup = dict(line.split("=", 1) for line in iss_sections()["Setup"])
    assert setup["PrivilegesRequired"] == "admin"
    assert setup["DefaultDirName"].startswith("{autopf}\\")
    assert setup["DefaultGroupName"] == "Desk Pilkada"
    icons = iss_sections()["Icons"]
    assert any(
        i.startswith('Name: "{group}\\Desk Pilkada"') and "DeskPilkada.exe" in i for i in icons
    )


def test_uninstall_leaves_the_users_data_alone() -> None:
    text = ISS.read_text(encoding="utf-8")
    sections = iss_sections()
    assert "UninstallDelete" not in sections and "UninstallRun" not in sections
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(";"))
    assert "localappdata" not in code.lower() and "{userappdata}" not in code.lower()


def test_the_installer_packs_the_folder_the_spec_builds() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    name = re.search(r'^NAME = "(\w+)"', spec, re.M)
    assert name
    source = re.search(r'#define SourceDir "([^"]+)"', ISS.read_text(encoding="utf-8"))
    assert source and source.group(1).endswith(f"dist\\{name.group(1)}")
    assert "executable(NAME, console=not WINDOWS)" in spec
    assert 'executable("desk-app", console=True)' in spec
    for entry in iss_sections()["Icons"] + iss_sections()["Run"]:
        exe = re.search(r'\{app\}\\(\S+\.exe)"', entry)
        if exe:
            assert exe.group(1) in (f"{name.group(1)}.exe", "desk-app.exe")


def test_the_workflow_builds_with_the_shared_spec_and_every_catalogue() -> None:
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert "runs-on: windows-" in workflow
    assert r"packaging\desk-app.spec" in workflow
    assert r"packaging\windows\DeskPilkada.iss" in workflow
    assert r"resources\translations\*.ts" in workflow
    for test in re.findall(r"tests\\(\w+\.py)", workflow):
        assert (ROOT / "tests" / test).is_file(), test
    assert "-c constraints.txt" in workflow


def test_the_spec_ships_what_the_app_reads_at_run_time() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    for needed in (
        '"resources" / "regions.csv"',
        '"resources" / "taxonomies.json"',
        '"resources" / "fonts"',
        '"resources/translations"',
        '"desk_app" / "migrations"',
        'collect_data_files("reportlab")',
        '"sqlalchemy.dialects.postgresql.psycopg"',
        '"psycopg_binary"',
    ):
        assert needed in spec, needed
    # Every resource the app opens is inside the folder.
    for path in (ROOT / "resources").iterdir():
        if path.suffix != ".ts" and path.name != "translations":
            assert f'"{path.name}"' in spec, f"resources/{path.name} is not in the spec"
