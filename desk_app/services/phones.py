"""Indonesian phone numbers, parsed and stored in E.164 with Google's libphonenumber."""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat


class PhoneError(ValueError):
    def __init__(self, number: str) -> None:
        super().__init__(f"not a valid phone number: {number!r}")
        self.number = number


def normalise_phone(text: str, region: str = "ID") -> str:
    """ "0812-3456-7890", "62812...", "+62 812 ..." → "+6281234567890"."""
    raw = (text or "").strip()
    if not raw or len(raw) > 40:
        raise PhoneError(raw)
    candidate = raw
    digits = "".join(ch for ch in raw if ch.isdigit())
    if not raw.startswith("+") and digits.startswith("62") and len(digits) >= 10:
        candidate = "+" + digits
    try:
        parsed = phonenumbers.parse(candidate, region)
    except NumberParseException:
        raise PhoneError(raw) from None
    if not phonenumbers.is_valid_number(parsed):
        raise PhoneError(raw)
    return phonenumbers.format_number(parsed, PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """ "+6281234567890" → "+62 812-3456-7890"."""
    try:
        parsed = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)


def whatsapp_link(e164: str) -> str:
    return "https://wa.me/" + e164.lstrip("+")


def mask_phone(e164: str) -> str:
    """Keep the last three digits: "+62 ••• ••• 890"."""
    return f"•••{e164[-3:]}" if e164 else ""
