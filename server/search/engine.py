"""The full-text index: SQLite FTS5 on the embedded default, tsvector + GIN on PostgreSQL.

Both hold the same Python-made stems (Snowball, spec tokens such as "65in"), so the two
engines find the same products; the table is `product_search` (see migration 0008_search).
Search terms reach the engine only as bound parameters made of letters, digits and dots, so
FTS syntax typed by a shopper (`"*" NEAR(`) is never read as syntax.
"""

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import (
    ColumnClause,
    Connection,
    Integer,
    String,
    TableClause,
    TextualSelect,
    bindparam,
    column,
    table,
    text,
)

from server.search.schema import INDEX_TABLE

_SAFE_TERM = re.compile(r"^[0-9a-zа-я.]{1,40}$")
# The products a search ranks in Python: the best by the engine's text rank, or those the
# order asks for (service._first). 2 000 cost four times the time for the same first page.
CANDIDATE_LIMIT = 500


@dataclass(frozen=True)
class Document:
    product_id: int
    names: str
    attrs: str


def safe_terms(terms: Iterable[str]) -> list[str]:
    return [t for t in dict.fromkeys(terms) if _SAFE_TERM.match(t)]


def _is_postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def write(conn: Connection, docs: Sequence[Document]) -> None:
    if not docs:
        return
    rows = [{"id": d.product_id, "names": d.names, "attrs": d.attrs} for d in docs]
    if _is_postgres(conn):
        conn.execute(
            text(
                "INSERT INTO product_search (product_id, names, attrs) VALUES (:id, :names, :attrs)"
                " ON CONFLICT (product_id) DO UPDATE SET names = excluded.names,"
                " attrs = excluded.attrs"
            ),
            rows,
        )
        return
    # FTS5 has no upsert: replace the row by its rowid, which is the product id.
    remove(conn, [d.product_id for d in docs])
    conn.execute(
        text("INSERT INTO product_search (rowid, names, attrs) VALUES (:id, :names, :attrs)"),
        rows,
    )


def remove(conn: Connection, product_ids: Sequence[int]) -> None:
    if not product_ids:
        return
    column = "product_id" if _is_postgres(conn) else "rowid"
    conn.execute(
        text(f"DELETE FROM product_search WHERE {column} IN :ids").bindparams(
            bindparam("ids", expanding=True)
        ),
        {"ids": list(product_ids)},
    )


def clear(conn: Connection) -> None:
    conn.execute(text("DELETE FROM product_search"))


def matching(conn: Connection, terms: Sequence[str], limit: int = CANDIDATE_LIMIT) -> list[int]:
    """Ids of products whose text holds any of the terms, best text match first."""
    found = matching_select(conn, terms, limit)
    return [] if found is None else [row[0] for row in conn.execute(found)]


def matching_select(
    conn: Connection, terms: Sequence[str], limit: int = CANDIDATE_LIMIT
) -> TextualSelect | None:
    """The same as a SELECT of one column, `id`, to use as a subquery; None without terms."""
    terms = safe_terms(terms)
    if not terms:
        return None
    if _is_postgres(conn):
        # Latin and numeric terms also match as prefixes: "s24" finds "s24u".
        query = " | ".join(f"{t}:*" if t.isascii() else t for t in terms)
        sql = (
            "SELECT product_id AS id FROM product_search"
            " WHERE tsv @@ to_tsquery('simple', :q)"
            " ORDER BY ts_rank(tsv, to_tsquery('simple', :q)) DESC LIMIT :limit"
        )
    else:
        query = " OR ".join(f'"{t}"*' if t.isascii() else f'"{t}"' for t in terms)
        sql = (
            "SELECT rowid AS id FROM product_search WHERE product_search MATCH :q"
            " ORDER BY bm25(product_search, 2.0, 1.0) LIMIT :limit"
        )
    return text(sql).bindparams(q=query, limit=limit).columns(column("id", Integer))


def index_table(conn: Connection) -> tuple[TableClause, ColumnClause]:
    """The index as a table to join to products, and its product id column."""
    key = "product_id" if _is_postgres(conn) else "rowid"
    found = table(
        INDEX_TABLE, column(key, Integer), column("names", String), column("attrs", String)
    )
    return found, found.c[key]


def every_document(conn: Connection) -> Iterator[Document]:
    """The whole index, read as it streams."""
    key = "product_id" if _is_postgres(conn) else "rowid"
    # On the statement, not the connection: a connection's options outlive the statement.
    rows = conn.execute(
        text(f"SELECT {key}, names, attrs FROM {INDEX_TABLE}").execution_options(yield_per=5000)
    )
    return (Document(pid, names, attrs) for pid, names, attrs in rows)


def documents(conn: Connection, product_ids: Sequence[int]) -> dict[int, Document]:
    if not product_ids:
        return {}
    column = "product_id" if _is_postgres(conn) else "rowid"
    rows = conn.execute(
        text(
            f"SELECT {column}, names, attrs FROM product_search WHERE {column} IN :ids"
        ).bindparams(bindparam("ids", expanding=True)),
        {"ids": list(product_ids)},
    )
    return {pid: Document(pid, names, attrs) for pid, names, attrs in rows}
