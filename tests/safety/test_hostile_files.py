"""Hostile and odd files through the import service (issue 12, section 5).

Each file here once hung the import, filled the memory, raised a raw parser error or was
misread. Through the service, and through ``desk-app incidents import`` where it matters
to the person at the desk.
"""

from __future__ import annotations

import csv
import tracemalloc
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from desk_app.context import AppContext
from desk_app.messages import error_message
from desk_app.models import AuditEntry, Incident
from desk_app.models.sync import OutboxEntry
from desk_app.services import exporting, importing, incidents
from desk_app.services.actor import Actor
from desk_app.services.importing import ImportFileError
from desk_app.services.incidents import IncidentFilter, IncidentInput

HEADERS = ["Judul", "Kabupaten/kota", "Kategori", "Keparahan", "Sumber"]
GOOD = ["Hoaks surat suara tercoblos", "33.74", "HOAKS", "2", "MEDSOS"]
BAD = ["", "99.99", "HOAKS", "9", "MEDSOS"]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _rewrite(path: Path, member: str, change) -> None:  # type: ignore[no-untyped-def]
    """Replace one part of a workbook by ``change(old_text)``."""
    with zipfile.ZipFile(path) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    parts[member] = change(parts[member].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)


def _mapping(path: Path) -> dict[str, str]:
    table = importing.read_table(path)
    mapping = importing.guess_mapping("incidents", table.headers)
    assert importing.check_mapping("incidents", mapping, table.headers) == []
    return mapping


def _count(ctx: AppContext, model: type) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


# --- a sheet that claims to be enormous ------------------------------------------------------


def _far_cell_workbook(tmp_path: Path) -> Path:
    """A few kilobytes whose one stray cell sits at XFD1048576, the last cell a sheet
    can have, and which declares that size."""
    path = _xlsx(tmp_path / "far.xlsx", [HEADERS, GOOD, GOOD])

    def change(xml: str) -> str:
        xml = xml.replace('<dimension ref="A1:E3" />', '<dimension ref="A1:XFD1048576" />')
        far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        return xml.replace("</sheetData>", far + "</sheetData>")

    _rewrite(path, "xl/worksheets/sheet1.xml", change)
    assert path.stat().st_size < 10_000
    return path


def test_a_sheets_declared_size_is_not_padded_out(tmp_path: Path) -> None:
    path = _far_cell_workbook(tmp_path)
    rows = importing.iter_table(path)
    header = next(rows)
    # Padded to the declared 16,384 columns before; now as wide as the row really is.
    assert header == HEADERS
    assert next(rows) == GOOD
    rows.close()  # type: ignore[attr-defined]


def test_a_far_stray_cell_is_checked_and_imported_quickly(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    path = _far_cell_workbook(tmp_path)
    with ctx.db.write() as s:
        report = importing.import_rows(s, admin, "incidents", path, _mapping(path))
    # The stray cell is far right of every mapped column: its row is blank.
    assert (report.total, report.imported, report.bad_count) == (2, 2, 0)


# --- more rows than one import takes ------------------------------------------------------


def test_a_file_over_the_row_limit_is_refused_and_nothing_is_saved(
    ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "MAX_ROWS", 30)
    monkeypatch.setattr(importing, "BATCH_ROWS", 7)
    for suffix in (".csv", ".xlsx"):
        path = tmp_path / f"long{suffix}"
        rows = [HEADERS] + [GOOD] * 31
        if suffix == ".csv":
            with path.open("w", encoding="utf-8", newline="") as fh:
                csv.writer(fh).writerows(rows)
        else:
            _xlsx(path, rows)  # type: ignore[arg-type]
        before = _count(ctx, Incident), _count(ctx, AuditEntry)
        with pytest.raises(ImportFileError) as err, ctx.db.write() as s:
            importing.import_rows(s, admin, "incidents", path, _mapping(path))
        assert err.value.code == "too_many_rows"
        assert (_count(ctx, Incident), _count(ctx, AuditEntry)) == before
        message = error_message(err.value.code, err.value.values, "", "id")
        assert "lebih dari 30 baris" in message and "Tidak ada yang disimpan" in message


def test_the_row_limit_counts_data_rows_only(
    ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "MAX_ROWS", 3)
    path = tmp_path / "ok.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([HEADERS, GOOD, [], GOOD, [""] * 5, GOOD])
    with ctx.db.write() as s:
        report = importing.import_rows(s, admin, "incidents", path, _mapping(path))
    assert report.imported == 3


# --- cells and lines too long ------------------------------------------------------------------


def test_a_huge_cell_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerows([HEADERS, GOOD, GOOD])
        writer.writerow(["x" * (importing.MAX_CELL_CHARS + 1), *GOOD[1:]])
    with pytest.raises(ImportFileError) as err:
        list(importing.iter_table(path))
    assert err.value.code == "cell_too_large"
    assert err.value.values["line"] == 4
    assert "Baris 4" in error_message(err.value.code, err.value.values, "", "id")


def test_one_endless_line_is_refused_before_it_is_held(tmp_path: Path) -> None:
    path = tmp_path / "endless.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(HEADERS) + "\n")
        fh.write("," * (importing.MAX_LINE_CHARS * 3))
    tracemalloc.start()
    try:
        with pytest.raises(ImportFileError) as err:
            list(importing.iter_table(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert err.value.code == "cell_too_large"
    # Three million empty cells would have been a list of three million strings.
    assert peak < 20_000_000


def test_a_huge_xlsx_cell_is_refused(tmp_path: Path) -> None:
    # openpyxl itself cuts what it writes at Excel's limit: the cell is written by hand.
    path = _xlsx(tmp_path / "huge.xlsx", [HEADERS, ["PLACEHOLDER", *GOOD[1:]]])
    _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace("PLACEHOLDER", "x" * (importing.MAX_CELL_CHARS + 1)),
    )
    with pytest.raises(ImportFileError) as err:
        list(importing.iter_table(path))
    assert err.value.code == "cell_too_large"
    assert err.value.values["line"] == 2


# --- XML that multiplies itself -----------------------------------------------------------------

_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)


@pytest.mark.parametrize("where", ["sheet", "workbook"])
def test_a_billion_laughs_workbook_gets_the_imports_own_message(tmp_path: Path, where: str) -> None:
    path = _xlsx(tmp_path / "laughs.xlsx", [HEADERS, GOOD])
    if where == "sheet":
        _rewrite(
            path,
            "xl/worksheets/sheet1.xml",
            lambda xml: (
                _LAUGHS.replace("lolz", "worksheet") + xml.replace("<t>33.74</t>", "<t>&lol9;</t>")
            ),
        )
    else:
        _rewrite(
            path,
            "xl/workbook.xml",
            lambda xml: (
                _LAUGHS.replace("lolz", "workbook")
                + xml.split("?>", 1)[-1].replace('name="Sheet"', 'name="&lol9;"')
            ),
        )
    with pytest.raises(ImportFileError) as err:
        importing.read_table(path)
        list(importing.iter_table(path))
    assert err.value.code == "unsafe_xml"
    assert "XML yang tidak aman" in error_message(err.value.code, err.value.values, "", "id")


def test_a_workbook_part_that_unpacks_huge_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "MAX_XML_PART_BYTES", 1000)
    path = _xlsx(tmp_path / "bomb.xlsx", [HEADERS, GOOD])
    _rewrite(path, "xl/styles.xml", lambda xml: xml + " " * 5000)
    with pytest.raises(ImportFileError) as err:
        importing.read_table(path)
    assert err.value.code == "file_too_large"


# --- encodings --------------------------------------------------------------------------------

_ACCENTED = ["Hoaks café Séloka – “kutipan”", "33.74", "HOAKS", "2", "MEDSOS"]


@pytest.mark.parametrize(
    ("encoding", "label", "legacy"),
    [
        ("utf-16", "UTF-16", False),  # with a byte-order mark, as Excel's "Unicode text"
        ("utf-16-le", "UTF-16", False),  # without one
        ("utf-16-be", "UTF-16", False),
        ("utf-8-sig", "UTF-8", False),
        ("utf-8", "UTF-8", False),
        ("cp1252", "Windows-1252", True),
    ],
)
def test_the_encoding_is_detected_and_named(
    ctx: AppContext, admin: Actor, tmp_path: Path, encoding: str, label: str, legacy: bool
) -> None:
    path = tmp_path / f"{encoding}.csv"
    text = "\r\n".join(",".join(row) for row in [HEADERS, _ACCENTED, GOOD]) + "\r\n"
    path.write_bytes(text.encode(encoding))
    table = importing.read_table(path)
    assert (table.encoding_label, table.encoding_fallback) == (label, legacy)
    assert table.headers == tuple(HEADERS)
    assert table.preview[0][0] == _ACCENTED[0]
    with ctx.db.write() as s:
        report = importing.import_rows(s, admin, "incidents", path, _mapping(path))
    assert (report.imported, report.bad_count) == (2, 0)


# --- bad rows go to a file as they are found ---------------------------------------------


def test_bad_rows_are_written_as_found_not_kept(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "BAD_ROWS_SHOWN", 10)
    path = tmp_path / "bad.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS)
        for n in range(3000):
            writer.writerow([f"=HYPERLINK({n})", *BAD[1:]] if n % 3 else GOOD)
    out = tmp_path / "bermasalah.csv"
    with ctx.db.read() as s:
        report = importing.validate_rows(s, "incidents", path, _mapping(path), bad_rows_path=out)
    assert (report.total, report.good, report.bad_count) == (3000, 1000, 2000)
    assert len(report.bad) == 10  # shown; the rest only in the file
    assert report.bad_rows_file == out and not report.bad_rows_temporary
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == [*HEADERS, "Kesalahan"]
    assert len(rows) == 2001
    assert rows[1][0] == "'=HYPERLINK(1)"  # still escaped in the CSV it writes
    assert "Kabupaten/kota" in rows[1][-1]
    assert not list(tmp_path.glob("*.part"))


def test_a_temporary_bad_rows_file_is_owner_only_and_discarded(
    ctx: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([HEADERS, BAD])
    with ctx.db.read() as s:
        report = importing.validate_rows(s, "incidents", path, _mapping(path))
    assert report.bad_rows_file is not None and report.bad_rows_temporary
    if hasattr(__import__("os"), "getuid"):
        assert report.bad_rows_file.stat().st_mode & 0o077 == 0
    saved = tmp_path / "copy.csv"
    assert importing.save_bad_rows(report, saved) == 1
    assert saved.read_text(encoding="utf-8-sig").count("\n") == 2
    temporary = report.bad_rows_file
    report.discard()
    assert not temporary.exists()


# --- batched writes keep every rule of the one-by-one path --------------------------------


def test_a_batched_import_audits_captures_and_numbers_every_row(
    ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "BATCH_ROWS", 4)
    path = tmp_path / "ten.csv"
    rows = [[f"Insiden {n}", "33.74", "HOAKS", "2", "MEDSOS"] for n in range(10)]
    rows[3] = [rows[3][0], "33.72", "NETRALITAS", "3", "MEDSOS"]  # no subject: refused
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([[*HEADERS, "Nama pelapor"]] + [[*r, "Pak Budi"] for r in rows])
    audits, outbox = _count(ctx, AuditEntry), _count(ctx, OutboxEntry)
    with ctx.db.write() as s:
        report = importing.import_rows(s, admin, "incidents", path, _mapping(path))
    assert (report.imported, report.bad_count) == (9, 1)
    with ctx.db.read() as s:
        refs = sorted(s.scalars(select(Incident.ref)))
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.record_id.in_(report.created_ids))
        ).all()
        names = set(s.scalars(select(Incident.reporter_name)))
        # Found by full-text search: the index was kept in step.
        found = incidents.list_incidents(s, IncidentFilter(search="Insiden"), limit=50)
    assert refs == [f"GB1-{datetime.now(UTC).year}-{n:05d}" for n in range(1, 10)]
    assert len(entries) == 9 and {e.created_by for e in entries} == {admin.user_id}
    assert all(e.changes["reporter_name"] == [None, "[data pribadi]"] for e in entries)
    assert all(e.changes["title"][1].startswith("Insiden") for e in entries)
    assert names == {"Pak Budi"}
    assert len(found) == 9
    assert _count(ctx, AuditEntry) == audits + 9
    assert _count(ctx, OutboxEntry) >= outbox + 18  # each incident and its audit entry
    # The next incident logged by hand continues the numbering.
    with ctx.db.write() as s:
        detail = incidents.create_incident(
            s,
            admin,
            IncidentInput(
                title="Berikutnya", region_code="33.74", category="HOAKS", severity=1,
                source_type="MEDSOS", occurred_at=datetime.now(UTC) - timedelta(hours=1),
            ),
        )  # fmt: skip
    assert detail.ref.endswith("-00010")


# --- exports -------------------------------------------------------------------------------------


def test_xlsx_exports_keep_text_as_typed_and_csv_keeps_its_apostrophe(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    with ctx.db.write() as s:
        incidents.create_incident(
            s,
            admin,
            IncidentInput(
                title="=HYPERLINK(\"http://x\")", region_code="33.74", category="HOAKS",
                severity=2, source_type="MEDSOS", reporter_contact="+6281234567890",
                occurred_at=datetime.now(UTC) - timedelta(hours=1),
            ),
        )  # fmt: skip
    with ctx.db.read() as s:
        exporting.export_incidents(s, admin, IncidentFilter(), tmp_path / "i.xlsx")
        exporting.export_incidents(s, admin, IncidentFilter(), tmp_path / "i.csv")
    ws = openpyxl.load_workbook(tmp_path / "i.xlsx").active
    cells = {c.value: c for row in ws.iter_rows(min_row=2) for c in row}
    assert "+6281234567890" in cells and "'+6281234567890" not in cells
    assert cells['=HYPERLINK("http://x")'].data_type == "s"  # text, never a formula
    text = (tmp_path / "i.csv").read_text(encoding="utf-8-sig")
    assert "'+6281234567890" in text and "'=HYPERLINK" in text
