"""Render the main window on one tab to a PNG, off-screen, from the current database."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

from desk_app.context import AppContext

#: The window as it first opens on the common 1366×768 screen (maximized, less the
#: taskbar and the title bar): what most of the desk's PCs show.
DEFAULT_SIZE = (1366, 698)


class MissingTranslationError(RuntimeError):
    """The language asked for has no compiled catalogue (``*_en.qm``) to draw it in."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang)
        self.lang = lang


def render_screenshot(
    ctx: AppContext,
    tab: str,
    output: Path,
    *,
    lang: str = "id",
    size: tuple[int, int] = DEFAULT_SIZE,
    as_of: datetime | None = None,
) -> Path:
    """Draw the window as a new user would first see it (default layout) on ``tab``.

    ``as_of`` stands in for "now" (UTC), to picture a demo database of a past election.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desk_app.models.enums import AlertLevel
    from desk_app.ui.i18n import install_language
    from desk_app.ui.main_window import TAB_KEYS, MainWindow
    from desk_app.ui.settings import Settings
    from desk_app.ui.tasks import TaskRunner

    if tab not in TAB_KEYS:
        raise ValueError(f"unknown tab {tab!r}; one of {', '.join(TAB_KEYS)}")
    app = QApplication.instance() or QApplication(["desk-app"])
    if not install_language(app, lang):
        # Without its catalogue the picture would be Indonesian under an English name.
        raise MissingTranslationError(lang)
    with tempfile.TemporaryDirectory() as scratch:
        # A scratch settings file: the picture never depends on this user's layout.
        settings = Settings(Path(scratch) / "settings.ini")
        window = MainWindow(
            ctx,
            tasks=TaskRunner(synchronous=True),
            settings=settings,
            clock=(lambda: as_of) if as_of else None,
        )
        window.resize(*size)
        window.show_tab(tab)
        rows = window.regions_tab.model.records()
        if rows:
            # Show a region worth looking at: the highest level, then the most open incidents.
            busiest = max(
                rows, key=lambda r: (AlertLevel(r.alert_level).rank, r.open_total, r.code)
            )
            window.regions_tab.select_region(busiest.code)
        window.show()
        for _ in range(3):
            app.processEvents()
        output.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(output), "PNG"):
            raise OSError(f"could not write {output}")
        window.hide()
        window.deleteLater()
        app.processEvents()
    return output
