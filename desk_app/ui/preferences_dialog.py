"""Preferences: the interface language and the idle-lock delay."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.ui.screen_fit import fit_window
from desk_app.ui.settings import Settings


class PreferencesDialog(QDialog):
    """Saved to the settings file on OK. A new language applies at the next start."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
            self.tr("Bahasa baru berlaku setelah Desk Pilkada dibuka ulang.")
        )
        self.language_note.setWordWrap(True)
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idleLockSpin")
        minimum = Settings.IDLE_LOCK_MINUTES.minimum or 0
        maximum = Settings.IDLE_LOCK_MINUTES.maximum or 240
        self.idle_spin.setRange(minimum, maximum)
        self.idle_spin.setSuffix(self.tr(" menit"))
        self.idle_spin.setSpecialValueText(self.tr("Tidak pernah"))
        self.idle_spin.setValue(settings.idle_lock_minutes)
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

    def accept(self) -> None:
        self.settings.language = str(self.language_combo.currentData())
        self.settings.idle_lock_minutes = self.idle_spin.value()
        self.settings.sync()
        super().accept()
