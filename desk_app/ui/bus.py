"""One signal for every change, so that tabs refresh without knowing about each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataBus(QObject):
    #: ``data_changed(tables, origin)``: names of the tables written, and who wrote them
    #: ("local" for this window, "sync" for pulled changes).
    data_changed = Signal(object, str)

    def notify(self, tables: set[str] | frozenset[str], origin: str = "local") -> None:
        self.data_changed.emit(frozenset(tables), origin)
