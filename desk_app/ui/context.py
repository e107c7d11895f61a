"""The window's world, handed to every feature as one frozen object.

``UiContext`` replaces the loose ``ctx, bus, tasks, settings, clock`` arguments and the
``getattr(parent, "bus")`` look-ups: a feature gets one, and passes it on to the forms and
panes it opens. ``ui_context_of(widget)`` finds the one a widget's ancestors hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desk_app.ui.bus import DataBus
from desk_app.ui.dialogs import Dialogs
from desk_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desk_app.context import AppContext
    from desk_app.ui.settings import Settings


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class UiContext:
    #: The open database, this workstation and who is signed in.
    app: AppContext
    bus: DataBus
    tasks: TaskRunner
    settings: Settings | None = None
    #: What "now" is (UTC): real time, except for screenshots of a past demo period.
    clock: Callable[[], datetime] = utcnow
    dialogs: Dialogs = field(default_factory=Dialogs)

    @classmethod
    def detached(
        cls,
        app: AppContext,
        *,
        bus: DataBus | None = None,
        settings: Settings | None = None,
    ) -> UiContext:
        """For a form or pane shown on its own, outside a window (tests, screenshots):
        its own bus, and a runner that runs tasks and writes in place."""
        return cls(app, bus or DataBus(), TaskRunner(synchronous=True), settings)


def resolve_ui(
    parent: QObject | None,
    app: AppContext,
    *,
    bus: DataBus | None = None,
    settings: Settings | None = None,
) -> UiContext:
    """The context a dialog opened over ``parent`` works in: its window's, or (shown on
    its own, or handed another bus) a detached one."""
    found = ui_context_of(parent)
    if found is not None and (bus is None or found.bus is bus):
        return found
    return UiContext.detached(app, bus=bus, settings=settings)


def dialogs_for(widget: QObject | None) -> Dialogs:
    """The dialog service of ``widget``'s window (the real one for a widget on its own)."""
    found = ui_context_of(widget)
    return found.dialogs if found is not None else Dialogs()


def ui_context_of(widget: QObject | None) -> UiContext | None:
    """The ``UiContext`` held (as ``.ui``) by ``widget`` or the nearest of its parents."""
    while widget is not None:
        found = getattr(widget, "ui", None)
        if isinstance(found, UiContext):
            return found
        widget = widget.parent()
    return None
