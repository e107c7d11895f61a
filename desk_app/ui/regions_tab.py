"""Wilayah: the 35 kabupaten/kota as a map and a table, and one region's detail.

The board's figures come from ``services.regions.board`` on the worker (over a million
incidents the grouped counts take a few hundred milliseconds); the tab refreshes when
``bus.data_changed`` names a table it shows (behind another tab: once it is shown).
Coordinators and administrators change a region's alert level with a reason; everyone
else sees the action disabled, and the service refuses them too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.db import Database
from desk_app.formats import format_datetime, format_number
from desk_app.models import utcnow
from desk_app.models.enums import AlertLevel, TaxonomyKind
from desk_app.services import regions, taxonomy
from desk_app.services.actor import Actor
from desk_app.services.errors import PermissionDeniedError, ServiceError, ValidationError
from desk_app.services.permissions import Action, allowed
from desk_app.ui.bus import DataBus
from desk_app.ui.context import UiContext
from desk_app.ui.form_errors import ErrorLabel, error_text
from desk_app.ui.labels import (
    SEVERITY_COLOURS,
    alert_colour,
    alert_level_meaning,
    alert_level_name,
    alert_text_colour,
    ikp_level_name,
    severity_name,
    short_region_name,
    status_name,
)
from desk_app.ui.ops import OpResult, run_op
from desk_app.ui.record_model import Column, RecordTableModel, record_table_view
from desk_app.ui.region_map import AlertLegend, MapRegion, RegionMap
from desk_app.ui.screen_fit import fit_window
from desk_app.ui.settings import Settings, ui_language
from desk_app.ui.shown_refresh import RefreshWhenShown
from desk_app.ui.table_keys import open_on_enter
from desk_app.ui.tasks import LatestReads, TaskRunner

if TYPE_CHECKING:
    # Used on the worker only (a region's detail): not loaded to open the tab.
    from desk_app.services import contacts, incidents

#: Tables whose changes the board shows.
#: What changing a region's level comes to: None once written, else the messages to show
#: (by field, or one for the whole dialog).
LevelOutcome = dict[str, str] | str | None

WATCHED_TABLES = frozenset({"region", "alert_level_change", "incident", "contact", "user_account"})


@dataclass(frozen=True)
class RegionDetail:
    code: str
    history: tuple[regions.AlertLevelChangeView, ...]
    incidents: tuple[incidents.IncidentRow, ...]
    incident_count: int
    contacts: tuple[contacts.ContactRow, ...]
    category_labels: dict[str, str]
    contact_category_labels: dict[str, str]


def load_board(db: Database, now: datetime) -> list[regions.RegionRow]:
    """Runs on the worker."""
    with db.read() as session:
        return regions.board(session, now)


def load_detail(db: Database, actor: Actor | None, code: str, lang: str) -> RegionDetail:
    """Runs on the worker: a region's history, latest incidents and contacts."""
    from desk_app.services import contacts, incidents

    flt = incidents.IncidentFilter(region_codes=(code,))
    with db.read() as session:
        contact_rows: list[contacts.ContactRow] = []
        if actor is not None:
            contact_rows = contacts.list_contacts(
                session, actor, contacts.ContactFilter(region_code=code), limit=500
            )
        return RegionDetail(
            code=code,
            history=tuple(regions.level_history(session, code)),
            incidents=tuple(incidents.list_incidents(session, flt, limit=200)),
            incident_count=incidents.count_incidents(session, flt),
            contacts=tuple(contact_rows),
            category_labels=taxonomy.labels(session, TaxonomyKind.INCIDENT_CATEGORY, lang),
            contact_category_labels=taxonomy.labels(session, TaxonomyKind.CONTACT_CATEGORY, lang),
        )


def _when(moment: datetime | None) -> str:
    return format_datetime(moment, ui_language()) if moment else "—"


def _number(value: int) -> str:
    return format_number(value, ui_language())


class RegionBoardModel(RecordTableModel[regions.RegionRow]):
    """The 35 regions; one column per figure of the board."""

    CODE, NAME, LEVEL, IKP, OPEN_TOTAL, SEV4, SEV3, SEV2, SEV1, LAST_24H, LAST, LIAISON = range(12)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([], key=lambda r: r.code, parent=parent)
        self._columns = self._board_columns()

    def _board_columns(self) -> list[Column[regions.RegionRow]]:
        def open_tip(severity: int) -> str:
            return self.tr("Insiden terbuka dengan keparahan %1").replace(
                "%1", severity_name(severity)
            )

        def severity_column(severity: int) -> Column[regions.RegionRow]:
            def count(r: regions.RegionRow) -> int:
                return r.open_by_severity[severity - 1]

            return Column(
                severity_name(severity),
                lambda r: _number(count(r)) if count(r) else "",
                sort_key=count,
                header_tooltip=open_tip(severity),
                background=lambda r: SEVERITY_COLOURS[severity].lighter(140) if count(r) else None,
                align_right=True,
            )

        columns: list[Column[regions.RegionRow]] = [
            Column(self.tr("Kode"), lambda r: r.code),
            Column(
                self.tr("Kabupaten/Kota"),
                lambda r: short_region_name(r.name),
                sort_key=lambda r: r.name,
                tooltip=lambda r: f"{r.name} ({r.seat})",
            ),
            Column(
                self.tr("Tingkat siaga"),
                lambda r: alert_level_name(r.alert_level),
                sort_key=lambda r: _level_rank(r.alert_level),
                tooltip=lambda r: alert_level_meaning(r.alert_level),
                background=lambda r: alert_colour(r.alert_level),
                foreground=lambda r: alert_text_colour(r.alert_level),
            ),
            Column(
                self.tr("IKP 2024"),
                lambda r: _ikp_text(r),
                sort_key=lambda r: r.ikp_score,
                header_tooltip=self.tr("Indeks Kerawanan Pemilu 2024 (Bawaslu): tingkat dan skor"),
            ),
            Column(
                self.tr("Terbuka"),
                lambda r: _number(r.open_total),
                sort_key=lambda r: r.open_total,
                header_tooltip=self.tr("Semua insiden yang masih terbuka"),
                align_right=True,
            ),
            severity_column(4),
            severity_column(3),
            severity_column(2),
            severity_column(1),
            Column(
                self.tr("24 jam"),
                lambda r: _number(r.last_24h),
                sort_key=lambda r: r.last_24h,
                header_tooltip=self.tr("Insiden dalam 24 jam terakhir"),
                align_right=True,
            ),
            Column(
                self.tr("Insiden terakhir"),
                lambda r: _when(r.last_incident_at),
                sort_key=lambda r: r.last_incident_at,
                header_tooltip=self.tr("Waktu insiden terakhir (WIB)"),
            ),
            Column(self.tr("Penghubung"), lambda r: r.liaison or "—"),
        ]
        return columns


def _level_rank(level: str) -> int:
    try:
        return AlertLevel(level).rank
    except ValueError:
        return -1


def _ikp_text(row: regions.RegionRow) -> str:
    if row.ikp_score is None:
        return ikp_level_name(row.ikp_level)
    score = format_number(row.ikp_score, ui_language(), decimals=2)
    return f"{ikp_level_name(row.ikp_level)} ({score})"


class AlertLevelDialog(QDialog):
    """Choose a region's new alert level and say why (the reason is required)."""

    def __init__(
        self,
        row: regions.RegionRow,
        submit: Callable[[str, str, Callable[[LevelOutcome], None]], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("alertLevelDialog")
        self.setWindowTitle(self.tr("Ubah tingkat siaga"))
        self._submit = submit
        self.region_label = QLabel(f"<b>{row.code} {row.name}</b>")
        self.current_label = QLabel(alert_level_name(row.alert_level))
        self.level_combo = QComboBox()
        self.level_combo.setObjectName("levelCombo")
        for level in AlertLevel:
            self.level_combo.addItem(
                f"{alert_level_name(level.value)} — {alert_level_meaning(level.value)}",
                level.value,
            )
            self.level_combo.setItemData(
                self.level_combo.count() - 1,
                alert_colour(level.value),
                Qt.ItemDataRole.DecorationRole,
            )
        # Start at the current level: the coordinator chooses the change, the dialog does
        # not suggest one (a hasty Enter must never raise a region a step).
        current = self.level_combo.findData(row.alert_level)
        self.level_combo.setCurrentIndex(max(current, 0))
        self.level_error = ErrorLabel("levelError")
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(
            self.tr("Misalnya: bentrok antarpendukung di Kec. Tembalang, 3 orang luka")
        )
        self.reason_edit.setMinimumHeight(90)
        self.reason_error = ErrorLabel("reasonError")
        self.general_error = ErrorLabel("generalError")

        form = QFormLayout()
        form.addRow(self.tr("Wilayah:"), self.region_label)
        form.addRow(self.tr("Tingkat sekarang:"), self.current_label)
        level_box = QVBoxLayout()
        level_box.addWidget(self.level_combo)
        level_box.addWidget(self.level_error)
        form.addRow(self.tr("Tingkat &baru:"), level_box)
        reason_box = QVBoxLayout()
        reason_box.addWidget(self.reason_edit)
        reason_box.addWidget(self.reason_error)
        form.addRow(self.tr("&Alasan (wajib):"), reason_box)
        label = form.labelForField(level_box)
        if isinstance(label, QLabel):
            label.setBuddy(self.level_combo)
        label = form.labelForField(reason_box)
        if isinstance(label, QLabel):
            label.setBuddy(self.reason_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        fit_window(self, 520, 320)
        self.level_combo.setFocus()

    def accept(self) -> None:
        for label in (self.level_error, self.reason_error, self.general_error):
            label.show_error("")
        reason = self.reason_edit.toPlainText()
        if not reason.strip():
            self._show(self.reason_error, self.tr("Alasan wajib diisi."))
            self.reason_edit.setFocus()
            return
        self.buttons.setEnabled(False)  # until the write is back
        self._submit(str(self.level_combo.currentData()), reason, self._submitted)

    def _submitted(self, result: LevelOutcome) -> None:
        self.buttons.setEnabled(True)
        if result is None:
            super().accept()
            return
        if isinstance(result, str):
            self._show(self.general_error, result)
            return
        for fieldname, message in result.items():
            target = {"reason": self.reason_error, "level": self.level_error}.get(
                fieldname, self.general_error
            )
            self._show(target, message)

    @staticmethod
    def _show(label: ErrorLabel, text: str) -> None:
        label.show_error(text)


#: The reason's column in a region's alert-level history, and its least width (pixels).
HISTORY_REASON_COLUMN = 2
REASON_MIN_WIDTH = 160


class RegionDetailPanel(QWidget):
    """One region: its figures, alert-level history, incidents and contacts."""

    incident_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("regionDetail")
        self.title = QLabel(self.tr("Pilih wilayah di peta atau tabel."))
        self.title.setObjectName("regionTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.level_value = QLabel("—")
        self.level_value.setObjectName("regionLevel")
        self.level_value.setMargin(3)
        self.ikp_value = QLabel("—")
        self.liaison_value = QLabel("—")
        self.liaison_value.setWordWrap(True)
        self.note_value = QLabel("—")
        self.note_value.setWordWrap(True)
        self.open_value = QLabel("—")
        self.open_value.setWordWrap(True)
        self.change_button = QToolButton()
        self.change_button.setObjectName("changeLevelButton")
        self.change_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # The fields in as few lines as they read well in: the lists below need the height
        # in a window maximized on a 1366×768 screen (one row of the history showed). The
        # button beside the region's name (beside the level the panel grew wider than the
        # board leaves it); the IKP and the liaison, both short, share a line.
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.change_button, 0, Qt.AlignmentFlag.AlignTop)
        level_row = QHBoxLayout()
        level_row.addWidget(self.level_value)
        level_row.addStretch(1)
        form = QGridLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(3)
        form.setColumnStretch(3, 1)
        top_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop

        def field_label(text: str) -> QLabel:
            label = QLabel(text)
            label.setAlignment(top_left)
            return label

        form.addWidget(field_label(self.tr("Tingkat siaga:")), 0, 0, Qt.AlignmentFlag.AlignVCenter)
        form.addLayout(level_row, 0, 1, 1, 3)
        form.addWidget(field_label(self.tr("IKP 2024:")), 1, 0, top_left)
        form.addWidget(self.ikp_value, 1, 1, top_left)
        liaison_label = field_label(self.tr("Penghubung:"))
        liaison_label.setContentsMargins(12, 0, 0, 0)
        form.addWidget(liaison_label, 1, 2, top_left)
        form.addWidget(self.liaison_value, 1, 3, top_left)
        form.addWidget(field_label(self.tr("Insiden terbuka:")), 2, 0, top_left)
        form.addWidget(self.open_value, 2, 1, 1, 3)
        form.addWidget(field_label(self.tr("Catatan:")), 3, 0, top_left)
        form.addWidget(self.note_value, 3, 1, 1, 3)

        self.history_model: RecordTableModel[regions.AlertLevelChangeView] = RecordTableModel(
            [
                # When, to what and why first: the panel is narrow at 1366×768.
                Column(self.tr("Waktu"), lambda h: _when(h.at), sort_key=lambda h: h.at),
                Column(
                    self.tr("Ke"),
                    lambda h: alert_level_name(h.to_level),
                    sort_key=lambda h: _level_rank(h.to_level),
                    background=lambda h: alert_colour(h.to_level),
                    foreground=lambda h: alert_text_colour(h.to_level),
                ),
                Column(self.tr("Alasan"), lambda h: h.reason, tooltip=lambda h: h.reason),
                Column(self.tr("Oleh"), lambda h: h.by or "—"),
                Column(
                    self.tr("Dari"),
                    lambda h: alert_level_name(h.from_level),
                    sort_key=lambda h: _level_rank(h.from_level),
                ),
            ],
            key=lambda h: f"{h.at.isoformat()}|{h.to_level}|{h.reason}",
            parent=self,
        )
        self._category_labels: dict[str, str] = {}
        self._contact_labels: dict[str, str] = {}
        self.incident_model: RecordTableModel[incidents.IncidentRow] = RecordTableModel(
            [
                Column(self.tr("Nomor"), lambda i: i.ref),
                Column(self.tr("Judul"), lambda i: i.title, tooltip=lambda i: i.title),
                Column(
                    self.tr("Waktu"),
                    lambda i: _when(i.occurred_at),
                    sort_key=lambda i: i.occurred_at,
                ),
                Column(
                    self.tr("Keparahan"),
                    lambda i: severity_name(i.severity),
                    sort_key=lambda i: i.severity,
                    background=lambda i: SEVERITY_COLOURS.get(i.severity),
                ),
                Column(self.tr("Status"), lambda i: status_name(i.status)),
                Column(
                    self.tr("Kategori"),
                    lambda i: self._category_labels.get(i.category, i.category),
                ),
            ],
            key=lambda i: i.id,
            parent=self,
        )
        self.contact_model: RecordTableModel[contacts.ContactRow] = RecordTableModel(
            [
                Column(self.tr("Nama"), lambda c: c.display_name),
                Column(self.tr("Telepon"), lambda c: ", ".join(c.phones)),
                Column(self.tr("Jabatan"), lambda c: c.position),
                Column(self.tr("Organisasi"), lambda c: c.organisation),
                Column(
                    self.tr("Kategori"),
                    lambda c: self._contact_labels.get(c.category, c.category),
                ),
            ],
            key=lambda c: c.id,
            parent=self,
        )
        self.history_view = record_table_view(self.history_model, "historyTable")
        # The reason is what the desk reads here: it takes the rest of the width after the
        # time and the level, on as many lines as it needs (cut at 260 pixels, its end
        # was off the edge); who and the level before follow it, to the right.
        self.history_view.setWordWrap(True)
        self.history_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        # A long reason makes a row taller than the list: scrolled by the pixel, not by
        # the row, its end can be read too.
        self.history_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.history_view.viewport().installEventFilter(self)
        self.incident_view = record_table_view(self.incident_model, "regionIncidentsTable")
        self.incident_view.setToolTip(
            self.tr("Klik dua kali atau tekan Enter untuk membuka insiden.")
        )
        # "activated" is a double-click or Enter (a single click where the desktop says so).
        self.incident_view.activated.connect(self._open_incident)
        # Newest first: the last change and the latest incident are what the desk asks about.
        self.history_view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.incident_view.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)
        self.contact_view = record_table_view(self.contact_model, "regionContactsTable")
        self.lists = QTabWidget()
        self.lists.setObjectName("regionDetailTabs")
        self.lists.addTab(self.history_view, self.tr("Riwayat siaga"))
        self.lists.addTab(self.incident_view, self.tr("Insiden"))
        self.lists.addTab(self.contact_view, self.tr("Kontak"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addLayout(title_row)
        layout.addLayout(form)
        layout.addWidget(self.lists, 1)

    def show_row(self, row: regions.RegionRow | None) -> None:
        if row is None:
            self.title.setText(self.tr("Pilih wilayah di peta atau tabel."))
            for label in (self.level_value, self.ikp_value, self.open_value):
                label.setText("—")
            self.level_value.setStyleSheet("")
            return
        self.title.setText(f"{row.code} {row.name}")
        colour = alert_colour(row.alert_level)
        text = alert_text_colour(row.alert_level)
        self.level_value.setText(
            f"{alert_level_name(row.alert_level)} — {alert_level_meaning(row.alert_level)}"
        )
        self.level_value.setStyleSheet(
            f"background: {colour.name()}; color: {text.name()}; font-weight: bold;"
            "border: 1px solid #333; border-radius: 3px;"
        )
        self.ikp_value.setText(_ikp_text(row))
        parts = [
            f"{severity_name(sev)} {_number(row.open_by_severity[sev - 1])}" for sev in (4, 3, 2, 1)
        ]
        self.open_value.setText(
            self.tr("%1 (%2); %3 dalam 24 jam")
            .replace("%1", _number(row.open_total))
            .replace("%2", ", ".join(parts))
            .replace("%3", _number(row.last_24h))
        )
        self.liaison_value.setText(row.liaison or "—")
        self.note_value.setText(row.status_note or "—")

    def show_detail(self, detail: RegionDetail) -> None:
        self._category_labels = detail.category_labels
        self._contact_labels = detail.contact_category_labels
        self.history_model.set_records(detail.history)
        self.incident_model.set_records(detail.incidents)
        self.contact_model.set_records(detail.contacts)
        for view in (self.history_view, self.incident_view, self.contact_view):
            _fit(view)
        self._fit_reason()
        shown = len(detail.incidents)
        incident_title = self.tr("Insiden (%1)").replace("%1", _number(detail.incident_count))
        incident_tip = ""
        if detail.incident_count > shown:
            incident_tip = (
                self.tr("Menampilkan %1 insiden terbaru dari %2; semuanya ada di tab Insiden.")
                .replace("%1", _number(shown))
                .replace("%2", _number(detail.incident_count))
            )
        self.lists.setTabToolTip(1, incident_tip)
        self.lists.setTabText(
            0, self.tr("Riwayat siaga (%1)").replace("%1", _number(len(detail.history)))
        )
        self.lists.setTabText(1, incident_title)
        self.lists.setTabText(
            2, self.tr("Kontak (%1)").replace("%1", _number(len(detail.contacts)))
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.history_view.viewport():
            self._fit_reason()
        return super().eventFilter(watched, event)

    def _fit_reason(self) -> None:
        """The reason column as wide as the history's width left after the columns
        before it (at least ``REASON_MIN_WIDTH``)."""
        view = self.history_view
        before = sum(view.columnWidth(c) for c in range(HISTORY_REASON_COLUMN))
        width = max(REASON_MIN_WIDTH, view.viewport().width() - before)
        if view.columnWidth(HISTORY_REASON_COLUMN) != width:
            view.setColumnWidth(HISTORY_REASON_COLUMN, width)

    def clear_lists(self) -> None:
        for model in (self.history_model, self.incident_model, self.contact_model):
            model.set_records([])

    def focus_incidents(self) -> None:
        """Show the region's incidents and put the keyboard on the first (or current)."""
        self.lists.setCurrentWidget(self.incident_view)
        if not self.incident_view.currentIndex().isValid() and self.incident_model.rowCount():
            self.incident_view.setCurrentIndex(self.incident_model.index(0, 0))
            self.incident_view.selectRow(0)
        self.incident_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_incident(self, index: QModelIndex) -> None:
        if index.isValid():
            self.incident_activated.emit(self.incident_model.record(index.row()).id)


def _fit(view: QTableView, widest: int = 260) -> None:
    """Columns as wide as their contents, none wider than ``widest`` pixels."""
    view.resizeColumnsToContents()
    for column in range(view.model().columnCount()):
        view.setColumnWidth(column, min(view.columnWidth(column), widest))


class RegionsTab(QWidget):
    """The Wilayah tab."""

    #: An incident the user wants to open (the window switches to the Insiden tab).
    incident_activated = Signal(str)
    #: The board finished loading (tests and the screenshot wait for it).
    board_loaded = Signal()

    def __init__(
        self,
        ctx: AppContext,
        bus: DataBus,
        tasks: TaskRunner,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.setObjectName("regionsTab")
        self.ctx = ctx
        self.bus = bus
        self.tasks = tasks
        self.settings = settings
        self.ui = UiContext(ctx, bus, tasks, settings, clock)
        self._board_reads = LatestReads(self, tasks)
        self._detail_reads = LatestReads(self, tasks)
        self._selected: str | None = None
        self._fit_columns = False

        self.model = RegionBoardModel(self)
        self.table = record_table_view(self.model, "regionsTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._table_row_changed)
        # Enter (or a double-click) on a region goes into its list of incidents, where
        # Enter again opens one.
        self.table.doubleClicked.connect(self.open_region_incidents)
        open_on_enter(self.table, self.open_region_incidents)
        self.map = RegionMap()
        self.map.region_clicked.connect(self.select_region)
        self.map.setToolTip("")
        self.legend = AlertLegend()
        self.detail = RegionDetailPanel()
        self.detail.incident_activated.connect(self.incident_activated)

        self.change_level_action = QAction(self.tr("Ubah tingkat &siaga…"), self)
        self.change_level_action.setObjectName("changeLevelAction")
        self.change_level_action.setShortcut(QKeySequence("Ctrl+T"))
        self.change_level_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.change_level_action.triggered.connect(self.open_level_dialog)
        self.addAction(self.change_level_action)
        self.detail.change_button.setDefaultAction(self.change_level_action)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.map, 1)
        top_layout.addWidget(self.legend)
        self.lower_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.lower_splitter.setObjectName("regionsLowerSplitter")
        self.lower_splitter.addWidget(self.table)
        self.lower_splitter.addWidget(self.detail)
        self.lower_splitter.setStretchFactor(0, 3)
        self.lower_splitter.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("regionsSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.lower_splitter)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)
        self.setTabOrder(self.map, self.table)
        self.setTabOrder(self.table, self.detail.change_button)

        self._update_actions()
        #: Changes while another tab is on show wait until this one is shown.
        self.refresher = RefreshWhenShown(self, self.refresh)
        bus.data_changed.connect(self._data_changed)
        self.refresh()

    # -- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        db, now = self.ctx.db, self.clock()
        self._board_reads.run(lambda: load_board(db, now), self._board_ready, self._load_failed)

    def _board_ready(self, rows: list[regions.RegionRow]) -> None:
        self.model.set_records(rows)
        if self._fit_columns and rows:
            # First start: columns as wide as their contents; afterwards as the user left them.
            self._fit_columns = False
            self.table.resizeColumnsToContents()
        self.map.set_regions([MapRegion(r.code, r.name, r.lat, r.lon, r.alert_level) for r in rows])
        if self._selected is None:
            remembered = str(self.settings.value("regions/selected", "") or "")
            if remembered and self.model.row_of(remembered) >= 0:
                self.select_region(remembered)
        else:
            self._sync_selection(self._selected)
            self.detail.show_row(self.selected_row())
            self._load_detail(self._selected)
        self._update_actions()
        self.board_loaded.emit()

    def _load_detail(self, code: str) -> None:
        db, actor, lang = self.ctx.db, self.ctx.actor, ui_language()
        self._detail_reads.run(
            lambda: load_detail(db, actor, code, lang),
            self.detail.show_detail,
            self._load_failed,
        )

    def _load_failed(self, exc: Exception) -> None:
        self.ui.dialogs.warn(self, self.tr("Data wilayah tidak dapat dimuat"), error_text(exc))

    def _data_changed(self, tables: frozenset[str], origin: str) -> None:
        if not tables or tables & WATCHED_TABLES:
            self.refresher.request()

    # -- selection -----------------------------------------------------------------------

    def selected_code(self) -> str | None:
        return self._selected

    def selected_row(self) -> regions.RegionRow | None:
        row = self.model.row_of(self._selected) if self._selected else -1
        return self.model.record(row) if row >= 0 else None

    def select_region(self, code: str) -> None:
        """Select a region on the map and in the table, and show its detail."""
        if self.model.row_of(code) < 0:
            return
        changed = code != self._selected
        self._selected = code
        self._sync_selection(code)
        self.detail.show_row(self.selected_row())
        self._update_actions()
        if changed:
            self.detail.clear_lists()
            self.settings.set_value("regions/selected", code)
            self._load_detail(code)

    def _sync_selection(self, code: str) -> None:
        self.map.select(code)
        row = self.model.row_of(code)
        current = self.table.selectionModel().currentIndex()
        if row >= 0 and current.row() != row:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def open_region_incidents(self, index: QModelIndex | None = None) -> None:
        if index is not None and index.isValid():
            self.select_region(self.model.record(index.row()).code)
        self.detail.focus_incidents()

    def _table_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self.select_region(self.model.record(current.row()).code)

    # -- changing the level --------------------------------------------------------------

    def can_change_level(self) -> bool:
        return self.ctx.actor is not None and allowed(self.ctx.actor, Action.SET_ALERT_LEVEL)

    def _update_actions(self) -> None:
        permitted = self.can_change_level()
        self.change_level_action.setEnabled(permitted and self._selected is not None)
        shortcut = self.change_level_action.shortcut().toString(
            QKeySequence.SequenceFormat.NativeText
        )
        if permitted:
            tip = self.tr("Ubah tingkat siaga wilayah terpilih, dengan alasan")
        else:
            tip = self.tr("Hanya koordinator dan administrator yang dapat mengubah tingkat siaga")
        self.change_level_action.setToolTip(f"{tip} ({shortcut})")

    def open_level_dialog(self) -> AlertLevelDialog | None:
        row = self.selected_row()
        if row is None or not self.can_change_level():
            return None
        dialog = AlertLevelDialog(
            row,
            lambda level, reason, done: self.change_level(row.code, level, reason, done),
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def change_level(
        self,
        code: str,
        level: str,
        reason: str,
        done: Callable[[LevelOutcome], None] | None = None,
    ) -> LevelOutcome:
        """Set a region's level on the writer lane. ``done`` gets None once written, or
        the messages to show (by field, or one for the whole). The same is returned when
        the write is back at once (a synchronous runner); None while it is on its way."""
        actor = self.ctx.actor
        outcome: list[LevelOutcome] = []

        def report(result: LevelOutcome) -> None:
            outcome.append(result)
            if done is not None:
                done(result)

        if actor is None:
            report(self.tr("Tidak ada pengguna yang masuk."))
            return outcome[0]

        def refused(exc: ServiceError) -> None:
            if isinstance(exc, ValidationError):
                report({name: self._field_error(name, err) for name, err in exc.errors.items()})
            elif isinstance(exc, PermissionDeniedError):
                report(
                    self.tr(
                        "Peran Anda tidak berwenang mengubah tingkat siaga. Tidak ada yang diubah."
                    )
                )
            elif exc.code == "level_unchanged":
                report({"level": self.tr("Wilayah sudah berada pada tingkat siaga ini.")})
            else:
                report(str(exc))

        def written(_result: OpResult[object]) -> None:
            # Show it at once; the refresh that follows brings the history and the counts.
            row = self.model.row_of(code)
            if row >= 0:
                self.model.replace_record(replace(self.model.record(row), alert_level=level))
            self.map.set_level(code, level)
            self.detail.show_row(self.selected_row())
            report(None)

        run_op(
            self,
            lambda s: regions.set_alert_level(s, actor, code, level, reason),
            success=written,
            failure=refused,
            ui=self.ui,
        )
        return outcome[0] if outcome else None

    def _field_error(self, fieldname: str, code: str) -> str:
        if fieldname == "reason":
            if code == "required":
                return self.tr("Alasan wajib diisi.")
            if code == "too_long":
                return self.tr("Alasan terlalu panjang (paling banyak 2.000 karakter).")
            return self.tr("Alasan berisi karakter yang tidak sah.")
        return self.tr("Tingkat siaga tidak dikenal.")

    # -- remembered layout ---------------------------------------------------------------

    def save_state(self, settings: Settings) -> None:
        settings.save_header("regions", self.table.horizontalHeader())
        settings.save_splitter("regions", self.splitter)
        settings.save_splitter("regions_lower", self.lower_splitter)

    def restore_state(self, settings: Settings) -> None:
        header = self.table.horizontalHeader()
        if settings.restore_header("regions", header):
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        else:
            header.setSortIndicator(RegionBoardModel.CODE, Qt.SortOrder.AscendingOrder)
            self._fit_columns = True
            if self.model.rowCount():
                self._fit_columns = False
                self.table.resizeColumnsToContents()
        if not settings.restore_splitter("regions", self.splitter):
            self.splitter.setSizes([300, 580])
        if not settings.restore_splitter("regions_lower", self.lower_splitter):
            self.lower_splitter.setSizes([960, 420])

    def focus_search(self) -> None:
        """Ctrl+F: the board has no search box; the table takes the keyboard."""
        self.table.setFocus()
