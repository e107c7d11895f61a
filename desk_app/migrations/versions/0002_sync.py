"""sync: outbox, change-capture triggers, cursor and conflicts

Revision ID: 0002
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_app.sync.capture import TABLES_AT_0002, create_triggers, drop_triggers

revision = "0002"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("base", sa.Text(), nullable=True),
        sa.Column("batch_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_outbox")),
    )
    with op.batch_alter_table("sync_outbox", schema=None) as batch_op:
        batch_op.create_index("ix_sync_outbox_batch", ["batch_id"], unique=False)
        batch_op.create_index("ix_sync_outbox_record", ["table_name", "record_id"], unique=False)
    op.create_table(
        "sync_applying",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_applying")),
    )
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.String(length=36), nullable=True),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("hub_stamp", sa.String(length=36), nullable=True),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("winner_value", sa.JSON(), nullable=True),
        sa.Column("winner_version", sa.String(length=64), nullable=False),
        sa.Column("winner_by", sa.String(length=36), nullable=True),
        sa.Column("loser_value", sa.JSON(), nullable=True),
        sa.Column("loser_version", sa.String(length=64), nullable=False),
        sa.Column("loser_by", sa.String(length=36), nullable=True),
        sa.Column("resolved", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("resolution", sa.String(length=10), server_default="", nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("origin_version", sa.String(length=64), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index("ix_sync_conflict_record", ["table_name", "record_id"], unique=False)
    op.execute("INSERT INTO sync_state (id, epoch, cursor, last_error) VALUES (1, NULL, 0, '')")
    conn = op.get_bind()
    create_triggers(conn, TABLES_AT_0002)
    # Rows written before this revision never reached a hub: queue them all.
    for table in TABLES_AT_0002:
        op.execute(
            f"INSERT INTO sync_outbox (table_name, record_id, base) "
            f"SELECT '{table}', id, NULL FROM {table}"
        )


def downgrade() -> None:
    drop_triggers(op.get_bind(), TABLES_AT_0002)
    op.drop_table("sync_conflict")
    op.drop_table("sync_state")
    op.drop_table("sync_applying")
    with op.batch_alter_table("sync_outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_outbox_record")
        batch_op.drop_index("ix_sync_outbox_batch")
    op.drop_table("sync_outbox")
