"""Each field of a partner-forum contact, described once (see
``desk_app.services.fields``)."""

from __future__ import annotations

from desk_app.services.fields import Field, personal, text_limits

#: In the order the contacts table shows its columns: the phone, what a person looks a
#: contact up for, right after the name (at 1366×768 the columns on the right scroll).
CONTACT_FIELDS: tuple[Field, ...] = (
    Field("honorific", "text", 40),
    Field("name", "text", 200, required=True, searchable=True, table_column="name"),
    Field("phones", "phones", personal=True, table_column="phone"),
    Field("position", "text", 200, searchable=True, table_column="position"),
    Field("organisation", "text", 200, searchable=True, table_column="organisation"),
    Field("category", "code", required=True, table_column="category"),
    Field("forums", "codes", table_column="forums"),
    Field("region_codes", "codes", table_column="regions"),
    Field("province_wide", "bool"),
    Field("whatsapp", "phones", personal=True),
    Field("email", "text", 200, personal=True),
    Field("social", "mapping", personal=True),
    Field("address", "multiline", 1000, personal=True),
    Field("basis", "text", 200),
    Field("notes", "multiline", 5000),
)

BY_NAME = {f.name: f for f in CONTACT_FIELDS}
TEXT_LIMITS = text_limits(CONTACT_FIELDS)
PERSONAL = personal(CONTACT_FIELDS)
TABLE_COLUMNS: tuple[str, ...] = tuple(
    f.table_column for f in CONTACT_FIELDS if f.table_column is not None
)
REQUIRED = frozenset(f.name for f in CONTACT_FIELDS if f.required)
