"""The kop's logo: an administrator sets it once (in the sitrep dialog or with
``desk-app report logo``), it is kept in the data directory, and both the window and
``desk-app report`` print it; anything but a whole PNG or JPEG is refused with a message
that says why."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sitrep_seed import Seeded

from desk_app.cli import main
from desk_app.context import AppContext
from desk_app.services import report_logo
from desk_app.services.actor import Actor
from desk_app.services.errors import PermissionDeniedError, ValidationError
from desk_app.ui.sitrep_dialog import Generated, SitrepDialog, _to_qdatetime
from desk_app.ui.tasks import TaskRunner
from tests.cli.cli_helpers import setup_desk
from tests.ui.desk_helpers import ModalDriver

#: Refusals are logged.
pytestmark = pytest.mark.allow_log_warnings


def _png(path: Path, size: tuple[int, int] = (60, 70)) -> Path:
    Image.new("RGB", size, "darkgreen").save(path, "PNG")
    return path


def _jpeg(path: Path) -> Path:
    Image.new("RGB", (80, 90), "darkred").save(path, "JPEG")
    return path


def _refusal(source: Path) -> str:
    with pytest.raises(ValidationError) as caught:
        report_logo.read_logo_file(source)
    return caught.value.errors["logo"]


def test_only_a_whole_png_or_jpeg_is_taken(tmp_path: Path) -> None:
    assert report_logo.logo_kind(_png(tmp_path / "a.png").read_bytes()) == "png"
    # By content, not by name: a JPEG called .png is a JPEG.
    assert report_logo.logo_kind(_jpeg(tmp_path / "b.png").read_bytes()) == "jpg"
    text = tmp_path / "lambang.png"
    text.write_text("bukan gambar", encoding="utf-8")
    assert _refusal(text) == "logo_not_an_image"
    gif = tmp_path / "c.gif"
    Image.new("RGB", (40, 40)).save(gif, "GIF")
    assert _refusal(gif) == "logo_not_an_image"
    cut = tmp_path / "cut.png"
    cut.write_bytes(_png(tmp_path / "whole.png", (300, 300)).read_bytes()[:120])
    assert _refusal(cut) == "logo_unreadable"
    assert _refusal(_png(tmp_path / "tiny.png", (8, 8))) == "logo_too_small"
    assert _refusal(_png(tmp_path / "huge.png", (6000, 20))) == "logo_too_large"
    assert _refusal(tmp_path / "missing.png") == "logo_unreadable"


def test_set_replace_and_clear_are_for_administrators(
    ctx: AppContext, admin: Actor, coordinator: Actor, tmp_path: Path
) -> None:
    data_dir = ctx.paths.data_dir
    assert report_logo.current_logo(data_dir) is None
    with pytest.raises(PermissionDeniedError):
        report_logo.set_logo(data_dir, coordinator, _png(tmp_path / "a.png"))
    kept = report_logo.set_logo(data_dir, admin, _jpeg(tmp_path / "lambang.jpeg"))
    assert kept == data_dir / "kop-logo.jpg"
    # A copy: the original may go.
    (tmp_path / "lambang.jpeg").unlink()
    assert report_logo.current_logo(data_dir) == kept
    replaced = report_logo.set_logo(data_dir, admin, _png(tmp_path / "b.png"))
    assert replaced == data_dir / "kop-logo.png"
    assert not kept.exists()
    with pytest.raises(PermissionDeniedError):
        report_logo.clear_logo(data_dir, coordinator)
    assert report_logo.clear_logo(data_dir, admin)
    assert report_logo.current_logo(data_dir) is None


# --- the command line ------------------------------------------------------------------

PERIOD = ("--from", "2024-11-23T10:00", "--to", "2024-11-24T10:00")


def _run(ctx: AppContext, *args: str) -> int:
    return main(["report", *args, "--data-dir", str(ctx.paths.data_dir)])


def _has_image(path: Path) -> bool:
    return b"/Subtype /Image" in path.read_bytes()


def test_the_command_line_prints_the_logo_set_for_the_workstation(
    ctx: AppContext,
    seeded: Seeded,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    setup_desk(ctx.paths.data_dir, monkeypatch)
    ctx.close()
    capsys.readouterr()
    assert _run(ctx, "logo") == 0
    assert "Belum ada logo kop." in capsys.readouterr().out
    assert _run(ctx, "logo", str(_png(tmp_path / "lambang.png"))) == 0
    assert "kop-logo.png" in capsys.readouterr().out

    set_once, without, other = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    assert _run(ctx, *PERIOD, "-o", str(set_once), "--draft") == 0
    assert _has_image(set_once)
    assert _run(ctx, *PERIOD, "-o", str(without), "--draft", "--no-logo") == 0
    assert not _has_image(without)
    # --logo stands for this report only.
    jpeg = str(_jpeg(tmp_path / "j.jpg"))
    assert _run(ctx, *PERIOD, "-o", str(other), "--draft", "--logo", jpeg) == 0
    assert b"/DCTDecode" in other.read_bytes()
    assert (ctx.paths.data_dir / "kop-logo.png").is_file()

    assert _run(ctx, "logo", "--clear") == 0
    assert "Logo kop dihapus." in capsys.readouterr().out
    assert _run(ctx, *PERIOD, "-o", str(set_once), "--draft") == 0
    assert not _has_image(set_once)


def test_the_command_line_refuses_what_is_not_a_png_or_jpeg(
    ctx: AppContext,
    seeded: Seeded,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    setup_desk(ctx.paths.data_dir, monkeypatch)
    ctx.close()
    notes = tmp_path / "catatan.png"
    notes.write_text("bukan gambar", encoding="utf-8")
    capsys.readouterr()
    assert _run(ctx, "logo", str(notes)) != 0
    err = capsys.readouterr().err
    assert "Logo kop laporan: bukan gambar PNG atau JPEG" in err
    assert "catatan.png" in err
    assert report_logo.current_logo(ctx.paths.data_dir) is None
    out = tmp_path / "x.pdf"
    assert _run(ctx, *PERIOD, "-o", str(out), "--draft", "--logo", str(notes)) != 0
    assert "bukan gambar PNG atau JPEG" in capsys.readouterr().err
    assert not out.exists()
    logo = _png(tmp_path / "l.png")
    assert _run(ctx, *PERIOD, "-o", str(out), "--logo", str(logo), "--no-logo") != 0
    assert "--no-logo" in capsys.readouterr().err
    assert _run(ctx, "logo", str(logo), "--clear") != 0


# --- the window --------------------------------------------------------------------------


def _dialog(ctx: AppContext, qtbot: QtBot) -> SitrepDialog:
    dialog = SitrepDialog(ctx, TaskRunner(synchronous=True), settings=None)
    qtbot.addWidget(dialog)
    return dialog


def test_an_administrator_sets_the_logo_in_the_dialog_and_the_draft_prints_it(
    ctx: AppContext,
    seeded: Seeded,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = _dialog(ctx, qtbot)
    assert dialog.logo_preview.pixmap().isNull()
    assert not dialog.logo_clear_button.isEnabled()
    source = _png(tmp_path / "lambang.png")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(source), ""))
    )
    qtbot.mouseClick(dialog.logo_button, Qt.MouseButton.LeftButton)
    assert (ctx.paths.data_dir / "kop-logo.png").is_file()
    assert not dialog.logo_preview.pixmap().isNull()
    assert dialog.logo_clear_button.isEnabled()

    dialog.from_edit.setDateTime(_to_qdatetime(seeded.period_start))
    dialog.to_edit.setDateTime(_to_qdatetime(seeded.end))
    drafts: list[Generated] = []
    monkeypatch.setattr(dialog, "show_result", drafts.append)
    qtbot.mouseClick(dialog.draft_button, Qt.MouseButton.LeftButton)
    assert b"/Subtype /Image" in drafts[-1].pdf

    qtbot.mouseClick(dialog.logo_clear_button, Qt.MouseButton.LeftButton)
    assert report_logo.current_logo(ctx.paths.data_dir) is None
    assert dialog.logo_preview.pixmap().isNull()
    qtbot.mouseClick(dialog.draft_button, Qt.MouseButton.LeftButton)
    assert b"/Subtype /Image" not in drafts[-1].pdf


def test_the_dialog_says_in_indonesian_why_a_file_is_refused(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(ctx, qtbot)
    dialog.show()
    notes = tmp_path / "catatan.jpg"
    notes.write_text("bukan gambar", encoding="utf-8")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(notes), ""))
    )
    seen: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    driver = ModalDriver(read_and_close)
    qtbot.mouseClick(dialog.logo_button, Qt.MouseButton.LeftButton)
    driver.check()
    assert seen == [
        "Berkas itu bukan gambar PNG atau JPEG. Pilih lambang dalam format PNG atau JPEG."
    ]
    assert dialog.status_label.text() == seen[0]
    assert report_logo.current_logo(ctx.paths.data_dir) is None


def test_only_an_administrator_may_change_the_logo(
    ctx: AppContext, coordinator: Actor, qtbot: QtBot, tmp_path: Path, admin: Actor
) -> None:
    report_logo.set_logo(ctx.paths.data_dir, admin, _png(tmp_path / "lambang.png"))
    ctx.actor = coordinator
    dialog = _dialog(ctx, qtbot)
    # Shown, printed, but not changed.
    assert not dialog.logo_preview.pixmap().isNull()
    assert not dialog.logo_button.isEnabled()
    assert not dialog.logo_clear_button.isEnabled()
    assert dialog.options().logo_path.endswith("kop-logo.png")
    dialog.set_logo_from(_png(tmp_path / "other.png", (90, 90)))
    dialog.clear_logo()
    assert report_logo.current_logo(ctx.paths.data_dir) == ctx.paths.data_dir / "kop-logo.png"
