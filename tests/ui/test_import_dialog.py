"""The import dialog: preview, mapping, validation report, import or cancel."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desk_app.context import AppContext
from desk_app.models import Contact, Incident
from desk_app.services.export import write_csv
from desk_app.ui.import_dialog import ImportDialog
from desk_app.ui.tasks import TaskRunner


class MemorySettings:
    def __init__(self) -> None:
        self.values: dict[str, object] = {}

    def value(self, key: str, default: object = None) -> object:
        return self.values.get(key, default)

    def set_value(self, key: str, value: object) -> None:
        self.values[key] = value


def _count(ctx: AppContext, model: type[Incident] | type[Contact]) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "laporan.csv"
    write_csv(
        path,
        ["Isi singkat", "Kab/Kota", "Kategori", "Level", "Sumber", "Uraian"],
        [
            ["Hoaks surat suara", "33.74", "HOAKS", "2", "MEDSOS", "a"],
            ["", "33.74", "HOAKS", "2", "MEDSOS", "judul kosong"],
            ["Baliho dirusak", "Kota Surakarta", "KAMPANYE", "9", "OBSERVASI", "b"],
            ["Politik uang", "Kabupaten Demak", "POLITIK_UANG", "3", "MASYARAKAT", "c"],
        ],
    )
    return path


def _dialog(qtbot: QtBot, ctx: AppContext, settings: object) -> ImportDialog:
    dialog = ImportDialog(ctx, TaskRunner(synchronous=True), "incidents", settings)
    qtbot.addWidget(dialog)
    return dialog


def _map(dialog: ImportDialog) -> None:
    for name, header in {
        "title": "Isi singkat",
        "region": "Kab/Kota",
        "severity": "Level",
    }.items():
        combo = dialog.mapping[name]
        combo.setCurrentIndex(combo.findData(header))


def test_preview_mapping_report_then_import_good_rows(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    settings = MemorySettings()
    dialog = _dialog(qtbot, ctx, settings)
    dialog.load(_file(tmp_path))
    assert dialog.preview.rowCount() == 4
    # "Kategori", "Sumber" and "Uraian" are recognised; the others need choosing.
    assert dialog.mapping["category"].currentData() == "Kategori"
    assert not dialog.mapping["title"].currentData()
    dialog.validate()
    assert "Judul" in dialog.report_label.text()
    assert not dialog.import_button.isEnabled()

    _map(dialog)
    dialog.validate()
    assert dialog.report is not None
    assert (dialog.report.total, dialog.report.good) == (4, 2)
    assert dialog.bad_rows.rowCount() == 2
    assert dialog.bad_rows.item(0, 1).text() == "Judul: Wajib diisi."
    assert dialog.import_button.text() == "&Impor 2 baris baik"
    assert _count(ctx, Incident) == 0

    bad = tmp_path / "bad.csv"
    assert dialog.save_bad_rows(bad) == 2
    with bad.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][-1] == "Kesalahan" and "Keparahan" in rows[2][-1]

    dialog.run_import()
    assert dialog.imported == 2 and _count(ctx, Incident) == 2

    # The mapping is remembered for the next file.
    again = _dialog(qtbot, ctx, settings)
    again.load(_file(tmp_path))
    assert again.mapping["title"].currentData() == "Isi singkat"


def test_cancel_on_import_writes_nothing(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "banyak.csv"
    write_csv(
        path,
        ["title", "region", "category", "severity", "source_type"],
        ([f"Insiden {i}", "33.74", "HOAKS", "1", "MEDSOS"] for i in range(1200)),
    )
    dialog = _dialog(qtbot, ctx, MemorySettings())
    dialog.load(path)
    dialog.validate()
    assert dialog.report is not None and dialog.report.good == 1200
    importing_now = False
    real_progress = dialog._progress

    def progress(done: int, total: int) -> None:
        real_progress(done, total)
        if importing_now and done > 0:
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    monkeypatch.setattr(dialog, "_progress", progress)
    importing_now = True
    dialog.run_import()
    assert _count(ctx, Incident) == 0
    assert dialog.imported == 0
    assert "dibatalkan" in dialog.report_label.text()

    # Cancel when nothing runs just closes; nothing was written.
    dialog.show()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and _count(ctx, Incident) == 0


def test_wrong_encoding_is_pointed_out(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "win.csv"
    path.write_bytes("Nama;Kategori\nJosé;TOKOH_AGAMA\n".encode("cp1252"))
    dialog = ImportDialog(ctx, TaskRunner(synchronous=True), "contacts", None)
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert dialog.warning.isVisibleTo(dialog)
    assert "Windows-1252" in dialog.warning.text()
    assert "Windows-1252" in dialog.file_label.text()
    assert dialog.preview.item(0, 0).text() == "José"


def test_truncated_file_shows_a_clear_message(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "cut.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    dialog = _dialog(qtbot, ctx, None)
    dialog.load(path)
    assert "terpotong" in dialog.report_label.text()
    assert not dialog.check_button.isEnabled()


def test_a_hostile_file_gets_the_imports_message_and_leaves_nothing_of_the_last_one(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    good = tmp_path / "laporan.csv"
    good.write_text(
        "Judul,Kabupaten/kota,Kategori,Keparahan,Sumber\nHoaks,33.74,HOAKS,2,MEDSOS\n",
        encoding="utf-16",
    )
    dialog = _dialog(qtbot, ctx, None)
    dialog.load(good)
    assert "pengodean UTF-16" in dialog.file_label.text()
    assert dialog.preview.rowCount() == 1
    huge = tmp_path / "besar.csv"
    huge.write_text("Judul,Kabupaten/kota\n" + "x" * 40_000 + ",33.74\n", encoding="utf-8")
    dialog.load(huge)
    assert dialog.preview.rowCount() == 0 and dialog.preview.columnCount() == 0
    assert "Baris 2 memuat sel yang lebih panjang dari 32.767 karakter" in (
        dialog.report_label.text()
    )
    assert not dialog.check_button.isEnabled()
