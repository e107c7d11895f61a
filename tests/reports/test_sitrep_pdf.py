"""The sitrep PDF: every figure equals the database, privacy, languages, determinism."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_helpers import NUMBER, Render, pdf_text
from sitrep_seed import CONTACT_ADDRESS, CONTACT_PHONE, REPORTER_PHONE, TITLE_PHONE, Seeded
from sqlalchemy import text
from test_sitrep_figures import _figure, pdftotext

from desk_app.context import AppContext
from desk_app.models.enums import CLOSED_STATUSES, OPEN_STATUSES, IncidentStatus
from desk_app.reports.texts import LEVELS, STATUSES, TEXTS

LIVE = "deleted = 0 AND merged_into IS NULL"


def _ts(moment: object) -> str:
    return moment.replace(tzinfo=None).isoformat(" ", "microseconds")  # type: ignore[attr-defined]


def _numbers_after(text_: str, label: str, count: int) -> list[int]:
    lines = text_.splitlines()
    i = next(n for n, line in enumerate(lines) if line.strip() == label)
    return [int(v.strip().replace(".", "")) for v in lines[i + 1 : i + 1 + count]]


def _scalar(ctx: AppContext, sql: str, **params: object) -> int:
    with ctx.db.read() as session:
        return int(session.execute(text(sql), params).scalar() or 0)


def test_summary_figures_equal_the_database(
    ctx: AppContext, seeded: Seeded, render: Render, tmp_path: Path
) -> None:
    out = pdf_text(render(seeded.period_start, seeded.end).pdf)
    p = {"a": _ts(seeded.period_start), "b": _ts(seeded.end)}
    in_period = f"{LIVE} AND occurred_at >= :a AND occurred_at < :b"
    total = _scalar(ctx, f"SELECT count(*) FROM incident WHERE {in_period}", **p)
    severities = [
        _scalar(ctx, f"SELECT count(*) FROM incident WHERE {in_period} AND severity = {s}", **p)
        for s in (1, 2, 3, 4)
    ]
    assert total > 20
    assert _numbers_after(out, "Kritis", 5) == [total, *severities]

    statuses = [
        _scalar(ctx, f"SELECT count(*) FROM incident WHERE {in_period} AND status = :s", s=s, **p)
        for s in IncidentStatus
    ]
    assert _numbers_after(out, "Dibuka kembali", 6) == statuses
    assert sum(statuses) == total

    open_list = ",".join(f"'{s.value}'" for s in OPEN_STATUSES)
    closed_list = ",".join(f"'{s.value}'" for s in CLOSED_STATUSES)
    open_all = _scalar(
        ctx,
        f"SELECT count(*) FROM incident WHERE {LIVE} AND occurred_at < :b "
        f"AND status IN ({open_list})",
        b=p["b"],
    )
    closed = _scalar(
        ctx,
        f"SELECT count(*) FROM incident WHERE {LIVE} AND id IN "
        "(SELECT incident_id FROM incident_status_change WHERE created_at >= :a "
        f"AND created_at < :b AND to_status IN ({closed_list}))",
        **p,
    )
    siaga = _scalar(ctx, "SELECT count(*) FROM region WHERE alert_level = 'siaga'")
    awas = _scalar(ctx, "SELECT count(*) FROM region WHERE alert_level = 'awas'")
    assert (siaga, awas) == (3, 1)
    # Page 1's key figures, read with pdftotext -layout.
    laid_out = pdftotext(render(seeded.period_start, seeded.end).pdf, tmp_path, layout=True)
    assert _figure(laid_out, "Terbuka pada akhir periode") == open_all
    assert _figure(laid_out, "Diselesaikan dalam periode") == closed
    assert _figure(laid_out, "Wilayah Siaga") == siaga
    assert _figure(laid_out, "Wilayah Awas") == awas
    assert "Wilayah Awas (1):" in out
    assert "Kota Semarang — Eskalasi insiden menjelang pemungutan suara" in out


def test_region_table_rows_equal_the_database(
    ctx: AppContext, seeded: Seeded, render: Render
) -> None:
    out = pdf_text(render(seeded.period_start, seeded.end).pdf)
    p = {"a": _ts(seeded.period_start), "b": _ts(seeded.end)}
    open_list = ",".join(f"'{s.value}'" for s in OPEN_STATUSES)
    closed_list = ",".join(f"'{s.value}'" for s in CLOSED_STATUSES)
    with ctx.db.read() as session:
        regions = session.execute(
            text("SELECT id, code, name, alert_level FROM region ORDER BY code")
        ).all()
    assert len(regions) == 35
    for region_id, code, name, level in regions:
        q = {"r": region_id, **p}
        new = _scalar(
            ctx,
            f"SELECT count(*) FROM incident WHERE {LIVE} AND region_id = :r "
            "AND occurred_at >= :a AND occurred_at < :b",
            **q,
        )
        open_ = _scalar(
            ctx,
            f"SELECT count(*) FROM incident WHERE {LIVE} AND region_id = :r "
            f"AND occurred_at < :b AND status IN ({open_list})",
            **q,
        )
        closed = _scalar(
            ctx,
            f"SELECT count(*) FROM incident WHERE {LIVE} AND region_id = :r "
            "AND id IN (SELECT incident_id FROM "
            "incident_status_change WHERE created_at >= :a AND created_at < :b "
            f"AND to_status IN ({closed_list}))",
            **q,
        )
        row = re.search(
            rf"^{re.escape(code)}\n{re.escape(name)}\n{LEVELS['id'][level]}\n(\d+)\n(\d+)\n(\d+)$",
            out,
            re.MULTILINE,
        )
        assert row is not None, f"no table row for {code} {name}"
        assert [int(v) for v in row.groups()] == [new, open_, closed], code
        # On the map too: its code, its name and its level in words.
        assert re.search(rf"^{re.escape(code)}\n", out, re.MULTILINE)


def test_social_media_and_neutrality_figures(
    ctx: AppContext, seeded: Seeded, render: Render
) -> None:
    out = pdf_text(render(seeded.period_start, seeded.end).pdf)
    p = {"a": _ts(seeded.period_start), "b": _ts(seeded.end)}
    # Actions taken in the period, on social-media incidents logged whenever, a merged
    # duplicate's follow-ups counting for the incident it was merged into.
    kept = f"{LIVE} AND category IN ('HOAKS','UJARAN','PROVOKASI')"
    scope = f"{kept} OR merged_into IN (SELECT id FROM incident WHERE {kept})"
    takedown = _scalar(
        ctx,
        "SELECT count(*) FROM follow_up WHERE type = 'TAKEDOWN' "
        "AND created_at >= :a AND created_at < :b AND incident_id IN "
        f"(SELECT id FROM incident WHERE {scope})",
        **p,
    )
    counter = _scalar(
        ctx,
        "SELECT count(*) FROM follow_up WHERE type = 'KONTRA_NARASI' "
        "AND created_at >= :a AND created_at < :b AND incident_id IN "
        f"(SELECT id FROM incident WHERE {scope})",
        **p,
    )
    assert f"Diajukan take-down ke Kominfo/Komdigi\n{takedown}\n" in out
    assert f"Diklarifikasi / kontra-narasi\n{counter}\n" in out
    neutrality = _scalar(
        ctx,
        f"SELECT count(*) FROM incident WHERE {LIVE} AND occurred_at >= :a "
        "AND occurred_at < :b AND category = 'NETRALITAS'",
        **p,
    )
    section = out.split("6. Netralitas")[1].split("7. Tren")[0]
    assert f"Jumlah\n{neutrality}\n" in section


def test_phone_numbers_appear_only_when_asked_for(seeded: Seeded, render: Render) -> None:
    plain = pdf_text(render(seeded.period_start, seeded.end).pdf)
    digits = re.sub(r"\D", "", plain)
    for phone in (REPORTER_PHONE.format(1), CONTACT_PHONE.format(1), TITLE_PHONE):
        assert re.sub(r"\D", "", phone)[:9] not in digits
    assert "+62" not in plain
    assert "Pelapor Rahasia" not in plain
    assert "Jl. Pahlawan" not in plain
    assert "[nomor disamarkan]" in plain  # the phone number typed into a title

    full = pdf_text(render(seeded.period_start, seeded.end, include_personal_data=True).pdf)
    assert "+6281399" not in full  # printed as read aloud, not as stored
    assert re.search(r"\+62 813-99\d\d-\d{4}", full)
    assert CONTACT_ADDRESS.format(1) in full
    assert "Pelapor Rahasia" in full
    assert "data pribadi" in full


def test_empty_period_gives_a_valid_report_that_says_so(ctx: AppContext, render: Render) -> None:
    end = __import__("sitrep_seed").END
    rendered = render(end - timedelta(days=1), end)
    reader = PdfReader(io.BytesIO(rendered.pdf))
    assert len(reader.pages) == rendered.pages >= 2
    out = pdf_text(rendered.pdf)
    t = TEXTS["id"]
    for key in ("empty_period", "no_developments", "no_social", "no_neutrality", "no_forum"):
        assert t[key] in out.replace("\n", " "), key
    assert t["no_trend"] in out
    for n in range(1, len(reader.pages) + 1):
        assert f"Halaman {n} dari {len(reader.pages)}" in out
    assert out.count(f"Nomor {NUMBER}") >= 2 * len(reader.pages)
    assert out.count("TERBATAS") >= 2 * len(reader.pages)


def test_english_report_has_no_indonesian_headings(seeded: Seeded, render: Render) -> None:
    out = pdf_text(render(seeded.period_start, seeded.end, lang="en").pdf)
    assert "SITUATION REPORT" in out
    assert "Page 1 of" in out
    flat = out.replace("\n", " ")
    for key in (
        "title", "summary", "map", "regions", "developments", "social", "neutrality", "trend",
        "forum", "recommendations", "prepared_by", "acknowledged_by", "key_figures",
        "incidents_in_period", "col_follow_ups", "col_top_category", "highlights",
    ):  # fmt: skip
        assert TEXTS["id"][key] not in flat, key
    assert "Halaman" not in out
    for name in STATUSES["id"].values():
        if name != "Baru":
            assert f"\n{name}\n" not in out


def test_same_inputs_give_the_same_bytes(seeded: Seeded, render: Render) -> None:
    first = render(seeded.period_start, seeded.end, highlights="- satu\n- dua")
    second = render(seeded.period_start, seeded.end, highlights="- satu\n- dua")
    assert first.pdf == second.pdf
    third = render(seeded.period_start, seeded.end, highlights="- satu\n- tiga")
    assert third.pdf != first.pdf
    meta = PdfReader(io.BytesIO(first.pdf)).metadata
    assert meta is not None
    # The creation date is the report's own timestamp (one hour after the period, UTC).
    stamp = (seeded.end + timedelta(hours=1)).strftime("%Y%m%d%H%M%S")
    assert str(meta["/CreationDate"]).startswith(f"D:{stamp}")


def test_sections_can_be_left_out(seeded: Seeded, render: Render) -> None:
    out = pdf_text(render(seeded.period_start, seeded.end, sections=("summary", "trend")).pdf)
    assert "1. Ringkasan" in out
    assert "2. Tren insiden 14 hari" in out
    assert "Peta status" not in out
    assert "Mengetahui," in out


def test_bullets_and_markup_in_the_coordinators_text(seeded: Seeded, render: Render) -> None:
    out = pdf_text(
        render(
            seeded.period_start,
            seeded.end,
            highlights="Umum <kondusif> & terkendali\n- Hoaks DPT\n- Unjuk rasa",
            recommendations="- Patroli siber",
        ).pdf
    )
    assert "Umum <kondusif> & terkendali" in out
    assert "• Hoaks DPT" in out or "•\nHoaks DPT" in out


@pytest.mark.slow
def test_a_period_with_5000_incidents(ctx: AppContext, render: Render) -> None:
    import sitrep_seed

    seeded = sitrep_seed.seed(ctx, 5000, spread_days=4)
    rendered = render(seeded.period_start, seeded.end)
    out = pdf_text(rendered.pdf)
    p = {"a": _ts(seeded.period_start), "b": _ts(seeded.end)}
    total = _scalar(
        ctx,
        f"SELECT count(*) FROM incident WHERE {LIVE} AND occurred_at >= :a AND occurred_at < :b",
        **p,
    )
    assert total > 3000
    assert _numbers_after(out, "Kritis", 1) == [total]
    assert f"Halaman {rendered.pages} dari {rendered.pages}" in out


def test_every_language_has_every_text() -> None:
    assert TEXTS["id"].keys() == TEXTS["en"].keys()
    assert LEVELS["id"].keys() == LEVELS["en"].keys()
    assert STATUSES["id"].keys() == STATUSES["en"].keys() == {s.value for s in IncidentStatus}


@pytest.mark.parametrize(
    ("text_", "masked"),
    [
        ("hubungi 0812 3456 7890 segera", True),
        ("WA +62 812-3456-7890", True),
        ("kantor (024) 3541 234", True),
        ("ref GB1-2024-00042 pada 2024-11-27", False),
        ("TPS 012 di RW 05", False),
    ],
)
def test_phone_numbers_in_free_text_are_masked(text_: str, masked: bool) -> None:
    from desk_app.reports.data import redact_phones

    out = redact_phones(text_, "[x]")
    assert ("[x]" in out) is masked, out


def test_half_written_files_left_by_a_crash_are_swept(tmp_path: Path) -> None:
    import os
    import time

    from desk_app.services.sitreps import _write_atomically

    stale = tmp_path / ".sitrep-dead1234.pdf"
    fresh = tmp_path / ".sitrep-busy5678.pdf"
    stale.write_bytes(b"%PDF-1.4 trunc")
    fresh.write_bytes(b"%PDF-1.4 in progress")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    _write_atomically(tmp_path / "laporan.pdf", b"%PDF-1.4 complete")
    assert not stale.exists()
    assert fresh.exists()  # another process may still be writing it
    assert (tmp_path / "laporan.pdf").read_bytes() == b"%PDF-1.4 complete"


PHONES_WRITTEN = [
    "+62 812-3456-7890",
    "6281234567890",
    "0812 3456 7890",
    "0812.3456.7890",
    "0812-3456-7890",
    "(024) 831 1234",
]


def test_phones_are_masked_in_every_free_text(
    ctx: AppContext, seeded: Seeded, render: Render
) -> None:
    with ctx.db.write() as session:
        session.execute(
            text("UPDATE region SET status_note = :n WHERE code = '33.74'"),
            {"n": f"Posko siaga {PHONES_WRITTEN[5]}"},
        )
        session.execute(
            text("UPDATE engagement SET summary = :n"), {"n": f"Telp {PHONES_WRITTEN[1]}"}
        )
    written = "\n".join(f"- hubungi {p}" for p in PHONES_WRITTEN)
    rendered = render(
        seeded.period_start,
        seeded.end,
        highlights=written,
        recommendations=f"Koordinasi via {PHONES_WRITTEN[3]}",
    )
    digits = re.sub(r"\D", "", pdf_text(rendered.pdf))
    for phone in PHONES_WRITTEN:
        assert re.sub(r"\D", "", phone)[-8:] not in digits, phone
    # Asked for, they print, and every page carrying them says so in its footer.
    full = render(
        seeded.period_start,
        seeded.end,
        highlights=written,
        include_personal_data=True,
    )
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(full.pdf)).pages]
    footer = "Halaman ini memuat data pribadi"
    carrying = [
        i for i, page in enumerate(pages) if "Pelapor:" in page or "Telp." in page or "3456" in page
    ]
    assert carrying and 0 in carrying
    for i in carrying:
        assert footer in pages[i], i
    plain = [p.extract_text() for p in PdfReader(io.BytesIO(rendered.pdf)).pages]
    assert not any(footer in page for page in plain)
