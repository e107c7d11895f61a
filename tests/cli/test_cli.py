"""The ``desk-app`` command end to end, in a temporary data directory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.cli import main
from desk_app.services import backup
from tests.cli.cli_helpers import PASSWORD, setup_desk


def add_incident(run, *extra: str) -> str:  # type: ignore[no-untyped-def]
    code, out, err = run(
        "incidents", "add", "--title", "Hoaks surat suara", "--region", "33.74",
        "--category", "HOAKS", "--severity", "3", "--source", "MEDSOS",
        "--kecamatan", "Tembalang", *extra,
    )  # fmt: skip
    assert code == 0, err
    return out.strip()


def test_doctor_reports_a_sound_database(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("doctor", "--json")
    report = json.loads(out)
    assert code == 0
    assert report["integrity"] == "ok"
    assert report["counts"]["region"] == 35
    assert report["schema_version"] == report["schema_head"]


def test_incident_lifecycle(run) -> None:  # type: ignore[no-untyped-def]
    ref = add_incident(run, "--link", "https://www.tiktok.com/@a/video/1")
    assert ref.endswith("-00001")
    code, out, _ = run("incidents", "list", "--region", "33.74", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["ref"] for r in rows] == [ref]
    assert rows[0]["platform"] == "TIKTOK"
    assert run("incidents", "edit", ref, "--severity", "4")[0] == 0
    assert run("incidents", "set-status", ref, "terverifikasi", "--note", "Dicek")[0] == 0
    assert run("incidents", "follow-up", ref, "--type", "TAKEDOWN", "--note", "Diajukan")[0] == 0
    code, out, _ = run("incidents", "show", ref, "--json")
    detail = json.loads(out)
    assert (detail["severity"], detail["status"]) == (4, "terverifikasi")
    assert [f["type"] for f in detail["follow_ups"]] == ["TAKEDOWN"]
    code, out, _ = run("incidents", "list", "--search", "surat", "--status", "terverifikasi")
    assert ref in out
    assert run("incidents", "delete", ref)[0] == 0
    code, out, _ = run("incidents", "list", "--json")
    assert json.loads(out) == []


def test_bad_arguments_name_the_problem_and_write_nothing(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(
        "incidents", "add", "--title", "X", "--region", "99.99", "--category", "HOAKS",
        "--severity", "2", "--source", "MEDSOS", "--lang", "en",
    )  # fmt: skip
    assert code == 2
    assert "unknown region code" in err
    code, _, err = run(
        "incidents", "add", "--title", "X", "--region", "33.74", "--category", "HOAKS",
        "--severity", "2", "--source", "MEDSOS",
    )  # fmt: skip
    assert code == 0
    code, _, err = run("incidents", "set-status", "NOPE-2024-00001", "selesai", "--note", "x")
    assert code == 2 and "tidak ditemukan" in err
    with pytest.raises(SystemExit) as exc:
        run("incidents", "add", "--title", "X", "--severity", "9")
    assert exc.value.code == 2
    code, out, _ = run("incidents", "list", "--json")
    assert len(json.loads(out)) == 1


def test_wrong_transition_is_refused(run) -> None:  # type: ignore[no-untyped-def]
    ref = add_incident(run)
    code, _, err = run("incidents", "set-status", ref, "selesai", "--note", "x", "--lang", "en")
    assert code == 2 and "cannot change from baru to selesai" in err


def test_regions(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("regions", "set-level", "33.74", "awas", "--reason", "Kerusuhan")
    assert code == 0, err
    code, out, _ = run("regions", "list", "--json")
    rows = {r["code"]: r for r in json.loads(out)}
    assert len(rows) == 35 and rows["33.74"]["alert_level"] == "awas"
    code, _, err = run("regions", "set-level", "33.74", "merah", "--reason", "x")
    assert code == 2 and "Tingkat siaga" in err


def test_contacts(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("contacts", "add", "--name", "Ahmad", "--category", "TOKOH_AGAMA",
                       "--phone", "12")  # fmt: skip
    assert code == 2 and "Nomor telepon" in err
    code, _, _ = run("contacts", "add", "--name", "Ahmad Darori", "--honorific", "KH",
                     "--category", "TOKOH_AGAMA", "--phone", "0812-2233-4455",
                     "--forum", "FKUB", "--region", "33.74")  # fmt: skip
    assert code == 0
    code, out, _ = run("contacts", "list", "--forum", "FKUB", "--json")
    rows = json.loads(out)
    assert [(r["name"], r["phones"]) for r in rows] == [("Ahmad Darori", ["+6281222334455"])]


def test_seed_demo_is_deterministic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desk_app.context import open_context
    from desk_app.demo import seed_demo
    from desk_app.services import incidents

    def snapshot(name: str) -> list[tuple[object, ...]]:
        ctx = open_context(tmp_path / name, workstation_code="DEMO")
        seed_demo(ctx.db, incidents=300, seed=7)
        with ctx.db.read() as s:
            rows = incidents.list_incidents(s, incidents.IncidentFilter(), limit=1000)
        ctx.close()
        return [(r.id, r.ref, r.title, r.severity, r.status, r.occurred_at) for r in rows]

    first = snapshot("a")
    assert len(first) == 300
    assert first == snapshot("b")
    assert len({r[4] for r in first}) >= 3  # a mix of statuses


def test_seed_demo_refuses_the_same_seed_twice(run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("seed-demo", "--incidents", "50", "--seed", "3")
    assert code == 0, err
    code, _, err = run("seed-demo", "--incidents", "50", "--seed", "3")
    assert code == 2 and "--seed" in err
    code, out, _ = run("doctor", "--json")
    assert json.loads(out)["counts"]["incident"] == 50


def test_the_window_starts_without_loading_every_command(tmp_path: Path) -> None:
    """`desk-app` alone (or with common options) goes to the window without importing the
    command modules, which bring ReportLab and the PostgreSQL dialect, nor the database
    layer, which the window loads behind its sign-in."""
    script = (
        "import sys\n"
        "import desk_app.cli as cli, desk_app.cli.gui as gui\n"
        "seen = []\n"
        "gui.start_gui = lambda args: seen.append(args) or 0\n"
        f"assert cli.main(['--data-dir', {str(tmp_path)!r}, '--lang', 'en']) == 0\n"
        "args = seen[0]\n"
        f"assert (args.data_dir, args.lang, args.command) == ({str(tmp_path)!r}, 'en', None)\n"
        "loaded = [m for m in sys.modules if m.startswith(('reportlab', 'desk_app.cli.report',"
        " 'desk_app.cli.sync', 'desk_app.cli.core', 'sqlalchemy'))]\n"
        "print(loaded)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def test_commands_and_help_still_build_the_whole_parser(capsys: pytest.CaptureFixture[str]) -> None:
    from desk_app.cli import main, window_args

    assert window_args(["incidents", "list"]) is None
    assert window_args(["--help"]) is None
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "incidents" in capsys.readouterr().out


# --- restoring a database that no longer opens ------------------------------------------


def _broken_desk(run, data_dir: Path) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    """A backup holding one incident; a second incident after it; then the file is cut."""
    kept = add_incident(run)
    code, out, err = run("backup", "--json")
    assert code == 0, err
    saved = Path(json.loads(out)["path"])
    add_incident(run)
    db = data_dir / "desk.sqlite3"
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    return saved, kept


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_restore_replaces_a_database_that_no_longer_opens(  # type: ignore[no-untyped-def]
    run, data_dir: Path
) -> None:
    saved, kept = _broken_desk(run, data_dir)
    db = data_dir / "desk.sqlite3"
    broken = db.read_bytes()
    code, out, err = run("restore", str(saved))
    assert code == 0, err
    assert "does not open" in err
    assert "moved aside unchanged" in out
    aside = [p for p in (data_dir / "backups").iterdir() if "-broken" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == broken
    assert aside[0].name in out
    code, out, _ = run("incidents", "list", "--json")
    assert code == 0 and [r["ref"] for r in json.loads(out)] == [kept]
    code, out, _ = run("doctor", "--json")
    assert code == 0 and json.loads(out)["integrity"] == "ok"
    code, out, _ = run("backups", "--json")
    assert sorted(b["kind"] for b in json.loads(out)) == ["broken", "manual"]


def test_restore_refuses_a_bad_file_and_leaves_a_broken_database_as_it_is(  # type: ignore[no-untyped-def]
    run, data_dir: Path, tmp_path: Path
) -> None:
    _broken_desk(run, data_dir)
    db = data_dir / "desk.sqlite3"
    broken = db.read_bytes()
    listed = sorted(p.name for p in (data_dir / "backups").iterdir())
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("bukan basis data")
    code, _, err = run("restore", str(bad))
    assert code == 3
    assert "bukan basis data Desk Pilkada" in err
    code, _, err = run("restore", str(tmp_path / "missing.sqlite3"), "--lang", "en")
    assert code == 3 and "is not a Desk Pilkada database" in err
    assert db.read_bytes() == broken
    assert sorted(p.name for p in (data_dir / "backups").iterdir()) == listed


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_restore_over_a_broken_database_needs_an_administrator_of_the_backup(  # type: ignore[no-untyped-def]
    run, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved, _ = _broken_desk(run, data_dir)
    db = data_dir / "desk.sqlite3"
    broken = db.read_bytes()
    monkeypatch.setenv("DESK_PASSWORD", "kata-sandi-salah")
    code, _, err = run("restore", str(saved))
    assert code != 0 and "salah" in err
    assert db.read_bytes() == broken
    assert not [p for p in (data_dir / "backups").iterdir() if "-broken" in p.name]
    assert not list(data_dir.glob("*.restore*"))


def test_restore_over_a_sound_database_keeps_it(run, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    kept = add_incident(run)
    code, out, _ = run("backup", "--json")
    saved = json.loads(out)["path"]
    add_incident(run)
    code, out, err = run("restore", saved)
    assert code == 0, err
    assert "previous database kept as" in out and "before-restore" in out
    code, out, _ = run("incidents", "list", "--json")
    assert [r["ref"] for r in json.loads(out)] == [kept]


def test_restore_mentions_the_hub_only_when_this_desk_has_one(  # type: ignore[no-untyped-def]
    run, data_dir: Path
) -> None:
    from desk_app.sync import settings as hub_settings

    add_incident(run)
    code, out, _ = run("backup", "--json")
    saved = json.loads(out)["path"]
    code, out, err = run("restore", saved)
    assert code == 0, err
    told = [line for line in out.splitlines() if "workstation baru" in line]
    assert len(told) == 1
    assert "hub" not in told[0] and "sinkron" not in told[0]  # no hub: nothing to enroll with
    hub_settings.save(data_dir, "https://hub.setda.local:8765")
    code, out, err = run("restore", saved, "--lang", "en")
    assert code == 0, err
    assert "new workstation" in out and "desk-app hub enroll" in out


def test_restore_refuses_another_desks_backup_without_yes(  # type: ignore[no-untyped-def]
    run, data_dir: Path, tmp_path: Path
) -> None:
    from desk_app.context import open_context

    other = open_context(tmp_path / "other", workstation_code="GB9")
    theirs = tmp_path / "gb9.sqlite3"
    backup.create_backup(other.paths.database, other.paths.backups_dir, dest=theirs)
    other.close()
    before = (data_dir / "desk.sqlite3").read_bytes()
    code, _, err = run("restore", str(theirs))
    assert code != 0 and "desk lain (GB9)" in err and "--yes" in err
    assert " hub" not in err  # this desk has none
    assert (data_dir / "desk.sqlite3").read_bytes() == before
    code, out, err = run("restore", str(theirs), "--yes")
    assert code == 0, err
    assert "workstation baru" in out


def test_another_desks_backup_refused_below_the_command_speaks_the_users_language() -> None:
    from desk_app.messages import error_message

    error = backup.BackupError(
        "other_desk", "x is a backup of another desk (GB9)", backup_code="GB9"
    )
    assert "desk lain (GB9)" in error_message(error.code, error.values, str(error), "id")
    assert "another desk (GB9)" in error_message(error.code, error.values, str(error), "en")
    for code in ("no_backup", "no_good_backup"):
        assert error_message(code, {"path": "/x"}, "fallback", "id") != "fallback"


def test_restore_into_a_new_data_directory(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = add_incident(run)
    saved = tmp_path / "flashdisk.sqlite3"
    assert run("backup", "-o", str(saved))[0] == 0
    fresh = tmp_path / "new-desk"
    # No database yet: the administrator of the backup restores it (no throw-away desk).
    assert main(["restore", str(saved), "--data-dir", str(fresh)]) == 0
    out, err = capsys.readouterr()
    assert "restored from" in out and "kept as" not in out, err
    assert main(["incidents", "list", "--json", "--data-dir", str(fresh)]) == 0
    out, _ = capsys.readouterr()
    assert [r["ref"] for r in json.loads(out)] == [kept]


def test_a_reader_that_goes_away_is_not_a_storage_problem(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`desk-app regions list | head -1`: no "cannot write" message when head exits."""
    import os

    monkeypatch.setenv("DESK_DATA_DIR", str(data_dir))
    setup_desk(data_dir, monkeypatch)
    env = dict(os.environ, DESK_DATA_DIR=str(data_dir), DESK_PASSWORD=PASSWORD)
    assert main(["seed-demo", "--incidents", "3000", "--contacts", "0"]) == 0
    # Far more than a pipe holds: the writer is still writing when head has gone.
    command = f"{sys.executable} -m desk_app.cli incidents list --json --limit 3000 | head -1"
    out = subprocess.run(
        ["sh", "-c", command], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert out.stdout.strip()
    assert "desk-app:" not in out.stderr, out.stderr


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
@pytest.mark.parametrize("damage", ["garbage", "garbled_after_header"])
def test_a_damaged_database_points_to_restore_without_a_traceback(
    run, data_dir: Path, damage: str
) -> None:  # type: ignore[no-untyped-def]
    assert run("regions", "list")[0] == 0
    database = data_dir / "desk.sqlite3"
    for extra in ("-wal", "-shm"):
        (data_dir / f"desk.sqlite3{extra}").unlink(missing_ok=True)
    junk = bytes(range(256)) * 40
    database.write_bytes(junk if damage == "garbage" else b"SQLite format 3\x00" + junk)
    code, _out, err = run("regions", "list")
    assert code == 3
    assert "Traceback" not in err
    assert "rusak" in err and "desk-app restore" in err
