"""goods that go together, transfer lead times, search terms taught by staff, the
catalog version the search watches

Revision ID: 0017_search_rest
Revises: 0016_staff_console
Create Date: 2026-11-25 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0017_search_rest"
down_revision: str | None = "0016_staff_console"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = server.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "accessory_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("accessory_id", sa.Integer(), nullable=False),
        sa.Column("reason_ru", sa.String(length=255), nullable=False),
        sa.Column("reason_en", sa.String(length=255), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(product_id IS NULL) <> (category_id IS NULL)",
            name=op.f("ck_accessory_links_product_or_category"),
        ),
        sa.ForeignKeyConstraint(
            ["accessory_id"], ["products.id"], name=op.f("fk_accessory_links_accessory_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["categories.id"],
            name=op.f("fk_accessory_links_category_id_categories"),
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_accessory_links_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accessory_links")),
    )
    with op.batch_alter_table("accessory_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_accessory_links_product_id"), ["product_id"])
        batch_op.create_index(batch_op.f("ix_accessory_links_category_id"), ["category_id"])
    op.create_table(
        "bought_together",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.Column("computed_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["other_id"], ["products.id"], name=op.f("fk_bought_together_other_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_bought_together_product_id_products")
        ),
        sa.PrimaryKeyConstraint("product_id", "other_id", name=op.f("pk_bought_together")),
    )
    op.create_table(
        "transfer_leads",
        sa.Column("source_store_id", sa.Integer(), nullable=False),
        sa.Column("destination_store_id", sa.Integer(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["destination_store_id"],
            ["stores.id"],
            name=op.f("fk_transfer_leads_destination_store_id_stores"),
        ),
        sa.ForeignKeyConstraint(
            ["source_store_id"],
            ["stores.id"],
            name=op.f("fk_transfer_leads_source_store_id_stores"),
        ),
        sa.PrimaryKeyConstraint(
            "source_store_id", "destination_store_id", name=op.f("pk_transfer_leads")
        ),
    )
    op.create_table(
        "search_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("phrase", sa.String(length=120), nullable=False),
        sa.Column("meaning", sa.String(length=120), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_terms")),
        sa.UniqueConstraint("kind", "phrase", name="uq_search_terms_kind_phrase"),
    )
    # One row: moved by every catalog change, watched by every server process's search.
    state = op.create_table(
        "search_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_state")),
    )
    op.bulk_insert(state, [{"id": 1, "version": 0}])


def downgrade() -> None:
    op.drop_table("search_state")
    op.drop_table("search_terms")
    op.drop_table("transfer_leads")
    op.drop_table("bought_together")
    with op.batch_alter_table("accessory_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accessory_links_category_id"))
        batch_op.drop_index(batch_op.f("ix_accessory_links_product_id"))
    op.drop_table("accessory_links")
