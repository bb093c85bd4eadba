"""The identified shopper reviews what they collected, on the touchscreen: the product is
listed on their page, five stars and a few words on the on-screen keyboard, then thanks."""

from tests.server.care_support import collected
from tests.server.test_reviews import review_rows
from tests.terminal.test_identify import identify


def test_identified_shopper_rates_a_collected_product_and_it_goes_to_moderation(
    kiosk, app, sms, terminal, warehouse, pickup
):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    identify(kiosk, sms)
    me = kiosk.get("/me").get_data(as_text=True)
    assert "Оцените полученные товары" in me
    link = f"/me/review/{number}/PHONE-1"
    assert f'href="{link}"' in me

    page = kiosk.get(link).get_data(as_text=True)
    assert "Смартфон Альфа" in page
    assert 'data-testid="star-5"' in page and 'data-testid="keyboard"' in page
    assert 'data-target="#review-text"' in page and 'inputmode="none"' in page

    no_stars = kiosk.post(link, data={"text": "Отличный звук и экран"})
    assert no_stars.status_code == 422
    assert "Коснитесь звёзд, чтобы поставить оценку." in no_stars.get_data(as_text=True)
    short = kiosk.post(link, data={"rating": "5", "text": "Класс"})
    assert short.status_code == 422
    text = short.get_data(as_text=True)
    assert "хотя бы 10 символов" in text and "Класс" in text  # what was typed stays
    assert review_rows(app) == []

    sent = kiosk.post(link, data={"rating": "5", "text": "Класс,  отличный звук"})
    assert sent.status_code == 302 and sent.location.endswith("/me?thanks=1")
    thanks = kiosk.get(sent.location).get_data(as_text=True)
    assert "Спасибо! Отзыв появится после проверки" in thanks
    assert link not in thanks  # reviewed: no longer offered
    (review,) = review_rows(app)
    assert (review.rating, review.text, review.status.value) == (
        5,
        "Класс, отличный звук",
        "pending",
    )
    # Another product, or this one again, cannot be slipped in through the address.
    assert kiosk.get(link).status_code == 302
    assert kiosk.post(f"/me/review/{number}/TV-1", data={"rating": "1"}).status_code == 302


def test_without_an_identified_shopper_the_review_page_asks_for_the_phone(
    kiosk, app, sms, terminal, warehouse, pickup
):
    answer = kiosk.get("/me/review/A-1001/PHONE-1")
    assert answer.status_code == 302 and "/identify" in answer.location
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    identify(kiosk, sms)
    app.extensions["clock"].advance(minutes=16)  # the shopper walked away; the token ended
    for ended in (
        kiosk.get(f"/me/review/{number}/PHONE-1"),
        kiosk.post(f"/me/review/{number}/PHONE-1", data={"rating": "5", "text": "x" * 12}),
    ):
        assert ended.status_code == 302 and "/identify" in ended.location
    assert review_rows(app) == []
