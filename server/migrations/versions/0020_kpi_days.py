"""KPI page: orders found by store and day through an index; closed days kept per store

Revision ID: 0020_kpi_days
Revises: 0019_returns
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0020_kpi_days"
down_revision: str | None = "0019_returns"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_index("ix_orders_store_id_created_at", "orders", ["store_id", "created_at"])
    op.create_index("ix_orders_created_at", "orders", ["created_at"])
    op.create_table(
        "kpi_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("computed_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_kpi_days_store_id_stores")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kpi_days")),
        sa.UniqueConstraint("store_id", "day", name="uq_kpi_days_store_day"),
    )


def downgrade() -> None:
    op.drop_table("kpi_days")
    op.drop_index("ix_orders_created_at", table_name="orders")
    op.drop_index("ix_orders_store_id_created_at", table_name="orders")
