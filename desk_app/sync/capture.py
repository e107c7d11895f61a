"""Change capture: SQLite triggers that append every write of a synced row to the outbox.

Triggers rather than ORM events, so that bulk Core statements (imports, seeding, the demo
generator) are captured as surely as the ``Writer``, in the same transaction as the write.
While a pulled page is applied, a row in ``sync_applying`` silences them (no echo).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, inspect

from desk_app.models import Base

#: Synced tables when migration 0002 was written; later migrations that add a synced
#: table call :func:`create_triggers` for it (a test checks every synced model is covered).
TABLES_AT_0002 = (
    "region",
    "alert_level_change",
    "incident",
    "incident_status_change",
    "follow_up",
    "contact",
    "engagement",
    "taxonomy_term",
    "user_account",
    "audit_log",
    "election",
    "app_setting",
    "sitrep",
    "sync_conflict",
)

_SILENT = "NOT EXISTS (SELECT 1 FROM sync_applying)"


def trigger_names(table: str) -> tuple[str, str]:
    return f"sync_capture_{table}_ai", f"sync_capture_{table}_au"


def trigger_ddl(table: str, *, versioned: bool) -> list[str]:
    insert_name, update_name = trigger_names(table)
    base = "json_object('o', OLD.origin_version, 'v', json(OLD.versions))" if versioned else "NULL"
    return [
        f"""CREATE TRIGGER IF NOT EXISTS {insert_name} AFTER INSERT ON {table}
            WHEN {_SILENT} BEGIN
              INSERT INTO sync_outbox (table_name, record_id, base)
              VALUES ('{table}', NEW.id, NULL);
            END""",
        f"""CREATE TRIGGER IF NOT EXISTS {update_name} AFTER UPDATE ON {table}
            WHEN {_SILENT} BEGIN
              INSERT INTO sync_outbox (table_name, record_id, base)
              VALUES ('{table}', NEW.id, {base});
            END""",
    ]


def create_triggers(conn: Connection, tables: Iterable[str]) -> None:
    """Create the capture triggers of ``tables`` (idempotent)."""
    for table in tables:
        columns = {c["name"] for c in inspect(conn).get_columns(table)}
        for ddl in trigger_ddl(table, versioned="versions" in columns):
            conn.exec_driver_sql(ddl)


def drop_triggers(conn: Connection, tables: Iterable[str]) -> None:
    for table in tables:
        for name in trigger_names(table):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def synced_tables() -> list[str]:
    """Every synced table of the current models, parents before children."""
    return [
        t.name
        for t in Base.metadata.sorted_tables
        if getattr(_model_of(t.name), "__synced__", False)
    ]


def _model_of(table: str) -> type | None:
    for mapper in Base.registry.mappers:
        if getattr(mapper.local_table, "name", None) == table:
            return mapper.class_
    return None


def missing_triggers(conn: Connection) -> list[str]:
    """Synced tables without both capture triggers (should be empty)."""
    present = {
        r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    return [t for t in synced_tables() if not set(trigger_names(t)) <= present]


@contextmanager
def bulk_capture(conn: Connection, tables: Sequence[str]) -> Iterator[None]:
    """Capture a bulk load with one statement per table instead of one trigger per row.

    Inside the block the row triggers are silenced; at its end every row inserted into
    ``tables`` meanwhile (rowid above the mark taken at the start) is put in the outbox.
    Meant for inserts only, within one transaction (the demo seeder, large imports).
    """
    marks = {
        table: int(conn.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {table}").scalar()
                   or 0)
        for table in tables
    }  # fmt: skip
    conn.exec_driver_sql("INSERT INTO sync_applying (id) VALUES (1)")
    try:
        yield
    finally:
        conn.exec_driver_sql("DELETE FROM sync_applying")
    for table, mark in marks.items():
        conn.exec_driver_sql(
            "INSERT INTO sync_outbox (table_name, record_id, base) "
            f"SELECT '{table}', id, NULL FROM {table} WHERE rowid > ? ORDER BY rowid",
            (mark,),
        )
