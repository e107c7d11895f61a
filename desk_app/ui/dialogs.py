"""Message boxes and file pickers, in one place.

Widgets ask the ``Dialogs`` of their ``UiContext`` instead of calling ``QMessageBox`` or
``QFileDialog`` themselves, so a test answers them by handing the widget an
``AnsweringDialogs`` (``tests/ui/desk_helpers.py``) instead of patching Qt classes.

A message box is as wide as its text, and a window manager cuts a title that is wider
than the window ("Lampiran tidak dapat di…"): ``fit_title`` widens a dialog to its title.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QGridLayout,
    QMessageBox,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

#: Room a title bar takes besides the title: the window's icon and its buttons.
TITLE_BAR_EXTRA = 150


def title_width(title: str) -> int:
    """The width a window manager needs for ``title`` (drawn bold, as most do)."""
    font = QFont(QApplication.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(title) + TITLE_BAR_EXTRA


def fit_title(dialog: QDialog) -> None:
    """Make ``dialog`` at least as wide as its title needs."""
    needed = title_width(dialog.windowTitle())
    layout = dialog.layout()
    if isinstance(dialog, QMessageBox) and isinstance(layout, QGridLayout):
        # A message box sizes itself on show, past any minimum width: a spacer as wide
        # as the title, across the box's grid, is what it respects.
        spacer = QSpacerItem(needed, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())
    elif dialog.minimumWidth() < needed:
        dialog.setMinimumWidth(needed)


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
) -> QMessageBox:
    """A message box whose title is never cut."""
    box = QMessageBox(icon, title, text, buttons, parent)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    fit_title(box)
    return box


class Dialogs:
    """The real thing: modal Qt dialogs."""

    def ask(self, parent: QWidget | None, title: str, text: str) -> bool:
        """A yes/no question whose default answer is No; True for Yes."""
        box = message_box(
            parent,
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        box.exec()
        return box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        message_box(parent, QMessageBox.Icon.Warning, title, text).exec()

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        message_box(parent, QMessageBox.Icon.Information, title, text).exec()

    def open_files(
        self, parent: QWidget | None, title: str, directory: str, filters: str
    ) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(parent, title, directory, filters)
        return list(paths)

    def open_file(self, parent: QWidget | None, title: str, directory: str, filters: str) -> str:
        path, _ = QFileDialog.getOpenFileName(parent, title, directory, filters)
        return str(path)

    def save_file(self, parent: QWidget | None, title: str, suggested: str, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return str(path)
