"""search speed: order lines by product (popularity), products by brand and by price per category

Revision ID: 0021_search_speed
Revises: 0020_kpi_days
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0021_search_speed"
down_revision: str | None = "0020_kpi_days"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The search reads each candidate's units ordered by product id (server/search/service.py).
    op.create_index(op.f("ix_order_lines_product_id"), "order_lines", ["product_id"])
    # "хонор" reads a thousand products of 100 000 by their brand, not every one.
    op.create_index(op.f("ix_products_brand"), "products", ["brand"])
    # The cheapest phones of 100 000 products taken in price order, not sorted each time.
    op.create_index("ix_products_category_price", "products", ["category_id", "price_minor"])


def downgrade() -> None:
    op.drop_index("ix_products_category_price", table_name="products")
    op.drop_index(op.f("ix_products_brand"), table_name="products")
    op.drop_index(op.f("ix_order_lines_product_id"), table_name="order_lines")
