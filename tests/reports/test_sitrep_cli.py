"""``desk-app report``: issue from the command line, then list."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sitrep_seed import Seeded

from desk_app.cli import main
from desk_app.context import AppContext
from tests.cli.cli_helpers import setup_desk

#: Every test here provokes a refusal or a failure, which the code logs.
pytestmark = pytest.mark.allow_log_warnings


@pytest.fixture(autouse=True)
def _administrator(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The desk's administrator chosen first (``desk-app setup``), as on any real desk."""
    if "ctx" in request.fixturenames:
        ctx = request.getfixturevalue("ctx")
        setup_desk(ctx.paths.data_dir, monkeypatch)


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


def _run(ctx: AppContext, *args: str) -> int:
    return main(["report", *args, "--data-dir", str(ctx.paths.data_dir)])


PERIOD = ("--from", "2024-11-23T10:00", "--to", "2024-11-24T10:00")


def _pages_text(path: Path) -> list[str]:
    import io

    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages]


def test_texts_from_files_and_the_official_furniture(
    ctx: AppContext, seeded: Seeded, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    highlights = tmp_path / "sorotan.txt"
    highlights.write_text("Situasi umum kondusif.\n- Pantau Kota Semarang", encoding="utf-8")
    recommendations = tmp_path / "rekomendasi.txt"
    recommendations.write_text("- Perkuat patroli gabungan", encoding="utf-8")
    out = tmp_path / "r.pdf"
    ctx.close()
    code = _run(
        ctx, *PERIOD, "-o", str(out),
        "--highlights-file", str(highlights),
        "--recommendations-file", str(recommendations),
        "--signatory", "Drs. Budi Santoso, M.Si.",
        "--signatory-title", "Kepala Badan Kesbangpol",
        "--signatory-nip", "19700101 199003 1 001",
        "--copy-to", "Yth. Pj Gubernur Jawa Tengah",
        "--copy-to", "Yth. Sekretaris Daerah",
        "--next-report", "2024-11-25T10:00",
        "--no-annex",
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    text = " ".join(" ".join(_pages_text(out)).split())
    assert "Situasi umum kondusif." in text and "Pantau Kota Semarang" in text
    assert "Perkuat patroli gabungan" in text
    assert "Kepala Badan Kesbangpol Drs. Budi Santoso, M.Si. NIP. 19700101 199003 1 001" in text
    assert "Tembusan: 1. Yth. Pj Gubernur Jawa Tengah 2. Yth. Sekretaris Daerah" in text
    assert "Laporan berikutnya Senin, 25 November 2024, 10.00 WIB" in text
    assert "LAMPIRAN" not in text


def test_recommendations_with_their_section_left_out_are_refused(
    ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.pdf"
    ctx.close()
    code = _run(ctx, *PERIOD, "-o", str(out), "--sections", "summary,regions",
                "--recommendations", "Perkuat patroli")  # fmt: skip
    assert code != 0
    assert "bagian rekomendasi tidak dipilih" in capsys.readouterr().err
    assert not out.exists()
    assert _run(ctx, "list", "--json") == 0
    assert "number" not in capsys.readouterr().out
    # From a file too.
    text = tmp_path / "rekomendasi.txt"
    text.write_text("- Perkuat patroli\n", encoding="utf-8")
    code = _run(ctx, *PERIOD, "-o", str(out), "--sections", "summary,regions",
                "--recommendations-file", str(text))  # fmt: skip
    assert code != 0
    assert "bagian rekomendasi tidak dipilih" in capsys.readouterr().err
    assert not out.exists()


def test_the_service_refuses_recommendations_without_their_section(
    ctx: AppContext, tmp_path: Path
) -> None:
    """The rule holds below the dialog and the command line: nothing is issued."""
    reports = tmp_path / "reports"
    from dataclasses import replace

    from desk_app.models import utcnow
    from desk_app.reports import SitrepOptions
    from desk_app.reports.issue import draft_sitrep, issue_sitrep
    from desk_app.services import sitreps
    from desk_app.services.errors import ValidationError

    assert ctx.actor is not None
    end = utcnow()
    options = SitrepOptions(
        end - timedelta(days=1), end, sections=("summary",), recommendations="Perkuat patroli"
    )
    for attempt in (
        lambda: issue_sitrep(ctx.db, ctx.actor, options, reports_dir=reports),  # type: ignore[arg-type]
        lambda: draft_sitrep(ctx.db, ctx.actor, options),  # type: ignore[arg-type]
    ):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.errors == {"recommendations": "section_left_out"}
    with ctx.db.read() as session:
        assert sitreps.list_sitreps(session) == []
    assert not reports.exists()
    # Without any recommendations the section may be left out.
    blank = replace(options, recommendations="   ")
    assert issue_sitrep(ctx.db, ctx.actor, blank, reports_dir=reports).pages >= 1


def test_a_period_ending_in_the_future_is_refused(
    ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx.close()
    code = _run(ctx, "--from", "2099-01-01T00:00", "--to", "2099-01-02T00:00",
                "-o", str(tmp_path / "r.pdf"))  # fmt: skip
    assert code != 0
    assert "tidak boleh di masa depan" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_a_draft_takes_no_number_and_says_so_on_every_page(
    ctx: AppContext, seeded: Seeded, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draf.pdf"
    ctx.close()
    assert _run(ctx, *PERIOD, "-o", str(draft), "--draft") == 0
    assert "DRAF" in capsys.readouterr().out
    pages = _pages_text(draft)
    assert len(pages) >= 2
    assert all("DRAF" in page for page in pages)
    assert _run(ctx, "list", "--json") == 0
    assert "number" not in capsys.readouterr().out
    # The first issued report still takes number 001.
    assert _run(ctx, *PERIOD, "-o", str(tmp_path / "r.pdf")) == 0
    assert "GB1/001/" in capsys.readouterr().out
    assert not any("DRAF" in page for page in _pages_text(tmp_path / "r.pdf"))


def test_a_reprint_with_number_and_time_gives_identical_bytes(
    ctx: AppContext, seeded: Seeded, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx.close()
    assert _run(ctx, *PERIOD, "-o", str(tmp_path / "issued.pdf")) == 0
    number = capsys.readouterr().out.splitlines()[0].split(": ")[1]
    runs = []
    for name in ("a.pdf", "b.pdf"):
        path = tmp_path / name
        assert _run(ctx, *PERIOD, "-o", str(path), "--number", number,
                    "--issued-at", "2024-11-24T11:00") == 0  # fmt: skip
        runs.append(path.read_bytes())
    assert runs[0] == runs[1]
    assert runs[0].startswith(b"%PDF")
    # Nothing new in the register; a number never issued is refused.
    assert _run(ctx, "list", "--json") == 0
    assert capsys.readouterr().out.count('"number"') == 1
    assert _run(ctx, *PERIOD, "-o", str(tmp_path / "c.pdf"), "--number", "GB1/999/2024",
                "--issued-at", "2024-11-24T11:00") != 0  # fmt: skip
    assert _run(ctx, *PERIOD, "-o", str(tmp_path / "d.pdf"), "--number", number) != 0


def test_void_keeps_the_reason_in_the_register(
    ctx: AppContext, seeded: Seeded, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx.close()
    assert _run(ctx, *PERIOD, "-o", str(tmp_path / "r.pdf")) == 0
    number = capsys.readouterr().out.splitlines()[0].split(": ")[1]
    assert main(["report", "void", number, "--reason", "Periode salah ketik",
                 "--data-dir", str(ctx.paths.data_dir)]) == 0  # fmt: skip
    assert f"Nomor {number} dibatalkan: Periode salah ketik" in capsys.readouterr().out
    assert _run(ctx, "list", "--json") == 0
    assert '"void_reason": "Periode salah ketik"' in capsys.readouterr().out
    # Twice is refused; so is an unknown number and an empty reason.
    assert main(["report", "void", number, "--reason", "lagi",
                 "--data-dir", str(ctx.paths.data_dir)]) != 0  # fmt: skip
    assert "sudah dibatalkan" in capsys.readouterr().err
    assert main(["report", "void", "GB1/999/2024", "--reason", "x",
                 "--data-dir", str(ctx.paths.data_dir)]) != 0  # fmt: skip
    assert main(["report", "void", number, "--reason", " ",
                 "--data-dir", str(ctx.paths.data_dir)]) != 0  # fmt: skip


def test_a_period_ending_now_is_not_in_the_future(ctx: AppContext, tmp_path: Path) -> None:
    """The end taken at the very moment of issuing (with its microseconds) is accepted."""
    from desk_app.models import utcnow
    from desk_app.reports import SitrepOptions
    from desk_app.reports.issue import issue_sitrep

    assert ctx.actor is not None
    end = utcnow()
    issued = issue_sitrep(
        ctx.db, ctx.actor, SitrepOptions(end - timedelta(days=1), end), reports_dir=tmp_path
    )
    assert issued.period_end == end


def test_the_kop_carries_a_logo_when_one_is_given(
    ctx: AppContext, seeded: Seeded, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PIL import Image

    logo = tmp_path / "lambang.png"
    Image.new("RGB", (60, 70), "darkgreen").save(logo)
    ctx.close()
    with_logo, without = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert _run(ctx, *PERIOD, "-o", str(with_logo), "--draft", "--logo", str(logo)) == 0
    assert _run(ctx, *PERIOD, "-o", str(without), "--draft") == 0
    assert b"/Subtype /Image" in with_logo.read_bytes()
    assert b"/Subtype /Image" not in without.read_bytes()
    capsys.readouterr()
    assert _run(ctx, *PERIOD, "-o", str(tmp_path / "c.pdf"), "--logo", "nope.png") != 0
    assert "nope.png" in capsys.readouterr().err
