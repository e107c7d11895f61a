"""Typed sync errors; the CLI and the window turn their codes into messages."""

from __future__ import annotations

from typing import Any

from desk_app.services.errors import ServiceError


class SyncError(ServiceError):
    code = "sync_failed"


class HubUnavailableError(SyncError):
    """The hub cannot be reached: a routine outage, retried later without a dialog."""

    code = "hub_unavailable"

    def __init__(self, reason: str, **values: Any) -> None:
        super().__init__(f"hub unreachable: {reason}", reason=reason, **values)


class HubNotInitialisedError(SyncError):
    code = "hub_not_initialised"

    def __init__(self, url: str) -> None:
        super().__init__(f"{url} is not a Desk Pilkada hub (run: desk-app hub init URL)", url=url)


class HubSchemaNewerError(SyncError):
    """The hub was upgraded by a newer version of the app: this one must be upgraded."""

    code = "hub_schema_newer"

    def __init__(self, hub: str, mine: str, version: str = "") -> None:
        super().__init__(
            f"the hub uses schema {hub}, this app {mine}: upgrade Desk Pilkada here"
            f"{f' to version {version}' if version else ''}, then sync again; unsent "
            f"changes are kept",
            hub=hub,
            mine=mine,
            version=version or "?",
        )


class HubSchemaOlderError(SyncError):
    """This app is newer than the hub: an administrator upgrades the hub first."""

    code = "hub_schema_older"

    def __init__(self, hub: str, mine: str) -> None:
        super().__init__(
            f"the hub uses schema {hub}, this app {mine}: run 'desk-app hub init URL' to "
            f"upgrade the hub, then sync again; unsent changes are kept",
            hub=hub,
            mine=mine,
        )


class ProtocolMismatchError(SyncError):
    code = "hub_protocol"

    def __init__(self, hub: int, mine: int) -> None:
        super().__init__(f"the hub speaks sync protocol {hub}, this app {mine}", hub=hub, mine=mine)


class HubRefusedError(SyncError):
    """The sync service refused a request, naming the rule (``rule``): not enrolled, a
    revoked workstation, wrong credentials, not an administrator, an old app …"""

    code = "hub_refused"

    def __init__(self, rule: str, *, status: int = 403, **values: Any) -> None:
        super().__init__(f"the sync service refused: {rule}", rule=rule, **values)
        self.rule = rule
        self.status = status


class BlobHashError(SyncError):
    """A file sent to the hub (or received from it) does not match its SHA-256."""

    code = "blob_hash"

    def __init__(self, sha256: str, actual: str) -> None:
        super().__init__(
            f"file content does not match its hash {sha256} (got {actual}); refused",
            sha256=sha256,
            actual=actual,
        )


class PullInterruptedError(SyncError):
    """Applying a pull stopped on this computer (a full disk, a read-only folder). Every
    page applied before it was committed with its cursor: ``kept`` rows of this sync are
    in the database, and the next sync continues after them. ``reason`` is the storage
    problem's code (``disk_full``, ``read_only``, ``storage_error``)."""

    code = "pull_interrupted"

    def __init__(self, kept: int, reason: str, detail: str = "") -> None:
        super().__init__(
            f"the pull stopped ({reason}{': ' + detail if detail else ''}); the {kept} rows "
            "received before are kept and the next sync continues after them",
            kept=kept,
            reason=reason,
            detail=detail,
        )
