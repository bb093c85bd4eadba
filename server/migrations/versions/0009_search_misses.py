"""searches that found nothing, for staff to teach the search

Revision ID: 0009_search_misses
Revises: 0008_signin_attempts
Create Date: 2026-11-25 18:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0009_search_misses"
down_revision: str | None = "0008_signin_attempts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "search_misses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("query", sa.String(length=200), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=True),
        sa.Column("at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("understood", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_search_misses_store_id_stores")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_misses")),
    )
    with op.batch_alter_table("search_misses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_misses_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_search_misses_query"), ["query"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("search_misses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_misses_query"))
        batch_op.drop_index(batch_op.f("ix_search_misses_at"))
    op.drop_table("search_misses")
