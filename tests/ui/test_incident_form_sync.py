"""An incident open in the edit form that a pull changes underneath is flagged, and is
not overwritten without the person choosing (issue 4)."""

from __future__ import annotations

import dataclasses

import pytest
from desk_helpers import AnsweringDialogs
from pytestqt.qtbot import QtBot

from desk_app.context import AppContext
from desk_app.services import incidents
from desk_app.services.actor import Actor
from desk_app.services.incidents import IncidentInput
from desk_app.ui.bus import DataBus
from desk_app.ui.context import UiContext
from desk_app.ui.incident_form import IncidentForm
from desk_app.ui.tasks import TaskRunner

BASE = IncidentInput(
    title="Baliho dirusak", region_code="33.74", category="HOAKS", severity=2, source_type="MEDSOS"
)


def _create(ctx: AppContext, actor: Actor) -> str:
    with ctx.db.write() as s:
        return incidents.create_incident(s, actor, BASE).id


def _change_elsewhere(ctx: AppContext, actor: Actor, incident_id: str, title: str) -> None:
    """As a pull would: the row changes in the database, then the bus says "sync"."""
    with ctx.db.write() as s:
        incidents.update_incident(s, actor, incident_id, dataclasses.replace(BASE, title=title))


def _title(ctx: AppContext, actor: Actor, incident_id: str) -> str:
    with ctx.db.read() as s:
        return incidents.get_incident(s, actor, incident_id).title


@pytest.fixture
def bus() -> DataBus:
    return DataBus()


def _open(qtbot: QtBot, ctx: AppContext, bus: DataBus, incident_id: str) -> IncidentForm:
    ui = UiContext(ctx, bus, TaskRunner(synchronous=True), dialogs=AnsweringDialogs())
    form = IncidentForm(ctx, incident_id=incident_id, ui=ui)
    qtbot.addWidget(form)
    form.show()
    return form


def _answers(form: IncidentForm) -> AnsweringDialogs:
    dialogs = form.ui.dialogs
    assert isinstance(dialogs, AnsweringDialogs)
    return dialogs


def test_a_change_by_sync_shows_the_bar_and_reload_shows_it(
    qtbot: QtBot, ctx: AppContext, admin: Actor, bus: DataBus
) -> None:
    incident_id = _create(ctx, admin)
    form = _open(qtbot, ctx, bus, incident_id)
    assert not form.changed_bar.isVisible()
    bus.notify({"incident"}, "sync")  # a pull that did not touch it: no bar
    assert not form.changed_bar.isVisible()

    form.title.setText("Isian saya")
    _change_elsewhere(ctx, admin, incident_id, "Diubah di GB2")
    bus.notify({"incident"}, "sync")
    assert form.changed_bar.isVisible()
    assert "diubah di workstation lain" in form.changed_label.text()
    assert form.title.text() == "Isian saya"  # never silently overwritten

    _answers(form).answers = [True]
    form.reload_button.click()
    asked = [text for kind, _title, text in _answers(form).shown if kind == "ask"]
    assert asked  # unsaved edits: asked before discarding them
    assert form.title.text() == "Diubah di GB2"
    assert not form.changed_bar.isVisible()
    assert not form.changed_underneath()


def test_saving_over_a_changed_record_asks_first(
    qtbot: QtBot, ctx: AppContext, admin: Actor, bus: DataBus
) -> None:
    incident_id = _create(ctx, admin)
    form = _open(qtbot, ctx, bus, incident_id)
    form.title.setText("Isian saya")
    _change_elsewhere(ctx, admin, incident_id, "Diubah di GB2")
    bus.notify({"incident"}, "sync")

    answers = _answers(form).answers = [False, True]
    form.submit()  # "No": nothing written
    assert _title(ctx, admin, incident_id) == "Diubah di GB2"
    assert form.isVisible()
    form.submit()  # "Yes": my edits win
    assert not answers
    assert _title(ctx, admin, incident_id) == "Isian saya"


def test_keep_my_edits_saves_without_asking_again(
    qtbot: QtBot, ctx: AppContext, admin: Actor, bus: DataBus
) -> None:
    incident_id = _create(ctx, admin)
    form = _open(qtbot, ctx, bus, incident_id)
    form.title.setText("Isian saya")
    _change_elsewhere(ctx, admin, incident_id, "Diubah di GB2")
    bus.notify({"incident"}, "sync")
    form.keep_button.click()
    assert not form.changed_bar.isVisible()

    _answers(form).answers = []  # a question now fails the test: "asked again"
    form.submit()
    assert _title(ctx, admin, incident_id) == "Isian saya"


def test_keep_my_edits_overwrites_only_the_fields_i_changed(
    qtbot: QtBot, ctx: AppContext, admin: Actor, bus: DataBus
) -> None:
    incident_id = _create(ctx, admin)
    form = _open(qtbot, ctx, bus, incident_id)
    form.title.setText("Isian saya")  # I change the title only
    with ctx.db.write() as s:  # elsewhere: the title and the description change
        incidents.update_incident(
            s,
            admin,
            incident_id,
            dataclasses.replace(BASE, title="Diubah di GB2", description="Keterangan dari GB2"),
        )
    bus.notify({"incident"}, "sync")
    form.keep_button.click()
    assert form.title.text() == "Isian saya"
    assert form.description.toPlainText() == "Keterangan dari GB2"  # shown, not reverted

    _answers(form).answers = [True]
    form.submit()
    with ctx.db.read() as s:
        stored = incidents.get_incident(s, admin, incident_id)
    assert stored.title == "Isian saya"
    assert stored.description == "Keterangan dari GB2"


def test_saving_over_a_change_keeps_the_other_desks_untouched_fields(
    qtbot: QtBot, ctx: AppContext, admin: Actor, bus: DataBus
) -> None:
    incident_id = _create(ctx, admin)
    form = _open(qtbot, ctx, bus, incident_id)
    form.title.setText("Isian saya")
    with ctx.db.write() as s:
        incidents.update_incident(
            s, admin, incident_id, dataclasses.replace(BASE, severity=4, kecamatan="Candisari")
        )
    bus.notify({"incident"}, "sync")
    _answers(form).answers = [True]
    form.submit()  # asked, "Yes"
    with ctx.db.read() as s:
        stored = incidents.get_incident(s, admin, incident_id)
    assert (stored.title, stored.severity, stored.kecamatan) == ("Isian saya", 4, "Candisari")
