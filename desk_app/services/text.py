"""Cleaning of text typed or imported by people: one place for the rules."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class TextError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def clean_text(value: object, *, max_length: int, multiline: bool = False) -> str:
    """Trim, normalise (NFC) and check a text field.

    NUL bytes are refused (they signal a broken or hostile file); other control
    characters are dropped; line breaks survive only in multi-line fields.
    """
    if value is None:
        return ""
    text = str(value)
    if text.isascii() and (
        not _CONTROL.search(text)  # \r is one of them
        if multiline
        else (text.isprintable() and "  " not in text)
    ):
        # ASCII with nothing to drop or join: only the trimming is left (the common case,
        # and the one a push of thousands of rows checks field by field).
        text = text.strip()
        if len(text) > max_length:
            raise TextError("too_long")
        return text
    return _clean(text, max_length=max_length, multiline=multiline)


def _clean(text: str, *, max_length: int, multiline: bool) -> str:
    """``clean_text`` for any text (its fast path skips this for printable ASCII)."""
    if "\x00" in text or _SURROGATE.search(text):
        # NUL and lone surrogates (undecodable bytes, e.g. from a non-UTF-8 command line)
        # cannot be stored as text.
        raise TextError("invalid_characters")
    text = unicodedata.normalize("NFC", text)
    if multiline:
        text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    else:
        text = _CONTROL_SINGLE_LINE.sub(" ", text)
        text = re.sub(r" {2,}", " ", text)
    text = text.strip()
    if len(text) > max_length:
        raise TextError("too_long")
    return text
