"""The "Laporan Situasi" dialog: issue on a (synchronous) worker, preview, save, print,
reopen, and what an operator may not do."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sitrep_seed import Seeded

from desk_app.context import AppContext
from desk_app.reports import issue
from desk_app.services import sitreps
from desk_app.services.actor import Actor
from desk_app.ui.main_window import MainWindow
from desk_app.ui.note_dialog import NoteTextDialog
from desk_app.ui.settings import Settings
from desk_app.ui.sitrep_dialog import SitrepDialog, _to_qdatetime
from desk_app.ui.sitrep_ui import SitrepFeature
from desk_app.ui.tasks import TaskRunner

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screens"


def _dialog(ctx: AppContext, qtbot: QtBot) -> SitrepDialog:
    dialog = SitrepDialog(ctx, TaskRunner(synchronous=True), settings=None)
    qtbot.addWidget(dialog)
    return dialog


def test_issue_preview_save_print_and_reopen(
    ctx: AppContext, seeded: Seeded, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = _dialog(ctx, qtbot)
    dialog.from_edit.setDateTime(_to_qdatetime(seeded.period_start))
    dialog.to_edit.setDateTime(_to_qdatetime(seeded.end))
    dialog.highlights_edit.setPlainText("Situasi terkendali.\n- Hoaks DPT di Kota Semarang")
    dialog.signatory_edit.setText("Drs. Budi Santoso, M.Si.")
    with qtbot.wait_signal(dialog.issued, timeout=60_000) as blocker:
        qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    issued = blocker.args[0]
    assert issued.number.startswith("GB1/")
    assert len(dialog.pages.page_labels) == issued.pages >= 3
    assert not dialog.pages.page_labels[0].pixmap().isNull()
    assert dialog.print_button.isEnabled()
    assert dialog.list_table.rowCount() == 1
    assert dialog.list_table.item(0, 0).text() == issued.number
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "sitrep-dialog.png"))

    target = tmp_path / "copy.pdf"
    assert dialog.save_to(target)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == issued.sha256

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(150)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == issued.pages
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000

    dialog.pages.clear()
    dialog.list_table.selectRow(0)
    dialog.open_selected()
    assert len(dialog.pages.page_labels) == issued.pages


def test_default_period_follows_the_last_sitrep(ctx: AppContext, qtbot: QtBot) -> None:
    dialog = _dialog(ctx, qtbot)
    span = (
        dialog.to_edit.dateTime().toSecsSinceEpoch()
        - dialog.from_edit.dateTime().toSecsSinceEpoch()
    )
    assert abs(span - 24 * 3600) < 120
    assert dialog.classification_combo.currentText() == "TERBATAS"


def test_refused_period_is_explained(ctx: AppContext, qtbot: QtBot) -> None:
    dialog = _dialog(ctx, qtbot)
    dialog.from_edit.setDateTime(dialog.to_edit.dateTime().addSecs(3600))
    dialog.generate()
    assert "setelah" in dialog.status_label.text()
    assert dialog.issue_button.isEnabled()
    assert dialog.list_table.rowCount() == 0


def test_operator_may_not_issue_or_print_personal_data(
    ctx: AppContext, operator: Actor, qtbot: QtBot
) -> None:
    ctx.actor = operator
    dialog = _dialog(ctx, qtbot)
    assert not dialog.issue_button.isEnabled()
    assert not dialog.personal_box.isEnabled()
    assert "data pribadi" in dialog.personal_box.text()


def test_menu_action_with_ctrl_p_opens_the_dialog(ctx: AppContext, qtbot: QtBot) -> None:
    window = MainWindow(
        ctx, tasks=TaskRunner(synchronous=True), settings=Settings(ctx.paths.settings_file)
    )
    qtbot.addWidget(window)
    action = window.commands["sitrep"]
    assert action.shortcut() == QKeySequence("Ctrl+P")
    assert action in window.menus["report"].actions()
    assert action in window.toolbar.actions()
    action.trigger()
    dialog = window.features.get(SitrepFeature).dialog
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_service_records_the_issue_with_its_hash(
    ctx: AppContext, seeded: Seeded, coordinator: Actor, operator: Actor
) -> None:
    from desk_app.reports import SitrepOptions
    from desk_app.services.errors import PermissionDeniedError

    options = SitrepOptions(seeded.period_start, seeded.end, sections=("summary",))
    first = issue.issue_sitrep(
        ctx.db, coordinator, options, reports_dir=ctx.paths.reports_dir, now=seeded.end
    )
    second = issue.issue_sitrep(
        ctx.db, coordinator, options, reports_dir=ctx.paths.reports_dir, now=seeded.end
    )
    assert (first.number, second.number) == ("GB1/001/2024", "GB1/002/2024")
    data = Path(first.file_path).read_bytes()
    assert hashlib.sha256(data).hexdigest() == first.sha256
    with ctx.db.read() as session:
        listed = sitreps.list_sitreps(session)
        assert [s.number for s in listed] == [second.number, first.number]
        assert listed[0].issued_by == "koordinator"
        assert not listed[0].personal_data
        _record, reopened = sitreps.open_sitrep(session, first.number)
        assert reopened == data
        # The next sitrep's period starts where this one ended.
        start, _ = sitreps.default_period(session, now=seeded.end + timedelta(hours=5))
        assert start == seeded.end
    for personal in (False, True):
        with pytest.raises(PermissionDeniedError):
            issue.issue_sitrep(
                ctx.db,
                operator,
                SitrepOptions(seeded.period_start, seeded.end, include_personal_data=personal),
                reports_dir=ctx.paths.reports_dir,
            )
    blind = Actor(coordinator.user_id, coordinator.username, coordinator.role, False)
    with pytest.raises(PermissionDeniedError) as refused:
        issue.issue_sitrep(
            ctx.db,
            blind,
            SitrepOptions(seeded.period_start, seeded.end, include_personal_data=True),
            reports_dir=ctx.paths.reports_dir,
        )
    assert refused.value.values["action"] == "include_personal_data"
    with ctx.db.read() as session:
        assert len(sitreps.list_sitreps(session)) == 2
    Path(first.file_path).write_bytes(data + b"%")
    with ctx.db.read() as session, pytest.raises(sitreps.ServiceError) as changed:
        sitreps.open_sitrep(session, first.number)
    assert changed.value.code == "sitrep_file_changed"


def test_dialog_in_english(ctx: AppContext, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication, QCheckBox, QGroupBox, QLabel, QPushButton

    from desk_app.ui.i18n import install_language, translations_dir

    qm = translations_dir() / "report_en.qm"
    ts = translations_dir() / "report_en.ts"
    if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
        pytest.skip("run `make translations` first")
    app = QApplication.instance()
    assert app is not None
    install_language(app, "en")
    try:
        dialog = _dialog(ctx, qtbot)
        assert dialog.windowTitle() == "Situation Report"
        assert dialog.issue_button.text() == "&Issue report"
        texts = [w.text() for w in dialog.findChildren(QCheckBox)]
        texts += [w.text() for w in dialog.findChildren(QPushButton)]
        texts += [w.title() for w in dialog.findChildren(QGroupBox)]
        texts += [w.text() for w in dialog.findChildren(QLabel)]
        for indonesian in ("Ringkasan", "Terbitkan", "Periode", "Bagian", "Cetak", "Tutup"):
            assert not any(indonesian in t for t in texts), indonesian
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "sitrep-dialog-en.png"))
    finally:
        install_language(app, "id")


def test_draft_preview_takes_no_number(ctx: AppContext, seeded: Seeded, qtbot: QtBot) -> None:
    dialog = _dialog(ctx, qtbot)
    dialog.from_edit.setDateTime(_to_qdatetime(seeded.period_start))
    dialog.to_edit.setDateTime(_to_qdatetime(seeded.end))
    dialog.signatory_title_edit.setText("Kepala Badan Kesbangpol")
    dialog.signatory_edit.setText("Drs. Budi Santoso, M.Si.")
    dialog.signatory_nip_edit.setText("19700101 199003 1 001")
    qtbot.mouseClick(dialog.draft_button, Qt.MouseButton.LeftButton)
    assert dialog.current is not None and dialog.current.is_draft
    assert "DRAF" in dialog.preview_title.text()
    assert len(dialog.pages.page_labels) >= 2
    # Nothing to print or save from a draft, and no number taken.
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.list_table.rowCount() == 0
    with ctx.db.read() as session:
        assert sitreps.list_sitreps(session) == []
    import io

    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(dialog.current.pdf)).pages)
    text = " ".join(text.split())
    assert "DRAF" in text
    # The dialog's "Mengetahui" fields are what the PDF prints under "Mengetahui,".
    assert "Mengetahui, Kepala Badan Kesbangpol Drs. Budi Santoso, M.Si. NIP. 19700101" in text

    with qtbot.wait_signal(dialog.issued, timeout=60_000) as blocker:
        qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    assert "/001/" in blocker.args[0].number  # the draft took no number


def test_a_number_is_voided_with_its_reason(
    ctx: AppContext,
    seeded: Seeded,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desk_app.reports import SitrepOptions

    assert ctx.actor is not None
    issued = issue.issue_sitrep(
        ctx.db,
        ctx.actor,
        SitrepOptions(seeded.period_start, seeded.end),
        reports_dir=tmp_path,
    )
    dialog = _dialog(ctx, qtbot)
    dialog.list_table.selectRow(0)
    assert dialog.selected_number() == issued.number
    dialog.void_number(issued.number, "  ")
    assert "Alasan pembatalan wajib diisi" in dialog.status_label.text()

    def answer(note: NoteTextDialog) -> QDialog.DialogCode:
        # The reason is asked in the desk's own note dialog, not a stock prompt.
        assert [note.save_button.text(), note.cancel_button.text()] == ["Simpan", "Batal"]
        assert issued.number in note.prompt.text()
        note.note.setPlainText("Periode salah")
        note.accept()
        return QDialog.DialogCode(note.result())

    monkeypatch.setattr(NoteTextDialog, "exec", answer)
    dialog.void_selected()
    assert dialog.list_table.item(0, 6).text() == "Periode salah"
    dialog.void_number(issued.number, "lagi")
    assert "sudah dibatalkan" in dialog.status_label.text()


def test_future_period_and_orphan_recommendations_are_refused(
    ctx: AppContext, qtbot: QtBot
) -> None:
    dialog = _dialog(ctx, qtbot)
    dialog.to_edit.setDateTime(dialog.to_edit.dateTime().addDays(2))
    dialog.generate()
    assert "masa depan" in dialog.status_label.text()
    dialog.to_edit.setDateTime(dialog.to_edit.dateTime().addDays(-2))
    dialog.recommendations_edit.setPlainText("Perkuat patroli")
    dialog.section_boxes["recommendations"].setChecked(False)
    dialog.preview_draft()
    assert "bagian Rekomendasi tidak dipilih" in dialog.status_label.text()
    assert dialog.current is None
    with ctx.db.read() as session:
        assert sitreps.list_sitreps(session) == []


def test_a_period_typed_key_by_key_is_read_and_an_unreadable_one_refused(
    ctx: AppContext, qtbot: QtBot
) -> None:
    dialog = _dialog(ctx, qtbot)
    dialog.show()
    dialog.from_edit.edit.selectAll()
    qtbot.keyClicks(dialog.from_edit.edit, "2024-11-26 07.00")
    start = dialog.options().period_start
    assert (start.year, start.month, start.day, start.hour, start.minute) == (2024, 11, 26, 0, 0)
    dialog.to_edit.edit.selectAll()
    qtbot.keyClicks(dialog.to_edit.edit, "27/11/2024 25:00")
    dialog.generate()
    assert "tidak terbaca" in dialog.status_label.text()
    with ctx.db.read() as session:
        assert sitreps.list_sitreps(session) == []
