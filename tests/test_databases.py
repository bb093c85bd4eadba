"""The test databases' own promise: a restored database is the template again, even for a
connection that stayed open across the restore (a live server's, or the shared app's pool)."""

import sqlite3
from contextlib import closing
from pathlib import Path

from tests import databases


def test_restore_under_an_open_connection_gives_back_the_template(tmp_path: Path) -> None:
    template = tmp_path / "template.db"
    with closing(sqlite3.connect(template)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE orders (number TEXT)")
        db.execute("INSERT INTO orders VALUES ('A-1001')")
        db.commit()
    live = tmp_path / "live.db"
    databases.sqlite_copy(template, live)
    with closing(sqlite3.connect(live)) as server:
        server.execute("INSERT INTO orders VALUES ('A-1002')")
        server.commit()
        databases.sqlite_restore(template, live)
        assert server.execute("SELECT number FROM orders").fetchall() == [("A-1001",)]
