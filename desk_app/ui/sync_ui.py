"""Sync in the main window: a worker that syncs on an interval, after local changes and on
demand (F5, toolbar); a status-bar widget; the conflicts panel; the hub settings dialog.

The sync itself runs on the task runner's thread pool and never touches widgets; an
unreachable hub is routine (the status bar says "Offline", the worker backs off and
tries again), never an error dialog.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.db import Database, head_revision
from desk_app.formats import format_datetime, format_number, format_time
from desk_app.models import utcnow
from desk_app.services import conflicts as conflict_service
from desk_app.services.errors import ServiceError
from desk_app.services.permissions import Action, allowed
from desk_app.sync import settings as hub_settings
from desk_app.sync.errors import HubUnavailableError, PullInterruptedError, SyncError
from desk_app.ui.form_errors import error_text
from desk_app.ui.screen_fit import fit_window
from desk_app.ui.tasks import LatestReads
from desk_app.ui.value_names import ValueNames, field_text, read_value_names, value_text

if TYPE_CHECKING:
    # The sync engine (and with it SQLAlchemy's PostgreSQL dialect) is imported on the
    # worker when the first sync runs, not while the window starts.
    from desk_app.sync.client import Syncer, SyncReport
    from desk_app.sync.remote import RemoteHub
    from desk_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

#: Waits after a failed attempt: 5 s, 10 s, 20 s, ... up to five minutes.
BACKOFF_START_S = 5
BACKOFF_MAX_S = 300
#: The first sync (or, without a hub, the first count of unsent changes) this long after
#: the start: the window and its first tab come first.
FIRST_SYNC_MS = 1000
#: A clock further off than this is mentioned in the status bar.
CLOCK_NOTE_MS = 5 * 60 * 1000
#: A local change is sent after this quiet pause (several quick edits make one sync).
AFTER_CHANGE_MS = 1500
# Pull pages and push batches of the GUI's worker: each page is one local write
# transaction, and a save on the GUI thread waits for it (BEGIN IMMEDIATE); small pages
# keep that wait, and the full garbage collections that pause every thread, rare and short.
GUI_PAGE_SIZE = 500


def _hub(db: Database, data_dir: Any, url: str) -> RemoteHub:
    """The sync service this workstation talks to, with its credentials."""
    from desk_app.sync import connection

    return connection.remote(connection.workstation_of(db, data_dir), url)


def _count_local_changes(db: Database) -> tuple[int, int]:
    """Unsent changes and open conflicts (on the worker: a big outbox takes a while)."""
    from desk_app.sync.client import pending_changes

    pending = pending_changes(db)
    with db.read() as session:
        return pending, conflict_service.count_open(session)


def _lang() -> str:
    try:
        from desk_app.ui.settings import ui_language

        return ui_language()
    except Exception:  # the window's settings module may not be importable in a build
        return "id"


class SyncController(QObject):
    """Decides when to sync, runs it off the GUI thread, and reports what happened."""

    #: ``state`` is "none" (no hub), "syncing", "ok", "offline", "stopped" (this computer
    #: could not write what arrived: ``detail`` says what was kept) or "refused".
    state_changed = Signal(str)
    synced = Signal(object)

    def __init__(self, window: MainWindow, *, hub_factory: Any = None) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.hub_factory = hub_factory or (
            lambda url: _hub(self.ctx.db, self.ctx.paths.data_dir, url)
        )
        self.settings = hub_settings.load(self.ctx.paths.data_dir)
        self.state = "none"
        self.detail = ""
        #: Rows of the last sync that were kept when it stopped on this computer.
        self.kept = 0
        self.last_synced: datetime | None = None
        self.pending = 0
        self.open_conflicts = 0
        self.failures = 0
        self._hub: RemoteHub | None = None
        #: From the last sync: changes the hub refused, people whose changes wait for
        #: their sign-in to the service, and how far this computer's clock is off.
        self.refused = 0
        self.waiting_for: tuple[str, ...] = ()
        self.clock_skew_ms = 0
        self._asked_password = False
        self._syncer: Syncer | None = None
        self._running = False
        self._again = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.sync_now)
        self.soon = QTimer(self)
        self.soon.setSingleShot(True)
        self.soon.setInterval(AFTER_CHANGE_MS)
        self.soon.timeout.connect(self.sync_now)
        window.bus.data_changed.connect(self._data_changed)
        self._counts_version = 0
        #: The window has closed: nothing is scheduled, started or reported any more.
        self._closed = False
        window.closed.connect(self._window_closed)
        # The hub may be connected (or changed) while this window runs: by
        # `desk-app hub connect`, or by another window on the same data directory. The
        # settings file is watched (and its folder, for when it is first written).
        self._settings_file = hub_settings.settings_file(self.ctx.paths.data_dir)
        self.watcher = QFileSystemWatcher(self)
        self._watch_settings()
        self.watcher.fileChanged.connect(self.reload_settings)
        self.watcher.directoryChanged.connect(self.reload_settings)
        if self.settings.url:
            # The first sync brings the counts for the status bar.
            self.timer.start(FIRST_SYNC_MS)
        else:
            # Without a hub the counts only matter for the conflicts link: read them on the
            # worker once the window is up, not while it opens (counting a big outbox and
            # loading the sync engine would compete with the first tab for the GUI thread).
            QTimer.singleShot(FIRST_SYNC_MS, self, self.count_in_background)

    # -- scheduling -----------------------------------------------------------------------

    def configure(self, settings: hub_settings.HubSettings) -> None:
        self.settings = settings
        if self._hub is not None:
            self._hub.dispose()
        self._hub = self._syncer = None
        self.failures = 0
        self.state = "none" if not settings.url else self.state
        self.state_changed.emit(self.state)
        if settings.url:
            self.sync_now()

    def _watch_settings(self) -> None:
        folder = str(self._settings_file.parent)
        if self._settings_file.parent.is_dir() and folder not in self.watcher.directories():
            self.watcher.addPath(folder)
        if self._settings_file.exists() and str(self._settings_file) not in self.watcher.files():
            self.watcher.addPath(str(self._settings_file))

    def reload_settings(self, *_: object) -> None:
        """Read the hub settings again; a change made elsewhere applies at once."""
        self._watch_settings()  # a file written anew drops out of the watch
        try:
            current = hub_settings.load(self.ctx.paths.data_dir)
        except Exception as exc:  # half-written by the other process: the next event reads it
            log.info("hub settings not readable yet: %s", exc)
            return
        if current != self.settings:
            log.info("hub settings changed outside this window: %s", current.url or "no hub")
            self.configure(current)

    def sync_requested(self) -> None:
        """F5 or the toolbar: sync now, or say why there is nothing to sync with."""
        if not self.settings.url:
            self.window.statusBar().showMessage(
                self.tr(
                    "Tidak dapat sinkron: workstation ini belum terhubung ke hub. "
                    "Administrator menghubungkannya di Administrasi › Pengaturan hub."
                ),
                10_000,
            )
            self.state_changed.emit(self.state)
            return
        self.sync_now()

    def _window_closed(self) -> None:
        self._closed = True
        self.watcher.removePaths([*self.watcher.files(), *self.watcher.directories()])
        self.timer.stop()
        self.soon.stop()
        if not self._running and self._hub is not None:
            self._hub.dispose()  # a sync still running disposes of it when it ends

    def _data_changed(self, tables: frozenset[str], origin: str) -> None:
        if self._closed:
            return
        if origin == "local":
            self.recount()
            if self.settings.url and self.state != "offline":
                self.soon.start()

    def _schedule(self) -> None:
        if not self.settings.url or self._closed:
            return
        if self.state in ("offline", "stopped"):
            wait = min(BACKOFF_MAX_S, BACKOFF_START_S * 2 ** max(0, self.failures - 1))
        else:
            wait = self.settings.interval_s
        self.timer.start(wait * 1000)

    def sync_now(self) -> None:
        """Sync as soon as possible (one at a time; a request during a sync queues one)."""
        if self._closed:
            return
        if not self.settings.url:
            self.state_changed.emit(self.state)
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self.timer.stop()
        self.soon.stop()
        self.state = "syncing"
        self.state_changed.emit(self.state)
        self.window.tasks.run(self._work, self._done, self._failed)

    # -- on the worker thread ---------------------------------------------------------------

    def _work(self) -> tuple[SyncReport, int]:
        from desk_app.sync.client import Syncer

        if self._syncer is not None and self._syncer.db is not self.ctx.db:
            # The database was replaced (a restore in the window): its site id and
            # credential may be new, so the connection is made again for it.
            self._syncer = None
            if self._hub is not None:
                self._hub.dispose()
        if self._syncer is None:
            self._hub = self.hub_factory(self.settings.url)
            self._syncer = Syncer(
                self.ctx.db, self._hub, page_size=GUI_PAGE_SIZE, batch_size=GUI_PAGE_SIZE
            )
        report = self._syncer.sync()
        # The status bar's counts are read here, off the GUI thread.
        with self.ctx.db.read() as session:
            open_conflicts = conflict_service.count_open(session)
        return report, open_conflicts

    # -- back on the GUI thread -------------------------------------------------------------

    def _ended_after_close(self, exc: Exception | None = None) -> bool:
        """A sync that ends after the window closed: its hub is let go, nothing reported."""
        if not self._closed:
            return False
        self._running = False
        if self._hub is not None:
            self._hub.dispose()
        log.info("sync ended after the window closed%s", f": {exc}" if exc else "")
        return True

    def _done(self, outcome: tuple[SyncReport, int]) -> None:
        if self._ended_after_close():
            return
        report, self.open_conflicts = outcome
        self._counts_version += 1
        self._running = False
        self.failures = 0
        self.state = "ok"
        self.detail = ""
        self.last_synced = utcnow()
        self.pending = report.pending
        self.refused += report.refused
        self.waiting_for = report.waiting_for
        self.clock_skew_ms = report.clock_skew_ms
        actor = self.ctx.actor
        if actor is not None and actor.username in report.waiting_for and not self._asked_password:
            # Signed in while offline: the service needs this person's password once.
            self._asked_password = True
            QTimer.singleShot(0, self.confirm_password)
        if report.tables:
            self.window.bus.notify(set(report.tables), "sync")
        self.synced.emit(report)
        self.state_changed.emit(self.state)
        self._next()

    def _failed(self, exc: Exception) -> None:
        if self._ended_after_close(exc):
            return
        self._running = False
        self.recount()
        if isinstance(exc, HubUnavailableError):
            self.failures += 1
            self.state = "offline"
            self.detail = str(exc.values.get("reason", ""))
            log.info("hub unreachable (%s); retrying later", self.detail)
        elif isinstance(exc, PullInterruptedError):
            from desk_app.messages import error_message

            # Not a refusal: this computer could not write (a full disk). What arrived is
            # kept; the next attempt continues after it, backing off like an outage.
            self.failures += 1
            self.state = "stopped"
            self.kept = int(exc.values.get("kept") or 0)
            self.detail = error_message(exc.code, exc.values, str(exc), _lang())
        elif isinstance(exc, SyncError):
            from desk_app.messages import error_message

            self.state = "refused"
            self.detail = error_message(exc.code, exc.values, str(exc), _lang())
        else:
            self.failures += 1
            self.state = "offline"
            self.detail = str(exc)
            log.error("sync failed", exc_info=exc)
        self.state_changed.emit(self.state)
        self._next()

    def _next(self) -> None:
        if self._again:
            self._again = False
            self.sync_now()
        else:
            self._schedule()

    def confirm_password(self) -> None:
        """Ask the signed-in person's password once, to sign them in to the service."""
        actor = self.ctx.actor
        if actor is None or self._closed or not shiboken6.isValid(self.window):
            return
        dialog = HubPasswordDialog(actor.username, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        password = dialog.password.text()
        username = actor.username

        def work() -> bool:
            from desk_app.sync import connection

            return connection.sign_in_online(
                self.ctx.db, self.ctx.paths.data_dir, username, password
            )

        def done(ok: bool) -> None:
            if ok:
                self.sync_now()
            else:
                self._asked_password = False
                self.detail = self.tr("Kata sandi tidak diterima hub; coba lagi saat sinkron.")
                self.state_changed.emit(self.state)

        self.window.tasks.run(work, done, lambda exc: log.warning("hub sign-in: %s", exc))

    def recount(self) -> None:
        """Count again after a local change or a failed sync, on the worker: a save on the
        GUI thread must not wait for a count of a big outbox (0.1 s at a million rows).
        Counts still on their way from before are dropped."""
        self._counts_version += 1
        self.count_in_background()

    def count_in_background(self) -> None:
        """Count unsent changes and open conflicts on the worker, then show them."""
        if self._closed:
            return
        version = self._counts_version
        self.window.tasks.run(
            lambda: _count_local_changes(self.ctx.db),
            lambda counts: self._counted(version, counts),
            lambda exc: log.warning("could not count unsent changes: %s", exc),
        )

    def _counted(self, version: int, counts: tuple[int, int]) -> None:
        """Counts from the worker, unless a sync or a local change counted again meanwhile."""
        if shiboken6.isValid(self) and version == self._counts_version:
            self.pending, self.open_conflicts = counts
            self.state_changed.emit(self.state)

    def dispose(self) -> None:
        self.watcher.removePaths([*self.watcher.files(), *self.watcher.directories()])
        self.timer.stop()
        self.soon.stop()
        if self._hub is not None:
            self._hub.dispose()


class SyncStatus(QWidget):
    """The status-bar widget: where sync stands, and a link to open conflicts."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.controller = controller
        self.label = QLabel()
        self.label.setObjectName("syncStatusLabel")
        self.conflicts_button = QPushButton()
        self.conflicts_button.setObjectName("syncConflictsButton")
        self.conflicts_button.setFlat(True)
        self.conflicts_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.refusals_button = QPushButton()
        self.refusals_button.setObjectName("syncRefusalsButton")
        self.refusals_button.setFlat(True)
        self.refusals_button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.conflicts_button)
        layout.addWidget(self.refusals_button)
        controller.state_changed.connect(self.update_text)
        self.update_text()

    def text(self) -> str:
        c = self.controller
        if c.state == "syncing":
            return self.tr("Menyinkronkan…")
        if c.state == "offline":
            return self.tr("Offline — %n perubahan menunggu", "", c.pending)
        if c.state == "stopped":
            # The whole message (why, what to do) is the tooltip: it is too long here.
            return self.tr("Sinkron terhenti — %1 baris yang diterima tetap tersimpan").replace(
                "%1", format_number(c.kept, _lang())
            )
        if c.state == "refused":
            text = self.tr("Sinkron ditolak")
            if c.detail:
                # What to do comes first in the message (e.g. the version to upgrade to).
                short = c.detail if len(c.detail) <= 110 else c.detail[:109] + "…"
                text += " — " + short
            return text
        if c.state == "ok" and c.last_synced is not None:
            text = self.tr("Tersinkron %1").replace("%1", format_time(c.last_synced, _lang()))
            if c.pending:
                text += " · " + self.tr("%n perubahan menunggu", "", c.pending)
            return text
        if not c.settings.url:
            return self.tr("Tanpa hub")
        return self.tr("%n perubahan menunggu", "", c.pending)

    def notes(self) -> list[str]:
        """What the person must know beyond the state: refusals, sign-ins, the clock."""
        c = self.controller
        notes = []
        if c.waiting_for:
            notes.append(
                self.tr("menunggu masuk ke hub: %1").replace("%1", ", ".join(c.waiting_for))
            )
        if abs(c.clock_skew_ms) > CLOCK_NOTE_MS:
            minutes = abs(c.clock_skew_ms) // 60_000
            notes.append(self.tr("jam komputer selisih %n menit dari hub", "", minutes))
        return notes

    def update_text(self, *_: object) -> None:
        c = self.controller
        self.label.setText(" · ".join([self.text(), *self.notes()]))
        tip = self.tr("Hub: %1").replace("%1", c.settings.url or "-")
        if c.detail:
            tip += "\n" + c.detail
        if abs(c.clock_skew_ms) > CLOCK_NOTE_MS:
            tip += "\n" + self.tr(
                "Versi perubahan memakai jam hub. Minta administrator memperbaiki jam komputer."
            )
        self.label.setToolTip(tip)
        self.refusals_button.setVisible(c.refused > 0)
        self.refusals_button.setText(self.tr("%n perubahan ditolak hub", "", c.refused))
        self.conflicts_button.setVisible(c.open_conflicts > 0)
        self.conflicts_button.setText(self.tr("%n konflik perlu ditinjau", "", c.open_conflicts))


class ConflictsDialog(QDialog):
    """Each open conflict: the record, the field, both values, who and when, the winner;
    keep the winner or restore the other value."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("conflictsDialog")
        self.window_ = window
        self.ctx = window.ctx
        self.setWindowTitle(self.tr("Konflik sinkronisasi"))
        self.rows: list[conflict_service.ConflictRow] = []
        self._reads = LatestReads(self, window.tasks)
        intro = QLabel(
            self.tr(
                "Dua workstation mengubah kolom yang sama. Nilai pemenang sedang dipakai; "
                "nilai lain disimpan di sini. Pilih yang dipertahankan."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("conflictsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Data"),
                self.tr("Kolom"),
                self.tr("Nilai pemenang"),
                self.tr("Oleh / kapan"),
                self.tr("Nilai lain"),
                self.tr("Oleh / kapan"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.keep_button = QPushButton(self.tr("&Pertahankan pemenang"))
        self.keep_button.setObjectName("keepWinnerButton")
        self.restore_button = QPushButton(self.tr("Pulihkan &nilai lain"))
        self.restore_button.setObjectName("restoreOtherButton")
        self.keep_button.clicked.connect(lambda: self.resolve(conflict_service.KEEP_WINNER))
        self.restore_button.clicked.connect(lambda: self.resolve(conflict_service.KEEP_OTHER))
        self.message = QLabel()
        self.message.setObjectName("conflictsMessage")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.keep_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(row)
        may = self.ctx.actor is not None and allowed(self.ctx.actor, Action.RESOLVE_CONFLICTS)
        self.keep_button.setEnabled(may)
        self.restore_button.setEnabled(may)
        fit_window(self, 980, 420)
        window.bus.data_changed.connect(self._data_changed)
        self.refresh()

    def _data_changed(self, tables: frozenset[str], origin: str) -> None:
        if "sync_conflict" in tables and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the open conflicts on the window's worker, then show them (the answer of
        an older read that comes after a newer one is dropped)."""
        lang = _lang()
        db, actor = self.ctx.db, self.ctx.actor

        def read() -> tuple[list[conflict_service.ConflictRow], ValueNames]:
            with db.read() as session:
                return (
                    conflict_service.list_conflicts(session, actor),
                    read_value_names(session, lang),
                )

        def failed(exc: Exception) -> None:
            self.message.setText(
                self.tr("Konflik tidak dapat dibaca: %1").replace("%1", error_text(exc))
            )

        self._reads.run(read, lambda found: self._show(found[0], found[1], lang), failed)

    def _show(self, rows: list[conflict_service.ConflictRow], names: ValueNames, lang: str) -> None:
        self.rows = rows
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            when_w = format_datetime(r.winner_at, lang) if r.winner_at else ""
            when_l = format_datetime(r.loser_at, lang) if r.loser_at else ""
            values = [
                r.record_label,
                field_text(r.field, lang),
                value_text(names, r.table_name, r.field, r.winner_value),
                f"{r.winner_by} · {when_w}",
                value_text(names, r.table_name, r.field, r.loser_value),
                f"{r.loser_by} · {when_l}",
            ]
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        # A long incident title would push both values out of sight: it is cut (its
        # tooltip keeps it whole), the values stay in view.
        for column, widest in ((0, 260), (2, 220), (4, 220)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        if self.rows:
            self.table.selectRow(0)
        self.message.setText(self.tr("Tidak ada konflik.") if not self.rows else "")

    def resolve(self, keep: str) -> None:
        index = self.table.currentRow()
        if index < 0 or index >= len(self.rows) or self.ctx.actor is None:
            return
        conflict = self.rows[index]
        actor = self.ctx.actor
        from desk_app.messages import error_message
        from desk_app.ui.ops import run_op

        def refused(exc: ServiceError) -> None:
            self.message.setText(error_message(exc.code, exc.values, str(exc), _lang()))

        # One write on the window's writer lane; the bus hears what it changed.
        run_op(
            self.window_,
            lambda session: conflict_service.resolve_conflict(session, actor, conflict.id, keep),
            success=lambda _result: self.refresh(),
            failure=refused,
        )


class RefusalsDialog(QDialog):
    """ "Ditolak hub": changes the sync service refused, with its reason. A person sees
    their own; administrators see every one. The records were put back to the hub's
    state; the refused values are kept on this workstation."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("refusalsDialog")
        self.ctx = window.ctx
        self.setWindowTitle(self.tr("Ditolak hub"))
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("refusalsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kapan"),
                self.tr("Data"),
                self.tr("Kolom"),
                self.tr("Alasan"),
                self.tr("Oleh"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        note = QLabel(
            self.tr(
                "Data ini dikembalikan ke isi hub. Nilai yang ditolak tetap tersimpan di "
                "workstation ini."
            )
        )
        note.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        fit_window(self, 760, 360)

    def refresh(self) -> None:
        from desk_app.messages import field_label, hub_rule
        from desk_app.services import refusals

        if self.ctx.actor is None:
            return
        with self.ctx.db.read() as session:
            rows = refusals.list_refusals(session, self.ctx.actor)
        lang = _lang()
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = [
                format_datetime(r.refused_at, lang),
                r.record_label,
                field_label(r.field, lang) if r.field else "—",
                hub_rule(r.rule, r.params, lang),
                r.author or "—",
            ]
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(value))


class HubPasswordDialog(QDialog):
    """The signed-in person's password, once, for the sync service."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hubPasswordDialog")
        self.setWindowTitle(self.tr("Masuk ke hub"))
        text = QLabel(
            self.tr(
                "Anda masuk saat hub tidak terhubung. Ketik kata sandi %1 sekali lagi agar "
                "perubahan Anda dapat dikirim ke hub."
            ).replace("%1", username)
        )
        text.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("hubPasswordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Masuk"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Nanti"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.password)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)


class HubSettingsDialog(QDialog):
    """The sync service's address, "test connection", the interval; saving enrolls this
    workstation, with the signed-in administrator's password checked by the service."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hubSettingsDialog")
        self.controller = controller
        self.setWindowTitle(self.tr("Pengaturan hub"))
        self.url = QLineEdit(controller.settings.url)
        self.url.setObjectName("hubUrlEdit")
        self.url.setPlaceholderText("https://hub.setda.local:8765")
        self.url.setMinimumWidth(460)
        self.interval = QSpinBox()
        self.interval.setObjectName("hubIntervalSpin")
        self.interval.setRange(10, 3600)
        self.interval.setSuffix(self.tr(" detik"))
        self.interval.setValue(controller.settings.interval_s)
        self.password = QLineEdit()
        self.password.setObjectName("hubAdminPasswordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton(self.tr("&Uji koneksi"))
        self.test_button.setObjectName("testHubButton")
        self.test_button.clicked.connect(self.test)
        self.outcome = QLabel()
        self.outcome.setObjectName("hubTestResult")
        self.outcome.setWordWrap(True)
        hint = QLabel(
            self.tr(
                "Alamat layanan sinkronisasi dari administrator (https://…). Menyimpan "
                "mendaftarkan workstation ini di hub dengan kata sandi Anda; kredensialnya "
                "disimpan di keyring sistem, bukan di berkas."
            )
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Alamat hub"), self.url)
        form.addRow(self.tr("Kata sandi Anda"), self.password)
        form.addRow(self.tr("Sinkron otomatis tiap"), self.interval)
        form.addRow("", self.test_button)
        form.addRow("", self.outcome)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            self.tr("&Simpan dan daftarkan")
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def test(self) -> None:
        url = self.url.text().strip()
        self.outcome.setText(self.tr("Menghubungi hub…"))

        def probe() -> str:
            from desk_app.sync.remote import RemoteHub

            hub = RemoteHub(url)
            try:
                hello = hub.hello()
            finally:
                hub.dispose()
            return f"{hello['schema_revision']}|{hello['app_version']}"

        def ok(text: str) -> None:
            revision, version = text.split("|")
            if revision == head_revision():
                self.outcome.setText(
                    self.tr("Terhubung. Hub siap (versi %1).").replace("%1", version)
                )
            else:
                self.outcome.setText(
                    self.tr("Terhubung, tetapi skema hub %1 berbeda dengan aplikasi ini.").replace(
                        "%1", revision
                    )
                )

        def failed(exc: Exception) -> None:
            if isinstance(exc, HubUnavailableError):
                self.outcome.setText(
                    self.tr("Hub tidak dapat dihubungi: %1").replace(
                        "%1", str(exc.values.get("reason", ""))
                    )
                )
            else:
                self.outcome.setText(self.tr("Gagal: %1").replace("%1", str(exc)))

        self.controller.window.tasks.run(probe, ok, failed)

    def save(self) -> None:
        from desk_app.messages import error_message
        from desk_app.sync.remote import check_service_url

        ctx = self.controller.ctx
        url, password, interval = (
            self.url.text().strip(),
            self.password.text(),
            self.interval.value(),
        )
        try:
            url = check_service_url(url)
        except SyncError as exc:
            self.outcome.setText(error_message(exc.code, exc.values, str(exc), _lang()))
            return
        if ctx.actor is None:
            return
        username = ctx.actor.username
        self.outcome.setText(self.tr("Mendaftarkan workstation di hub…"))

        def work() -> hub_settings.HubSettings:
            from desk_app.sync import connection

            workstation = connection.workstation_of(ctx.db, ctx.paths.data_dir)
            remote = connection.enroll(
                ctx.db, workstation, url, username, password, interval_s=interval
            )
            remote.dispose()
            return hub_settings.load(ctx.paths.data_dir)

        def done(saved: hub_settings.HubSettings) -> None:
            self.controller.configure(saved)
            self.accept()

        def failed(exc: Exception) -> None:
            if isinstance(exc, ServiceError):
                self.outcome.setText(error_message(exc.code, exc.values, str(exc), _lang()))
            else:
                self.outcome.setText(self.tr("Gagal: %1").replace("%1", str(exc)))

        self.controller.window.tasks.run(work, done, failed)


class SyncFeature(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.controller = SyncController(window)
        self.status = SyncStatus(self.controller)
        window.add_status_widget(self.status)
        self.status.conflicts_button.clicked.connect(self.open_conflicts)
        self.status.refusals_button.clicked.connect(self.open_refusals)
        self.sync_action = window.command(
            "sync",
            self.tr("&Sinkronkan sekarang"),
            self.controller.sync_requested,
            "F5",
            tip=self.tr("Kirim dan terima perubahan dari hub"),
        )
        self.conflicts_action = window.command(
            "conflicts", self.tr("&Konflik sinkronisasi…"), self.open_conflicts
        )
        self.refusals_action = window.command(
            "refusals", self.tr("&Ditolak hub…"), self.open_refusals
        )
        self.settings_action = window.command(
            "hub_settings", self.tr("Pengaturan &hub…"), self.open_settings
        )
        window.toolbar.addAction(self.sync_action)
        menu = window.menus.get("file")
        if menu is not None:
            menu.addSeparator()
            menu.addAction(self.sync_action)
            menu.addAction(self.conflicts_action)
            menu.addAction(self.refusals_action)
        admin = window.menus.get("admin")
        may_manage = window.ctx.actor is not None and allowed(window.ctx.actor, Action.MANAGE_HUB)
        self.settings_action.setEnabled(may_manage)
        if admin is not None:
            admin.addAction(self.settings_action)
        self.conflicts_dialog: ConflictsDialog | None = None
        self.settings_dialog: HubSettingsDialog | None = None
        self.refusals_dialog: RefusalsDialog | None = None

    def open_refusals(self) -> RefusalsDialog:
        if self.refusals_dialog is None:
            self.refusals_dialog = RefusalsDialog(self.window)
        self.refusals_dialog.refresh()
        self.refusals_dialog.show()
        self.refusals_dialog.raise_()
        return self.refusals_dialog

    def open_conflicts(self) -> ConflictsDialog:
        if self.conflicts_dialog is None:
            self.conflicts_dialog = ConflictsDialog(self.window)
        self.conflicts_dialog.refresh()
        self.conflicts_dialog.show()
        self.conflicts_dialog.raise_()
        return self.conflicts_dialog

    def open_settings(self) -> HubSettingsDialog:
        self.settings_dialog = HubSettingsDialog(self.controller, self.window)
        self.settings_dialog.show()
        return self.settings_dialog


def install(window: MainWindow) -> None:
    window.features.add(SyncFeature(window))
