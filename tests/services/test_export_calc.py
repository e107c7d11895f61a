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
