"""A page on another site cannot act through a signed-in browser (issue 9, finding 3).

The attacker's page makes the victim's browser post: the victim's cookies go along (an
old browser, or a same-site subdomain), but it cannot read our pages, so it has no token.
Each app refuses such a post with a sentence for the person, and accepts the same post
carrying the token our pages put in every form and htmx request.
"""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from common import assets
from common.api_client import ApiClient
from hardware.card_reader import FakeCardReader
from hardware.printers.fake import FakePrinter
from pickup import create_app as create_pickup
from server import create_app
from server.payments.webhook import sign
from terminal import create_app as create_terminal
from tests.conftest import paired
from tests.helpers import STAFF_PASSWORD, World
from tests.page_client import PageClient
from tests.wired import WiredTransport

FOREIGN = {"Origin": "https://evil.example", "Referer": "https://evil.example/win-a-phone"}
TEMPLATES = assets.TEMPLATES


def from_another_site(browser: PageClient, path: str, **kwargs) -> object:
    """The same browser, cookies and all, posting from a page on another site."""
    browser.send_token = False
    try:
        return browser.post(path, headers={**FOREIGN, **kwargs.pop("headers", {})}, **kwargs)
    finally:
        browser.send_token = True


def assert_refused_for_a_person(answer, *, language: str = "en") -> None:
    assert answer.status_code == 400
    text = answer.get_data(as_text=True)
    expected = {
        "en": "The page was open too long; it has been refreshed, try again.",
        "ru": "Страница была открыта слишком долго",
    }[language]
    assert expected in text
    assert "csrf" not in text.lower().replace('name="csrf-token"', "")
    assert "token" not in re.sub(r"<meta[^>]*>", "", text).lower()


@pytest.fixture
def device_apps(world: World, wire: WiredTransport) -> dict[str, Flask]:
    common = {"TESTING": True, "SERVER_URL": "http://server.test", "PRINTER_OBJECT": FakePrinter()}
    common["CARD_READER_OBJECT"] = FakeCardReader()
    return {
        "terminal": create_terminal(
            {
                **common,
                "API_CLIENT": ApiClient("http://server.test", world.tokens["terminal"], wire),
            }
        ),
        "pickup": create_pickup(
            {
                **common,
                "CAMERA": "none",
                "API_CLIENT": ApiClient("http://server.test", world.tokens["pickup"], wire),
            }
        ),
    }


def test_foreign_page_cannot_take_an_order_on_the_warehouse_screen(app: Flask, world: World):
    screen = paired(app, world.tokens["warehouse"])
    answer = from_another_site(screen, "/warehouse/orders/A-1001/take")
    assert_refused_for_a_person(answer, language="ru")
    # An htmx request without the token asks the screen to reload for a fresh one.
    answer = from_another_site(screen, "/warehouse/orders/A-1001/take", headers={"HX-Request": "1"})
    assert answer.status_code == 400
    assert answer.headers["HX-Refresh"] == "true"


def test_foreign_page_cannot_sign_staff_out_or_in(staff_client: PageClient):
    assert_refused_for_a_person(from_another_site(staff_client, "/staff/logout?lang=en"))
    assert staff_client.get("/staff/").status_code == 200  # still signed in
    stranger = staff_client.application.test_client()
    answer = from_another_site(
        stranger, "/staff/login?lang=en", data={"username": "staff", "password": STAFF_PASSWORD}
    )
    assert_refused_for_a_person(answer)
    assert stranger.get("/staff/").status_code == 302  # not signed in


def test_foreign_page_cannot_retry_an_outbox_message(staff_client: PageClient):
    assert_refused_for_a_person(from_another_site(staff_client, "/staff/outbox/1/retry?lang=en"))


def test_posts_with_the_pages_token_pass(staff_client: PageClient):
    page = staff_client.get("/staff/").get_data(as_text=True)
    token = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)
    assert token is not None
    plain = FlaskClient(staff_client.application, staff_client.application.response_class)
    plain._cookies = staff_client._cookies  # the same browser, posting the page's own form
    answer = plain.post("/staff/logout", data={"csrf_token": token.group(1)})
    assert answer.status_code == 302
    assert staff_client.get("/staff/").status_code == 302  # signed out


@pytest.mark.parametrize(("which", "path"), [("terminal", "/lang/en"), ("pickup", "/mode/cashier")])
def test_device_apps_refuse_a_foreign_post_and_take_their_own(
    device_apps: dict[str, Flask], which: str, path: str
):
    browser = device_apps[which].test_client()
    assert browser.get("/").status_code == 200
    assert_refused_for_a_person(from_another_site(browser, path), language="ru")
    assert browser.post(path).status_code in (200, 302, 303)


def test_api_and_payment_webhook_need_no_page_token(app: Flask, world: World):
    """Devices and the provider prove who they are with their own credentials."""
    plain = FlaskClient(app, app.response_class)
    answer = plain.post(
        "/api/v1/orders",
        json={"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 1}], "payment": "cashier"},
        headers={
            "Authorization": f"Device {world.tokens['terminal']}",
            "Idempotency-Key": "csrf-free-1",
        },
    )
    assert answer.status_code == 201, answer.get_json()
    body = b'{"event_id": "e-1", "type": "payment.succeeded", "order": "A-9", "amount_minor": 1}'
    answer = plain.post(
        "/webhooks/payments",
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-Signature": sign(app.config["PAYMENT_WEBHOOK_SECRET"], body),
        },
    )
    assert answer.is_json  # the webhook's own answer, not a refusal page
    assert answer.get_json()["error"]["code"] != "bad_json"


def test_session_cookie_is_lax_and_http_only(app: Flask, world: World):
    browser = paired(app, world.tokens["board"])
    cookie = browser.get_cookie("session")
    assert cookie is not None
    assert cookie.same_site == "Lax"
    assert cookie.http_only
    assert not cookie.secure  # served over plain HTTP in tests


def test_session_cookie_is_secure_when_configured(sqlite_url: str, monkeypatch):
    monkeypatch.setenv("CYBERMARKET_SESSION_COOKIE_SECURE", "true")
    app = create_app({"DATABASE_URL": sqlite_url})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    answer = app.test_client().get("/staff/login", base_url="https://cm.example")
    assert "Secure" in answer.headers["Set-Cookie"]
    assert "SameSite=Lax" in answer.headers["Set-Cookie"]


# Every form that changes something carries the token; htmx carries it from the page.
_FORM = re.compile(r"<form\b[^>]*>", re.S | re.I)
_POST = re.compile(r'\bmethod="post"', re.I)
_HX_UNSAFE = re.compile(r"\bhx-(post|put|patch|delete)=", re.I)
_HIDDEN = '<input type="hidden" name="csrf_token" value="{{ csrf_token() }}">'


def _forms_without_token(text: str) -> list[str]:
    missing = []
    for match in _FORM.finditer(text):
        if _POST.search(match.group(0)):
            body = text[match.end() : text.find("</form>", match.end())]
            if _HIDDEN not in body:
                missing.append(" ".join(match.group(0).split())[:90])
    return missing


def test_every_post_form_and_htmx_request_carries_the_token():
    problems = []
    apps_with_htmx = set()
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        problems += [
            f"{path.relative_to(TEMPLATES)}: {form}" for form in _forms_without_token(text)
        ]
        if _HX_UNSAFE.search(text):
            apps_with_htmx.add(path.parent.name)
    for name in apps_with_htmx:
        base = (TEMPLATES / name / "base.html").read_text()
        if '<meta name="csrf-token" content="{{ csrf_token() }}">' not in base or (
            "filename='csrf.js'" not in base
        ):
            problems.append(f"{name}/base.html: htmx requests would go without the token")
    assert not problems, "\n".join(problems)
    assert apps_with_htmx >= {"server", "terminal", "pickup"}


def test_template_scan_finds_a_form_without_the_token():
    assert _forms_without_token('<form method="post" action="/x"><button>Go</button></form>')
    assert not _forms_without_token(f'<form method="post">{_HIDDEN}<button>Go</button></form>')
