"""incident_attachment: files (screenshots, photos, PDF) attached to incidents

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-29

A synced table: its rows travel like every record (capture triggers below); the files
themselves are stored by SHA-256 under the data directory and in the hub's ``hub_blob``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desk_app.sync.capture import create_triggers, drop_triggers

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incident_attachment",
        sa.Column("incident_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("origin_version", sa.String(length=64), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incident.id"],
            name=op.f("fk_incident_attachment_incident_id_incident"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_attachment")),
    )
    with op.batch_alter_table("incident_attachment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incident_attachment_incident_id"), ["incident_id"], unique=False
        )
    create_triggers(op.get_bind(), ["incident_attachment"])


def downgrade() -> None:
    drop_triggers(op.get_bind(), ["incident_attachment"])
    with op.batch_alter_table("incident_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_attachment_incident_id"))
    op.drop_table("incident_attachment")
