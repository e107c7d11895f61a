"""Exports opened and saved again by LibreOffice Calc import again whole.

``data/calc-as-shown-insiden.csv`` is what Calc 7 wrote from an XLSX export of the demo
desk saved as CSV the way its dialog suggests: "save cell content as shown", ";" between
fields, Windows-1252 (``soffice --convert-to 'csv:Text - txt - csv (StarCalc):59,34,1252,
1,,0,false,true,true'``), rows picked with morning hours, reporters' numbers and the
region code 33.10.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from desk_app.context import AppContext
from desk_app.services import importing
from desk_app.services.export import write_xlsx

CALC_AS_SHOWN = Path(__file__).parent / "data" / "calc-as-shown-insiden.csv"


def test_xlsx_times_show_two_digit_hours(tmp_path: Path) -> None:
    """openpyxl's default "yyyy-mm-dd h:mm:ss" had Calc save "2024-11-30 2:26:00" in a CSV,
    which the import refused ("tanggal/waktu tidak sah"): 624 of 1,000 demo incidents."""
    book = tmp_path / "t.xlsx"
    write_xlsx(book, ["Waktu kejadian"], [[datetime(2024, 11, 30, 2, 26)]])
    cell = openpyxl.load_workbook(book).active["A2"]
    assert cell.value == datetime(2024, 11, 30, 2, 26)
    assert cell.number_format == "yyyy-mm-dd hh:mm:ss"
    assert cell.is_date


def test_a_csv_calc_saved_as_shown_imports_every_row(ctx: AppContext) -> None:
    text = CALC_AS_SHOWN.read_text(encoding="cp1252")
    assert "2024-11-30 02:26:00" in text and ";33.10;" in text and ";08" in text
    table = importing.read_table(CALC_AS_SHOWN)
    mapping = importing.guess_mapping("incidents", table.headers)
    with ctx.db.read() as s:
        report = importing.validate_rows(s, "incidents", CALC_AS_SHOWN, mapping)
    assert report.total == 6
    assert [b.errors for b in report.bad] == []


def test_number_like_text_is_marked_in_a_csv_and_read_back_whole(tmp_path: Path) -> None:
    """Calc opens an unmarked ``33.10`` as 33.1 and ``081325667788`` as 81325667788 and
    saves them so ("Satu",33.1,81325667788, seen with soffice --convert-to csv); marked,
    they stay text, and the import takes the mark off."""
    from desk_app.services.export import write_csv

    path = tmp_path / "out.csv"
    write_csv(
        path,
        ["Judul", "Kode wilayah", "Kontak pelapor", "Catatan"],
        [["Satu", "33.10", "081325667788", "'hello"]],
    )
    text = path.read_text(encoding="utf-8-sig")
    assert "'33.10" in text and "'081325667788" in text
    assert importing.read_table(path).preview[0] == ("Satu", "33.10", "081325667788", "'hello")


def test_a_marked_csv_saved_again_by_calc_reads_back_whole() -> None:
    """``data/calc-resaved-marked.csv``: a CSV of marked cells opened and saved again by
    Calc (``soffice --infilter=CSV:44,34,76,1 --convert-to csv``), which keeps the marks."""
    table = importing.read_table(Path(__file__).parent / "data" / "calc-resaved-marked.csv")
    assert table.preview[0] == ("Satu", "33.10", "081325667788", "'hello")
    assert table.preview[1] == ("Dua", "33.74", "+6281234567890", "biasa")
