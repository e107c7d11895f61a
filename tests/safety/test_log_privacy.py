"""A log written during a full run holds no password, phone number, e-mail or credential."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from desk_app.cli import main
from desk_app.log import REDACTED, redact, setup_logging, shutdown_logging

SECRETS = {
    "admin password": "Adm1n-Rahasia!",
    "new user password": "Budi-Rahasia-77",
    "hub password": "HubS3cret99",
    "phone": "0812-3456-7890",
    "phone e164": "+6281234567890",
    "phone digits": "81234567890",
    "second phone": "024 3511 234",
    "email": "kh.ahmad@example.org",
}


def _run(argv: list[str], data_dir: Path) -> int:
    try:
        return main([*argv, "--data-dir", str(data_dir)])
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_full_run_leaves_no_secret_in_the_log(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DESK_NO_KEYRING", "1")
    monkeypatch.setenv("DESK_NEW_PASSWORD", SECRETS["admin password"])
    assert _run(["setup"], data_dir) == 0
    monkeypatch.setenv("DESK_PASSWORD", SECRETS["admin password"])
    monkeypatch.setenv("DESK_NEW_PASSWORD", SECRETS["new user password"])
    assert _run(["users", "add", "budi", "--role", "operator"], data_dir) == 0
    assert (
        _run(
            [
                "contacts",
                "add",
                "--name",
                "KH Ahmad",
                "--category",
                "TOKOH_AGAMA",
                "--phone",
                SECRETS["phone"],
                "--phone",
                SECRETS["second phone"],
                "--email",
                SECRETS["email"],
                "--whatsapp",
                SECRETS["phone"],
            ],
            data_dir,
        )
        == 0
    )
    assert _run(["contacts", "list", "--json"], data_dir) == 0
    # A wrong password, a phone number where it does not belong, a hub with credentials.
    monkeypatch.setenv("DESK_PASSWORD", "salah-" + SECRETS["admin password"])
    assert _run(["users", "list"], data_dir) != 0
    monkeypatch.setenv("DESK_PASSWORD", SECRETS["admin password"])
    _run(
        ["contacts", "add", "--name", "X", "--category", "TOKOH_AGAMA", "--phone", "0812-BUKAN"],
        data_dir,
    )
    hub = f"postgresql+psycopg://desk:{SECRETS['hub password']}@127.0.0.1:1/hub"
    _run(["sync", "--hub", hub], data_dir)
    _run(["hub", "connect", hub], data_dir)
    # Things the code itself might log, deliberately, and an error with a traceback.
    log = logging.getLogger("desk_app.test")
    log.info("dialled %s, mail %s", SECRETS["phone e164"], SECRETS["email"])
    log.info("config password=%s url=%s", SECRETS["hub password"], hub)
    try:
        raise RuntimeError(f"cannot reach {hub} for {SECRETS['phone digits']}")
    except RuntimeError:
        log.exception("sync failed")
    shutdown_logging()
    capsys.readouterr()

    text = (data_dir / "desk.log").read_text(encoding="utf-8")
    assert "signed in: admin" in text and "Traceback" in text and REDACTED in text
    for what, secret in SECRETS.items():
        assert secret not in text, f"{what} leaked into the log"
    # Nor in the database file itself, for the passwords.
    raw = (data_dir / "desk.sqlite3").read_bytes()
    for key in ("admin password", "new user password"):
        assert SECRETS[key].encode() not in raw


@pytest.mark.parametrize(
    "text",
    [
        "sqlite:///C:/desk/hub.sqlite3 at 2024-11-27 14:30:00",
        "GB1-2024-00042 created, 200000 incidents in 12.5 s",
        "region 33.74 Kota Semarang set to siaga",
        "version 000001732000000.000001.abcd id 6f1f0c1e-4d0a-5b7e-9a52-33a7e1d1b2c4",
    ],
)
def test_ordinary_lines_are_kept(text: str) -> None:
    assert redact(text) == text


def test_setup_logging_on_a_read_only_place_is_not_fatal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    setup_logging(blocker / "desk.log")  # its "folder" is a file: cannot be created
    assert "cannot be written" in capsys.readouterr().err
    shutdown_logging()
