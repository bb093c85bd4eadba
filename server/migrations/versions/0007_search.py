"""search index and product reviews

Revision ID: 0007_search
Revises: 0006_product_variants
Create Date: 2026-11-25 17:40:00

The index table is engine-specific and has no model: an FTS5 virtual table on SQLite, a
table with a generated tsvector and GIN indexes on PostgreSQL (plus trigrams where the
pg_trgm extension may be created). `cybermarket search rebuild` fills it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.models.base

revision: str = "0007_search"
down_revision: str | None = "0006_product_variants"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "product_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=op.f("ck_product_reviews_rating_1_to_5")),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_product_reviews_product_id_products"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_reviews")),
    )
    op.create_index(
        op.f("ix_product_reviews_product_id"), "product_reviews", ["product_id"], unique=False
    )
    if op.get_bind().dialect.name == "postgresql":
        _create_postgres_index()
    else:
        # "." is part of a token so "6.5kg" and "22.5w" stay whole, as the Python side makes them.
        op.execute(
            "CREATE VIRTUAL TABLE product_search USING fts5("
            "names, attrs, tokenize = \"unicode61 remove_diacritics 0 tokenchars '.'\")"
        )


def _create_postgres_index() -> None:
    op.execute(
        "CREATE TABLE product_search ("
        " product_id INTEGER PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,"
        " names TEXT NOT NULL, attrs TEXT NOT NULL,"
        " tsv tsvector GENERATED ALWAYS AS ("
        "  setweight(to_tsvector('simple', names), 'A') ||"
        "  setweight(to_tsvector('simple', attrs), 'B')) STORED)"
    )
    op.execute("CREATE INDEX ix_product_search_tsv ON product_search USING gin (tsv)")
    bind = op.get_bind()
    available = bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).scalar()
    if not available:
        return
    # Creating an extension needs rights a chain's database user may lack: try, never fail.
    with bind.begin_nested() as savepoint:
        try:
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            bind.execute(
                sa.text(
                    "CREATE INDEX ix_product_search_names_trgm ON product_search"
                    " USING gin (names gin_trgm_ops)"
                )
            )
        except sa.exc.DBAPIError:
            savepoint.rollback()


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS product_search")
    op.drop_index(op.f("ix_product_reviews_product_id"), table_name="product_reviews")
    op.drop_table("product_reviews")
