"""Reviews at the terminal: the identified shopper rates what they collected; the review
joins the same moderation queue and earns its bonus only when approved."""

from tests.helpers import Api
from tests.server.care_support import collected
from tests.server.test_customers import identify
from tests.server.test_reviews import review_rows
from tests.server.test_shopper import as_shopper


def to_review(api: Api, token: str):
    return api.client.get("/api/v1/customers/me/reviews", headers=as_shopper(api, token))


def leave(api: Api, token: str, **body):
    return api.client.post(
        "/api/v1/customers/me/reviews", json=body, headers=as_shopper(api, token)
    )


def balance(api: Api, token: str) -> int:
    me = api.client.get("/api/v1/customers/me", headers=as_shopper(api, token))
    points: int = me.json["customer"]["bonus_balance"]
    return points


def test_the_shopper_rates_what_they_collected_and_it_waits_for_the_moderator(
    app, terminal, warehouse, pickup, staff_client, world, sms
):
    first = collected(terminal, warehouse, pickup, {"PHONE-1": 1, "TV-1": 1})
    second = collected(terminal, warehouse, pickup, {"PHONE-1": 1})  # the same phone again
    token = identify(terminal, sms)["customer_token"]
    items = to_review(terminal, token).json["items"]
    assert [(i["order"], i["sku"]) for i in items] == [(second, "PHONE-1"), (first, "TV-1")]
    assert items[0]["name"] == "Смартфон Альфа" and items[0]["collected_at"]

    earned = balance(terminal, token)  # what the two purchases earned
    done = leave(terminal, token, order=second, sku="PHONE-1", rating=5, text="Звук отличный!")
    assert done.status_code == 201, done.json
    assert done.json == {"sku": "PHONE-1", "status": "pending"}
    assert [(i["order"], i["sku"]) for i in to_review(terminal, token).json["items"]] == [
        (first, "TV-1")
    ]  # reviewed once is enough, whichever order it came from
    queue = staff_client.get("/staff/reviews").get_data(as_text=True)
    assert "Звук отличный!" in queue
    assert terminal.get("/products/PHONE-1").json["reviews"] == 0  # not before approval

    (review,) = review_rows(app)
    assert balance(terminal, token) == earned  # nothing for the review before approval
    assert staff_client.post(f"/staff/reviews/{review.id}/approve").status_code == 302
    assert balance(terminal, token) == earned + 10_000  # +100 ₽ for a short review, once approved
    assert terminal.get("/products/PHONE-1").json["reviews"] == 1


def test_refusals_at_the_terminal_say_why_and_reveal_nothing(
    terminal, warehouse, pickup, world, sms
):
    mine = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    theirs = collected(terminal, warehouse, pickup, {"TV-1": 1}, phone="+79035550011")
    token = identify(terminal, sms)["customer_token"]
    good = {"order": mine, "sku": "PHONE-1", "rating": 4, "text": "Хороший телефон"}

    short = leave(terminal, token, **{**good, "text": "Ок"})
    assert (short.status_code, short.json["error"]["code"]) == (422, "review_invalid")
    assert "хотя бы 10 символов" in short.json["error"]["message"]
    stars = leave(terminal, token, **{**good, "rating": 6})
    assert stars.status_code == 422
    other = leave(terminal, token, **{**good, "order": theirs, "sku": "TV-1"})
    missing = leave(terminal, token, **{**good, "order": "Z-999"})
    assert other.status_code == missing.status_code == 404
    assert other.json["error"] == missing.json["error"]
    assert leave(terminal, token, **good).status_code == 201
    twice = leave(terminal, token, **good)
    assert (twice.status_code, twice.json["error"]["code"]) == (409, "already_reviewed")

    assert terminal.get("/customers/me/reviews").status_code == 401  # no shopper named
    assert pickup.get("/customers/me/reviews").status_code == 403
