"""The CLI keeps the window's rules (issue 12, section 4): reading needs a signed-in
user, the first administrator is an explicit step, numbers out of range get a message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.cli import main
from desk_app.context import open_context
from desk_app.models import User
from desk_app.models.enums import Role
from tests.cli.cli_helpers import PASSWORD, setup_desk
from tests.conftest import make_user

READING = [
    ["regions", "list"],
    ["doctor"],
    ["backups"],
    ["report", "list"],
]


@pytest.fixture
def cli(data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.delenv("DESK_USER", raising=False)
    monkeypatch.delenv("DESK_PASSWORD", raising=False)
    monkeypatch.delenv("DESK_NEW_PASSWORD", raising=False)
    monkeypatch.setenv("DESK_NO_KEYRING", "1")
    # No terminal: nothing may be asked for.
    monkeypatch.setattr("desk_app.cli.users._interactive", lambda: False)

    def _run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()  # whatever came before (setup_desk's own output)
        code = main([*argv, "--data-dir", str(data_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def _admin_hash(data_dir: Path) -> str | None:
    ctx = open_context(data_dir)
    try:
        with ctx.db.read() as s:
            return s.scalar(select(User.password_hash).where(User.username == "admin"))
    finally:
        ctx.close()


@pytest.mark.parametrize("argv", READING, ids=" ".join)
def test_reading_commands_refuse_a_fresh_desk_and_do_not_adopt_desk_password(
    cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DESK_PASSWORD", "dipakai-diam-diam-1")
    code, out, err = cli(*argv)
    assert code == 2 and out == ""
    assert "desk-app setup" in err
    # DESK_PASSWORD did not quietly become the administrator's password.
    assert _admin_hash(data_dir) is None


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
@pytest.mark.parametrize("argv", READING, ids=" ".join)
def test_reading_commands_need_the_right_password(
    cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:  # type: ignore[no-untyped-def]
    setup_desk(data_dir, monkeypatch)
    monkeypatch.setenv("DESK_PASSWORD", "kata-sandi-salah")
    code, out, err = cli(*argv)
    assert code == 2 and out == "" and "salah" in err
    monkeypatch.delenv("DESK_PASSWORD")
    code, out, err = cli(*argv)
    assert code == 2 and out == "" and "Kata sandi diperlukan" in err
    monkeypatch.setenv("DESK_PASSWORD", PASSWORD)
    code, out, err = cli(*argv, "--json")
    assert code == 0, err
    json.loads(out)


def test_the_backups_list_is_for_administrators(
    cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    setup_desk(data_dir, monkeypatch)
    ctx = open_context(data_dir)
    make_user(ctx, "budi", Role.OPERATOR)
    ctx.close()
    monkeypatch.setenv("DESK_NEW_PASSWORD", "rahasia-budi-1")
    assert cli("users", "passwd", "budi")[0] == 0
    monkeypatch.setenv("DESK_PASSWORD", "rahasia-budi-1")
    code, out, err = cli("backups", "--user", "budi")
    assert code == 2 and out == "" and "tidak berwenang" in err
    code, out, err = cli("regions", "list", "--user", "budi", "--json")
    assert code == 0 and len(json.loads(out)) == 35


def test_setup_asks_twice_and_only_once(
    cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("desk_app.cli.users._interactive", lambda: True)
    monkeypatch.setattr("desk_app.cli.common._interactive", lambda: True)
    answers = iter(["rahasia-satu-1", "rahasia-dua-22"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    code, _, err = cli("setup")
    assert code == 2 and "tidak sama" in err
    assert _admin_hash(data_dir) is None
    answers = iter(["rahasia-satu-1", "rahasia-satu-1"])
    code, out, err = cli("setup")
    assert code == 0, err
    assert "Mulai pertama" in err and "admin" in out
    assert _admin_hash(data_dir) is not None
    monkeypatch.setenv("DESK_PASSWORD", "rahasia-satu-1")
    assert cli("regions", "list")[0] == 0
    code, _, err = cli("setup")
    assert code == 2 and "sudah diatur" in err


def test_setup_without_a_terminal_or_new_password_asks_for_one(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("setup")
    assert code == 2 and "Kata sandi diperlukan" in err


def test_doctor_keeps_a_short_form_for_a_database_that_does_not_open(
    cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    setup_desk(data_dir, monkeypatch)
    assert cli("incidents", "list")[0] == 0
    monkeypatch.delenv("DESK_PASSWORD")  # nobody can sign in against a broken database
    database = data_dir / "desk.sqlite3"
    for extra in ("-wal", "-shm"):
        (data_dir / f"desk.sqlite3{extra}").unlink(missing_ok=True)
    database.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    code, out, err = cli("doctor", "--json")
    report = json.loads(out)
    assert code == 1, err
    assert report["state"] == "broken" and "desk-app restore" in report["advice"]
    # What the files say, none of the desk's data.
    assert "counts" not in report and "site_id" not in report


def test_a_huge_limit_gives_a_message(cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    setup_desk(data_dir, monkeypatch)
    for argv in (
        ["incidents", "list", "--limit", "99999999999999999999"],
        ["incidents", "list", "--offset", "99999999999999999999"],
        ["incidents", "list", "--limit", "0"],
        ["contacts", "list", "--limit", "99999999999999999999"],
    ):
        with pytest.raises(SystemExit) as exit_:
            cli(*argv)
        assert exit_.value.code == 2
    code, _, err = cli("incidents", "list", "--limit", "1000000")
    assert code == 0, err
