"""The settings registry: typed values with defaults, kept in an INI file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desk_app.ui.settings import Setting, Settings


def test_defaults_when_nothing_is_stored(tmp_path: Path, qapp: QApplication) -> None:
    settings = Settings(tmp_path / "s.ini")
    assert settings.language == "id"
    assert settings.idle_lock_minutes == 15
    assert settings.last_region == ""
    assert settings.get(Settings.LAST_TAB) == "wilayah"
    assert settings.get(Settings.WINDOW_GEOMETRY) == b""


def test_values_survive_a_new_instance_in_ini_format(tmp_path: Path, qapp: QApplication) -> None:
    path = tmp_path / "s.ini"
    settings = Settings(path)
    settings.language = "en"
    settings.idle_lock_minutes = 5
    settings.last_region = "33.74"
    settings.set(Settings.WINDOW_GEOMETRY, b"\x01\x02")
    settings.sync()
    text = path.read_text()
    assert "language=en" in text
    again = Settings(path)
    assert (again.language, again.idle_lock_minutes, again.last_region) == ("en", 5, "33.74")
    assert again.get(Settings.WINDOW_GEOMETRY) == b"\x01\x02"


def test_bad_values_in_the_file_read_as_defaults(tmp_path: Path, qapp: QApplication) -> None:
    path = tmp_path / "s.ini"
    path.write_text("[ui]\nlanguage=fr\n[security]\nidle_lock_minutes=many\n")
    settings = Settings(path)
    assert settings.language == "id"
    assert settings.idle_lock_minutes == 15
    path.write_text("[security]\nidle_lock_minutes=9999\n")
    assert Settings(path).idle_lock_minutes == 15


def test_refuses_a_value_outside_the_choices(tmp_path: Path, qapp: QApplication) -> None:
    with pytest.raises(ValueError):
        Settings(tmp_path / "s.ini").language = "fr"


def test_a_new_setting_is_one_declaration(tmp_path: Path, qapp: QApplication) -> None:
    columns: Setting[int] = Setting("incidents/page_size", 200, minimum=50, maximum=1000)
    settings = Settings(tmp_path / "s.ini")
    assert settings.get(columns) == 200
    settings.set(columns, 400)
    assert settings.get(columns) == 400
