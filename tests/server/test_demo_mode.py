"""Production is safe by default, the demo is explicit: demo secrets and the fake provider."""

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from flask.testing import FlaskClient
from sqlalchemy import select

from server import create_app
from server.config import DEMO_SECRETS, ConfigError
from server.db import get_session
from server.models import Device, DeviceKind
from server.payments.signing import sign
from tests.helpers import Api, World, build_world
from tests.live import free_port

REAL = {"SECRET_KEY": "a-long-random-key-for-this-chain", "PAYMENT_WEBHOOK_SECRET": "whsec-x9"}


def cookie_signed_with_the_demo_key(value: dict) -> str:
    """What anyone who read config.py can make."""
    demo = Flask("forger")
    demo.secret_key = DEMO_SECRETS["SECRET_KEY"]
    serializer = SecureCookieSessionInterface().get_signing_serializer(demo)
    return serializer.dumps(value)


@pytest.fixture
def production(sqlite_url: str) -> Iterator[tuple[Flask, World]]:
    """The server as a chain runs it: its own secrets, no demo."""
    app = create_app({"DATABASE_URL": sqlite_url, "DEMO": False, **REAL})
    with app.app_context():
        world = build_world(get_session())
    yield app, world
    app.extensions["db"].engine.dispose()


@pytest.mark.parametrize(
    ("secrets", "named"),
    [
        ({}, ["CYBERMARKET_SECRET_KEY", "CYBERMARKET_PAYMENT_WEBHOOK_SECRET"]),
        ({"SECRET_KEY": "", "PAYMENT_WEBHOOK_SECRET": " "}, ["CYBERMARKET_SECRET_KEY"]),
        ({"SECRET_KEY": REAL["SECRET_KEY"]}, ["CYBERMARKET_PAYMENT_WEBHOOK_SECRET"]),
    ],
)
def test_server_refuses_to_start_on_demo_or_empty_secrets(sqlite_url, monkeypatch, secrets, named):
    monkeypatch.delenv("CYBERMARKET_DEMO", raising=False)
    with pytest.raises(ConfigError) as refused:
        create_app({"DATABASE_URL": sqlite_url, **secrets})
    for name in named:
        assert name in str(refused.value)
    assert "CYBERMARKET_DEMO=1" in str(refused.value)


def test_fake_provider_is_refused_outside_demo_mode(sqlite_url):
    with pytest.raises(ConfigError, match="CYBERMARKET_PAYMENT_PROVIDER"):
        create_app({"DATABASE_URL": sqlite_url, "DEMO": False, "PAYMENT_PROVIDER": "fake", **REAL})


def test_cookies_forged_with_the_demo_key_open_nothing(production):
    app, _world = production
    staff = app.test_client()
    staff.set_cookie("session", cookie_signed_with_the_demo_key({"staff_id": 1}))
    answer = staff.get("/staff/")
    assert answer.status_code == 302 and "/staff/login" in answer.location

    with app.app_context():
        warehouse_id = get_session().scalar(
            select(Device.id).where(Device.kind == DeviceKind.WAREHOUSE)
        )
    screen = app.test_client()
    screen.set_cookie("session", cookie_signed_with_the_demo_key({"device_id": warehouse_id}))
    answer = screen.get("/warehouse")
    assert answer.status_code == 302 and "/screens/pair" in answer.location


def test_webhook_signed_with_the_demo_secret_is_refused(production):
    app, _world = production
    body = json.dumps(
        {"event_id": "e-1", "type": "payment.succeeded", "order": "A-1", "amount_minor": 100}
    ).encode()
    answer = app.test_client().post(
        "/webhooks/payments",
        data=body,
        content_type="application/json",
        headers={"X-Signature": sign(DEMO_SECRETS["PAYMENT_WEBHOOK_SECRET"], body)},
    )
    assert answer.status_code == 401


def online_order(client: FlaskClient, token: str) -> dict:
    answer = Api(client, token).post(
        "/orders",
        {
            "store": "MSK-1",
            "lines": [{"sku": "TV-1", "qty": 1}],
            "payment": "online",
            "customer_phone": "+7 916 123-45-67",
        },
    )
    assert answer.status_code == 201, answer.json
    return answer.json


def test_no_fake_provider_outside_demo_mode(production):
    app, world = production
    client = app.test_client()
    order = online_order(client, world.tokens["shop"])
    assert order["payment_url"] is None  # the shop takes the payment itself
    for method in (client.get, client.post):
        assert method(f"/fake-provider/pay/{order['number']}").status_code == 404
    assert not [rule for rule in app.url_map.iter_rules() if "fake" in rule.rule]


def test_pay_link_pays_nothing_without_its_signature(client, world, shop):
    order = online_order(client, world.tokens["shop"])
    link = urlsplit(order["payment_url"])
    query = parse_qs(link.query)
    amount, signature = query["amount"][0], query["sig"][0]
    number = order["number"]
    guesses = [
        "",
        f"?amount={amount}",
        f"?amount={amount}&sig=",
        f"?amount={amount}&sig={'0' * len(signature)}",
        f"?amount=1&sig={signature}",  # the signature of another amount
        f"?amount={amount}&sig=%00",
    ]
    for guess in guesses:
        assert client.post(f"/fake-provider/pay/{number}{guess}").status_code == 404, guess
    assert client.post(f"/fake-provider/pay/%00?amount={amount}&sig=x").status_code == 404
    assert shop.get(f"/orders/{number}").json["status"] == "reserved"
    other = online_order(client, world.tokens["shop"])["number"]
    stolen = f"/fake-provider/pay/{other}?amount={amount}&sig={signature}"
    assert client.post(stolen).status_code == 404  # a link pays only its own order
    page = client.get(f"{link.path}?{link.query}")
    assert page.status_code == 200 and 'data-testid="pay"' in page.text


def clean_env(database_url: str, **extra: str) -> dict[str, str]:
    """A shell with nothing configured, as a newcomer has it."""
    return {"PATH": os.environ["PATH"], "DATABASE_URL": database_url, **extra}


@pytest.mark.parametrize("command", [["serve", "--port", "0"], ["worker", "--once"]])
def test_server_with_no_secrets_says_in_one_line_what_to_set(sqlite_url, command):
    run = subprocess.run(
        [sys.executable, "-m", "server", *command],
        env=clean_env(sqlite_url),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "CYBERMARKET_SECRET_KEY" in lines[0] and "CYBERMARKET_DEMO=1" in lines[0]
    assert "Traceback" not in run.stdout + run.stderr


def test_demo_starts_with_no_configuration(sqlite_url, tmp_path):
    port = free_port()
    env = clean_env(sqlite_url, CYBERMARKET_DEMO="1", HOME=str(tmp_path))
    with subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as server:
        try:
            assert wait_for_health(f"http://127.0.0.1:{port}", server), server
        finally:
            server.terminate()
            server.wait(timeout=10)


def wait_for_health(base: str, server: subprocess.Popen) -> bool:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if requests.get(f"{base}/health", timeout=5).ok:
                return True
        except requests.RequestException:  # not up yet, or slow to answer on a busy machine
            time.sleep(0.2)
    return False
