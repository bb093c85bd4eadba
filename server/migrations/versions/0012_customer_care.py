"""reviews with moderation, bonus notes and expiry

Revision ID: 0012_customer_care
Revises: 0011_stock_movements
Create Date: 2026-11-25 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0012_customer_care"
down_revision: str | None = "0011_stock_movements"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("product_reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pros", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("cons", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("customer_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("order_id", sa.Integer(), nullable=True))
        # Reviews written before moderation existed stay shown.
        batch_op.add_column(
            sa.Column("status", sa.String(length=12), server_default="approved", nullable=False)
        )
        batch_op.add_column(sa.Column("moderated_by", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("moderated_at", UTC, nullable=True))
        batch_op.add_column(sa.Column("reject_reason", sa.String(length=300), nullable=True))
        batch_op.create_index(batch_op.f("ix_product_reviews_customer_id"), ["customer_id"])
        batch_op.create_index(batch_op.f("ix_product_reviews_order_id"), ["order_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_product_reviews_customer_id_customers"),
            "customers",
            ["customer_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_product_reviews_order_id_orders"), "orders", ["order_id"], ["id"]
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_product_reviews_order_id"), ["order_id", "product_id"]
        )
    with op.batch_alter_table("bonus_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note", sa.String(length=300), nullable=True))
        batch_op.create_index(batch_op.f("ix_bonus_entries_created_at"), ["created_at"])


def downgrade() -> None:
    with op.batch_alter_table("bonus_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bonus_entries_created_at"))
        batch_op.drop_column("note")
    with op.batch_alter_table("product_reviews", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_product_reviews_order_id"), type_="unique")
        batch_op.drop_constraint(
            batch_op.f("fk_product_reviews_order_id_orders"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_product_reviews_customer_id_customers"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_product_reviews_order_id"))
        batch_op.drop_index(batch_op.f("ix_product_reviews_customer_id"))
        for column in (
            "reject_reason",
            "moderated_at",
            "moderated_by",
            "status",
            "order_id",
            "customer_id",
            "cons",
            "pros",
        ):
            batch_op.drop_column(column)
