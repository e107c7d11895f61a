"""The rules a password must meet. Free of the database layer: the sign-in at start uses
them before the database is open."""

from __future__ import annotations

from desk_app.services.errors import ValidationError

PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 1024


def check_password_rules(password: str) -> None:
    if len(password) < PASSWORD_MIN_LENGTH:
        raise ValidationError({"password": "password_too_short"}, minimum=PASSWORD_MIN_LENGTH)
    if len(password) > PASSWORD_MAX_LENGTH:
        raise ValidationError({"password": "too_long"})
    if "\x00" in password:
        raise ValidationError({"password": "invalid_characters"})
