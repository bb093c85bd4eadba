"""Reviews: the page the thank-you message links to, moderation, and ratings in the API."""

import re

from flask import Flask
from sqlalchemy import select

from server.db import get_session
from server.models import Notification, Order, ProductReview, ReviewStatus
from server.services import bonuses, reviews
from tests.server.care_support import add_staff, collected, customer, set_customer, signed_in

GOOD = "Отличный телефон, быстрый и лёгкий."


def link_of(app: Flask, number: str) -> str:
    with app.app_context():
        order = get_session().scalar(select(Order).where(Order.number == number))
        return "/r/" + reviews.review_token(order)


def review_rows(app: Flask) -> list[ProductReview]:
    with app.app_context():
        session = get_session()
        rows = list(session.scalars(select(ProductReview).order_by(ProductReview.id)))
        session.expunge_all()
        return rows


def product_id(app: Flask, sku: str) -> int:
    from server.models import Product

    with app.app_context():
        return get_session().scalar(select(Product.id).where(Product.sku == sku))


def test_the_link_in_the_message_opens_the_page_of_that_order(
    app, world, terminal, warehouse, pickup
):
    set_customer_first = collected(terminal, warehouse, pickup, {"PHONE-2": 1})
    set_customer(app, marketing_consent=True)
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1, "TV-1": 1})
    with app.app_context():
        body = get_session().scalar(
            select(Notification.body).where(Notification.kind == "review_request")
        )
    path = re.search(r"http://127\.0\.0\.1:5000(/r/\S+)", body).group(1)
    page = app.test_client().get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert number in html and "Смартфон Альфа" in html and "Телевизор Бета" in html
    assert set_customer_first not in html


def test_a_review_is_recorded_waiting_for_moderation_and_not_twice(
    app, world, terminal, warehouse, pickup
):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1, "TV-1": 1})
    phone, tv = product_id(app, "PHONE-1"), product_id(app, "TV-1")
    shopper = app.test_client()
    path = link_of(app, number)
    sent = shopper.post(
        path, data={f"rating-{phone}": "5", f"text-{phone}": GOOD, f"pros-{phone}": "Лёгкий"}
    )
    assert sent.status_code == 200
    assert "Спасибо!" in sent.get_data(as_text=True)
    [row] = review_rows(app)
    assert (row.product_id, row.rating, row.text, row.pros, row.status) == (
        phone,
        5,
        GOOD,
        "Лёгкий",
        ReviewStatus.PENDING,
    )
    assert row.customer_id == customer(app).id
    # The page now thanks for the phone and still asks about the TV.
    html = shopper.get(path).get_data(as_text=True)
    assert 'data-testid="already-PHONE-1"' in html and f'name="rating-{tv}"' in html
    # The same form sent again (a double tap, the back button): refused, nothing added.
    again = shopper.post(path, data={f"rating-{phone}": "1", f"text-{phone}": GOOD})
    assert again.status_code == 409
    assert "Вы уже оставили отзыв об этом товаре" in again.get_data(as_text=True)
    assert len(review_rows(app)) == 1


def test_invalid_rating_or_short_text_is_explained_and_nothing_is_saved(
    app, world, terminal, warehouse, pickup
):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1, "TV-1": 1})
    phone, tv = product_id(app, "PHONE-1"), product_id(app, "TV-1")
    shopper, path = app.test_client(), link_of(app, number)
    cases = [
        ({f"rating-{phone}": "6", f"text-{phone}": GOOD}, "Смартфон Альфа: выберите от 1 до 5"),
        ({f"rating-{phone}": "²", f"text-{phone}": GOOD}, "выберите от 1 до 5 звёзд"),
        ({f"rating-{phone}": "4", f"text-{phone}": "ок"}, "напишите о нём хотя бы 10 символов"),
        ({}, "Оцените хотя бы один товар."),
        # One good, one bad: all or none.
        (
            {f"rating-{phone}": "5", f"text-{phone}": GOOD, f"rating-{tv}": "0"},
            "Телевизор Бета: выберите от 1 до 5",
        ),
    ]
    for form, said in cases:
        answer = shopper.post(path, data=form)
        assert answer.status_code == 422, form
        assert said in answer.get_data(as_text=True), form
    assert review_rows(app) == []
    english = shopper.post(path + "?lang=en", data={f"rating-{phone}": "9", f"text-{phone}": GOOD})
    assert "Alpha phone: choose from 1 to 5 stars." in english.get_data(as_text=True)


def test_someone_elses_or_a_forged_token_finds_nothing(app, world, terminal, warehouse, pickup):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    good = link_of(app, number)
    other_order = terminal.post(
        "/orders",
        {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 1}], "payment": "cashier"},
    ).json["number"]
    not_collected = link_of(app, other_order)  # a real order, not handed out: no review
    forged = good[:-3] + ("abc" if not good.endswith("abc") else "xyz")
    shopper = app.test_client()
    for path in (forged, not_collected, "/r/1", "/r/" + "A" * 300):
        assert shopper.get(path).status_code == 404, path
        assert shopper.post(path, data={"rating-1": "5", "text-1": GOOD}).status_code == 404
    assert review_rows(app) == []


def test_moderation_approves_with_bonus_or_rejects_with_reason(
    app, world, terminal, warehouse, pickup, staff_client
):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1, "TV-1": 1})
    phone, tv = product_id(app, "PHONE-1"), product_id(app, "TV-1")
    detailed = "Подробно о телефоне. " * 20  # 420 characters
    app.test_client().post(
        link_of(app, number),
        data={
            f"rating-{phone}": "4",
            f"text-{phone}": detailed,
            f"pros-{phone}": "Яркий экран",
            f"cons-{phone}": "Скользкий корпус",
            f"rating-{tv}": "1",
            f"text-{tv}": "Ужасно, ужасно, ужасно!!!",
        },
    )
    first, second = review_rows(app)
    before = bonuses_of(app)
    queue = staff_client.get("/staff/reviews")
    assert queue.status_code == 200
    html = queue.get_data(as_text=True)
    assert "Одобрить (+500 ₽ бонусами)" in html and "Одобрить (+100 ₽ бонусами)" in html

    assert staff_client.post(f"/staff/reviews/{first.id}/approve").status_code == 302
    assert bonuses_of(app) == before + 50_000
    # A second moderator pressing the same button: told, no second bonus.
    twice = staff_client.post(f"/staff/reviews/{first.id}/approve")
    assert twice.status_code == 409
    assert bonuses_of(app) == before + 50_000

    no_reason = staff_client.post(f"/staff/reviews/{second.id}/reject", data={"reason": " "})
    assert no_reason.status_code == 422
    assert "Напишите, почему отзыв отклонён." in no_reason.get_data(as_text=True)
    assert (
        staff_client.post(
            f"/staff/reviews/{second.id}/reject", data={"reason": "Нет сведений о товаре"}
        ).status_code
        == 302
    )
    approved, rejected = review_rows(app)
    assert approved.status is ReviewStatus.APPROVED and approved.moderated_by == "staff:staff"
    assert rejected.status is ReviewStatus.REJECTED
    assert rejected.reject_reason == "Нет сведений о товаре"
    assert bonuses_of(app) == before + 50_000
    assert "Нет отзывов на проверке." in staff_client.get("/staff/reviews").get_data(as_text=True)


def bonuses_of(app: Flask) -> int:
    with app.app_context():
        return bonuses.balance(get_session(), customer(app).id)


def test_only_approved_reviews_count_in_rating_and_show_on_the_product(
    app, world, terminal, warehouse, pickup, staff_client
):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1, "TV-1": 1})
    set_customer(app, name="Иван Петров")
    phone, tv = product_id(app, "PHONE-1"), product_id(app, "TV-1")
    app.test_client().post(
        link_of(app, number),
        data={
            f"rating-{phone}": "4",
            f"text-{phone}": GOOD,
            f"rating-{tv}": "1",
            f"text-{tv}": "Ужасно, ужасно, ужасно!!!",
        },
    )
    assert terminal.get("/products/PHONE-1").json["rating"] is None  # still waiting
    first, second = review_rows(app)
    staff_client.post(f"/staff/reviews/{first.id}/approve")
    staff_client.post(f"/staff/reviews/{second.id}/reject", data={"reason": "Спам"})
    item = terminal.get("/products/PHONE-1").json
    assert (item["rating"], item["reviews"]) == (4.0, 1)
    assert item["recent_reviews"][0]["text"] == GOOD
    assert item["recent_reviews"][0]["author"] == "Иван"  # the first name only
    tv_item = terminal.get("/products/TV-1").json
    assert (tv_item["rating"], tv_item["reviews"], tv_item["recent_reviews"]) == (None, 0, [])
    ranked = terminal.get("/products", sort="rating", store="MSK-1").json["items"]
    assert ranked[0]["sku"] == "PHONE-1" and ranked[0]["rating"] == 4.0


def test_staff_of_other_roles_cannot_moderate(app, world, terminal, warehouse, pickup):
    add_staff(app, "picker1", "picker")
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    phone = product_id(app, "PHONE-1")
    form = {f"rating-{phone}": "5", f"text-{phone}": GOOD}
    app.test_client().post(link_of(app, number), data=form)
    [row] = review_rows(app)
    picker = signed_in(app, "picker1")
    assert picker.get("/staff/reviews").status_code == 403
    assert picker.post(f"/staff/reviews/{row.id}/approve").status_code == 403
    anonymous = app.test_client()
    answer = anonymous.post(f"/staff/reviews/{row.id}/approve")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    assert review_rows(app)[0].status is ReviewStatus.PENDING
