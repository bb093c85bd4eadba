"""Staff accounts made by an admin, sessions that end, and the audit of what staff did."""

import pytest
from flask import Flask, request
from sqlalchemy import select

from server.db import get_session
from server.models import AuditEntry
from tests.helpers import STAFF_PASSWORD, signed_in

NEW_PASSWORD = "a long new secret"


def audit_rows(app: Flask) -> list[tuple[str, str, str, str]]:
    with app.app_context():
        rows = get_session().scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(e.username, e.action, e.target, e.address) for e in rows]


def create(admin, **fields):
    form = {"username": "olga", "full_name": "Ольга Сборщица", "role": "picker", "store": "1"}
    return admin.post("/staff/accounts?lang=en", data={**form, **fields})


def test_an_admin_creates_an_account_that_can_sign_in(app: Flask, world):
    admin = signed_in(app, "staff")
    short = create(admin, password="short")
    assert short.status_code == 422
    assert "A password needs at least 10 characters." in short.text
    assert create(admin, password=NEW_PASSWORD).status_code == 302
    taken = create(admin, password=NEW_PASSWORD)
    assert taken.status_code == 409 and "This user name is already taken." in taken.text
    listed = admin.get("/staff/accounts?lang=en").text
    assert 'data-testid="account-olga"' in listed and "Ольга Сборщица" in listed

    olga = app.test_client()
    answer = olga.post("/staff/login", data={"username": "olga", "password": NEW_PASSWORD})
    assert answer.status_code == 302
    assert olga.get("/staff/catalog/").status_code == 403  # a picker
    assert ("staff", "staff_create", "olga", "127.0.0.1") in audit_rows(app)
    assert ("olga", "sign_in", "", "127.0.0.1") in audit_rows(app)


def test_a_switched_off_account_is_signed_out_at_once(app: Flask, world):
    admin, picker = signed_in(app, "staff"), signed_in(app, "picker")
    assert picker.get("/staff/").status_code == 200
    assert admin.post("/staff/accounts/4/active", data={"active": "0"}).status_code == 302
    assert picker.get("/staff/").status_code == 302
    again = app.test_client().post(
        "/staff/login", data={"username": "picker", "password": STAFF_PASSWORD}
    )
    assert again.status_code == 401
    own = admin.post("/staff/accounts/1/active?lang=en", data={"active": "0"})
    assert own.status_code == 422 and "ask another admin" in own.text
    assert admin.get("/staff/").status_code == 200


def test_an_admin_changes_role_and_password(app: Flask, world):
    admin = signed_in(app, "staff")
    assert admin.post("/staff/accounts/4/role", data={"role": "manager", "store": ""}).status_code
    reset = admin.post("/staff/accounts/4/password", data={"password": NEW_PASSWORD})
    assert reset.location.endswith("done=staff_password_reset")
    former_picker = app.test_client()
    former_picker.post("/staff/login", data={"username": "picker", "password": NEW_PASSWORD})
    assert former_picker.get("/staff/catalog/").status_code == 200  # a manager now
    actions = [row[1] for row in audit_rows(app)]
    assert "staff_role" in actions and "staff_password_reset" in actions


def test_everyone_changes_their_own_password(app: Flask, world):
    clerk = signed_in(app, "clerk")
    wrong = clerk.post(
        "/staff/password?lang=en",
        data={"current": "nope", "new": NEW_PASSWORD, "repeat": NEW_PASSWORD},
    )
    assert wrong.status_code == 422 and "The current password is wrong." in wrong.text
    done = clerk.post(
        "/staff/password?lang=en",
        data={"current": STAFF_PASSWORD, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD},
    )
    assert done.status_code == 200 and "Your password is changed." in done.text
    fresh = app.test_client()
    assert (
        fresh.post("/staff/login", data={"username": "clerk", "password": NEW_PASSWORD}).status_code
        == 302
    )


def test_an_idle_session_ends_and_sign_in_returns_to_the_page(app: Flask, world, clock):
    manager = signed_in(app, "manager")
    for _ in range(3):  # activity keeps the session alive past the idle limit in total
        clock.advance(minutes=20)
        assert manager.get("/staff/catalog/").status_code == 200
    clock.advance(minutes=31)
    answer = manager.get("/staff/catalog/?q=tv")
    assert answer.status_code == 302
    assert answer.location == "/staff/login?next=/staff/catalog/?q%3Dtv&expired=idle"
    page = manager.get(answer.location + "&lang=en").text
    assert "You were signed out after 30 minutes without activity." in page
    back = manager.post(
        answer.location,
        data={"username": "manager", "password": STAFF_PASSWORD, "next": "/staff/catalog/?q=tv"},
    )
    assert back.location == "/staff/catalog/?q=tv"
    assert manager.get(back.location).status_code == 200


def test_a_session_ends_after_its_longest_time_even_when_busy(app: Flask, world, clock):
    app.config["STAFF_SESSION_HOURS"] = 1
    manager = signed_in(app, "manager")
    for _ in range(3):
        clock.advance(minutes=25)
        answer = manager.get("/staff/")
    assert answer.location.endswith("expired=long")


def test_sign_ins_are_audited_and_the_audit_page_filters(app: Flask, world):
    app.test_client().post("/staff/login", data={"username": "manager", "password": "nope"})
    admin = signed_in(app, "staff")
    signed_in(app, "manager").post("/staff/search-misses/forget", data={"query": "плойка"})
    failed = admin.get("/staff/audit?action=sign_in_failed&lang=en").text
    assert failed.count('data-testid="audit-entry"') == 1 and "manager" in failed
    by_manager = admin.get("/staff/audit?who=manager&lang=en").text
    assert by_manager.count('data-testid="audit-entry"') == 3
    assert "took a search off the list" in by_manager
    assert admin.get("/staff/audit?from=2000-01-01&to=2000-01-02").text.count("audit-entry") == 0
    assert signed_in(app, "manager").get("/staff/audit").status_code == 403


@pytest.mark.own_app  # it adds a route, which an app that has answered once refuses
def test_a_staff_form_that_says_nothing_still_leaves_one_entry_with_its_change(app: Flask, world):
    from server.models import Category
    from server.screens.access import staff_required

    @staff_required
    def quiet() -> str:
        session = get_session()
        session.add(Category(code="quiet", name_ru="Тихая", name_en="Quiet"))
        if "undo" in request.form:
            session.rollback()
            return "nothing kept"
        session.commit()
        return "changed something"

    app.add_url_rule("/staff/quiet", "quiet", quiet, methods=["POST"])
    browser = signed_in(app, "manager")
    browser.post("/staff/quiet", data={"note": "shelf 4", "password": "secret", "undo": "1"})
    browser.post("/staff/quiet", data={"note": "shelf 4", "password": "secret"})
    with app.app_context():
        [entry] = get_session().scalars(select(AuditEntry).where(AuditEntry.action == "quiet"))
        assert entry.username == "manager"
        assert entry.details["form"] == {"note": "shelf 4"}  # never the password
