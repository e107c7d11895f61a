"""sitrep_void: issued sitrep numbers declared void, with the reason

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

Append-only and synced (capture triggers below), like the sitrep register it annotates.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_app.sync.capture import create_triggers, drop_triggers

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sitrep_void",
        sa.Column("sitrep_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("origin_version", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["sitrep_id"], ["sitrep.id"], name=op.f("fk_sitrep_void_sitrep_id_sitrep")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sitrep_void")),
        sa.UniqueConstraint("sitrep_id", name=op.f("uq_sitrep_void_sitrep_id")),
    )
    create_triggers(op.get_bind(), ["sitrep_void"])


def downgrade() -> None:
    drop_triggers(op.get_bind(), ["sitrep_void"])
    op.drop_table("sitrep_void")
