"""Start the GUI: QApplication, language, sign-in, main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from desk_app.context import AppContext, sign_in_as
from desk_app.ui.i18n import install_language
from desk_app.ui.main_window import MainWindow


def run_gui(ctx: AppContext, *, lang: str = "id", username: str = "admin") -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Desk Pilkada")
    install_language(app, lang)  # type: ignore[arg-type]
    if ctx.actor is None:
        sign_in_as(ctx, username)
    window = MainWindow(ctx)
    window.show()
    return int(app.exec())
