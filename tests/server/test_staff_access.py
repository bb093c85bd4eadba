"""Every page under /staff/ refuses anonymous people and the wrong role, and every form there
refuses a post without its CSRF token.

The pages are found in the app's url_map, so a new page is checked without being named
here; but its role must be declared in ROLES, or test_every_staff_page_declares_its_role
fails: a page nobody thought about is a page anybody may open.
"""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server.models import StaffRole
from tests.helpers import STAFF_PASSWORD, signed_in

PUBLIC = "public"  # sign-in and sign-out themselves
ANY = "any staff"
MANAGER = StaffRole.MANAGER
CLERK = StaffRole.CLERK  # a pickup clerk and above (not pickers)
ADMIN = StaffRole.ADMIN

ROLES: dict[str, str] = {
    "access.login": PUBLIC,
    "access.logout": PUBLIC,
    "pages.index": ANY,
    "pages.stats": MANAGER,
    "pages.outbox": MANAGER,
    "pages.retry_message": MANAGER,
    "pages.late_payments_page": MANAGER,
    "pages.search_misses_page": MANAGER,
    "pages.forget_search_miss": MANAGER,
    "accounts.own_password": ANY,
    "accounts.accounts": ADMIN,
    "accounts.create": ADMIN,
    "accounts.account": ADMIN,
    "accounts.change_role": ADMIN,
    "accounts.reset_password": ADMIN,
    "accounts.set_active": ADMIN,
    "accounts.set_pin": ADMIN,
    "audit.audit_page": ADMIN,
    "products.product_list": MANAGER,
    "products.create": MANAGER,
    "products.edit": MANAGER,
    "products.upload_photo": MANAGER,
    "products.remove_photo": MANAGER,
    "categories.category_list": MANAGER,
    "categories.category": MANAGER,
    "staff_customers.search": CLERK,
    "staff_customers.card": CLERK,
    "receiving.new": CLERK,
    "receiving.submit": CLERK,
    "receiving.note": CLERK,
    "staff_customers.goodwill": MANAGER,
    "staff_customers.social": MANAGER,
    "staff_customers.profile": MANAGER,
    "staff_reviews.queue": MANAGER,
    "staff_reviews.approve": MANAGER,
    "staff_reviews.reject": MANAGER,
    "stock.overview": MANAGER,
    "stock.low": MANAGER,
    "stock.item": MANAGER,
    "stock.threshold": MANAGER,
    "stock.correction": MANAGER,
    "counts.start": MANAGER,
    "counts.sheet": MANAGER,
    "counts.submit": MANAGER,
    "transfers.transfers": MANAGER,
    "transfers.create": MANAGER,
    "transfers.detail": MANAGER,
    "transfers.ship": MANAGER,
    "transfers.receive": MANAGER,
    "staff_devices.devices": MANAGER,
    "staff_devices.register": MANAGER,
    "staff_devices.switch": MANAGER,
    "staff_devices.confirm_revoke": MANAGER,
    "staff_devices.revoke": MANAGER,
    "imports.imports_page": MANAGER,
    "imports.upload": MANAGER,
    "imports.job_page": MANAGER,
    "imports.job_progress": MANAGER,
    "staff_search.teach_term": MANAGER,
    "staff_orders.search": CLERK,
    "staff_orders.order": CLERK,
    "staff_orders.cancel": MANAGER,
    "staff_orders.extend": CLERK,
    "staff_orders.resend": CLERK,
    "staff_orders.hand_over_to": MANAGER,
    "staff_kpi.page": MANAGER,
    "staff_kpi.export": MANAGER,
    "staff_stuck.stuck": CLERK,
    "staff_appeals.appeals": CLERK,
    "staff_appeals.record": CLERK,
    "staff_appeals.appeal": CLERK,
    "staff_appeals.resolve": MANAGER,
    "staff_repairs.listing": CLERK,
    "staff_repairs.move": CLERK,
    "staff_repairs.collection": CLERK,
    "staff_repairs.photo": CLERK,
}
ASKS = {"counts.sheet"}  # pages that need a choice from the page before them
ALLOWED = {
    ANY: set(StaffRole),
    MANAGER: {StaffRole.ADMIN, StaffRole.MANAGER},
    CLERK: {StaffRole.ADMIN, StaffRole.MANAGER, StaffRole.CLERK},
    ADMIN: {StaffRole.ADMIN},
}


def staff_rules(app: Flask) -> list[tuple[str, str, str]]:
    """(endpoint, method, path with sample ids) of every page under /staff/."""
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/staff/"):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?[a-z_]+>", "1", rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, path))
    return found


def test_every_staff_page_declares_its_role(app: Flask):
    endpoints = {endpoint for endpoint, _method, _path in staff_rules(app)}
    assert endpoints - set(ROLES) == set(), "declare the role of these pages in ROLES"
    for endpoint in endpoints - {e for e, role in ROLES.items() if role == PUBLIC}:
        roles = getattr(app.view_functions[endpoint], "staff_roles", None)
        assert roles == ALLOWED[ROLES[endpoint]], f"{endpoint} is guarded for {roles}"


def test_anonymous_people_are_sent_to_sign_in_everywhere(app: Flask, client: FlaskClient, world):
    for endpoint, method, path in staff_rules(app):
        if ROLES.get(endpoint) == PUBLIC:
            continue
        answer = client.open(path, method=method)
        assert answer.status_code == 302, f"{method} {path}"
        assert answer.location.startswith("/staff/login?next="), f"{method} {path}"


@pytest.mark.parametrize("username", ["picker", "clerk", "manager"])
def test_each_role_opens_only_its_pages(app: Flask, world, username: str):
    browser = signed_in(app, username)
    role = StaffRole(username)
    for endpoint, method, path in staff_rules(app):
        required = ROLES.get(endpoint)
        if required in (PUBLIC, None) or role in ALLOWED[required]:
            continue
        answer = browser.open(path, method=method)
        assert answer.status_code == 403, f"{username}: {method} {path}"
        assert "не для вашей роли" in answer.text


def test_a_picker_sees_only_the_links_of_their_role(app: Flask, world):
    page = signed_in(app, "picker").get("/staff/").text
    assert "/staff/password" in page
    for path in ("/staff/stats", "/staff/catalog/", "/staff/accounts", "/staff/audit"):
        assert f'href="{path}"' not in page
    admin = signed_in(app, "staff").get("/staff/").text
    assert all(f'href="{p}"' in admin for p in ("/staff/catalog/", "/staff/audit"))


def test_every_staff_form_refuses_a_post_without_its_token(app: Flask, world):
    browser = signed_in(app, "staff")
    browser.send_token = False  # type: ignore[attr-defined]  # a page on another site
    posts = [(e, path) for e, method, path in staff_rules(app) if method == "POST"]
    assert len(posts) >= 10
    for endpoint, path in posts:
        answer = browser.post(path, data={"password": "x" * 20})
        assert answer.status_code == 400, f"{endpoint} {path}"


def test_the_old_addresses_lead_to_the_console(client: FlaskClient, world):
    assert client.get("/").location == "/staff/"
    assert client.get("/login?next=/staff/stats").location == "/staff/login?next=/staff/stats"
    form = {"username": "manager", "password": STAFF_PASSWORD, "next": "/staff/stats"}
    assert client.post("/login", data=form).location == "/staff/stats"
    assert client.get("/staff/stats").status_code == 200


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_an_admin_opens_every_staff_page(app: Flask, world, lang: str):
    browser = signed_in(app, "staff")
    for endpoint, method, path in staff_rules(app):
        if method == "GET":
            answer = browser.get(path, query_string={"lang": lang})
            # A page of one record (sample id 1) may find none: a plain "not found", never a 500.
            # A sheet opened without choosing what to count asks for that choice (422).
            expected = (200, 404) if "/1" in path else (200, 422) if endpoint in ASKS else (200,)
            assert answer.status_code in expected, f"{endpoint} {path}: {answer.status_code}"
