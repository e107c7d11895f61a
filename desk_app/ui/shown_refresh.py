"""A tab that is not on screen refreshes when it is shown, not at every change.

Every save announces its changes on the bus, and each tab that shows the table refreshes.
For a tab behind another one that work is wasted (the board's figures over a million
incidents, its region's lists, the overview's charts), and it competes with the tab the
person is working in: such a tab only notes that it is out of date, and refreshes once
when it is shown. A widget outside a window on screen (a test's, one being built)
refreshes at once, as before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class RefreshWhenShown(QObject):
    def __init__(self, widget: QWidget, refresh: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._refresh = refresh
        #: A change came while the widget was hidden: refresh when it is shown.
        self.pending = False
        widget.installEventFilter(self)

    def request(self) -> None:
        """Refresh now if the widget is on screen (or stands alone), else when shown."""
        widget = self._widget
        if widget.isVisible() or not widget.window().isVisible():
            self.pending = False
            self._refresh()
        else:
            self.pending = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Show and self.pending:
            self.pending = False
            self._refresh()
        return False
