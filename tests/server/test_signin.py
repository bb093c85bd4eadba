"""Staff sign-in: a limit on wrong passwords, and no way to find names by timing (finding 4)."""

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server import create_app
from server.clock import FrozenClock
from server.db import get_session
from server.services import signin
from tests.helpers import STAFF_PASSWORD, T0, World, app_config, build_world


def sign_in(browser: FlaskClient, name: str, password: str, **environ: str):
    return browser.post(
        "/staff/login?lang=en",
        data={"username": name, "password": password},
        environ_base={"REMOTE_ADDR": environ.get("address", "10.0.0.7")},
    )


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every password hash the sign-in checks against."""
    checked: list[str] = []
    real = signin.check_password_hash

    def counting(stored: str, password: str) -> bool:
        checked.append(stored)
        return real(stored, password)

    monkeypatch.setattr(signin, "check_password_hash", counting)
    return checked


def test_sixth_attempt_is_refused_even_with_the_right_password(
    client: FlaskClient, world: World, clock: FrozenClock
):
    for _ in range(signin.NAME_LIMIT):
        answer = sign_in(client, "staff", "wrong")
        assert answer.status_code == 401
        assert "Wrong name or password." in answer.get_data(as_text=True)
    answer = sign_in(client, "staff", STAFF_PASSWORD)
    assert answer.status_code == 429
    # 09:00 UTC is 12:00 in Moscow; the first failure leaves the window at 12:15.
    assert "Too many wrong passwords. Try again after 12:15." in answer.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302  # not signed in

    clock.advance(minutes=15, seconds=1)
    assert sign_in(client, "staff", STAFF_PASSWORD).status_code == 302
    assert client.get("/staff/").status_code == 200


def test_the_limit_holds_for_the_name_from_any_address(client: FlaskClient, world: World):
    for n in range(signin.NAME_LIMIT):
        sign_in(client, "staff", "wrong", address=f"10.0.1.{n}")
    assert sign_in(client, "staff", STAFF_PASSWORD, address="10.0.2.1").status_code == 429


def test_one_address_trying_many_names_is_stopped(client: FlaskClient, world: World):
    for n in range(signin.ADDRESS_LIMIT):
        assert sign_in(client, f"guess-{n}", "wrong").status_code == 401
    assert sign_in(client, "staff", STAFF_PASSWORD).status_code == 429
    assert sign_in(client, "staff", STAFF_PASSWORD, address="10.0.0.8").status_code == 302


def test_a_right_password_clears_the_names_failures(client: FlaskClient, world: World):
    for _ in range(signin.NAME_LIMIT - 1):
        sign_in(client, "staff", "wrong")
    assert sign_in(client, "staff", STAFF_PASSWORD).status_code == 302
    client.post("/staff/logout")
    for _ in range(signin.NAME_LIMIT - 1):
        sign_in(client, "staff", "wrong")
    assert sign_in(client, "staff", STAFF_PASSWORD).status_code == 302


def test_known_and_unknown_names_both_run_the_password_hash(
    client: FlaskClient, world: World, hashes: list[str]
):
    sign_in(client, "staff", "wrong")
    sign_in(client, "nobody-here", "wrong")
    sign_in(client, "", "wrong")
    assert len(hashes) == 3
    method = hashes[0].split("$", 1)[0]  # the same algorithm and cost for the stand-in
    assert all(stored.split("$", 1)[0] == method for stored in hashes)


def test_failures_are_counted_in_the_database_for_every_server_process(
    app: Flask, world: World, clock: FrozenClock
):
    """A second process on the same database sees the first one's failures."""
    for _ in range(signin.NAME_LIMIT):
        sign_in(app.test_client(), "staff", "wrong")
    other = create_app({"DATABASE_URL": app.config["DATABASE_URL"], "CLOCK": clock})
    assert sign_in(other.test_client(), "staff", STAFF_PASSWORD).status_code == 429
    other.extensions["db"].engine.dispose()


def test_nul_in_the_name_never_reaches_the_database(any_db_app: Flask):
    """PostgreSQL refuses NUL in text; the name is read without control characters."""
    with any_db_app.app_context():
        build_world(get_session())
    browser = any_db_app.test_client()
    assert sign_in(browser, "sta\x00ff", "wrong").status_code == 401
    assert sign_in(browser, "\x00" * 100, "wrong").status_code == 401
    assert sign_in(browser, "sta\x00ff", STAFF_PASSWORD).status_code == 302


def test_behind_a_proxy_each_person_is_counted_by_their_own_address(
    sqlite_url: str, tmp_path: Path
):
    """One proxy in front: its address is everyone's, the forwarded one is the person's."""
    config = app_config(sqlite_url, FrozenClock(T0), tmp_path)
    app = create_app({**config, "PROXY_HOPS": 1})
    with app.app_context():
        build_world(get_session())
    for _ in range(signin.ADDRESS_LIMIT):
        app.test_client().post(
            "/staff/login",
            data={"username": "nobody", "password": "x"},
            headers={"X-Forwarded-For": "10.0.0.1"},
        )
    other = app.test_client().post(
        "/staff/login",
        data={"username": "staff", "password": STAFF_PASSWORD},
        headers={"X-Forwarded-For": "10.0.0.2"},
    )
    assert other.status_code == 302
    app.extensions["db"].engine.dispose()
