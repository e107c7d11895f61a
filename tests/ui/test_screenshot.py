"""``desk-app screenshot`` renders the window on a tab to a PNG."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from desk_app.cli import main
from desk_app.context import AppContext
from desk_app.ui.i18n import install_language
from tests.cli.cli_helpers import setup_desk


@pytest.fixture
def app(qapp: QApplication) -> QApplication:
    yield qapp
    install_language(qapp, "id")


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
@pytest.mark.parametrize("tab", ["wilayah", "ringkasan"])
def test_screenshot_writes_a_png(
    app: QApplication,
    ctx: AppContext,
    data_dir: Path,
    tmp_path: Path,
    tab: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    setup_desk(data_dir, monkeypatch)
    out = tmp_path / f"{tab}.png"
    status = main(
        [
            "screenshot",
            "--tab",
            tab,
            "-o",
            str(out),
            "--size",
            "1400x900",
            "--as-of",
            "2024-11-26T10:00",
            "--data-dir",
            str(data_dir),
        ]
    )
    assert status == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    # Not a blank picture: the map's green tiles are there on the board.
    if tab == "wilayah":
        colours = {
            image.pixelColor(x, y).name() for x in range(0, 1400, 7) for y in range(60, 300, 7)
        }
        assert "#5cb85c" in colours


def test_bad_size_is_refused(ctx: AppContext, data_dir: Path, tmp_path: Path) -> None:
    status = main(
        ["screenshot", "-o", str(tmp_path / "x.png"), "--size", "big", "--data-dir", str(data_dir)]
    )
    assert status == 2
    assert not (tmp_path / "x.png").exists()


def test_english_without_its_catalogue_is_refused_not_drawn_in_indonesian(
    app: QApplication,
    ctx: AppContext,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Before `make translations`, --lang en wrote an Indonesian picture, silently."""
    from desk_app.ui import i18n

    setup_desk(data_dir, monkeypatch)
    monkeypatch.setattr(i18n, "catalogues", lambda lang: [])
    out = tmp_path / "wilayah-en.png"
    status = main(["--lang", "en", "screenshot", "-o", str(out), "--data-dir", str(data_dir)])
    assert status == 2
    assert not out.exists()
    assert "make translations" in capsys.readouterr().err
