"""local_state.demo: this database holds demo data (seed-demo) and never syncs

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

Kept in ``local_state``, which belongs to this workstation alone and never syncs, so that
the mark cannot travel and cannot be cleared by a pull.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("local_state") as batch:
        batch.add_column(
            sa.Column("demo", sa.Boolean(), nullable=False, server_default=sa.text("0"))
        )


def downgrade() -> None:
    with op.batch_alter_table("local_state") as batch:
        batch.drop_column("demo")
