"""Hostile and broken input through the services, the CLI and the importers.

Each case either works (and what is stored is what a person would expect) or is refused
with a typed error carrying a code for a clear message. Nothing crashes, and a refused
request writes nothing.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desk_app.cli import main
from desk_app.context import AppContext
from desk_app.models import AuditEntry
from desk_app.services import audit, contacts, importing, incidents
from desk_app.services.actor import Actor
from desk_app.services.errors import ServiceError, ValidationError
from tests.cli.cli_helpers import setup_desk

HOSTILE = [
    "x" * 1_000_000,
    "judul\x00dengan NUL",
    "kontrol\x01\x02\x1b[31m merah\x7f",
    "\u202eRTL override\u202c مرحبا بالعالم",
    "emoji 🗳️🇮🇩👍🏽 zwj 👨‍👩‍👧",
    "'; DROP TABLE incident; --",
    'Robert"); DELETE FROM user_account WHERE ("1"="1',
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    '@HYPERLINK("http://evil")',
    "\t=1+1",
    "\ud800 lone surrogate",
    " ",
    "",
    'MATCH incident_fts "* NEAR( OR AND',
]


def _audit_count(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def _incident(title: str, description: str = "") -> incidents.IncidentInput:
    return incidents.IncidentInput(
        title=title,
        region_code="33.74",
        category="HOAKS",
        severity=2,
        source_type="MEDSOS",
        description=description,
    )


def _try_create(ctx: AppContext, actor: Actor, data: incidents.IncidentInput) -> str | None:
    """The created incident's title, or None when refused (then nothing was written)."""
    before = _audit_count(ctx)
    try:
        with ctx.db.write() as s:
            created = incidents.create_incident(s, actor, data)
    except ValidationError as exc:
        assert exc.errors and all(isinstance(v, str) for v in exc.errors.values())
        assert _audit_count(ctx) == before
        return None
    with ctx.db.read() as s:
        stored = incidents.get_incident(s, actor, created.id)
    assert stored.title == created.title
    return stored.title


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_titles_and_descriptions(ctx: AppContext, admin: Actor, text: str) -> None:
    title = _try_create(ctx, admin, _incident(text))
    if title is not None:
        assert "\x00" not in title and "\x1b" not in title
        assert len(title) <= 300
    _try_create(ctx, admin, _incident("Judul biasa", text))


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=st.text(max_size=400), description=st.text(max_size=2000))
def test_any_text_is_stored_or_refused(
    ctx: AppContext, admin: Actor, title: str, description: str
) -> None:
    _try_create(ctx, admin, _incident(title, description))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(max_size=300),
    phone=st.text(alphabet="0123456789+-() .x#*", max_size=30) | st.text(max_size=30),
    email=st.text(max_size=80),
)
def test_any_contact_is_stored_or_refused(
    ctx: AppContext, admin: Actor, name: str, phone: str, email: str
) -> None:
    before = _audit_count(ctx)
    data = contacts.ContactInput(name=name, category="TOKOH_AGAMA", phones=[phone], email=email)
    try:
        with ctx.db.write() as s:
            contacts.create_contact(s, admin, data)
    except ValidationError:
        assert _audit_count(ctx) == before


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(search=st.text(max_size=60))
def test_any_search_text_is_safe(ctx: AppContext, admin: Actor, search: str) -> None:
    with ctx.db.read() as s:
        incidents.list_incidents(s, incidents.IncidentFilter(search=search))
        audit.list_entries(s, audit.AuditFilter(search=search))
        contacts.list_contacts(s, admin, contacts.ContactFilter(search=search))


def test_sql_like_text_is_just_text(ctx: AppContext, admin: Actor) -> None:
    title = _try_create(ctx, admin, _incident("'; DROP TABLE incident; --"))
    assert title == "'; DROP TABLE incident; --"
    with ctx.db.read() as s:
        rows = incidents.list_incidents(s, incidents.IncidentFilter(search="DROP TABLE"))
    assert [r.title for r in rows] == [title]


def test_formula_like_text_is_not_live_in_exports(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    for text in ("=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"):
        _try_create(ctx, admin, _incident(text))
    with ctx.db.read() as s:
        audit.export(s, audit.AuditFilter(table_name="incident"), tmp_path / "a.xlsx")
        audit.export(s, audit.AuditFilter(table_name="incident"), tmp_path / "a.csv")
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    for row in wb.active.iter_rows():
        for cell in row:
            # Typed text: shown as written, never evaluated (no apostrophe needed).
            assert cell.data_type != "f"
            if str(cell.value or "").startswith(("=", "+", "-", "@")):
                assert cell.data_type == "s"
    with (tmp_path / "a.csv").open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            assert not any(v.startswith(("=", "+", "-", "@")) for v in row)


# --- dates and times ---------------------------------------------------------------------

CLI_ADD = ["incidents", "add", "--title", "Uji", "--region", "33.74", "--category", "HOAKS"]
CLI_ADD += ["--severity", "2", "--source", "MEDSOS"]


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-02-30", "not a date/time"),
        ("2024-13-01T10:00", "not a date/time"),
        ("2024-11-27T25:61", "not a date/time"),
        ("kemarin sore", "not a date/time"),
        ("9999-12-31T23:59", "masa depan"),
        ("2100-01-01", "masa depan"),
        ("0001-01-01", "not a date/time"),
        ("1900-01-01", "lampau"),
    ],
)
def test_impossible_and_far_dates_in_the_cli(
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    value: str,
    message: str,
) -> None:
    setup_desk(data_dir, monkeypatch)
    try:
        status = main([*CLI_ADD, "--occurred-at", value, "--data-dir", str(data_dir)])
    except SystemExit as exc:  # argparse refuses the value itself
        status = int(exc.code or 0)
    err = capsys.readouterr().err
    assert status == 2
    assert message in err and "Traceback" not in err


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
@pytest.mark.parametrize(
    "text", [t for t in HOSTILE if t and "\ud800" not in t and "\x00" not in t]
)
def test_hostile_text_through_the_cli(
    data_dir: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    argv = [*CLI_ADD, "--data-dir", str(data_dir)]
    argv[argv.index("Uji")] = text[:5000]
    status = main(argv)
    _out, err = capsys.readouterr()
    assert status in (0, 2), err
    assert "Traceback" not in err
    if status == 2:
        assert err.strip()


# --- importers (desk_app.services.importing) -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("garbage.csv", bytes(range(256)) * 40),
        ("utf16.csv", "judul,wilayah\nHoaks,33.74\n".encode("utf-16-le")),
        ("empty.csv", b""),
        ("only-bom.csv", b"\xef\xbb\xbf"),
        ("text.xlsx", b"judul,wilayah\nHoaks,33.74\n"),
        ("fake.vcf", b"BEGIN:VCARD\nVERSION:3.0\nFN:KH Ahmad\nTEL:+62 812"),
        ("nul.csv", b"judul,wilayah\nHo\x00aks,33.74\n"),
    ],
)
def test_broken_files_give_a_clear_error(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    try:
        table = importing.read_table(path)
    except ServiceError as exc:
        assert exc.code and exc.code != "error"
        return
    assert isinstance(table.headers, tuple)


def test_truncated_xlsx(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["judul", "wilayah"])
    for n in range(2000):
        ws.append([f"Hoaks {n}", "33.74"])
    good = tmp_path / "good.xlsx"
    wb.save(good)
    data = good.read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ServiceError) as err:
        table = importing.read_table(cut)
        list(importing.iter_table(cut))
        assert table
    assert err.value.code in ("truncated_file", "unreadable_file")
    assert not zipfile.is_zipfile(cut) or err.value.code


@pytest.mark.slow
def test_a_csv_with_a_million_rows_is_streamed(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["judul", "wilayah", "kategori", "keparahan", "sumber"])
        row = ["=cmd|' /C calc'!A0", "99.99", "HOAKS", "2", "MEDSOS"]
        writer.writerows([row] * 1_000_000)
    table = importing.read_table(path)
    assert len(table.preview) <= importing.PREVIEW_ROWS
    assert sum(1 for _ in importing.iter_table(path)) == 1_000_001
    # Checking every row through the services takes minutes: the person may cancel, and
    # a cancelled import writes nothing.
    mapping = importing.guess_mapping("incidents", table.headers)
    checked = 0

    def cancelled() -> bool:
        nonlocal checked
        checked += 1
        return checked > 5_000

    before = _audit_count(ctx)
    with pytest.raises(importing.ImportCancelledError), ctx.db.write() as s:
        importing.import_rows(s, admin, "incidents", path, mapping, cancelled=cancelled)
    assert _audit_count(ctx) == before
