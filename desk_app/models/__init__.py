"""The schema: SQLAlchemy typed declarative models. No Qt here."""

from desk_app.models.attachment import IncidentAttachment
from desk_app.models.audit import AuditEntry
from desk_app.models.base import Base, derived_id, new_id, utcnow
from desk_app.models.contact import Contact, Engagement
from desk_app.models.election import ELECTION_ID, Election
from desk_app.models.incident import FollowUp, Incident, IncidentStatusChange
from desk_app.models.local import Counter, LocalState
from desk_app.models.region import AlertLevelChange, Region
from desk_app.models.setting import Setting, setting_id
from desk_app.models.sitrep import Sitrep
from desk_app.models.sync import OutboxEntry, SyncApplying, SyncConflict, SyncState
from desk_app.models.taxonomy import TaxonomyTerm
from desk_app.models.user import User

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
    "SyncApplying",
    "SyncConflict",
    "SyncState",
    "TaxonomyTerm",
    "User",
    "derived_id",
    "new_id",
    "setting_id",
    "utcnow",
]
