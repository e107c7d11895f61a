"""In English, the incidents and contacts screens show no Indonesian text of their own."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desk_app.context import AppContext
from desk_app.resources import resource_path
from desk_app.services import incidents
from desk_app.services.actor import Actor
from desk_app.services.incidents import IncidentInput
from desk_app.ui.bus import DataBus
from desk_app.ui.contact_form import ContactForm
from desk_app.ui.contacts_tab import ContactsTab
from desk_app.ui.import_dialog import ImportDialog
from desk_app.ui.incident_form import IncidentForm
from desk_app.ui.incidents_tab import IncidentsTab
from desk_app.ui.merge_dialog import MergeDialog
from desk_app.ui.tasks import TaskRunner

TS = resource_path("translations") / "incidents_en.ts"


def _translated_sources() -> set[str]:
    """Indonesian texts of the catalogue that English shows differently."""
    sources, translations = set(), set()
    for message in ET.parse(TS).iter("message"):
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        assert translation, f"untranslated: {source!r}"
        sources.add(source.replace("&", ""))
        translations.add(translation.replace("&", ""))
    return sources - translations


@pytest.fixture
def english(tmp_path: Path) -> Iterator[None]:
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).with_name("pyside6-lrelease")
    )
    qm = tmp_path / "incidents_en.qm"
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    # As ``install_language`` does: the locale says which language the catalogue of
    # field names (desk_app.messages.FIELDS) speaks.
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English))
    yield
    QLocale.setDefault(before)
    app.removeTranslator(translator)


def _texts(widget: QWidget) -> set[str]:
    texts = set()
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QLabel | QAbstractButton | QGroupBox):
            text = child.text() if not isinstance(child, QGroupBox) else child.title()
            texts.add(text.replace("&", ""))
        if isinstance(child, QLineEdit):
            texts.add(child.placeholderText())
        if isinstance(child, QTableView) and child.model() is not None:
            model = child.model()
            for c in range(model.columnCount()):
                texts.add(str(model.headerData(c, Qt.Orientation.Horizontal)))
        texts.add(child.toolTip())
        texts.add(child.windowTitle())
    return {t for t in texts if t}


def test_every_catalogue_entry_is_translated() -> None:
    assert len(_translated_sources()) > 200


def test_no_indonesian_left_in_english(
    qtbot: QtBot, english: None, ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    with ctx.db.write() as s:
        created = incidents.create_incident(
            s,
            admin,
            IncidentInput(
                title="Hoaks",
                region_code="33.74",
                category="HOAKS",
                severity=1,
                source_type="MEDSOS",
            ),
        )
    tasks = TaskRunner(synchronous=True)
    widgets: list[QWidget] = [
        IncidentsTab(ctx, DataBus(), tasks),
        ContactsTab(ctx, DataBus(), tasks),
        IncidentForm(ctx),
        ContactForm(ctx),
        ImportDialog(ctx, tasks, "incidents"),
        MergeDialog(ctx, tasks, created),
    ]
    indonesian = _translated_sources()
    for widget in widgets:
        qtbot.addWidget(widget)
        left = _texts(widget) & indonesian
        assert not left, f"{type(widget).__name__}: {sorted(left)}"
    assert (
        QApplication.translate("IncidentsTab", "Insiden baru (Ctrl+N)") == "New incident (Ctrl+N)"
    )


def test_an_import_row_refused_for_its_region_says_why_in_english(english: None) -> None:
    from desk_app.ui.form_errors import describe_errors

    assert describe_errors({"region": "region_mismatch"}) == (
        "Regency/city: The region code and the regency/city name point to different regions."
    )
