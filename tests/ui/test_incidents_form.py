"""The incident form: keyboard only, validation, drafts, duplicates."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import shiboken6
from desk_helpers import AnsweringDialogs
from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTime
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desk_app.context import AppContext
from desk_app.models import Incident, utcnow
from desk_app.services import incidents
from desk_app.services.actor import Actor
from desk_app.services.incidents import IncidentFilter, IncidentInput
from desk_app.services.records import Changes
from desk_app.ui import incident_form, place_names
from desk_app.ui.bus import DataBus
from desk_app.ui.context import UiContext
from desk_app.ui.incident_form import DuplicatesDialog, IncidentForm, pending_drafts
from desk_app.ui.place_names import PlaceNames
from desk_app.ui.tasks import TaskRunner


def _count(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Incident)) or 0)


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _type(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(_focused(), text)


def _tab(qtbot: QtBot, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(_focused(), Qt.Key.Key_Tab)


@pytest.fixture
def form(qtbot: QtBot, ctx: AppContext) -> IncidentForm:
    ui = UiContext(ctx, DataBus(), TaskRunner(synchronous=True), dialogs=AnsweringDialogs())
    widget = IncidentForm(ctx, ui=ui)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.title)
    return widget


def test_create_an_incident_with_the_keyboard_only(
    qtbot: QtBot, ctx: AppContext, form: IncidentForm
) -> None:
    saved: list[str] = []
    form.saved.connect(saved.append)
    _type(qtbot, "Baliho paslon dirusak di depan balai desa")
    _tab(qtbot)
    assert _focused() is form.region
    _type(qtbot, "Kota Semarang")
    _tab(qtbot)
    _type(qtbot, "Pelanggaran kampanye")
    _tab(qtbot)  # the neutrality subject is hidden for this category: skipped
    assert _focused() is form.severity
    _type(qtbot, "3")
    _tab(qtbot)
    _type(qtbot, "Masyarakat")
    _tab(qtbot, 5)  # link, platform, two times, kecamatan
    assert _focused() is form.kecamatan
    _type(qtbot, "Tembalang")
    qtbot.keyClick(_focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert len(saved) == 1
    with ctx.db.read() as s:
        row = incidents.list_incidents(s, IncidentFilter())[0]
    assert (row.region_code, row.category, row.severity, row.source_type, row.kecamatan) == (
        "33.74",
        "KAMPANYE",
        3,
        "MASYARAKAT",
        "Tembalang",
    )
    assert not form.isVisible()
    assert pending_drafts(ctx.paths.drafts_dir) == []


def test_invalid_input_shows_messages_and_saves_nothing(
    qtbot: QtBot, ctx: AppContext, form: IncidentForm
) -> None:
    form.link.setText("ftp://contoh")
    qtbot.keyClick(form.title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _count(ctx) == 0
    assert form.isVisible()
    assert form.errors["title"].text() == "Wajib diisi."
    assert form.errors["category"].isVisible()
    assert form.errors["severity"].text() == "Wajib diisi."
    assert "http" in form.errors["link"].text()
    assert not form.errors["kecamatan"].isVisible()
    assert QApplication.focusWidget() is form.title  # the first wrong field


def test_netralitas_shows_and_requires_the_subject(
    qtbot: QtBot, ctx: AppContext, form: IncidentForm
) -> None:
    assert not form.neutrality_subject.isVisible()
    form.category.set_code("NETRALITAS")
    assert form.neutrality_subject.isVisible()
    form.title.setText("Kades ikut kampanye")
    form.region.set_code("33.01")
    form.severity.set_code("2")
    form.source_type.set_code("OPD")
    form.submit()
    assert form.errors["neutrality_subject"].text() == "Wajib diisi."
    form.neutrality_subject.set_code("KADES")
    form.submit()
    assert _count(ctx) == 1


def test_pasting_a_link_fills_the_platform(form: IncidentForm) -> None:
    form.link.setText("https://vt.tiktok.com/ZS123/")
    assert form.platform.code() == "TIKTOK"
    assert form.source_type.code() == "MEDSOS"


def test_defaults_time_now_and_remembers_the_last_region(qtbot: QtBot, ctx: AppContext) -> None:
    class FakeSettings:
        last_region = "33.72"

    settings = FakeSettings()
    widget = IncidentForm(ctx, settings)
    qtbot.addWidget(widget)
    assert widget.region.code() == ""  # offered, never preselected (test_safer_defaults)
    moment = widget.to_input().occurred_at
    assert moment is not None and abs(moment - utcnow()) < timedelta(minutes=2)
    widget.title.setText("Spanduk provokatif")
    widget.category.set_code("PROVOKASI")
    widget.region.set_code("33.10")
    widget.severity.set_code("1")
    widget.source_type.set_code("OBSERVASI")
    widget.submit()
    assert settings.last_region == "33.10"


def test_places_complete_from_earlier_entries(qtbot: QtBot, ctx: AppContext, admin: Actor) -> None:
    with ctx.db.write() as s:
        incidents.create_incident(
            s,
            admin,
            IncidentInput(
                title="x",
                region_code="33.74",
                category="HOAKS",
                severity=1,
                source_type="MEDSOS",
                kecamatan="Tembalang",
                desa="Bulusan",
            ),
        )
    widget = IncidentForm(ctx)
    qtbot.addWidget(widget)
    widget.region.set_code("33.74")
    completer = widget.kecamatan.completer()
    completer.setCompletionPrefix("tem")
    assert completer.currentCompletion() == "Tembalang"
    widget.region.set_code("33.01")
    completer.setCompletionPrefix("tem")
    assert completer.currentCompletion() == ""


def test_the_draft_of_an_unsaved_incident_comes_back(qtbot: QtBot, ctx: AppContext) -> None:
    widget = IncidentForm(ctx)
    widget.show()
    qtbot.keyClicks(widget.title, "Hoaks kotak suara dibakar")
    widget.category.set_code("HOAKS")
    qtbot.waitUntil(lambda: bool(pending_drafts(ctx.paths.drafts_dir)), timeout=5000)
    # The widget is destroyed without a chance to save (as in a crash).
    shiboken6.delete(widget)
    del widget

    drafts = pending_drafts(ctx.paths.drafts_dir)
    assert [d.title for d in drafts] == ["Hoaks kotak suara dibakar"]
    restored = IncidentForm(ctx, draft=drafts[0])
    qtbot.addWidget(restored)
    assert restored.title.text() == "Hoaks kotak suara dibakar"
    assert restored.category.code() == "HOAKS"
    restored.region.set_code("33.74")
    restored.severity.set_code("4")
    restored.source_type.set_code("MEDSOS")
    restored.submit()
    assert _count(ctx) == 1
    assert pending_drafts(ctx.paths.drafts_dir) == []


def test_cancel_asks_then_discards_the_draft(
    qtbot: QtBot, ctx: AppContext, form: IncidentForm, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.keyClicks(form.title, "Coba")
    form.save_draft()
    assert pending_drafts(ctx.paths.drafts_dir)
    form.ui.dialogs.answers = [False, True]  # type: ignore[attr-defined]
    qtbot.keyClick(form.title, Qt.Key.Key_Escape)
    assert form.isVisible()  # "No": stays
    qtbot.keyClick(form.title, Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert pending_drafts(ctx.paths.drafts_dir) == []
    assert _count(ctx) == 0


def _fill(form: IncidentForm, title: str, link: str = "") -> None:
    form.title.setText(title)
    form.region.set_code("33.74")
    form.category.set_code("HOAKS")
    form.severity.set_code("2")
    form.source_type.set_code("MEDSOS")
    form.link.setText(link)


@pytest.mark.parametrize("choice", ["save", "open", "merge", None])
def test_possible_duplicates_are_pointed_out(
    qtbot: QtBot,
    ctx: AppContext,
    admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
    choice: str | None,
) -> None:
    link = "https://www.facebook.com/groups/1/posts/2"
    with ctx.db.write() as s:
        first = incidents.create_incident(
            s,
            admin,
            IncidentInput(
                title="Hoaks surat suara tercoblos",
                region_code="33.01",
                category="HOAKS",
                severity=2,
                source_type="MEDSOS",
                link=link,
            ),
        )
    shown: list[DuplicatesDialog] = []

    def fake_exec(dialog: DuplicatesDialog) -> int:
        shown.append(dialog)
        dialog.choice = choice
        dialog.selected_id = first.id if choice else None
        return 1

    monkeypatch.setattr(DuplicatesDialog, "exec", fake_exec)
    widget = IncidentForm(ctx)
    qtbot.addWidget(widget)
    opened: list[str] = []
    saved: list[str] = []
    widget.open_requested.connect(opened.append)
    widget.saved.connect(saved.append)
    _fill(widget, "Surat suara sudah tercoblos beredar", link)
    widget.submit()

    assert len(shown) == 1 and shown[0].list.count() == 1
    with ctx.db.read() as s:
        live = incidents.count_incidents(s, IncidentFilter())
        detail = incidents.get_incident(s, admin, first.id)
    if choice == "save":
        assert live == 2 and saved
    elif choice == "open":
        assert live == 1 and opened == [first.id] and not saved
        assert pending_drafts(ctx.paths.drafts_dir)  # kept for later
    elif choice == "merge":
        assert live == 1 and saved == [first.id]
        assert len(detail.sources) == 1 and detail.sources[0][1] == link
    else:
        assert live == 1 and _count(ctx) == 1 and not saved and not opened


def test_edit_keeps_masked_personal_data(qtbot: QtBot, ctx: AppContext, admin: Actor) -> None:
    with ctx.db.write() as s:
        d = incidents.create_incident(
            s,
            admin,
            IncidentInput(
                title="Intimidasi",
                region_code="33.74",
                category="KAMTIB",
                severity=3,
                source_type="MASYARAKAT",
                reporter_name="Pak Budi",
            ),
        )
    ctx.actor = Actor(admin.user_id, admin.username, admin.role, sees_personal_data=False)
    widget = IncidentForm(ctx, incident_id=d.id)
    qtbot.addWidget(widget)
    assert widget.reporter_name.text() == "•••" and widget.reporter_name.isReadOnly()
    widget.title.setText("Intimidasi pendukung")
    widget.submit()
    ctx.actor = admin
    with ctx.db.read() as s:
        after = incidents.get_incident(s, admin, d.id)
    assert (after.title, after.reporter_name) == ("Intimidasi pendukung", "Pak Budi")


def test_draft_timer_is_a_few_seconds() -> None:
    assert 500 <= incident_form.DRAFT_DELAY_MS <= 5000


def test_place_names_are_read_once_for_forms_in_a_row(
    qtbot: QtBot, ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A desk entering reports in a row: the place names are read for the first form
    only; what a form saves completes in the next one; a pull from the hub (or any change
    not from a form) has them read afresh. Before a region is chosen, every region's
    names (the slowest read) wait until a place field is entered."""
    with ctx.db.write() as s:
        incidents.create_incident(
            s,
            admin,
            IncidentInput(
                title="x",
                region_code="33.74",
                category="HOAKS",
                severity=1,
                source_type="MEDSOS",
                kecamatan="Tembalang",
                desa="Bulusan",
            ),
        )
    reads: list[str | None] = []
    real = place_names.incident_search.place_completions

    def counted(session: Any, field_name: str, **kw: Any) -> list[str]:
        reads.append(kw.get("region_code"))
        return real(session, field_name, **kw)

    monkeypatch.setattr(place_names.incident_search, "place_completions", counted)
    bus = DataBus()
    ui = UiContext(ctx, bus, TaskRunner(synchronous=True))
    places = PlaceNames(ctx.db, ui.tasks, bus)

    def form() -> IncidentForm:
        widget = IncidentForm(ctx, ui=ui, places=places)
        qtbot.addWidget(widget)
        return widget

    def completes(widget: IncidentForm, prefix: str) -> str:
        completer = widget.kecamatan.completer()
        completer.setCompletionPrefix(prefix)
        return completer.currentCompletion()

    first = form()
    assert reads == []
    first.region.set_code("33.74")
    assert reads == ["33.74", "33.74"]  # kecamatan, desa
    assert completes(first, "tem") == "Tembalang"
    first.title.setText("Spanduk provokatif di Banyumanik")
    first.category.set_code("PROVOKASI")
    first.severity.set_code("1")
    first.source_type.set_code("OBSERVASI")
    first.kecamatan.setText("Banyumanik")
    first.submit()
    assert _count(ctx) == 2

    second = form()
    second.region.set_code("33.74")
    assert reads == ["33.74", "33.74"]  # kept
    assert completes(second, "bany") == "Banyumanik"

    bus.publish(Changes.of_tables({"incident"}), origin="sync")
    third = form()
    third.region.set_code("33.74")
    assert reads == ["33.74"] * 4
    assert completes(third, "bany") == "Banyumanik"

    fourth = form()
    assert len(reads) == 4
    fourth.show()
    qtbot.waitExposed(fourth)
    QApplication.sendEvent(fourth.kecamatan, QFocusEvent(QEvent.Type.FocusIn))
    assert reads[4:] == [None, None]
    assert completes(fourth, "tem") == "Tembalang"


def test_a_long_title_opened_for_editing_shows_its_beginning(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    """The dialog gives the title focus as if by Tab, which selects it with the cursor at
    the end: the field showed "…ota Linmas hadir dalam kampanye paslon di Desa ..."."""
    title = "Anggota Linmas hadir dalam kampanye paslon di Desa Purwomanis, " * 2
    with ctx.db.write() as s:
        d = incidents.create_incident(
            s,
            admin,
            IncidentInput(
                title=title.strip(),
                region_code="33.74",
                category="KAMTIB",
                severity=3,
                source_type="MASYARAKAT",
            ),
        )
    widget = IncidentForm(ctx, incident_id=d.id)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.title.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert widget.title.text() == title.strip()
    assert widget.title.cursorPosition() == 0
    assert widget.title.selectedText() == title.strip()  # typing still replaces it all


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_reading_beside_a_date_field_is_never_cut(
    qtbot: QtBot, ctx: AppContext, qapp: QApplication, lang: str
) -> None:
    """ "Minggu, 1 Des 2024 12.00 WIB" lost its "WIB" at the dialog's edge."""
    from desk_app.ui.i18n import install_language

    install_language(qapp, lang)
    try:
        widget = IncidentForm(ctx)
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
        for day in range(22, 29):  # every weekday, in the month with the longest name
            widget.occurred_at.setDateTime(QDateTime(QDate(2024, 9, day), QTime(23, 59)))
            QApplication.processEvents()
            reading = widget.occurred_at.reading
            needed = reading.fontMetrics().horizontalAdvance(reading.text())
            assert reading.contentsRect().width() >= needed, reading.text()
            right = reading.mapTo(widget, reading.rect().topRight()).x()
            assert right < widget.width(), reading.text()
    finally:
        install_language(qapp, "id")
