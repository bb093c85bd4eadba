"""The index table lives outside the models (an FTS5 virtual table on SQLite)."""

INDEX_TABLE = "product_search"
STATE_TABLE = "search_state"  # one row: the catalog version the search watches (snapshot.py)


def outside_the_models(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's include_name: leave the index, FTS5's shadow tables and the search's
    version row out of comparisons."""
    ours = name is not None and (name.startswith(INDEX_TABLE) or name == STATE_TABLE)
    return not (type_ == "table" and ours)
