"""Every figure as of the period it covers, each recomputed here with plain SQL over the
histories (never by the code under test) and compared with the PDF's text (pdftotext)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from hard_cases import END, PHONE_TITLE, START, Hard, build
from report_helpers import NUMBER
from sqlalchemy import text

from desk_app.context import AppContext
from desk_app.models.enums import CLOSED_STATUSES, OPEN_STATUSES
from desk_app.reports import SitrepOptions, render_sitrep
from desk_app.services.actor import Actor

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")

OPEN = ",".join(f"'{s.value}'" for s in OPEN_STATUSES)
CLOSED = ",".join(f"'{s.value}'" for s in CLOSED_STATUSES)
#: Live at the end of the period: not deleted, not merged before it (from the audit log).
LIVE_AT_END = (
    "NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.table_name = 'incident' "
    "AND a.record_id = i.id AND a.created_at < :b "
    "AND (json_extract(a.changes, '$.deleted[1]') = 1 "
    "OR json_extract(a.changes, '$.merged_into[1]') IS NOT NULL))"
)
#: An incident's status at the end of the period, from its status history.
STATUS_AT_END = (
    "COALESCE("
    "(SELECT c.to_status FROM incident_status_change c WHERE c.incident_id = i.id "
    "AND c.created_at < :b ORDER BY c.created_at DESC LIMIT 1), "
    "(SELECT c.from_status FROM incident_status_change c WHERE c.incident_id = i.id "
    "AND c.created_at >= :b ORDER BY c.created_at LIMIT 1), i.status)"
)
#: The incident a follow-up counts for: the one its incident was merged into by the end.
OWNER = (
    "CASE WHEN EXISTS (SELECT 1 FROM audit_log a WHERE a.table_name = 'incident' "
    "AND a.record_id = f.incident_id AND a.created_at < :b "
    "AND json_extract(a.changes, '$.merged_into[1]') IS NOT NULL) "
    "THEN (SELECT merged_into FROM incident WHERE id = f.incident_id) ELSE f.incident_id END"
)
#: The automatic note a merge writes (same clock tick as the merge) is not an action.
NOT_MERGE_NOTE = (
    "NOT EXISTS (SELECT 1 FROM incident s WHERE s.merged_into IS NOT NULL "
    "AND json_extract(s.versions, '$.merged_into') = f.origin_version)"
)


def _ts(moment: object) -> str:
    return moment.replace(tzinfo=None).isoformat(" ", "microseconds")  # type: ignore[attr-defined]


P = {"a": _ts(START), "b": _ts(END)}


def pdftotext(pdf: bytes, tmp_path: Path, *, layout: bool = False) -> str:
    """The PDF's text by poppler's pdftotext; the calling test skips where it is missing
    (Debian's poppler-utils, which .ci/run installs)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("needs pdftotext")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    mode = ["-layout"] if layout else []
    return subprocess.run(
        ["pdftotext", *mode, "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _scalar(ctx: AppContext, sql: str, **params: object) -> int:
    with ctx.db.read() as session:
        return int(session.execute(text(sql), {**P, **params}).scalar() or 0)


def _figure(out: str, label: str) -> int:
    """The number printed beside a label (a table row) or under it (a key figure's box),
    read from ``pdftotext -layout``: the first number right of the label on its line,
    else the number on the next lines nearest below the label's middle."""
    lines = out.splitlines()
    for i, line in enumerate(lines):
        at = line.find(label)
        if at < 0:
            continue
        beside = re.match(r"\s+([\d.]+)\s*$", line[at + len(label) :])
        if beside:
            return int(beside.group(1).replace(".", ""))
        middle = at + len(label) / 2
        for below in lines[i + 1 : i + 6]:
            numbers = [
                (abs((m.start() + m.end()) / 2 - middle), m.group(0))
                for m in re.finditer(r"(?<![\w.])\d[\d.]*(?![\w.])", below)
            ]
            if numbers:
                return int(min(numbers)[1].replace(".", ""))
    raise AssertionError(f"{label!r} not printed with a number")


@pytest.fixture
def hard(ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch) -> Hard:
    return build(ctx, admin, monkeypatch)


def _render(ctx: AppContext, start=START, end=END, **options: object) -> bytes:  # type: ignore[no-untyped-def]
    opts = SitrepOptions(period_start=start, period_end=end, **options)  # type: ignore[arg-type]
    with ctx.db.read() as session:
        return render_sitrep(session, opts, NUMBER, end + timedelta(days=3)).pdf


def test_headline_figures_as_of_the_end_of_the_period(
    ctx: AppContext, hard: Hard, tmp_path: Path
) -> None:
    out = pdftotext(_render(ctx), tmp_path, layout=True)
    in_period = f"i.occurred_at >= :a AND i.occurred_at < :b AND {LIVE_AT_END}"
    total = _scalar(ctx, f"SELECT count(*) FROM incident i WHERE {in_period}")
    closed = _scalar(
        ctx,
        f"SELECT count(*) FROM incident i WHERE {LIVE_AT_END} AND EXISTS (SELECT 1 FROM "
        "incident_status_change c WHERE c.incident_id = i.id AND c.created_at >= :a "
        f"AND c.created_at < :b AND c.to_status IN ({CLOSED}))",
    )
    open_ = _scalar(
        ctx,
        f"SELECT count(*) FROM incident i WHERE {LIVE_AT_END} AND i.occurred_at < :b "
        f"AND {STATUS_AT_END} IN ({OPEN})",
    )
    # The hard cases, counted by hand: the at-start, merged-later and deleted-later
    # incidents are in; the one at the end and the merged source are out.
    assert (total, closed, open_) == (7, 3, 11)
    assert _figure(out, "Insiden dalam periode") == total
    assert _figure(out, "Diselesaikan dalam periode") == closed
    assert _figure(out, "Terbuka pada akhir periode") == open_
    # Re-issued later, after more changes, the same period gives the same figures.
    assert hard.refs["at_start"] in out
    assert hard.refs["at_end"] not in out


def test_region_level_note_and_row_as_of_the_end(
    ctx: AppContext, hard: Hard, tmp_path: Path
) -> None:
    out = pdftotext(_render(ctx), tmp_path)
    region = "(SELECT id FROM region WHERE code = '33.74')"
    new = _scalar(
        ctx,
        f"SELECT count(*) FROM incident i WHERE i.region_id = {region} "
        f"AND i.occurred_at >= :a AND i.occurred_at < :b AND {LIVE_AT_END}",
    )
    open_ = _scalar(
        ctx,
        f"SELECT count(*) FROM incident i WHERE i.region_id = {region} AND {LIVE_AT_END} "
        f"AND i.occurred_at < :b AND {STATUS_AT_END} IN ({OPEN})",
    )
    closed = _scalar(
        ctx,
        f"SELECT count(*) FROM incident i WHERE i.region_id = {region} AND {LIVE_AT_END} "
        "AND EXISTS (SELECT 1 FROM incident_status_change c WHERE c.incident_id = i.id "
        f"AND c.created_at >= :a AND c.created_at < :b AND c.to_status IN ({CLOSED}))",
    )
    with ctx.db.read() as session:
        level = session.execute(
            text(
                "SELECT to_level FROM alert_level_change WHERE region_id = "
                f"{region} AND created_at < :b ORDER BY created_at DESC LIMIT 1"
            ),
            P,
        ).scalar()
    assert level == "siaga"
    row = re.search(r"^33\.74\n+Kota Semarang\n+Siaga\n+(\d+)\n+(\d+)\n+(\d+)\b", out, re.MULTILINE)
    assert row is not None, "no row for Kota Semarang at Siaga"
    assert [int(v) for v in row.groups()] == [new, open_, closed]
    assert "Catatan periode" in out
    assert "Catatan kemudian" not in out
    assert "Bentrok setelah periode" not in out


def test_actions_taken_in_the_period_count_merges_not_merge_notes(
    ctx: AppContext, hard: Hard, tmp_path: Path
) -> None:
    out = pdftotext(_render(ctx), tmp_path, layout=True)
    actions = (
        f"SELECT count(*) FROM follow_up f WHERE f.created_at >= :a AND f.created_at < :b "
        f"AND {NOT_MERGE_NOTE} AND f.type {{cond}} AND ({OWNER}) IN (SELECT id FROM incident "
        "WHERE category IN ('HOAKS', 'UJARAN', 'PROVOKASI'))"
    )
    takedown = _scalar(ctx, actions.format(cond="= 'TAKEDOWN'"))
    counter = _scalar(ctx, actions.format(cond="= 'KONTRA_NARASI'"))
    other = _scalar(ctx, actions.format(cond="NOT IN ('TAKEDOWN', 'KONTRA_NARASI')"))
    assert (takedown, counter, other) == (9, 1, 0)
    assert _figure(out, "Diajukan take-down ke Kominfo/Komdigi") == takedown
    assert _figure(out, "Diklarifikasi / kontra-narasi") == counter
    assert _figure(out, "Tindak lanjut lain") == other
    assert "Digabung dengan" not in out


def test_notable_developments_show_the_state_at_the_end(
    ctx: AppContext, hard: Hard, tmp_path: Path
) -> None:
    # The annex lists every notable development with every follow-up.
    out = pdftotext(_render(ctx, sections=("developments",)), tmp_path)
    flat = " ".join(out.split())
    # The old critical incident followed up in the period is listed, with its take-down.
    assert hard.refs["old_critical"] in flat
    # The kept incident carries the merged duplicate's counter-narrative.
    kept = flat.split(hard.refs["kept"], 1)[1][:600]
    assert "Kontra-narasi" in kept
    # Changed only after the period: printed with its status at the end (Baru).
    later = flat.split(hard.refs["high_later"], 1)[1][:200]
    assert "Baru" in later and "Terverifikasi" not in later
    # The phone number in the title is masked.
    assert PHONE_TITLE.split()[-1] not in flat


def test_forum_activity_by_instants_never_twice(
    ctx: AppContext, hard: Hard, tmp_path: Path
) -> None:
    first = pdftotext(_render(ctx, START + timedelta(hours=12), END), tmp_path)
    second = pdftotext(_render(ctx, END, END + timedelta(hours=12)), tmp_path)
    assert "Panggilan late" in first and "Panggilan early" not in first
    assert "Panggilan early" in second and "Panggilan late" not in second


def test_countdown_and_period_end_from_the_period_not_the_print_day(
    ctx: AppContext, hard: Hard, tmp_path: Path
) -> None:
    out = " ".join(pdftotext(_render(ctx), tmp_path).split())
    # Voting day is 27 Nov 2024; the period ends at its midnight: H-1, though printed H+2.
    assert "H-1 menuju hari pemungutan suara" in out
    assert "26 Nov 2024 00.00 WIB s.d. 26 Nov 2024 23.59 WIB" in out
    odd = " ".join(pdftotext(_render(ctx, START, END - timedelta(seconds=30)), tmp_path).split())
    assert "sampai sebelum 26 Nov 2024 23.59.30 WIB" in odd
