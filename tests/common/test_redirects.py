"""safe_next: a ?next= or a Referer sends the browser back to this app, never elsewhere."""

import pytest

from common.redirects import safe_next

HOSTILE = [
    "https://evil.example/",
    "http://evil.example/catalog",
    "//evil.example/x",
    "///\\evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example/x",
    "http:/evil.example",
    "https://localhost@evil.example/",
    "ftp://localhost/x",
    "/x\x00y",
    "",
    None,
]


@pytest.mark.parametrize("target", HOSTILE)
def test_a_hostile_target_falls_back_to_the_default(target):
    assert safe_next(target, "/home", host="localhost") == "/home"


def test_a_path_on_this_app_is_kept_with_its_query():
    assert safe_next("/catalog/tv?sort=price&page=2", "/") == "/catalog/tv?sort=price&page=2"


def test_a_full_url_counts_only_on_this_host():
    referrer = "http://localhost:5001/search?q=tv"
    assert safe_next(referrer, "/", host="localhost:5001") == "/search?q=tv"
    assert safe_next(referrer, "/", host="localhost:5002") == "/"
    assert safe_next(referrer, "/") == "/"  # no host given: no full URL at all


# The three apps' own guards: each let "/\evil" through, which a browser reads as //evil.
BACKSLASH = "/\\evil.example/x"


def test_the_terminal_sends_a_backslash_target_home(kiosk):
    assert kiosk.post("/lang/en", data={"next": BACKSLASH}).location == "/"
    assert kiosk.post("/contrast", data={"next": "/catalog?sort=price"}).location == (
        "/catalog?sort=price"
    )


def test_the_pickup_station_sends_a_backslash_target_home(desk):
    assert desk.post("/mode/cashier", data={"next": BACKSLASH}).location == "/"


def test_the_staff_sign_in_sends_a_backslash_target_to_the_index(app, world):
    from tests.helpers import STAFF_PASSWORD

    browser = app.test_client()
    form = {"username": "staff", "password": STAFF_PASSWORD, "next": BACKSLASH}
    assert browser.post("/staff/login", data=form).location == "/staff/"
