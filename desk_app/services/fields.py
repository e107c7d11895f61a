"""What a field table says about each field of a record: the one description the
validation, the table models, the masking of personal data and the docs derive from.

The field's name on screen and in messages is in ``desk_app.messages.FIELDS`` (the one
catalogue, below the services so the CLI's messages use it too): ``Field.label(lang)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desk_app.messages import FIELDS, field_label

#: What personal data is shown as to a role that may not see it.
MASK = "•••"


@dataclass(frozen=True)
class Field:
    #: The name in the input dataclass, in ``ValidationError`` keys and the catalogue.
    name: str
    #: "text", "multiline", "code" (a taxonomy or region code), "int", "datetime", "user",
    #: "codes" (several), "bool", "phones", "mapping".
    kind: str
    #: The longest text accepted (characters), for text fields.
    max_length: int | None = None
    required: bool = False
    #: Personal data (UU PDP): masked for roles that may not see it, kept out of the audit
    #: log's values, never printed unless the person printing asks.
    personal: bool = False
    #: Read by a CSV/XLSX import (``importing.fields_for``). Every field is exported, under
    #: ``column_name``; one the desk sets itself (the number, the status) is not read back.
    imported: bool = True
    #: Found by the search box (full-text search).
    searchable: bool = False
    #: The table's column key (``IncidentFilter.sort`` / ``ContactFilter`` keys), when the
    #: table shows the field; the table shows them in the order of the field table.
    table_column: str | None = None
    #: Shown in the situation report's developments (``reports.data``); a personal field
    #: only when personal data is asked for.
    in_sitrep: bool = False

    def label(self, lang: str = "id") -> str:
        return field_label(self.name, lang)

    def column_name(self, lang: str = "id") -> str:
        text = FIELDS[self.name].column_name
        return text[1] if lang == "en" else text[0]


def text_limits(fields: tuple[Field, ...]) -> dict[str, tuple[int, bool]]:
    """``{name: (max_length, multiline)}`` of the text fields, for ``clean_text``."""
    return {
        f.name: (f.max_length, f.kind == "multiline")
        for f in fields
        if f.kind in ("text", "multiline") and f.max_length is not None
    }


def personal(fields: tuple[Field, ...]) -> frozenset[str]:
    return frozenset(f.name for f in fields if f.personal)


def masked(value: Any) -> Any:
    """``value`` as a role that may not see personal data sees it: the mark when there is
    something to hide, the empty value as it is (so "none given" still shows)."""
    return MASK if value not in (None, "", [], {}) else value


def mask_personal(values: dict[str, Any], fields: tuple[Field, ...]) -> dict[str, Any]:
    """``values`` with each personal field masked (the one place masking is done)."""
    hidden = personal(fields)
    return {k: masked(v) if k in hidden else v for k, v in values.items()}
