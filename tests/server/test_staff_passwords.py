"""Production hashes staff passwords with scrypt; only the tests choose a cheaper method."""

from pathlib import Path

import pytest

from server import create_app
from server.passwords import hash_password


def test_a_server_without_the_test_setting_hashes_with_scrypt(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CYBERMARKET_PASSWORD_HASH_METHOD", raising=False)
    app = create_app({"TESTING": True, "DATABASE_URL": sqlite_url, "MEDIA_DIR": str(tmp_path)})
    try:
        with app.app_context():
            assert hash_password("correct horse battery").startswith("scrypt:")
    finally:
        app.extensions["db"].engine.dispose()
