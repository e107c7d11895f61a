"""The window's settings: one typed registry with defaults, stored with QSettings (INI).

Every setting is declared once, here, with its key, type and default. Code reads them
with ``settings.get(Settings.LANGUAGE)`` or the shorter properties below; tables and
splitters keep their layout with ``save_header``/``restore_header`` and friends.
The file is ``ctx.paths.settings_file`` (``settings.ini`` in the data directory).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QLocale, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    #: Allowed values, when the setting is a choice.
    choices: tuple[T, ...] = ()
    #: Inclusive bounds, when the setting is a number.
    minimum: int | None = None
    maximum: int | None = None


class Settings:
    """The registry. Values of the wrong type or out of range read as their default."""

    LANGUAGE: Setting[str] = Setting("ui/language", "id", choices=("id", "en"))
    #: Minutes without input before the window locks (0: never). Read by the sign-in area.
    IDLE_LOCK_MINUTES: Setting[int] = Setting(
        "security/idle_lock_minutes", 15, minimum=0, maximum=240
    )
    #: The region last chosen in a form or on the board (Kemendagri code).
    LAST_REGION: Setting[str] = Setting("ui/last_region", "")
    #: The folder the last attachment was chosen from (the picker starts there again).
    ATTACHMENT_FOLDER: Setting[str] = Setting("ui/attachment_folder", "")
    #: The tab open when the window was last closed: "wilayah", "insiden", "kontak", "ringkasan".
    LAST_TAB: Setting[str] = Setting("ui/last_tab", "wilayah")
    WINDOW_GEOMETRY: Setting[bytes] = Setting("window/geometry", b"")
    WINDOW_STATE: Setting[bytes] = Setting("window/state", b"")

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    # -- typed access --------------------------------------------------------------------

    def get(self, setting: Setting[T]) -> T:
        raw = self._store.value(setting.key, None)
        if raw is None:
            return setting.default
        value = _convert(raw, type(setting.default))
        if value is None:
            return setting.default
        if setting.choices and value not in setting.choices:
            return setting.default
        if isinstance(value, int) and not isinstance(value, bool):
            if setting.minimum is not None and value < setting.minimum:
                return setting.default
            if setting.maximum is not None and value > setting.maximum:
                return setting.default
        return cast(T, value)

    def set(self, setting: Setting[T], value: T) -> None:
        if setting.choices and value not in setting.choices:
            raise ValueError(f"{setting.key}: {value!r} is not one of {setting.choices}")
        if isinstance(value, bytes):
            self._store.setValue(setting.key, QByteArray(value))
        else:
            self._store.setValue(setting.key, value)

    def sync(self) -> None:
        self._store.sync()

    # -- the common ones -----------------------------------------------------------------

    @property
    def language(self) -> str:
        return self.get(self.LANGUAGE)

    @language.setter
    def language(self, value: str) -> None:
        self.set(self.LANGUAGE, value)

    @property
    def idle_lock_minutes(self) -> int:
        return self.get(self.IDLE_LOCK_MINUTES)

    @idle_lock_minutes.setter
    def idle_lock_minutes(self, value: int) -> None:
        self.set(self.IDLE_LOCK_MINUTES, value)

    @property
    def last_region(self) -> str:
        return self.get(self.LAST_REGION)

    @last_region.setter
    def last_region(self, value: str) -> None:
        self.set(self.LAST_REGION, value)

    # -- layouts of views ----------------------------------------------------------------

    def save_header(self, name: str, header: QHeaderView) -> None:
        """Column widths, order and the sort column/order of a table, under ``name``."""
        self._store.setValue(f"tables/{name}/header", header.saveState())

    def restore_header(self, name: str, header: QHeaderView) -> bool:
        state = self._store.value(f"tables/{name}/header", None)
        return isinstance(state, QByteArray) and bool(header.restoreState(state))

    def save_splitter(self, name: str, splitter: QSplitter) -> None:
        self._store.setValue(f"splitters/{name}", splitter.saveState())

    def restore_splitter(self, name: str, splitter: QSplitter) -> bool:
        state = self._store.value(f"splitters/{name}", None)
        return isinstance(state, QByteArray) and bool(splitter.restoreState(state))

    def save_window(self, window: QMainWindow) -> None:
        self.set(self.WINDOW_GEOMETRY, bytes(window.saveGeometry().data()))
        self.set(self.WINDOW_STATE, bytes(window.saveState().data()))

    def restore_window(self, window: QMainWindow) -> bool:
        geometry = self.get(self.WINDOW_GEOMETRY)
        state = self.get(self.WINDOW_STATE)
        restored = bool(geometry) and window.restoreGeometry(QByteArray(geometry))
        if state:
            window.restoreState(QByteArray(state))
        return bool(restored)

    # -- free-form values (feature modules keep their own small state here) -------------

    def value(self, key: str, default: Any = None) -> Any:
        return self._store.value(key, default)

    def set_value(self, key: str, value: Any) -> None:
        self._store.setValue(key, value)


def _convert(raw: object, kind: type) -> object | None:
    """INI files hand back strings; turn them into the setting's type, or None."""
    try:
        if kind is bool:
            if isinstance(raw, str):
                return raw.strip().lower() in ("1", "true", "yes")
            return bool(raw)
        if kind is int:
            return int(str(raw).strip())
        if kind is bytes:
            if isinstance(raw, QByteArray):
                return bytes(raw.data())
            return None
        if kind is str:
            return str(raw)
    except (TypeError, ValueError):
        return None
    return raw if isinstance(raw, kind) else None


def ui_language() -> str:
    """The language the interface speaks now ("id" or "en"), as ``install_language`` set it."""
    return "en" if QLocale().language() == QLocale.Language.English else "id"
