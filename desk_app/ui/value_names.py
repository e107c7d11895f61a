"""A stored value as a person reads it: names, never codes or ids.

Statuses, severities, alert levels, taxonomy terms (categories, sources, forums, ...),
regions and users are stored as codes and ids; wherever the window shows a value straight
from storage (a sync conflict, a record's history) it goes through ``value_text`` with the
names read once on the worker (``read_value_names``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from desk_app.formats import format_datetime, format_short_date
from desk_app.messages import field_label
from desk_app.models.enums import TaxonomyKind
from desk_app.services.reference_names import reference_names
from desk_app.services.taxonomy import labels
from desk_app.ui.labels import (
    alert_level_name,
    ikp_level_name,
    role_name,
    severity_name,
    status_name,
)

#: Fields holding a taxonomy's code, by (table, field); ``None`` as the table: any table.
_TAXONOMY_FIELDS: dict[tuple[str | None, str], TaxonomyKind] = {
    ("incident", "category"): TaxonomyKind.INCIDENT_CATEGORY,
    (None, "neutrality_subject"): TaxonomyKind.NEUTRALITY_SUBJECT,
    (None, "source_type"): TaxonomyKind.SOURCE_TYPE,
    (None, "platform"): TaxonomyKind.PLATFORM,
    ("follow_up", "type"): TaxonomyKind.FOLLOW_UP_TYPE,
    ("contact", "category"): TaxonomyKind.CONTACT_CATEGORY,
    (None, "forums"): TaxonomyKind.FORUM,
    ("engagement", "type"): TaxonomyKind.ENGAGEMENT_TYPE,
}
_STATUS_FIELDS = frozenset({"status", "from_status", "to_status"})
_LEVEL_FIELDS = frozenset({"alert_level", "from_level", "to_level", "level"})
_USER_FIELDS = frozenset({"assigned_to", "created_by", "updated_by", "user_id", "by"})
#: Stored column names under the name a form gives the field.
_FIELD_ALIASES = {
    "region_id": "region",
    "alert_level": "level",
    "to_status": "status",
}


@dataclass(frozen=True)
class ValueNames:
    lang: str = "id"
    taxonomies: dict[TaxonomyKind, dict[str, str]] = field(default_factory=dict)
    regions_by_id: dict[str, str] = field(default_factory=dict)
    regions_by_code: dict[str, str] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)


def read_value_names(session: Session, lang: str) -> ValueNames:
    """Every name ``value_text`` may need (a few hundred rows: read on a worker)."""
    refs = reference_names(session)
    return ValueNames(
        lang=lang,
        taxonomies={kind: labels(session, kind, lang) for kind in TaxonomyKind},
        regions_by_id=refs.regions_by_id,
        regions_by_code=refs.regions_by_code,
        users=refs.users,
    )


def field_text(name: str, lang: str = "id") -> str:
    """A stored field's name as a form calls it."""
    if name == "deleted":
        return QCoreApplication.translate("ValueNames", "(dihapus)")
    return field_label(_FIELD_ALIASES.get(name, name), lang)


def table_text(table: str) -> str:
    """What a stored table's records are, as a person calls them."""
    tr = QCoreApplication.translate
    names = {
        "incident": tr("ValueNames", "Insiden"),
        "incident_status_change": tr("ValueNames", "Perubahan status insiden"),
        "follow_up": tr("ValueNames", "Tindak lanjut"),
        "incident_attachment": tr("ValueNames", "Lampiran insiden"),
        "contact": tr("ValueNames", "Kontak"),
        "engagement": tr("ValueNames", "Catatan keterlibatan"),
        "region": tr("ValueNames", "Wilayah"),
        "alert_level_change": tr("ValueNames", "Perubahan tingkat siaga"),
        "taxonomy_term": tr("ValueNames", "Istilah daftar pilihan"),
        "app_setting": tr("ValueNames", "Pengaturan"),
        "election": tr("ValueNames", "Tahapan pilkada"),
        "sitrep": tr("ValueNames", "Laporan situasi"),
        "sitrep_void": tr("ValueNames", "Pembatalan laporan situasi"),
        "user_account": tr("ValueNames", "Akun pengguna"),
        "audit_log": tr("ValueNames", "Log audit"),
        "sync_conflict": tr("ValueNames", "Konflik sinkronisasi"),
    }
    return names.get(table, table)


def _taxonomy(table: str, name: str) -> TaxonomyKind | None:
    return _TAXONOMY_FIELDS.get((table, name)) or _TAXONOMY_FIELDS.get((None, name))


def value_text(names: ValueNames, table: str, name: str, value: Any) -> str:
    """``value`` of the field ``name`` of a ``table`` record, in words."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("ValueNames", "ya")
            if value
            else QCoreApplication.translate("ValueNames", "tidak")
        )
    if isinstance(value, datetime):
        return format_datetime(value, names.lang)
    if isinstance(value, date):
        return format_short_date(value, names.lang)
    if isinstance(value, dict):
        if name == "deleted":  # the record as it was before a delete
            return "; ".join(
                f"{field_text(k, names.lang)}: {value_text(names, table, k, v)}"
                for k, v in value.items()
            )
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(value_text(names, table, name, v) for v in value) or "—"
    kind = _taxonomy(table, name)
    if kind is not None:
        return names.taxonomies.get(kind, {}).get(str(value), str(value))
    if name in _STATUS_FIELDS and table in ("incident", "incident_status_change"):
        return status_name(str(value))
    if name == "severity" and isinstance(value, int):
        return severity_name(value)
    if name in _LEVEL_FIELDS:
        return alert_level_name(str(value))
    if name == "ikp_level":
        return ikp_level_name(str(value))
    if name == "role":
        return role_name(str(value))
    if name == "region_id":
        return names.regions_by_id.get(str(value), str(value))
    if name in ("region_codes", "region_code"):
        return names.regions_by_code.get(str(value), str(value))
    if name in _USER_FIELDS:
        return names.users.get(str(value), str(value))
    return str(value)
