"""The schema: SQLAlchemy typed declarative models. No Qt here.

The models load together on first use of any of them (``from desk_app.models import
Incident``): every mapped class must exist before SQLAlchemy configures the mappers, and
``Base.metadata`` must hold every table. Importing only ``desk_app.models.enums`` loads
neither SQLAlchemy nor the models, so the window can appear before the database layer is
imported (see ``desk_app.ui.app``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk_app.models.attachment import IncidentAttachment
    from desk_app.models.audit import AuditEntry
    from desk_app.models.base import Base, derived_id, new_id, utcnow
    from desk_app.models.contact import Contact, Engagement
    from desk_app.models.election import ELECTION_ID, Election
    from desk_app.models.incident import FollowUp, Incident, IncidentStatusChange
    from desk_app.models.local import Counter, LocalState
    from desk_app.models.region import AlertLevelChange, Region
    from desk_app.models.setting import Setting, setting_id
    from desk_app.models.sitrep import Sitrep, SitrepVoid
    from desk_app.models.sync import (
        OutboxEntry,
        SyncApplying,
        SyncConflict,
        SyncQuarantine,
        SyncRefusal,
        SyncState,
    )
    from desk_app.models.taxonomy import TaxonomyTerm
    from desk_app.models.user import User

#: Each exported name and the module that defines it.
_HOMES = {
    "IncidentAttachment": "attachment",
    "AuditEntry": "audit",
    "Base": "base",
    "derived_id": "base",
    "new_id": "base",
    "utcnow": "base",
    "Contact": "contact",
    "Engagement": "contact",
    "ELECTION_ID": "election",
    "Election": "election",
    "FollowUp": "incident",
    "Incident": "incident",
    "IncidentStatusChange": "incident",
    "Counter": "local",
    "LocalState": "local",
    "AlertLevelChange": "region",
    "Region": "region",
    "Setting": "setting",
    "setting_id": "setting",
    "Sitrep": "sitrep",
    "SitrepVoid": "sitrep",
    "OutboxEntry": "sync",
    "SyncApplying": "sync",
    "SyncConflict": "sync",
    "SyncQuarantine": "sync",
    "SyncRefusal": "sync",
    "SyncState": "sync",
    "TaxonomyTerm": "taxonomy",
    "User": "user",
}

__all__ = [
    "ELECTION_ID",
    "AlertLevelChange",
    "AuditEntry",
    "Base",
    "Contact",
    "Counter",
    "Election",
    "Engagement",
    "FollowUp",
    "Incident",
    "IncidentAttachment",
    "IncidentStatusChange",
    "LocalState",
    "OutboxEntry",
    "Region",
    "Setting",
    "Sitrep",
    "SitrepVoid",
    "SyncApplying",
    "SyncConflict",
    "SyncQuarantine",
    "SyncRefusal",
    "SyncState",
    "TaxonomyTerm",
    "User",
    "derived_id",
    "new_id",
    "setting_id",
    "utcnow",
]


def _load_all() -> None:
    for module in dict.fromkeys(_HOMES.values()):
        importlib.import_module(f"desk_app.models.{module}")


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    _load_all()
    value = getattr(importlib.import_module(f"desk_app.models.{home}"), name)
    globals()[name] = value
    return value
