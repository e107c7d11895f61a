"""The history of changes of one record, for the detail views: the audit log's entries
(``desk_app.services.audit.record_history``) with personal data masked for roles that may
not see it, and bookkeeping fields left out. References to other records (the region, the
assignee, the incident merged into) are named, never shown as their ids."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.models import Incident, Region, User
from desk_app.services import audit, contact_fields, incident_fields
from desk_app.services.fields import MASK as MASK
from desk_app.services.fields import masked as masked_value

#: Fields whose values are personal data: their old and new values are masked for roles
#: that may not see personal data.
PERSONAL_FIELDS = contact_fields.PERSONAL | incident_fields.PERSONAL
#: Bookkeeping that is not worth showing a person.
_HIDDEN = frozenset({"versions", "origin_version", "updated_at", "updated_by"})


@dataclass(frozen=True)
class ChangeView:
    at: datetime
    by: str | None
    action: str
    #: ``{field: (old, new)}``
    changes: dict[str, tuple[Any, Any]]


_mask = masked_value

#: Reference columns as a person knows them: ``{column: (field, model, name column)}``.
_REFERENCES: dict[str, tuple[str, Any, Any]] = {
    "region_id": ("region", Region, Region.name),
    "assigned_to": ("assigned_to", User, User.username),
    "created_by": ("created_by", User, User.username),
    "merged_into": ("merged_into", Incident, Incident.ref),
}


def _names(session: Session, model: Any, column: Any, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = session.execute(select(model.id, column).where(model.id.in_(sorted(ids))))
    return {str(i): str(name) for i, name in rows}


def _named(session: Session, history: list[ChangeView]) -> list[ChangeView]:
    """The same history with references named: region ids become the region's name, user
    ids a username, an incident id its reference (a record gone since keeps its id)."""
    wanted: dict[str, set[str]] = {column: set() for column in _REFERENCES}
    for view in history:
        for column in wanted.keys() & view.changes.keys():
            wanted[column].update(str(v) for v in view.changes[column] if v)
    names = {
        column: _names(session, model, name, wanted[column])
        for column, (_field, model, name) in _REFERENCES.items()
    }
    out = []
    for view in history:
        changes: dict[str, tuple[Any, Any]] = {}
        for column, (old, new) in view.changes.items():
            if column in _REFERENCES:
                found = names[column]
                field = _REFERENCES[column][0]
                changes[field] = (found.get(str(old), old), found.get(str(new), new))
            else:
                changes[column] = (old, new)
        out.append(ChangeView(view.at, view.by, view.action, changes))
    return out


def record_history(
    session: Session, table: str, record_id: str, *, masked: bool = False, limit: int = 500
) -> list[ChangeView]:
    """Every create, update and delete of one record, oldest first (the last ``limit``)."""
    out = []
    for row in audit.record_history(session, table, record_id)[-limit:]:
        changes: dict[str, tuple[Any, Any]] = {}
        for change in row.changes:
            if change.field in _HIDDEN:
                continue
            old, new = change.old, change.new
            if masked and change.field in PERSONAL_FIELDS:
                old, new = _mask(old), _mask(new)
            changes[change.field] = (old, new)
        out.append(ChangeView(row.created_at, row.user_name, row.action, changes))
    return _named(session, out)
