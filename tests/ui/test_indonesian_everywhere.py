"""Indonesian everywhere (issue 17, section 5): Qt's own strings, names instead of codes,
a language change that applies, error boxes that say what failed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from desk_helpers import make_incident, make_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
)
from pytestqt.qtbot import QtBot

from desk_app.context import AppContext
from desk_app.services import incidents
from desk_app.services.actor import Actor
from desk_app.ui import restart as restart_module
from desk_app.ui.i18n import catalogues, install_language, translations_dir
from desk_app.ui.incident_detail import IncidentDetailPane
from desk_app.ui.preferences_dialog import PreferencesDialog
from desk_app.ui.settings import Settings
from desk_app.ui.tasks import TaskRunner


def _compile_stale() -> None:
    """Compile every stale .qm, as ``make translations`` does."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in sorted(translations_dir().glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


@pytest.fixture
def indonesian(qapp: QApplication) -> Iterator[None]:
    _compile_stale()
    install_language(qapp, "id")
    yield
    install_language(qapp, "id")


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    _compile_stale()
    install_language(qapp, "en")
    yield
    install_language(qapp, "id")


def _texts(box: QMessageBox | QDialogButtonBox) -> set[str]:
    return {button.text().replace("&", "") for button in box.buttons()}


def _action_text(text: str) -> str:
    return text.split("\t")[0].replace("&", "")


# -- Qt's own strings ----------------------------------------------------------------------


def test_standard_buttons_speak_indonesian(qtbot: QtBot, indonesian: None) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Judul",
        "Lanjutkan?",
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    assert _texts(box) == {"Ya", "Tidak", "Batal"}
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Close
        | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    assert _texts(buttons) == {"OK", "Simpan", "Tutup", "Batal"}


def test_the_text_context_menus_speak_indonesian(qtbot: QtBot, indonesian: None) -> None:
    line = QLineEdit("Kota Semarang")
    qtbot.addWidget(line)
    menu = line.createStandardContextMenu()
    texts = {_action_text(a.text()) for a in menu.actions() if not a.isSeparator()}
    assert {"Urungkan", "Ulang", "Potong", "Salin", "Tempel", "Hapus", "Pilih semua"} <= texts
    note = QPlainTextEdit("catatan")
    qtbot.addWidget(note)
    menu = note.createStandardContextMenu()
    texts = {_action_text(a.text()) for a in menu.actions() if not a.isSeparator()}
    assert {"Salin", "Tempel", "Pilih semua"} <= texts


def test_english_keeps_qt_in_english(qtbot: QtBot, english: None) -> None:
    assert not [qm for qm in catalogues("en") if qm.name.startswith("qtbase_id")]
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Title",
        "Go on?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    assert _texts(box) == {"Yes", "Cancel"}


def test_the_indonesian_qt_catalogue_ships_with_the_app() -> None:
    _compile_stale()
    assert [qm.name for qm in catalogues("id")] == ["qtbase_id.qm"]
    spec = (Path(__file__).resolve().parents[2] / "packaging" / "desk-app.spec").read_text()
    assert 'glob("*.qm")' in spec  # the PyInstaller folder carries every compiled catalogue


# -- a new language applies ----------------------------------------------------------------


class FakeRestart:
    def __init__(self) -> None:
        self.calls: list[tuple[object, str]] = []

    def __call__(self, window: object, lang: str) -> bool:
        self.calls.append((window, lang))
        return True


def _preferences(
    qtbot: QtBot, settings: Settings, restart: FakeRestart
) -> tuple[QMainWindow, PreferencesDialog]:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    dialog = PreferencesDialog(settings, window, restart=restart)
    dialog.show()
    return window, dialog


def _choose_english_and_save(qtbot: QtBot, dialog: PreferencesDialog) -> None:
    dialog.language_combo.setFocus()
    qtbot.keyClick(dialog.language_combo, Qt.Key.Key_Down)
    assert dialog.language_combo.currentData() == "en"
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def test_a_new_language_offers_a_restart_that_restarts(
    qtbot: QtBot, tmp_path: Path, indonesian: None
) -> None:
    settings = Settings(tmp_path / "settings.ini")
    restart = FakeRestart()
    window, dialog = _preferences(qtbot, settings, restart)
    _choose_english_and_save(qtbot, dialog)
    assert Settings(tmp_path / "settings.ini").language == "en"  # saved before the question
    box = dialog.restart_box
    assert box is not None and box.isVisible()
    assert "dimulai ulang" in box.text()
    now = next(b for b in box.buttons() if "Mulai ulang sekarang" in b.text().replace("&", ""))
    qtbot.mouseClick(now, Qt.MouseButton.LeftButton)
    assert restart.calls == [(window, "en")]


def test_later_keeps_the_desk_running(qtbot: QtBot, tmp_path: Path, indonesian: None) -> None:
    settings = Settings(tmp_path / "settings.ini")
    restart = FakeRestart()
    _window, dialog = _preferences(qtbot, settings, restart)
    _choose_english_and_save(qtbot, dialog)
    box = dialog.restart_box
    assert box is not None
    later = next(b for b in box.buttons() if b.text().replace("&", "") == "Nanti")
    qtbot.mouseClick(later, Qt.MouseButton.LeftButton)
    assert restart.calls == []
    assert Settings(tmp_path / "settings.ini").language == "en"


def test_the_same_language_asks_nothing(qtbot: QtBot, tmp_path: Path, indonesian: None) -> None:
    settings = Settings(tmp_path / "settings.ini")
    restart = FakeRestart()
    _window, dialog = _preferences(qtbot, settings, restart)
    dialog.idle_spin.setValue(20)
    dialog.accept()
    assert dialog.restart_box is None and restart.calls == []


def test_the_restart_starts_the_same_desk_in_the_new_language(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["/usr/bin/desk-app", "--data-dir", "/data", "--lang", "id", "--user", "ani"]
    program, args = restart_module.restart_command("en", argv)
    assert program == sys.executable
    assert args == ["-m", "desk_app", "--data-dir", "/data", "--user", "ani", "--lang", "en"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    program, args = restart_module.restart_command("id", ["DeskPilkada", "--lang=en"])
    assert (program, args) == (sys.executable, ["--lang", "id"])


def test_restart_closes_the_window_starts_again_and_quits(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, list[str]]] = []
    quits: list[bool] = []
    monkeypatch.setattr(
        restart_module,
        "start_detached",
        lambda program, args: started.append((program, args)) or True,
    )
    monkeypatch.setattr(restart_module.QApplication, "quit", lambda: quits.append(True))
    monkeypatch.setattr(sys, "argv", ["desk-app", "--data-dir", "/data"])
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    assert restart_module.restart_desk(window, "en")
    assert not window.isVisible()
    assert started == [(sys.executable, ["-m", "desk_app", "--data-dir", "/data", "--lang", "en"])]
    assert quits == [True]


def test_a_window_kept_open_restarts_nothing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[object] = []
    monkeypatch.setattr(restart_module, "start_detached", lambda *a: started.append(a) or True)

    class Keeps(QMainWindow):
        def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
            event.ignore()  # an open form with changes kept it

    window = Keeps()
    qtbot.addWidget(window)
    window.show()
    assert not restart_module.restart_desk(window, "en")
    assert started == [] and window.isVisible()


# -- names, never codes ----------------------------------------------------------------------


def test_the_change_history_names_what_changed(
    qtbot: QtBot, ctx: AppContext, admin: Actor, indonesian: None
) -> None:
    with ctx.db.write() as s:
        d = incidents.create_incident(
            s,
            admin,
            incidents.IncidentInput(
                title="Baliho dirusak",
                region_code="33.74",
                category="HOAKS",
                severity=2,
                source_type="MEDSOS",
                platform="FACEBOOK",
            ),
        )
    with ctx.db.write() as s:
        incidents.update_incident(
            s,
            admin,
            d.id,
            incidents.IncidentInput(
                title="Baliho dirusak",
                region_code="33.01",
                category="KAMTIB",
                severity=4,
                source_type="MEDSOS",
                platform="FACEBOOK",
                occurred_at=d.occurred_at,
                reported_at=d.reported_at,
            ),
        )
        incidents.change_status(s, admin, d.id, "terverifikasi", "dicek")
    pane = IncidentDetailPane(ctx, tasks=TaskRunner(synchronous=True))
    qtbot.addWidget(pane)
    pane.show_incident(d.id)
    text = pane.changes.toPlainText()
    assert "Kota Semarang → Kabupaten Cilacap" in text
    assert "Hoaks / disinformasi → Gangguan keamanan dan ketertiban" in text
    assert "Sedang → Kritis" in text
    assert "Baru → Terverifikasi" in text
    for raw in ("HOAKS", "KAMTIB", "region_id", "terverifikasi", "33.74", " 2 → 4"):
        assert raw not in text


def test_conflicts_show_field_and_value_names(
    qtbot: QtBot, ctx: AppContext, admin: Actor, indonesian: None
) -> None:
    from desk_app.models import Region, SyncConflict
    from desk_app.ui.sync_ui import ConflictsDialog

    incident_id = make_incident(ctx, admin, region="33.74", category="HOAKS")
    with ctx.db.write() as s:
        ids = {r.code: r.id for r in s.query(Region).filter(Region.code.in_(["33.74", "33.01"]))}
        for field, winner, loser in (
            ("category", "KAMTIB", "HOAKS"),
            ("region_id", ids["33.01"], ids["33.74"]),
            ("status", "terverifikasi", "tidak_valid"),
            ("severity", 4, 2),
        ):
            s.add(
                SyncConflict(
                    table_name="incident",
                    record_id=incident_id,
                    field=field,
                    winner_value=winner,
                    winner_version="",
                    winner_by=admin.user_id,
                    loser_value=loser,
                    loser_version="",
                    loser_by=admin.user_id,
                )
            )
    window = make_window(qtbot, ctx)
    dialog = ConflictsDialog(window)
    qtbot.addWidget(dialog)
    table = dialog.table
    shown = {
        table.item(r, 1).text(): (table.item(r, 2).text(), table.item(r, 4).text())
        for r in range(table.rowCount())
    }
    assert shown == {
        "Kategori": ("Gangguan keamanan dan ketertiban", "Hoaks / disinformasi"),
        "Kabupaten/kota": ("Kabupaten Cilacap", "Kota Semarang"),
        "Status": ("Terverifikasi", "Tidak valid"),
        "Keparahan": ("Kritis", "Sedang"),
    }


def test_english_tells_the_emergency_level_from_critical_severity(english: None) -> None:
    from desk_app.reports.texts import LEVELS, SEVERITY_NAMES
    from desk_app.ui.labels import alert_level_name, severity_name

    assert severity_name(4) == "Critical"
    assert alert_level_name("awas") == "Emergency"
    assert LEVELS["en"]["awas"] != SEVERITY_NAMES["en"][3]


@pytest.mark.parametrize(
    ("lang", "one", "many"), [("id", "1 menit", "15 menit"), ("en", "1 minute", "15 minutes")]
)
def test_one_minute_is_singular_in_both_languages(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, lang: str, one: str, many: str
) -> None:
    _compile_stale()
    install_language(qapp, lang)
    try:
        dialog = PreferencesDialog(Settings(tmp_path / "settings.ini"))
        qtbot.addWidget(dialog)
        spin = dialog.idle_spin
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, "1")
        assert spin.value() == 1 and spin.text() == one
        qtbot.keyClicks(spin, "5")
        assert spin.value() == 15 and spin.text() == many
    finally:
        install_language(qapp, "id")


# -- error boxes say what failed -------------------------------------------------------------


def test_an_attachment_that_does_not_open_says_so(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk_helpers import AnsweringDialogs
    from PySide6.QtGui import QDesktopServices

    dialogs = AnsweringDialogs()
    incident_id = make_incident(ctx, admin)
    pane = IncidentDetailPane(ctx, tasks=TaskRunner(synchronous=True), dialogs=dialogs)
    qtbot.addWidget(pane)
    pane.show_incident(incident_id)
    photo = tmp_path / "foto.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    dialogs.files.append([photo])
    panel = pane.attachments_panel
    with qtbot.waitSignal(pane.changed):
        qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # no viewer
    qtbot.mouseClick(panel.open_attachment_button, Qt.MouseButton.LeftButton)
    [(kind, title, text)] = dialogs.shown
    assert (kind, title) == ("warn", "Lampiran tidak dapat dibuka")
    assert "Tidak ada aplikasi untuk membuka berkas ini" in text


@pytest.mark.allow_log_warnings
def test_an_export_that_cannot_be_written_says_so(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    from desk_helpers import AnsweringDialogs

    dialogs = AnsweringDialogs()
    make_incident(ctx, admin)
    window = make_window(qtbot, ctx, dialogs=dialogs)
    target = tmp_path / "tidak-ada" / "insiden.csv"  # its folder does not exist
    window.incidents_tab.export_to(str(target))
    [(kind, title, text)] = dialogs.shown
    assert (kind, title) == ("warn", "Ekspor gagal")
    assert "tidak dapat ditulis" in text and "insiden.csv" in text


# -- titles are never cut ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "title", ["Lampiran tidak dapat dibuka", "Tindak lanjut tidak dapat disimpan", "Ekspor gagal"]
)
def test_a_message_box_is_as_wide_as_its_title(qtbot: QtBot, title: str) -> None:
    from desk_app.ui.dialogs import message_box, title_width

    stock = QMessageBox(QMessageBox.Icon.Warning, title, "Gagal.")
    qtbot.addWidget(stock)
    stock.show()
    box = message_box(None, QMessageBox.Icon.Warning, title, "Gagal.")
    qtbot.addWidget(box)
    box.show()
    assert box.width() >= title_width(title)
    if len(title) > 20:
        assert stock.width() < title_width(title)  # what a stock box would have cut


def test_dialogs_ask_answers_from_the_buttons(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk_app.ui.dialogs import Dialogs

    def click(box: QMessageBox, which: QMessageBox.StandardButton) -> int:
        box.button(which).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", lambda box: click(box, QMessageBox.StandardButton.Yes))
    assert Dialogs().ask(None, "Hapus lampiran", "Hapus?")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: click(box, QMessageBox.StandardButton.No))
    assert not Dialogs().ask(None, "Hapus lampiran", "Hapus?")


def test_date_fields_hint_the_format_in_the_users_language(
    qtbot: QtBot, indonesian: None, qapp: QApplication
) -> None:
    """The empty date filters of the Insiden tab said "dd/mm/yyyy" in the Indonesian
    window: hari/bulan/tahun is "hh/bb/tttt", and jam:menit "jj:mm"."""
    from desk_app.ui.datetime_edit import DateEdit, DateTimeEdit

    day, moment = DateEdit(optional=True), DateTimeEdit()
    qtbot.addWidget(day)
    qtbot.addWidget(moment)
    assert day.edit.placeholderText() == "hh/bb/tttt"
    assert moment.edit.placeholderText() == "hh/bb/tttt jj:mm"
    install_language(qapp, "en")
    english_day, english_moment = DateEdit(optional=True), DateTimeEdit()
    qtbot.addWidget(english_day)
    qtbot.addWidget(english_moment)
    assert english_day.edit.placeholderText() == "dd/mm/yyyy"
    assert english_moment.edit.placeholderText() == "dd/mm/yyyy hh:mm"
