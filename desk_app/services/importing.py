"""Incidents and contacts in and out: CSV, XLSX and (contacts) vCard.

Importing goes in three steps the import dialog walks through:

1. ``read_table(path)``: the headers and a capped preview, the encoding that worked;
2. ``validate_rows(...)``: every row through the services' own validators, collecting
   the bad rows (with their error codes) without writing anything;
3. ``import_rows(...)``: the good rows written through the services, all in the caller's
   one transaction — an error or a cancel rolls the whole import back.

Files are streamed, so a file of a million rows never sits in memory; progress is
reported through a ``(done, total)`` callback. Exports escape every text cell
(``desk_app.services.export``) so that nothing turns into a live formula.
"""

from __future__ import annotations

import codecs
import csv
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.formats import WIB, to_wib
from desk_app.messages import FIELD_NAMES
from desk_app.models import Contact, Incident, Region, User, utcnow
from desk_app.models.enums import TaxonomyKind
from desk_app.services import contacts as contact_service
from desk_app.services import incidents as incident_service
from desk_app.services.actor import Actor
from desk_app.services.contacts import ContactFilter, ContactInput
from desk_app.services.errors import ServiceError, ValidationError
from desk_app.services.export import FORMULA_PREFIXES, write_csv, write_xlsx
from desk_app.services.incidents import IncidentFilter, IncidentInput
from desk_app.services.phones import mask_phone
from desk_app.services.records import reference_cache
from desk_app.services.taxonomy import terms

Kind = Literal["incidents", "contacts"]
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

#: Rows shown in the preview; the rest is only streamed.
PREVIEW_ROWS = 50
_CHUNK = 1 << 20

#: Importable fields, in the order the mapping shows them. Required ones first.
INCIDENT_FIELDS: tuple[str, ...] = (
    "title",
    "region",
    "category",
    "severity",
    "source_type",
    "occurred_at",
    "reported_at",
    "kecamatan",
    "desa",
    "neutrality_subject",
    "platform",
    "link",
    "reporter_name",
    "reporter_contact",
    "description",
)
INCIDENT_REQUIRED = frozenset({"title", "region", "category", "severity", "source_type"})

CONTACT_FIELDS: tuple[str, ...] = (
    "name",
    "category",
    "honorific",
    "position",
    "organisation",
    "forums",
    "region_codes",
    "province_wide",
    "phones",
    "whatsapp",
    "email",
    "social",
    "address",
    "basis",
    "notes",
)
CONTACT_REQUIRED = frozenset({"name", "category"})

#: Exported columns that are informational only (not imported back).
_EXTRA_NAMES = {
    "ref": ("No. insiden", "Incident no."),
    "status": ("Status", "Status"),
    "assignee": ("Petugas", "Assignee"),
    "province_wide": ("Seluruh provinsi", "Province-wide"),
    "region_codes": ("Wilayah", "Regions"),
    "region": ("Kabupaten/kota", "Regency/city"),
}

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


def fields_for(kind: Kind) -> tuple[str, ...]:
    return INCIDENT_FIELDS if kind == "incidents" else CONTACT_FIELDS


def required_for(kind: Kind) -> frozenset[str]:
    return INCIDENT_REQUIRED if kind == "incidents" else CONTACT_REQUIRED


def column_title(name: str, lang: str = "id") -> str:
    """The header an export writes for a field (and that an import recognises)."""
    pair = _EXTRA_NAMES.get(name) or FIELD_NAMES.get(name) or (name, name)
    return pair[1] if lang == "en" else pair[0]


# --- errors ----------------------------------------------------------------------------


class ImportFileError(ServiceError):
    """The file cannot be read as a table. Codes: ``unsupported_format``,
    ``unreadable_file``, ``truncated_file``, ``empty_file``."""

    code = "unreadable_file"


class ImportCancelledError(ServiceError):
    code = "import_cancelled"

    def __init__(self) -> None:
        super().__init__("import cancelled")


# --- reading files ---------------------------------------------------------------------


@dataclass(frozen=True)
class TableFile:
    path: Path
    format: Literal["csv", "xlsx", "vcf"]
    headers: tuple[str, ...]
    preview: tuple[tuple[str, ...], ...]
    #: The text encoding that decoded the file (CSV/vCard), else None.
    encoding: str | None = None
    #: True when the file was not UTF-8 and a legacy encoding was used: its accents
    #: may be wrong, the user should check the preview.
    encoding_fallback: bool = False


def file_format(path: Path) -> Literal["csv", "xlsx", "vcf"]:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".vcf", ".vcard"):
        return "vcf"
    raise ImportFileError(f"unsupported file type {suffix!r}", code="unsupported_format")


def detect_encoding(path: Path) -> tuple[str, bool]:
    """UTF-8 (with or without BOM) if the whole file decodes; else cp1252, else latin-1.

    Returns the encoding and whether it was a fallback. Reads the file in chunks.
    """
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as fh:
                while chunk := fh.read(_CHUNK):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding, encoding != "utf-8-sig"
    return "latin-1", True


def _clean_cell(value: Any) -> Any:
    """A cell as read: text trimmed, our own export's anti-formula apostrophe removed."""
    if value is None:
        return ""
    if isinstance(value, str):
        if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
            value = value[1:]
        return value.strip()
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


def _iter_csv(path: Path, encoding: str, progress: Progress | None) -> Iterator[list[Any]]:
    size = max(path.stat().st_size, 1)
    with path.open("r", encoding=encoding, newline="") as fh:
        sample = fh.read(64 * 1024)
        fh.seek(0)
        reader = csv.reader(fh, delimiter=_delimiter(sample), strict=True)
        try:
            for n, row in enumerate(reader):
                yield [_clean_cell(v) for v in row]
                if progress and n % 500 == 0:
                    progress(min(fh.buffer.tell(), size), size)  # type: ignore[attr-defined]
        except csv.Error as exc:
            code = "truncated_file" if "end of data" in str(exc) else "unreadable_file"
            raise ImportFileError(
                f"CSV error at line {reader.line_num}: {exc}", code=code, line=reader.line_num
            ) from None
    if progress:
        progress(size, size)


def _iter_xlsx(path: Path, progress: Progress | None) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        code = "truncated_file" if isinstance(exc, zipfile.BadZipFile) else "unreadable_file"
        raise ImportFileError(f"cannot open workbook: {exc}", code=code) from None
    try:
        ws = wb.worksheets[0]
        total = ws.max_row or 0
        try:
            for n, row in enumerate(ws.iter_rows(values_only=True)):
                yield [_clean_cell(v) for v in row]
                if progress and n % 500 == 0:
                    progress(n, max(total, n))
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise ImportFileError(f"workbook damaged: {exc}", code="truncated_file") from None
        if progress:
            progress(total, total)
    finally:
        wb.close()


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
    """Every row of the file, the header row first, streamed."""
    fmt = file_format(path)
    if fmt == "xlsx":
        return _iter_xlsx(path, progress)
    enc = encoding or detect_encoding(path)[0]
    return _iter_vcf(path, enc, progress) if fmt == "vcf" else _iter_csv(path, enc, progress)


def read_table(path: str | Path, preview_rows: int = PREVIEW_ROWS) -> TableFile:
    """The headers and the first ``preview_rows`` rows of a file (nothing more is read)."""
    path = Path(path)
    fmt = file_format(path)
    if not path.exists():
        raise ImportFileError(f"{path} does not exist", code="unreadable_file")
    encoding, fallback = (None, False) if fmt == "xlsx" else detect_encoding(path)
    rows = iter_table(path, encoding)
    headers: list[str] = []
    for row in rows:
        if any(str(v).strip() for v in row):
            headers = [str(v).strip() for v in row]
            break
    if not headers:
        raise ImportFileError("the file has no header row", code="empty_file")
    preview: list[tuple[str, ...]] = []
    for row in rows:
        if len(preview) >= preview_rows:
            break
        if any(str(v).strip() for v in row):
            preview.append(tuple(_as_text(v) for v in row))
    if hasattr(rows, "close"):
        rows.close()
    return TableFile(path, fmt, tuple(headers), tuple(preview), encoding, fallback)


def _as_text(value: Any) -> str:
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
    for name in fields_for(kind):
        names = {name, column_title(name, "id"), column_title(name, "en")}
        if name == "region":
            names |= {"region_code", "kode wilayah", "kabupaten/kota", "wilayah"}
        candidates[name] = {_norm(n) for n in names}
        for candidate in candidates[name]:
            header = by_norm.get(candidate)
            if header is not None and header not in mapping.values():
                mapping[name] = header
                break
    for name in fields_for(kind):
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
    present = set(headers)
    return [
        f for f in fields_for(kind) if f in required_for(kind) and mapping.get(f) not in present
    ]


# --- rows → service inputs -------------------------------------------------------------


class _Lookups:
    """Codes and names a row may use, read once per import."""

    def __init__(self, session: Session) -> None:
        self.regions: dict[str, str] = {}
        for code, name in session.execute(
            select(Region.code, Region.name).where(Region.deleted.is_(False))
        ):
            self.regions[_norm(code)] = code
            self.regions[_norm(name)] = code
            short = re.sub(r"^(kabupaten|kota)\s+", "", name, flags=re.I)
            self.regions.setdefault(_norm(short), code)
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

    def region(self, value: str) -> str:
        value = str(value).strip()
        return self.regions.get(_norm(value), value) if value else ""


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
            parsed = datetime.fromisoformat(text)
        except ValueError:
            for pattern in ("%d/%m/%Y %H:%M", "%d/%m/%Y %H.%M", "%d/%m/%Y", "%d-%m-%Y %H:%M"):
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
    subject = lookups.term(TaxonomyKind.NEUTRALITY_SUBJECT, text("neutrality_subject"))
    platform = lookups.term(TaxonomyKind.PLATFORM, text("platform"))
    data = IncidentInput(
        title=text("title"),
        region_code=lookups.region(text("region")),
        category=lookups.term(TaxonomyKind.INCIDENT_CATEGORY, text("category")),
        severity=severity,
        source_type=lookups.term(TaxonomyKind.SOURCE_TYPE, text("source_type")),
        occurred_at=moments["occurred_at"],
        reported_at=moments["reported_at"] or moments["occurred_at"],
        kecamatan=text("kecamatan"),
        desa=text("desa"),
        neutrality_subject=subject or None,
        platform=platform or None,
        link=text("link"),
        reporter_name=text("reporter_name"),
        reporter_contact=text("reporter_contact"),
        description=text("description"),
    )
    return data, errors


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
        name=text("name"),
        category=lookups.term(TaxonomyKind.CONTACT_CATEGORY, text("category")),
        honorific=text("honorific"),
        position=text("position"),
        organisation=text("organisation"),
        forums=[lookups.term(TaxonomyKind.FORUM, f) for f in _split(text("forums"))],
        region_codes=[lookups.region(r) for r in _split(text("region_codes"))],
        province_wide=wide in _TRUE,
        phones=_split(text("phones")),
        whatsapp=text("whatsapp"),
        email=text("email"),
        social=_social(text("social")),
        address=text("address"),
        basis=text("basis"),
        notes=text("notes"),
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
    bad: list[BadRow] = field(default_factory=list)
    imported: int = 0
    created_ids: list[str] = field(default_factory=list)


def _rows(
    path: Path,
    mapping: dict[str, str],
    encoding: str | None,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> Iterator[tuple[int, list[Any], dict[str, Any]]]:
    rows = iter_table(path, encoding, progress)
    headers: list[str] = []
    line = 0
    for row in rows:
        line += 1
        if any(str(v).strip() for v in row):
            headers = [str(v).strip() for v in row]
            break
    index = {f: headers.index(h) for f, h in mapping.items() if h in headers}
    for row in rows:
        line += 1
        if cancelled is not None and cancelled():
            raise ImportCancelledError()
        if not any(str(v).strip() for v in row):
            continue
        values = {f: (row[i] if i < len(row) else "") for f, i in index.items()}
        yield line, row, values


def _check(session: Session, kind: Kind, values: dict[str, Any], lookups: _Lookups) -> Any:
    """The service input for a row, validated exactly as the form's would be. Raises
    ``ValidationError`` with every problem of the row."""
    data: Any
    if kind == "incidents":
        data, errors = incident_input(values, lookups)
    else:
        data, errors = contact_input(values, lookups)
    try:
        if kind == "incidents":
            incident_service._validate(session, data, utcnow())
        else:
            contact_service._validate(session, data)
    except ValidationError as exc:
        errors = {**exc.errors, **errors}
    if errors:
        raise ValidationError(errors)
    return data


def validate_rows(
    session: Session,
    kind: Kind,
    path: str | Path,
    mapping: dict[str, str],
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Check every row; write nothing."""
    report = ImportReport()
    lookups = _Lookups(session)
    with reference_cache(session):
        for line, row, values in _rows(Path(path), mapping, encoding, progress, cancelled):
            report.total += 1
            try:
                _check(session, kind, values, lookups)
            except ValidationError as exc:
                report.bad.append(BadRow(line, tuple(_as_text(v) for v in row), dict(exc.errors)))
            else:
                report.good += 1
    return report


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
) -> ImportReport:
    """Create a record for every good row, in the caller's transaction (all or nothing:
    if this raises, including ``ImportCancelledError``, the caller rolls back). Bad rows
    are skipped and reported."""
    report = ImportReport()
    lookups = _Lookups(session)
    with reference_cache(session):
        for line, row, values in _rows(Path(path), mapping, encoding, progress, cancelled):
            report.total += 1
            try:
                data = _check(session, kind, values, lookups)
            except ValidationError as exc:
                report.bad.append(BadRow(line, tuple(_as_text(v) for v in row), dict(exc.errors)))
                continue
            report.good += 1
            if kind == "incidents":
                created = incident_service.add_incident(session, actor, data)
                report.created_ids.append(created.id)
            else:
                contact = contact_service.create_contact(session, actor, data)
                report.created_ids.append(contact.row.id)
            report.imported += 1
    return report


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


def write_bad_rows(
    path: str | Path,
    headers: Sequence[str],
    bad: Iterable[BadRow],
    lang: str = "id",
    describe: Callable[[dict[str, str]], str] | None = None,
) -> int:
    """The refused rows as a CSV: the original columns and an error column, so they can
    be fixed in a spreadsheet and imported again (the error column is not mapped)."""
    error_header = "Kesalahan" if lang != "en" else "Errors"
    text_of = describe or (lambda errors: describe_errors(errors, lang))
    return write_csv(
        path,
        [*headers, error_header],
        ([*row.cells, *[""] * (len(headers) - len(row.cells)), text_of(row.errors)] for row in bad),
    )


# --- exports ---------------------------------------------------------------------------


INCIDENT_EXPORT = ("ref", "status", *INCIDENT_FIELDS, "assignee")
CONTACT_EXPORT = CONTACT_FIELDS


def incident_records(
    session: Session, actor: Actor, flt: IncidentFilter, batch: int = 1000
) -> Iterator[list[Any]]:
    """Rows for an export of what ``flt`` shows, in its order. Times in WIB."""
    masked = not actor.sees_personal_data
    stmt: Any = (
        select(Incident, Region.code, User.username)
        .join(Region, Region.id == Incident.region_id)
        .outerjoin(User, User.id == Incident.assigned_to)
    )
    stmt = incident_service._filtered(stmt, flt)
    column = incident_service.SORTABLE.get(flt.sort, Incident.occurred_at)
    order = column.desc() if flt.descending else column.asc()
    tiebreak = Incident.ref.desc() if flt.descending else Incident.ref.asc()
    stmt = stmt.order_by(order, tiebreak).execution_options(yield_per=batch)
    for inc, region_code, assignee in session.execute(stmt):
        personal = incident_service.MASK if masked else None
        yield [
            inc.ref,
            inc.status,
            inc.title,
            region_code,
            inc.category,
            inc.severity,
            inc.source_type,
            to_wib(inc.occurred_at),
            to_wib(inc.reported_at),
            inc.kecamatan,
            inc.desa,
            inc.neutrality_subject or "",
            inc.platform or "",
            inc.link,
            (personal if inc.reporter_name else "") if personal else inc.reporter_name,
            (personal if inc.reporter_contact else "") if personal else inc.reporter_contact,
            inc.description,
            assignee or "",
        ]


def contact_records(
    session: Session, actor: Actor, flt: ContactFilter, batch: int = 1000
) -> Iterator[list[Any]]:
    masked = not actor.sees_personal_data
    stmt = contact_service._filtered(select(Contact), flt).order_by(Contact.name, Contact.id)
    for c in session.scalars(stmt.execution_options(yield_per=batch)):
        phones = [mask_phone(p) for p in c.phones] if masked else list(c.phones or [])
        yield [
            c.name,
            c.category,
            c.honorific,
            c.position,
            c.organisation,
            "; ".join(c.forums or []),
            "; ".join(c.region_codes or []),
            "ya" if c.province_wide else "tidak",
            "; ".join(phones),
            mask_phone(c.whatsapp) if masked else c.whatsapp,
            (contact_service.MASK if c.email else "") if masked else c.email,
            "; ".join(f"{k}: {v}" for k, v in (c.social or {}).items()),
            (contact_service.MASK if c.address else "") if masked else c.address,
            c.basis,
            c.notes,
        ]


def _write(path: Path, headers: list[str], rows: Iterable[list[Any]], sheet: str) -> int:
    if path.suffix.lower() == ".xlsx":
        return write_xlsx(path, headers, rows, sheet_title=sheet)
    return write_csv(path, headers, rows)


def export_incidents(
    session: Session, actor: Actor, flt: IncidentFilter, path: str | Path, lang: str = "id"
) -> int:
    """What ``flt`` shows, to ``path`` (.csv or .xlsx). Returns the number of rows."""
    headers = [column_title(n, lang) for n in INCIDENT_EXPORT]
    sheet = "Incidents" if lang == "en" else "Insiden"
    return _write(Path(path), headers, incident_records(session, actor, flt), sheet)


def export_contacts(
    session: Session, actor: Actor, flt: ContactFilter, path: str | Path, lang: str = "id"
) -> int:
    path = Path(path)
    if path.suffix.lower() in (".vcf", ".vcard"):
        return export_vcards(session, actor, flt, path)
    headers = [column_title(n, lang) for n in CONTACT_EXPORT]
    sheet = "Contacts" if lang == "en" else "Kontak"
    return _write(path, headers, contact_records(session, actor, flt), sheet)


def export_vcards(session: Session, actor: Actor, flt: ContactFilter, path: str | Path) -> int:
    """Contacts as vCard 3.0, with the desk's own fields in X-DESK-* properties."""
    import vobject

    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    count = 0
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            for values in contact_records(session, actor, flt):
                rec = dict(zip(CONTACT_EXPORT, values, strict=True))
                card = vobject.vCard()
                card.add("fn").value = f"{rec['honorific']} {rec['name']}".strip()
                card.add("n").value = vobject.vcard.Name(
                    family=rec["name"], prefix=rec["honorific"]
                )
                if rec["position"]:
                    card.add("title").value = rec["position"]
                if rec["organisation"]:
                    card.add("org").value = [rec["organisation"]]
                for phone in _split(rec["phones"]):
                    tel = card.add("tel")
                    tel.value = phone
                    tel.type_param = "CELL"
                if rec["whatsapp"]:
                    tel = card.add("tel")
                    tel.value = rec["whatsapp"]
                    tel.type_param = "X-WHATSAPP"
                if rec["email"]:
                    card.add("email").value = rec["email"]
                if rec["address"]:
                    card.add("adr").value = vobject.vcard.Address(street=rec["address"])
                if rec["notes"]:
                    card.add("note").value = rec["notes"]
                card.add("categories").value = [rec["category"]]
                card.add("x-desk-category").value = rec["category"]
                if rec["forums"]:
                    card.add("x-desk-forums").value = rec["forums"]
                if rec["region_codes"]:
                    card.add("x-desk-regions").value = rec["region_codes"]
                card.add("x-desk-province-wide").value = rec["province_wide"]
                fh.write(card.serialize())
                count += 1
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return count


__all__ = [
    "CONTACT_FIELDS",
    "INCIDENT_FIELDS",
    "BadRow",
    "ImportCancelledError",
    "ImportFileError",
    "ImportReport",
    "TableFile",
    "check_mapping",
    "column_title",
    "export_contacts",
    "export_incidents",
    "export_vcards",
    "guess_mapping",
    "import_rows",
    "read_table",
    "validate_rows",
    "write_bad_rows",
]
