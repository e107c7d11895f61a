"""Qt translations: Indonesian is the source language, English is a translation.

Our own catalogues are ``<area>_en.qm`` (desk, sync, report, ...). Qt's own strings
(standard buttons, the text context menu, the file and print dialogs) are English in
Qt and Qt ships no Indonesian for them, so Indonesian installs our ``qtbase_id.qm``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desk_app.resources import resource_path

LANGUAGES = ("id", "en")
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return resource_path("translations")


def catalogues(lang: str) -> list[Path]:
    """The compiled catalogues a language installs, e.g. desk_en.qm, or qtbase_id.qm."""
    if lang not in LANGUAGES:
        lang = "id"
    return sorted(translations_dir().glob(f"*_{lang}.qm"))


def install_language(app: QCoreApplication, lang: str) -> bool:
    """Switch the application's language; returns False when no translation was found."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(
        QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Indonesian)
    )
    for qm in catalogues(lang):
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)
    if lang == "id":
        # Indonesian is the source language: nothing to translate but Qt's own strings.
        return True
    return bool(_installed)
