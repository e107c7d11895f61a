"""First start seeds the same reference rows on every workstation, once."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import func, select

from desk_app.context import AppContext, open_context
from desk_app.models import Election, Region, TaxonomyTerm, User
from desk_app.models.base import DESK_NAMESPACE
from desk_app.services.setup import default_workstation_code


def _counts(ctx: AppContext) -> tuple[int, int, int, int]:
    with ctx.db.read() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(m))
            for m in (Region, TaxonomyTerm, Election, User)
        )


def test_35_regions_with_ids_from_their_codes(ctx: AppContext) -> None:
    with ctx.db.read() as s:
        regions = s.scalars(select(Region).order_by(Region.code)).all()
    assert len(regions) == 35
    assert regions[0].code == "33.01" and regions[-1].code == "33.76"
    for r in regions:
        assert r.id == str(uuid.uuid5(DESK_NAMESPACE, f"region:{r.code}"))
        assert r.alert_level == "kondusif"
    semarang = next(r for r in regions if r.code == "33.74")
    assert (semarang.name, semarang.ikp_score, semarang.ikp_level) == (
        "Kota Semarang",
        73.26,
        "tinggi",
    )


def test_seeding_is_idempotent_and_keeps_edits(data_dir: Path) -> None:
    first = open_context(data_dir)
    counts = _counts(first)
    with first.db.write() as s:
        region = s.scalar(select(Region).where(Region.code == "33.01"))
        assert region is not None
        region.status_note = "diubah"
    first.close()
    second = open_context(data_dir)
    assert _counts(second) == counts
    with second.db.read() as s:
        assert s.scalar(select(Region.status_note).where(Region.code == "33.01")) == "diubah"
    assert second.site_id == first.site_id
    second.close()


def test_two_workstations_seed_identical_reference_rows(tmp_path: Path) -> None:
    a = open_context(tmp_path / "a")
    b = open_context(tmp_path / "b")
    try:
        assert a.site_id != b.site_id
        with a.db.read() as sa, b.db.read() as sb:
            rows_a = sa.execute(select(Region.id, Region.origin_version).order_by(Region.id)).all()
            rows_b = sb.execute(select(Region.id, Region.origin_version).order_by(Region.id)).all()
            terms_a = sa.scalars(select(TaxonomyTerm.id).order_by(TaxonomyTerm.id)).all()
            terms_b = sb.scalars(select(TaxonomyTerm.id).order_by(TaxonomyTerm.id)).all()
        assert rows_a == rows_b
        assert terms_a == terms_b
    finally:
        a.close()
        b.close()


def test_default_workstation_code_is_short_and_stable() -> None:
    site = "0b5e9a1c-0000-4000-8000-000000000001"
    code = default_workstation_code(site)
    assert len(code) == 4 and code.isalnum() and code == code.upper()
    assert default_workstation_code(site) == code


def test_every_workstation_starts_with_the_same_administrator(tmp_path: Path) -> None:
    ids = []
    for name in ("a", "b"):
        ctx = open_context(tmp_path / name)
        with ctx.db.read() as s:
            users = s.execute(select(User.id, User.username, User.role)).all()
        ctx.close()
        assert [(u.username, u.role) for u in users] == [("admin", "admin")]
        ids.append(users[0].id)
    assert ids[0] == ids[1]


def test_a_set_up_database_opens_while_another_process_writes(data_dir: Path) -> None:
    """A second start needs no write lock: it opens at once while a sync or another
    desk-app holds SQLite's write lock (it used to wait for the lock, then time out)."""
    import sqlite3

    open_context(data_dir).close()
    holder = sqlite3.connect(data_dir / "desk.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing
    try:
        ctx = open_context(data_dir)
        with ctx.db.read() as s:
            assert s.scalar(select(func.count()).select_from(Region)) == 35
        ctx.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_missing_reference_row_is_seeded_again_at_start(data_dir: Path) -> None:
    ctx = open_context(data_dir)
    with ctx.db.read() as s:
        full = s.scalar(select(func.count()).select_from(TaxonomyTerm))
    with ctx.db.write() as s:
        s.connection().exec_driver_sql("PRAGMA foreign_keys = OFF")
        s.connection().exec_driver_sql("DELETE FROM taxonomy_term WHERE rowid = 1")
        assert s.scalar(select(func.count()).select_from(TaxonomyTerm)) == full - 1
    ctx.close()
    ctx = open_context(data_dir)
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(TaxonomyTerm)) == full
    ctx.close()
