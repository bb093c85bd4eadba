"""A backup taken while the chain runs brings back exactly what it held, on both engines."""

import pytest
from sqlalchemy import func, select

from server.backup import BackupError, backup, restore
from server.db import get_session
from server.models import Store
from tests.helpers import make_store


def _store_codes(app):
    with app.app_context():
        return sorted(get_session().scalars(select(Store.code)))


def test_restore_brings_back_what_the_backup_held(any_db_app, tmp_path):
    app = any_db_app
    url = app.config["DATABASE_URL"]
    with app.app_context():
        make_store(get_session(), "MSK-7", "G")
        get_session().commit()
    backup(url, tmp_path / "chain.backup")

    with app.app_context():
        make_store(get_session(), "MSK-8", "H")
        get_session().commit()
    assert _store_codes(app) == ["MSK-7", "MSK-8"]

    app.extensions["db"].engine.dispose()  # the running server's idle connections
    restore(url, tmp_path / "chain.backup")
    assert _store_codes(app) == ["MSK-7"]
    with app.app_context():  # the schema came back too: new rows still get ids
        make_store(get_session(), "MSK-9", "I")
        get_session().commit()
        assert get_session().scalar(select(func.count()).select_from(Store)) == 2


def test_restoring_a_missing_file_says_so(any_db_app, tmp_path):
    with pytest.raises(BackupError, match="nothing.backup"):
        restore(any_db_app.config["DATABASE_URL"], tmp_path / "nothing.backup")
