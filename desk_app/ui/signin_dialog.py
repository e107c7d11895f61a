"""Signing in: the first start's administrator password, the sign-in dialog, the idle lock.

The sign-in at start may be shown before the database is open (see
``desk_app.ui.app``): a press of "Masuk" that comes too early waits for the database
and is answered as soon as it is open. This module therefore loads nothing of the
database layer until a password is checked.

The idle lock watches every key press and mouse action of the application (an event
filter on the QApplication). After the configured minutes without input it covers every
window of the application and asks the signed-in user's password again; the windows and
their open forms stay as they were underneath, so no typed work is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.actor import Actor
from desk_app.services.errors import ServiceError, ValidationError
from desk_app.services.passwords import PASSWORD_MIN_LENGTH

if TYPE_CHECKING:
    from desk_app.context import AppContext
    from desk_app.ui.tasks import TaskRunner

log = logging.getLogger("desk_app.ui.signin")


def account_error_text(exc: Exception) -> str:
    """A translated message for the errors of accounts, backups and the disk."""
    code = getattr(exc, "code", "")
    if isinstance(exc, ValidationError):
        texts = {
            "password_too_short": QCoreApplication.translate(
                "AdminTexts", "Kata sandi minimal %1 karakter."
            ).replace("%1", str(PASSWORD_MIN_LENGTH)),
            "too_long": QCoreApplication.translate("AdminTexts", "Terlalu panjang."),
            "invalid_characters": QCoreApplication.translate(
                "AdminTexts", "Berisi karakter yang tidak sah."
            ),
            "username_format": QCoreApplication.translate(
                "AdminTexts",
                "Nama pengguna: 2–60 huruf kecil, angka, titik, garis bawah atau tanda hubung.",
            ),
            "username_taken": QCoreApplication.translate(
                "AdminTexts", "Nama pengguna sudah dipakai."
            ),
            "unknown_role": QCoreApplication.translate("AdminTexts", "Peran tidak dikenal."),
            "required": QCoreApplication.translate("AdminTexts", "Wajib diisi."),
        }
        return "\n".join(texts.get(c, c) for c in exc.errors.values())
    values = getattr(exc, "values", {}) or {}
    texts = {
        "bad_credentials": QCoreApplication.translate(
            "AdminTexts", "Nama pengguna atau kata sandi salah."
        ),
        "password_not_set": QCoreApplication.translate(
            "AdminTexts", "Pengguna ini belum memiliki kata sandi. Minta administrator mengaturnya."
        ),
        "user_disabled": QCoreApplication.translate(
            "AdminTexts", "Pengguna ini dinonaktifkan. Hubungi administrator."
        ),
        "not_found": QCoreApplication.translate("AdminTexts", "Pengguna tidak ditemukan."),
        "permission_denied": QCoreApplication.translate(
            "AdminTexts", "Peran Anda tidak berwenang untuk tindakan ini."
        ),
        "last_admin": QCoreApplication.translate(
            "AdminTexts", "Ini administrator aktif terakhir; tidak ada yang diubah."
        ),
        "already_set": QCoreApplication.translate(
            "AdminTexts", "Kata sandi administrator sudah diatur."
        ),
        "passwords_differ": QCoreApplication.translate(
            "AdminTexts", "Kedua kata sandi tidak sama."
        ),
        "backup_failed": QCoreApplication.translate(
            "AdminTexts", "Cadangan gagal: %1. Basis data tidak diubah."
        ),
        "restore_failed": QCoreApplication.translate(
            "AdminTexts", "Pemulihan gagal: %1. Basis data saat ini tidak diubah."
        ),
        "no_backup": QCoreApplication.translate(
            "AdminTexts", "Tidak ada cadangan di folder cadangan. Pilih berkas cadangan."
        ),
        "no_good_backup": QCoreApplication.translate(
            "AdminTexts",
            "Tidak ada cadangan di folder cadangan yang lolos pemeriksaan. "
            "Pilih berkas cadangan lain.",
        ),
        "not_a_desk_db": QCoreApplication.translate(
            "AdminTexts", "Berkas ini bukan basis data Desk Pilkada."
        ),
        "db_too_new": QCoreApplication.translate(
            "AdminTexts",
            "Berkas ini dibuat oleh versi Desk Pilkada yang lebih baru. Pasang versi terbaru.",
        ),
        "disk_full": QCoreApplication.translate(
            "AdminTexts", "Disk penuh: tidak ada yang disimpan. Kosongkan ruang lalu coba lagi."
        ),
        "read_only": QCoreApplication.translate(
            "AdminTexts", "Folder data tidak dapat ditulisi: tidak ada yang disimpan."
        ),
        "storage_error": QCoreApplication.translate(
            "AdminTexts", "Basis data tidak dapat ditulisi: %1. Tidak ada yang disimpan."
        ),
    }
    text = texts.get(code)
    if text is None:
        return str(exc)
    return text.replace("%1", str(values.get("reason", "")))


class _PasswordPair(QWidget):
    """A new password typed twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.first = QLineEdit()
        self.first.setObjectName("newPassword")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setObjectName("repeatPassword")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Kata sandi &baru:"), self.first)
        form.addRow(self.tr("&Ulangi kata sandi:"), self.second)

    def password(self) -> str:
        if self.first.text() != self.second.text():
            raise ServiceError("passwords differ", code="passwords_differ")
        return self.first.text()


class _AccountDialog(QDialog):
    """A dialog that checks a password against the database, which may still be opening:
    a press of the button before ``set_context()`` waits and is answered then.

    With ``tasks``, the check (argon2id takes a noticeable fraction of a second) runs on
    a worker and the window stays responsive; without, on the GUI thread.
    """

    def __init__(
        self,
        ctx: AppContext | None,
        parent: QWidget | None = None,
        *,
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.waiting = False
        self.checking = False
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.ok_button: QPushButton | None = None

    def set_context(self, ctx: AppContext) -> None:
        """The database is open: answer a press that came before."""
        self.ctx = ctx
        if self.waiting:
            self.waiting = False
            self._set_busy(False)
            self.show_message("")
            self.accept()

    def show_message(self, text: str, *, error: bool = True) -> None:
        self.message.setStyleSheet("color: #b00020" if error else "")
        self.message.setText(text)

    def _set_busy(self, busy: bool) -> None:
        if self.ok_button is not None:
            self.ok_button.setEnabled(not busy)

    def wait_for_database(self) -> bool:
        """True (and the press kept) when the database is not open yet."""
        if self.ctx is not None:
            return False
        self.waiting = True
        self._set_busy(True)
        self.show_message(
            QCoreApplication.translate("AdminTexts", "Membuka basis data…"), error=False
        )
        return True

    def check(self, work: Callable[[AppContext], Actor]) -> None:
        """Run ``work`` (which signs someone in) and close the dialog when it succeeds."""
        if self.checking or self.wait_for_database():
            return
        ctx = self.ctx
        assert ctx is not None
        if self.tasks is None:
            try:
                actor = work(ctx)
            except ServiceError as exc:
                self._refused(exc)
                return
            self._signed_in(actor)
            return
        self.checking = True
        self._set_busy(True)
        self.show_message(
            QCoreApplication.translate("AdminTexts", "Memeriksa kata sandi…"), error=False
        )
        self.tasks.run(lambda: work(ctx), self._checked, self._check_refused)

    def _gone(self) -> bool:
        """Whether the dialog was closed (or deleted) while its check ran on the worker."""
        return not shiboken6.isValid(self) or not self.isVisible()

    def _checked(self, actor: Actor) -> None:
        if not self._gone():  # cancelled meanwhile: nobody signs in
            self._signed_in(actor)

    def _check_refused(self, exc: Exception) -> None:
        if not self._gone():
            self._refused(exc)

    def _signed_in(self, actor: Actor) -> None:
        self.checking = False
        self._set_busy(False)
        assert self.ctx is not None
        self.ctx.actor = actor
        self.show_message("")
        super().accept()

    def _refused(self, exc: Exception) -> None:
        self.checking = False
        self._set_busy(False)
        self.show_message(account_error_text(exc))


class FirstRunDialog(_AccountDialog):
    """First start: the administrator chooses the desk's first password."""

    def __init__(
        self,
        ctx: AppContext | None,
        parent: QWidget | None = None,
        *,
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("Mulai pertama — Desk Pilkada"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Selamat datang. Tetapkan kata sandi administrator (pengguna <b>admin</b>) "
                "sebelum memakai Desk Pilkada. Minimal %1 karakter; simpan di tempat aman."
            ).replace("%1", str(PASSWORD_MIN_LENGTH))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.passwords = _PasswordPair()
        layout.addWidget(self.passwords)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Simpan dan masuk"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        try:
            password = self.passwords.password()
        except ServiceError as exc:
            self.show_message(account_error_text(exc))
            return

        def set_password(ctx: AppContext) -> Actor:
            from desk_app.services import auth

            with ctx.db.write() as session:
                return auth.set_first_password(session, password)

        self.check(set_password)


class SignInDialog(_AccountDialog):
    """User name and password; with ``locked``, only the signed-in user may unlock."""

    def __init__(
        self,
        ctx: AppContext | None,
        parent: QWidget | None = None,
        *,
        username: str = "",
        locked: bool = False,
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__(ctx, parent, tasks=tasks)
        self.locked = locked
        self.setObjectName("signInDialog")
        self.setWindowTitle(
            self.tr("Layar terkunci") if locked else self.tr("Masuk — Desk Pilkada")
        )
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Layar dikunci karena tidak ada aktivitas. Masukkan kata sandi untuk lanjut.")
            if locked
            else self.tr("Masuk dengan nama pengguna dan kata sandi Anda.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.username.setReadOnly(locked)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Nama pengguna:"), self.username)
        form.addRow(self.tr("&Kata sandi:"), self.password)
        layout.addLayout(form)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Buka kunci") if locked else self.tr("Masuk"))
        self.quit_button = QPushButton(self.tr("Keluar aplikasi") if locked else self.tr("Batal"))
        self.quit_button.setObjectName("quitButton")
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()
        self.setMinimumWidth(420)
        self.actor: Actor | None = None

    def accept(self) -> None:
        username, password = self.username.text(), self.password.text()

        def verify(ctx: AppContext) -> Actor:
            from desk_app.services import auth
            from desk_app.sync.connection import sign_in_online

            with ctx.db.read() as session:
                actor = auth.verify_password(session, username, password)
            # Signed in to the sync service too, when this desk is connected and online.
            sign_in_online(ctx.db, ctx.paths.data_dir, username, password)
            return actor

        self.check(verify)

    def _signed_in(self, actor: Actor) -> None:
        self.actor = actor
        super()._signed_in(actor)

    def _refused(self, exc: Exception) -> None:
        self.password.clear()
        super()._refused(exc)

    def keyPressEvent(self, event: object) -> None:
        # Escape must not dismiss the lock: only the password (or quitting) does.
        from PySide6.QtGui import QKeyEvent

        if self.locked and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]


#: Set on the application while the idle lock's "Keluar aplikasi" closes every window.
QUITTING_PROPERTY = "deskQuitting"


def quitting() -> bool:
    """Whether the application is closing its windows from the lock: a form must not ask
    a question then (the lock covers it, so nobody could answer)."""
    app = QCoreApplication.instance()
    return bool(app is not None and app.property(QUITTING_PROPERTY))


def needs_first_password(ctx: AppContext) -> bool:
    """Whether this desk's administrator has yet to choose a password."""
    from desk_app.services import auth

    with ctx.db.read() as session:
        return auth.needs_first_password(session)


def sign_in(ctx: AppContext, parent: QWidget | None = None, *, username: str = "") -> bool:
    """Ask who is at the desk (the first start asks for the administrator's password)."""
    dialog: QDialog = (
        FirstRunDialog(ctx, parent)
        if needs_first_password(ctx)
        else SignInDialog(ctx, parent, username=username)
    )
    return dialog.exec() == QDialog.DialogCode.Accepted and ctx.actor is not None


class LockCover(QWidget):
    """An opaque sheet over one window's content while the desk is locked.

    A child of the window rather than a change to it: the window is not hidden or
    closed, so a dialog's ``exec()`` keeps running, its fields keep what was typed and
    its result is not lost. The cover follows the window's size and stays above every
    other child the window gains meanwhile.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lockCover { background: #1f2a36; } QLabel { color: #d5dde6; }")
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Layar terkunci"))
        label.setObjectName("lockCoverLabel")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window = self.parentWidget()
        if watched is window and window is not None:
            if event.type() == QEvent.Type.Resize:
                self.setGeometry(window.rect())
            elif event.type() == QEvent.Type.ChildAdded:
                # A widget added later is stacked above older siblings: stay on top.
                self.raise_()
        return False


class IdleLock(QObject):
    """Locks the desk after ``minutes`` without input; 0 minutes means never.

    Locking covers every visible window of the application (the main window, incident
    forms, detail and audit windows, dialogs in ``exec()``) and every window shown while
    locked, swallows all input to them, and opens an application-modal password dialog.
    Unlocking removes the covers; nothing underneath was hidden, closed or changed.
    """

    #: Input that restarts the countdown.
    _INPUT = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )
    #: Input that, while locked, reaches nothing but the password dialog.
    _BLOCKED = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
            QEvent.Type.ShortcutOverride,
            QEvent.Type.Shortcut,
            QEvent.Type.InputMethod,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.ContextMenu,
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.TabletPress,
            QEvent.Type.TabletRelease,
            QEvent.Type.TabletMove,
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.Drop,
        }
    )
    #: Windows that are not covered: menus and combo lists (closed when locking) and tips.
    _UNCOVERED_TYPES = frozenset(
        {Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.Desktop}
    )

    #: True when the desk locks, False when it is unlocked again.
    lock_changed = Signal(bool)

    def __init__(self, window: QMainWindow, ctx: AppContext, minutes: int) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.locked = False
        self.dialog: SignInDialog | None = None
        self.covers: list[LockCover] = []
        self.timer = QTimer(self)
        self.timer.setObjectName("idleLockTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.stopped = False
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(0, int(minutes))
        if self.minutes and not self.stopped:
            self.timer.start(self.minutes * 60_000)
        else:
            self.timer.stop()

    def stop(self) -> None:
        """The window closed: no more locking, nor watching every input of the application
        (the filter would restart the timer at each key typed in another window)."""
        self.stopped = True
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # -- watching the whole application --------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        etype = event.type()
        if not self.locked:
            if self.minutes and etype in self._INPUT:
                self.timer.start(self.minutes * 60_000)
            return False
        if etype in self._BLOCKED:
            return not self._belongs_to_dialog(watched)
        if isinstance(watched, QWidget) and not isinstance(watched, LockCover):
            if etype == QEvent.Type.Show and watched.isWindow():
                # A window opened while locked (a message box from a background task, a
                # panel reopened by a timer) is covered before it first paints.
                self._cover(watched)
            elif etype == QEvent.Type.ZOrderChange:
                cover = self.cover_of(watched.parentWidget())
                if cover is not None:
                    cover.raise_()
        return False

    def _belongs_to_dialog(self, obj: QObject) -> bool:
        dialog = self.dialog
        if dialog is None:
            return False
        if isinstance(obj, QWidget):
            return obj is dialog or dialog.isAncestorOf(obj)
        return obj is dialog.windowHandle()

    # -- covers ----------------------------------------------------------------------------

    def _coverable(self, widget: QWidget) -> bool:
        if not widget.isWindow() or widget.windowType() in self._UNCOVERED_TYPES:
            return False
        dialog = self.dialog
        return dialog is None or not (widget is dialog or dialog.isAncestorOf(widget))

    def cover_of(self, window: QWidget | None) -> LockCover | None:
        if window is None:
            return None
        for cover in self.covers:
            if shiboken6.isValid(cover) and cover.parentWidget() is window:
                return cover
        return None

    def _cover(self, window: QWidget) -> None:
        if self._coverable(window) and self.cover_of(window) is None:
            self.covers.append(LockCover(window))

    def _remove_covers(self) -> None:
        covers, self.covers = self.covers, []
        for cover in covers:
            if shiboken6.isValid(cover):  # gone with its window if that was deleted
                cover.hide()
                cover.deleteLater()

    # -- locking ---------------------------------------------------------------------------

    def lock(self) -> bool:
        """Cover every window and ask for the password; True once unlocked."""
        if self.locked or self.ctx.actor is None:
            return True
        self.locked = True
        log.info("screen locked (idle lock: %d minutes)", self.minutes)
        # An open menu or combo list would stay above the covers.
        for _ in range(16):
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        QToolTip.hideText()
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                self._cover(widget)
        self._open_dialog()
        self.lock_changed.emit(True)
        return False

    def _open_dialog(self) -> None:
        assert self.ctx.actor is not None
        self.dialog = SignInDialog(
            self.ctx, self.window, username=self.ctx.actor.username, locked=True
        )
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.finished.connect(self._finished)
        self.dialog.open()

    def _finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            # "Keluar aplikasi": close as on any close, so that forms keep their drafts.
            log.info("locked session ended by quitting")
            QTimer.singleShot(0, self._quit)
            return
        self._remove_covers()
        self.locked = False
        log.info("screen unlocked")
        self.set_minutes(self.minutes)
        self.lock_changed.emit(False)

    def _quit(self) -> None:
        # The other windows first: an incident form saves its draft as it closes, and a
        # dialog in exec() returns, so that nothing keeps the application running.
        app = QCoreApplication.instance()
        if app is not None:
            app.setProperty(QUITTING_PROPERTY, True)
        try:
            for widget in QApplication.topLevelWidgets():
                if widget is not self.window and widget.isVisible() and self._coverable(widget):
                    widget.close()
            self.window.close()
        finally:
            if app is not None:
                app.setProperty(QUITTING_PROPERTY, False)
        if self.window.isVisible():  # the close was refused: stay locked
            self._open_dialog()
            return
        self._remove_covers()
        self.locked = False
