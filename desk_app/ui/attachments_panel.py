"""An incident's attachments: the list with a thumbnail of each file (made on the task
runner, kept in memory), a preview inside the app, adding (files copied on the worker,
rows written on the writer lane), opening in another application and removing. Shown as a
tab of the incident's detail (``desk_app.ui.incident_detail``), which hands it the files
it read with the detail."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImage, QKeyEvent, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.formats import format_datetime, format_number
from desk_app.services import attachments
from desk_app.services.attachments import AttachmentError, AttachmentView, BlobStore, StoredFile
from desk_app.services.errors import ServiceError
from desk_app.services.permissions import Action, allowed
from desk_app.ui.attachment_preview import (
    THUMB_SIZE,
    AttachmentPreviewDialog,
    ThumbnailCache,
    badge,
    make_thumbnail,
    square,
)
from desk_app.ui.context import UiContext
from desk_app.ui.folders import attachment_folder, remember_attachment_folder
from desk_app.ui.form_errors import error_text
from desk_app.ui.ops import OpResult, run_op
from desk_app.ui.settings import ui_language


def media_type_name(media_type: str) -> str:
    names = {
        "image/png": QCoreApplication.translate("IncidentDetail", "Gambar PNG"),
        "image/jpeg": QCoreApplication.translate("IncidentDetail", "Gambar JPEG"),
        "image/gif": QCoreApplication.translate("IncidentDetail", "Gambar GIF"),
        "image/webp": QCoreApplication.translate("IncidentDetail", "Gambar WEBP"),
        "application/pdf": QCoreApplication.translate("IncidentDetail", "PDF"),
    }
    return names.get(media_type, media_type)


def problem_word(exc: AttachmentError) -> str:
    """A word or two for the list when a file has no thumbnail: why it cannot be shown."""
    tr = QCoreApplication.translate
    if exc.code == "attachment_type":
        return tr("IncidentDetail", "jenis ditolak")
    if exc.code == "attachment_image_too_large":
        return tr("IncidentDetail", "terlalu besar")
    if exc.code == "attachment_missing":
        return tr("IncidentDetail", "belum diunduh")
    return tr("IncidentDetail", "rusak")


def attachment_error_text(exc: Exception, lang: str = "id") -> str:
    """A sentence for a refused attachment (other errors as everywhere else)."""
    if not isinstance(exc, AttachmentError):
        return error_text(exc)
    v = exc.values
    texts = {
        "attachment_type": QCoreApplication.translate(
            "IncidentDetail",
            "Jenis berkas tidak didukung. Lampirkan gambar (PNG, JPEG, GIF, WEBP) atau PDF.",
        ),
        "attachment_too_large": QCoreApplication.translate(
            "IncidentDetail", "Berkas terlalu besar ({0}). Batasnya {1}."
        ).format(
            attachments.format_size(int(v.get("size", 0)), lang),
            attachments.format_size(int(v.get("limit", attachments.MAX_SIZE)), lang),
        ),
        "attachment_empty": QCoreApplication.translate("IncidentDetail", "Berkas kosong."),
        "attachment_unreadable": QCoreApplication.translate(
            "IncidentDetail", "Berkas tidak dapat dibaca ({0})."
        ).format(v.get("reason", "")),
        "attachment_changed": QCoreApplication.translate(
            "IncidentDetail", "Berkas berubah saat disalin. Coba lagi."
        ),
        "attachment_duplicate": QCoreApplication.translate(
            "IncidentDetail", "Berkas yang sama sudah dilampirkan sebagai “{0}”."
        ).format(v.get("filename", "")),
        "attachment_missing": QCoreApplication.translate(
            "IncidentDetail",
            "Berkas ini belum diunduh dari hub. Berkas diunduh pada sinkronisasi berikutnya.",
        ),
        "attachment_store_failed": (
            QCoreApplication.translate(
                "IncidentDetail", "Disk penuh: lampiran tidak dapat disimpan."
            )
            if v.get("why") == "disk_full"
            else QCoreApplication.translate(
                "IncidentDetail", "Lampiran tidak dapat disimpan di folder data ({0})."
            ).format(v.get("reason", ""))
        ),
        "attachment_hash": QCoreApplication.translate(
            "IncidentDetail", "Berkas rusak: isinya tidak cocok dengan sidik jarinya."
        ),
        "attachment_damaged": QCoreApplication.translate(
            "IncidentDetail",
            "Berkas rusak dan tidak dapat ditampilkan. Coba “Buka di aplikasi lain”, atau "
            "minta pengirim mengirim ulang.",
        ),
        "attachment_image_too_large": QCoreApplication.translate(
            "IncidentDetail",
            "Gambar terlalu besar untuk ditampilkan di sini ({0} × {1} piksel). "
            "Gunakan “Buka di aplikasi lain”.",
        ).format(
            format_number(int(v.get("width", 0)), lang, 0),
            format_number(int(v.get("height", 0)), lang, 0),
        ),
    }
    return texts.get(exc.code, error_text(exc))


class AttachmentsPanel(QWidget):
    """The attachments of the incident shown; emits ``changed`` after each write."""

    changed = Signal(object)  # frozenset of table names
    #: The tab's title: "Lampiran (n)".
    title_changed = Signal(str)

    def __init__(
        self, ctx: AppContext, ui: Callable[[], UiContext], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._ui = ui
        self.store = BlobStore(ctx.paths.attachments_dir)
        self.attachments: list[AttachmentView] = []
        #: Thumbnails by content hash (or why there is none); those being made.
        self.thumbnails = ThumbnailCache()
        self._thumbnails_loading: set[str] = set()
        #: The preview open now, if any.
        self.preview: AttachmentPreviewDialog | None = None
        self.incident_id: str | None = None
        self.incident_ref: str | None = None
        #: Files are being copied (the add button waits).
        self.adding = False
        self._lang = ui_language()
        tr = QCoreApplication.translate
        self.attachment_list = QTreeWidget()
        self.attachment_list.setObjectName("attachments")
        self.attachment_list.setRootIsDecorated(False)
        self.attachment_list.setUniformRowHeights(True)
        self.attachment_list.setIconSize(QSize(THUMB_SIZE, THUMB_SIZE))
        self.attachment_list.setAlternatingRowColors(True)
        # Room between the columns and the rows (ResizeToContents leaves none).
        self.attachment_list.setStyleSheet("QTreeWidget::item { padding: 3px 12px 3px 2px; }")
        # Long names lose their middle, not the extension.
        self.attachment_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.attachment_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.attachment_list.setHeaderLabels(
            [
                tr("IncidentDetail", "Nama berkas"),
                tr("IncidentDetail", "Jenis"),
                tr("IncidentDetail", "Ukuran"),
                tr("IncidentDetail", "Ditambahkan"),
            ]
        )
        header = self.attachment_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Activated: Enter/Return, or a double click (as the platform has it).
        self.attachment_list.itemActivated.connect(lambda *_: self.preview_attachment())
        self.attachment_list.itemSelectionChanged.connect(self._attachment_buttons)
        self.attachment_list.installEventFilter(self)  # Delete removes
        self.attachment_note = QLabel()
        self.attachment_note.setObjectName("attachmentNote")
        self.attachment_note.setWordWrap(True)
        self.attachment_note.setStyleSheet("color: #555;")
        self.attach_button = QPushButton(tr("IncidentDetail", "Tambah la&mpiran…"))
        self.attach_button.setObjectName("addAttachment")
        self.attach_button.setToolTip(
            tr("IncidentDetail", "Gambar (PNG, JPEG, GIF, WEBP) atau PDF, paling besar {0}").format(
                attachments.format_size(attachments.MAX_SIZE, self._lang)
            )
        )
        self.attach_button.clicked.connect(self.add_attachments)
        self.preview_button = QPushButton(tr("IncidentDetail", "P&ratinjau"))
        self.preview_button.setObjectName("previewAttachment")
        self.preview_button.setToolTip(
            tr("IncidentDetail", "Lihat berkas di sini (Enter atau klik dua kali)")
        )
        self.preview_button.clicked.connect(self.preview_attachment)
        self.open_attachment_button = QPushButton(tr("IncidentDetail", "Bu&ka"))
        self.open_attachment_button.setToolTip(
            tr("IncidentDetail", "Buka berkas dengan aplikasi lain di komputer ini")
        )
        self.open_attachment_button.setObjectName("openAttachment")
        self.open_attachment_button.clicked.connect(self.open_attachment)
        self.remove_attachment_button = QPushButton(tr("IncidentDetail", "Ha&pus"))
        self.remove_attachment_button.setObjectName("removeAttachment")
        self.remove_attachment_button.clicked.connect(self.remove_attachment)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.open_attachment_button)
        buttons.addWidget(self.remove_attachment_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.attachment_list, 1)
        layout.addWidget(self.attachment_note)
        layout.addStretch(0)  # keeps the note at the top while the list is hidden (empty)
        layout.addLayout(buttons)

    @property
    def ui(self) -> UiContext:
        return self._ui()

    def _actor(self) -> Any:
        assert self.ctx.actor is not None
        return self.ctx.actor

    def _warn(self, text: str, title: str) -> None:
        """A box whose title says what failed ("Lampiran tidak dapat dibuka"), the text why."""
        self.ui.dialogs.warn(self, title, text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.attachment_list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Delete)
        ):
            self.remove_attachment()
            return True
        return super().eventFilter(watched, event)

    def show_files(
        self, incident_id: str, incident_ref: str, files: list[AttachmentView], lang: str
    ) -> None:
        """Show ``files`` of the incident (read with its detail, by the pane)."""
        self.incident_id, self.incident_ref, self._lang = incident_id, incident_ref, lang
        self.attachments = files
        self._render_attachments()

    def clear_files(self) -> None:
        self.incident_id = self.incident_ref = None
        self.attachments = []
        self._render_attachments()

    def refresh_attachments(self) -> None:
        """Read the shown incident's attachments again (after a sync, a file arriving)."""
        if self.incident_id is None:
            return
        self.thumbnails.forget_problems()
        with self.ctx.db.read() as s:
            self.attachments = attachments.list_attachments(s, self.store, self.incident_id)
        self._render_attachments()

    def _render_attachments(self) -> None:
        tr = QCoreApplication.translate
        selected = self._selected_attachment()
        files = self.attachments
        self.title_changed.emit(
            tr("IncidentDetail", "Lampiran ({0})").format(len(files))
            if files
            else tr("IncidentDetail", "Lampiran")
        )
        self.attachment_list.clear()
        missing_tip = tr(
            "IncidentDetail",
            "Berkas ini belum diunduh dari hub; berkas diunduh pada sinkronisasi berikutnya.",
        )
        for view in files:
            name = view.filename
            if self.incident_ref is not None and view.incident_ref != self.incident_ref:
                name += f" ({view.incident_ref})"
            size = attachments.format_size(view.size, self._lang)
            if not view.present:
                size += " · " + tr("IncidentDetail", "belum diunduh")
            added = format_datetime(view.created_at, self._lang)
            if view.created_by:
                added += f" · {view.created_by}"
            item = QTreeWidgetItem([name, media_type_name(view.media_type), size, added])
            item.setData(0, Qt.ItemDataRole.UserRole, view.id)
            item.setToolTip(0, view.filename)
            if not view.present:
                item.setIcon(0, QIcon(self._badge("↓")))
                for column in range(4):
                    item.setForeground(column, Qt.GlobalColor.darkGray)
                    item.setToolTip(column, missing_tip)
            else:
                self._show_thumbnail(item, view)
            self.attachment_list.addTopLevelItem(item)
            if selected is not None and view.id == selected.id:
                item.setSelected(True)
                self.attachment_list.setCurrentItem(item)
        self.attachment_list.setVisible(bool(files))
        self._load_thumbnails()
        if self.adding:
            pass  # the note says what is being copied
        elif not files:
            self.attachment_note.setText(
                tr(
                    "IncidentDetail",
                    "Belum ada lampiran. Tambahkan tangkapan layar unggahan, foto atau "
                    "surat (PDF).",
                )
            )
        elif any(not v.present for v in files):
            self.attachment_note.setText(
                tr(
                    "IncidentDetail",
                    "Berkas yang belum diunduh diambil dari hub pada sinkronisasi berikutnya.",
                )
            )
        else:
            self.attachment_note.setText("")
        self.attachment_note.setVisible(bool(self.attachment_note.text()))
        self._attachment_buttons()

    def _attachment_buttons(self) -> None:
        actor = self.ctx.actor
        may_edit = actor is not None and allowed(actor, Action.EDIT_INCIDENT)
        view = self._selected_attachment()
        self.attach_button.setEnabled(may_edit and not self.adding and self.incident_id is not None)
        self.open_attachment_button.setEnabled(view is not None and view.present)
        self.preview_button.setEnabled(view is not None and view.present)
        self.remove_attachment_button.setEnabled(view is not None and may_edit)

    def _selected_attachment(self) -> AttachmentView | None:
        items = self.attachment_list.selectedItems()
        if not items:
            return None
        wanted = items[0].data(0, Qt.ItemDataRole.UserRole)
        return next((v for v in self.attachments if v.id == wanted), None)

    def select_attachment(self, attachment_id: str) -> None:
        for i in range(self.attachment_list.topLevelItemCount()):
            item = self.attachment_list.topLevelItem(i)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == attachment_id:
                self.attachment_list.setCurrentItem(item)
                item.setSelected(True)

    def add_attachments(self) -> None:
        """Ask for files (several may be chosen) and attach them to the shown incident."""
        if self.incident_id is None or self.adding:
            return
        tr = QCoreApplication.translate
        paths = self.ui.dialogs.open_files(
            self,
            tr("IncidentDetail", "Tambah lampiran"),
            attachment_folder(self.ui.settings),
            tr("IncidentDetail", "Gambar dan PDF (*.png *.jpg *.jpeg *.gif *.webp *.pdf)")
            + ";;"
            + tr("IncidentDetail", "Semua berkas (*)"),
        )
        if paths:
            remember_attachment_folder(self.ui.settings, paths)
            self.attach_files([Path(p) for p in paths])

    def attach_files(self, paths: list[Path]) -> None:
        """Check, hash and copy the files on the task runner (a 20 MB photo takes a
        moment), then write the rows here, on the GUI thread (a quick transaction)."""
        if self.incident_id is None or self.adding:
            return
        incident_id = self.incident_id
        try:
            with self.ctx.db.read() as s:
                attachments.check_can_attach(s, self._actor(), incident_id)
        except ServiceError as exc:
            self._warn(attachment_error_text(exc, self._lang), _not_added())
            return
        store = self.store

        def work() -> list[tuple[Path, StoredFile | Exception]]:
            results: list[tuple[Path, StoredFile | Exception]] = []
            for path in paths:
                try:
                    results.append((path, attachments.store_file(store, path)))
                except AttachmentError as exc:
                    results.append((path, exc))
            return results

        self.adding = True
        self.attachment_note.setText(
            QCoreApplication.translate("IncidentDetail", "Menyalin {0} berkas…").format(len(paths))
        )
        self.attachment_note.show()
        self._attachment_buttons()
        self.ui.tasks.run(
            work,
            lambda results: self._attached(incident_id, results),
            self._attach_failed,
        )

    def _attached(self, incident_id: str, results: list[tuple[Path, Any]]) -> None:
        """Record each stored file, one write each on the writer lane (a refused one does
        not stop the others), and report once they are all back."""
        problems: list[str] = []
        added: list[str] = []
        pending = [path for path, outcome in results if not isinstance(outcome, Exception)]
        for path, outcome in results:
            if isinstance(outcome, Exception):
                problems.append(f"{path.name}: {attachment_error_text(outcome, self._lang)}")
        if not pending:
            self._all_attached(incident_id, added, problems)
            return
        actor = self._actor()

        def settled(path: Path) -> None:
            pending.remove(path)
            if not pending:
                self._all_attached(incident_id, added, problems)

        def recorded(path: Path, view_id: str) -> None:
            added.append(view_id)
            settled(path)

        def refused(path: Path, exc: ServiceError) -> None:
            problems.append(f"{path.name}: {attachment_error_text(exc, self._lang)}")
            settled(path)

        def record(path: Path, stored: StoredFile) -> None:
            run_op(
                self,
                lambda s: attachments.record_attachment(s, actor, incident_id, stored).id,
                success=lambda result: recorded(path, result.value),
                failure=lambda exc: refused(path, exc),
            )

        for path, outcome in results:
            if not isinstance(outcome, Exception):
                record(path, outcome)

    def _all_attached(self, incident_id: str, added: list[str], problems: list[str]) -> None:
        self.adding = False
        if self.incident_id == incident_id:
            self.refresh_attachments()
            if added:
                self.select_attachment(added[-1])
        if added:
            self.changed.emit(frozenset({"incident_attachment"}))
        if problems:
            self._warn("\n".join(problems), _not_added())

    def _attach_failed(self, exc: Exception) -> None:
        self.adding = False
        self._render_attachments()
        self._warn(attachment_error_text(exc, self._lang), _not_added())

    # --- thumbnails ----------------------------------------------------------------------

    def _badge(self, text: str, color: str = "#9e9e9e") -> QPixmap:
        return badge(text, THUMB_SIZE, color=color)

    def _show_thumbnail(self, item: QTreeWidgetItem, view: AttachmentView) -> None:
        """The thumbnail when made, a placeholder while it is, a mark when there is none."""
        found = self.thumbnails.get(view.sha256)
        kind = media_type_name(view.media_type)
        if found is None:
            item.setIcon(0, QIcon(self._badge("…")))
            item.setText(1, kind)
        elif isinstance(found, AttachmentError):
            item.setIcon(0, QIcon(self._badge("!", "#b3261e")))
            item.setText(1, f"{kind} · {problem_word(found)}")
            tip = attachment_error_text(found, self._lang)
            for column in range(4):
                item.setToolTip(column, tip)
        else:
            item.setIcon(0, QIcon(found))
            item.setText(1, kind)

    def _load_thumbnails(self) -> None:
        """Make the missing thumbnails on the task runner, one task per file."""
        store = self.store
        for view in self.attachments:
            sha256 = view.sha256
            if (
                not view.present
                or self.thumbnails.get(sha256) is not None
                or sha256 in self._thumbnails_loading
            ):
                continue
            self._thumbnails_loading.add(sha256)

            def work(sha256: str = sha256) -> QImage | AttachmentError:
                try:
                    return make_thumbnail(store, sha256)
                except AttachmentError as exc:  # an answer, not a failure of the task
                    return exc

            self.ui.tasks.run(work, *self._thumbnail_callbacks(sha256))

    def _thumbnail_callbacks(
        self, sha256: str
    ) -> tuple[Callable[[Any], None], Callable[[Exception], None]]:
        def made(result: QImage | AttachmentError) -> None:
            self._thumbnail_made(sha256, result)

        def failed(exc: Exception) -> None:  # not expected: shown as a damaged file
            self._thumbnail_made(
                sha256, AttachmentError(str(exc), code="attachment_damaged", reason="")
            )

        return made, failed

    def _thumbnail_made(self, sha256: str, result: QImage | AttachmentError) -> None:
        if not shiboken6.isValid(self):
            return  # the pane was closed meanwhile
        self._thumbnails_loading.discard(sha256)
        self.thumbnails.put(
            sha256, result if isinstance(result, AttachmentError) else square(result)
        )
        for i in range(self.attachment_list.topLevelItemCount()):
            item = self.attachment_list.topLevelItem(i)
            wanted = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
            view = next((v for v in self.attachments if v.id == wanted), None)
            if item is not None and view is not None and view.sha256 == sha256 and view.present:
                self._show_thumbnail(item, view)

    # --- preview and opening ----------------------------------------------------------------

    def preview_attachment(self) -> None:
        """Show the selected file inside the app (Enter, a double click, "Pratinjau")."""
        view = self._selected_attachment()
        if view is None:
            return
        if not view.present:
            self._warn(
                attachment_error_text(AttachmentError("", code="attachment_missing")),
                _not_opened(),
            )
            return
        if self.preview is not None and shiboken6.isValid(self.preview):
            self.preview.close()
        dialog = AttachmentPreviewDialog(
            self.ui,
            self.store,
            view,
            error_text=lambda exc: attachment_error_text(exc, self._lang),
            open_external=lambda: self._open_view(view),
            lang=self._lang,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview = dialog
        dialog.open()
        dialog.load()

    def open_attachment(self) -> None:
        """Open the selected file with the system's viewer (a copy under its name)."""
        view = self._selected_attachment()
        if view is not None:
            self._open_view(view)

    def _open_view(self, view: AttachmentView) -> None:
        if not view.present:
            self._warn(
                attachment_error_text(AttachmentError("", code="attachment_missing"), self._lang),
                _not_opened(),
            )
            return
        db, store = self.ctx.db, self.store

        def work() -> Path:
            with db.read() as s:
                return attachments.viewable_copy(s, store, view.id)

        self.ui.tasks.run(
            work,
            self._open_path,
            lambda exc: self._warn(attachment_error_text(exc, self._lang), _not_opened()),
        )

    def _open_path(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._warn(
                QCoreApplication.translate(
                    "IncidentDetail", "Tidak ada aplikasi untuk membuka berkas ini: {0}"
                ).format(str(path)),
                _not_opened(),
            )

    def remove_attachment(self) -> None:
        view = self._selected_attachment()
        if view is None or not self.remove_attachment_button.isEnabled():
            return
        tr = QCoreApplication.translate
        if not self.ui.dialogs.ask(
            self,
            tr("IncidentDetail", "Hapus lampiran"),
            tr(
                "IncidentDetail",
                "Hapus lampiran “{0}” dari insiden ini? Lampiran juga hilang dari "
                "workstation lain setelah sinkronisasi.",
            ).format(view.filename),
        ):
            return
        actor = self._actor()

        def removed(result: OpResult[None]) -> None:
            self.refresh_attachments()
            self.changed.emit(result.changes.tables)

        run_op(
            self,
            lambda s: attachments.remove_attachment(s, actor, view.id),
            success=removed,
            failure=lambda exc: self._warn(
                attachment_error_text(exc, self._lang),
                QCoreApplication.translate("IncidentDetail", "Lampiran tidak dapat dihapus"),
            ),
        )


def _not_added() -> str:
    return QCoreApplication.translate("IncidentDetail", "Lampiran tidak ditambahkan")


def _not_opened() -> str:
    return QCoreApplication.translate("IncidentDetail", "Lampiran tidak dapat dibuka")
