"""The demo data (``desk-app seed-demo``) passes the desk's own checks."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from desk_app.context import AppContext
from desk_app.demo import seed_demo
from desk_app.models import Contact, Incident
from desk_app.services import exporting, importing
from desk_app.services.actor import Actor
from desk_app.services.contacts import ContactFilter
from desk_app.services.phones import normalise_phone


def test_demo_phone_numbers_are_numbers_the_desk_accepts(ctx: AppContext) -> None:
    """Numbers such as +62845… (no such mobile prefix) were refused by the contact form
    and by an import, although the demo had stored them."""
    seed_demo(ctx.db, incidents=300, contacts=200, seed=3)
    with ctx.db.read() as s:
        contacts = s.scalars(select(Contact)).all()
        reporters = s.scalars(select(Incident.reporter_contact)).all()
    phones = [p for c in contacts for p in [*c.phones, c.whatsapp] if p]
    assert len(phones) > 200
    assert all(normalise_phone(p) == p for p in phones)
    assert [r for r in reporters if r and r.startswith("08")]
    assert all(normalise_phone(r) for r in reporters if r)


def test_an_exported_demo_directory_imports_again_whole(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    seed_demo(ctx.db, incidents=0, contacts=200, seed=3)
    path = tmp_path / "kontak.xlsx"
    with ctx.db.read() as s:
        assert exporting.export_contacts(s, admin, ContactFilter(), path) == 200
    table = importing.read_table(path)
    mapping = importing.guess_mapping("contacts", table.headers)
    with ctx.db.read() as s:
        report = importing.validate_rows(s, "contacts", path, mapping)
    assert report.total == 200 and [b.errors for b in report.bad] == []
