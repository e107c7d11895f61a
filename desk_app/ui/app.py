"""Start the GUI: QApplication, language, sign-in, main window."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from desk_app.context import AppContext
from desk_app.log import setup_logging
from desk_app.ui.i18n import install_language
from desk_app.ui.main_window import MainWindow
from desk_app.ui.settings import Settings
from desk_app.ui.signin_dialog import sign_in


def apply_language(app: QCoreApplication, settings: Settings, lang: str | None = None) -> str:
    """The language of this start: ``--lang`` if given, else the one in the preferences."""
    chosen = lang or settings.language
    install_language(app, chosen)
    return chosen


def run_gui(ctx: AppContext, *, lang: str | None = None, username: str = "admin") -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Desk Pilkada")
    settings = Settings(ctx.paths.settings_file)
    apply_language(app, settings, lang)
    setup_logging(ctx.paths.log_file).info("window starting")
    if ctx.actor is None and not sign_in(ctx, username=username):
        return 0
    window = MainWindow(ctx, settings=settings)
    window.show()
    # Everything built so far lives as long as the window: keep it out of the garbage
    # collector's full passes, which pause every thread (a sync in the background too).
    gc.freeze()
    return int(app.exec())
