"""The Insiden tab, its model and the detail pane, driven through the real widgets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from desk_helpers import AnsweringDialogs, HeldTasks, ModalDriver
from PySide6.QtCore import QDate, Qt, QThreadPool
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from desk_app.context import AppContext
from desk_app.formats import WIB
from desk_app.services import importing, incidents
from desk_app.services.actor import Actor
from desk_app.services.errors import ServiceError
from desk_app.services.incidents import IncidentFilter, IncidentInput
from desk_app.ui import incident_detail
from desk_app.ui.bus import DataBus
from desk_app.ui.context import UiContext
from desk_app.ui.incident_form import Draft, IncidentForm, write_draft
from desk_app.ui.incidents_model import COLUMNS, IncidentsModel
from desk_app.ui.incidents_tab import IncidentsTab
from desk_app.ui.merge_dialog import MergeDialog
from desk_app.ui.note_dialog import NoteTextDialog
from desk_app.ui.tasks import TaskRunner

NOW = datetime.now(UTC).replace(microsecond=0)


def _add(ctx: AppContext, actor: Actor, title: str, **kw: object) -> str:
    data = IncidentInput(
        title=title,
        region_code="33.74",
        category="HOAKS",
        severity=2,
        source_type="MEDSOS",
        occurred_at=NOW - timedelta(days=1),
        reported_at=NOW - timedelta(hours=1),
    )
    for key, value in kw.items():
        setattr(data, key, value)
    with ctx.db.write() as s:
        return incidents.create_incident(s, actor, data).id


@pytest.fixture
def tasks() -> TaskRunner:
    return TaskRunner(synchronous=True)


@pytest.fixture
def dialogs() -> AnsweringDialogs:
    return AnsweringDialogs()


@pytest.fixture
def tab(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner, dialogs: AnsweringDialogs
) -> IncidentsTab:
    bus = DataBus()
    ui = UiContext(ctx, bus, tasks, dialogs=dialogs)
    widget = IncidentsTab(ctx, bus, tasks, None, ui=ui)
    widget._drafts_offered = True  # tests offer drafts explicitly
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    return widget


def _titles(tab: IncidentsTab) -> list[str]:
    return [r.title for r in tab.model.loaded_rows()]


def test_model_passes_qtmodeltester(qtmodeltester, ctx: AppContext, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    for i in range(5):
        _add(ctx, admin, f"Insiden {i}", severity=1 + i % 4)
    model = IncidentsModel(ctx.db, TaskRunner(synchronous=True))
    model.PAGE = 2
    model.reload()
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() >= 2


def test_model_fetches_pages_and_counts_on_the_worker(ctx: AppContext, admin: Actor) -> None:
    for i in range(7):
        _add(ctx, admin, f"Insiden {i}")
    model = IncidentsModel(ctx.db, TaskRunner(synchronous=True))
    counts: list[int] = []
    model.count_changed.connect(counts.append)
    model.PAGE = 3
    model.reload()
    assert model.rowCount() == 3 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 7 and not model.canFetchMore()
    assert counts[-1] == 7
    index = model.index(0, COLUMNS.index("severity"))
    assert model.data(index) == "Sedang"
    assert model.data(index, Qt.ItemDataRole.UserRole) == 2
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, COLUMNS.index("status"))) == "Baru"


def test_sorting_requeries(ctx: AppContext, admin: Actor) -> None:
    _add(ctx, admin, "Bbb", severity=1)
    _add(ctx, admin, "Aaa", severity=4)
    _add(ctx, admin, "Ccc", severity=2)
    model = IncidentsModel(ctx.db, TaskRunner(synchronous=True))
    model.sort(COLUMNS.index("title"), Qt.SortOrder.AscendingOrder)
    assert [r.title for r in model.loaded_rows()] == ["Aaa", "Bbb", "Ccc"]
    model.sort(COLUMNS.index("severity"), Qt.SortOrder.DescendingOrder)
    assert [r.severity for r in model.loaded_rows()] == [4, 2, 1]
    assert model.filter.sort == "severity" and model.filter.descending


def test_filters_and_search_show_the_right_rows(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tab: IncidentsTab
) -> None:
    _add(ctx, admin, "Hoaks surat suara", region_code="33.74")
    _add(ctx, admin, "Baliho dirusak", category="KAMPANYE", region_code="33.01", severity=3)
    _add(ctx, admin, "Kades kampanye", category="NETRALITAS", neutrality_subject="KADES")
    _add(ctx, admin, "Hoaks lama", occurred_at=NOW - timedelta(days=40))
    tab.reset_filters()
    assert len(_titles(tab)) == 4

    tab.category.set_code("KAMPANYE")
    assert _titles(tab) == ["Baliho dirusak"]
    tab.category.set_code("")
    tab.region.set_code("33.74")
    assert sorted(_titles(tab)) == ["Hoaks lama", "Hoaks surat suara", "Kades kampanye"]
    tab.severity.set_code("3")
    assert _titles(tab) == []
    tab.reset_filters()

    # Search as you type: debounced, then only matching rows.
    qtbot.keyClicks(tab.search, "hoaks su")
    assert len(_titles(tab)) == 4  # not yet: the debounce timer runs
    qtbot.waitUntil(lambda: _titles(tab) == ["Hoaks surat suara"], timeout=2000)
    assert "1 insiden" in tab.count_label.text()

    tab.reset_filters()
    day = (NOW - timedelta(days=40)).astimezone(WIB)  # the filter's days are WIB days
    tab.date_to.setDate(QDate(day.year, day.month, day.day))
    assert _titles(tab) == ["Hoaks lama"]
    # Typed key by key, "/" and all, the day stays in its own field.
    tab.reset_filters()
    assert tab.date_to.text() == ""
    qtbot.keyClicks(tab.date_to.edit, day.strftime("%d/%m/%Y"))
    assert tab.date_to.bound() == QDate(day.year, day.month, day.day)
    assert _titles(tab) == ["Hoaks lama"]
    tab.date_to.edit.clear()
    qtbot.keyClicks(tab.date_to.edit, " ")  # emptied: no bound again
    assert tab.date_to.bound() is None
    assert len(_titles(tab)) == 4


def test_bulk_assign_and_status_change(
    ctx: AppContext, admin: Actor, tab: IncidentsTab, dialogs: AnsweringDialogs
) -> None:
    ids = [_add(ctx, admin, f"Insiden {i}") for i in range(3)]
    tab.reset_filters()
    tab.table.selectAll()
    assert sorted(tab.selected_ids()) == sorted(ids)
    assert tab.assign_selected(admin.user_id)
    assert tab.change_status_selected("terverifikasi", "Dicek ke lapangan")
    with ctx.db.read() as s:
        details = [incidents.get_incident(s, admin, i) for i in ids]
    assert {d.status for d in details} == {"terverifikasi"}
    assert {d.assignee for d in details} == {"admin"}
    # The whole batch is refused when one cannot move: nothing changes.
    tab.table.selectAll()
    assert not tab.change_status_selected("dibuka_kembali", "x")
    assert "Tidak ada yang diubah" in dialogs.warnings[0]
    with ctx.db.read() as s:
        assert {incidents.get_incident(s, admin, i).status for i in ids} == {"terverifikasi"}


def test_status_transitions_allowed_and_refused(
    qtbot: QtBot,
    ctx: AppContext,
    admin: Actor,
    operator: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    incident_id = _add(ctx, admin, "Bentrok pendukung", category="KAMTIB", severity=4)
    ctx.actor = operator
    dialogs = AnsweringDialogs()
    pane = incident_detail.IncidentDetailPane(
        ctx, tasks=TaskRunner(synchronous=True), dialogs=dialogs
    )
    qtbot.addWidget(pane)
    pane.show_incident(incident_id)
    # From "baru" only verify or invalidate, both coordinator-only: shown, disabled.
    assert set(pane.status_buttons) == {"terverifikasi", "tidak_valid"}
    assert not any(b.isEnabled() for b in pane.status_buttons.values())
    assert not pane.merge_button.isEnabled()

    ctx.actor = admin
    pane.show_incident(incident_id)
    button = pane.status_buttons["terverifikasi"]
    assert button.isEnabled()

    def cancel(dialog: NoteTextDialog) -> None:
        qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)

    driver = ModalDriver(cancel)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # cancelled: nothing
    driver.check()
    assert pane.detail is not None and pane.detail.status == "baru"

    def empty_then_noted(dialog: NoteTextDialog) -> None:
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert dialog.isVisible() and dialog.error.text() == "Wajib diisi."
        qtbot.keyClicks(dialog.note, "Sudah dikonfirmasi Polres")
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    driver = ModalDriver(empty_then_noted)
    with qtbot.waitSignal(pane.changed):
        qtbot.mouseClick(pane.status_buttons["terverifikasi"], Qt.MouseButton.LeftButton)
    driver.check()
    assert dialogs.warnings == []
    assert pane.detail.status == "terverifikasi"
    assert set(pane.status_buttons) == {"ditindaklanjuti", "selesai"}
    assert "Sudah dikonfirmasi Polres" in pane.status_history.toPlainText()
    assert "diubah" in pane.changes.toPlainText()


def test_follow_up_and_merge_keep_every_source(
    qtbot: QtBot, ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    keep = _add(ctx, admin, "Hoaks A", link="https://x.com/a/status/1")
    other = _add(ctx, admin, "Hoaks A juga", link="https://x.com/b/status/2")
    with ctx.db.write() as s:
        incidents.add_follow_up(s, admin, other, "VERIFIKASI", "Dicek di Kudus")
        other_ref = incidents.get_incident(s, admin, other).ref
    pane = incident_detail.IncidentDetailPane(ctx, tasks=TaskRunner(synchronous=True))
    qtbot.addWidget(pane)
    pane.show_incident(keep)

    def fake_exec(dialog: incident_detail.FollowUpDialog) -> int:
        dialog.type.set_code("TAKEDOWN")
        dialog.note.setPlainText("Diajukan take-down ke Komdigi")
        return 1

    monkeypatch.setattr(incident_detail.FollowUpDialog, "exec", fake_exec)
    pane.add_follow_up()
    assert "Diajukan take-down" in pane.follow_ups.toPlainText()

    def pick_by_number(dialog: MergeDialog) -> int:
        qtbot.keyClicks(dialog.search, other_ref[:-2])
        qtbot.waitUntil(lambda: dialog.heading.text() == "Hasil pencarian")
        assert dialog.list.current_ref() == other_ref
        assert dialog.merge_button.text() == f"&Gabungkan {other_ref} ke sini"
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(MergeDialog, "exec", pick_by_number)
    qtbot.mouseClick(pane.merge_button, Qt.MouseButton.LeftButton)
    text = pane.follow_ups.toPlainText()
    assert "Dicek di Kudus" in text and other_ref in text
    assert "https://x.com/b/status/2" in pane.summary.text()
    with ctx.db.read() as s:
        assert incidents.count_incidents(s, IncidentFilter()) == 1


def test_export_then_import_from_the_tab(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tab: IncidentsTab, tmp_path: Path
) -> None:
    _add(ctx, admin, "Baliho dirusak", category="KAMPANYE")
    _add(ctx, admin, "Hoaks TPS")
    tab.reset_filters()
    tab.category.set_code("KAMPANYE")
    done: list[int] = []
    tab.export_to(tmp_path / "out.xlsx", done.append)
    assert done == [1]
    table = importing.read_table(tmp_path / "out.xlsx")
    assert [row[2] for row in table.preview] == ["Baliho dirusak"]


def test_pending_drafts_are_offered_when_the_tab_is_shown(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    write_draft(ctx.paths.drafts_dir, Draft("abc", None, NOW.isoformat(), {"title": "Draf hoaks"}))
    widget = IncidentsTab(ctx, DataBus(), tasks, None)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.drafts_bar.isVisible())
    assert "Draf hoaks" in widget.drafts_label.text()
    restore = widget.drafts_bar.findChild(QPushButton, "restoreDrafts")
    assert restore is not None
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    forms = widget._forms
    assert [f.title.text() for f in forms] == ["Draf hoaks"]
    assert isinstance(forms[0], IncidentForm) and not widget.drafts_bar.isVisible()
    assert widget.offer_drafts() == []  # an open form's draft is not offered twice
    for f in list(forms):
        f.close()


def test_new_incident_and_focus_search(qtbot: QtBot, tab: IncidentsTab) -> None:
    tab.show()
    form = tab.new_incident()
    assert form.isVisible() and form.incident_id is None
    form.close()
    tab.activateWindow()
    tab.focus_search()
    qtbot.waitUntil(lambda: tab.search.hasFocus())


def test_model_queries_on_the_worker_and_drops_stale_pages(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    for i in range(5):
        _add(ctx, admin, f"Insiden {i}", category="KAMPANYE" if i < 2 else "HOAKS")
    runner = TaskRunner(QThreadPool())  # a real thread pool of its own
    model = IncidentsModel(ctx.db, runner, load=False)
    model.PAGE = 2
    with qtbot.waitSignal(model.reloaded, timeout=5000):
        model.set_filter(IncidentFilter(categories=("HOAKS",)))
        model.set_filter(IncidentFilter(categories=("KAMPANYE",)))  # supersedes the first
    qtbot.waitUntil(lambda: not model.loading)
    assert {r.category for r in model.loaded_rows()} == {"KAMPANYE"}
    assert model.rowCount() == 2 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()  # ignored while the page is on its way
    qtbot.waitUntil(lambda: not model.canFetchMore(), timeout=5000)
    assert model.rowCount() == 2
    # Let every queued result arrive before the model and runner go away.
    runner.pool.waitForDone(5000)
    qtbot.waitUntil(lambda: model.total == 2, timeout=5000)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)  # every result delivered


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_a_superseded_query_is_cancelled_and_its_result_never_shown(
    ctx: AppContext, admin: Actor
) -> None:
    for i in range(5):
        _add(ctx, admin, f"Insiden {i}", category="KAMPANYE" if i < 2 else "HOAKS")
    runner = HeldTasks()
    model = IncidentsModel(ctx.db, runner, load=False)
    model.PAGE = 2
    counts: list[int] = []
    model.count_changed.connect(counts.append)

    model.set_filter(IncidentFilter(categories=("HOAKS",)))
    runner.finish(0)  # HOAKS's first page is shown; its count is queued
    assert {r.category for r in model.loaded_rows()} == {"HOAKS"}
    model.fetchMore()  # HOAKS's second page is queued too
    assert len(runner.held) == 2

    model.set_filter(IncidentFilter(categories=("KAMPANYE",)))
    # The first filter's count and page arrive late: they were cancelled, not run, and
    # nothing of them shows.
    assert runner.finish(0) is None
    assert runner.finish(0) is None
    assert counts == [] and model.rowCount() == 2 and model.loading
    # A superseded query that failed leaves the wanted one loading.
    model.set_filter(IncidentFilter(categories=("HOAKS",)))
    runner.fail(0)
    assert model.loading
    runner.finish(0)
    assert {r.category for r in model.loaded_rows()} == {"HOAKS"} and not model.loading
    runner.finish(0)
    assert counts == [3]


def test_a_one_letter_word_does_not_query_again(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tab: IncidentsTab
) -> None:
    _add(ctx, admin, "Hoaks surat suara")
    _add(ctx, admin, "Baliho dirusak", category="KAMPANYE")
    tab.reset_filters()
    reloads: list[int] = []
    tab.model.reloaded.connect(lambda: reloads.append(1))
    qtbot.keyClicks(tab.search, "h")
    qtbot.waitUntil(lambda: not tab._search_timer.isActive(), timeout=2000)
    assert reloads == [] and len(_titles(tab)) == 2  # waits for the second letter
    qtbot.keyClicks(tab.search, "o")
    qtbot.waitUntil(lambda: reloads == [1], timeout=2000)
    assert _titles(tab) == ["Hoaks surat suara"]
    qtbot.keyClicks(tab.search, "aks")
    qtbot.waitUntil(lambda: reloads == [1, 1], timeout=2000)
    qtbot.keyClicks(tab.search, " s")  # the next word's first letter: nothing new
    qtbot.waitUntil(lambda: not tab._search_timer.isActive(), timeout=2000)
    assert reloads == [1, 1] and tab.model.filter.search == "hoaks"
    qtbot.keyClicks(tab.search, "u")
    qtbot.waitUntil(lambda: reloads == [1, 1, 1], timeout=2000)
    assert _titles(tab) == ["Hoaks surat suara"]
    qtbot.keyClick(tab.search, Qt.Key.Key_Backspace)  # "hoaks s": as "hoaks"
    qtbot.waitUntil(lambda: reloads == [1, 1, 1, 1], timeout=2000)
    assert _titles(tab) == ["Hoaks surat suara"]
    tab.search.setText("h")  # back to one letter: everything
    qtbot.waitUntil(lambda: len(_titles(tab)) == 2, timeout=2000)


def test_typing_a_reference_or_part_of_a_word_in_the_search_box_finds_the_incident(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tab: IncidentsTab
) -> None:
    first = _add(ctx, admin, "Baliho paslon dirobek")
    _add(ctx, admin, "Posko pemenangan dibakar")
    for i in range(10):
        _add(ctx, admin, f"Hoaks {i}")  # refs ...-00003 to ...-00012
    with ctx.db.read() as s:
        ref = incidents.get_incident(s, admin, first).ref
    tab.reset_filters()
    assert len(_titles(tab)) == 12
    _, year, number = ref.split("-")
    for typed in (ref, f"{year}-{number}", number, ref.lower(), "robek", "bakar"):
        tab.search.clear()
        qtbot.waitUntil(lambda: len(_titles(tab)) == 12, timeout=2000)
        qtbot.keyClicks(tab.search, typed)
        wanted = ["Posko pemenangan dibakar"] if typed == "bakar" else ["Baliho paslon dirobek"]
        qtbot.waitUntil(lambda w=wanted: _titles(tab) == w, timeout=2000)
        assert "1 insiden" in tab.count_label.text()
    # A separator typed between the parts of a number is a new search, not the same one.
    tab.search.clear()
    qtbot.keyClicks(tab.search, f"{year} {number}")
    qtbot.waitUntil(lambda: tab.model.filter.search == f"{year} {number}", timeout=2000)
    qtbot.keyClick(tab.search, Qt.Key.Key_Home)
    tab.search.setText(f"{year}-{number}")
    qtbot.waitUntil(lambda: tab.model.filter.search == f"{year}-{number}", timeout=2000)
    assert _titles(tab) == ["Baliho paslon dirobek"]


def test_opening_an_incident_reads_it_once(
    ctx: AppContext, admin: Actor, tab: IncidentsTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = (_add(ctx, admin, f"Insiden {i}") for i in range(2))
    tab.reset_filters()
    reads: list[str] = []
    real = incidents.get_incident

    def counted(session: Any, actor: Actor, incident_id: str) -> incidents.IncidentDetail:
        reads.append(incident_id)
        return real(session, actor, incident_id)

    monkeypatch.setattr(incident_detail.service, "get_incident", counted)
    tab.open_incident(second)
    assert reads == [second] and tab.selected_ids() == [second]
    assert tab.detail.detail is not None and tab.detail.detail.id == second
    tab.open_incident(second)  # opened again: read afresh, still once
    assert reads == [second, second]
    # One not on a loaded page (here: filtered out) is read and shown all the same.
    tab.search.setText("tidak ada yang cocok")
    tab.apply_filters()
    tab.open_incident(first)
    assert reads[2:] == [first] and tab.detail.detail.id == first


def test_the_detail_reads_on_the_worker_and_draws_only_the_last_asked_for(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    first = _add(ctx, admin, "Baliho dirusak di Tembalang")
    second = _add(ctx, admin, "Hoaks surat suara tercoblos")
    third = _add(ctx, admin, "Kampanye di tempat ibadah")
    runner = HeldTasks()
    pane = incident_detail.IncidentDetailPane(ctx, tasks=runner)
    qtbot.addWidget(pane)
    drawn: list[str] = []
    pane.loaded.connect(drawn.append)

    pane.show_incident(first)
    assert pane.detail is None and pane.requested_id == first  # read on the worker
    runner.finish(0)
    assert pane.detail is not None and pane.detail.id == first and drawn == [first]

    # Walking down the table: two requests before either read is back.
    pane.show_incident(second)
    pane.show_incident(third)
    assert pane.detail.id == first  # what was shown stays until the new one arrives
    runner.finish(1)  # the last request's read comes back first
    assert pane.detail.id == third
    runner.finish(0)  # the superseded read arrives late: not drawn
    assert pane.detail.id == third and drawn == [first, third]
    assert "Kampanye di tempat ibadah" in pane.heading.text()

    # An incident gone by the time it is read clears the pane.
    pane.show_incident(second)
    with ctx.db.write() as s:
        incidents.delete_incident(s, admin, second)
    read, _, failed = runner.held.pop(0)
    with pytest.raises(ServiceError) as refused:
        read()
    failed(refused.value)
    assert pane.detail is None and not pane.body.isVisible()


def test_the_merge_dialog_offers_duplicates_finds_by_number_or_words_and_refuses_nothing(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    keep = _add(ctx, admin, "Hoaks surat suara tercoblos di Semarang")
    twin = _add(ctx, admin, "Hoaks surat suara sudah tercoblos di Semarang")
    other = _add(ctx, admin, "Baliho calon dirusak di Tembalang", category="KAMPANYE")
    with ctx.db.read() as s:
        detail = incidents.get_incident(s, admin, keep)
        other_ref = incidents.get_incident(s, admin, other).ref
    runner = HeldTasks()
    dialog = MergeDialog(ctx, runner, detail)
    qtbot.addWidget(dialog)
    assert dialog.heading.text() == "Mencari…" and not dialog.merge_button.isEnabled()
    runner.finish(0)  # the likely duplicates, read on the worker
    assert dialog.heading.text() == "Kemungkinan duplikat"
    assert dialog.selected_id == twin and "teks mirip" in dialog.list.row_text(0)
    assert dialog.list.count() == 1  # never the incident itself

    qtbot.keyClicks(dialog.search, "balih")
    qtbot.waitUntil(lambda: len(runner.held) == 1, timeout=2000)  # after the typing pause
    qtbot.keyClicks(dialog.search, "o")
    qtbot.waitUntil(lambda: len(runner.held) == 2, timeout=2000)
    runner.finish(1)  # "baliho" comes back first
    assert dialog.selected_id == other and dialog.list.count() == 1
    runner.finish(0)  # "balih" arrives late: overtaken, not shown
    assert dialog.selected_id == other
    assert dialog.merge_button.text() == f"&Gabungkan {other_ref} ke sini"

    dialog.search.setText("tidak-ada-yang-begini")
    dialog.run_search()
    runner.finish(len(runner.held) - 1)
    assert dialog.list.count() == 0 and dialog.selected_id is None
    assert dialog.empty.text() == "Tidak ada insiden yang cocok."
    assert not dialog.merge_button.isEnabled()
    dialog.accept()  # nothing chosen: the dialog stays
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_a_saved_incident_is_selected_and_read_once_though_another_was_selected(
    qtbot: QtBot,
    ctx: AppContext,
    admin: Actor,
    tab: IncidentsTab,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    earlier = _add(ctx, admin, "Baliho dirusak di Tembalang")
    tab.reset_filters()
    tab.open_incident(earlier)
    assert tab.selected_ids() == [earlier]
    reads: list[str] = []
    real = incidents.get_incident

    def counted(session: Any, actor: Actor, incident_id: str) -> incidents.IncidentDetail:
        reads.append(incident_id)
        return real(session, actor, incident_id)

    monkeypatch.setattr(incident_detail.service, "get_incident", counted)
    form = tab.new_incident()
    form.title.setText("Kerumunan massa di depan kantor KPU")
    form.region.set_code("33.01")
    form.category.set_code("KAMTIB")
    form.severity.set_code("3")
    form.source_type.set_code("OBSERVASI")
    with qtbot.waitSignal(form.saved) as saved:
        form.submit()
    new_id = saved.args[0]
    assert not form.isVisible()
    # The table selects what was saved (not the row selected before), and its detail is
    # read once, after the write: the refresh the write announced does not read it again.
    assert tab.selected_ids() == [new_id]
    assert tab.detail.detail is not None and tab.detail.detail.id == new_id
    assert reads == [new_id]
    # The closed form does not stay behind (with its widgets, listening to the bus).
    qtbot.waitUntil(lambda: not shiboken6.isValid(form))
    assert tab.findChildren(IncidentForm) == []


def test_after_edits_the_total_stays_and_is_counted_once_they_pause(
    qtbot: QtBot, ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(5):
        _add(ctx, admin, f"Insiden {i}")
    model = IncidentsModel(ctx.db, TaskRunner(synchronous=True), load=False)
    model.PAGE = 2
    counted: list[int] = []
    real = model.read_count

    def read_count(session: Any, flt: IncidentFilter) -> int:
        counted.append(1)
        return real(session, flt)

    monkeypatch.setattr(model, "read_count", read_count)
    model.reload()
    assert model.total == 5 and len(counted) == 1
    # Two saves in a row: each refreshes the rows at once; the total shown stays...
    for title in ("Insiden baru", "Insiden baru lagi"):
        _add(ctx, admin, title)
        model.reload(keep_loaded=True)
        assert model.rowCount() == 2 and not model.loading
        assert model.total == 5 and model.counting_later
    # ...until the saves pause: then the rows are counted, once.
    with qtbot.waitSignal(model.count_changed, timeout=5000) as total:
        pass
    assert total.args == [7] and model.total == 7 and len(counted) == 2
    # A new filter is counted at once, as before.
    model.set_filter(IncidentFilter(search="lagi"))
    assert model.total == 1 and not model.counting_later
