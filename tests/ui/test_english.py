"""Switching to English leaves no Indonesian string on the main window."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from desk_helpers import HeldTasks, make_incident, make_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desk_app.context import AppContext, open_context
from desk_app.services import regions
from desk_app.services.actor import Actor
from desk_app.ui.app import apply_language
from desk_app.ui.i18n import install_language, translations_dir
from desk_app.ui.main_window import MainWindow
from desk_app.ui.preferences_dialog import PreferencesDialog
from desk_app.ui.settings import Settings


def _build_catalogues() -> list[Path]:
    """Compile every stale .qm, as ``make translations`` does."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    catalogues = sorted(translations_dir().glob("*_en.ts"))
    for ts in catalogues:
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    return catalogues


def _indonesian_sources(catalogues: list[Path]) -> set[str]:
    """Source strings whose English differs: seeing one of them means a missed translation."""
    found: set[str] = set()
    shared: set[str] = set()  # words both languages use somewhere ("Status", "Forum")
    for ts in catalogues:
        for message in ET.parse(ts).getroot().iter("message"):
            source = (message.findtext("source") or "").replace("&", "").strip()
            english = (message.findtext("translation") or "").replace("&", "").strip()
            if source and source != english and len(source) > 1:
                found.add(source)
            elif source == english:
                shared.add(source)
    return found - shared


def _texts(window: MainWindow) -> Iterator[tuple[str, str]]:
    """Every text a person can see or hover on the window: (where, text)."""
    yield from _texts_of(window)
    chart = window.overview_tab.chart
    yield "chart.title", chart.title()
    for series in chart.series():
        for bar_set in series.barSets():  # type: ignore[attr-defined]
            yield "chart.set", bar_set.label()
    for axis in chart.axes():
        yield "chart.axis", axis.titleText()


def _texts_of(window: QWidget) -> Iterator[tuple[str, str]]:
    """Every text of a window's widgets, menus and menu bar: (where, text)."""
    yield "title", window.windowTitle()
    for widget in [window, *window.findChildren(QWidget)]:
        name = f"{type(widget).__name__}#{widget.objectName()}"
        yield f"{name}.toolTip", widget.toolTip()
        yield f"{name}.statusTip", widget.statusTip()
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            yield f"{name}.text", widget.text()
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            yield f"{name}.placeholder", widget.placeholderText()
        if isinstance(widget, QGroupBox):
            yield f"{name}.title", widget.title()
        if isinstance(widget, QMenu):
            yield f"{name}.title", widget.title()
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield f"{name}.tab{i}", widget.tabText(i)
                yield f"{name}.tabTip{i}", widget.tabToolTip(i)
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{name}.item{i}", widget.itemText(i)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(column, Qt.Orientation.Horizontal, role)
                    yield f"{name}.header{column}", str(value or "")
                for row in range(min(model.rowCount(), 50)):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = model.index(row, column).data(role)
                        yield f"{name}[{row},{column}]", str(value or "")
    for action in window.findChildren(QMenu):
        for item in action.actions():
            yield f"menu {action.title()}", item.text()
            yield f"menu {action.title()} tip", item.toolTip()
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            yield "menubar", action.text()


@pytest.fixture
def catalogues(qapp: QApplication) -> Iterator[list[Path]]:
    built = _build_catalogues()
    yield built
    install_language(qapp, "id")


def test_english_leaves_no_indonesian_string(
    qtbot: QtBot,
    qapp: QApplication,
    ctx: AppContext,
    admin: Actor,
    catalogues: list[Path],
) -> None:
    make_incident(ctx, admin, region="33.74", severity=4)
    with ctx.db.write() as session:
        regions.set_alert_level(session, admin, "33.74", "siaga", "uji")
    settings = Settings(ctx.paths.settings_file)
    # The user picks English in the preferences; it applies at the next start.
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.accept()
    # The restart question, answered "later" (left open, it stays the active window for
    # the tests after this one).
    box = dialog.restart_box
    qtbot.addWidget(box)
    box.reject()
    assert apply_language(qapp, Settings(ctx.paths.settings_file)) == "en"

    window = make_window(qtbot, ctx)
    window.show()
    window.regions_tab.select_region("33.74")
    indonesian = _indonesian_sources(catalogues)
    assert "Wilayah" in indonesian and "Kondusif" in indonesian
    seen = [(where, text) for where, text in _texts(window) if text]
    leftovers = [
        (where, text) for where, text in seen if text.replace("&", "").strip() in indonesian
    ]
    assert leftovers == [], "\n".join(f"{w}: {t!r}" for w, t in leftovers)
    texts = {text.replace("&", "") for _, text in seen}
    assert {"Regions", "Incidents", "Contacts", "Overview"} <= texts
    assert "Alert" in texts  # Kota Semarang's level, in words
    assert "Security and public order disturbance" in texts  # a chart category


def test_the_start_screen_in_english(
    qtbot: QtBot, qapp: QApplication, data_dir: Path, catalogues: list[Path]
) -> None:
    """The window shell and the sign-in, shown before the database is open, speak English
    too, the waiting message included."""
    from desk_app.config import AppPaths
    from desk_app.ui.app import DeskStart
    from desk_app.ui.signin_dialog import SignInDialog

    open_context(data_dir).close()
    install_language(qapp, "en")
    paths = AppPaths(data_dir)
    tasks = HeldTasks()
    start = DeskStart(paths, settings=Settings(paths.settings_file), tasks=tasks)
    qtbot.addWidget(start.window)
    start._ask(first=False)
    dialog = start.dialog
    assert isinstance(dialog, SignInDialog)
    qtbot.addWidget(dialog)
    dialog.password.setText("whatever-it-is")
    dialog.accept()  # before the database is open
    indonesian = _indonesian_sources(catalogues)
    seen = [
        (where, text)
        for where, text in [
            *_texts_of(start.window),
            *_texts_of(dialog),
        ]
        if text.replace("&", "").strip() in indonesian
    ]
    assert not seen
    assert dialog.message.text() == "Opening the database…"
    assert dialog.windowTitle() == "Sign in — Desk Pilkada"
