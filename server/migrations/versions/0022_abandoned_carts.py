"""abandoned carts: carts a terminal's idle reset cleared, with their value, for the KPI page

Revision ID: 0022_abandoned_carts
Revises: 0021_search_speed
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0022_abandoned_carts"
down_revision: str | None = "0021_search_speed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "abandoned_carts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("value_minor", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_abandoned_carts_store_id_stores")
        ),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_abandoned_carts_device_id_devices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_abandoned_carts")),
    )
    # The KPI page reads one store's day (or 14 days) of them.
    op.create_index("ix_abandoned_carts_store_id_at", "abandoned_carts", ["store_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_abandoned_carts_store_id_at", table_name="abandoned_carts")
    op.drop_table("abandoned_carts")
