"""Hostile input on the HTML side of all three apps: never a server error (issue 9, finding 7).

Every route of the server's pages, the terminal and the pickup station is found in its
url_map; each path parameter and each form or query field is sent every value in
HOSTILE while the others keep a sample value that reaches deep into the view. The answer
must be below 500, and the server behind a device app must not fail either.

The world (a database, an order being picked, an order ready at a window, a pickup
screen showing it) is built once per database for the whole module.

To extend: a new form field goes into FIELDS under its endpoint, a new path or field
name with a meaningful value into SAMPLES. A POST endpoint missing from FIELDS fails
test_every_form_endpoint_is_listed.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from common.api_client import ApiClient
from hardware.card_reader import FakeCardReader
from hardware.printers.fake import FakePrinter
from pickup import create_app as create_pickup
from server import create_app
from server.clock import FrozenClock
from server.db import get_session
from server.models import Order
from server.services.reviews import review_token
from terminal import create_app as create_terminal
from tests import databases
from tests.helpers import STAFF_PASSWORD, T0, Api, build_world, new_key
from tests.wired import WiredTransport

HOSTILE: dict[str, str] = {
    "superscript two": "²",  # str.isdigit() says yes, int() says no
    "Arabic-Indic three": "٣",
    "NUL": "\x00",
    "NUL inside": "A-1\x00001",
    "10 KB of digits": "9" * 10_240,
    "negative": "-1",
    "zero": "0",
    "beyond 32 bits": str(2**31),
    "beyond 64 bits": str(2**64),
    "fraction": "1.5",
    "empty": "",
    "climbing out": "../../etc/passwd",
    "markup": '<script>alert("x")</script>',
}

PRODUCT_FIELDS = (
    "name_ru",
    "name_en",
    "brand",
    "category",
    "price",
    "active",
    "description_ru",
    "description_en",
    "spec_ru_name",
    "spec_ru_value",
    "spec_en_name",
    "spec_en_value",
)
# Form fields (POST) or query fields (GET) each endpoint reads, beyond ?lang= on every page.
FIELDS: dict[str, tuple[str, ...]] = {
    # server
    "access.pair": ("token", "next"),
    "access.login": ("username", "password", "next"),
    "access.old_login": ("username", "password", "next"),
    "access.logout": (),
    "pages.retry_message": (),
    "pages.forget_search_miss": ("query",),
    "staff_customers.search": ("q",),
    "staff_customers.goodwill": ("amount", "reason"),
    "staff_customers.social": ("link",),
    "staff_customers.profile": (
        "name",
        "email",
        "birthday",
        "language",
        "sms_allowed",
        "marketing_consent",
    ),
    "staff_reviews.reject": ("reason",),
    "staff_reviews.approve": (),
    "staff_repairs.move": ("to", "note", "quote"),
    "staff_repairs.collection": ("collect_on",),
    "review_page.submit": ("rating-1", "text-1", "pros-1", "cons-1"),
    "staff_search.teach_term": ("words", "kind", "choice", "meaning"),
    "screens.act": ("sku", "window"),
    "screens.set_picker": ("staff_id", "pin"),
    "screens.leave_picker": (),
    "accounts.create": ("username", "full_name", "role", "store", "password"),
    "accounts.change_role": ("role", "store"),
    "accounts.reset_password": ("password",),
    "accounts.set_active": ("active",),
    "accounts.set_pin": ("pin",),
    "accounts.own_password": ("current", "new", "repeat"),
    "audit.audit_page": ("who", "action", "from", "to", "page"),
    "products.product_list": (
        "q",
        "category",
        "brand",
        "state",
        "no_photo",
        "out_of_stock",
        "page",
    ),
    "products.create": PRODUCT_FIELDS + ("sku",),
    "products.edit": PRODUCT_FIELDS,
    "products.upload_photo": ("photo",),
    "products.remove_photo": ("name",),
    "categories.category_list": ("code", "name_ru", "name_en", "position"),
    "categories.category": ("code", "name_ru", "name_en", "position"),
    "board.board_items": ("v",),
    "fake_provider.pay": (),
    "stock.overview": ("store", "category", "q", "low", "page"),
    "stock.threshold": ("threshold",),
    "stock.correction": ("reason", "qty", "direction", "text"),
    "receiving.submit": (
        "store",
        "number",
        "supplier",
        "sku",
        "expected",
        "received",
        "bin",
        "action",
    ),
    "counts.sheet": ("store", "bin", "category", "done"),
    "counts.submit": ("store", "bin", "category", "sku", "found", "seen", "action"),
    "transfers.create": ("source", "destination", "sku", "qty", "action"),
    "transfers.ship": ("sku", "qty"),
    "transfers.receive": ("sku", "qty", "note"),
    "staff_devices.register": ("name", "kind", "store", "window"),
    "staff_devices.switch": ("out_of_service",),
    "staff_devices.revoke": (),
    "imports.upload": ("kind", "store", "dry_run"),
    "staff_orders.search": ("q",),
    "staff_orders.cancel": ("reason",),
    "staff_orders.extend": ("reason",),
    "staff_orders.resend": ("kind", "reason"),
    "staff_orders.hand_over_to": ("store", "reason"),
    "staff_stuck.stuck": (),
    "staff_appeals.appeals": ("all",),
    "staff_appeals.record": ("phone", "order", "category", "channel", "text", "responsible"),
    "staff_appeals.resolve": ("resolution", "bonus", "refund"),
    # terminal
    "kiosk.set_language": ("next",),
    "kiosk.toggle_contrast": ("next",),
    "kiosk.reset": (),
    "catalog.category": ("sort", "page"),
    "catalog.search": ("q", "sort", "removed", "brand", "price", "spec"),
    "catalog.suggest": ("q",),
    "cart.add": ("sku", "qty"),
    "cart.set_qty": ("sku", "qty"),
    "checkout.place": ("method",),
    "checkout.retry_card": (),
    "checkout.pay_at_cashier": (),
    "checkout.reprint": (),
    "checkout.use_bonus": ("use",),
    "identify.phone": ("next",),
    "identify.send_code": ("phone",),
    "identify.code": (),
    "identify.verify": ("code",),
    "identify.resend": (),
    "identify.me": (),
    "identify.forget": (),
    "reviews.write": (),
    "reviews.send": ("rating", "text"),
    "checkout.from_store": (),
    "checkout.place_from_store": (),
    # pickup
    "screen.scan": ("code",),
    "screen.latest_scan": ("after",),
    "screen.set_language": ("next",),
    "screen.set_mode": ("next",),
    "actions.hand_out": ("step", "what", "pick", "qty-PHONE-1"),
    "actions.pay": ("step", "method"),
    "actions.receive": ("step",),
    "actions.reprint": ("step",),
    "actions.cash": ("step", "stage", "tendered"),
    "actions.take_back": ("step", "back", "back-PHONE-1", "reason", "faulty"),
    "actions.repair_photo": ("step", "source", "photo"),
    "actions.take_in_repair": (
        "step",
        "sku",
        "serial",
        "defect",
        "condition",
        "accessories",
        "paid",
        "collect_on",
    ),
    "lookup.confirm": ("number", "proof"),
    "shift.set_clerk": ("clerk",),
    "card.customer": (),
}

# A value for each path parameter or field that gets as far into the view as possible,
# without changing anything (a qty of 0, an SKU that is not in the order). Values in
# braces come from the world built for the module.
SAMPLES: dict[str, str | tuple[str, ...]] = {
    "number": "{picking}",
    "change": ("take", "picked", "missing", "ready", "ship"),
    "message_id": "1",
    "code": "en",
    "mode": "window",
    "sku": "PHONE-1",
    "token": "{shown}",
    "step": "{step}",
    "qty": "0",
    "qty-PHONE-1": "0",
    "back": "PHONE-1",
    "back-PHONE-1": "0",
    "faulty": "yes",
    "to": "sent_to_service",
    "quote": "0",
    "collect_on": "2026-11-20",  # a day in the past: refused, nothing changed
    "paid": "yes",
    "rating": "5",
    "serial": "",
    "defect": "",
    "condition": "",
    "accessories": "",
    "pick": "PHONE-1",
    "window": "1",
    "username": "staff",
    "password": "wrong",
    "method": "card",
    "after": "0",
    "page": "0",
    "customer_id": "1",
    "review_id": "1",
    "amount": "0",
    "reason": "",
    "link": "",
    "rating-1": "",
    "store_code": "MSK-1",
    "store": "MSK-1",
    "source": "MSK-1",
    "destination": "MSK-2",
    "bin": "A-07-1",
    "category": "phones",
    "action": "check",
    "transfer_id": "{transfer}",
    "note_id": "1",
    "job_id": "1",
    "kind": "catalog",
    "dry_run": "1",
}
# Where the general sample would change something or mean something else.
ENDPOINT_SAMPLES: dict[str, dict[str, str]] = {
    "screens.act": {"sku": "NOT-IN-ORDER"},
    "catalog.category": {"code": "phones"},
    # A real review link for the handed-out order; a signed but closed order answers 404.
    "review_page.review_form": {"token": "{review}"},
    "review_page.submit": {"token": "{review}"},
    "staff_devices.register": {"name": "terminal-hostile", "kind": "terminal", "store": "MSK-1"},
    # The console's forms stay one field short of saving, so the world stays as it is.
    "products.create": {"name_en": ""},
    "products.edit": {"name_en": ""},
    "categories.category_list": {"code": "-"},
    "categories.category": {"code": "-"},
    "checkout.from_store": {"source": "MSK-2"},
    "staff_search.teach_term": {"kind": "category"},
    # An order handed out: cancelling it is refused after the reason is read.
    "staff_orders.cancel": {"number": "{issued}"},
    "staff_orders.hand_over_to": {"store": "MSK-2"},
    "staff_appeals.resolve": {"appeal_id": "{appeal}", "bonus": "0", "refund": "0"},
}

# Which browser asks: a page behind a sign-in needs a signed-in or paired browser.
CLIENT_BY_BLUEPRINT = {
    "pages": "staff",
    "screens": "warehouse",
    "board": "board",
    "staff_customers": "staff",
    "staff_reviews": "staff",
    **dict.fromkeys(("stock", "receiving", "counts", "transfers"), "staff"),
    "staff_devices": "staff",
    "imports": "staff",
    "accounts": "staff",
    "audit": "staff",
    "products": "staff",
    "categories": "staff",
    "staff_search": "staff",
    **dict.fromkeys(("staff_orders", "staff_stuck", "staff_appeals"), "staff"),
}
NOT_HTML = ("/api/", "/webhooks/", "/static/")


@dataclass
class Case:
    app: str
    endpoint: str
    method: str
    path: str
    fields: dict[str, str]
    what: str

    def __str__(self) -> str:
        return f"{self.app}: {self.method} {self.path[:80]} ({self.what})"


class WatchedWire(WiredTransport):
    """The device app's cable to the server, noting every server error behind a page."""

    def __init__(self, client: FlaskClient) -> None:
        super().__init__(client)
        self.failures: list[str] = []

    def __call__(self, method: str, url: str, **kwargs: Any) -> tuple[int, Any]:
        status, body = super().__call__(method, url, **kwargs)
        if status >= 500:
            self.failures.append(f"server answered {status} to {method} {url[:80]}")
        return status, body


@dataclass
class Stage:
    apps: dict[str, Flask]
    clients: dict[str, FlaskClient]
    values: dict[str, str]
    wire: WatchedWire

    def client(self, case: Case) -> FlaskClient:
        if case.app != "server":
            return self.clients[case.app]
        return self.clients[CLIENT_BY_BLUEPRINT.get(case.endpoint.split(".")[0], "anonymous")]

    def sample(self, endpoint: str, name: str) -> tuple[str, ...]:
        raw = ENDPOINT_SAMPLES.get(endpoint, {}).get(name, SAMPLES.get(name, "1"))
        values = raw if isinstance(raw, tuple) else (raw,)
        return tuple(v.format(**self.values) for v in values)


def _rules(app: Flask) -> Iterator[tuple[str, str, Any]]:
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(NOT_HTML) or rule.endpoint == "static":
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, rule


def cases(stage: Stage, app_name: str) -> Iterator[Case]:
    app = stage.apps[app_name]
    for endpoint, method, rule in _rules(app):
        args = sorted(rule.arguments)
        fields = FIELDS.get(endpoint, ()) + (("lang",) if method == "GET" else ())
        for base in _paths(stage, endpoint, rule, args):
            sample_fields = {name: stage.sample(endpoint, name)[0] for name in fields}
            for name in fields:
                for label, value in HOSTILE.items():
                    data = {**sample_fields, name: value}
                    yield Case(app_name, endpoint, method, base, data, f"{name}={label}")
        for name in args:
            for label, value in HOSTILE.items():
                values = {a: stage.sample(endpoint, a)[0] for a in args}
                values[name] = quote(value, safe="") or "%20"
                path = _build(rule.rule, values)
                yield Case(app_name, endpoint, method, path, {}, f"path {name}={label}")


def _paths(stage: Stage, endpoint: str, rule: Any, args: list[str]) -> list[str]:
    """The rule with sample values; one path per choice where a sample lists several."""
    paths = [{}]
    for name in args:
        paths = [{**p, name: v} for p in paths for v in stage.sample(endpoint, name)]
    return [_build(rule.rule, {k: quote(v, safe="") for k, v in p.items()}) for p in paths]


def _build(pattern: str, values: dict[str, str]) -> str:
    return re.sub(r"<(?:[^:<>]+:)?([a-z_]+)>", lambda m: values[m.group(1)], pattern)


def send(stage: Stage, case: Case) -> str | None:
    """What went wrong with this case, or None when the answer is below 500."""
    browser = stage.client(case)
    before = len(stage.wire.failures)
    options: dict[str, Any] = {"method": case.method}
    options["data" if case.method == "POST" else "query_string"] = case.fields
    try:
        status = browser.open(case.path, **options).status_code
    except Exception as exc:  # TESTING propagates what would be a 500
        return f"{case}: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
    if status >= 500 and not (status == 503 and case.app != "server"):
        return f"{case}: {status}"
    behind = stage.wire.failures[before:]
    return f"{case}: {behind[0]}" if behind else None


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def stage(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[Stage]:
    folder = tmp_path_factory.mktemp("hostile")
    if request.param == "sqlite":
        url = databases.sqlite_copy(sqlite_template, folder / "hostile.db")
    else:
        url = request.getfixturevalue("postgres_db")
        databases.truncate_all(url)
    server = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": url,
            "CLOCK": FrozenClock(T0),
            "MEDIA_DIR": str(folder / "media"),
        }
    )
    with server.app_context():
        tokens = build_world(get_session()).tokens
    wire = WatchedWire(server.test_client())
    values = _orders(Api(server.test_client(), tokens["terminal"]), tokens)
    apps = {"server": server, **_device_apps(tokens, wire)}
    clients = _browsers(server, tokens)
    clients["terminal"] = apps["terminal"].test_client()
    clients["pickup"] = apps["pickup"].test_client()
    values.update(_shown_on_pickup_screen(clients["pickup"], values["ready_code"]))
    values["review"] = _review_link(server, tokens)
    values["transfer"] = _requested_transfer(clients["staff"])
    values.update(_appeal(server, clients["staff"]))
    yield Stage(apps, clients, values, wire)
    server.extensions["db"].engine.dispose()


def _orders(terminal: Api, tokens: dict[str, str]) -> dict[str, str]:
    """An order the warehouse is picking, and one ready at window 1 with its pickup code."""
    warehouse = Api(terminal.client, tokens["warehouse"])
    numbers = []
    for sku in ("TV-1", "PHONE-1"):
        body = {"store": "MSK-1", "lines": [{"sku": sku, "qty": 1}], "payment": "card"}
        order = terminal.post("/orders", body, key=new_key()).get_json()
        payment = {"method": "card", "amount_minor": order["total_minor"], "reference": "1"}
        paid = terminal.post(f"/orders/{order['number']}/payments", payment, key=new_key())
        assert paid.status_code < 300, paid.get_json()
        assert warehouse.post(f"/orders/{order['number']}/picking", key=new_key()).status_code < 300
        numbers.append(order["number"])
    ready = warehouse.post(f"/orders/{numbers[1]}/ready", {"window": 1}, key=new_key())
    assert ready.status_code < 300, ready.get_json()
    return {"picking": numbers[0], "ready_code": ready.get_json()["pickup_code"]}


def _review_link(server: Flask, tokens: dict[str, str]) -> str:
    """A customer's order handed out at window 1: the token of its review page."""
    terminal = Api(server.test_client(), tokens["terminal"])
    warehouse = Api(terminal.client, tokens["warehouse"])
    body = {
        "store": "MSK-1",
        "lines": [{"sku": "PHONE-2", "qty": 1}],
        "payment": "card",
        "customer_phone": "+79161234567",
    }
    order = terminal.post("/orders", body, key=new_key()).get_json()
    number = order["number"]
    payment = {"method": "card", "amount_minor": order["total_minor"], "reference": "2"}
    assert terminal.post(f"/orders/{number}/payments", payment, key=new_key()).status_code < 300
    assert warehouse.post(f"/orders/{number}/picking", key=new_key()).status_code < 300
    assert warehouse.post(f"/orders/{number}/ready", {"window": 1}, key=new_key()).status_code < 300
    window = Api(terminal.client, tokens["pickup"])
    assert window.post(f"/orders/{number}/hand-out", key=new_key()).status_code < 300
    with server.app_context():
        order_row = get_session().scalar(select(Order).where(Order.number == number))
        return review_token(order_row)


def _appeal(server: Flask, staff: FlaskClient) -> dict[str, str]:
    """An open appeal about the handed-out order, and that order's number."""
    with server.app_context():
        issued = get_session().scalar(select(Order.number).where(Order.status == "issued"))
    form = {"phone": "+79161234567", "order": issued, "category": "quality", "text": "?"}
    answer = staff.post("/staff/appeals", data=form)
    assert answer.status_code == 302, answer.status_code
    return {"issued": str(issued), "appeal": answer.headers["Location"].rsplit("/", 1)[-1]}


def _device_apps(tokens: dict[str, str], wire: WatchedWire) -> dict[str, Flask]:
    common = {
        "TESTING": True,
        "SERVER_URL": "http://server.test",
        "PRINTER_OBJECT": FakePrinter(),
        "CARD_READER_OBJECT": FakeCardReader(),
    }
    return {
        "terminal": create_terminal(
            {**common, "API_CLIENT": ApiClient("http://server.test", tokens["terminal"], wire)}
        ),
        "pickup": create_pickup(
            {
                **common,
                "CAMERA": "none",
                "API_CLIENT": ApiClient("http://server.test", tokens["pickup"], wire),
            }
        ),
    }


def _browsers(server: Flask, tokens: dict[str, str]) -> dict[str, FlaskClient]:
    staff = server.test_client()
    signed_in = staff.post("/staff/login", data={"username": "staff", "password": STAFF_PASSWORD})
    assert signed_in.status_code == 302
    screens = {}
    for kind in ("warehouse", "board"):
        screens[kind] = server.test_client()
        paired = screens[kind].post("/screens/pair", data={"token": tokens[kind]})
        assert paired.status_code == 302
    return {"staff": staff, "anonymous": server.test_client(), **screens}


def _requested_transfer(staff: FlaskClient) -> str:
    """A transfer of goods waiting to be shipped, for the ship and receive forms."""
    form = {"source": "MSK-1", "destination": "MSK-2", "sku": "PHONE-2", "qty": "1"}
    answer = staff.post("/staff/transfers", data={**form, "action": "create"})
    assert answer.status_code == 302, answer.get_data(as_text=True)[-500:]
    return answer.location.rsplit("/", 1)[-1]


def _shown_on_pickup_screen(desk: FlaskClient, code: str) -> dict[str, str]:
    """Scan the ready order: its actions carry a token and a step, as on the clerk's screen."""
    page = desk.post("/scan", data={"code": code}, headers={"HX-Request": "true"})
    html = page.get_data(as_text=True)
    token = re.search(r"/shown/([^/]+)/hand-out", html)
    step = re.search(r'name="step" value="(\d+)"', html)
    assert token and step, html[:500]
    return {"shown": token.group(1), "step": step.group(1)}


# The device apps keep no database: what they pass on reaches the server's API, whose hostile
# values tests/server/hostile sends on PostgreSQL too. Walking their pages again behind a
# server on PostgreSQL cost 40 s of CPU and could find nothing new, so they are walked once.
WALKS = [
    pytest.param("sqlite", "server", id="sqlite-server"),
    pytest.param("sqlite", "terminal", id="sqlite-terminal"),
    pytest.param("sqlite", "pickup", id="sqlite-pickup"),
    pytest.param("postgresql", "server", id="postgresql-server", marks=pytest.mark.postgres),
]


@pytest.mark.parametrize(("stage", "app_name"), WALKS, indirect=["stage"])
def test_no_hostile_value_breaks_a_page(stage: Stage, app_name: str):
    broken = [problem for case in cases(stage, app_name) if (problem := send(stage, case))]
    assert not broken, f"{len(broken)} server errors:\n" + "\n".join(broken)


@pytest.mark.parametrize("app_name", ["server", "terminal", "pickup"])
def test_every_form_endpoint_is_listed(stage: Stage, app_name: str):
    """A new form must name its fields in FIELDS, or its hostile cases would be missing."""
    unlisted = {
        endpoint
        for endpoint, method, _rule in _rules(stage.apps[app_name])
        if method == "POST" and endpoint not in FIELDS
    }
    assert not unlisted, f"add to FIELDS: {sorted(unlisted)}"
