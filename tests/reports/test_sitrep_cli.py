"""``desk-app report``: issue from the command line, then list."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitrep_seed import Seeded

from desk_app.cli import main
from desk_app.context import AppContext
from tests.cli.cli_helpers import setup_desk


def test_report_prints_number_and_pages_then_lists_it(
    ctx: AppContext,
    seeded: Seeded,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = str(ctx.paths.data_dir)
    out = tmp_path / "sitrep.pdf"
    ctx.close()
    setup_desk(ctx.paths.data_dir, monkeypatch)
    capsys.readouterr()
    code = main(
        [
            "report",
            "--data-dir", data_dir,
            "--from", "2024-11-21T10:00",
            "--to", "2024-11-24T10:00",
            "-o", str(out),
            "--lang", "en",
            "--sections", "summary,regions",
        ]
    )  # fmt: skip
    assert code == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("Report number: GB1/001/")
    pages = int(printed[1].removeprefix("Pages: "))
    assert pages >= 2
    assert out.read_bytes().startswith(b"%PDF")

    assert main(["report", "list", "--data-dir", data_dir, "--json"]) == 0
    listed = capsys.readouterr().out
    assert '"number": "GB1/001/' in listed
    assert str(out) in listed


def test_report_refuses_an_unknown_section(ctx: AppContext, tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--data-dir", str(ctx.paths.data_dir), "--sections", "gossip",
              "-o", str(tmp_path / "x.pdf")])  # fmt: skip
