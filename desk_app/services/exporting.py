"""Incidents and contacts out: CSV, XLSX and (contacts) vCard.

An export holds what the table shows (the same filter and order), with personal data
masked for a role that may not see it, and masked too unless the person chose to include
it (the window asks, as the sitrep does); ``record_export`` keeps an audit entry of each
export, saying whether personal data went out. Cells are escaped by ``desk_app.services.export``
so that nothing turns into a live formula; the column titles are the ones an import
recognises (``importing.column_title``), so an export can be imported again.

The columns are every field of the field tables (``export_columns``), and each row is a
dict by column name: adding a field to a table adds it to the export. Statuses, regions,
categories, severities and the other coded fields show their names in the export's
language; their codes follow in columns of their own at the end (which an import of the
file reads first, ``importing.CODE_COLUMNS``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.formats import to_wib
from desk_app.messages import severity_label, status_label
from desk_app.models import AuditEntry, Contact, Incident, Region, User, new_id, utcnow
from desk_app.models.enums import AuditAction, TaxonomyKind
from desk_app.services import contacts as contact_service
from desk_app.services import incidents as incident_service
from desk_app.services.actor import Actor
from desk_app.services.contacts import ContactFilter
from desk_app.services.export import write_csv, write_xlsx
from desk_app.services.fields import masked as hidden
from desk_app.services.fields import personal
from desk_app.services.importing import (
    CODE_COLUMNS,
    Kind,
    column_title,
    field_table,
    fields_for,
    split_list,
)
from desk_app.services.incidents import IncidentFilter
from desk_app.services.phones import mask_phone
from desk_app.services.records import Writer
from desk_app.services.reference_names import reference_names
from desk_app.services.taxonomy import labels

#: The fields the desk sets itself (not imported) that lead an export, before the
#: imported ones: the incident's number and where it stands. The desk's other fields (the
#: assignee) follow the imported ones.
_LEADING = ("ref", "status")


def export_columns(kind: Kind) -> tuple[str, ...]:
    """An export's columns, by name: every field of the field table (the imported ones in
    the import's order, ``importing.fields_for``), then the columns of codes
    (``importing.CODE_COLUMNS``) in the order of their fields."""
    own = [f.name for f in field_table(kind) if not f.imported]
    leading = [name for name in _LEADING if name in own]
    names = (*leading, *fields_for(kind), *(name for name in own if name not in leading))
    codes = CODE_COLUMNS[kind]
    return (*names, *(codes[name] for name in names if name in codes))


#: The columns of an export of the field tables as they are (``export_columns``).
INCIDENT_EXPORT = export_columns("incidents")
CONTACT_EXPORT = export_columns("contacts")


def _taxonomy_names(session: Session, lang: str) -> dict[TaxonomyKind, dict[str, str]]:
    return {kind: labels(session, kind, lang) for kind in TaxonomyKind}


def _yes_no(value: bool, lang: str) -> str:
    if lang == "en":
        return "yes" if value else "no"
    return "ya" if value else "tidak"


#: The audit entry's fields for an export (none of them a record's field).
EXPORT_FILE, EXPORT_ROWS, EXPORT_PERSONAL = "export_file", "export_rows", "personal_data"


def would_include_personal_data(actor: Actor) -> bool:
    """Whether an export by ``actor`` can carry personal data (reporters' names and
    numbers, contacts' phones, e-mail and address): only for a role that sees it."""
    return actor.sees_personal_data


def _row(
    record: Any, shown: dict[str, Any], columns: tuple[str, ...], masked: frozenset[str]
) -> dict[str, Any]:
    """One export row by column name: a value ``shown`` gives (names for codes, times in
    WIB, the columns of codes), else the record's own; the fields in ``masked`` hidden."""
    row = {}
    for name in columns:
        value = shown[name] if name in shown else getattr(record, name)
        row[name] = (hidden(value) or "") if name in masked else value
    return row


def incident_records(
    session: Session,
    actor: Actor,
    flt: IncidentFilter,
    batch: int = 1000,
    lang: str = "id",
    *,
    personal_data: bool = True,
) -> Iterator[dict[str, Any]]:
    """Rows for an export of what ``flt`` shows, in its order, by column name
    (``export_columns("incidents")``). Times in WIB; names in ``lang``, the codes in
    columns of their own. Personal data is masked unless ``personal_data`` and the role
    sees it."""
    columns = export_columns("incidents")
    hide = not (personal_data and actor.sees_personal_data)
    masked = personal(field_table("incidents")) if hide else frozenset()
    names = _taxonomy_names(session, lang)
    regions = reference_names(session).regions_by_code

    def term(kind: TaxonomyKind, code: str | None) -> str:
        return names[kind].get(code, code) if code else ""

    stmt: Any = (
        select(Incident, Region.code, User.username)
        .join(Region, Region.id == Incident.region_id)
        .outerjoin(User, User.id == Incident.assigned_to)
    )
    stmt = incident_service.filtered(stmt, flt)
    column = incident_service.SORTABLE.get(flt.sort, Incident.occurred_at)
    order = column.desc() if flt.descending else column.asc()
    tiebreak = Incident.ref.desc() if flt.descending else Incident.ref.asc()
    stmt = stmt.order_by(order, tiebreak).execution_options(yield_per=batch)
    for inc, region_code, assignee in session.execute(stmt):
        shown = {
            "status": status_label(inc.status, lang),
            "region": regions.get(region_code, region_code),
            "category": term(TaxonomyKind.INCIDENT_CATEGORY, inc.category),
            "severity": severity_label(inc.severity, lang),
            "source_type": term(TaxonomyKind.SOURCE_TYPE, inc.source_type),
            "occurred_at": to_wib(inc.occurred_at),
            "reported_at": to_wib(inc.reported_at),
            "neutrality_subject": term(TaxonomyKind.NEUTRALITY_SUBJECT, inc.neutrality_subject),
            "platform": term(TaxonomyKind.PLATFORM, inc.platform),
            "assigned_to": assignee or "",
            "status_code": inc.status,
            "region_code": region_code,
            "category_code": inc.category,
            "severity_code": inc.severity,
            "source_type_code": inc.source_type,
            "neutrality_subject_code": inc.neutrality_subject or "",
            "platform_code": inc.platform or "",
        }
        yield _row(inc, shown, columns, masked)


#: A contact's personal fields that ``contact_records`` does not mask whole (as every other
#: personal field is), as the contact's own page shows them: the phones keep their last
#: digits.
_MASKED_BY_RULE = frozenset({"phones", "whatsapp"})


def contact_records(
    session: Session,
    actor: Actor,
    flt: ContactFilter,
    batch: int = 1000,
    lang: str = "id",
    *,
    personal_data: bool = True,
) -> Iterator[dict[str, Any]]:
    """Rows for an export of the contacts ``flt`` shows, by column name
    (``export_columns("contacts")``): names in ``lang``, the codes in columns of their
    own. Personal data is masked unless ``personal_data`` and the role sees it."""
    columns = export_columns("contacts")
    hide = not (personal_data and actor.sees_personal_data)
    masked = personal(field_table("contacts")) - _MASKED_BY_RULE if hide else frozenset()
    names = _taxonomy_names(session, lang)
    regions = reference_names(session).regions_by_code
    categories, forum_names = names[TaxonomyKind.CONTACT_CATEGORY], names[TaxonomyKind.FORUM]
    stmt = contact_service.filtered(select(Contact), flt, actor).order_by(Contact.name, Contact.id)
    for c in session.scalars(stmt.execution_options(yield_per=batch)):
        phones = [mask_phone(p) for p in c.phones] if hide else list(c.phones or [])
        forums, region_codes = list(c.forums or []), list(c.region_codes or [])
        shown = {
            "category": categories.get(c.category, c.category),
            "forums": "; ".join(forum_names.get(f, f) for f in forums),
            "region_codes": "; ".join(regions.get(r, r) for r in region_codes),
            "province_wide": _yes_no(c.province_wide, lang),
            "phones": "; ".join(phones),
            "whatsapp": mask_phone(c.whatsapp) if hide else c.whatsapp,
            "social": "; ".join(f"{k}: {v}" for k, v in (c.social or {}).items()),
            "category_code": c.category,
            "forum_codes": "; ".join(forums),
            "region_code_list": "; ".join(region_codes),
        }
        yield _row(c, shown, columns, masked)


def _write(
    path: Path, columns: tuple[str, ...], lang: str, rows: Iterable[dict[str, Any]], sheet: str
) -> int:
    headers = [column_title(name, lang) for name in columns]
    cells = ([row[name] for name in columns] for row in rows)
    if path.suffix.lower() == ".xlsx":
        return write_xlsx(path, headers, cells, sheet_title=sheet)
    return write_csv(path, headers, cells)


def export_incidents(
    session: Session,
    actor: Actor,
    flt: IncidentFilter,
    path: str | Path,
    lang: str = "id",
    *,
    personal_data: bool = True,
) -> int:
    """What ``flt`` shows, to ``path`` (.csv or .xlsx). Returns the number of rows."""
    sheet = "Incidents" if lang == "en" else "Insiden"
    rows = incident_records(session, actor, flt, lang=lang, personal_data=personal_data)
    return _write(Path(path), export_columns("incidents"), lang, rows, sheet)


def export_contacts(
    session: Session,
    actor: Actor,
    flt: ContactFilter,
    path: str | Path,
    lang: str = "id",
    *,
    personal_data: bool = True,
) -> int:
    """What ``flt`` shows, to ``path`` (.csv, .xlsx, or .vcf for vCards)."""
    path = Path(path)
    if path.suffix.lower() in (".vcf", ".vcard"):
        return export_vcards(session, actor, flt, path, personal_data=personal_data)
    sheet = "Contacts" if lang == "en" else "Kontak"
    rows = contact_records(session, actor, flt, lang=lang, personal_data=personal_data)
    return _write(path, export_columns("contacts"), lang, rows, sheet)


def record_export(
    session: Session,
    actor: Actor,
    table: str,
    path: str | Path,
    rows: int,
    *,
    personal_data: bool,
) -> str:
    """Keep in the audit log that ``actor`` exported ``rows`` records of ``table`` to the
    file ``path``, and whether personal data went with them (it did only if they chose
    it and their role sees it). Returns the entry's id."""
    writer = Writer(session, actor)
    entry = AuditEntry(
        action=AuditAction.EXPORT.value,
        table_name=table,
        record_id=new_id(),
        changes={
            EXPORT_FILE: [None, Path(path).name],
            EXPORT_ROWS: [None, int(rows)],
            EXPORT_PERSONAL: [None, bool(personal_data and actor.sees_personal_data)],
        },
        created_at=utcnow(),
        created_by=actor.user_id,
        origin_version=writer.version,
    )
    session.add(entry)
    session.flush()
    return entry.id


def export_vcards(
    session: Session,
    actor: Actor,
    flt: ContactFilter,
    path: str | Path,
    *,
    personal_data: bool = True,
) -> int:
    """Contacts as vCard 3.0, with the desk's own fields in X-DESK-* properties."""
    import vobject

    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    count = 0
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            for rec in contact_records(session, actor, flt, personal_data=personal_data):
                card = vobject.vCard()
                card.add("fn").value = f"{rec['honorific']} {rec['name']}".strip()
                card.add("n").value = vobject.vcard.Name(
                    family=rec["name"], prefix=rec["honorific"]
                )
                if rec["position"]:
                    card.add("title").value = rec["position"]
                if rec["organisation"]:
                    card.add("org").value = [rec["organisation"]]
                for phone in split_list(rec["phones"]):
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
                # The desk's own properties carry codes: what an import reads back.
                card.add("x-desk-category").value = rec["category_code"]
                if rec["forum_codes"]:
                    card.add("x-desk-forums").value = rec["forum_codes"]
                if rec["region_code_list"]:
                    card.add("x-desk-regions").value = rec["region_code_list"]
                card.add("x-desk-province-wide").value = rec["province_wide"]
                fh.write(card.serialize())
                count += 1
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return count


__all__ = [
    "CONTACT_EXPORT",
    "INCIDENT_EXPORT",
    "contact_records",
    "export_columns",
    "export_contacts",
    "export_incidents",
    "export_vcards",
    "incident_records",
    "record_export",
    "would_include_personal_data",
]
