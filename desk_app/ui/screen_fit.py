"""Windows and dialogs that fit the screen they open on.

The desk's PCs are mostly 1366×768 with a taskbar: about 1366×728 is left for windows,
less a title bar. So no window or dialog asks for a fixed size: each names the size it
would like (``fit_window``) and gets at most the room the screen has; a dialog whose
content may be taller than that scrolls (``scrolling``) instead of pushing its buttons
off the screen. Everything reads the screen through ``available_geometry`` (a test
stands in a 1366×768 screen there).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

#: The room a window manager takes round a window (frame and title bar), which Qt's
#: sizes do not include before the window is first shown.
FRAME_ALLOWANCE = QSize(16, 40)

#: The screen most of the desk's PCs have, less a 40-pixel taskbar.
TYPICAL_AVAILABLE = QSize(1366, 728)

#: The main window's size where the screen has room for it.
PREFERRED_WINDOW = QSize(1400, 900)


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The part of ``widget``'s screen (the primary one without it) windows may use."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    if screen is None:  # no screen at all (a headless build): assume the common one
        return QRect(0, 0, TYPICAL_AVAILABLE.width(), TYPICAL_AVAILABLE.height())
    return screen.availableGeometry()


def room(widget: QWidget | None = None, available: QSize | None = None) -> QSize:
    """The largest size a window may take: the available screen less its frame."""
    space = available or available_geometry(widget).size()
    return QSize(
        max(200, space.width() - FRAME_ALLOWANCE.width()),
        max(200, space.height() - FRAME_ALLOWANCE.height()),
    )


def fit_size(width: int, height: int, widget: QWidget | None = None) -> QSize:
    """``width`` × ``height``, or less where the screen has less room."""
    limit = room(widget)
    return QSize(min(width, limit.width()), min(height, limit.height()))


def fits(size: QSize, widget: QWidget | None = None) -> bool:
    limit = room(widget)
    return size.width() <= limit.width() and size.height() <= limit.height()


def fit_window(window: QWidget, width: int, height: int) -> None:
    """Give ``window`` the size it would like, at most the room on its screen."""
    window.resize(fit_size(width, height, window))


def keep_on_screen(window: QWidget) -> None:
    """Shrink ``window`` (e.g. to a geometry saved on a bigger screen) to its screen's room,
    and move it back inside the screen's available area."""
    size = fit_size(window.width(), window.height(), window)
    if size != window.size():
        window.resize(size)
    area = available_geometry(window)
    x = min(max(window.x(), area.left()), max(area.left(), area.right() - size.width()))
    y = min(max(window.y(), area.top()), max(area.top(), area.bottom() - size.height()))
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)


#: The height of a title bar: a maximized window's inside is the available area less it.
TITLE_BAR = 30


def opens_maximized(available: QSize | None = None, widget: QWidget | None = None) -> bool:
    """Whether the main window opens maximized on a screen with ``available`` room
    (``widget``'s screen without it): when its preferred size does not fit there (a
    1366×768 screen)."""
    limit = room(widget, available)
    return PREFERRED_WINDOW.width() > limit.width() or PREFERRED_WINDOW.height() > limit.height()


def window_size_on(available: QSize) -> QSize:
    """The inside of the main window as it first opens on a screen with ``available``
    room: its preferred size, or maximized (the screenshot's default is this on the
    common 1366×768 screen)."""
    if opens_maximized(available):
        return QSize(available.width(), available.height() - TITLE_BAR)
    return QSize(PREFERRED_WINDOW)


def scrolling(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``content`` in a frameless scroll area that scrolls only when the dialog is too
    small for it (at 1366×768), keeping the dialog's buttons on the screen."""
    area = QScrollArea(parent)
    area.setObjectName(f"{content.objectName() or 'content'}Scroll")
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area
