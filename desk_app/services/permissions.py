"""The permission matrix, enforced in the services (never only by hiding buttons)."""

from __future__ import annotations

from enum import StrEnum

from desk_app.models.enums import Role
from desk_app.services.actor import Actor
from desk_app.services.errors import PermissionDeniedError


class Action(StrEnum):
    EDIT_INCIDENT = "edit_incident"
    DELETE_INCIDENT = "delete_incident"
    VERIFY_INCIDENT = "verify_incident"
    CHANGE_STATUS = "change_status"
    ADD_FOLLOW_UP = "add_follow_up"
    MERGE_INCIDENTS = "merge_incidents"
    EDIT_CONTACT = "edit_contact"
    DELETE_CONTACT = "delete_contact"
    LOG_ENGAGEMENT = "log_engagement"
    SET_ALERT_LEVEL = "set_alert_level"
    ISSUE_SITREP = "issue_sitrep"
    MANAGE_USERS = "manage_users"
    MANAGE_HUB = "manage_hub"
    MANAGE_TAXONOMIES = "manage_taxonomies"
    MANAGE_BACKUPS = "manage_backups"
    EDIT_ELECTION = "edit_election"
    #: The province's emblem printed in the sitrep's kop (one per workstation).
    SET_REPORT_LOGO = "set_report_logo"
    RESOLVE_CONFLICTS = "resolve_conflicts"


_OPERATOR = {
    Action.EDIT_INCIDENT,
    Action.CHANGE_STATUS,
    Action.ADD_FOLLOW_UP,
    Action.EDIT_CONTACT,
    Action.LOG_ENGAGEMENT,
}
_COORDINATOR = _OPERATOR | {
    Action.DELETE_INCIDENT,
    Action.VERIFY_INCIDENT,
    Action.MERGE_INCIDENTS,
    Action.DELETE_CONTACT,
    Action.SET_ALERT_LEVEL,
    Action.ISSUE_SITREP,
    Action.RESOLVE_CONFLICTS,
}
_ADMIN = _COORDINATOR | {
    Action.MANAGE_USERS,
    Action.MANAGE_HUB,
    Action.MANAGE_TAXONOMIES,
    Action.MANAGE_BACKUPS,
    Action.EDIT_ELECTION,
    Action.SET_REPORT_LOGO,
}

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.OPERATOR: frozenset(_OPERATOR),
    Role.COORDINATOR: frozenset(_COORDINATOR),
    Role.ADMIN: frozenset(_ADMIN),
}


def role_allows(role: Role, action: Action) -> bool:
    """The matrix itself: for the services' ``Actor`` and the hub's view of an author."""
    return action in PERMISSIONS[role]


def allowed(actor: Actor, action: Action) -> bool:
    return role_allows(actor.role, action)


def require(actor: Actor, action: Action) -> None:
    if not allowed(actor, action):
        raise PermissionDeniedError(action.value, actor.role.value)
