"""The import's fields and the export's columns come from the field tables: a field added
to a table is imported and exported without another list to edit, and an export's row
is built by column name."""

from __future__ import annotations

import csv
import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desk_app.context import AppContext
from desk_app.messages import FIELDS, FieldText
from desk_app.services import contact_fields, exporting, importing, incident_fields, incidents
from desk_app.services.actor import Actor
from desk_app.services.fields import MASK, Field
from desk_app.services.incidents import IncidentFilter, IncidentInput

NOW = datetime.now(UTC).replace(second=0, microsecond=0)
TABLES = {"incidents": incident_fields.INCIDENT_FIELDS, "contacts": contact_fields.CONTACT_FIELDS}


def _with_field(
    monkeypatch: pytest.MonkeyPatch, kind: importing.Kind, field: Field, after: str
) -> None:
    """The field table of ``kind`` with ``field`` inserted after the field ``after``."""
    table = list(TABLES[kind])
    table.insert([f.name for f in table].index(after) + 1, field)
    module = incident_fields if kind == "incidents" else contact_fields
    attr = "INCIDENT_FIELDS" if kind == "incidents" else "CONTACT_FIELDS"
    monkeypatch.setattr(module, attr, tuple(table))
    monkeypatch.setitem(FIELDS, field.name, FieldText(("Catatan meja", "Desk note")))


@pytest.mark.parametrize("kind", ["incidents", "contacts"])
def test_the_import_reads_every_imported_field_of_the_table(kind: importing.Kind) -> None:
    table = TABLES[kind]
    fields = importing.fields_for(kind)
    assert sorted(fields) == sorted(f.name for f in table if f.imported)
    required = importing.required_for(kind)
    # The fields a file must have come first; the services fill an empty time themselves.
    assert required == {f.name for f in table if f.required and f.imported} - {
        "occurred_at",
        "reported_at",
    }
    assert set(fields[: len(required)]) == required
    imported = {
        "incidents": (importing.IMPORTED_INCIDENT_FIELDS, importing.IMPORTED_INCIDENT_REQUIRED),
        "contacts": (importing.IMPORTED_CONTACT_FIELDS, importing.IMPORTED_CONTACT_REQUIRED),
    }
    assert imported[kind] == (fields, required)


@pytest.mark.parametrize("kind", ["incidents", "contacts"])
def test_the_export_has_every_field_of_the_table_and_its_codes(kind: importing.Kind) -> None:
    columns = exporting.export_columns(kind)
    exports = {"incidents": exporting.INCIDENT_EXPORT, "contacts": exporting.CONTACT_EXPORT}
    assert columns == exports[kind]
    names = [c for c in columns if c not in importing.CODE_COLUMNS[kind].values()]
    assert sorted(names) == sorted(f.name for f in TABLES[kind])
    # The imported fields in the import's order; the codes at the end, in their fields'.
    assert [n for n in names if n in importing.fields_for(kind)] == list(importing.fields_for(kind))
    codes = importing.CODE_COLUMNS[kind]
    assert columns[len(names) :] == tuple(codes[n] for n in names if n in codes)
    for name in names:
        field = next(f for f in TABLES[kind] if f.name == name)
        assert importing.column_title(name, "id") == field.column_name("id")
        assert importing.column_title(name, "en") == field.column_name("en")


@pytest.mark.parametrize("kind", ["incidents", "contacts"])
def test_a_field_added_to_the_table_is_imported_and_exported(
    kind: importing.Kind, monkeypatch: pytest.MonkeyPatch
) -> None:
    after = "desa" if kind == "incidents" else "organisation"
    _with_field(monkeypatch, kind, Field("desk_note", "text", 100), after)
    assert "desk_note" in importing.fields_for(kind)
    assert "desk_note" not in importing.required_for(kind)
    columns = exporting.export_columns(kind)
    assert columns.index("desk_note") == columns.index(after) + 1
    assert importing.column_title("desk_note", "en") == "Desk note"
    headers = [importing.column_title(n) for n in columns]
    assert importing.guess_mapping(kind, headers)["desk_note"] == "Catatan meja"

    # A required field is one a file must have, listed with the required ones.
    _with_field(monkeypatch, kind, Field("desk_code", "code", required=True), after)
    assert "desk_code" in importing.required_for(kind)
    required = importing.required_for(kind)
    assert set(importing.fields_for(kind)[: len(required)]) == required
    headers = [importing.column_title(n) for n in exporting.export_columns(kind)]
    headers.remove(importing.column_title("desk_code"))
    assert importing.check_mapping(kind, importing.guess_mapping(kind, headers), headers) == [
        "desk_code"
    ]


def _incident(ctx: AppContext, actor: Actor, title: str, link: str = "") -> None:
    data = IncidentInput(
        title=title,
        region_code="33.74",
        category="HOAKS",
        severity=2,
        source_type="MEDSOS",
        occurred_at=NOW - timedelta(hours=3),
        reported_at=NOW - timedelta(hours=2),
        link=link,
        reporter_name="Pelapor Rahasia",
    )
    with ctx.db.write() as s:
        incidents.create_incident(s, actor, data)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_field_left_out_of_the_table_leaves_the_import_and_the_export(
    ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _incident(ctx, admin, "Hoaks surat suara", link="https://example.org/a")
    with ctx.db.read() as s:
        exporting.export_incidents(s, admin, IncidentFilter(), tmp_path / "with.csv")
    assert _read(tmp_path / "with.csv")[0]["Tautan"] == "https://example.org/a"

    table = tuple(f for f in incident_fields.INCIDENT_FIELDS if f.name != "link")
    monkeypatch.setattr(incident_fields, "INCIDENT_FIELDS", table)
    assert "link" not in importing.fields_for("incidents")
    with ctx.db.read() as s:
        exporting.export_incidents(s, admin, IncidentFilter(), tmp_path / "without.csv")
    rows = _read(tmp_path / "without.csv")
    assert "Tautan" not in rows[0]
    assert rows[0]["Judul"] == "Hoaks surat suara"

    # A field the desk sets itself (not imported) is still exported, after the others.
    link = dataclasses.replace(incident_fields.BY_NAME["link"], imported=False)
    monkeypatch.setattr(incident_fields, "INCIDENT_FIELDS", (*table, link))
    assert "link" not in importing.fields_for("incidents")
    columns = exporting.export_columns("incidents")
    assert columns.index("link") == columns.index("assigned_to") + 1


def test_an_export_row_is_built_by_column_name(
    ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _incident(ctx, admin, "Hoaks surat suara", link="https://example.org/a")
    viewer = Actor(admin.user_id, admin.username, admin.role, sees_personal_data=False)
    with ctx.db.read() as s:
        (row,) = exporting.incident_records(s, viewer, IncidentFilter())
        exporting.export_incidents(s, admin, IncidentFilter(), tmp_path / "in-order.csv")
    assert tuple(row) == exporting.INCIDENT_EXPORT
    assert row["title"] == "Hoaks surat suara"
    assert row["link"] == "https://example.org/a"
    assert row["reporter_name"] == MASK  # personal, as the field table says
    assert row["reporter_contact"] == ""  # nothing to hide
    assert row["region_code"] == "33.74"

    # The columns in another order: each value stays under its own title.
    reordered = tuple(reversed(exporting.INCIDENT_EXPORT))
    monkeypatch.setattr(exporting, "export_columns", lambda kind: reordered)
    with ctx.db.read() as s:
        exporting.export_incidents(s, admin, IncidentFilter(), tmp_path / "reversed.csv")
    with (tmp_path / "reversed.csv").open(encoding="utf-8-sig", newline="") as fh:
        headers = next(csv.reader(fh))
    assert headers == [importing.column_title(n) for n in reordered]
    assert _read(tmp_path / "reversed.csv") == _read(tmp_path / "in-order.csv")


def test_personal_fields_of_the_table_are_masked_in_exports(
    ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    _incident(ctx, admin, "Hoaks surat suara", link="https://example.org/a")
    link = dataclasses.replace(incident_fields.BY_NAME["link"], personal=True)
    table = tuple(link if f.name == "link" else f for f in incident_fields.INCIDENT_FIELDS)
    monkeypatch.setattr(incident_fields, "INCIDENT_FIELDS", table)
    viewer = Actor(admin.user_id, admin.username, admin.role, sees_personal_data=False)
    with ctx.db.read() as s:
        (masked,) = exporting.incident_records(s, viewer, IncidentFilter())
        (hidden,) = exporting.incident_records(s, admin, IncidentFilter(), personal_data=False)
        (shown,) = exporting.incident_records(s, admin, IncidentFilter())
    assert masked["link"] == hidden["link"] == MASK
    assert shown["link"] == "https://example.org/a"
