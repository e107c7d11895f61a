"""What a hub holds from its start: the reference data every workstation seeds (regions,
taxonomies, the election) and its first administrator.

Reference rows carry the same ``…seed`` versions on every workstation; the hub holds them
from ``hub init`` on, so a workstation pushing them unchanged changes nothing, and a seed
version with other values is refused as forged (``checks.check_versions``).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

from desk_app.sync.merge import Row

#: Tables whose seeded rows every workstation has from its first start.
REFERENCE_TABLES = ("region", "taxonomy_term", "election")


def read_documents(
    db_path: Path, table: str, where: str = "", params: tuple[object, ...] = ()
) -> list[Row]:
    """Rows of a workstation database in the wire format (``versions`` parsed)."""
    conn = sqlite3.connect(db_path)
    try:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        rows = conn.execute(f"SELECT {', '.join(cols)} FROM {table} {where}", params).fetchall()
    finally:
        conn.close()
    docs = []
    for values in rows:
        doc = dict(zip(cols, values, strict=True))
        if "versions" in doc:
            doc["versions"] = json.loads(doc["versions"]) if doc["versions"] else {}
        docs.append(doc)
    return docs


def reference_documents() -> list[tuple[str, Row]]:
    """The seeded reference rows, as a brand-new workstation has them."""
    from desk_app.context import open_context

    with tempfile.TemporaryDirectory(prefix="desk-hub-seed-") as folder:
        ctx = open_context(Path(folder), workstation_code="SEED")
        path = ctx.paths.database
        ctx.close()
        return [
            (table, doc)
            for table in REFERENCE_TABLES
            for doc in read_documents(path, table)
            if str(doc.get("origin_version", "")).endswith(".seed")
        ]
