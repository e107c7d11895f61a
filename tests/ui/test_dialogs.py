"""Election settings and preferences dialogs."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desk_app.context import AppContext
from desk_app.services import election
from desk_app.services.actor import Actor
from desk_app.services.errors import PermissionDeniedError
from desk_app.ui.bus import DataBus
from desk_app.ui.election_dialog import ElectionDialog
from desk_app.ui.preferences_dialog import PreferencesDialog
from desk_app.ui.settings import Settings


def _dialog(qtbot: QtBot, ctx: AppContext, bus: DataBus | None = None) -> ElectionDialog:
    dialog = ElectionDialog(ctx, bus or DataBus())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _stored(ctx: AppContext) -> election.ElectionSettings:
    with ctx.db.read() as session:
        return election.get_election(session)


def test_shows_the_current_settings(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = _dialog(qtbot, ctx)
    current = _stored(ctx)
    assert dialog.name_edit.text() == current.name
    assert dialog.values() == current


def test_invalid_dates_show_messages_next_to_the_fields(qtbot: QtBot, ctx: AppContext) -> None:
    before = _stored(ctx)
    dialog = _dialog(qtbot, ctx)
    dialog.campaign_start_edit.setDate(QDate(2024, 11, 1))
    dialog.campaign_end_edit.setDate(QDate(2024, 10, 1))
    dialog.quiet_end_edit.setDate(QDate(2024, 11, 28))
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.errors["campaign_end"].isVisible()
    assert dialog.errors["campaign_end"].text() == (
        "Tanggal akhir tidak boleh sebelum tanggal awal."
    )
    assert dialog.errors["quiet_end"].text() == "Harus sebelum hari pemungutan suara."
    assert not dialog.errors["name"].isVisible()
    assert _stored(ctx) == before


def test_days_are_typed_whole_may_be_emptied_and_unreadable_ones_are_refused(
    qtbot: QtBot, ctx: AppContext
) -> None:
    before = _stored(ctx)
    dialog = _dialog(qtbot, ctx)
    dialog.voting_day_edit.edit.selectAll()
    qtbot.keyClicks(dialog.voting_day_edit.edit, "28/11/2029")
    assert dialog.values().voting_day == date(2029, 11, 28)
    dialog.campaign_start_edit.edit.selectAll()
    qtbot.keyClick(dialog.campaign_start_edit.edit, Qt.Key.Key_Delete)
    assert dialog.values().campaign_start is None  # emptied: not set
    dialog.quiet_end_edit.edit.selectAll()
    qtbot.keyClicks(dialog.quiet_end_edit.edit, "31/11/2029")  # November has 30 days
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "tidak terbaca" in dialog.errors["quiet_end"].text()
    assert _stored(ctx) == before


def test_empty_name_is_refused(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = _dialog(qtbot, ctx)
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "   ")
    dialog.save_button.click()
    assert dialog.errors["name"].text() == "Wajib diisi."
    assert _stored(ctx).name != "   "


def test_admin_saves_and_the_window_hears_of_it(qtbot: QtBot, ctx: AppContext) -> None:
    bus = DataBus()
    dialog = _dialog(qtbot, ctx, bus)
    dialog.name_edit.setText("Pilkada Serentak 2029")
    dialog.voting_day_edit.setDate(QDate(2029, 11, 28))
    dialog.campaign_start_edit.setDate(QDate(2029, 9, 25))
    dialog.campaign_end_edit.setDate(QDate(2029, 11, 23))
    dialog.quiet_start_edit.setDate(QDate(2029, 11, 24))
    dialog.quiet_end_edit.setDate(QDate(2029, 11, 26))
    with qtbot.waitSignal(bus.data_changed) as changed:
        dialog.save_button.click()
    assert changed.args[0] == frozenset({"election"})
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = _stored(ctx)
    assert stored.name == "Pilkada Serentak 2029"
    assert stored.voting_day == date(2029, 11, 28)
    assert stored.quiet_end == date(2029, 11, 26)


def test_optional_date_can_be_cleared(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = _dialog(qtbot, ctx)
    # Emptied by the keyboard (there is no "earliest date means none" any more).
    for edit in (dialog.quiet_start_edit, dialog.quiet_end_edit):
        edit.edit.selectAll()
        qtbot.keyClick(edit.edit, Qt.Key.Key_Backspace)
    assert dialog.quiet_start_edit.text() == ""
    dialog.save_button.click()
    assert _stored(ctx).quiet_start is None


def test_coordinator_sees_the_settings_read_only(
    qtbot: QtBot, ctx: AppContext, coordinator: Actor
) -> None:
    ctx.actor = coordinator
    dialog = _dialog(qtbot, ctx)
    assert not dialog.save_button.isEnabled()
    assert not dialog.name_edit.isEnabled()
    assert dialog.read_only_note.isVisible()
    with ctx.db.write() as session, pytest.raises(PermissionDeniedError):
        election.update_election(session, coordinator, dialog.values())


def test_preferences_are_saved(qtbot: QtBot, ctx: AppContext) -> None:
    settings = Settings(ctx.paths.settings_file)
    assert settings.language == "id"
    assert settings.idle_lock_minutes == 15
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.idle_spin.setValue(30)
    dialog.accept()
    qtbot.addWidget(dialog.restart_box)  # the restart question: closed with the test
    again = Settings(ctx.paths.settings_file)
    assert again.language == "en"
    assert again.idle_lock_minutes == 30


def test_preferences_cancel_changes_nothing(qtbot: QtBot, ctx: AppContext) -> None:
    settings = Settings(ctx.paths.settings_file)
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.idle_spin.setValue(5)
    dialog.reject()
    assert Settings(ctx.paths.settings_file).idle_lock_minutes == 15


def test_a_note_dialog_stays_open_on_a_refused_field_and_reports_other_refusals(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk_app.services.errors import ServiceError, ValidationError
    from desk_app.ui.contacts_tab import EngagementDialog
    from desk_app.ui.incident_detail import FollowUpDialog

    dialog = FollowUpDialog([("TAKEDOWN", "Take-down")])
    qtbot.addWidget(dialog)
    answers = iter([QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected])
    monkeypatch.setattr(FollowUpDialog, "exec", lambda self: next(answers))
    writes: list[str] = []

    def refused_field() -> None:
        writes.append(dialog.note.toPlainText())
        raise ValidationError({"note": "required"})

    assert dialog.record(refused_field) is False  # shown again, then cancelled
    assert writes == [""]
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text() == "Catatan: Wajib diisi."

    engagement = EngagementDialog([("RAPAT", "Rapat")])
    qtbot.addWidget(engagement)
    monkeypatch.setattr(EngagementDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    denied = ServiceError("no", code="permission_denied")

    def refused() -> None:
        raise denied

    assert engagement.record(refused) is denied
    assert engagement.record(lambda: None) is True
    assert engagement.type.objectName() == "engagementType" and not engagement.error.isVisible()


def test_an_engagement_is_dated_today_in_wib(qtbot: QtBot) -> None:
    """The desk's day, not the computer's: between 17:00 and 24:00 UTC they differ."""
    from datetime import UTC, datetime

    from desk_app.formats import to_wib
    from desk_app.ui.contacts_tab import EngagementDialog

    dialog = EngagementDialog([("RAPAT", "Rapat")])
    qtbot.addWidget(dialog)
    assert dialog.occurred_on() == to_wib(datetime.now(UTC)).date()
