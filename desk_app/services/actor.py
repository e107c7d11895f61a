"""Who is acting: every mutating service receives an ``Actor``."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.models.enums import Role


@dataclass(frozen=True)
class Actor:
    user_id: str
    username: str
    role: Role
    #: Whether this user may see personal data (phones, addresses, reporter details).
    sees_personal_data: bool = True
