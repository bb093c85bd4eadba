"""delivery notes, transfers of goods between stores with their lines, low-stock thresholds

Revision ID: 0013_stock_console
Revises: 0012_customer_care
Create Date: 2026-11-25 20:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0013_stock_console"
down_revision: str | None = "0012_customer_care"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "delivery_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("supplier", sa.String(length=120), nullable=False),
        sa.Column("received_at", UTC, nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff_users.id"], name=op.f("fk_delivery_notes_staff_id_staff_users")
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_delivery_notes_store_id_stores")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_notes")),
        sa.UniqueConstraint("store_id", "number", name="uq_delivery_notes_store_number"),
    )
    op.create_table(
        "delivery_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("expected", sa.Integer(), nullable=False),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("bin_location", sa.String(length=32), nullable=True),
        sa.CheckConstraint("expected >= 0", name=op.f("ck_delivery_lines_expected_not_negative")),
        sa.CheckConstraint("received >= 0", name=op.f("ck_delivery_lines_received_not_negative")),
        sa.ForeignKeyConstraint(
            ["note_id"],
            ["delivery_notes.id"],
            name=op.f("fk_delivery_lines_note_id_delivery_notes"),
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_delivery_lines_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_lines")),
    )
    op.create_index(op.f("ix_delivery_lines_note_id"), "delivery_lines", ["note_id"])
    op.create_table(
        "transfer_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transfer_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("requested", sa.Integer(), nullable=False),
        sa.Column("shipped", sa.Integer(), nullable=True),
        sa.Column("received", sa.Integer(), nullable=True),
        sa.CheckConstraint("requested > 0", name=op.f("ck_transfer_lines_requested_positive")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_transfer_lines_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["transfer_id"], ["transfers.id"], name=op.f("fk_transfer_lines_transfer_id_transfers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_lines")),
        sa.UniqueConstraint("transfer_id", "product_id", name="uq_transfer_lines_transfer_product"),
    )
    op.create_index(op.f("ix_transfer_lines_transfer_id"), "transfer_lines", ["transfer_id"])
    with op.batch_alter_table("transfers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=8), server_default="orders", nullable=False)
        )
        for column in ("requested_by_id", "shipped_by_id", "received_by_id"):
            batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                batch_op.f(f"fk_transfers_{column}_staff_users"), "staff_users", [column], ["id"]
            )
        batch_op.add_column(sa.Column("note", sa.String(length=255), nullable=True))
    with op.batch_alter_table("stock", schema=None) as batch_op:
        batch_op.add_column(sa.Column("low_threshold", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stock", schema=None) as batch_op:
        batch_op.drop_column("low_threshold")
    with op.batch_alter_table("transfers", schema=None) as batch_op:
        batch_op.drop_column("note")
        for column in ("received_by_id", "shipped_by_id", "requested_by_id"):
            batch_op.drop_constraint(
                batch_op.f(f"fk_transfers_{column}_staff_users"), type_="foreignkey"
            )
            batch_op.drop_column(column)
        batch_op.drop_column("kind")
    op.drop_index(op.f("ix_transfer_lines_transfer_id"), table_name="transfer_lines")
    op.drop_table("transfer_lines")
    op.drop_index(op.f("ix_delivery_lines_note_id"), table_name="delivery_lines")
    op.drop_table("delivery_lines")
    op.drop_table("delivery_notes")
