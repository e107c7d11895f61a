"""Preferences: the interface language and the idle-lock delay.

A new language applies when the desk starts again: saving one offers to restart now
(``desk_app.ui.restart``), or it applies at the next start.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.ui.dialogs import fit_title
from desk_app.ui.restart import restart_desk
from desk_app.ui.screen_fit import fit_window
from desk_app.ui.settings import Settings


class PreferencesDialog(QDialog):
    """Saved to the settings file on OK. A new language offers a restart of the desk."""

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        restart: Callable[[QWidget, str], bool] = restart_desk,
    ) -> None:
        super().__init__(parent)
        self._restart = restart
        #: The question "restart now?" after a new language was saved, while it is open.
        self.restart_box: QMessageBox | None = None
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferensi"))
        self.settings = settings
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        # Each language is named in itself, so that anyone can find their own.
        self.language_combo.addItem("Bahasa Indonesia", "id")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        self.language_note = QLabel(
            self.tr("Bahasa baru berlaku setelah Desk Pilkada dimulai ulang.")
        )
        self.language_note.setWordWrap(True)
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idleLockSpin")
        minimum = Settings.IDLE_LOCK_MINUTES.minimum or 0
        maximum = Settings.IDLE_LOCK_MINUTES.maximum or 240
        self.idle_spin.setRange(minimum, maximum)
        # "1 minute", "15 minutes": the suffix follows the number.
        self.idle_spin.valueChanged.connect(self._minutes_suffix)
        self.idle_spin.setSpecialValueText(self.tr("Tidak pernah"))
        self.idle_spin.setValue(settings.idle_lock_minutes)
        self._minutes_suffix(self.idle_spin.value())
        self.idle_spin.setToolTip(
            self.tr("Layar terkunci setelah sekian menit tanpa aktivitas (0: tidak pernah)")
        )

        form = QFormLayout()
        form.addRow(self.tr("&Bahasa:"), self.language_combo)
        form.addRow("", self.language_note)
        form.addRow(self.tr("&Kunci layar setelah:"), self.idle_spin)
        for field in (self.language_combo, self.idle_spin):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Simpan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        fit_window(self, 460, 200)

    def _minutes_suffix(self, minutes: int) -> None:
        self.idle_spin.setSuffix(self.tr(" menit", "", minutes))

    def accept(self) -> None:
        lang = str(self.language_combo.currentData())
        changed = lang != self.settings.language
        self.settings.language = lang
        self.settings.idle_lock_minutes = self.idle_spin.value()
        self.settings.sync()
        super().accept()
        if changed:
            self._offer_restart(lang)

    def _offer_restart(self, lang: str) -> None:
        window = self.parentWidget()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Ganti bahasa"),
            self.tr(
                "Bahasa akan berganti setelah Desk Pilkada dimulai ulang. Mulai ulang sekarang?"
            ),
            QMessageBox.StandardButton.NoButton,
            window,
        )
        box.setObjectName("restartBox")
        now = box.addButton(self.tr("&Mulai ulang sekarang"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("&Nanti"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(now)
        fit_title(box)
        restart = self._restart

        def answered() -> None:
            if box.clickedButton() is now and window is not None:
                restart(window.window(), lang)

        box.finished.connect(answered)
        self.restart_box = box
        box.open()
