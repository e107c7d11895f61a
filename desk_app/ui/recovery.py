"""When the database does not open at start: say why, and offer to restore a backup.

A damaged, truncated or foreign file (``backup.is_damage``) gets the recovery dialog: the
newest backup of the backups folder that passes the checks, or a file the user picks (a
copy on a USB stick). The restore runs on a worker; the damaged file is moved aside
unchanged by ``backup.restore_database``, never deleted. Either way, a backup made by
another desk is refused on the worker (``BackupError`` ``other_desk``) and restored only
once the user says yes to a question that says what that does. Other problems (a newer
version's database, a full disk, a read-only folder) are only explained: a restore
would not cure them.

The dialog asks and tells through the dialog service (``desk_app.ui.dialogs``), like the
window: there is no window yet, so a start hands in the one its window shell will use.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.config import AppPaths
from desk_app.db import BackupError, DatabaseError
from desk_app.formats import format_datetime
from desk_app.services import backup
from desk_app.services.errors import ServiceError
from desk_app.services.storage import storage_error
from desk_app.sync.settings import has_hub
from desk_app.ui.dialogs import Dialogs
from desk_app.ui.i18n import install_language
from desk_app.ui.settings import Settings, ui_language
from desk_app.ui.signin_dialog import account_error_text
from desk_app.ui.tasks import TaskRunner

log = logging.getLogger("desk_app.ui.recovery")


class RecoveryDialog(QDialog):
    """The database at ``paths.database`` does not open: restore it from a backup."""

    def __init__(
        self,
        paths: AppPaths,
        reason: str,
        tasks: TaskRunner | None = None,
        parent: QWidget | None = None,
        *,
        dialogs: Dialogs | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.tasks = tasks or TaskRunner()
        #: Questions and file pickers (a test hands in one that answers them).
        self.dialogs = dialogs or Dialogs()
        self.restore_result: backup.RestoreResult | None = None
        self.busy = False
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("Basis data tidak dapat dibuka — Desk Pilkada"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "<b>Basis data Desk Pilkada tidak dapat dibuka.</b> Berkasnya rusak, "
                "terpotong, atau bukan basis data:<br>%1"
            ).replace("%1", str(paths.database))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        detail = QLabel(reason)
        detail.setObjectName("reason")
        detail.setWordWrap(True)
        detail.setStyleSheet("color: #555")
        layout.addWidget(detail)
        explain = QLabel(
            self.tr(
                "Pulihkan dari cadangan untuk melanjutkan. Berkas yang rusak tidak dihapus: "
                "berkas itu dipindahkan apa adanya (beserta berkas -wal/-shm) ke folder "
                "cadangan %1."
            ).replace("%1", str(paths.backups_dir))
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.candidates = backup.restore_candidates(paths.backups_dir)
        if self.candidates:
            newest = self.candidates[0]
            latest_text = (
                self.tr(
                    "Cadangan terbaru: %1 (%2). Bila cadangan itu tidak lolos pemeriksaan, "
                    "dipakai cadangan sebelumnya yang lolos."
                )
                .replace("%1", newest.path.name)
                .replace("%2", format_datetime(newest.created_at, ui_language()))
            )
        else:
            latest_text = self.tr(
                "Belum ada cadangan di folder cadangan. Pilih berkas cadangan, misalnya "
                "salinan di flashdisk."
            )
        self.latest = QLabel(latest_text)
        self.latest.setObjectName("latestBackup")
        self.latest.setWordWrap(True)
        layout.addWidget(self.latest)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: a restore checks every page, twice
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.latest_button = QPushButton(self.tr("Pulihkan dari cadangan &terbaru"))
        self.latest_button.setObjectName("restoreLatest")
        self.latest_button.setEnabled(bool(self.candidates))
        self.latest_button.clicked.connect(self.restore_latest)
        self.file_button = QPushButton(self.tr("&Pilih berkas cadangan…"))
        self.file_button.setObjectName("restoreFile")
        self.file_button.clicked.connect(self.choose_file)
        self.quit_button = QPushButton(self.tr("&Keluar"))
        self.quit_button.setObjectName("quitButton")
        self.quit_button.clicked.connect(self.reject)
        buttons.addWidget(self.latest_button)
        buttons.addWidget(self.file_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        layout.addLayout(buttons)
        (self.latest_button if self.candidates else self.file_button).setDefault(True)
        self.setMinimumWidth(560)

    # -- restoring -----------------------------------------------------------------------

    def restore_latest(self) -> None:
        paths = self.paths
        self._run(lambda: backup.restore_latest(paths.database, paths.backups_dir))

    def choose_file(self) -> None:
        path = self.dialogs.open_file(
            self,
            self.tr("Pilih berkas cadangan"),
            str(self.paths.backups_dir),
            self.tr("Basis data Desk Pilkada (*.sqlite3 *.db);;Semua berkas (*)"),
        )
        if path:
            self.restore_file(Path(path))

    def restore_file(self, source: Path, *, other_desk: bool = False) -> None:
        """Restore ``source``; another desk's backup only with ``other_desk`` (asked)."""
        paths = self.paths
        self._run(
            lambda: backup.restore_database(
                paths.database, source, paths.backups_dir, allow_other_desk=other_desk
            )
        )

    def _ask_other_desk(self, refused: BackupError) -> None:
        """A restore was refused because the backup is another desk's: say what restoring
        it does and, on Yes, restore that very file."""
        values = refused.values
        question = other_desk_question(
            str(values.get("backup_code") or "-"),
            str(values.get("code_here") or "-"),
            connected=has_hub(self.paths.data_dir),
        )
        title = QCoreApplication.translate("RecoveryDialog", "Cadangan desk lain")
        if self.dialogs.ask(self, title, question):
            self.restore_file(Path(str(values["path"])), other_desk=True)

    def _run(self, work: object) -> None:
        self._set_busy(True)
        self.message.clear()
        self.tasks.run(work, self._done, self._failed)  # type: ignore[arg-type]

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self.latest_button.setEnabled(not busy and bool(self.candidates))
        self.file_button.setEnabled(not busy)
        self.quit_button.setEnabled(not busy)

    def _done(self, result: backup.RestoreResult) -> None:
        self._set_busy(False)
        self.restore_result = result
        log.info("database restored at start from %s", result.source.name)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if isinstance(exc, BackupError) and exc.code == "other_desk" and "path" in exc.values:
            self._ask_other_desk(exc)
        elif isinstance(exc, DatabaseError | ServiceError):
            self.message.setText(account_error_text(exc))
        else:
            self.message.setText(
                QCoreApplication.translate(
                    "RecoveryDialog", "Pemulihan gagal: %1. Basis data saat ini tidak diubah."
                ).replace("%1", str(exc))
            )

    # -- a restore in progress is not interrupted ----------------------------------------

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)


def other_desk_question(theirs: str, mine: str, *, connected: bool) -> str:
    """What restoring desk ``theirs``'s backup on desk ``mine`` does, as a question (the
    window's restore and the one offered at start ask it). The hub is spoken of only on a
    desk that has one (``connected``)."""
    if connected:
        text = QCoreApplication.translate(
            "RecoveryDialog",
            "Cadangan ini dibuat oleh desk lain (%1), bukan desk ini (%2).\n\n"
            "Jika dilanjutkan, desk ini mengambil data desk %1 dan menjadi workstation "
            "baru: ID situs baru, ID lama dicatat sebagai \u201csebelumnya\u201d, dan "
            "sinkron berikutnya mengunduh semua data dari hub lalu mengirim ulang yang "
            "belum dimiliki hub. Administrator perlu mendaftarkan desk ini lagi di hub. "
            "Desk %1 tetap berjalan seperti biasa. Basis data saat ini disimpan dulu di "
            "folder cadangan.\n\nPulihkan cadangan desk lain?",
        )
    else:
        text = QCoreApplication.translate(
            "RecoveryDialog",
            "Cadangan ini dibuat oleh desk lain (%1), bukan desk ini (%2).\n\n"
            "Jika dilanjutkan, desk ini mengambil data desk %1 dan menjadi workstation "
            "baru: ID situs baru, ID lama dicatat sebagai \u201csebelumnya\u201d. "
            "Desk %1 tetap berjalan seperti biasa. Basis data saat ini disimpan dulu di "
            "folder cadangan.\n\nPulihkan cadangan desk lain?",
        )
    return text.replace("%1", theirs).replace("%2", mine or "-")


def open_error_text(exc: BaseException, paths: AppPaths) -> str:
    """A translated explanation of why the database did not open."""
    if isinstance(exc, DatabaseError):
        return account_error_text(exc)
    problem = storage_error(exc, paths.data_dir)
    if problem is not None:
        return account_error_text(problem)
    # SQLite's own words ("database disk image is malformed"), not SQLAlchemy's wrapping.
    return str(getattr(exc, "orig", None) or exc)


def recover_at_start(
    paths: AppPaths,
    exc: BaseException,
    *,
    lang: str | None = None,
    tasks: TaskRunner | None = None,
    dialogs: Dialogs | None = None,
) -> bool:
    """Explain why the database did not open; for a damaged file, offer a restore.

    True once a backup is in place (the caller opens the database again). ``dialogs`` is
    the dialog service the start's window will use (a real one without).
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Desk Pilkada")
    install_language(app, lang or Settings(paths.settings_file).language)
    dialogs = dialogs or Dialogs()
    if not backup.is_damage(exc):
        dialogs.warn(
            None,
            QCoreApplication.translate("RecoveryDialog", "Basis data tidak dapat dibuka"),
            open_error_text(exc, paths),
        )
        return False
    dialog = RecoveryDialog(paths, open_error_text(exc, paths), tasks, dialogs=dialogs)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.restore_result is None:
        return False
    result = dialog.restore_result
    told = (
        QCoreApplication.translate(
            "RecoveryDialog",
            "Basis data dipulihkan dari %1. Berkas yang rusak disimpan apa adanya di folder "
            "cadangan sebagai %2.",
        )
        .replace("%1", result.source.name)
        .replace("%2", result.aside.name if result.aside else "-")
    )
    if has_hub(paths.data_dir):
        # Every restore makes a new incarnation (services.incarnation): for a desk with a
        # hub that means an administrator's step; a desk without one has nothing to do.
        told += "\n\n" + QCoreApplication.translate(
            "RecoveryDialog",
            "Desk ini menjadi workstation baru dengan ID situs baru. Sinkron berikutnya "
            "mengunduh semua data dari hub dan mengirim ulang yang belum dimiliki hub. "
            "Administrator perlu mendaftarkan desk ini lagi di hub (Administrasi \u2192 "
            "Pengaturan hub).",
        )
    dialogs.inform(None, QCoreApplication.translate("RecoveryDialog", "Pemulihan selesai"), told)
    return True
