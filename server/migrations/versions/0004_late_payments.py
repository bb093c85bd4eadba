"""late payments

Revision ID: 0004_late_payments
Revises: 0003
Create Date: 2026-11-25 17:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0004_late_payments"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "late_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=120), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("received_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "refund_state",
            sa.Enum(
                "refunded", "by_hand", "failed", name="refundstate", native_enum=False, length=12
            ),
            nullable=False,
        ),
        sa.Column("refund_reference", sa.String(length=80), nullable=True),
        sa.Column("refund_error", sa.String(length=255), nullable=True),
        sa.Column("refunded_at", server.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("amount_minor > 0", name=op.f("ck_late_payments_amount_positive")),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_late_payments_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_late_payments")),
        sa.UniqueConstraint("event_id", name=op.f("uq_late_payments_event_id")),
    )
    with op.batch_alter_table("late_payments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_late_payments_order_id"), ["order_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_late_payments_received_at"), ["received_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("late_payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_late_payments_received_at"))
        batch_op.drop_index(batch_op.f("ix_late_payments_order_id"))
    op.drop_table("late_payments")
