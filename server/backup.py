"""Backing up the database and restoring it, as the operations guide rehearses.

PostgreSQL: `pg_dump` in its custom format, restored by `pg_restore --clean`, both from the
PostgreSQL client tools the server's host needs anyway. SQLite: the online backup API, which
copies a consistent snapshot while the server keeps writing.
"""

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from server.db import normalize_url


class BackupError(Exception):
    """A backup or restore that could not be done, with a sentence saying why."""


def backup(database_url: str, target: Path) -> None:
    """Write a snapshot of the database to target (overwritten when it exists)."""
    url = make_url(normalize_url(database_url))
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        with _sqlite(url.database) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return
    _run("pg_dump", "--format=custom", "--no-owner", "--file", str(target), _libpq(database_url))


def restore(database_url: str, source: Path) -> None:
    """Replace the database's contents with the snapshot in source."""
    if not source.is_file():
        raise BackupError(f"No backup file at {source}.")
    url = make_url(normalize_url(database_url))
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(source) as snapshot, _sqlite(url.database) as live:
            snapshot.execute("PRAGMA quick_check")
            snapshot.backup(live)
        return
    _run(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--dbname",
        _libpq(database_url),
        str(source),
    )


def _sqlite(path: str | None) -> sqlite3.Connection:
    if not path or path == ":memory:":
        raise BackupError("An in-memory database cannot be backed up.")
    return sqlite3.connect(path)


def _libpq(database_url: str) -> str:
    """The URL as the PostgreSQL tools read it (no SQLAlchemy driver name)."""
    url = make_url(normalize_url(database_url)).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def _run(tool: str, *args: str) -> None:
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed (apt-get install postgresql-client).")
    done = subprocess.run([tool, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{tool} failed: {done.stderr.strip()[-500:]}")
