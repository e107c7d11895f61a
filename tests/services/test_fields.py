"""Each incident and contact field is described once, and what derives from it agrees."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import String, inspect

from desk_app.context import AppContext
from desk_app.messages import FIELD_NAMES, FIELDS, field_error
from desk_app.models import Contact, Incident
from desk_app.services import contact_fields, contacts, incident_fields, incidents
from desk_app.services.actor import Actor
from desk_app.services.contacts import ContactInput
from desk_app.services.errors import ValidationError
from desk_app.services.fields import MASK, Field, mask_personal
from desk_app.services.incident_history import PERSONAL_FIELDS
from desk_app.services.incidents import IncidentInput

#: Input fields under another name in the table (the table uses the form's names).
_INPUT_NAMES = {"region_code": "region"}


def _string_lengths(model: type) -> dict[str, int]:
    return {
        c.key: c.columns[0].type.length
        for c in inspect(model).column_attrs
        if isinstance(c.columns[0].type, String) and c.columns[0].type.length
    }


@pytest.mark.parametrize(
    ("table", "input_type", "model"),
    [
        (incident_fields.INCIDENT_FIELDS, IncidentInput, Incident),
        (contact_fields.CONTACT_FIELDS, ContactInput, Contact),
    ],
)
def test_every_field_is_described_and_agrees_with_the_model(
    table: tuple[Field, ...], input_type: type, model: type
) -> None:
    described = {f.name for f in table}
    inputs = {_INPUT_NAMES.get(f.name, f.name) for f in dataclasses.fields(input_type)}
    assert inputs <= described  # nothing a person fills in goes undescribed
    lengths = _string_lengths(model)
    for f in table:
        if f.max_length is not None and f.name in lengths:
            assert f.max_length == lengths[f.name], f.name
        assert f.name in FIELDS, f"{f.name} has no name in the catalogue"
        assert all(f.label(lang) for lang in ("id", "en"))
    assert {f.name for f in table if f.personal} == model.__personal__  # type: ignore[attr-defined]
    assert len({f.name for f in table}) == len(table)


def test_what_derives_from_the_table() -> None:
    assert incident_fields.TABLE_COLUMNS == (
        "ref", "title", "occurred_at", "region", "kecamatan", "category", "severity",
        "status", "assignee",
    )  # fmt: skip
    assert contact_fields.TABLE_COLUMNS == (
        "name",
        "phone",
        "position",
        "organisation",
        "category",
        "forums",
        "regions",
    )
    assert incidents._TEXT_LIMITS["title"] == (300, False)
    assert incidents._TEXT_LIMITS["description"] == (20_000, True)
    assert contacts._TEXT_LIMITS["address"] == (1000, True)
    # The record history masks what either table calls personal (the contact's social
    # accounts too: the list it had by hand had missed them).
    assert PERSONAL_FIELDS == incident_fields.PERSONAL | contact_fields.PERSONAL
    assert "social" in PERSONAL_FIELDS
    masked = mask_personal(
        {"title": "Hoaks", "reporter_name": "Pak Budi", "reporter_contact": ""},
        incident_fields.INCIDENT_FIELDS,
    )
    assert masked == {"title": "Hoaks", "reporter_name": MASK, "reporter_contact": ""}


def test_one_catalogue_of_field_names() -> None:
    # The form's word and the import column's may differ; both are written once.
    assert incident_fields.BY_NAME["severity"].label() == "Keparahan"
    assert incident_fields.BY_NAME["severity"].column_name() == "Tingkat keparahan"
    assert incident_fields.BY_NAME["occurred_at"].label("en") == "Occurred"
    assert FIELD_NAMES["occurred_at"] == ("Waktu kejadian", "Time of occurrence")
    assert field_error("severity", "required", "en") == "Severity: is required"


def test_the_limits_the_table_gives_are_the_ones_enforced(ctx: AppContext, admin: Actor) -> None:
    limit = incident_fields.BY_NAME["kecamatan"].max_length
    assert limit == 120
    data = IncidentInput(
        title="Hoaks",
        region_code="33.74",
        category="HOAKS",
        severity=2,
        source_type="MEDSOS",
        kecamatan="k" * (limit + 1),
    )
    with ctx.db.write() as s, pytest.raises(ValidationError) as err:
        incidents.add_incident(s, admin, data)
    assert err.value.errors == {"kecamatan": "too_long"}
    with ctx.db.write() as s:
        incidents.add_incident(s, admin, dataclasses.replace(data, kecamatan="k" * limit))
    email_limit = contact_fields.BY_NAME["email"].max_length
    assert email_limit is not None
    with ctx.db.write() as s, pytest.raises(ValidationError) as err:
        contacts.create_contact(
            s,
            admin,
            ContactInput(name="Ahmad", category="TOKOH_AGAMA", email="a" * email_limit + "@x.id"),
        )
    assert err.value.errors.get("email") == "too_long"
