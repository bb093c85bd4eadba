"""Devices: registered from the command line, token shown once, revoked devices refused."""

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from server.cli import main


def run_cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        env=dict(os.environ, DATABASE_URL=db_url),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_device_add_prints_token_last_and_revoke_locks_it_out(sqlite_url: str, tmp_path: Path):
    from server import create_app

    assert run_cli(sqlite_url, "db", "upgrade").returncode == 0
    app = create_app({"DATABASE_URL": sqlite_url})
    with app.app_context():
        from server.db import get_session
        from tests.helpers import make_store

        make_store(get_session(), "MSK-9", "Z")
        get_session().commit()
    client = app.test_client()

    added = run_cli(
        sqlite_url,
        "device",
        "add",
        "--store",
        "MSK-9",
        "--kind",
        "terminal",
        "--name",
        "terminal-9",
    )
    assert added.returncode == 0, added.stderr
    token = added.stdout.strip().splitlines()[-1]
    assert len(token) >= 40 and " " not in token

    headers = {"Authorization": f"Device {token}"}
    assert client.get("/api/v1/stores", headers=headers).status_code == 200

    revoked = run_cli(sqlite_url, "device", "revoke", "terminal-9")
    assert revoked.returncode == 0, revoked.stderr
    refused = client.get("/api/v1/stores", headers=headers)
    assert refused.status_code == 401
    assert refused.json["error"]["code"] == "unauthorized"


def test_token_is_stored_only_as_a_hash(app, world):
    from sqlalchemy import select

    from server.db import get_session
    from server.models import Device

    with app.app_context():
        hashes = get_session().scalars(select(Device.token_hash)).all()
    assert world.tokens["terminal"] not in hashes
    assert all(len(h) == 64 for h in hashes)


def test_cli_refuses_unknown_store_and_duplicate_name(app, world):
    runner = CliRunner(env={"DATABASE_URL": app.config["DATABASE_URL"]})
    unknown = runner.invoke(
        main, ["device", "add", "--store", "NOPE", "--kind", "pickup", "--name", "x"]
    )
    assert unknown.exit_code == 1 and "NOPE" in unknown.output
    duplicate = runner.invoke(
        main, ["device", "add", "--store", "MSK-1", "--kind", "pickup", "--name", "pickup-1"]
    )
    assert duplicate.exit_code == 1 and "pickup-1" in duplicate.output
    storeless = runner.invoke(main, ["device", "add", "--kind", "terminal", "--name", "t"])
    assert storeless.exit_code == 1


def test_missing_wrong_and_foreign_scheme_tokens_get_401(client, world):
    for header in (None, "Device nope", f"Bearer {world.tokens['terminal']}", "Device "):
        headers = {"Authorization": header} if header else {}
        response = client.get("/api/v1/products", headers=headers)
        assert response.status_code == 401, header
        assert response.json["error"]["code"] == "unauthorized"


def test_board_may_read_but_not_order(client, world):
    from tests.helpers import Api

    board = Api(client, world.tokens["board"])
    assert board.get("/products").status_code == 200
    response = board.post(
        "/orders", {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 1}], "payment": "card"}
    )
    assert response.status_code == 403
    assert response.json["error"]["code"] == "forbidden"


def test_terminal_orders_only_for_its_own_store(world, terminal):
    response = terminal.post(
        "/orders", {"store": "MSK-2", "lines": [{"sku": "TV-1", "qty": 1}], "payment": "card"}
    )
    assert response.status_code == 403
    assert response.json["error"]["code"] == "wrong_store"
