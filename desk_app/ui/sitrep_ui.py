"""The sitrep in the main window: "Laporan Situasi…" (Ctrl+P) in the Laporan menu and
the toolbar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from desk_app.ui.main_window import MainWindow
    from desk_app.ui.sitrep_dialog import SitrepDialog


class SitrepFeature(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: SitrepDialog | None = None
        self.action = window.command(
            "sitrep",
            self.tr("Laporan &Situasi…"),
            self.open,
            "Ctrl+P",
            tip=self.tr("Susun, pratinjau dan cetak laporan situasi"),
        )
        # Toolbar buttons show text only: no ellipsis there.
        self.action.setIconText(self.tr("Laporan Situasi"))
        window.menus["report"].addAction(self.action)
        window.toolbar.addAction(self.action)

    def open(self) -> SitrepDialog:
        # Imported when first opened: ReportLab is not needed to start the window.
        from desk_app.ui.sitrep_dialog import SitrepDialog

        if self.dialog is None:
            self.dialog = SitrepDialog(
                self.window.ctx,
                self.window.tasks,
                self.window.bus,
                getattr(self.window, "settings", None),
                parent=self.window,
            )
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog


def install(window: MainWindow) -> None:
    window.features.add(SitrepFeature(window))
