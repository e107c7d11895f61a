"""Page 1 is the briefing; the body stays short; the complete list goes to the Lampiran."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from hard_cases import END, START, build
from pypdf import PdfReader
from report_helpers import Render, pdf_text
from sitrep_seed import Seeded
from sqlalchemy import text
from test_sitrep_figures import LIVE_AT_END, P, _scalar, pdftotext

from desk_app.context import AppContext
from desk_app.reports import SitrepOptions
from desk_app.reports.issue import issue_sitrep
from desk_app.reports.layout import BODY_DEVELOPMENTS, BODY_PER_REGION, BRIEFING_INCIDENTS
from desk_app.services import sitreps
from desk_app.services.actor import Actor

REF = re.compile(r"GB1-2024-\d{5}")


def _pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def test_key_figures_change_since_the_previous_sitrep(
    ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    build(ctx, admin, monkeypatch)
    day = timedelta(days=1)
    before = issue_sitrep(ctx.db, admin, SitrepOptions(START - day, START), reports_dir=tmp_path)
    previous = _scalar(
        ctx,
        "SELECT count(*) FROM incident i WHERE i.occurred_at >= :a0 AND i.occurred_at < :a "
        f"AND {LIVE_AT_END.replace(':b', ':a')}",
        a0=P["a"].replace("2024-11-25", "2024-11-24"),
    )
    now = _scalar(
        ctx,
        f"SELECT count(*) FROM incident i WHERE i.occurred_at >= :a AND i.occurred_at < :b "
        f"AND {LIVE_AT_END}",
    )
    rendered = issue_sitrep(ctx.db, admin, SitrepOptions(START, END), reports_dir=tmp_path)
    out = pdftotext(Path(rendered.file_path).read_bytes(), tmp_path, layout=True)
    page1 = out.split("\f")[0]
    assert f"laporan sebelumnya (Nomor {before.number})" in page1
    lines = page1.splitlines()
    at = next(i for i, line in enumerate(lines) if "Insiden dalam periode" in line)
    change = "▲" if now > previous else "▼" if now < previous else "="
    below = " ".join(lines[at + 1 : at + 4])
    assert re.search(rf"{change}\s*{abs(now - previous)}\b", below) or change == "=", below
    # A voided sitrep is not compared with.
    with ctx.db.write() as session:
        sitreps.void_sitrep(session, admin, before.number, "Salah periode")
    again = issue_sitrep(ctx.db, admin, SitrepOptions(START, END), reports_dir=tmp_path)
    first = pdftotext(Path(again.file_path).read_bytes(), tmp_path).split("\f")[0]
    assert "Belum ada laporan sebelumnya" in first


def test_page_one_lists_at_most_five_incidents_critical_first(
    seeded: Seeded, render: Render
) -> None:
    page1 = _pages(render(seeded.period_start, seeded.end).pdf)[0]
    part = page1.split("Insiden yang perlu perhatian")[1].split("Rekomendasi")[0]
    listed = [line for line in part.splitlines() if REF.search(line) or "·" in line]
    severities = re.findall(r"^(Kritis|Tinggi) ·", part, re.MULTILINE)
    assert 1 <= len(severities) <= BRIEFING_INCIDENTS, listed
    assert severities == sorted(severities, key=lambda s: s != "Kritis")
    assert "lainnya: lihat Perkembangan menonjol" in part


def test_body_is_capped_and_the_annex_has_the_rest(
    ctx: AppContext, seeded: Seeded, render: Render
) -> None:
    pdf = render(seeded.period_start, seeded.end).pdf
    out = pdf_text(pdf)
    body = out.split("4. Perkembangan menonjol")[1].split("5. Pemantauan media sosial")[0]
    annex = out.split("LAMPIRAN")[1]
    body_refs = REF.findall(body)
    assert 0 < len(set(body_refs)) <= BODY_DEVELOPMENTS
    per_region = re.findall(r"^(33\.\d\d) ", body, re.MULTILINE)
    assert max(per_region.count(c) for c in set(per_region)) <= BODY_PER_REGION * 2  # + (lanjutan)
    assert "Tidak valid" not in body.split("Kejadian", 1)[1].replace("(Tidak valid tidak", "")
    with ctx.db.read() as session:
        notable = session.execute(
            text(
                "SELECT count(*) FROM incident WHERE deleted = 0 AND merged_into IS NULL "
                "AND severity >= 3 AND occurred_at >= :a AND occurred_at < :b"
            ),
            {"a": seeded.period_start.replace(tzinfo=None), "b": seeded.end.replace(tzinfo=None)},
        ).scalar()
    assert len(set(REF.findall(annex))) >= int(notable or 0) > len(set(body_refs))
    assert "Lampiran" in body  # the body says where the rest is
    assert "(lanjutan)" in annex  # a region's table broken over a page says whose rows
    assert "B. Insiden per hari menurut kategori" in annex

    short = pdf_text(render(seeded.period_start, seeded.end, annex=False).pdf)
    assert "LAMPIRAN" not in short
    assert "Lampiran tidak disertakan" in short


def test_one_signature_block_when_the_preparer_signs(seeded: Seeded, render: Render) -> None:
    both = pdf_text(
        render(
            seeded.period_start,
            seeded.end,
            sections=("recommendations",),
            prepared_by_name="Rina Handayani",
            signatory_name="Drs. Budi Santoso",
        ).pdf
    )
    assert "Dibuat oleh," in both and "Mengetahui," in both
    same = pdf_text(
        render(
            seeded.period_start,
            seeded.end,
            sections=("recommendations",),
            prepared_by_name="Drs. Budi Santoso",
            signatory_name="Drs. Budi Santoso",
        ).pdf
    )
    assert "Dibuat oleh," not in same
    assert same.count("Drs. Budi Santoso") == 1


def test_english_edition_translates_the_classification(seeded: Seeded, render: Render) -> None:
    out = pdf_text(render(seeded.period_start, seeded.end, lang="en", sections=("summary",)).pdf)
    assert "RESTRICTED" in out and "TERBATAS" not in out
    assert "to 24 Nov 2024" in out or "until before" in out


def test_long_highlights_leave_the_key_figures_on_page_one(seeded: Seeded, render: Render) -> None:
    long = "\n".join(
        f"- Butir catatan nomor {i}: situasi terpantau dan terkendali." for i in range(40)
    )
    pages = _pages(render(seeded.period_start, seeded.end, highlights=long).pdf)
    assert "Insiden dalam periode" in pages[0]
    assert "Insiden yang perlu perhatian" in pages[0]
    assert "Butir catatan nomor 0:" in pages[0]  # they start on page 1 too
    # A briefing that fits page 1 has the page to itself: the body starts on page 2.
    short = _pages(render(seeded.period_start, seeded.end, highlights="- Singkat").pdf)
    assert "2. Peta status" not in short[0] and "2. Peta status" in short[1]
