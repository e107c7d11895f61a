"""search index: incidents found by any part of a word or of their reference

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05

A second full-text index beside ``incident_fts``, with SQLite's ``trigram`` tokenizer: it
matches any run of three or more characters, so "robek" finds "dirobek", "bakar" finds
"pembakaran" and "00001" finds VW4D-2026-00001. It holds the reference as well as the
texts. ``incident_fts`` (whole words) stays for words of one or two letters, which a
trigram index cannot look up, and for the duplicate check. The same triggers keep both
in step, so every write path (ORM, bulk, sync) updates them.
"""

from __future__ import annotations

import logging

from alembic import op

from desk_app.db import MIGRATION_PROGRESS

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

progress = logging.getLogger(MIGRATION_PROGRESS)

_PLACE = "new.kecamatan || ' ' || new.desa"

TRIGRAM_TABLE = """CREATE VIRTUAL TABLE incident_fts_trigram USING fts5(
    ref, title, description, place, tokenize = 'trigram')"""

TRIGGERS_UP = [
    f"""CREATE TRIGGER incident_fts_ai AFTER INSERT ON incident
       WHEN new.deleted = 0 BEGIN
         INSERT INTO incident_fts(rowid, title, description, place)
         VALUES (new.rowid, new.title, new.description, {_PLACE});
         INSERT INTO incident_fts_trigram(rowid, ref, title, description, place)
         VALUES (new.rowid, new.ref, new.title, new.description, {_PLACE});
       END""",
    f"""CREATE TRIGGER incident_fts_au AFTER UPDATE OF ref, title, description, kecamatan,
       desa, deleted ON incident BEGIN
         DELETE FROM incident_fts WHERE rowid = old.rowid;
         DELETE FROM incident_fts_trigram WHERE rowid = old.rowid;
         INSERT INTO incident_fts(rowid, title, description, place)
         SELECT new.rowid, new.title, new.description, {_PLACE}
         WHERE new.deleted = 0;
         INSERT INTO incident_fts_trigram(rowid, ref, title, description, place)
         SELECT new.rowid, new.ref, new.title, new.description, {_PLACE}
         WHERE new.deleted = 0;
       END""",
    """CREATE TRIGGER incident_fts_ad AFTER DELETE ON incident BEGIN
         DELETE FROM incident_fts WHERE rowid = old.rowid;
         DELETE FROM incident_fts_trigram WHERE rowid = old.rowid;
       END""",
]

# The triggers as revision 0001 made them, for the downgrade.
TRIGGERS_DOWN = [
    """CREATE TRIGGER incident_fts_ai AFTER INSERT ON incident
       WHEN new.deleted = 0 BEGIN
         INSERT INTO incident_fts(rowid, title, description, place)
         VALUES (new.rowid, new.title, new.description, new.kecamatan || ' ' || new.desa);
       END""",
    """CREATE TRIGGER incident_fts_au AFTER UPDATE OF title, description, kecamatan, desa,
       deleted ON incident BEGIN
         DELETE FROM incident_fts WHERE rowid = old.rowid;
         INSERT INTO incident_fts(rowid, title, description, place)
         SELECT new.rowid, new.title, new.description, new.kecamatan || ' ' || new.desa
         WHERE new.deleted = 0;
       END""",
    """CREATE TRIGGER incident_fts_ad AFTER DELETE ON incident BEGIN
         DELETE FROM incident_fts WHERE rowid = old.rowid;
       END""",
]

_TRIGGER_NAMES = ("incident_fts_ai", "incident_fts_au", "incident_fts_ad")

#: Incidents indexed per statement while an existing database is upgraded: each batch
#: is reported (``MIGRATION_PROGRESS``), so a long upgrade shows how far it has come.
BATCH = 100_000

FILL = (
    "INSERT INTO incident_fts_trigram(rowid, ref, title, description, place) "
    "SELECT rowid, ref, title, description, kecamatan || ' ' || desa FROM incident "
    "WHERE deleted = 0 AND rowid > ? AND rowid <= ?"
)


#: The page cache while the index is built (as the demo's bulk load): its hot pages stay
#: in memory (about 50 s for 1,000,000 incidents rather than 100 s).
BUILD_CACHE_KIB = 262_144


def upgrade() -> None:
    conn = op.get_bind()
    op.execute(TRIGRAM_TABLE)
    last = int(conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM incident").scalar() or 0)
    cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{BUILD_CACHE_KIB}")
    try:
        for after in range(0, last, BATCH):
            upto = min(after + BATCH, last)
            conn.exec_driver_sql(FILL, (after, upto))
            progress.info(
                "search index: %d of %d incidents", upto, last, extra={"progress": (upto, last)}
            )
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache or -2000)}")
    for name in _TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in TRIGGERS_UP:
        op.execute(statement)


def downgrade() -> None:
    for name in _TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in TRIGGERS_DOWN:
        op.execute(statement)
    op.execute("DROP TABLE IF EXISTS incident_fts_trigram")
