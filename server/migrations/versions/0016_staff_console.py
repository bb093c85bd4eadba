"""the staff console: an audit of every staff action, pickers' PINs, the person on events

Revision ID: 0016_staff_console
Revises: 0015_imports
Create Date: 2026-11-25 20:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0016_staff_console"
down_revision: str | None = "0015_imports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=120), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("address", sa.String(length=45), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff_users.id"], name=op.f("fk_audit_entries_staff_id_staff_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    op.create_index(op.f("ix_audit_entries_at"), "audit_entries", ["at"])
    op.create_index(op.f("ix_audit_entries_staff_id"), "audit_entries", ["staff_id"])
    op.create_index(op.f("ix_audit_entries_action"), "audit_entries", ["action"])
    with op.batch_alter_table("staff_users") as batch:
        batch.add_column(sa.Column("pin_hash", sa.String(length=255), nullable=True))
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("staff_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_devices_staff_id_staff_users"), "staff_users", ["staff_id"], ["id"]
        )
    with op.batch_alter_table("order_events") as batch:
        batch.add_column(sa.Column("staff_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_order_events_staff_id_staff_users"), "staff_users", ["staff_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("order_events") as batch:
        batch.drop_constraint(op.f("fk_order_events_staff_id_staff_users"), type_="foreignkey")
        batch.drop_column("staff_id")
    with op.batch_alter_table("devices") as batch:
        batch.drop_constraint(op.f("fk_devices_staff_id_staff_users"), type_="foreignkey")
        batch.drop_column("staff_id")
    with op.batch_alter_table("staff_users") as batch:
        batch.drop_column("pin_hash")
    op.drop_index(op.f("ix_audit_entries_action"), table_name="audit_entries")
    op.drop_index(op.f("ix_audit_entries_staff_id"), table_name="audit_entries")
    op.drop_index(op.f("ix_audit_entries_at"), table_name="audit_entries")
    op.drop_table("audit_entries")
