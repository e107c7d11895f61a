"""One way to run a change: the writer lane, the changes it announces, its one failure path."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest
import shiboken6
from desk_helpers import AnsweringDialogs, make_incident
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QProgressDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from desk_app.context import AppContext
from desk_app.models import Incident
from desk_app.services import incidents
from desk_app.services.actor import Actor
from desk_app.services.errors import ServiceError
from desk_app.services.incidents import IncidentInput
from desk_app.services.records import Changes
from desk_app.ui import ops
from desk_app.ui.bus import DataBus
from desk_app.ui.context import UiContext
from desk_app.ui.incident_form import DuplicatesDialog, IncidentForm
from desk_app.ui.ops import OpResult, run_op
from desk_app.ui.tasks import TaskRunner


def _input(title: str = "Hoaks surat suara tercoblos", link: str = "") -> IncidentInput:
    return IncidentInput(
        title=title,
        region_code="33.74",
        category="HOAKS",
        severity=2,
        source_type="MEDSOS",
        link=link,
    )


def _ui(ctx: AppContext, tasks: TaskRunner | None = None) -> UiContext:
    return UiContext(
        ctx, DataBus(), tasks or TaskRunner(synchronous=True), dialogs=AnsweringDialogs()
    )


@pytest.fixture
def owner(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_a_write_announces_the_records_it_changed_and_nothing_typed_by_hand(
    ctx: AppContext, admin: Actor, owner: QWidget
) -> None:
    ui = _ui(ctx)
    heard: list[tuple[Changes, str]] = []
    tables: list[frozenset[str]] = []
    ui.bus.changes_made.connect(lambda changes, origin: heard.append((changes, origin)))
    ui.bus.data_changed.connect(lambda t, _o: tables.append(t))
    results: list[OpResult[str]] = []
    op = run_op(
        owner,
        lambda s: incidents.add_incident(s, admin, _input()).id,
        success=results.append,
        ui=ui,
    )
    assert op.succeeded is True and results[0].value == op.value
    new_id = results[0].value
    assert heard == [(Changes(frozenset({("incident", new_id)})), "local")]
    assert tables == [frozenset({"incident"})]

    # A merge names the follow-up it adds too, wherever it is asked from.
    other = make_incident(ctx, admin, title="Hoaks lain")
    run_op(owner, lambda s: incidents.merge_incidents(s, admin, new_id, other), ui=ui)
    changes = heard[-1][0]
    assert changes.tables == {"incident", "follow_up"}
    assert changes.ids("incident") == {other}  # merged away; the kept one gains a follow-up
    assert len(changes.ids("follow_up")) == 1


def test_a_refusal_goes_to_failure_or_a_box_and_writes_nothing(
    ctx: AppContext, admin: Actor, operator: Actor, owner: QWidget
) -> None:
    ui = _ui(ctx)
    dialogs = ui.dialogs
    assert isinstance(dialogs, AnsweringDialogs)
    heard: list[object] = []
    ui.bus.data_changed.connect(lambda *a: heard.append(a))
    refused: list[ServiceError] = []
    succeeded: list[object] = []
    bad = _input(title="")
    op = run_op(
        owner,
        lambda s: incidents.add_incident(s, admin, bad).id,
        success=succeeded.append,
        failure=refused.append,
        ui=ui,
    )
    assert op.succeeded is False and not succeeded and not heard
    assert refused and refused[0].code == "invalid"
    assert dialogs.shown == []  # the field's message is the caller's
    # Without a failure handler: the standard message in a box.
    incident_id = make_incident(ctx, admin)
    run_op(owner, lambda s: incidents.delete_incident(s, operator, incident_id), ui=ui)
    assert dialogs.shown == [
        (
            "warn",
            "Tidak dapat disimpan",
            "Peran Anda tidak berwenang untuk tindakan ini. Tidak ada yang diubah.",
        )
    ]
    with ctx.db.read() as s:
        assert s.get(Incident, incident_id).deleted is False  # type: ignore[union-attr]


def test_a_fault_is_logged_once_and_shown(
    ctx: AppContext, owner: QWidget, caplog: pytest.LogCaptureFixture
) -> None:
    ui = _ui(ctx)
    dialogs = ui.dialogs
    assert isinstance(dialogs, AnsweringDialogs)
    failures: list[object] = []

    def broken(_session: Any) -> None:
        raise OSError("disk gone")

    with caplog.at_level(logging.INFO):
        op = run_op(owner, broken, failure=failures.append, ui=ui)
    assert op.succeeded is False and isinstance(op.error, OSError)
    assert not failures  # a fault is not a refusal: the failure handler is not for it
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert dialogs.shown and dialogs.shown[0][0] == "warn" and "disk gone" in dialogs.shown[0][2]


def test_writes_run_off_the_gui_thread_one_at_a_time_in_order(
    qtbot: QtBot, ctx: AppContext, admin: Actor, owner: QWidget
) -> None:
    ui = _ui(ctx, TaskRunner(QThreadPool()))
    gui = threading.get_ident()
    threads: list[int] = []
    running: list[int] = []
    overlap: list[bool] = []
    done: list[str] = []
    release = threading.Event()

    def write(title: str) -> Any:
        def fn(session: Any) -> str:
            running.append(1)
            overlap.append(len(running) > 1)
            threads.append(threading.get_ident())
            if title == "first":
                release.wait(5)
            new_id = incidents.add_incident(session, admin, _input(title)).id
            running.pop()
            return new_id

        return fn

    for title in ("first", "second", "third"):
        run_op(owner, write(title), success=lambda r: done.append(r.value), ui=ui)
    assert done == []  # the GUI thread did not wait
    release.set()
    qtbot.waitUntil(lambda: len(done) == 3, timeout=10_000)
    assert gui not in threads and not any(overlap)
    with ctx.db.read() as s:
        refs = [incidents.get_incident(s, admin, i).title for i in done]
    assert refs == ["first", "second", "third"]


def test_a_long_write_shows_progress_and_a_closed_window_still_hears_of_it(
    qtbot: QtBot, ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ops, "PROGRESS_AFTER_MS", 10)
    ui = _ui(ctx, TaskRunner(QThreadPool()))
    owner = QWidget()
    owner.show()
    release = threading.Event()
    called: list[object] = []
    heard: list[frozenset[str]] = []
    ui.bus.data_changed.connect(lambda t, _o: heard.append(t))

    def slow(session: Any) -> str:
        release.wait(5)
        return incidents.add_incident(session, admin, _input()).id

    op = run_op(owner, slow, success=called.append, ui=ui)
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in owner.findChildren(QProgressDialog)), timeout=5000
    )
    owner.deleteLater()  # closed while the write runs
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner))
    release.set()
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    assert op.succeeded and not called  # nobody left to call back ...
    assert heard == [frozenset({"incident"})]  # ... but every other view hears of it


def test_the_duplicate_check_is_a_read(
    qtbot: QtBot, ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = "https://www.facebook.com/groups/1/posts/2"
    make_incident(ctx, admin, title="Surat suara tercoblos beredar")
    with ctx.db.write() as s:
        incidents.add_incident(s, admin, _input("Surat suara tercoblos beredar", link))
    writes: list[object] = []

    def begun(conn: Any) -> None:
        if conn.get_execution_options().get("sqlite_immediate"):
            writes.append(conn)

    event.listen(ctx.db.engine, "begin", begun)
    shown: list[DuplicatesDialog] = []
    monkeypatch.setattr(DuplicatesDialog, "exec", lambda d: shown.append(d) or 0)
    form = IncidentForm(ctx)
    qtbot.addWidget(form)
    form.title.setText("Surat suara tercoblos beredar")
    form.region.set_code("33.74")
    form.category.set_code("HOAKS")
    form.severity.set_code("2")
    form.source_type.set_code("MEDSOS")
    form.link.setText(link)
    form.submit()
    assert len(shown) == 1  # asked before anything was written ...
    assert writes == []  # ... and no write transaction was opened to find out
    event.remove(ctx.db.engine, "begin", begun)
