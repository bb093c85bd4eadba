"""customer care: appeals, hold extensions, managers' contacts for alerts

Revision ID: 0018_care
Revises: 0017_search_rest
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0018_care"
down_revision: str | None = "0017_search_rest"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "appeals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_phone", sa.String(length=20), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("store_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("responsible", sa.String(length=60), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("due_at", UTC, nullable=False),
        sa.Column("escalated_at", UTC, nullable=True),
        sa.Column("resolved_at", UTC, nullable=True),
        sa.Column("resolved_by", sa.String(length=80), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("bonus_minor", sa.Integer(), server_default="0", nullable=False),
        sa.Column("refund_minor", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_appeals_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_appeals_store_id_stores")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appeals")),
    )
    op.create_index("ix_appeals_status_due_at", "appeals", ["status", "due_at"])
    op.create_index(op.f("ix_appeals_customer_phone"), "appeals", ["customer_phone"])
    op.create_index(op.f("ix_appeals_order_id"), "appeals", ["order_id"])
    op.create_index(op.f("ix_appeals_created_at"), "appeals", ["created_at"])
    with op.batch_alter_table("orders") as batch:
        batch.add_column(
            sa.Column("hold_extensions", sa.Integer(), nullable=False, server_default="0")
        )
    op.create_index("ix_orders_status_updated_at", "orders", ["status", "updated_at"])
    with op.batch_alter_table("staff_users") as batch:
        batch.add_column(sa.Column("email", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("phone", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff_users") as batch:
        batch.drop_column("phone")
        batch.drop_column("email")
    op.drop_index("ix_orders_status_updated_at", table_name="orders")
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("hold_extensions")
    op.drop_table("appeals")
