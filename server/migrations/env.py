"""Alembic environment: the URL comes from the app's config (DATABASE_URL), never from a file."""

from alembic import context

from server.db import make_engine
from server.models import Base
from server.search.schema import outside_the_models

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=outside_the_models,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
