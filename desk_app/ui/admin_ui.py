"""Administration in the window: users, the audit log, backups and restore, the idle lock,
and the automatic daily backup while the window is open."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from desk_app.context import settle_identity, sign_in_as
from desk_app.db import DatabaseError, open_database
from desk_app.services import backup
from desk_app.services.errors import ServiceError
from desk_app.services.permissions import Action, allowed
from desk_app.sync.connection import forget_previous_incarnation
from desk_app.sync.settings import has_hub
from desk_app.ui.audit_viewer import AuditViewer, show_record_history
from desk_app.ui.recovery import other_desk_question
from desk_app.ui.settings import Settings
from desk_app.ui.signin_dialog import IdleLock, account_error_text, sign_in
from desk_app.ui.users_dialog import UsersDialog

if TYPE_CHECKING:
    from desk_app.ui.main_window import MainWindow

log = logging.getLogger("desk_app.ui.admin")

#: How many automatic backups of each kind stay (settings.ini ``backup/keep``).
BACKUP_KEEP_KEY = "backup/keep"
#: How often the window checks whether today's backup is due.
BACKUP_CHECK_MS = 30 * 60_000


def backup_keep(settings: Settings) -> int:
    try:
        return max(1, int(settings.value(BACKUP_KEEP_KEY, backup.DEFAULT_KEEP)))
    except (TypeError, ValueError):
        return backup.DEFAULT_KEEP


class AdminFeature(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.dialogs = window.dialogs
        menu = window.menus["admin"]
        actor = self.ctx.actor
        self.users_action = window.command(
            "manage_users",
            self.tr("&Pengguna dan peran…"),
            self.open_users,
            tip=self.tr("Tambah pengguna, ubah peran, nonaktifkan, data pribadi"),
        )
        self.audit_action = window.command(
            "audit_log",
            self.tr("Log &audit…"),
            self.open_audit,
            "Ctrl+Shift+A",
            tip=self.tr("Log audit"),
        )
        self.backup_action = window.command(
            "backup_now",
            self.tr("&Cadangkan sekarang"),
            self.backup_now,
            tip=self.tr("Cadangkan sekarang"),
        )
        self.restore_action = window.command(
            "restore",
            self.tr("&Pulihkan dari cadangan…"),
            self.restore,
            tip=self.tr("Pulihkan dari cadangan"),
        )
        self.lock_action = window.command(
            "lock_screen",
            self.tr("&Kunci layar"),
            self.lock_now,
            "Ctrl+L",
            tip=self.tr("Kunci layar"),
        )
        menu.addSeparator()
        menu.addAction(self.users_action)
        menu.addAction(self.audit_action)
        menu.addSeparator()
        menu.addAction(self.backup_action)
        menu.addAction(self.restore_action)
        file_menu = window.menus["file"]
        existing = file_menu.actions()
        if existing:  # before "Keluar"
            file_menu.insertAction(existing[-1], self.lock_action)
        else:
            file_menu.addAction(self.lock_action)
        is_admin_users = actor is not None and allowed(actor, Action.MANAGE_USERS)
        is_admin_backups = actor is not None and allowed(actor, Action.MANAGE_BACKUPS)
        self.users_action.setVisible(is_admin_users)
        self.audit_action.setVisible(is_admin_users)
        self.backup_action.setVisible(is_admin_backups)
        self.restore_action.setVisible(is_admin_backups)

        self.idle_lock = IdleLock(window, self.ctx, window.settings.idle_lock_minutes)
        # The preference may change while the window is open.
        self.settings_poll = QTimer(self)
        self.settings_poll.timeout.connect(self._refresh_lock_minutes)
        self.settings_poll.start(60_000)

        self.backup_timer = QTimer(self)
        self.backup_timer.setObjectName("dailyBackupTimer")
        self.backup_timer.timeout.connect(self.daily_backup)
        self.backup_timer.start(BACKUP_CHECK_MS)
        # Soon after the start (not during it: the window should open fast).
        self.first_backup = QTimer(self)
        self.first_backup.setSingleShot(True)
        self.first_backup.timeout.connect(self.daily_backup)
        self.first_backup.start(10_000)
        self._closed = False
        window.closed.connect(self._window_closed)

    def _window_closed(self) -> None:
        # The window object outlives its close (until deleted): without this its timers
        # went on, and a backup started after the close reported into whatever ran next.
        self._closed = True
        for timer in (self.settings_poll, self.backup_timer, self.first_backup):
            timer.stop()
        self.idle_lock.stop()

    # -- actions -------------------------------------------------------------------------

    def open_users(self) -> None:
        UsersDialog(self.ctx, self.window.bus, self.window).exec()

    def open_audit(self) -> None:
        AuditViewer(self.ctx, self.window).exec()

    def show_history(self, table_name: str, record_id: str) -> None:
        show_record_history(self.ctx, table_name, record_id, self.window)

    def lock_now(self) -> None:
        self.idle_lock.lock()

    def _refresh_lock_minutes(self) -> None:
        minutes = self.window.settings.idle_lock_minutes
        if minutes != self.idle_lock.minutes and not self.idle_lock.locked:
            self.idle_lock.set_minutes(minutes)

    def daily_backup(self) -> None:
        paths = self.ctx.paths
        if self._closed or not backup.daily_backup_due(paths.backups_dir):
            return
        keep = backup_keep(self.window.settings)

        def work() -> backup.BackupInfo:
            return backup.create_backup(paths.database, paths.backups_dir, kind="daily", keep=keep)

        def failed(exc: Exception) -> None:
            if self._closed:
                # Most likely the close itself (the database closed under the copy).
                log.info("daily backup not finished before the window closed: %s", exc)
                return
            log.error("daily backup failed: %s", exc)
            self.window.statusBar().showMessage(
                self.tr("Cadangan harian gagal: %1").replace("%1", account_error_text(exc)), 15_000
            )

        def done(info: backup.BackupInfo) -> None:
            if not self._closed:
                self.window.statusBar().showMessage(self.tr("Cadangan harian tersimpan."), 8_000)

        self.window.tasks.run(work, done, failed)

    def backup_now(self) -> None:
        path = self.dialogs.save_file(
            self.window,
            self.tr("Simpan cadangan"),
            str(self.ctx.paths.backups_dir / backup.backup_name("manual")),
            self.tr("Basis data Desk Pilkada (*.sqlite3)"),
        )
        if path:
            self.backup_to(Path(path))

    def backup_to(self, path: Path) -> bool:
        try:
            info = backup.create_backup(
                self.ctx.paths.database,
                self.ctx.paths.backups_dir,
                dest=path,
                keep=backup_keep(self.window.settings),
            )
        except DatabaseError as exc:
            self.dialogs.warn(self.window, self.tr("Cadangan gagal"), account_error_text(exc))
            return False
        self.window.statusBar().showMessage(
            self.tr("Cadangan tersimpan dan diperiksa: %1").replace("%1", str(info.path)), 10_000
        )
        return True

    def restore(self) -> None:
        path = self.dialogs.open_file(
            self.window,
            self.tr("Pulihkan dari cadangan"),
            str(self.ctx.paths.backups_dir),
            self.tr("Basis data Desk Pilkada (*.sqlite3 *.db);;Semua berkas (*)"),
        )
        if not path:
            return
        self.restore_from(Path(path), ask=True)

    def _background_work_done(self) -> bool:
        """Wait, with the window responsive, until nothing runs on the window's workers (a
        sync, a save, a page being read): the database is about to be replaced under
        them. False when the user stops waiting. Work is started only from the GUI thread,
        so none can start between the end of this wait and the restore."""
        tasks = self.window.tasks
        if not tasks.pending:
            return True
        dialog = QProgressDialog(
            self.tr("Menunggu sinkronisasi dan pekerjaan lain selesai sebelum memulihkan…"),
            self.tr("Batal"),
            0,
            0,
            self.window,
        )
        dialog.setWindowTitle(self.tr("Pulihkan dari cadangan"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        loop = QEventLoop()
        poll = QTimer()
        poll.timeout.connect(
            lambda: loop.quit() if not tasks.pending or dialog.wasCanceled() else None
        )
        dialog.canceled.connect(loop.quit)
        poll.start(50)
        dialog.show()
        loop.exec()
        poll.stop()
        dialog.close()
        dialog.deleteLater()
        return not tasks.pending

    def restore_from(self, source: Path, *, ask: bool = False) -> bool:
        """Replace the database by ``source``; the window reloads everything after.

        Another desk's backup is restored only when the user says yes to a question that
        says what will happen (asked even when ``ask`` is False); with ``ask``, a backup
        of this desk asks the usual question first."""
        ctx = self.ctx
        actor = ctx.actor
        try:
            backup.verify_database_file(source)
        except DatabaseError as exc:
            self.dialogs.warn(self.window, self.tr("Pemulihan ditolak"), account_error_text(exc))
            return False
        plan = backup.restore_plan(ctx.paths.database, source)
        connected = has_hub(ctx.paths.data_dir)
        if plan.other_desk:
            assert plan.backup is not None
            question = other_desk_question(
                plan.backup.code,
                plan.current.code if plan.current else "-",
                connected=connected,
            )
            if not self.dialogs.ask(self.window, self.tr("Cadangan desk lain"), question):
                return False
        elif ask and not self.dialogs.ask(
            self.window,
            self.tr("Pulihkan dari cadangan"),
            self.tr(
                "Basis data saat ini akan diganti dengan cadangan ini. Basis data saat ini "
                "disimpan dulu di folder cadangan. Lanjutkan?"
            ),
        ):
            return False
        if not self._background_work_done():
            return False
        ctx.db.dispose()
        try:
            result = backup.restore_database(
                ctx.paths.database,
                source,
                ctx.paths.backups_dir,
                allow_other_desk=plan.other_desk,
            )
        except DatabaseError as exc:
            self.dialogs.warn(self.window, self.tr("Pemulihan gagal"), account_error_text(exc))
            return False
        finally:
            ctx.db = open_database(ctx.paths.database)
        # A new incarnation: new site id, everything pulled and offered again at the next
        # sync (services.incarnation).
        new = settle_identity(ctx)
        if new is not None:
            forget_previous_incarnation(ctx.paths.data_dir, new)
        log.info("restored from a backup in the window")
        # The restored database may not know the user any more, or know them disabled.
        try:
            if actor is not None:
                sign_in_as(ctx, actor.username)
        except ServiceError:
            ctx.actor = None
            if not sign_in(ctx, self.window):
                self.window.close()
                return True
        self.window.refresh()
        aside = result.aside.name if result.aside else "-"
        self.dialogs.inform(
            self.window,
            self.tr("Pemulihan selesai"),
            self.tr(
                "Basis data dipulihkan. Basis data sebelumnya rusak; berkasnya disimpan apa "
                "adanya sebagai %1."
            ).replace("%1", aside)
            if result.broken
            else self.tr(
                "Basis data dipulihkan. Basis data sebelumnya disimpan sebagai %1."
            ).replace("%1", aside),
        )
        if new is not None:
            # Enrolling again is a step only for a desk that has a hub.
            told = (
                self.tr(
                    "Desk ini sekarang workstation baru %1 (sebelumnya %2). Sinkron "
                    "berikutnya mengunduh semua data dari hub dan mengirim ulang yang belum "
                    "dimiliki hub. Administrator perlu mendaftarkan desk ini lagi di hub "
                    "(Administrasi \u2192 Pengaturan hub)."
                )
                if connected
                else self.tr(
                    "Desk ini sekarang workstation baru %1 (sebelumnya %2): ID situsnya "
                    "baru, ID lama dicatat sebagai \u201csebelumnya\u201d."
                )
            )
            self.dialogs.inform(
                self.window,
                self.tr("Workstation baru"),
                told.replace("%1", new.code).replace("%2", new.formerly[:8] or "-"),
            )
        return True


def install(window: MainWindow) -> None:
    window.features.add(AdminFeature(window))
