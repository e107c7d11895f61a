"""Typed errors raised by the services. The UI and CLI turn them into messages."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """A refused request. ``code`` selects the message; ``values`` fill it in."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None, **values: Any) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.values = values


class ValidationError(ServiceError):
    """One or more fields are invalid. ``errors`` maps each field to its error code."""

    code = "invalid"

    def __init__(self, errors: dict[str, str], **values: Any) -> None:
        detail = ", ".join(f"{field}: {err}" for field, err in errors.items())
        super().__init__(f"invalid input ({detail})", **values)
        self.errors = errors

    @property
    def field(self) -> str:
        return next(iter(self.errors))


class NotFoundError(ServiceError):
    code = "not_found"

    def __init__(self, what: str, key: str) -> None:
        super().__init__(f"{what} {key!r} not found", what=what, key=key)


class PermissionDeniedError(ServiceError):
    code = "permission_denied"

    def __init__(self, action: str, role: str) -> None:
        super().__init__(f"role {role!r} may not {action}", action=action, role=role)


class TransitionNotAllowedError(ServiceError):
    code = "transition_not_allowed"

    def __init__(self, from_status: str, to_status: str) -> None:
        super().__init__(
            f"status cannot change from {from_status} to {to_status}",
            from_status=from_status,
            to_status=to_status,
        )
