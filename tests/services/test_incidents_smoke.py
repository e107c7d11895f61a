from desk_app.context import AppContext
from desk_app.services import incidents
from desk_app.services.actor import Actor


def test_create_and_find(ctx: AppContext, admin: Actor) -> None:
    with ctx.db.write() as s:
        d = incidents.create_incident(
            s,
            admin,
            incidents.IncidentInput(
                title="Hoaks surat suara",
                region_code="33.74",
                category="HOAKS",
                severity=2,
                source_type="MEDSOS",
            ),
        )
    assert d.ref == "GB1-" + d.ref.split("-")[1] + "-00001"
    with ctx.db.read() as s:
        rows = incidents.list_incidents(s, incidents.IncidentFilter(search="sura"))
    assert [r.ref for r in rows] == [d.ref]
