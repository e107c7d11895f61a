"""Demo data is not a back door (issue 12, section 3): only an administrator, only on an
empty, unconnected database, which is then marked as a demo database for good."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk_app.context import open_context
from desk_app.models import AuditEntry, Incident, User
from desk_app.models.enums import Role
from desk_app.services import setup
from tests.cli.cli_helpers import PASSWORD, Run
from tests.conftest import make_user


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, run: Run) -> Run:
    monkeypatch.setattr("desk_app.cli.users._interactive", lambda: False)  # no terminal
    return run


def _state(data_dir: Path) -> tuple[bool, int, int, int]:
    ctx = open_context(data_dir)
    try:
        with ctx.db.read() as s:
            return (
                setup.is_demo_database(s),
                int(s.scalar(select(func.count()).select_from(Incident)) or 0),
                int(s.scalar(select(func.count()).select_from(User)) or 0),
                int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0),
            )
    finally:
        ctx.close()


def test_an_operator_may_not_seed_demo_data(
    cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    ctx = open_context(data_dir)
    make_user(ctx, "budi", Role.OPERATOR)
    ctx.close()
    monkeypatch.setenv("DESK_NEW_PASSWORD", "rahasia-budi-1")
    assert cli("users", "passwd", "budi")[0] == 0
    before = _state(data_dir)
    monkeypatch.setenv("DESK_PASSWORD", "rahasia-budi-1")
    code, out, err = cli("seed-demo", "--incidents", "20", "--user", "budi")
    assert code == 2 and "tidak berwenang" in err and out == ""
    assert _state(data_dir) == before and before[0] is False


def test_seed_demo_refuses_a_database_with_real_data(cli, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli(
        "incidents", "add", "--title", "Kejadian sungguhan", "--region", "33.74",
        "--category", "HOAKS", "--severity", "2", "--source", "MEDSOS",
    )  # fmt: skip
    assert code == 0, err
    before = _state(data_dir)
    code, out, err = cli("seed-demo", "--incidents", "20")
    assert code == 2 and out == ""
    assert "hanya untuk basis data yang masih kosong" in err and "1 insiden" in err
    assert _state(data_dir) == before and before[0] is False


def test_seed_demo_refuses_a_desk_connected_to_a_hub(cli, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from desk_app.sync import settings

    settings.save(data_dir, "https://hub.example:8765")
    before = _state(data_dir)
    code, out, err = cli("seed-demo", "--incidents", "20")
    assert code == 2 and out == ""
    assert "terhubung ke hub" in err and "hub.example" in err
    assert _state(data_dir) == before and before[0] is False


def test_seed_demo_marks_the_database_and_prints_working_passwords_once(
    cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("seed-demo", "--incidents", "30", "--seed", "4")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("30 incidents, ")
    assert lines[1].startswith("Akun demo (kata sandi hanya ditampilkan sekali ini)")
    accounts = {line.split()[0]: line.split() for line in lines[2:]}
    assert set(accounts) == {"operator1", "operator2", "operator3", "koordinator"}
    assert accounts["koordinator"][1] == "coordinator"
    assert all(re.fullmatch(r"demo-[A-Za-z0-9]{12}", a[2]) for a in accounts.values())
    assert _state(data_dir)[0] is True
    # The printed password works.
    monkeypatch.setenv("DESK_PASSWORD", accounts["koordinator"][2])
    code, _, err = cli("regions", "list", "--user", "koordinator")
    assert code == 0, err
    # More demo data on a demo database is fine; no account is made (or printed) again.
    monkeypatch.setenv("DESK_PASSWORD", PASSWORD)
    code, out, err = cli("seed-demo", "--incidents", "10", "--seed", "5")
    assert code == 0, err
    assert "Akun demo" not in out
