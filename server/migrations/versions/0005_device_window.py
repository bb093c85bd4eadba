"""a pickup device's window number and the clerk on shift there

Revision ID: 0005_device_window
Revises: 0004_late_payments
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_device_window"
down_revision: str | None = "0004_late_payments"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("window", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("clerk", sa.String(length=60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("clerk")
        batch.drop_column("window")
