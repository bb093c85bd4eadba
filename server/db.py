"""Engine and per-request session; SQLite is tuned so concurrent writers queue, not fail."""

from collections.abc import Sequence
from typing import Any

from flask import Flask, g
from sqlalchemy import ColumnElement, Engine, Integer, any_, bindparam, create_engine, event
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import QueryableAttribute, Session, sessionmaker


def normalize_url(url: str) -> str:
    """Accept the usual postgres:// spellings and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"timeout": 30, "check_same_thread": False}, **kwargs
        )
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Take the write lock up front: a deferred transaction that reads and then writes
        # fails with "database is locked" instead of waiting when another writer got in first.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessionmaker = sessionmaker(engine, expire_on_commit=False)


def init_app(app: Flask) -> None:
    app.extensions["db"] = Database(make_engine(app.config["DATABASE_URL"]))
    app.teardown_appcontext(_close_session)


def database(app: Flask) -> Database:
    return app.extensions["db"]


def get_session() -> Session:
    """The session of the current request or command, opened on first use."""
    if "db_session" not in g:
        from flask import current_app

        g.db_session = database(current_app).sessionmaker()
    return g.db_session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def among(
    session: Session, column: ColumnElement[int] | QueryableAttribute[int], ids: Sequence[int]
) -> ColumnElement[bool]:
    """`column IN ids` for a batch of ids. On PostgreSQL it is `= ANY(one array parameter)`: a
    short statement whatever the batch size, which psycopg converts once and caches instead
    of parsing hundreds of placeholders every time."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=postgresql.ARRAY(Integer)))
    return column.in_(list(ids))
