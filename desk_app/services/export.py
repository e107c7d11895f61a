"""Writing tables to CSV and XLSX so that no cell turns into a live formula.

Spreadsheet programs treat a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula (CSV/DDE injection: ``=cmd|' /C calc'!A0``). Anything typed
by a user or imported from outside may start that way, so every text cell is escaped here:
in CSV with a leading apostrophe (the only way CSV can say "text"), in XLSX by writing the
cell explicitly as a string. XLSX cells are typed, so they keep the text exactly as it is
(``+6281234567890``, not ``'+6281234567890``): a typed string is never evaluated.

A CSV text cell that reads as a number gets the apostrophe too: LibreOffice Calc and Excel
open ``081325667788`` as the number 81325667788 and the region code ``33.10`` as 33.1, and
save them back so (a reporter's number without its zero; a code no import knows). The
apostrophe keeps them text; ``unmark`` takes it off again when such a file is read.

Date-times go into a CSV as the XLSX holds them, ``2024-11-30 18:08:27``: the wall time,
without a zone (the exports write WIB; an import reads a time without a zone as WIB).
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

#: First characters that make a spreadsheet evaluate a cell.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

#: Text a spreadsheet opening a CSV reads as a number: 0812…, 33.10, -5, 1,5, 6.2E+12, 10%.
_NUMBER_LIKE = re.compile(r"\s*[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?%?\s*")

#: How an XLSX shows its dates and times: ISO, two-digit hours, as a CSV writes them.
XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
XLSX_DATE_FORMAT = "yyyy-mm-dd"

# Characters XML 1.0 (and so XLSX) cannot hold at all: controls but tab and line breaks,
# lone surrogates, U+FFFE and U+FFFF (a workbook with one of them cannot be opened).
_ILLEGAL_XML: dict[int, None] = {
    **{c: None for c in range(32) if c not in (9, 10, 13)},
    **{c: None for c in range(0xD800, 0xE000)},
    0xFFFE: None,
    0xFFFF: None,
}


def safe_cell(value: Any) -> Any:
    """A value safe to put in an exported cell.

    Numbers, dates and booleans pass unchanged (they cannot be formulas); ``None`` becomes
    ``""``; text that a spreadsheet would evaluate gets a leading apostrophe.
    """
    if value is None:
        return ""
    if isinstance(value, bool | int | float | datetime | date):
        return value
    if isinstance(value, Enum):
        value = value.value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def reads_as_number(text: str) -> bool:
    """Whether a spreadsheet opening a CSV would take ``text`` for a number."""
    return _NUMBER_LIKE.fullmatch(text) is not None


def unmark(text: str) -> str:
    """A CSV cell as it was before ``write_csv`` marked it as text: without the apostrophe
    before a formula's first character or before text that reads as a number
    (``'+6281234567890``, ``'081325667788``, ``'33.10``). Other text is left alone."""
    if text.startswith("'"):
        rest = text[1:]
        if rest.startswith(FORMULA_PREFIXES) or reads_as_number(rest):
            return rest
    return text


def _csv_cell(value: Any) -> Any:
    if isinstance(value, datetime):
        # As in the XLSX: the wall time, without the "+07:00" nobody reads.
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")
    value = safe_cell(value)
    if isinstance(value, str) and reads_as_number(value):
        return "'" + value  # else Calc reads 081325667788 as 81325667788, 33.10 as 33.1
    return value


def _row(values: Iterable[Any]) -> list[Any]:
    out = []
    for value in values:
        # NUL bytes break most CSV readers; nothing a person typed needs them. Removed
        # before the formula check, which must see the text as the spreadsheet will.
        if isinstance(value, str):
            value = value.replace("\x00", "")
        out.append(_csv_cell(value))
    return out


def write_csv(path: str | Path, headers: Sequence[str], rows: Iterable[Iterable[Any]]) -> int:
    """Write a UTF-8 CSV (with BOM so Excel reads the encoding). Returns the row count.

    Written to a temporary file and renamed, so a crash never leaves half an export.
    """
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    count = 0
    try:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(_row(headers))
            for row in rows:
                writer.writerow(_row(row))
                count += 1
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return count


def write_xlsx(
    path: str | Path,
    headers: Sequence[str],
    rows: Iterable[Iterable[Any]],
    *,
    sheet_title: str = "Data",
) -> int:
    """Write an XLSX workbook (one sheet, bold header row). Returns the row count.

    Text cells are stored with the string data type (never a formula), so they are
    written as they are, without CSV's anti-formula apostrophe.
    """
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell, WriteOnlyCell
    from openpyxl.styles import Font

    path = Path(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet_title[:31] or "Data")
    bold = Font(bold=True)

    def cells(values: Iterable[Any], font: Font | None = None) -> list[Cell]:
        out = []
        for value in values:
            if isinstance(value, str):
                value = value.translate(_ILLEGAL_XML)
            elif value is None:
                value = ""
            elif isinstance(value, Enum):
                value = value.value
            elif not isinstance(value, bool | int | float | datetime | date):
                value = str(value).translate(_ILLEGAL_XML)
            cell = WriteOnlyCell(ws)
            if isinstance(value, datetime) and value.tzinfo is not None:
                value = value.replace(tzinfo=None)  # XLSX has no time zones
            cell.value = value
            if isinstance(value, datetime):
                # openpyxl's own "yyyy-mm-dd h:mm:ss" has Calc save a CSV "as shown" with
                # "2024-11-30 2:26:00", which is no ISO time and was refused on import.
                cell.number_format = XLSX_DATETIME_FORMAT
            elif isinstance(value, date):
                cell.number_format = XLSX_DATE_FORMAT
            if isinstance(value, str):
                cell.data_type = "s"  # never "f" (formula)
            if font is not None:
                cell.font = font
            out.append(cell)
        return out

    count = 0
    try:
        ws.append(cells(headers, bold))
        for row in rows:
            ws.append(cells(row))
            count += 1
    except BaseException:
        # Finish the sheet's internal writer so it does not fail later on its own.
        with contextlib.suppress(Exception):
            ws.close()
        raise
    tmp = path.with_name(path.name + ".part")
    try:
        wb.save(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return count
