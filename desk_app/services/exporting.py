"""Incidents and contacts out: CSV, XLSX and (contacts) vCard.

An export holds what the table shows (the same filter and order), with personal data
masked for a role that may not see it. Cells are escaped by ``desk_app.services.export``
so that nothing turns into a live formula; the column titles are the ones an import
recognises (``importing.column_title``), so an export can be imported again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.formats import to_wib
from desk_app.models import Contact, Incident, Region, User
from desk_app.services import contacts as contact_service
from desk_app.services import incidents as incident_service
from desk_app.services.actor import Actor
from desk_app.services.contacts import ContactFilter
from desk_app.services.export import write_csv, write_xlsx
from desk_app.services.importing import (
    CONTACT_FIELDS,
    INCIDENT_FIELDS,
    column_title,
    split_list,
)
from desk_app.services.incidents import IncidentFilter
from desk_app.services.phones import mask_phone

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
    stmt = incident_service.filtered(stmt, flt)
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
    stmt = contact_service.filtered(select(Contact), flt, actor).order_by(Contact.name, Contact.id)
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
    """What ``flt`` shows, to ``path`` (.csv, .xlsx, or .vcf for vCards)."""
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
    "CONTACT_EXPORT",
    "INCIDENT_EXPORT",
    "contact_records",
    "export_contacts",
    "export_incidents",
    "export_vcards",
    "incident_records",
]
