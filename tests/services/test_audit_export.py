"""The audit log's read side and the formula-safe exports."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desk_app.context import AppContext
from desk_app.models import utcnow
from desk_app.services import audit, incidents, regions
from desk_app.services.actor import Actor
from desk_app.services.export import FORMULA_PREFIXES, safe_cell, write_csv, write_xlsx


def _incident(ctx: AppContext, actor: Actor, title: str) -> str:
    with ctx.db.write() as s:
        return incidents.create_incident(
            s,
            actor,
            incidents.IncidentInput(
                title=title, region_code="33.74", category="HOAKS", severity=2, source_type="MEDSOS"
            ),
        ).id


def test_history_of_one_record_shows_who_and_each_field(
    ctx: AppContext, admin: Actor, operator: Actor
) -> None:
    incident_id = _incident(ctx, operator, "Hoaks surat suara")
    with ctx.db.write() as s:
        incidents.edit_fields(
            s, admin, incident_id, title="Hoaks surat suara tercoblos", severity=3
        )
    with ctx.db.read() as s:
        history = audit.record_history(s, "incident", incident_id)
    assert [h.action for h in history] == ["create", "update"]
    assert history[0].user_name == "operator"
    changed = {c.field: (c.old, c.new) for c in history[1].changes}
    assert changed == {
        "title": ("Hoaks surat suara", "Hoaks surat suara tercoblos"),
        "severity": (2, 3),
    }
    assert history[1].user_name == "admin"


def test_filters_by_user_table_date_and_text(
    ctx: AppContext, admin: Actor, operator: Actor, coordinator: Actor
) -> None:
    _incident(ctx, operator, "Satu")
    _incident(ctx, admin, "Dua")
    with ctx.db.write() as s:
        regions.set_alert_level(s, coordinator, "33.74", "waspada", "Ketegangan massa")
    with ctx.db.read() as s:
        by_op = audit.list_entries(s, audit.AuditFilter(user_id=operator.user_id))
        assert {r.user_name for r in by_op} == {"operator"} and by_op
        region_rows = audit.list_entries(s, audit.AuditFilter(table_name="region"))
        assert [r.action for r in region_rows] == ["update"]
        assert "region" in audit.tables(s)
        now = utcnow()
        assert audit.count_entries(s, audit.AuditFilter(since=now + timedelta(hours=1))) == 0
        assert audit.count_entries(s, audit.AuditFilter(until=now - timedelta(days=1))) == 0
        assert audit.count_entries(s, audit.AuditFilter(search="Ketegangan")) == 1
        # LIKE wildcards in the search are text, not patterns.
        assert audit.count_entries(s, audit.AuditFilter(search="%")) == 0
        total = audit.count_entries(s, audit.AuditFilter())
        page = audit.list_entries(s, audit.AuditFilter(), offset=1, limit=2)
    assert len(page) == 2 and total >= 3


def test_export_neutralises_formulas(ctx: AppContext, operator: Actor, tmp_path: Path) -> None:
    _incident(ctx, operator, "=cmd|' /C calc'!A0")
    with ctx.db.read() as s:
        n_csv = audit.export(s, audit.AuditFilter(table_name="incident"), tmp_path / "a.csv")
        n_xlsx = audit.export(s, audit.AuditFilter(table_name="incident"), tmp_path / "a.xlsx")
    assert n_csv == n_xlsx > 0
    text = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in text
    rows = list(csv.reader(text.splitlines()))
    assert rows[0] == audit.EXPORT_HEADERS
    assert not any(cell.startswith("=") for row in rows for cell in row)
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    cells = [c for row in wb.active.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    # XLSX cells are typed: the text is kept as typed, without CSV's apostrophe.
    formula_like = [c for c in cells if c.value == "=cmd|' /C calc'!A0"]
    assert formula_like and all(c.data_type == "s" for c in formula_like)


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_safe_cell_prefixes(prefix: str) -> None:
    assert safe_cell(prefix + "1+1") == "'" + prefix + "1+1"


def test_safe_cell_keeps_numbers_and_plain_text() -> None:
    assert safe_cell(-5) == -5
    assert safe_cell(2.5) == 2.5
    assert safe_cell(None) == ""
    assert safe_cell("Kota Semarang") == "Kota Semarang"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=5))
# A character the file cannot hold, removed in front of a formula, once made it live.
@example(["\x08=1+1"])
@example(['\x00=HYPERLINK("x")'])
def test_exports_never_hold_a_live_formula(
    tmp_path_factory: pytest.TempPathFactory, row: list[str]
) -> None:
    d = tmp_path_factory.mktemp("x")
    write_csv(d / "x.csv", ["h"] * len(row), [row])
    write_xlsx(d / "x.xlsx", ["h"] * len(row), [row])
    with (d / "x.csv").open(encoding="utf-8-sig", newline="") as fh:
        data = list(csv.reader(fh))[1]
    assert not any(v.startswith(FORMULA_PREFIXES) for v in data)
    wb = openpyxl.load_workbook(d / "x.xlsx")
    for c in next(iter(wb.active.iter_rows(min_row=2))):
        assert c.data_type != "f"
        if str(c.value or "").startswith(FORMULA_PREFIXES):
            assert c.data_type == "s"  # typed text, never evaluated


def test_an_xlsx_drops_what_xml_cannot_hold_and_opens(tmp_path: Path) -> None:
    """U+FFFE, U+FFFF and controls made a workbook nobody could open."""
    write_xlsx(tmp_path / "x.xlsx", ["h"], [["a\ufffeb\uffffc\x01d", "baris\nkedua"]])
    wb = openpyxl.load_workbook(tmp_path / "x.xlsx")
    assert [c.value for c in next(iter(wb.active.iter_rows(min_row=2)))] == [
        "abcd",
        "baris\nkedua",
    ]


def test_failed_export_leaves_no_file(tmp_path: Path) -> None:
    def rows():  # type: ignore[no-untyped-def]
        yield ["a"]
        raise RuntimeError("disk went away")

    with pytest.raises(RuntimeError):
        write_csv(tmp_path / "x.csv", ["h"], rows())
    with pytest.raises(RuntimeError):
        write_xlsx(tmp_path / "x.xlsx", ["h"], rows())
    assert list(tmp_path.iterdir()) == []


def test_a_csv_holds_times_as_the_xlsx_does_without_the_offset(tmp_path: Path) -> None:
    """ "2024-11-30 18:08:27+07:00" in every time cell: LibreOffice and Excel keep such a
    cell as text nobody reads; the XLSX holds 2024-11-30 18:08:27 (WIB, no zone), and an
    import reads a time without a zone as WIB."""
    from datetime import UTC, datetime

    from desk_app.formats import to_wib
    from desk_app.services.importing import _datetime

    moment = to_wib(datetime(2024, 11, 30, 11, 8, 27, tzinfo=UTC))
    path = tmp_path / "t.csv"
    write_csv(path, ["Waktu kejadian"], [[moment]])
    with path.open(encoding="utf-8-sig", newline="") as fh:
        cell = list(csv.reader(fh))[1][0]
    assert cell == "2024-11-30 18:08:27"
    assert _datetime(cell) == moment
    book = tmp_path / "t.xlsx"
    write_xlsx(book, ["Waktu kejadian"], [[moment]])
    assert openpyxl.load_workbook(book).active["A2"].value == datetime(2024, 11, 30, 18, 8, 27)
