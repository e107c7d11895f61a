"""Qt translations: Indonesian is the source language, English is a translation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desk_app.resources import resource_path

LANGUAGES = ("id", "en")
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return resource_path("translations")


def install_language(app: QCoreApplication, lang: str) -> bool:
    """Switch the application's language; returns False when no translation was found."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(
        QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Indonesian)
    )
    if lang == "id":
        return True
    # One catalogue per area of the app: desk_en.qm, sync_en.qm, report_en.qm, ...
    for qm in sorted(translations_dir().glob(f"*_{lang}.qm")):
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)
    return bool(_installed)
