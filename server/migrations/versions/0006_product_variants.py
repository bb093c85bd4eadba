"""product variants: the colours and memory sizes of one model

Revision ID: 0006_product_variants
Revises: 0005_device_window
Create Date: 2026-11-25 17:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_product_variants"
down_revision: str | None = "0005_device_window"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("products") as batch:
        batch.add_column(sa.Column("model_code", sa.String(length=64), nullable=True))
        batch.add_column(
            sa.Column("variant", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch.create_index(batch.f("ix_products_model_code"), ["model_code"])


def downgrade() -> None:
    with op.batch_alter_table("products") as batch:
        batch.drop_index(batch.f("ix_products_model_code"))
        batch.drop_column("variant")
        batch.drop_column("model_code")
