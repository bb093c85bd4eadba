"""returns and repairs: returned units on lines, periods per category, defective stock

Revision ID: 0019_returns
Revises: 0018_care
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0019_returns"
down_revision: str | None = "0018_care"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("order_lines") as batch:
        batch.add_column(
            sa.Column("qty_returned", sa.Integer(), nullable=False, server_default="0")
        )
        batch.create_check_constraint(
            op.f("ck_order_lines_returned_in_range"),
            "qty_returned >= 0 AND qty_returned <= qty_issued",
        )
    with op.batch_alter_table("categories") as batch:
        batch.add_column(sa.Column("return_days", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("warranty_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("stock") as batch:
        batch.add_column(sa.Column("defective", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "order_returns",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("order_id", sa.Integer(), sa.ForeignKey("orders.id"), nullable=False),
        sa.Column("store_id", sa.Integer(), sa.ForeignKey("stores.id"), nullable=False),
        sa.Column("reason", sa.String(300), nullable=False),
        sa.Column("resaleable", sa.Boolean(), nullable=False),
        sa.Column("refund_minor", sa.Integer(), nullable=False),
        sa.Column("refund_method", sa.String(20), nullable=True),
        sa.Column("bonus_restored", sa.Integer(), nullable=False),
        sa.Column("bonus_taken_back", sa.Integer(), nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("device_id", sa.Integer(), sa.ForeignKey("devices.id"), nullable=True),
    )
    op.create_index("ix_order_returns_order_id", "order_returns", ["order_id"])
    op.create_index("ix_order_returns_store_id", "order_returns", ["store_id"])
    op.create_index("ix_order_returns_at", "order_returns", ["at"])
    op.create_table(
        "return_lines",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("return_id", sa.Integer(), sa.ForeignKey("order_returns.id"), nullable=False),
        sa.Column("order_line_id", sa.Integer(), sa.ForeignKey("order_lines.id"), nullable=False),
        sa.Column("sku", sa.String(32), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.CheckConstraint("qty > 0", name=op.f("ck_return_lines_return_qty_positive")),
    )
    op.create_index("ix_return_lines_return_id", "return_lines", ["return_id"])
    op.create_table(
        "repairs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.String(20), nullable=True),
        sa.Column("intake_code", sa.String(16), nullable=False),
        sa.UniqueConstraint("number", name=op.f("uq_repairs_number")),
        sa.UniqueConstraint("intake_code", name=op.f("uq_repairs_intake_code")),
        sa.Column("order_id", sa.Integer(), sa.ForeignKey("orders.id"), nullable=False),
        sa.Column("order_line_id", sa.Integer(), sa.ForeignKey("order_lines.id"), nullable=False),
        sa.Column("store_id", sa.Integer(), sa.ForeignKey("stores.id"), nullable=False),
        sa.Column("sku", sa.String(32), nullable=False),
        sa.Column("serial", sa.String(64), nullable=False),
        sa.Column("defect", sa.String(500), nullable=False),
        sa.Column("condition", sa.String(300), nullable=False),
        sa.Column("accessories", sa.String(300), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("under_warranty", sa.Boolean(), nullable=False),
        sa.Column("quote_minor", sa.Integer(), nullable=True),
        sa.Column("collect_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(300), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.Column("closed_at", UTC, nullable=True),
    )
    op.create_index("ix_repairs_order_id", "repairs", ["order_id"])
    op.create_index("ix_repairs_store_id", "repairs", ["store_id"])
    op.create_index("ix_repairs_status", "repairs", ["status"])
    op.create_index("ix_repairs_created_at", "repairs", ["created_at"])
    op.create_table(
        "repair_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("repair_id", sa.Integer(), sa.ForeignKey("repairs.id"), nullable=False),
        sa.Column("from_status", sa.String(24), nullable=True),
        sa.Column("to_status", sa.String(24), nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("note", sa.String(300), nullable=True),
    )
    op.create_index("ix_repair_events_repair_id", "repair_events", ["repair_id"])


def downgrade() -> None:
    op.drop_table("repair_events")
    op.drop_table("repairs")
    op.drop_table("return_lines")
    op.drop_table("order_returns")
    with op.batch_alter_table("stock") as batch:
        batch.drop_column("defective")
    with op.batch_alter_table("categories") as batch:
        batch.drop_column("warranty_days")
        batch.drop_column("return_days")
    with op.batch_alter_table("order_lines") as batch:
        batch.drop_constraint(op.f("ck_order_lines_returned_in_range"), type_="check")
        batch.drop_column("qty_returned")
