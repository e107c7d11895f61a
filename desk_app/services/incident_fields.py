"""Each field of an incident, described once (see ``desk_app.services.fields``).

Adding a field to incidents: the model (``models/incident.py``) and a migration, a row
here, and the form's layout (``ui/incident_form.py``); docs/architecture.md lists what
derives from this table.
"""

from __future__ import annotations

from desk_app.services.fields import Field, personal, text_limits

#: In the order the incidents table shows its columns: the title, what a person reads
#: first, right after the number (at 1366×768 the columns on the right scroll).
INCIDENT_FIELDS: tuple[Field, ...] = (
    Field("ref", "text", 40, imported=False, table_column="ref", in_sitrep=True),
    Field("title", "text", 300, required=True, searchable=True, table_column="title",
          in_sitrep=True),
    Field("occurred_at", "datetime", required=True, table_column="occurred_at", in_sitrep=True),
    Field("reported_at", "datetime", required=True),
    Field("region", "code", required=True, table_column="region", in_sitrep=True),
    Field("kecamatan", "text", 120, searchable=True, table_column="kecamatan", in_sitrep=True),
    Field("desa", "text", 120, searchable=True, in_sitrep=True),
    Field("category", "code", required=True, table_column="category", in_sitrep=True),
    Field("neutrality_subject", "code", in_sitrep=True),
    Field("severity", "int", required=True, table_column="severity", in_sitrep=True),
    Field("status", "code", imported=False, table_column="status", in_sitrep=True),
    Field("source_type", "code", required=True),
    Field("platform", "code", in_sitrep=True),
    Field("link", "text", 2000),
    Field("reporter_name", "text", 200, personal=True, in_sitrep=True),
    Field("reporter_contact", "text", 200, personal=True, in_sitrep=True),
    Field("description", "multiline", 20_000, searchable=True),
    Field("assigned_to", "user", table_column="assignee"),
)  # fmt: skip

BY_NAME = {f.name: f for f in INCIDENT_FIELDS}

#: ``{name: (max_length, multiline)}``: what ``_validate`` cleans and limits.
TEXT_LIMITS = {name: limit for name, limit in text_limits(INCIDENT_FIELDS).items() if name != "ref"}
PERSONAL = personal(INCIDENT_FIELDS)
#: The incidents table's columns, in order.
TABLE_COLUMNS: tuple[str, ...] = tuple(
    f.table_column for f in INCIDENT_FIELDS if f.table_column is not None
)
REQUIRED = frozenset(f.name for f in INCIDENT_FIELDS if f.required)
