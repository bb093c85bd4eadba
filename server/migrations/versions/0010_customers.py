"""customers by phone, one-time codes, customer tokens, the bonus ledger

Revision ID: 0010_customers
Revises: 0009_search_misses
Create Date: 2026-11-25 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0010_customers"
down_revision: str | None = "0009_search_misses"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=True),
        sa.Column("email", sa.String(length=255), nullable=True),
        sa.Column("birthday", sa.Date(), nullable=True),
        sa.Column("language", sa.String(length=2), server_default="ru", nullable=False),
        sa.Column("sms_allowed", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("email_allowed", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("do_not_call", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("marketing_consent", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("phone", name=op.f("uq_customers_phone")),
    )
    op.create_table(
        "customer_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=True),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("expires_at", UTC, nullable=False),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("used_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_customer_codes_device_id_devices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_codes")),
    )
    with op.batch_alter_table("customer_codes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_codes_phone"), ["phone"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_codes_device_id"), ["device_id"])
        batch_op.create_index(batch_op.f("ix_customer_codes_created_at"), ["created_at"])
    op.create_table(
        "customer_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("expires_at", UTC, nullable=False),
        sa.Column("ended_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_customer_tokens_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name=op.f("fk_customer_tokens_device_id_devices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_customer_tokens_token_hash")),
    )
    with op.batch_alter_table("customer_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_tokens_customer_id"), ["customer_id"])
    op.create_table(
        "bonus_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_bonus_entries_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_bonus_entries_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bonus_entries")),
    )
    with op.batch_alter_table("bonus_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bonus_entries_customer_id"), ["customer_id"])
        batch_op.create_index(batch_op.f("ix_bonus_entries_order_id"), ["order_id"])
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("customer_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("bonus_minor", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.create_index(batch_op.f("ix_orders_customer_id"), ["customer_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_orders_customer_id_customers"), "customers", ["customer_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_orders_customer_id_customers"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_orders_customer_id"))
        batch_op.drop_column("bonus_minor")
        batch_op.drop_column("customer_id")
    op.drop_table("bonus_entries")
    op.drop_table("customer_tokens")
    op.drop_table("customer_codes")
    op.drop_table("customers")
