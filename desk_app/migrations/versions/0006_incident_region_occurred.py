"""incident: index for a region's incidents, newest first

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28

Filtering the incidents table by region alone sorted every incident of the region
(tens of thousands on a busy desk) to show the first page; with this index SQLite reads
the first 200 in order.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.create_index(
            "ix_incident_region_occurred", ["region_id", "occurred_at"], unique=False
        )
    op.execute("ANALYZE incident")


def downgrade() -> None:
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.drop_index("ix_incident_region_occurred")
