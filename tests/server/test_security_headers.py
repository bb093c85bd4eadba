"""Security headers on every answer of the three apps (issue 9, item 8).

The browser walk in tests/browser/test_page_security.py proves the screens still work
under the policy; this checks the headers themselves on every page without parameters.
"""

import re

import pytest
from flask import Flask

from common.api_client import ApiClient
from common.web_security import content_security_policy
from pickup import create_app as create_pickup
from terminal import create_app as create_terminal
from tests.helpers import World
from tests.wired import WiredTransport


def device_app(which: str, world: World, wire: WiredTransport) -> Flask:
    config = {"TESTING": True, "SERVER_URL": "http://server.test:5000", "PRINTER": "dummy:"}
    if which == "terminal":
        api = ApiClient("http://server.test:5000", world.tokens["terminal"], wire)
        return create_terminal({**config, "API_CLIENT": api})
    api = ApiClient("http://server.test:5000", world.tokens["pickup"], wire)
    return create_pickup({**config, "API_CLIENT": api, "CAMERA": "none"})


def pages(app: Flask) -> list[str]:
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and not rule.arguments and rule.endpoint != "static"
    )


def assert_secure(answer, path: str) -> None:
    headers = answer.headers
    policy = headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy, path
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path
    assert "frame-ancestors 'none'" in policy, path
    assert headers.get("X-Frame-Options") == "DENY", path
    assert headers.get("X-Content-Type-Options") == "nosniff", path
    assert headers.get("Referrer-Policy") == "same-origin", path


def test_every_server_page_carries_the_headers(staff_client, app: Flask):
    for path in pages(app):
        assert_secure(staff_client.get(path), path)


@pytest.mark.parametrize("which", ["terminal", "pickup"])
def test_every_device_app_page_carries_the_headers(which: str, world: World, wire):
    app = device_app(which, world, wire)
    browser = app.test_client()
    for path in pages(app):
        assert_secure(browser.get(path), path)


def test_terminal_may_show_photos_from_the_server_only(world: World, wire):
    policy = device_app("terminal", world, wire).test_client().get("/").headers
    assert "img-src 'self' data: http://server.test:5000;" in policy["Content-Security-Policy"]
    assert "img-src 'self' data:;" in content_security_policy()


def test_no_template_writes_inline_styles_or_scripts_the_policy_would_block():
    """The policy allows styles and scripts from our own files only: an inline one is lost
    silently in the browser (a colour swatch that shows no colour)."""
    from common import assets

    offenders = []
    for template in sorted(assets.TEMPLATES.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern in (r"\sstyle=", r"<style\b", r"<script(?![^>]*\bsrc=)", r"\son[a-z]+="):
            offenders += [f"{template.name}: {m.group(0)!r}" for m in re.finditer(pattern, text)]
    assert not offenders
