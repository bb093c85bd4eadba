"""Test databases: SQLite copies of one migrated template, and a throwaway PostgreSQL database."""

import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from server.db import normalize_url
from server.migrate import upgrade
from server.models import Base

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"


def postgres_url() -> str | None:
    """TEST_DATABASE_URL, or the local default when a server answers there."""
    url = os.environ.get("TEST_DATABASE_URL", DEFAULT_PG)
    try:
        engine = create_engine(normalize_url(url), connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
    except Exception:
        return None
    return url


@contextmanager
def fresh_postgres(base_url: str) -> Iterator[str]:
    """A new database next to base_url, migrated to head, dropped afterwards."""
    name = f"cm_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(normalize_url(base_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(normalize_url(base_url)).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def truncate_all(url: str) -> None:
    engine = create_engine(normalize_url(url))
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


def sqlite_template(folder: Path) -> Path:
    path = folder / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


def sqlite_copy(template: Path, target: Path) -> str:
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


def sqlite_restore(template: Path, target: Path) -> None:
    """Put the template's content back into target, even while other connections (another
    thread, or a live server's processes) hold it open: SQLite's backup API writes it as one
    transaction under the database's own locks, and their next read sees the new content."""
    with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(target)) as dest:
        source.backup(dest)
