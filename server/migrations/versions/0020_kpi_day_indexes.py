"""KPI page: orders found by store and day through an index

Revision ID: 0020_kpi_day_indexes
Revises: 0019_returns
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0020_kpi_day_indexes"
down_revision: str | None = "0019_returns"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_orders_store_id_created_at", "orders", ["store_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_orders_store_id_created_at", table_name="orders")
