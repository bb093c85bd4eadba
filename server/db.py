"""Engine and per-request session; SQLite is tuned so concurrent writers queue, not fail."""

import enum
import json
import time
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, cast

from flask import Flask, g
from sqlalchemy import (
    Column,
    ColumnElement,
    CursorResult,
    Engine,
    Integer,
    Table,
    Text,
    any_,
    bindparam,
    column,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import QueryableAttribute, Session, sessionmaker
from sqlalchemy.sql import Select


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
    engine = create_engine(url, **kwargs)
    _ping_when_idle(engine)
    return engine


PING_AFTER_IDLE_SECONDS = 1.0


def _ping_when_idle(engine: Engine) -> None:
    """A pooled connection that has rested is asked whether it still works before use, and
    replaced if not (after a database restart, say); one handed back a moment ago is not.

    SQLAlchemy's pool_pre_ping asks before every use: one more round trip on every request,
    a tenth of a reservation's. A connection that died within the last second fails its
    request with the clear "briefly unavailable" answer, and the pool then drops all its
    connections of before the failure, so the next requests get new ones.
    """

    @event.listens_for(engine, "checkin")
    def _rested_since(_dbapi_connection: Any, record: Any) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get("returned_at")
        if returned is None or time.monotonic() - returned < PING_AFTER_IDLE_SECONDS:
            return  # new, or handed back a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:  # any failure: this connection is not to be used
            raise DisconnectionError(str(exc)) from exc


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


def among_chosen(
    session: Session, column: ColumnElement[int] | QueryableAttribute[int], chosen: Select[Any]
) -> ColumnElement[bool]:
    """`column IN (chosen)`, for the ids a select picks (a SKIP LOCKED claim). On PostgreSQL
    the ids are gathered once first (`= ANY(ARRAY(..))`) and their rows then found by key:
    a plain IN may be planned as a scan of the whole table against the choice, once per
    batch, which grows with the queue."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(func.array(chosen.scalar_subquery()))
    return column.in_(chosen.scalar_subquery())


def insert_rows(
    session: Session,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    unless_exists: Column[Any] | None = None,
) -> int:
    """Insert a batch of rows (all with the same keys) in one statement; how many went in.

    On PostgreSQL the batch travels as one JSON parameter that the server unpacks
    (`INSERT .. SELECT * FROM json_to_recordset(..)`): one statement to parse and plan, and
    one json.dumps, instead of one execution (and one conversion) per row.
    `unless_exists`: a unique column; a row whose value is already there is skipped
    (`ON CONFLICT DO NOTHING`) without asking first.
    """
    if not rows:
        return 0
    names = list(rows[0])
    if session.get_bind().dialect.name != "postgresql":
        statement = sqlite.insert(table)
        if unless_exists is not None:
            statement = statement.on_conflict_do_nothing(index_elements=[unless_exists])
        return int(cast(CursorResult[Any], session.execute(statement, list(rows))).rowcount)
    payload = json.dumps(rows, default=_json_value, ensure_ascii=False)
    record = (
        func.json_to_recordset(sql_cast(bindparam(None, payload, type_=Text), postgresql.JSON))
        .table_valued(*(column(name, table.c[name].type) for name in names))
        .render_derived(name="batch", with_types=True)
    )
    pg_statement = postgresql.insert(table).from_select(
        names, select(*(record.c[name] for name in names))
    )
    if unless_exists is not None:
        pg_statement = pg_statement.on_conflict_do_nothing(index_elements=[unless_exists])
    return int(cast(CursorResult[Any], session.execute(pg_statement)).rowcount)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()  # aware datetimes keep their offset
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"{type(value).__name__} cannot go into a batch insert")
