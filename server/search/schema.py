"""The index table lives outside the models (an FTS5 virtual table on SQLite)."""

INDEX_TABLE = "product_search"


def outside_the_models(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's include_name: leave the index and FTS5's shadow tables out of comparisons."""
    return not (type_ == "table" and name is not None and name.startswith(INDEX_TABLE))
