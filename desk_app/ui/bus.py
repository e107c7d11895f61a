"""One signal for every change, so that tabs refresh without knowing about each other."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from desk_app.services.records import Changes


class DataBus(QObject):
    #: ``data_changed(tables, origin)``: names of the tables written, and who wrote them
    #: ("local" for this window, "sync" for pulled changes).
    data_changed = Signal(object, str)
    #: ``changes_made(changes, origin)``: the same, with the records (``Changes``) when
    #: the writer knows them, for a view that refreshes only the rows it shows.
    changes_made = Signal(object, str)

    def notify(self, tables: set[str] | frozenset[str], origin: str = "local") -> None:
        self.data_changed.emit(frozenset(tables), origin)

    def publish(self, changes: Changes, origin: str = "local") -> None:
        """Announce what a unit of work changed (``services.records.Changes``)."""
        self.changes_made.emit(changes, origin)
        self.data_changed.emit(changes.tables, origin)
