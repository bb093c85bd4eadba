"""failed staff sign-ins, for throttling

Revision ID: 0008_signin_attempts
Revises: 0007_search
Create Date: 2026-11-25 17:25:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0008_signin_attempts"
down_revision: str | None = "0007_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "signin_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("address", sa.String(length=45), nullable=False),
        sa.Column("at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signin_attempts")),
    )
    with op.batch_alter_table("signin_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signin_attempts_address"), ["address"], unique=False)
        batch_op.create_index(batch_op.f("ix_signin_attempts_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_signin_attempts_username"), ["username"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("signin_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signin_attempts_username"))
        batch_op.drop_index(batch_op.f("ix_signin_attempts_at"))
        batch_op.drop_index(batch_op.f("ix_signin_attempts_address"))
    op.drop_table("signin_attempts")
