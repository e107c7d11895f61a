"""The kecamatan and desa names typed before, for the incident form's completions.

On a million incidents a region's names take a few hundred milliseconds to read, and
every region's a second or more: read on the worker, once, and kept for the window, so
forms opened one after another (a desk entering reports in a row) do not read them
again each time. A save from a form adds its own names to what is kept; any other change
to incidents (an import, a pull from the hub, a merge) drops it, and the names are read
afresh when next asked for. A read whose names were dropped meanwhile is cancelled.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from PySide6.QtCore import QObject

from desk_app.db import Database
from desk_app.services import incident_search
from desk_app.services.cancel import Cancellation, QueryCancelled
from desk_app.services.records import Changes
from desk_app.ui.bus import DataBus
from desk_app.ui.tasks import TaskRunner

#: How many names of each kind the completions offer.
LIMIT = 500

#: The names for a region (None: every region): kecamatan, desa.
Names = tuple[list[str], list[str]]


class PlaceNames(QObject):
    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        bus: DataBus | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._kept: dict[str | None, Names] = {}
        #: Reads under way, by region: their cancellation and who waits for them.
        self._reading: dict[str | None, tuple[Cancellation, list[Callable[[Names], None]]]] = {}
        #: Incidents saved from a form whose names were added already (see ``add``).
        self._own: set[str] = set()
        if bus is not None:
            bus.changes_made.connect(self._changed)

    def kept(self, region: str | None) -> Names | None:
        """The names kept for ``region``, without reading them."""
        return self._kept.get(region)

    def request(self, region: str | None, done: Callable[[Names], None]) -> None:
        """Hand ``region``'s names to ``done``: at once when kept, else once read."""
        kept = self._kept.get(region)
        if kept is not None:
            done(kept)
            return
        if region in self._reading:
            self._reading[region][1].append(done)
            return
        cancellation = Cancellation()
        waiting = [done]
        self._reading[region] = (cancellation, waiting)
        db = self._db

        def read() -> Names | None:
            try:
                with db.read() as s, cancellation.guard(s):
                    return (
                        incident_search.place_completions(
                            s, "kecamatan", region_code=region, limit=LIMIT
                        ),
                        incident_search.place_completions(
                            s, "desa", region_code=region, limit=LIMIT
                        ),
                    )
            except QueryCancelled:
                return None

        def finished(names: Names | None) -> None:
            current = self._reading.get(region)
            if current is None or current[0] is not cancellation:
                return  # dropped meanwhile: a newer read (or none) is wanted
            del self._reading[region]
            if names is None:
                return
            self._kept[region] = names
            for callback in waiting:
                callback(names)

        def failed(_exc: Exception) -> None:
            current = self._reading.get(region)
            if current is not None and current[0] is cancellation:
                del self._reading[region]

        self._tasks.run(read, finished, failed)

    def add(self, incident_id: str, region: str | None, kecamatan: str, desa: str) -> None:
        """A form saved ``incident_id`` with these names: they complete from now on,
        and the change it announces next leaves the kept names alone."""
        self._own.add(incident_id)
        for key in {region, None}:
            kept = self._kept.get(key)
            if kept is None:
                continue
            for names, name in zip(kept, (kecamatan.strip(), desa.strip()), strict=True):
                if name and name not in names:
                    bisect.insort(names, name)
                    del names[LIMIT:]

    def forget(self) -> None:
        """Drop every kept name, and stop the reads under way (their names may be old)."""
        self._kept.clear()
        for cancellation, _ in self._reading.values():
            cancellation.cancel()
        self._reading.clear()

    def _changed(self, changes: Changes, origin: str) -> None:
        if "incident" not in changes.tables:
            return
        ids = changes.ids("incident")
        own = origin == "local" and "incident" not in changes.whole_tables
        if own and ids and ids <= self._own:
            self._own -= ids  # a form's own save: its names were added already
            return
        self._own.clear()
        self.forget()
