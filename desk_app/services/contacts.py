"""Partner-forum contacts and their engagement log. Personal data under UU PDP."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, String, func, or_, select, text, type_coerce
from sqlalchemy.orm import Session

from desk_app.formats import wib_today
from desk_app.models import Contact, Engagement, Region, User
from desk_app.models.enums import TaxonomyKind
from desk_app.services.actor import Actor
from desk_app.services.conflicts import erase_personal_data
from desk_app.services.contact_fields import CONTACT_FIELDS, TEXT_LIMITS
from desk_app.services.errors import NotFoundError, ValidationError

# MASK stays importable from here (the export uses it).
from desk_app.services.fields import MASK as MASK
from desk_app.services.fields import mask_personal
from desk_app.services.fields import masked as hidden
from desk_app.services.permissions import Action, require
from desk_app.services.phones import PhoneError, mask_phone, normalise_phone, phone_digits
from desk_app.services.records import Writer, cached, get_live
from desk_app.services.taxonomy import term_codes
from desk_app.services.text import TextError, clean_text

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_EMAIL = EMAIL_RE
#: Longest name of a social network and of a handle on it.
SOCIAL_KEY_MAX_LENGTH = 40
SOCIAL_HANDLE_MAX_LENGTH = 200
#: Longest summary of an engagement.
SUMMARY_MAX_LENGTH = 5000
#: Personal data a user who may not see it cannot change (the form shows it masked):
#: what the field table marks personal, so that a field added there is covered here too.
MASKED_FIELDS = tuple(f.name for f in CONTACT_FIELDS if f.personal)
#: What erasing a contact (UU PDP) leaves in each field it blanks.
ERASED_VALUES: dict[str, Any] = {
    "phones": [],
    "whatsapp": "",
    "email": "",
    "address": "",
    "social": {},
    "notes": "",
}

#: Cleaned and limited by ``_validate``: from the field table.
_TEXT_LIMITS = TEXT_LIMITS


@dataclass
class ContactInput:
    name: str = ""
    category: str = ""
    honorific: str = ""
    position: str = ""
    organisation: str = ""
    forums: list[str] = field(default_factory=list)
    region_codes: list[str] = field(default_factory=list)
    province_wide: bool = False
    phones: list[str] = field(default_factory=list)
    whatsapp: str = ""
    email: str = ""
    social: dict[str, str] = field(default_factory=dict)
    address: str = ""
    basis: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ContactRow:
    id: str
    honorific: str
    name: str
    position: str
    organisation: str
    category: str
    forums: tuple[str, ...]
    region_codes: tuple[str, ...]
    province_wide: bool
    phones: tuple[str, ...]
    whatsapp: str
    email: str
    personal_data_masked: bool

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.name}".strip()


@dataclass(frozen=True)
class EngagementView:
    id: str
    contact_id: str
    occurred_on: date
    type: str
    summary: str
    by: str | None
    at: datetime


@dataclass(frozen=True)
class ContactDetail:
    row: ContactRow
    #: ``{network: handle}``; ``MASK`` instead when there are accounts the role may not see.
    social: dict[str, str] | str
    address: str
    basis: str
    notes: str
    engagements: tuple[EngagementView, ...]


def social_text(social: dict[str, str] | str, separator: str = ", ") -> str:
    """A contact's social accounts as one text, "instagram: @nama" each (or the mask)."""
    if isinstance(social, str):
        return social
    return separator.join(f"{network}: {handle}" for network, handle in social.items())


@dataclass(frozen=True)
class ContactFilter:
    category: str | None = None
    forum: str | None = None
    region_code: str | None = None
    search: str = ""
    #: Whether ``search`` also finds contacts by phone or WhatsApp number (never for a
    #: role that may not see them: ``list_contacts`` and ``count_contacts`` see to it).
    by_phone: bool = True
    #: A key of ``SORTABLE``; ties are broken by name.
    sort: str = "name"
    descending: bool = False


#: The contact columns the directory sorts by.
SORTABLE = {
    "name": Contact.name,
    "position": Contact.position,
    "organisation": Contact.organisation,
    "category": Contact.category,
}


def _validate(session: Session, data: ContactInput) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, (limit, multiline) in TEXT_LIMITS.items():
        try:
            values[name] = clean_text(getattr(data, name), max_length=limit, multiline=multiline)
        except TextError as exc:
            errors[name] = exc.code
    if "name" not in errors and not values.get("name"):
        errors["name"] = "required"
    if not data.category:
        errors["category"] = "required"
    elif data.category not in term_codes(session, TaxonomyKind.CONTACT_CATEGORY):
        errors["category"] = "unknown_category"
    values["category"] = data.category

    forums = sorted({f.strip() for f in data.forums if f.strip()})
    if set(forums) - term_codes(session, TaxonomyKind.FORUM):
        errors["forums"] = "unknown_forum"
    values["forums"] = forums

    codes = sorted({c.strip() for c in data.region_codes if c.strip()})
    # Read once per import (``reference_cache``), not once per contact.
    known = cached(
        session, (Region, "codes"), lambda: frozenset(session.scalars(select(Region.code)))
    )
    if set(codes) - known:
        errors["region_codes"] = "unknown_region"
    if data.province_wide:
        codes = []
    values["region_codes"] = codes
    values["province_wide"] = bool(data.province_wide)

    phones: list[str] = []
    for raw in data.phones:
        if not raw.strip():
            continue
        try:
            number = normalise_phone(raw)
        except PhoneError:
            errors["phones"] = "invalid_phone"
            break
        if number not in phones:
            phones.append(number)
    values["phones"] = phones
    whatsapp = ""
    if data.whatsapp.strip():
        try:
            whatsapp = normalise_phone(data.whatsapp)
        except PhoneError:
            errors["whatsapp"] = "invalid_phone"
    values["whatsapp"] = whatsapp

    if values.get("email") and not EMAIL_RE.match(values["email"]):
        errors["email"] = "invalid_email"
    social: dict[str, str] = {}
    for key, handle in data.social.items():
        try:
            k = clean_text(key, max_length=SOCIAL_KEY_MAX_LENGTH)
            v = clean_text(handle, max_length=SOCIAL_HANDLE_MAX_LENGTH)
        except TextError as exc:
            errors["social"] = exc.code
            break
        if k and v:
            social[k] = v
    values["social"] = social
    if errors:
        raise ValidationError(errors)
    return values


def create_contact(session: Session, actor: Actor, data: ContactInput) -> ContactDetail:
    return get_contact(session, actor, add_contact(session, actor, data))


def add_contact(session: Session, actor: Actor, data: ContactInput) -> str:
    """``create_contact`` without reading the new contact back: its id."""
    require(actor, Action.EDIT_CONTACT)
    return Writer(session, actor).create(Contact, **_validate(session, data)).id


def update_contact(
    session: Session, actor: Actor, contact_id: str, data: ContactInput
) -> ContactDetail:
    write_contact(session, actor, contact_id, data)
    return get_contact(session, actor, contact_id)


def write_contact(session: Session, actor: Actor, contact_id: str, data: ContactInput) -> str:
    """``update_contact`` without reading the contact back: its id."""
    require(actor, Action.EDIT_CONTACT)
    contact = _get(session, contact_id)
    if not actor.sees_personal_data:
        # Fields this user never saw unmasked are kept as they are.
        for name in MASKED_FIELDS:
            value = getattr(contact, name)
            setattr(data, name, list(value) if isinstance(value, list) else value)
    Writer(session, actor).update(contact, _validate(session, data))
    return contact.id


def delete_contact(session: Session, actor: Actor, contact_id: str) -> None:
    """Erase a contact: the row is tombstoned and its personal data blanked (UU PDP)."""
    require(actor, Action.DELETE_CONTACT)
    contact = _get(session, contact_id)
    writer = Writer(session, actor)
    writer.update(contact, {field: _blank(value) for field, value in ERASED_VALUES.items()})
    writer.delete(contact)
    # The values the contact had may also sit in sync conflicts: erased there too.
    erase_personal_data(session, actor, "contact", contact.id)


def _blank(value: Any) -> Any:
    # A fresh list or dict each time: the row must not share the module's constant.
    return type(value)() if isinstance(value, list | dict) else value


def log_engagement(
    session: Session,
    actor: Actor,
    contact_id: str,
    type_code: str,
    summary: str,
    occurred_on: date | None = None,
) -> EngagementView:
    require(actor, Action.LOG_ENGAGEMENT)
    contact = _get(session, contact_id)
    errors: dict[str, str] = {}
    if type_code not in term_codes(session, TaxonomyKind.ENGAGEMENT_TYPE):
        errors["type"] = "unknown_engagement_type" if type_code else "required"
    try:
        summary = clean_text(summary, max_length=SUMMARY_MAX_LENGTH, multiline=True)
        if not summary:
            errors["summary"] = "required"
    except TextError as exc:
        errors["summary"] = exc.code
    day = occurred_on or wib_today()
    if day > wib_today():
        errors["occurred_on"] = "in_future"
    if errors:
        raise ValidationError(errors)
    entry = Writer(session, actor).create(
        Engagement, contact_id=contact.id, occurred_on=day, type=type_code, summary=summary
    )
    return EngagementView(
        entry.id, contact.id, day, type_code, summary, actor.username, entry.created_at
    )


def _get(session: Session, contact_id: str) -> Contact:
    contact = get_live(session, Contact, contact_id)
    if contact is None:
        raise NotFoundError("contact", contact_id)
    return contact


def _row(contact: Contact, masked: bool) -> ContactRow:
    return ContactRow(
        id=contact.id,
        honorific=contact.honorific,
        name=contact.name,
        position=contact.position,
        organisation=contact.organisation,
        category=contact.category,
        forums=tuple(contact.forums or ()),
        region_codes=tuple(contact.region_codes or ()),
        province_wide=contact.province_wide,
        phones=tuple(mask_phone(p) if masked else p for p in contact.phones or ()),
        whatsapp=mask_phone(contact.whatsapp) if masked else contact.whatsapp,
        email=hidden(contact.email) if masked else contact.email,
        personal_data_masked=masked,
    )


def _detail(session: Session, actor: Actor, contact: Contact) -> ContactDetail:
    masked = not actor.sees_personal_data
    rows = session.execute(
        select(Engagement, User.username)
        .outerjoin(User, User.id == Engagement.created_by)
        .where(Engagement.contact_id == contact.id)
        .order_by(Engagement.occurred_on.desc(), Engagement.created_at.desc())
    ).all()
    values: dict[str, Any] = {
        "social": dict(contact.social or {}),
        "address": contact.address,
        "basis": contact.basis,
        "notes": contact.notes,
    }
    if masked:
        # By the field table, not field by field: a personal field is masked here even
        # if nobody remembers to (the social accounts were once shown to every role).
        values = mask_personal(values, CONTACT_FIELDS)
    return ContactDetail(
        row=_row(contact, masked),
        **values,
        engagements=tuple(
            EngagementView(e.id, e.contact_id, e.occurred_on, e.type, e.summary, name, e.created_at)
            for e, name in rows
        ),
    )


def get_contact(session: Session, actor: Actor, contact_id: str) -> ContactDetail:
    return _detail(session, actor, _get(session, contact_id))


def input_of(session: Session, contact_id: str) -> ContactInput:
    c = _get(session, contact_id)
    return ContactInput(
        name=c.name,
        category=c.category,
        honorific=c.honorific,
        position=c.position,
        organisation=c.organisation,
        forums=list(c.forums or []),
        region_codes=list(c.region_codes or []),
        province_wide=c.province_wide,
        phones=list(c.phones or []),
        whatsapp=c.whatsapp,
        email=c.email,
        social=dict(c.social or {}),
        address=c.address,
        basis=c.basis,
        notes=c.notes,
    )


def _filtered(stmt: Select[Any], flt: ContactFilter) -> Select[Any]:
    stmt = stmt.where(Contact.deleted.is_(False))
    if flt.category:
        stmt = stmt.where(Contact.category == flt.category)
    if flt.forum:
        stmt = stmt.where(
            text(
                "EXISTS (SELECT 1 FROM json_each(contact.forums) WHERE value = :forum)"
            ).bindparams(forum=flt.forum)
        )
    if flt.region_code:
        stmt = stmt.where(
            or_(
                Contact.province_wide.is_(True),
                text(
                    "EXISTS (SELECT 1 FROM json_each(contact.region_codes) WHERE value = :rc)"
                ).bindparams(rc=flt.region_code),
            )
        )
    term = flt.search.strip()
    if term:
        like = "%" + term.replace("%", "").replace("_", "") + "%"
        found = [
            Contact.name.like(like),
            Contact.organisation.like(like),
            Contact.position.like(like),
            Contact.honorific.like(like),
        ]
        digits = phone_digits(term) if flt.by_phone else None
        if digits:
            # Stored in E.164 ("+6281325667788", in a JSON list for phones): the digits
            # typed, in international form, anywhere in a number.
            phones = type_coerce(Contact.phones, String)  # the JSON text, as stored
            found += [phones.like(f"%{digits}%"), Contact.whatsapp.like(f"%{digits}%")]
        stmt = stmt.where(or_(*found))
    return stmt


def _for(actor: Actor | None, flt: ContactFilter) -> ContactFilter:
    """A role that may not see phone numbers may not find contacts by them either."""
    if actor is not None and not actor.sees_personal_data and flt.by_phone:
        return replace(flt, by_phone=False)
    return flt


def list_contacts(
    session: Session, actor: Actor, flt: ContactFilter, *, offset: int = 0, limit: int = 500
) -> list[ContactRow]:
    column = SORTABLE.get(flt.sort, Contact.name)
    order = column.desc() if flt.descending else column.asc()
    stmt = _filtered(select(Contact), _for(actor, flt)).order_by(order, Contact.name, Contact.id)
    masked = not actor.sees_personal_data
    return [_row(c, masked) for c in session.scalars(stmt.offset(offset).limit(limit))]


def count_contacts(session: Session, flt: ContactFilter, actor: Actor | None = None) -> int:
    """How many contacts ``flt`` shows (to ``actor``, as ``list_contacts``)."""
    stmt = _filtered(select(func.count(Contact.id)), _for(actor, flt))
    return int(session.scalar(stmt) or 0)


# --- public entry points for bulk work (imports, exports) ------------------------------


def validate_input(session: Session, data: ContactInput) -> dict[str, Any]:
    """The column values of a new contact, checked exactly as the form's; raises
    ``ValidationError`` with every problem. Writes nothing."""
    return _validate(session, data)


def filtered(stmt: Select[Any], flt: ContactFilter, actor: Actor | None = None) -> Select[Any]:
    """``stmt`` narrowed to the contacts ``flt`` shows (to ``actor``, as ``list_contacts``)."""
    return _filtered(stmt, _for(actor, flt))
