"""The history of changes of one record, for the detail views: the audit log's entries
(``desk_app.services.audit.record_history``) with personal data masked for roles that may
not see it, and bookkeeping fields left out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

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
    return out
