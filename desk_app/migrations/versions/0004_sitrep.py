"""issued situation reports (sitrep)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sitrep",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("period_from", sa.DateTime(), nullable=False),
        sa.Column("period_to", sa.DateTime(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("classification", sa.String(length=40), nullable=False),
        sa.Column("personal_data", sa.Boolean(), nullable=False),
        sa.Column("signatory_name", sa.String(length=200), nullable=False),
        sa.Column("signatory_title", sa.String(length=200), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_path", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("origin_version", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sitrep")),
        sa.UniqueConstraint("number", name=op.f("uq_sitrep_number")),
    )
    with op.batch_alter_table("sitrep", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sitrep_issued_at"), ["issued_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sitrep", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sitrep_issued_at"))
    op.drop_table("sitrep")
