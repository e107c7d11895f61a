"""Choosing the incident to fold into the one shown: its likely duplicates first, or any
incident found by its number or by words of its text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.formats import format_datetime
from desk_app.services import incident_duplicates
from desk_app.services.incident_duplicates import DuplicateCandidate
from desk_app.services.incidents import IncidentDetail
from desk_app.ui.form_errors import error_text
from desk_app.ui.settings import ui_language
from desk_app.ui.tasks import TaskRunner

#: How long typing must pause before the search runs (ms).
SEARCH_PAUSE_MS = 250


def match_text(candidate: DuplicateCandidate) -> str:
    """Why a candidate was found: the same link, a similar text, its number, its words."""
    tr = QCoreApplication.translate
    if candidate.reason == "same_link":
        return tr("DuplicatesDialog", "tautan sama")
    if candidate.reason == "similar_text":
        return tr("DuplicatesDialog", "teks mirip {0}%").format(round(candidate.similarity * 100))
    if candidate.reason == "ref":
        return tr("CandidateList", "nomor")
    return tr("CandidateList", "kata")


class CandidateList(QTreeWidget):
    """Incidents to choose from, as a table: number, time, why it was found, title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(4)
        self.setHeaderLabels(
            [
                self.tr("Nomor"),
                self.tr("Waktu"),
                self.tr("Kecocokan"),
                self.tr("Judul"),
            ]
        )
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setMinimumWidth(760)
        self.setMinimumHeight(220)

    def set_candidates(self, candidates: list[DuplicateCandidate], lang: str) -> None:
        self.clear()
        for c in candidates:
            item = QTreeWidgetItem(
                [c.ref, format_datetime(c.occurred_at, lang), match_text(c), c.title]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, c.id)
            item.setToolTip(3, c.title)
            self.addTopLevelItem(item)
        for column in range(3):
            self.resizeColumnToContents(column)
        first = self.topLevelItem(0)
        if first is not None:
            self.setCurrentItem(first)

    def count(self) -> int:
        return self.topLevelItemCount()

    def current_id(self) -> str | None:
        item = self.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def current_ref(self) -> str:
        item = self.currentItem()
        return item.text(0) if item is not None else ""

    def row_text(self, row: int) -> str:
        item = self.topLevelItem(row)
        return " · ".join(item.text(c) for c in range(self.columnCount())) if item else ""


class MergeDialog(QDialog):
    """Pick the incident to merge into ``keep``; ``selected_id`` is the choice."""

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        keep: IncidentDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.keep = keep
        self.lang = ui_language()
        self.selected_id: str | None = None
        #: How many searches were asked for; only the last one's rows are shown.
        self.searches = 0
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Gabungkan insiden ke %1").replace("%1", keep.ref))
        intro = QLabel(
            self.tr(
                "Pilih insiden yang digabung ke <b>%1</b> — %2. Insiden yang dipilih menjadi "
                "sumber insiden ini: tautan, tindak lanjut dan lampirannya tampil di sini, "
                "dan ia keluar dari daftar dan hitungan."
            )
            .replace("%1", keep.ref)
            .replace("%2", keep.title.replace("<", "&lt;"))
        )
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setObjectName("mergeSearch")
        self.search.setPlaceholderText(self.tr("Cari nomor insiden atau kata di judul…"))
        self.search.setClearButtonEnabled(True)
        self.heading = QLabel()
        self.heading.setObjectName("mergeHeading")
        self.list = CandidateList()
        self.list.setObjectName("mergeCandidates")
        self.empty = QLabel()
        self.empty.setObjectName("mergeEmpty")
        self.empty.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.merge_button = QPushButton(self.tr("&Gabungkan"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setEnabled(False)
        self.merge_button.setDefault(True)
        cancel = QPushButton(self.tr("Batal"))
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.merge_button.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)

        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(SEARCH_PAUSE_MS)
        self.pause.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self.pause.start())
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemDoubleClicked.connect(lambda *_args: self.accept())
        self.search.setFocus()
        self.run_search()

    def run_search(self) -> None:
        """Ask for the candidates of the current search (on the worker)."""
        self.pause.stop()
        term = self.search.text().strip()
        self.searches += 1
        search = self.searches
        ctx, keep_id = self.ctx, self.keep.id
        self.heading.setText(self.tr("Mencari…"))

        def read() -> list[DuplicateCandidate]:
            with ctx.db.read() as s:
                return incident_duplicates.merge_candidates(s, keep_id, term)

        def failed(exc: Exception) -> None:
            if search == self.searches:
                self._show([], term, problem=error_text(exc))

        def done(found: list[DuplicateCandidate]) -> None:
            if search == self.searches:  # not overtaken by a newer search
                self._show(found, term)

        self.tasks.run(read, done, failed)

    def _show(self, found: list[DuplicateCandidate], term: str, problem: str = "") -> None:
        self.list.set_candidates(found, self.lang)
        if term:
            self.heading.setText(self.tr("Hasil pencarian"))
        else:
            self.heading.setText(self.tr("Kemungkinan duplikat"))
        if problem:
            self.empty.setText(problem)
        elif found:
            self.empty.setText("")
        elif term:
            self.empty.setText(self.tr("Tidak ada insiden yang cocok."))
        else:
            self.empty.setText(
                self.tr("Tidak ada yang mirip. Cari insiden lain dengan nomor atau kata.")
            )
        self.empty.setVisible(bool(self.empty.text()))
        self.list.setVisible(bool(found))
        self._current_changed()

    def _current_changed(self, *_args: object) -> None:
        self.selected_id = self.list.current_id()
        self.merge_button.setEnabled(self.selected_id is not None)
        ref = self.list.current_ref()
        self.merge_button.setText(
            self.tr("&Gabungkan %1 ke sini").replace("%1", ref) if ref else self.tr("&Gabungkan")
        )

    def accept(self) -> None:
        if self.selected_id is None:
            return
        super().accept()
