"""One incident in full: its fields, status buttons, follow-ups, attachments, histories.

Only the transitions the services allow from the current status are offered as buttons;
those only a coordinator may make (verify, invalidate) are disabled for operators. Each
change asks for a note. The history of changes comes from the audit log. Attachment
files are hashed and copied on the window's task runner, so a large photo never
freezes the window; only the quick database write happens on the GUI thread.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.formats import format_datetime
from desk_app.models.enums import IncidentStatus, TaxonomyKind
from desk_app.services import attachments
from desk_app.services import incidents as service
from desk_app.services.attachments import AttachmentView
from desk_app.services.errors import ServiceError
from desk_app.services.incident_history import ChangeView, record_history
from desk_app.services.incidents import COORDINATOR_STATUSES, IncidentDetail
from desk_app.services.permissions import Action, allowed
from desk_app.services.taxonomy import labels, terms
from desk_app.ui.attachments_panel import AttachmentsPanel
from desk_app.ui.bus import DataBus
from desk_app.ui.context import UiContext, ui_context_of
from desk_app.ui.dialogs import Dialogs
from desk_app.ui.form_errors import error_text, field_name
from desk_app.ui.incidents_model import status_colour
from desk_app.ui.labels import SEVERITY_COLOURS, severity_name, status_name
from desk_app.ui.note_dialog import NoteDialog, NoteTextDialog
from desk_app.ui.ops import OpResult, run_op
from desk_app.ui.screen_fit import fit_window
from desk_app.ui.settings import ui_language
from desk_app.ui.tasks import TaskRunner


def status_action_text(status: str) -> str:
    """The button that moves an incident to ``status``."""
    texts = {
        IncidentStatus.TERVERIFIKASI.value: QCoreApplication.translate(
            "IncidentDetail", "Verifikasi"
        ),
        IncidentStatus.TIDAK_VALID.value: QCoreApplication.translate(
            "IncidentDetail", "Tandai tidak valid"
        ),
        IncidentStatus.DITINDAKLANJUTI.value: QCoreApplication.translate(
            "IncidentDetail", "Tindak lanjuti"
        ),
        IncidentStatus.SELESAI.value: QCoreApplication.translate("IncidentDetail", "Selesaikan"),
        IncidentStatus.DIBUKA_KEMBALI.value: QCoreApplication.translate(
            "IncidentDetail", "Buka kembali"
        ),
    }
    return texts.get(status, status_name(status))


def _badge(text: str, colour: Any) -> str:
    return (
        f'<span style="background:{colour.name()}; color:#111; padding:2px 6px;">'
        f"&nbsp;{html.escape(text)}&nbsp;</span>"
    )


def _fields_table(short: list[tuple[str, str]], long: list[tuple[str, str]]) -> str:
    """The fields of an incident as a table: ``short`` ones (name, HTML) two to a row,
    then the ``long`` ones a row each, across."""

    def name(text: str, gap: int = 8) -> str:
        return (
            f"<td style='color:#555; padding-right:8px; padding-left:{gap}px'>"
            f"{html.escape(text)}</td>"
        )

    rows = []
    for i in range(0, len(short), 2):
        cells = name(short[i][0], 0) + f"<td>{short[i][1]}</td>"
        if i + 1 < len(short):
            cells += name(short[i + 1][0], 16) + f"<td>{short[i + 1][1]}</td>"
        rows.append(f"<tr>{cells}</tr>")
    for label, value in long:
        rows.append(f"<tr>{name(label, 0)}<td colspan='3'>{value}</td></tr>")
    return f"<table cellspacing='0' cellpadding='1'>{''.join(rows)}</table>"


class FollowUpDialog(NoteDialog):
    def __init__(self, types: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(types, "followUpType", parent)
        self.setWindowTitle(self.tr("Tambah tindak lanjut"))
        self.note = QPlainTextEdit()
        self.note.setObjectName("followUpNote")
        self.note.setTabChangesFocus(True)
        self.form.addRow(self.tr("Catatan *"), self.note)
        fit_window(self, 480, 260)


class IncidentDetailPane(QWidget):
    """Shows one incident; emits ``changed`` after every write it makes."""

    changed = Signal(object)  # frozenset of table names
    edit_requested = Signal(str)
    open_requested = Signal(str)
    #: An incident's detail is drawn (its id).
    loaded = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        tasks: TaskRunner | None = None,
        bus: DataBus | None = None,
        ui: UiContext | None = None,
        dialogs: Dialogs | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ui = ui
        self._dialogs = dialogs
        self.detail: IncidentDetail | None = None
        #: The incident asked for last: shown, or still being read.
        self.requested_id: str | None = None
        #: How many reads were asked for so far; only the last one's result is drawn.
        self.requests = 0
        # The window's runner and bus; when not handed in, the first ancestor's are used.
        self._tasks = tasks
        self._bus = bus
        self._bus_connected = False
        #: The incident's attachments: a tab of its own.
        self.attachments_panel = AttachmentsPanel(ctx, lambda: self.ui)
        self.attachments_panel.changed.connect(self.changed)
        self.setObjectName("incidentDetail")
        self._lang = ui_language()
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.description = QLabel()
        self.description.setObjectName("description")
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.summary.setOpenExternalLinks(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.status_row = QHBoxLayout()
        self.status_buttons: dict[str, QPushButton] = {}
        self.edit_button = QPushButton(self.tr("&Ubah…"))
        self.edit_button.setObjectName("edit")
        self.edit_button.clicked.connect(self._edit)
        self.merge_button = QPushButton(self.tr("&Gabungkan insiden lain ke sini…"))
        self.merge_button.setObjectName("merge")
        self.merge_button.clicked.connect(self._merge)
        self.follow_button = QPushButton(self.tr("Tambah &tindak lanjut…"))
        self.follow_button.setObjectName("addFollowUp")
        self.follow_button.clicked.connect(self.add_follow_up)
        self.follow_button.setToolTip(self.tr("Tambah tindak lanjut (Ctrl+Shift+T)"))
        self.tabs = QTabWidget()
        self.follow_ups = QTextBrowser()
        self.follow_ups.setObjectName("followUps")
        self.status_history = QTextBrowser()
        self.status_history.setObjectName("statusHistory")
        self.changes = QTextBrowser()
        self.changes.setObjectName("changes")
        self.tabs.addTab(self.follow_ups, self.tr("Tindak lanjut"))
        self.tabs.addTab(
            self.attachments_panel, QCoreApplication.translate("IncidentDetail", "Lampiran")
        )
        self.attachments_panel.title_changed.connect(lambda t: self.tabs.setTabText(1, t))
        self.tabs.addTab(self.status_history, self.tr("Riwayat status"))
        self.tabs.addTab(self.changes, self.tr("Riwayat perubahan"))
        self.placeholder = QLabel(self.tr("Pilih insiden di tabel untuk melihat rinciannya."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        actions = QHBoxLayout()
        actions.addWidget(self.edit_button)
        actions.addWidget(self.follow_button)
        actions.addWidget(self.merge_button)
        actions.addStretch(1)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(4)
        # The title across the whole pane: in the left half it took two lines, and the
        # fields below then needed a scroll bar at 1366×768.
        body.addWidget(self.heading)
        columns = QHBoxLayout()
        columns.setContentsMargins(0, 0, 0, 0)
        info = QVBoxLayout()
        info.setSpacing(4)
        # The fields scroll when the pane is short; the buttons below stay in view.
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.setSpacing(4)
        # The description right under the title: at 1366×768 it shows without scrolling.
        fields_layout.addWidget(self.description)
        fields_layout.addWidget(self.summary)
        fields_layout.addStretch(1)
        self.fields_scroll = QScrollArea()
        self.fields_scroll.setObjectName("detailFields")
        self.fields_scroll.setWidgetResizable(True)
        self.fields_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_scroll.setWidget(fields)
        info.addWidget(self.fields_scroll, 1)
        status_label = QLabel(self.tr("Ubah status:"))
        self.status_row.addWidget(status_label)
        self.status_row.addStretch(1)
        info.addLayout(self.status_row)
        info.addLayout(actions)
        # The fields wider than the follow-ups: a description on fewer lines.
        columns.addLayout(info, 3)
        columns.addWidget(self.tabs, 2)
        body.addLayout(columns, 1)
        self._layout = layout = QVBoxLayout(self)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.body)
        self.body.hide()

    def wanted_height(self) -> int:
        """The height that shows a typical incident whole, without a scroll bar: its title
        on one line, three lines of description, four rows of fields, the status and
        action buttons."""
        title_font = QFont(self.font())
        title_font.setPointSizeF(13)
        title_font.setBold(True)
        title = QFontMetrics(title_font).lineSpacing() + 6  # the badges' padding
        lines = (3 + 4) * (self.fontMetrics().lineSpacing() + 3)
        buttons = 2 * self.edit_button.sizeHint().height()
        margins = self._layout.contentsMargins()
        gaps = 4 * 4  # the spacing of the body's, the info's and the fields' layouts
        return title + lines + buttons + gaps + margins.top() + margins.bottom()

    @property
    def ui(self) -> UiContext:
        """The window's context (handed in, or the first ancestor's); a pane on its own
        gets one of its own, with the runner and bus it was given."""
        if self._ui is None:
            self._ui = ui_context_of(self.parentWidget()) or UiContext(
                self.ctx,
                self._bus or DataBus(),
                self._tasks or TaskRunner(synchronous=True),
                dialogs=self._dialogs or Dialogs(),
            )
        return self._ui

    @property
    def tasks(self) -> TaskRunner:
        return self._tasks or self.ui.tasks

    def _connect_bus(self) -> None:
        """Refresh the list when a sync brings attachment rows or files."""
        if self._bus_connected:
            return
        self.ui.bus.data_changed.connect(self._on_data_changed)
        self._bus_connected = True

    def _on_data_changed(self, tables: frozenset[str], origin: str) -> None:
        if "incident_attachment" in tables and self.detail is not None:
            self.attachments_panel.refresh_attachments()

    # -- showing -------------------------------------------------------------------------

    def clear(self) -> None:
        self.detail = None
        self.requested_id = None
        self.requests += 1  # a read still under way is no longer wanted
        self.body.hide()
        self.placeholder.show()

    def show_incident(self, incident_id: str) -> None:
        """Show ``incident_id``: read on the worker, drawn here when it arrives. The
        incident shown so far stays until then; of quick successive requests (a person
        walking down the table with the arrow key) only the last one is drawn."""
        actor = self.ctx.actor
        assert actor is not None
        lang = ui_language()
        self.requested_id = incident_id
        self.requests += 1
        load = self.requests
        ctx, store = self.ctx, self.attachments_panel.store

        def read() -> tuple[Any, ...]:
            with ctx.db.read() as s:
                detail = service.get_incident(s, actor, incident_id)
                history = record_history(
                    s, "incident", incident_id, masked=not actor.sees_personal_data
                )
                files = attachments.list_attachments(s, store, incident_id)
                names = {
                    "category": labels(s, TaxonomyKind.INCIDENT_CATEGORY, lang),
                    "source": labels(s, TaxonomyKind.SOURCE_TYPE, lang),
                    "platform": labels(s, TaxonomyKind.PLATFORM, lang),
                    "subject": labels(s, TaxonomyKind.NEUTRALITY_SUBJECT, lang),
                    "follow": labels(s, TaxonomyKind.FOLLOW_UP_TYPE, lang),
                }
            return detail, history, files, names, lang

        def failed(exc: Exception) -> None:
            if load != self.requests:
                return
            if not isinstance(exc, ServiceError):
                raise exc
            self.clear()  # gone meanwhile (deleted, merged away)

        self.tasks.run(read, lambda result: self._loaded(load, *result), failed)

    def _loaded(
        self,
        load: int,
        detail: IncidentDetail,
        history: Any,
        files: list[AttachmentView],
        names: dict[str, dict[str, str]],
        lang: str,
    ) -> None:
        if load != self.requests:  # another incident was asked for meanwhile
            return
        self._lang = lang
        self._names = names
        self.detail = detail
        self._render(detail, history)
        self.attachments_panel.show_files(detail.id, detail.ref, files, lang)
        self.placeholder.hide()
        self.body.show()
        self._connect_bus()
        self.loaded.emit(detail.id)

    def _texts(self) -> dict[str, str]:
        return {
            "Tautan": self.tr("Tautan"),
            "Sumber digabung": self.tr("Sumber digabung"),
            "Belum ada tindak lanjut.": self.tr("Belum ada tindak lanjut."),
            "Belum ada perubahan status.": self.tr("Belum ada perubahan status."),
        }

    def _render(self, d: IncidentDetail, history: list[ChangeView]) -> None:
        t = self._texts()
        lang = self._lang
        n = self._names
        esc = html.escape
        # The badges on the title's line (it has the pane's width): a line of their own
        # cost the fields below their room.
        self.heading.setText(
            f"<b style='font-size:13pt'>{esc(d.ref)} · {esc(d.title)}</b>&nbsp; "
            + _badge(severity_name(d.severity), SEVERITY_COLOURS.get(d.severity, status_colour("")))
            + " "
            + _badge(status_name(d.status), status_colour(d.status))
        )
        # Short fields two to a row, long ones (place, links) across: one field a row
        # took eight rows, and the pane a scroll bar at 1366×768.
        short = [
            (self.tr("Waktu kejadian"), esc(format_datetime(d.occurred_at, lang))),
            (self.tr("Waktu laporan"), esc(format_datetime(d.reported_at, lang))),
            (self.tr("Kategori"), esc(n["category"].get(d.category, d.category))),
        ]
        source = n["source"].get(d.source_type, d.source_type)
        if d.platform:
            source += f" · {n['platform'].get(d.platform, d.platform)}"
        short.append((self.tr("Sumber"), esc(source)))
        if d.neutrality_subject:
            subject = n["subject"].get(d.neutrality_subject, d.neutrality_subject)
            short.append((self.tr("Subjek netralitas"), esc(subject)))
        short.append((self.tr("Petugas"), esc(d.assignee or self.tr("belum ditugaskan"))))
        if d.reporter_name or d.reporter_contact:
            reporter = " · ".join(p for p in (d.reporter_name, d.reporter_contact) if p)
            short.append((self.tr("Pelapor"), esc(reporter)))
        place = ", ".join(p for p in (d.desa, d.kecamatan, d.region_name) if p)
        long = [(self.tr("Lokasi"), esc(place))]
        if d.link:
            long.append((t["Tautan"], f"<a href='{esc(d.link, quote=True)}'>{esc(d.link)}</a>"))
        long += [(t["Sumber digabung"], f"{esc(ref)} {esc(link)}") for ref, link in d.sources]
        self.description.setText(d.description)
        self.description.setVisible(bool(d.description.strip()))
        self.summary.setText(_fields_table(short, long))
        self._status_buttons(d)
        self.follow_ups.setHtml(self._follow_ups_html(d))
        self.status_history.setHtml(self._status_html(d))
        self.changes.setHtml(self._changes_html(history))
        actor = self.ctx.actor
        assert actor is not None
        self.edit_button.setEnabled(allowed(actor, Action.EDIT_INCIDENT))
        self.follow_button.setEnabled(allowed(actor, Action.ADD_FOLLOW_UP))
        self.merge_button.setEnabled(allowed(actor, Action.MERGE_INCIDENTS))

    def _status_buttons(self, d: IncidentDetail) -> None:
        for button in self.status_buttons.values():
            self.status_row.removeWidget(button)
            button.deleteLater()
        self.status_buttons = {}
        actor = self.ctx.actor
        assert actor is not None
        for i, status in enumerate(d.allowed_transitions):
            button = QPushButton(status_action_text(status))
            button.setObjectName(f"status_{status}")
            needs = (
                Action.VERIFY_INCIDENT if status in COORDINATOR_STATUSES else Action.CHANGE_STATUS
            )
            if not allowed(actor, needs):
                button.setEnabled(False)
                button.setToolTip(self.tr("Hanya koordinator yang dapat mengubah ke status ini."))
            elif status == IncidentStatus.TERVERIFIKASI.value:
                button.setToolTip(self.tr("Verifikasi, dengan catatan (Ctrl+Shift+V)"))
            button.clicked.connect(lambda _=False, s=status: self.change_status(s))
            self.status_row.insertWidget(1 + i, button)
            self.status_buttons[status] = button

    def _follow_ups_html(self, d: IncidentDetail) -> str:
        t = self._texts()
        if not d.follow_ups:
            return f"<p style='color:#555'>{html.escape(t['Belum ada tindak lanjut.'])}</p>"
        parts = []
        for f in reversed(d.follow_ups):
            kind = self._names["follow"].get(f.type, f.type)
            source = f" ({html.escape(f.incident_ref)})" if f.incident_ref != d.ref else ""
            parts.append(
                f"<p><b>{html.escape(format_datetime(f.at, self._lang))}</b> · "
                f"{html.escape(kind)} · {html.escape(f.by or '-')}{source}<br>"
                f"{html.escape(f.note).replace(chr(10), '<br>')}</p>"
            )
        return "".join(parts)

    def _status_html(self, d: IncidentDetail) -> str:
        t = self._texts()
        if not d.status_history:
            return f"<p style='color:#555'>{html.escape(t['Belum ada perubahan status.'])}</p>"
        parts = []
        for h in reversed(d.status_history):
            parts.append(
                f"<p><b>{html.escape(format_datetime(h.at, self._lang))}</b> · "
                f"{html.escape(status_name(h.from_status))} → "
                f"{html.escape(status_name(h.to_status))} · {html.escape(h.by or '-')}<br>"
                f"{html.escape(h.note)}</p>"
            )
        return "".join(parts)

    def _changes_html(self, history: list[ChangeView]) -> str:
        actions = {
            "create": self.tr("dibuat"),
            "update": self.tr("diubah"),
            "delete": self.tr("dihapus"),
        }
        parts = []
        for h in reversed(history):
            items = "".join(
                f"<li>{html.escape(field_name(k))}: {html.escape(_short(self._value(k, old)))}"
                f" → {html.escape(_short(self._value(k, new)))}</li>"
                for k, (old, new) in h.changes.items()
                if h.action != "create"
            )
            parts.append(
                f"<p><b>{html.escape(format_datetime(h.at, self._lang))}</b> · "
                f"{html.escape(actions.get(h.action, h.action))} · {html.escape(h.by or '-')}"
                f"{'<ul>' + items + '</ul>' if items else ''}</p>"
            )
        return "".join(parts)

    #: History fields whose values are taxonomy codes: the name list that names them.
    _CODED = {
        "category": "category",
        "source_type": "source",
        "platform": "platform",
        "neutrality_subject": "subject",
    }

    def _value(self, field: str, value: Any) -> Any:
        """A value of the change history as a person reads it: names, not codes."""
        if value in (None, ""):
            return value
        if field in self._CODED:
            return self._names[self._CODED[field]].get(str(value), value)
        if field == "status":
            return status_name(str(value))
        if field == "severity" and isinstance(value, int):
            return severity_name(value)
        if isinstance(value, bool):
            return self.tr("Ya") if value else self.tr("Tidak")
        if field in ("occurred_at", "reported_at") and isinstance(value, str):
            try:
                return format_datetime(datetime.fromisoformat(value), self._lang)
            except ValueError:
                return value
        return value

    # -- actions -------------------------------------------------------------------------

    def _edit(self) -> None:
        if self.detail is not None:
            self.edit_requested.emit(self.detail.id)

    def change_status(self, status: str) -> None:
        if self.detail is None:
            return
        dialog = NoteTextDialog(
            status_action_text(status),
            self.tr("Catatan untuk perubahan status ke “{0}” (wajib):").format(status_name(status)),
            self,
        )
        actor, incident_id = self._actor(), self.detail.id

        def unit(note: str) -> Callable[[Any], object]:
            return lambda s: service.change_status(s, actor, incident_id, status, note)

        def refused(exc: ServiceError) -> None:
            # A refused note is shown in the dialog itself (record_op); this is the rest.
            self._warn(error_text(exc), self.tr("Status tidak dapat diubah"))

        dialog.record_op(self, unit, self._after_write, refused)

    def add_follow_up(self) -> None:
        if self.detail is None:
            return
        with self.ctx.db.read() as s:
            types = [(t.code, t.label(self._lang)) for t in terms(s, TaxonomyKind.FOLLOW_UP_TYPE)]
        dialog = FollowUpDialog(types, self)
        actor, incident_id = self._actor(), self.detail.id

        def unit() -> Callable[[Any], object]:
            type_code, note = dialog.type.code(), dialog.note.toPlainText()
            return lambda s: service.add_follow_up(s, actor, incident_id, type_code, note)

        dialog.record_op(
            self,
            unit,
            self._after_write,
            lambda exc: self._warn(error_text(exc), self.tr("Tindak lanjut tidak dapat disimpan")),
        )

    def _merge(self) -> None:
        """Pick the incident to fold into the one shown (likely duplicates first)."""
        if self.detail is None:
            return
        from desk_app.ui.merge_dialog import MergeDialog

        dialog = MergeDialog(self.ctx, self.tasks, self.detail, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.selected_id:
            self.merge_with(dialog.selected_id)

    def merge_with(self, other_id: str) -> bool:
        """Fold the incident ``other_id`` into the one shown (a source of it)."""
        if self.detail is None:
            return False
        actor, keep_id = self._actor(), self.detail.id
        op = run_op(
            self,
            lambda s: service.merge_incidents(s, actor, keep_id, other_id),
            success=self._after_write,
            failure=lambda exc: self._warn(
                error_text(exc), self.tr("Insiden tidak dapat digabung")
            ),
        )
        return bool(op.succeeded)

    def _after_write(self, result: OpResult[Any]) -> None:
        if self.detail is not None:
            self.show_incident(self.detail.id)
        self.changed.emit(result.changes.tables)

    def _actor(self) -> Any:
        assert self.ctx.actor is not None
        return self.ctx.actor

    def _warn(self, text: str, title: str) -> None:
        """A box whose title says what failed, the text why."""
        self.ui.dialogs.warn(self, title, text)


def _short(value: Any) -> str:
    text = "—" if value in (None, "", [], {}) else str(value)
    return text if len(text) <= 80 else text[:77] + "…"
