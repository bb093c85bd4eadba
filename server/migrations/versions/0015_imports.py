"""import jobs; the accounting system's ids of categories and products

Revision ID: 0015_imports
Revises: 0014_fleet
Create Date: 2026-11-25 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0015_imports"
down_revision: str | None = "0014_fleet"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "import_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("store_code", sa.String(length=16), nullable=True),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("file_names", sa.JSON(), nullable=False),
        sa.Column("paths", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("problems", sa.JSON(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("finished_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff_users.id"], name=op.f("fk_import_jobs_staff_id_staff_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_jobs")),
    )
    with op.batch_alter_table("categories") as batch:
        batch.add_column(sa.Column("external_id", sa.String(length=80), nullable=True))
        batch.create_unique_constraint(op.f("uq_categories_external_id"), ["external_id"])
    with op.batch_alter_table("products") as batch:
        batch.add_column(sa.Column("external_id", sa.String(length=80), nullable=True))
        batch.create_unique_constraint(op.f("uq_products_external_id"), ["external_id"])
        # A good without an Артикул takes its Ид as SKU: a 1C Ид is a 36-character UUID.
        batch.alter_column("sku", type_=sa.String(length=64), existing_type=sa.String(length=32))
    with op.batch_alter_table("order_lines") as batch:
        batch.alter_column("sku", type_=sa.String(length=64), existing_type=sa.String(length=32))


def downgrade() -> None:
    with op.batch_alter_table("order_lines") as batch:
        batch.alter_column("sku", type_=sa.String(length=32), existing_type=sa.String(length=64))
    with op.batch_alter_table("products") as batch:
        batch.alter_column("sku", type_=sa.String(length=32), existing_type=sa.String(length=64))
        batch.drop_constraint(op.f("uq_products_external_id"), type_="unique")
        batch.drop_column("external_id")
    with op.batch_alter_table("categories") as batch:
        batch.drop_constraint(op.f("uq_categories_external_id"), type_="unique")
        batch.drop_column("external_id")
    op.drop_table("import_jobs")
