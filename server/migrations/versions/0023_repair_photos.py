"""repair photos: pictures of a unit taken at the window when it is handed in for repair

Revision ID: 0023_repair_photos
Revises: 0022_abandoned_carts
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0023_repair_photos"
down_revision: str | None = "0022_abandoned_carts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "repair_photos",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("repair_id", sa.Integer(), sa.ForeignKey("repairs.id"), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.UniqueConstraint("name", name=op.f("uq_repair_photos_name")),
    )
    op.create_index("ix_repair_photos_repair_id", "repair_photos", ["repair_id"])


def downgrade() -> None:
    op.drop_index("ix_repair_photos_repair_id", table_name="repair_photos")
    op.drop_table("repair_photos")
