"""local_state: the machine this database lives on, and the site ids it had before

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05

A restored or copied workstation is a new incarnation (a new site id); ``formerly`` keeps
the ids it had before, ``enroll_formerly`` the one its next enrollment retires on the hub,
``machine`` the fingerprint of the computer the database was last opened on (a database
that finds itself on another computer is a copy).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("local_state") as batch:
        batch.add_column(
            sa.Column("machine", sa.String(length=64), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("formerly", sa.Text(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("enroll_formerly", sa.String(length=36), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("local_state") as batch:
        batch.drop_column("enroll_formerly")
        batch.drop_column("formerly")
        batch.drop_column("machine")
