"""The sitrep's incident fields come from the field table: a field marked ``in_sitrep``
shows in each development, a personal one only when personal data is asked for."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from report_helpers import Render, pdf_text

from desk_app.context import AppContext
from desk_app.reports import data
from desk_app.reports.data import Development, gather
from desk_app.services import incident_fields, incidents
from desk_app.services.actor import Actor
from desk_app.services.incidents import IncidentInput

END = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
START = END - timedelta(days=1)
NOTE = "Warga menelepon 081234567890 soal selebaran"


@pytest.fixture
def notable(ctx: AppContext, admin: Actor) -> None:
    data = IncidentInput(
        title="Selebaran hoaks di pasar",
        region_code="33.74",
        category="HOAKS",
        severity=3,
        source_type="MEDSOS",
        occurred_at=END - timedelta(hours=5),
        reported_at=END - timedelta(hours=4),
        reporter_name="Pelapor Rahasia",
        description=NOTE,
    )
    with ctx.db.write() as s:
        incidents.create_incident(s, admin, data)


def _mark_description(monkeypatch: pytest.MonkeyPatch, **flags: bool) -> None:
    table = tuple(
        dataclasses.replace(f, **flags) if f.name == "description" else f
        for f in incident_fields.INCIDENT_FIELDS
    )
    monkeypatch.setattr(incident_fields, "INCIDENT_FIELDS", table)


def _development(ctx: AppContext, *, personal_data: bool) -> Development:
    with ctx.db.read() as s:
        sitrep = gather(s, START, END, personal_data=personal_data)
    (region,) = sitrep.developments
    (development,) = region.incidents
    return development


def test_the_reporter_is_the_personal_fields_in_the_sitrep(ctx: AppContext, notable: None) -> None:
    assert data.reporter_fields() == ("reporter_name", "reporter_contact")
    assert not set(data.DEVELOPMENT_FIELDS) & incident_fields.PERSONAL
    assert _development(ctx, personal_data=True).reporter == "Pelapor Rahasia"
    assert _development(ctx, personal_data=False).reporter == ""
    assert _development(ctx, personal_data=True).details == ()


def test_a_field_marked_in_sitrep_shows_in_each_development(
    ctx: AppContext, notable: None, render: Render, monkeypatch: pytest.MonkeyPatch
) -> None:
    _mark_description(monkeypatch, in_sitrep=True)
    assert _development(ctx, personal_data=True).details == (("Uraian", NOTE),)
    # Free text: a phone number in it is hidden unless personal data is asked for.
    assert _development(ctx, personal_data=False).details == (
        ("Uraian", "Warga menelepon ••• soal selebaran"),
    )
    text = " ".join(pdf_text(render(START, END).pdf).split())
    assert "Uraian: Warga menelepon [nomor disamarkan] soal selebaran" in text


def test_a_personal_field_in_the_sitrep_shows_only_with_personal_data(
    ctx: AppContext, notable: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _mark_description(monkeypatch, in_sitrep=True, personal=True)
    shown = _development(ctx, personal_data=True)
    assert shown.reporter == f"Pelapor Rahasia, {NOTE}"
    assert shown.details == ()
    hidden = _development(ctx, personal_data=False)
    assert (hidden.reporter, hidden.details) == ("", ())
