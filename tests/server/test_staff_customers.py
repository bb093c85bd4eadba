"""/staff/customers: find a customer, read the card, act on it (managers only)."""

import pytest
from flask import Flask
from sqlalchemy import select

from server.db import get_session
from server.models import BonusEntry, Customer
from tests.server.care_support import add_staff, collected, customer, signed_in
from tests.server.test_csrf import assert_refused_for_a_person, from_another_site


@pytest.fixture
def manager(app: Flask, world):
    add_staff(app, "manager1", "manager")
    return signed_in(app, "manager1")


def ledger(app: Flask) -> list[tuple[int, str, str | None]]:
    with app.app_context():
        rows = get_session().scalars(select(BonusEntry).order_by(BonusEntry.id))
        return [(e.amount, e.reason.value, e.note) for e in rows]


def test_search_by_phone_in_any_format_name_email_or_order_number(
    app, world, terminal, warehouse, pickup, manager
):
    number = collected(terminal, warehouse, pickup, {"PHONE-2": 1})
    with app.app_context():
        session = get_session()
        found = session.scalar(select(Customer))
        found.name, found.email = "Анна Смирнова", "anna@example.com"
        session.commit()
    card_link = f"/staff/customers/{customer(app).id}"
    ways = ("8 (916) 123-45-67", "+7 916 1234567", "смирнова", "ANNA@example", number.lower())
    for words in ways:
        page = manager.get("/staff/customers", query_string={"q": words})
        assert page.status_code == 200
        assert card_link in page.get_data(as_text=True), words
    nobody = manager.get("/staff/customers", query_string={"q": "%"}).get_data(as_text=True)
    assert "Таких покупателей не найдено." in nobody


def test_card_shows_orders_with_events_messages_ledger_and_reviews(
    app, world, terminal, warehouse, pickup, manager
):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    page = manager.get(f"/staff/customers/{customer(app).id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert number in html and "выдан" in html  # the order and its events
    assert "начислено бонусов: 1 499,50" in html  # the message sent
    assert "начислено за покупку" in html and "1 499,50" in html  # the ledger
    assert "Отзывов пока нет." in html
    assert manager.get("/staff/customers/999999").status_code == 404
    assert manager.get("/staff/customers/x").status_code == 404


def test_manager_credits_goodwill_confirms_a_mention_and_completes_the_profile(
    app, world, terminal, warehouse, pickup, manager
):
    collected(terminal, warehouse, pickup, {"PHONE-2": 1})  # 14 990 ₽: earns 74 950
    base = f"/staff/customers/{customer(app).id}"
    answer = manager.post(f"{base}/goodwill", data={"amount": "300", "reason": "Опоздание A-1001"})
    assert answer.status_code == 302
    post = {"link": "https://vk.com/wall1_5"}
    assert manager.post(f"{base}/social", data=post).status_code == 302
    profile = {
        "name": "Анна",
        "email": "anna@example.com",
        "birthday": "1991-02-03",
        "language": "ru",
        "sms_allowed": "on",
        "marketing_consent": "on",
    }
    assert manager.post(f"{base}/profile", data=profile).status_code == 302
    assert ledger(app) == [
        (74_950, "earned", None),
        (30_000, "goodwill", "Опоздание A-1001"),
        (15_000, "social_mention", "https://vk.com/wall1_5"),
        (10_000, "profile", None),
    ]
    saved = customer(app)
    assert (saved.name, saved.email_allowed, saved.marketing_consent, saved.do_not_call) == (
        "Анна",
        False,
        True,
        False,
    )
    # Saving the complete profile again earns nothing more.
    assert manager.post(f"{base}/profile", data=profile).status_code == 302
    assert len(ledger(app)) == 4


@pytest.mark.parametrize(
    ("action", "form", "status", "said"),
    [
        ("goodwill", {"amount": "abc", "reason": "x"}, 400, "Введите целое число рублей от 1"),
        ("goodwill", {"amount": "5001", "reason": "x"}, 400, "от 1 до 5000"),
        ("goodwill", {"amount": "10", "reason": " "}, 422, "Напишите причину начисления."),
        ("social", {"link": "javascript:alert(1)"}, 422, "Вставьте адрес поста"),
        ("profile", {"birthday": "31.02.1990"}, 400, "Введите день рождения датой"),
        ("profile", {"email": "no-at-sign"}, 422, "Такого адреса эл. почты не бывает."),
    ],
)
def test_bad_actions_are_explained_and_change_nothing(
    app, world, terminal, warehouse, pickup, manager, action, form, status, said
):
    collected(terminal, warehouse, pickup, {"PHONE-2": 1})
    before = ledger(app)
    answer = manager.post(f"/staff/customers/{customer(app).id}/{action}", data=form)
    assert answer.status_code == status
    assert said in answer.get_data(as_text=True)
    assert ledger(app) == before
    assert customer(app).email is None


def test_anonymous_go_to_sign_in_pickers_are_refused_clerks_only_read(
    app, world, terminal, warehouse, pickup
):
    collected(terminal, warehouse, pickup, {"PHONE-2": 1})
    card = f"/staff/customers/{customer(app).id}"
    posts = [f"{card}/goodwill", f"{card}/social", f"{card}/profile"]
    anonymous = app.test_client()
    for path in ["/staff/customers", card]:
        answer = anonymous.get(path)
        assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    for path in posts:
        answer = anonymous.post(path, data={"amount": "100", "reason": "x"})
        assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    add_staff(app, "picker1", "picker")
    picker = signed_in(app, "picker1")
    for path in ["/staff/customers", card]:
        assert picker.get(path).status_code == 403
    add_staff(app, "clerk1", "clerk")
    clerk = signed_in(app, "clerk1")
    assert clerk.get(card).status_code == 200
    assert 'data-testid="goodwill-form"' not in clerk.get(card).get_data(as_text=True)
    for browser in (picker, clerk):
        for path in posts:
            assert browser.post(path, data={"amount": "100", "reason": "x"}).status_code == 403
    assert [reason for _a, reason, _n in ledger(app)] == ["earned"]


def test_a_page_on_another_site_cannot_credit_bonuses(
    app, world, terminal, warehouse, pickup, manager
):
    collected(terminal, warehouse, pickup, {"PHONE-2": 1})
    path = f"/staff/customers/{customer(app).id}/goodwill?lang=en"
    answer = from_another_site(manager, path, data={"amount": "5000", "reason": "free money"})
    assert_refused_for_a_person(answer)
    assert [reason for _a, reason, _n in ledger(app)] == ["earned"]
