"""The change history shown in an incident's detail view."""

from __future__ import annotations

from desk_app.context import AppContext
from desk_app.services import incidents
from desk_app.services.actor import Actor
from desk_app.services.incident_history import record_history
from desk_app.services.incidents import IncidentInput


def test_history_lists_changes_and_masks_personal_data(ctx: AppContext, admin: Actor) -> None:
    with ctx.db.write() as s:
        d = incidents.create_incident(
            s,
            admin,
            IncidentInput(
                title="Intimidasi",
                region_code="33.74",
                category="KAMTIB",
                severity=2,
                source_type="MASYARAKAT",
                reporter_name="Pak Budi",
            ),
        )
    with ctx.db.write() as s:
        incidents.edit_fields(s, admin, d.id, severity=3, reporter_name="Bu Ani")
    with ctx.db.read() as s:
        plain = record_history(s, "incident", d.id)
        masked = record_history(s, "incident", d.id, masked=True)
    assert [h.action for h in plain] == ["create", "update"]
    assert plain[1].by == "admin"
    assert plain[1].changes["severity"] == (2, 3)
    # Personal data never shows to a role that may not see it (the audit log itself
    # may already hold it redacted).
    assert "reporter_name" in plain[1].changes
    assert masked[1].changes["reporter_name"][1] in ("•••", "[data pribadi]")
    assert "Bu Ani" not in str(masked) and "Pak Budi" not in str(masked)
    assert "versions" not in plain[1].changes


def test_history_names_the_region_and_the_assignee_never_their_ids(
    ctx: AppContext, admin: Actor
) -> None:
    with ctx.db.write() as s:
        d = incidents.create_incident(
            s,
            admin,
            IncidentInput(
                title="Baliho dirusak",
                region_code="33.74",
                category="KAMPANYE",
                severity=2,
                source_type="MASYARAKAT",
            ),
        )
    with ctx.db.write() as s:
        incidents.update_incident(
            s,
            admin,
            d.id,
            IncidentInput(
                title="Baliho dirusak",
                region_code="33.01",
                category="KAMPANYE",
                severity=2,
                source_type="MASYARAKAT",
                occurred_at=d.occurred_at,
                reported_at=d.reported_at,
                assigned_to=admin.user_id,
            ),
        )
    with ctx.db.read() as s:
        history = record_history(s, "incident", d.id)
    assert history[-1].changes["region"] == ("Kota Semarang", "Kabupaten Cilacap")
    assert history[-1].changes["assigned_to"] == (None, "admin")
    assert "region_id" not in history[-1].changes
