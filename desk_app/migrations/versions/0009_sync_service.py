"""sync service: refused changes, quarantined rows, the hub-corrected clock

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05

Workstations sync through the sync service now, which checks every change: what it
refuses is kept in ``sync_refusal``; a pulled row that cannot be applied is kept in
``sync_quarantine`` and the rest of its page applied; ``sync_state.clock_offset_ms`` is the
service's clock minus this computer's.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("clock_offset_ms", sa.Integer(), server_default="0", nullable=False)
        )
    op.create_table(
        "sync_refusal",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=True),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("refused_row", sa.Text(), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=True),
        sa.Column("refused_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_refusal")),
    )
    with op.batch_alter_table("sync_refusal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_refusal_author_id"), ["author_id"], unique=False)
    op.create_table(
        "sync_quarantine",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("hub_seq", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("quarantined_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_quarantine")),
    )


def downgrade() -> None:
    op.drop_table("sync_quarantine")
    with op.batch_alter_table("sync_refusal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_refusal_author_id"))
    op.drop_table("sync_refusal")
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("clock_offset_ms")
