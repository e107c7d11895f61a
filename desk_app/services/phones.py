"""Indonesian phone numbers, parsed and stored in E.164 with Google's libphonenumber."""

from __future__ import annotations

import re

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


#: The shortest run of digits searched as (part of) a phone number.
PHONE_SEARCH_MIN_DIGITS = 4

_PHONE_TYPED = re.compile(r"[+(\d][\d\s().\-/]*")


def phone_digits(term: str) -> str | None:
    """What a typed phone number, whole or in part, looks like inside a stored E.164
    number: "081325667788", "+62 813-2566-7788" and "6281325667788" all give
    "6281325667788", "(024) 831" gives "6224831", "7788" stays "7788". ``None`` when the
    term is not a number (letters, or fewer than four digits)."""
    if not _PHONE_TYPED.fullmatch(term):
        return None
    digits = "".join(ch for ch in term if ch.isdigit())
    if len(digits) < PHONE_SEARCH_MIN_DIGITS:
        return None
    if digits.startswith("0") and not digits.startswith("00"):
        return "62" + digits[1:]  # the trunk prefix, as dialled within Indonesia
    if digits.startswith("00"):
        return digits[2:]  # the international call prefix
    return digits
