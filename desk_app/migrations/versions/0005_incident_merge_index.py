"""incident: a partial index for merged sources

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-28

The full index on ``incident.merged_into`` held a NULL for nearly every incident and led
SQLite's planner to scan it for the default page ("merged_into IS NULL ORDER BY
occurred_at"); a partial index over merged incidents only, ordered by reference, serves the
one query that needs it (the sources of an incident).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.drop_index("ix_incident_merged_into")
        batch_op.create_index(
            "ix_incident_merged_into_ref",
            ["merged_into", "ref"],
            unique=False,
            sqlite_where=sa.text("merged_into IS NOT NULL"),
        )
    op.execute("ANALYZE")


def downgrade() -> None:
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.drop_index("ix_incident_merged_into_ref")
        batch_op.create_index("ix_incident_merged_into", ["merged_into"], unique=False)
