"""the fleet: what each device last said about itself, and its out-of-service switch

Revision ID: 0014_fleet
Revises: 0013_stock_console
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0014_fleet"
down_revision: str | None = "0013_stock_console"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(
            sa.Column("last_seen_at", server.models.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch.add_column(sa.Column("version", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("printer_state", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("scanner_state", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("camera_state", sa.String(length=16), nullable=True))
        batch.add_column(
            sa.Column("out_of_service", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("out_of_service")
        batch.drop_column("camera_state")
        batch.drop_column("scanner_state")
        batch.drop_column("printer_state")
        batch.drop_column("version")
        batch.drop_column("last_seen_at")
