"""Incidents and contacts in: CSV, XLSX and (contacts) vCard.

Importing goes in three steps the import dialog (and ``desk-app incidents import``) walk
through:

1. ``read_table(path)``: the headers and a capped preview, the encoding that worked;
2. ``validate_rows(...)``: every row through the services' own validators, writing the
   bad rows (with their error codes) to a CSV as they are found, without writing to the
   database;
3. ``import_rows(...)``: the good rows written in batches (one statement for hundreds
   of rows, not one per row), all in the caller's one transaction — an error or a cancel
   rolls the whole import back.

Files are streamed and never trusted: at most ``MAX_ROWS`` data rows per import,
``MAX_CELL_CHARS`` characters per cell and ``MAX_COLUMNS`` columns are read; a sheet's
declared dimensions are ignored (a 5 KB workbook may claim a million rows by sixteen
thousand columns); XML that expands entities is refused. Memory stays flat however long
the file. Progress is reported through a ``(done, total)`` callback.

Exports live in ``desk_app.services.exporting``.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import functools
import gc
import json
import os
import re
import sqlite3
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import IO, Any, Literal
from xml.etree.ElementTree import ParseError

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.formats import WIB, to_wib
from desk_app.messages import FIELD_NAMES
from desk_app.models import AuditEntry, Contact, Incident, Region, new_id, utcnow
from desk_app.models.enums import AuditAction, IncidentStatus, TaxonomyKind
from desk_app.services import contact_fields, incident_fields
from desk_app.services import contacts as contact_service
from desk_app.services import incidents as incident_service
from desk_app.services.actor import Actor
from desk_app.services.contacts import ContactInput
from desk_app.services.errors import ServiceError, ValidationError
from desk_app.services.export import unmark, write_csv
from desk_app.services.fields import Field
from desk_app.services.incidents import IncidentInput
from desk_app.services.permissions import Action, require
from desk_app.services.records import (
    PERSONAL_MARK,
    Writer,
    data_fields,
    jsonable,
    local_state,
    reference_cache,
)
from desk_app.services.taxonomy import terms

Kind = Literal["incidents", "contacts"]
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

#: Rows shown in the preview; the rest is only streamed.
PREVIEW_ROWS = 50
_CHUNK = 1 << 20

#: At most this many data rows per import; a longer file is refused before anything is
#: written (split it into several files).
MAX_ROWS = 100_000
#: At most this many characters in one cell (Excel's own limit for a cell).
MAX_CELL_CHARS = 32_767
#: Columns read from each row; cells further to the right are ignored.
MAX_COLUMNS = 256
#: A physical CSV line longer than this is refused (one endless line is not a table).
MAX_LINE_CHARS = 1 << 20
#: Parts of a workbook read whole into memory (shared strings, styles, the workbook)
#: may be at most this large once unpacked; the sheets themselves are streamed.
MAX_XML_PART_BYTES = 64 << 20
#: Good rows gathered before they are numbered and written.
BATCH_ROWS = 1000
#: At most this many rows in one ``INSERT`` statement (fewer if SQLite's limit on a
#: statement's parameters is lower).
ROWS_PER_STATEMENT = 500
#: SQLite page cache while an import writes (KiB; allocated only as pages are used).
IMPORT_CACHE_KIB = 96 * 1024
#: Bad rows kept in the report for display; all of them go to the bad-rows file.
BAD_ROWS_SHOWN = 500
#: Bytes of a text file the encoding is guessed from.
_SAMPLE = 256 * 1024

#: Kinds of field a file may leave out although the form requires them: the services fill
#: an empty time with the moment of saving (and an import an empty time of report with
#: the time of occurrence).
_DEFAULTED_KINDS = frozenset({"datetime"})

#: Where a file's columns are not in the field table's order (which is the order of the
#: table on screen): this field's column comes right after that one's. The files kept the
#: order they had when the contacts table moved the phone next to the name, so that
#: spreadsheets and scripts reading an export by position still line up.
_FILE_POSITION: dict[str, str] = {"phones": "province_wide"}

#: The column of codes an export writes beside a field's names: an import reads a field
#: from it when the file has it (codes are exact, names may have been renamed since).
#: These columns are not fields; their titles are in ``_CODE_COLUMN_TITLES``.
CODE_COLUMNS: dict[Kind, dict[str, str]] = {
    "incidents": {
        "status": "status_code",
        "region": "region_code",
        "category": "category_code",
        "severity": "severity_code",
        "source_type": "source_type_code",
        "neutrality_subject": "neutrality_subject_code",
        "platform": "platform_code",
    },
    "contacts": {
        "category": "category_code",
        "forums": "forum_codes",
        "region_codes": "region_code_list",
    },
}
_CODE_COLUMN_TITLES = {
    "status_code": ("Kode status", "Status code"),
    "region_code": ("Kode wilayah", "Region code"),
    "category_code": ("Kode kategori", "Category code"),
    "severity_code": ("Keparahan (angka)", "Severity (number)"),
    "source_type_code": ("Kode sumber", "Source code"),
    "neutrality_subject_code": ("Kode subjek netralitas", "Neutrality subject code"),
    "platform_code": ("Kode platform", "Platform code"),
    "forum_codes": ("Kode forum", "Forum codes"),
    "region_code_list": ("Kode wilayah", "Region codes"),
}

#: Other headers an import recognises for a field (beside its name and its titles).
_ALIASES: dict[str, tuple[str, ...]] = {
    "region": ("region_code", "kode wilayah", "kabupaten/kota", "wilayah"),
}

#: A column of names read beside a field that is mapped to a column of codes, under this
#: key of a row's values. An export writes a region's code and its name: where a row's
#: code is missing or unknown the name says which region it is, and where both are
#: known they must agree. The column is found by its header, not mapped.
_NAME_COLUMNS: dict[str, str] = {"region": "region_name"}
#: Headers of a column of region names (beside the field's own titles).
_NAME_HEADERS: dict[str, tuple[str, ...]] = {
    "region": ("kabupaten/kota", "wilayah", "nama wilayah", "region", "region name"),
}


def _name_column(name: str, mapped: str, headers: Sequence[str]) -> int | None:
    """The index of the column of names that goes with field ``name``, mapped to the
    column ``mapped`` of ``headers``; ``None`` when the file has none."""
    titles = {column_title(name, "id"), column_title(name, "en"), *_NAME_HEADERS.get(name, ())}
    wanted = {_norm(t) for t in titles}
    for i, header in enumerate(headers):
        if header != mapped and _norm(header) in wanted:
            return i
    return None


def field_table(kind: Kind) -> tuple[Field, ...]:
    """The field table of ``kind`` (looked up when called, so that it is the one place)."""
    return incident_fields.INCIDENT_FIELDS if kind == "incidents" else contact_fields.CONTACT_FIELDS


def required_columns(fields: Sequence[Field]) -> frozenset[str]:
    """The imported fields a file must have a column for: the required ones the services
    do not fill themselves."""
    return frozenset(
        f.name for f in fields if f.imported and f.required and f.kind not in _DEFAULTED_KINDS
    )


def imported_fields(fields: Sequence[Field]) -> tuple[str, ...]:
    """The fields an import reads, in the order the mapping and the export's columns show
    them: those a file must have first, then the others in the field table's order."""
    names = [f.name for f in fields if f.imported]
    for name, after in _FILE_POSITION.items():
        if name in names and after in names:
            names.remove(name)
            names.insert(names.index(after) + 1, name)
    required = required_columns(fields)
    return tuple(sorted(names, key=lambda name: name not in required))


def fields_for(kind: Kind) -> tuple[str, ...]:
    return imported_fields(field_table(kind))


def required_for(kind: Kind) -> frozenset[str]:
    return required_columns(field_table(kind))


#: What ``fields_for`` and ``required_for`` give for the field tables as they are.
IMPORTED_INCIDENT_FIELDS = fields_for("incidents")
IMPORTED_INCIDENT_REQUIRED = required_for("incidents")
IMPORTED_CONTACT_FIELDS = fields_for("contacts")
IMPORTED_CONTACT_REQUIRED = required_for("contacts")


def column_title(name: str, lang: str = "id") -> str:
    """The header an export writes for a field or a column of codes (and that an import
    recognises): a field's ``column_name``."""
    pair = _CODE_COLUMN_TITLES.get(name)
    if pair is not None:
        return pair[1] if lang == "en" else pair[0]
    for described in (*field_table("incidents"), *field_table("contacts")):
        if described.name == name:
            return described.column_name(lang)
    pair = FIELD_NAMES.get(name) or (name, name)
    return pair[1] if lang == "en" else pair[0]


SEVERITY_WORDS = {
    "rendah": 1,
    "low": 1,
    "sedang": 2,
    "medium": 2,
    "tinggi": 3,
    "high": 3,
    "kritis": 4,
    "critical": 4,
}
_TRUE = {"1", "ya", "y", "yes", "true", "benar", "x", "✓"}
_FALSE = {"", "0", "tidak", "t", "no", "n", "false", "salah"}
_LIST_SPLIT = re.compile(r"[;,\n]+")


# --- errors ----------------------------------------------------------------------------


class ImportFileError(ServiceError):
    """The file cannot be imported. Codes: ``unsupported_format``, ``unreadable_file``,
    ``truncated_file``, ``empty_file``, ``too_many_rows`` (``limit``), ``cell_too_large``
    (``line``, ``limit``), ``file_too_large`` (``limit_mb``), ``unsafe_xml``."""

    code = "unreadable_file"


class ImportCancelledError(ServiceError):
    code = "import_cancelled"

    def __init__(self) -> None:
        super().__init__("import cancelled")


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        f"more than {MAX_ROWS} data rows",
        code="too_many_rows",
        limit=f"{MAX_ROWS:,}".replace(",", "."),
    )


def _cell_too_large(line: int) -> ImportFileError:
    return ImportFileError(
        f"a cell on line {line} is longer than {MAX_CELL_CHARS} characters",
        code="cell_too_large",
        line=line,
        limit=f"{MAX_CELL_CHARS:,}".replace(",", "."),
    )


# --- reading files ---------------------------------------------------------------------


@dataclass(frozen=True)
class TableFile:
    path: Path
    format: Literal["csv", "xlsx", "vcf"]
    headers: tuple[str, ...]
    preview: tuple[tuple[str, ...], ...]
    #: The text encoding that decoded the file (CSV/vCard), else None.
    encoding: str | None = None
    #: True when the file was not Unicode and a legacy 8-bit encoding was used: its
    #: accents may be wrong, the user should check the preview.
    encoding_fallback: bool = False

    @property
    def encoding_label(self) -> str:
        """The encoding as a person knows it ("UTF-8", "UTF-16", "Windows-1252")."""
        return encoding_label(self.encoding)


def file_format(path: Path) -> Literal["csv", "xlsx", "vcf"]:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".vcf", ".vcard"):
        return "vcf"
    raise ImportFileError(f"unsupported file type {suffix!r}", code="unsupported_format")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: What the detector may choose from: the encodings a spreadsheet on an Indonesian
#: office computer writes (Excel's "CSV" is Windows-1252, "Unicode text" is UTF-16).
_CANDIDATES = ["utf_16_le", "utf_16_be", "cp1252", "iso8859_15", "latin_1"]
_UNICODE = {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"}


def encoding_label(encoding: str | None) -> str:
    if not encoding:
        return ""
    name = codecs.lookup(encoding).name
    if name.startswith("utf-8"):
        return "UTF-8"
    if name.startswith(("utf-16", "utf-32")):
        return name[:6].upper()
    if name == "cp1252":
        return "Windows-1252"
    if name in ("iso8859-1", "latin-1"):
        return "Latin-1 (ISO-8859-1)"
    return name.upper()


def _decodes(path: Path, encoding: str) -> bool:
    """Whether the whole file decodes (read in chunks, never whole)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text of mostly Latin letters has a zero in every other byte."""
    pairs = len(head) // 2
    if pairs < 4:
        return None
    odd, even = head[1 : 2 * pairs : 2].count(0), head[0 : 2 * pairs : 2].count(0)
    if odd > pairs * 0.3 and even < pairs * 0.05:
        return "utf-16-le"
    if even > pairs * 0.3 and odd < pairs * 0.05:
        return "utf-16-be"
    return None


def detect_encoding(path: Path) -> tuple[str, bool]:
    """The file's text encoding, and whether it is a legacy 8-bit one (a guess: its
    accented letters should be checked).

    A byte-order mark decides; then UTF-16 without one; then UTF-8 if the whole file
    decodes as UTF-8; else charset-normalizer's choice among the encodings office
    computers write, if the whole file decodes with it; else Windows-1252; else Latin-1
    (which decodes anything).
    """
    with path.open("rb") as fh:
        head = fh.read(_SAMPLE)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, False
    wide = _utf16_without_bom(head)
    if wide and _decodes(path, wide):
        return wide, False
    if b"\x00" not in head and _decodes(path, "utf-8"):
        return "utf-8", False
    candidates = []
    with contextlib.suppress(Exception):  # a detector's failure is only a missing guess
        from charset_normalizer import from_bytes

        best = from_bytes(head[: len(head) - len(head) % 4], cp_isolation=_CANDIDATES).best()
        if best is not None:
            candidates.append(best.encoding)
    for encoding in [*candidates, "utf-8", "cp1252"]:
        if _decodes(path, encoding):
            name = codecs.lookup(encoding).name
            return encoding, name not in _UNICODE
    return "latin-1", True


def _clean_cell(value: Any) -> Any:
    """A cell as read: text trimmed, our own export's anti-formula apostrophe removed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return unmark(value).strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    return value  # datetimes from XLSX stay datetimes


def _delimiter(sample: str) -> str:
    """The separator of the header line: Excel in an Indonesian locale writes ";"."""
    header = sample.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _bounded_lines(fh: IO[str], line_no: list[int]) -> Iterator[str]:
    """The file's physical lines, refusing one longer than ``MAX_LINE_CHARS`` before it
    is held whole."""
    while line := fh.readline(MAX_LINE_CHARS + 1):
        line_no[0] += 1
        if len(line) > MAX_LINE_CHARS:
            raise _cell_too_large(line_no[0])
        yield line


def _iter_csv(path: Path, encoding: str, progress: Progress | None) -> Iterator[list[Any]]:
    size = max(path.stat().st_size, 1)
    try:
        fh = path.open("r", encoding=encoding, newline="")
    except (LookupError, OSError) as exc:
        raise ImportFileError(f"cannot open {path}: {exc}", code="unreadable_file") from None
    with fh:
        try:
            sample = fh.read(64 * 1024)
            fh.seek(0)
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"cannot decode: {exc}", code="unreadable_file") from None
        physical = [0]
        reader = csv.reader(_bounded_lines(fh, physical), delimiter=_delimiter(sample), strict=True)
        try:
            for n, row in enumerate(reader):
                cells = []
                for value in row[:MAX_COLUMNS]:  # text only: _clean_cell's text branch
                    if len(value) > MAX_CELL_CHARS:
                        raise _cell_too_large(reader.line_num)
                    cells.append(unmark(value).strip())
                yield cells
                if progress and n % 500 == 0:
                    progress(min(fh.buffer.tell(), size), size)  # type: ignore[attr-defined]
        except csv.Error as exc:
            if "field limit" in str(exc):
                raise _cell_too_large(reader.line_num + 1) from None
            code = "truncated_file" if "end of data" in str(exc) else "unreadable_file"
            raise ImportFileError(
                f"CSV error at line {reader.line_num}: {exc}", code=code, line=reader.line_num
            ) from None
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                f"cannot decode line {physical[0] + 1}: {exc}", code="unreadable_file"
            ) from None
    if progress:
        progress(size, size)


#: Errors of a damaged or hostile workbook, wherever openpyxl meets them.
_XLSX_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    KeyError,
    OSError,
    EOFError,
    ValueError,
    TypeError,
    IndexError,
    ParseError,
)


def _xlsx_error(exc: BaseException) -> ImportFileError:
    text = str(exc)
    # Expat's protection against entity expansion ("billion laughs"), or defusedxml's.
    if isinstance(exc, ParseError) or type(exc).__module__.startswith("defusedxml"):
        if "amplification" in text or "entit" in text.lower() or "DTD" in text:
            return ImportFileError(f"XML refused: {text}", code="unsafe_xml")
        return ImportFileError(f"workbook damaged: {text}", code="unreadable_file")
    if isinstance(exc, zipfile.BadZipFile | EOFError | zlib.error):
        return ImportFileError(f"workbook damaged: {text}", code="truncated_file")
    return ImportFileError(f"cannot read workbook: {text}", code="unreadable_file")


def _check_workbook_parts(path: Path) -> None:
    """Refuse a workbook whose parts read whole would not fit in memory (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _xlsx_error(exc) from None
    for info in parts:
        if info.filename.startswith("xl/worksheets/"):
            continue  # streamed, however large
        if info.file_size > MAX_XML_PART_BYTES:
            raise ImportFileError(
                f"{info.filename} unpacks to {info.file_size} bytes",
                code="file_too_large",
                limit_mb=MAX_XML_PART_BYTES >> 20,
            )


_NO_SIZE_LOCK = threading.Lock()
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+:[A-Z]+(\d+)\"")


def _load_workbook(path: Path) -> Any:
    """The workbook, read-only, without any sheet's declared size.

    openpyxl reads each sheet's declared size as it opens a workbook, and parses a sheet
    that declares none to its very end for it: every sheet, before the first row is
    read. The size is not used here (rows are read as found), so it is not read at all.
    """
    from openpyxl import load_workbook
    from openpyxl.worksheet import _read_only

    with _NO_SIZE_LOCK:
        original = _read_only.ReadOnlyWorksheet._get_size
        _read_only.ReadOnlyWorksheet._get_size = lambda self: None
        try:
            return load_workbook(path, read_only=True, data_only=True)
        finally:
            _read_only.ReadOnlyWorksheet._get_size = original


def _declared_rows(wb: Any, ws: Any) -> int:
    """The row count a sheet declares at its top, only to size the progress bar."""
    try:
        with wb._archive.open(ws._worksheet_path) as src:
            match = _DIMENSION.search(src.read(4096))
    except Exception:  # only an estimate
        return 0
    return min(int(match.group(1)), MAX_ROWS + 1) if match else 0


def _iter_xlsx(path: Path, progress: Progress | None) -> Iterator[list[Any]]:
    _check_workbook_parts(path)
    try:
        wb = _load_workbook(path)
    except _XLSX_ERRORS as exc:
        raise _xlsx_error(exc) from None
    try:
        ws = wb.worksheets[0]
        total = _declared_rows(wb, ws) if progress else 0
        n = 0
        try:
            for n, cells in enumerate(_sheet_rows(wb, ws), start=1):
                for value in cells:
                    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                        raise _cell_too_large(n)
                yield [_clean_cell(v) for v in cells]
                if progress and n % 500 == 0:
                    progress(n, max(total, n))
        except ImportFileError:
            raise
        except _XLSX_ERRORS as exc:
            raise _xlsx_error(exc) from None
        if progress:
            progress(n, n)
    finally:
        wb.close()


def _sheet_rows(wb: Any, ws: Any) -> Iterator[list[Any]]:
    """The values of a read-only sheet's rows as ``ws.iter_rows(values_only=True)`` gives
    them once its dimensions are reset, cut to ``MAX_COLUMNS``: rows as they are found (a
    sheet claiming column XFD, row 1,048,576 is not padded out to it, and a row's cells
    beyond ``MAX_COLUMNS`` are not even placed), a missing row as an empty one.

    Read with openpyxl's own sheet parser, whose cells are typed as openpyxl types them
    (shared strings, numbers, dates, booleans), except inline strings (what openpyxl,
    pandas and our own exports write): their text is read from the XML directly, as
    ``Text.content`` gives it, without building openpyxl's rich-text objects for every
    cell, which took half of the time of reading such a sheet."""
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import WorkSheetParser

    with wb._archive.open(ws._worksheet_path) as src:
        parser = WorkSheetParser(
            src,
            ws._shared_strings,
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        parser.parse_cell = functools.partial(
            _parse_cell, parser, parser.parse_cell, coordinate_to_tuple
        )
        expected = 1
        for index, cells in parser.parse():
            while expected < index:  # rows the sheet leaves out: blank lines
                expected += 1
                yield []
            if index < expected:  # a row number met again: openpyxl skips it too
                continue
            expected += 1
            width = min(cells[-1]["column"], MAX_COLUMNS) if cells else 0
            values: list[Any] = [None] * width
            for cell in cells:
                if 0 < cell["column"] <= width:
                    values[cell["column"] - 1] = cell["value"]
            yield values


def _parse_cell(
    parser: Any,
    parse_cell: Callable[[Any], dict[str, Any]],
    coordinate_to_tuple: Callable[[str], tuple[int, int]],
    element: Any,
) -> dict[str, Any]:
    """``WorkSheetParser.parse_cell`` (read for values only), with inline strings read
    directly."""
    if element.get("t") != "inlineStr":
        return parse_cell(element)
    coordinate = element.get("r")
    if coordinate:
        row, column = coordinate_to_tuple(coordinate)
        parser.col_counter = column
    else:
        parser.col_counter += 1
        row, column = parser.row_counter, parser.col_counter
    value, data_type = None, "inlineStr"
    for child in element:
        if _local(child.tag) == "is":
            value, data_type = _inline_text(child), "s"
            break
    return {"row": row, "column": column, "value": value, "data_type": data_type}


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _inline_text(element: Any) -> str:
    """The text of an ``<is>`` element as openpyxl's ``Text.content`` reads it: its plain
    ``<t>`` and the ``<t>`` of each rich-text run ``<r>``, without phonetic runs."""
    plain: str | None = None
    runs: list[str] = []
    for child in element:
        tag = _local(child.tag)
        if tag == "t":
            plain = child.text
        elif tag == "r":
            text = None
            for part in child:
                if _local(part.tag) == "t":
                    text = part.text
            if text is not None:
                runs.append(text)
    return (plain or "") + "".join(runs)


VCARD_HEADERS = (
    "honorific",
    "name",
    "position",
    "organisation",
    "phones",
    "whatsapp",
    "email",
    "address",
    "notes",
    "category",
    "forums",
    "region_codes",
    "province_wide",
)


def _iter_vcf(path: Path, encoding: str, progress: Progress | None) -> Iterator[list[Any]]:
    import vobject

    yield list(VCARD_HEADERS)
    size = max(path.stat().st_size, 1)
    with path.open("r", encoding=encoding, newline="") as fh:
        try:
            for n, card in enumerate(vobject.readComponents(fh, ignoreUnreadable=True)):
                yield _vcard_row(card)
                if progress and n % 200 == 0:
                    progress(min(fh.tell(), size), size)
        except Exception as exc:  # vobject raises its own ParseError and plain errors
            raise ImportFileError(f"vCard error: {exc}", code="unreadable_file") from None
    if progress:
        progress(size, size)


def _vcard_values(card: Any, name: str) -> list[Any]:
    return [c for c in card.contents.get(name, [])]


def _vcard_row(card: Any) -> list[str]:
    def first(name: str) -> str:
        items = _vcard_values(card, name)
        value = items[0].value if items else ""
        if isinstance(value, list):
            value = " ".join(str(v) for v in value if v)
        return str(value or "").strip()

    honorific = ""
    name = first("fn")
    n_items = _vcard_values(card, "n")
    if n_items:
        prefix = getattr(n_items[0].value, "prefix", "") or ""
        honorific = prefix if isinstance(prefix, str) else " ".join(prefix)
        if honorific and name.startswith(honorific + " "):
            name = name[len(honorific) + 1 :]
    phones, whatsapp = [], ""
    for tel in _vcard_values(card, "tel"):
        types = {t.lower() for t in tel.params.get("TYPE", [])}
        if "x-whatsapp" in types or "whatsapp" in types:
            whatsapp = tel.value
        else:
            phones.append(tel.value)
    org = ""
    for item in _vcard_values(card, "org"):
        org = " ".join(item.value) if isinstance(item.value, list) else str(item.value)
    address = ""
    adr = _vcard_values(card, "adr")
    if adr:
        a = adr[0].value
        address = ", ".join(
            p for p in (a.street, a.city, a.region, a.code, a.country) if p and isinstance(p, str)
        )
    cats = []
    for item in _vcard_values(card, "categories"):
        cats.extend(item.value if isinstance(item.value, list) else [item.value])
    extra = {k: first(k) for k in ("x-desk-category", "x-desk-forums", "x-desk-regions")}
    return [
        honorific,
        name,
        first("title"),
        org,
        "; ".join(phones),
        whatsapp,
        first("email"),
        address,
        first("note"),
        extra["x-desk-category"] or (cats[0] if cats else ""),
        extra["x-desk-forums"],
        extra["x-desk-regions"],
        first("x-desk-province-wide"),
    ]


def iter_table(
    path: Path, encoding: str | None = None, progress: Progress | None = None
) -> Iterator[list[Any]]:
    """Every row of the file, the header row first, streamed. Empty rows are yielded
    too (as empty lists or blank cells), so that counting gives the line number."""
    fmt = file_format(path)
    if fmt == "xlsx":
        return _iter_xlsx(path, progress)
    enc = encoding or detect_encoding(path)[0]
    return _iter_vcf(path, enc, progress) if fmt == "vcf" else _iter_csv(path, enc, progress)


def _blank(row: Sequence[Any]) -> bool:
    return not any(str(v).strip() for v in row)


def read_table(path: str | Path, preview_rows: int = PREVIEW_ROWS) -> TableFile:
    """The headers and the first ``preview_rows`` rows of a file (nothing more is read)."""
    path = Path(path)
    fmt = file_format(path)
    if not path.exists():
        raise ImportFileError(f"{path} does not exist", code="unreadable_file")
    encoding, fallback = (None, False) if fmt == "xlsx" else detect_encoding(path)
    rows = iter_table(path, encoding)
    try:
        headers: list[str] = []
        for row in rows:
            if not _blank(row):
                headers = [str(v).strip() for v in row]
                break
        if not headers:
            raise ImportFileError("the file has no header row", code="empty_file")
        preview: list[tuple[str, ...]] = []
        for row in rows:
            if len(preview) >= preview_rows:
                break
            if not _blank(row):
                preview.append(tuple(_as_text(v) for v in row))
    finally:
        if hasattr(rows, "close"):
            rows.close()
    return TableFile(path, fmt, tuple(headers), tuple(preview), encoding, fallback)


def _as_text(value: Any) -> str:
    if value.__class__ is str:
        return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# --- mapping ---------------------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def guess_mapping(kind: Kind, headers: Sequence[str]) -> dict[str, str]:
    """field → header, for headers that name a field (its code, or its Indonesian or
    English title, as our exports write them); then headers that contain a field's
    title or are contained in it ("Judul laporan" → title, "Keparahan" → severity)."""
    by_norm = {_norm(h): h for h in headers if h}
    mapping: dict[str, str] = {}
    candidates: dict[str, set[str]] = {}
    fields = fields_for(kind)
    for name, code_column in CODE_COLUMNS[kind].items():
        if name not in fields:
            continue
        for lang in ("id", "en"):
            header = by_norm.get(_norm(column_title(code_column, lang)))
            if header is not None and name not in mapping:
                mapping[name] = header
    for name in fields:
        if name in mapping:
            continue
        names = {name, column_title(name, "id"), column_title(name, "en"), *_ALIASES.get(name, ())}
        candidates[name] = {_norm(n) for n in names}
        for candidate in candidates[name]:
            header = by_norm.get(candidate)
            if header is not None and header not in mapping.values():
                mapping[name] = header
                break
    for name in fields:
        if name in mapping:
            continue
        for norm, header in by_norm.items():
            if header in mapping.values() or len(norm) < 4:
                continue
            if any(len(c) >= 4 and (c in norm or norm in c) for c in candidates[name]):
                mapping[name] = header
                break
    return mapping


def check_mapping(kind: Kind, mapping: dict[str, str], headers: Sequence[str]) -> list[str]:
    """Required fields not mapped to a column of this file."""
    present, required = set(headers), required_for(kind)
    return [f for f in fields_for(kind) if f in required and mapping.get(f) not in present]


# --- rows → service inputs -------------------------------------------------------------


class _Lookups:
    """Codes and names a row may use, read once per import."""

    def __init__(self, session: Session) -> None:
        #: Normalised code → code.
        self.region_codes: dict[str, str] = {}
        #: Normalised way of writing a region's name → the codes it may mean (two for a
        #: bare "Semarang": the kabupaten and the kota).
        self.region_names: dict[str, set[str]] = {}
        for code, name in session.execute(
            select(Region.code, Region.name).where(Region.deleted.is_(False))
        ):
            self.region_codes[_norm(code)] = code
            for written in _region_name_forms(name):
                self.region_names.setdefault(_norm(written), set()).add(code)
        self.terms: dict[TaxonomyKind, dict[str, str]] = {}
        for kind in TaxonomyKind:
            table: dict[str, str] = {}
            for term in terms(session, kind, include_inactive=True):
                table[_norm(term.code)] = term.code
                table.setdefault(_norm(term.name_id), term.code)
                table.setdefault(_norm(term.name_en), term.code)
            self.terms[kind] = table

    def term(self, kind: TaxonomyKind, value: str) -> str:
        value = str(value).strip()
        return self.terms[kind].get(_norm(value), value) if value else ""

    def regions_meant(self, value: str) -> set[str]:
        """The codes of the regions a cell may mean: its code, or its name written in
        full, with "Kab." or bare; none for an unknown one."""
        key = _norm(str(value))
        if key in self.region_codes:
            return {self.region_codes[key]}
        return set(self.region_names.get(key, ()))

    def region(self, value: str) -> str:
        """The code of the region a cell names, or the cell as it is when it names none
        or more than one (the services then refuse it as unknown)."""
        value = str(value).strip()
        meant = self.regions_meant(value)
        return meant.pop() if len(meant) == 1 else value

    def is_region(self, code: str) -> bool:
        return _norm(code) in self.region_codes


def _region_name_forms(name: str) -> tuple[str, ...]:
    """How files write a region's name: "Kabupaten Banjarnegara", "Kab. Banjarnegara"
    (as the tables show it), "Banjarnegara"; "Kota Semarang", "Semarang"."""
    kabupaten = re.match(r"kabupaten\s+(.+)", name, flags=re.I)
    if kabupaten:
        return (name, f"Kab. {kabupaten[1]}", kabupaten[1])
    kota = re.match(r"kota\s+(.+)", name, flags=re.I)
    return (name, kota[1]) if kota else (name,)


#: Date-time text that is not ISO: day first, as Indonesian spreadsheets write it, with or
#: without seconds (a spreadsheet's CSV "as shown" keeps them). ``strptime`` takes one or
#: two digits for the day, the month and the hour.
_DATETIME_PATTERNS = (
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H.%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H.%M.%S",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
)
#: An ISO date and the hour and minute of its time, which may have one digit for the hour
#: or an Indonesian dot between them ("2026-12-05 2:26:00", "2026-12-05 14.30").
_ISO_HOUR_MINUTE = re.compile(r"^(\d{4}-\d{2}-\d{2}) (\d{1,2})[:.](\d{2})(?=[:+\-Z]|$)")


def _two_digit_hour(text: str) -> str:
    """ISO text with its hour in two digits and a colon after it, as ``fromisoformat``
    wants it: files exported before times carried two-digit hours write
    "2026-12-05 2:26:00", and ``fromisoformat`` would read "14.30" as 14:00:00.30."""
    return _ISO_HOUR_MINUTE.sub(lambda m: f"{m[1]} {int(m[2]):02d}:{m[3]}", text)


def _datetime(value: Any) -> datetime | None:
    """A date-time cell: XLSX datetimes and ISO or d/m/y text; without a zone it is WIB."""
    if value in ("", None):
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    else:
        text = str(value).strip().replace(" WIB", "").replace("T", " ")
        parsed: datetime | None = None
        try:
            parsed = datetime.fromisoformat(_two_digit_hour(text))
        except ValueError:
            for pattern in _DATETIME_PATTERNS:
                try:
                    parsed = datetime.strptime(text, pattern)
                    break
                except ValueError:
                    continue
        if parsed is None:
            raise ValueError(text)
        moment = parsed
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=WIB)
    return moment


def _split(value: Any) -> list[str]:
    return [v.strip() for v in _LIST_SPLIT.split(str(value or "")) if v.strip()]


def incident_input(
    values: dict[str, Any], lookups: _Lookups
) -> tuple[IncidentInput, dict[str, str]]:
    """An ``IncidentInput`` from one row (field → cell), and the errors of cells that
    cannot even be parsed (with the same codes the services use)."""
    errors: dict[str, str] = {}

    def text(name: str) -> str:
        return _as_text(values.get(name, ""))

    severity: int | None = None
    raw = text("severity").strip()
    if raw:
        if raw.isdigit():
            severity = int(raw)
        elif raw.lower() in SEVERITY_WORDS:
            severity = SEVERITY_WORDS[raw.lower()]
        else:
            errors["severity"] = "severity_range"
    moments: dict[str, datetime | None] = {}
    for name in ("occurred_at", "reported_at"):
        try:
            moments[name] = _datetime(values.get(name))
        except ValueError:
            errors[name] = "invalid_date"
            moments[name] = None
    region_code, region_error = _incident_region(
        lookups, text("region"), text(_NAME_COLUMNS["region"])
    )
    if region_error:
        errors["region"] = region_error
    subject = lookups.term(TaxonomyKind.NEUTRALITY_SUBJECT, text("neutrality_subject"))
    platform = lookups.term(TaxonomyKind.PLATFORM, text("platform"))
    data = IncidentInput(
        **_texts(values, "incidents"),
        region_code=region_code,
        category=lookups.term(TaxonomyKind.INCIDENT_CATEGORY, text("category")),
        severity=severity,
        source_type=lookups.term(TaxonomyKind.SOURCE_TYPE, text("source_type")),
        occurred_at=moments["occurred_at"],
        reported_at=moments["reported_at"] or moments["occurred_at"],
        neutrality_subject=subject or None,
        platform=platform or None,
    )
    return data, errors


def _incident_region(lookups: _Lookups, cell: str, name: str) -> tuple[str, str | None]:
    """The region of a row from its region column and, when the file has one beside it,
    its column of region names: the name stands in for a missing or unknown code, and
    must not name another region than a known code does. Returns the code (or the text
    the services will refuse) and an error code."""
    code = lookups.region(cell)
    name = name.strip()
    if not name:
        return code, None
    named = lookups.regions_meant(name)
    if not lookups.is_region(code):
        if len(named) == 1:
            return named.pop(), None
        return (code or name), None
    if named and code not in named:
        return code, "region_mismatch"
    return code, None


def _texts(values: dict[str, Any], kind: Kind) -> dict[str, Any]:
    """The row's text fields as they are (every other kind is parsed by its own rule)."""
    return {
        f.name: _as_text(values.get(f.name, ""))
        for f in field_table(kind)
        if f.imported and f.kind in ("text", "multiline")
    }


def _social(value: str) -> dict[str, str]:
    social: dict[str, str] = {}
    for part in re.split(r"[;\n]+", value or ""):
        key, sep, handle = part.partition(":")
        if sep and key.strip() and handle.strip():
            social[key.strip()] = handle.strip()
    return social


def contact_input(values: dict[str, Any], lookups: _Lookups) -> tuple[ContactInput, dict[str, str]]:
    def text(name: str) -> str:
        return _as_text(values.get(name, ""))

    errors: dict[str, str] = {}
    wide = text("province_wide").strip().lower()
    if wide not in _TRUE | _FALSE:
        errors["province_wide"] = "invalid_boolean"
    data = ContactInput(
        **_texts(values, "contacts"),
        category=lookups.term(TaxonomyKind.CONTACT_CATEGORY, text("category")),
        forums=[lookups.term(TaxonomyKind.FORUM, f) for f in _split(text("forums"))],
        region_codes=[lookups.region(r) for r in _split(text("region_codes"))],
        province_wide=wide in _TRUE,
        phones=_split(text("phones")),
        whatsapp=text("whatsapp"),
        social=_social(text("social")),
    )
    return data, errors


# --- validate and import ---------------------------------------------------------------


@dataclass(frozen=True)
class BadRow:
    #: Line in the file (the header is line 1), as a spreadsheet shows it.
    line: int
    cells: tuple[str, ...]
    errors: dict[str, str]


@dataclass
class ImportReport:
    total: int = 0
    good: int = 0
    #: The first ``BAD_ROWS_SHOWN`` refused rows, for display; ``bad_count`` counts all.
    bad: list[BadRow] = field(default_factory=list)
    bad_count: int = 0
    #: Every refused row with its errors, as a CSV written while the file was read
    #: (``None`` when every row was good). A temporary file unless a path was given:
    #: ``discard`` removes it.
    bad_rows_file: Path | None = None
    bad_rows_temporary: bool = False
    imported: int = 0
    created_ids: list[str] = field(default_factory=list)

    def discard(self) -> None:
        """Remove the temporary bad-rows file (a file the caller named is kept)."""
        if self.bad_rows_temporary and self.bad_rows_file is not None:
            self.bad_rows_file.unlink(missing_ok=True)
            self.bad_rows_file = None


def describe_errors(errors: dict[str, str], lang: str = "id") -> str:
    from desk_app.messages import field_error

    extra = {"invalid_boolean": ("harus ya atau tidak", "must be yes or no")}
    parts = []
    for name, code in errors.items():
        if code in extra:
            label = column_title(name, lang)
            parts.append(f"{label}: {extra[code][1 if lang == 'en' else 0]}")
        else:
            parts.append(field_error(name, code, lang))
    return "; ".join(parts)


def _bad_row_cells(headers: Sequence[str], row: BadRow, text: str) -> list[str]:
    return [*row.cells, *[""] * (len(headers) - len(row.cells)), text]


class _BadRowsFile:
    """The refused rows, written as they are found (never all held in memory): the
    original columns and an error column, so they can be fixed in a spreadsheet and
    imported again (the error column is not mapped). Opened at the first bad row."""

    def __init__(
        self,
        target: Path | None,
        lang: str,
        describe: Callable[[dict[str, str]], str] | None,
    ) -> None:
        self.target = target
        self.lang = lang
        self.describe = describe or (lambda errors: describe_errors(errors, lang))
        self.path: Path | None = None
        self._fh: IO[str] | None = None
        self._writer: Any = None
        self._headers: Sequence[str] = ()

    def add(self, headers: Sequence[str], row: BadRow) -> None:
        if self._fh is None:
            self._open(headers)
        self._writer.writerow(
            _safe_row(_bad_row_cells(self._headers, row, self.describe(row.errors)))
        )

    def _open(self, headers: Sequence[str]) -> None:
        if self.target is None:
            # Owner-only (mkstemp): the rows may hold personal data.
            fd, name = tempfile.mkstemp(prefix="desk-import-bermasalah-", suffix=".csv")
            self.path = Path(name)
            self._fh = os.fdopen(fd, "w", encoding="utf-8-sig", newline="")
        else:
            self.path = self.target.with_name(self.target.name + ".part")
            self._fh = self.path.open("w", encoding="utf-8-sig", newline="")
        self._headers = tuple(headers)
        self._writer = csv.writer(self._fh)
        error_header = "Errors" if self.lang == "en" else "Kesalahan"
        self._writer.writerow(_safe_row([*headers, error_header]))

    def finish(self, report: ImportReport) -> None:
        if self._fh is None:
            return
        self._fh.close()
        assert self.path is not None
        if self.target is not None:
            self.path.replace(self.target)
            self.path = self.target
        report.bad_rows_file = self.path
        report.bad_rows_temporary = self.target is None

    def abandon(self) -> None:
        if self._fh is not None:
            self._fh.close()
            assert self.path is not None
            self.path.unlink(missing_ok=True)


def _safe_row(values: Iterable[Any]) -> list[Any]:
    from desk_app.services.export import safe_cell

    return [safe_cell(v.replace("\x00", "") if isinstance(v, str) else v) for v in values]


class _Rows:
    """The data rows of a file as ``(line, cells, {field: cell})``, after its header row.

    Refuses a file of more than ``MAX_ROWS`` data rows when it reaches the next one, and
    stops when ``cancelled()`` says so."""

    def __init__(
        self,
        path: Path,
        mapping: dict[str, str],
        encoding: str | None,
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> None:
        self.path = path
        self.mapping = mapping
        self.encoding = encoding
        self.progress = progress
        self.cancelled = cancelled
        self.headers: list[str] = []

    def __iter__(self) -> Iterator[tuple[int, list[Any], dict[str, Any]]]:
        rows = iter_table(self.path, self.encoding, self.progress)
        try:
            line = 0
            for row in rows:
                line += 1
                if not _blank(row):
                    self.headers = [str(v).strip() for v in row]
                    break
            index = {f: self.headers.index(h) for f, h in self.mapping.items() if h in self.headers}
            for name, key in _NAME_COLUMNS.items():
                if name in index and key not in index:
                    found = _name_column(name, self.mapping[name], self.headers)
                    if found is not None:
                        index[key] = found
            data_rows = 0
            for row in rows:
                line += 1
                if self.cancelled is not None and self.cancelled():
                    raise ImportCancelledError()
                if _blank(row):
                    continue
                data_rows += 1
                if data_rows > MAX_ROWS:
                    raise _too_many_rows()
                values = {f: (row[i] if i < len(row) else "") for f, i in index.items()}
                yield line, row, values
        finally:
            if hasattr(rows, "close"):
                rows.close()


def _check(session: Session, kind: Kind, values: dict[str, Any], lookups: _Lookups) -> Any:
    """The columns of the record a row makes, validated exactly as the form's would be.
    Raises ``ValidationError`` with every problem of the row."""
    data: Any
    if kind == "incidents":
        data, errors = incident_input(values, lookups)
    else:
        data, errors = contact_input(values, lookups)
    try:
        if kind == "incidents":
            checked = incident_service.validate_input(session, data)
        else:
            checked = contact_service.validate_input(session, data)
    except ValidationError as exc:
        errors = {**exc.errors, **errors}
    if errors:
        raise ValidationError(errors)
    return checked


class _BatchWriter:
    """Good rows written ``BATCH_ROWS`` at a time with Core ``executemany``, with one
    audit entry each, exactly as ``records.Writer.create`` would write them one by one:
    the same bookkeeping, one clock tick for the whole import (one operation), personal
    data kept out of the audit log. The capture triggers put every row in the sync
    outbox, in the caller's transaction."""

    def __init__(self, session: Session, actor: Actor, kind: Kind) -> None:
        self.session = session
        self.actor = actor
        self.kind = kind
        self.model: Any = Incident if kind == "incidents" else Contact
        self.version = Writer(session, actor).version
        self.user_id = actor.user_id
        self.fields = data_fields(self.model)
        self.personal: frozenset[str] = getattr(self.model, "__personal__", frozenset())
        self.defaults = _column_defaults(self.model)
        self.records: list[dict[str, Any]] = []
        #: Years whose counter was raised above the numbers the database holds.
        self._above_known: set[int] = set()

    def add(self, values: dict[str, Any]) -> str:
        # Bookkeeping in its stored form at once: the row's instant is converted once for
        # its three stamps (the record's two and its audit entry's).
        now = _stored(utcnow())
        record: dict[str, Any] = {
            **self.defaults,
            **values,
            "id": new_id(),
            "created_at": now,
            "created_by": self.user_id,
            "updated_at": now,
            "updated_by": self.user_id,
            "deleted": False,
            "origin_version": self.version,
            "versions": "{}",
        }
        if self.kind == "incidents":
            record["status"] = IncidentStatus.BARU.value
        self.records.append(record)
        if len(self.records) >= BATCH_ROWS:
            self.flush()
        return str(record["id"])

    def _number(self) -> None:
        """Reference numbers for the batch, as ``incidents.next_reference`` gives them,
        checked against the numbers already held in one query per batch (a restored
        backup may have an older counter than numbers synced back)."""
        code = local_state(self.session).workstation_code
        pending = self.records
        while pending:
            for record in pending:
                year = to_wib(record["reported_at"]).year
                counter = incident_service.reference_counter(self.session, year)
                if year not in self._above_known:
                    # Above every number of this code the database holds (once per year
                    # and import): a restored desk continues above the hub's numbers.
                    self._above_known.add(year)
                    counter.value = max(
                        counter.value,
                        incident_service.highest_ref_number(self.session, code, year),
                    )
                counter.value += 1
                record["ref"] = f"{code}-{year}-{counter.value:05d}"
            refs = [r["ref"] for r in pending]
            taken = set(self.session.scalars(select(Incident.ref).where(Incident.ref.in_(refs))))
            pending = [r for r in pending if r["ref"] in taken]

    def _audit(self, record: dict[str, Any]) -> dict[str, Any]:
        changes = {}
        for name in self.fields:
            value = record.get(name)
            if value.__class__ not in _JSON_PLAIN:
                value = jsonable(value)
            if name in self.personal and value not in (None, "", [], {}):
                value = PERSONAL_MARK
            changes[name] = [None, value]
        return {
            "id": new_id(),
            "created_at": record["created_at"],
            "created_by": self.user_id,
            "origin_version": self.version,
            "action": AuditAction.CREATE.value,
            "table_name": self.model.__tablename__,
            "record_id": record["id"],
            "changes": changes,
        }

    def flush(self) -> None:
        if not self.records:
            return
        if self.kind == "incidents":
            self._number()
        conn = self.session.connection()
        _insert_many(conn, self.model.__tablename__, self.records)
        _insert_many(conn, AuditEntry.__tablename__, [self._audit(r) for r in self.records])
        self.records = []


def _insert_many(conn: Any, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys), up to ``ROWS_PER_STATEMENT`` in one
    multi-row ``INSERT ... VALUES (...), (...)``, with the values already in the form
    SQLAlchemy's types store in SQLite (UTC text for instants, JSON text, 0/1), as the
    demo seeder writes: the types' per-value processing was a third of an import's time.

    Not ``executemany``: that runs the statement once per row, and SQLite opens a
    statement savepoint for each run, at which both full-text indexes write out what
    their insert triggers gathered, a new segment for every row, merged again and again
    as the import goes on. One statement for many rows writes one segment for them all
    and leaves the triggers (full-text and sync capture) as they are for every other
    write path."""
    columns = list(rows[0])
    width = len(columns)
    per_statement = max(1, min(ROWS_PER_STATEMENT, _variable_limit(conn) // width))
    names = ", ".join(f'"{c}"' for c in columns)
    one = "(" + ", ".join("?" * width) + ")"
    # Most values are text already; testing for that here spares a call per value.
    values = [v if (v := row[c]).__class__ is str else _stored(v) for row in rows for c in columns]
    for start in range(0, len(rows), per_statement):
        count = min(per_statement, len(rows) - start)
        sql = f'INSERT INTO "{table}" ({names}) VALUES ' + ", ".join([one] * count)
        conn.exec_driver_sql(sql, tuple(values[start * width : (start + count) * width]))


def _variable_limit(conn: Any) -> int:
    """The most ``?`` parameters one statement of this SQLite may have."""
    driver = getattr(conn.connection, "driver_connection", None)
    try:
        return int(driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))  # type: ignore[union-attr]
    except (AttributeError, sqlite3.Error):
        return 999  # SQLite's limit before 3.32


def _stored(value: Any) -> Any:
    cls = value.__class__
    if cls is str or cls is int or value is None:
        return value
    if cls is bool:
        return int(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


#: Values ``records.jsonable`` returns as they are (checked first: most cells are text).
_JSON_PLAIN = frozenset({str, int, float, bool, type(None)})


def _column_defaults(model: Any) -> dict[str, Any]:
    """Each data column's default, for the columns a row does not set."""
    defaults: dict[str, Any] = {}
    for column in model.__table__.columns:
        default = column.default
        if default is None:
            defaults[column.key] = None
        elif default.is_scalar:
            defaults[column.key] = default.arg
        elif default.is_callable:
            defaults[column.key] = default.arg(None)
    return defaults


def _run(
    session: Session,
    actor: Actor | None,
    kind: Kind,
    path: str | Path,
    mapping: dict[str, str],
    *,
    encoding: str | None,
    progress: Progress | None,
    cancelled: Cancelled | None,
    bad_rows_path: str | Path | None,
    lang: str,
    describe: Callable[[dict[str, str]], str] | None,
) -> ImportReport:
    report = ImportReport()
    lookups = _Lookups(session)
    source = _Rows(Path(path), mapping, encoding, progress, cancelled)
    cache_kib = IMPORT_CACHE_KIB if actor is not None else None
    with _page_cache(session, cache_kib), _few_collections():
        return _run_rows(session, actor, kind, source, lookups, report, bad_rows_path, lang,
                         describe)  # fmt: skip


#: Allocations between two young-generation collections while an import runs (Python's
#: default is 700).
IMPORT_GC_THRESHOLD = 50_000


@contextlib.contextmanager
def _few_collections() -> Iterator[None]:
    """Python's cyclic garbage collector run less often while an import reads its rows.

    Each row makes and drops some hundred small objects (cells, dicts, a record and its
    audit entry), none of them in a cycle, so the collector ran every few rows and,
    every so often, went through every object of the process: 12% of an import's CPU
    time. Only collections triggered by allocation are deferred; the thresholds are put
    back afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], IMPORT_GC_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextlib.contextmanager
def _page_cache(session: Session, kib: int | None) -> Iterator[None]:
    """A larger SQLite page cache while an import writes: the incident table's indexes
    and full-text index outgrow the default 2 MB within some thousand rows, and every
    page that no longer fits is then written out and read back, again and again."""
    if kib is None or session.get_bind().dialect.name != "sqlite":
        yield
        return
    conn = session.connection()
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        with contextlib.suppress(Exception):  # the connection may be gone with an error
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


def _run_rows(
    session: Session,
    actor: Actor | None,
    kind: Kind,
    source: _Rows,
    lookups: _Lookups,
    report: ImportReport,
    bad_rows_path: str | Path | None,
    lang: str,
    describe: Callable[[dict[str, str]], str] | None,
) -> ImportReport:
    bad_rows = _BadRowsFile(Path(bad_rows_path) if bad_rows_path else None, lang, describe)
    try:
        # No autoflush: the counters and the clock are written once, at the end, not
        # before every query a row's checks make.
        with reference_cache(session), session.no_autoflush:
            writer = _BatchWriter(session, actor, kind) if actor is not None else None
            for line, row, values in source:
                report.total += 1
                try:
                    checked = _check(session, kind, values, lookups)
                except ValidationError as exc:
                    bad = BadRow(line, tuple(_as_text(v) for v in row), dict(exc.errors))
                    report.bad_count += 1
                    if len(report.bad) < BAD_ROWS_SHOWN:
                        report.bad.append(bad)
                    bad_rows.add(source.headers, bad)
                    continue
                report.good += 1
                if writer is not None:
                    report.created_ids.append(writer.add(checked))
                    report.imported += 1
            if writer is not None:
                writer.flush()
        if writer is not None:
            session.flush()
    except BaseException:
        bad_rows.abandon()
        raise
    bad_rows.finish(report)
    return report


def validate_rows(
    session: Session,
    kind: Kind,
    path: str | Path,
    mapping: dict[str, str],
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    bad_rows_path: str | Path | None = None,
    lang: str = "id",
    describe: Callable[[dict[str, str]], str] | None = None,
) -> ImportReport:
    """Check every row; write nothing to the database. The refused rows go to
    ``bad_rows_path`` (or a temporary file) as they are found."""
    return _run(
        session,
        None,
        kind,
        path,
        mapping,
        encoding=encoding,
        progress=progress,
        cancelled=cancelled,
        bad_rows_path=bad_rows_path,
        lang=lang,
        describe=describe,
    )


def import_rows(
    session: Session,
    actor: Actor,
    kind: Kind,
    path: str | Path,
    mapping: dict[str, str],
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    bad_rows_path: str | Path | None = None,
    lang: str = "id",
    describe: Callable[[dict[str, str]], str] | None = None,
) -> ImportReport:
    """Create a record for every good row, in the caller's transaction (all or nothing:
    if this raises, including ``ImportCancelledError``, the caller rolls back). Bad rows
    are skipped and reported (and written to ``bad_rows_path`` or a temporary file)."""
    require(actor, Action.EDIT_INCIDENT if kind == "incidents" else Action.EDIT_CONTACT)
    return _run(
        session,
        actor,
        kind,
        path,
        mapping,
        encoding=encoding,
        progress=progress,
        cancelled=cancelled,
        bad_rows_path=bad_rows_path,
        lang=lang,
        describe=describe,
    )


def write_bad_rows(
    path: str | Path,
    headers: Sequence[str],
    bad: Iterable[BadRow],
    lang: str = "id",
    describe: Callable[[dict[str, str]], str] | None = None,
) -> int:
    """The given refused rows as a CSV (see ``_BadRowsFile``)."""
    error_header = "Kesalahan" if lang != "en" else "Errors"
    text_of = describe or (lambda errors: describe_errors(errors, lang))
    return write_csv(
        path,
        [*headers, error_header],
        (_bad_row_cells(headers, row, text_of(row.errors)) for row in bad),
    )


def save_bad_rows(report: ImportReport, path: str | Path) -> int:
    """Copy the report's bad-rows file to ``path``; returns the number of rows in it."""
    if report.bad_rows_file is None:
        return 0
    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    try:
        with report.bad_rows_file.open("rb") as src, tmp.open("wb") as dst:
            while chunk := src.read(_CHUNK):
                dst.write(chunk)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return report.bad_count


def split_list(value: Any) -> list[str]:
    """The items of a list cell ("FKUB; FKDM")."""
    return _split(value)


__all__ = [
    "BAD_ROWS_SHOWN",
    "CODE_COLUMNS",
    "IMPORTED_CONTACT_FIELDS",
    "IMPORTED_CONTACT_REQUIRED",
    "IMPORTED_INCIDENT_FIELDS",
    "IMPORTED_INCIDENT_REQUIRED",
    "MAX_CELL_CHARS",
    "MAX_ROWS",
    "BadRow",
    "ImportCancelledError",
    "ImportFileError",
    "ImportReport",
    "TableFile",
    "check_mapping",
    "column_title",
    "detect_encoding",
    "field_table",
    "fields_for",
    "guess_mapping",
    "import_rows",
    "imported_fields",
    "read_table",
    "required_columns",
    "required_for",
    "save_bad_rows",
    "validate_rows",
    "write_bad_rows",
]
