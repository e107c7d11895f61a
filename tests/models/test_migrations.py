"""The schema: migrations match the models, upgrade keeps rows, newer databases are refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from desk_app.db import (
    DatabaseTooNewError,
    NotADeskDatabaseError,
    current_revision,
    head_revision,
    make_engine,
    open_database,
    upgrade,
)
from desk_app.models import Base, Region

# Tables made by raw SQL in migrations (full-text search) are not in the models.
_RAW_TABLE_PREFIXES = ("incident_fts",)


def _diffs(path: Path) -> list[object]:
    engine = make_engine(path)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_name": lambda name, type_, parent: (
                    not (type_ == "table" and str(name).startswith(_RAW_TABLE_PREFIXES))
                ),
            },
        )
        diffs = compare_metadata(ctx, Base.metadata)
    engine.dispose()
    return diffs


def test_upgrade_head_on_empty_database_matches_the_models(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    db = open_database(path)
    db.dispose()
    assert _diffs(path) == []


def test_upgrade_from_the_first_revision_keeps_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO region (id, created_at, updated_at, deleted, origin_version, versions,"
            " code, name, kind, seat, lat, lon, alert_level, status_note, liaison) VALUES "
            "('r1', '2024-11-01 00:00:00.000000', '2024-11-01 00:00:00.000000', 0, '', '{}',"
            " '33.99', 'Kabupaten Uji', 'kabupaten', 'Uji', -7.0, 110.0, 'siaga', 'catatan', '')"
        )
    engine.dispose()
    db = open_database(path)
    assert current_revision(db.engine) == head_revision()
    with db.read() as session:
        region = session.get(Region, "r1")
        assert region is not None
        assert (region.name, region.alert_level, region.status_note) == (
            "Kabupaten Uji",
            "siaga",
            "catatan",
        )
    db.dispose()


def test_a_database_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    open_database(path).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError) as err:
        open_database(path)
    assert err.value.values["revision"] == "9999_future"
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("bukan basis data", encoding="utf-8")
    with pytest.raises(NotADeskDatabaseError):
        open_database(path)
    assert path.read_text(encoding="utf-8") == "bukan basis data"


def test_pragmas_wal_foreign_keys_busy_timeout(tmp_path: Path) -> None:
    db = open_database(tmp_path / "p.sqlite3")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Region)) == 0
    db.dispose()
