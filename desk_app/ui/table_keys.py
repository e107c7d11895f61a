"""Enter on a table's row opens it, as a double-click does.

Qt's ``activated`` would do for Enter, but on desktops set to open on a single click it
fires on every click too; a key filter keeps Enter and the double-click, nothing more.
Only a plain Enter opens: Ctrl+Enter and the like stay the window's.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterOpens(QObject):
    def __init__(self, view: QAbstractItemView, open_row: Callable[[QModelIndex], object]) -> None:
        super().__init__(view)
        self._view = view
        self._open_row = open_row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        index = self._view.currentIndex()
        if (
            event.key() in _ENTER
            and plain
            and index.isValid()
            and self._view.state() != QAbstractItemView.State.EditingState
        ):
            self._open_row(index)
            return True
        return False


def open_on_enter(view: QAbstractItemView, open_row: Callable[[QModelIndex], object]) -> None:
    """Enter on ``view``'s current row calls ``open_row(index)``."""
    view.installEventFilter(_EnterOpens(view, open_row))
