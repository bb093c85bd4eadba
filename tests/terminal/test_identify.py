"""A shopper identifies by phone at the terminal, sees their bonuses, pays part with them,
and is forgotten at the end of checkout and at idle reset."""

from pathlib import Path

from tests.server.test_customers import grant, last_code
from tests.wired import WiredTransport

SHOPPER = "+79161234567"
DIGITS = "9161234567"


def add(kiosk, sku: str, qty: int = 1) -> None:
    kiosk.post("/cart/add", data={"sku": sku, "qty": str(qty)}, headers={"HX-Request": "true"})


def identify(kiosk, sms: Path, *, next_page: str = "") -> object:
    kiosk.get(f"/identify?next={next_page}")
    sent = kiosk.post("/identify/phone", data={"phone": DIGITS})
    assert sent.status_code == 302, sent.get_data(as_text=True)
    return kiosk.post("/identify/code", data={"code": last_code(sms)})


def test_phone_and_code_on_the_pad_show_greeting_balance_and_open_orders_masked(
    kiosk, app, sms, terminal
):
    terminal.post(
        "/orders",
        {
            "store": "MSK-1",
            "lines": [{"sku": "PHONE-2", "qty": 1}],
            "payment": "cashier",
            "customer_phone": SHOPPER,
        },
    )
    grant(app, SHOPPER, 1_250_000)
    page = kiosk.get("/identify").get_data(as_text=True)
    assert 'inputmode="none"' in page and 'data-pad-key="7"' in page
    code_page = kiosk.get(kiosk.post("/identify/phone", data={"phone": DIGITS}).location)
    text = code_page.get_data(as_text=True)
    assert "+7 *** ***-45-67" in text and DIGITS not in text
    verified = kiosk.post("/identify/code", data={"code": last_code(sms)})
    assert verified.location.endswith("/me")
    me = kiosk.get("/me").get_data(as_text=True)
    assert "Здравствуйте!" in me
    assert "12\xa0500 ₽" in me
    assert "резерв, ждёт оплаты" in me or "ждёт оплаты" in me
    assert DIGITS not in me and "+7 *** ***-45-67" in me


def test_wrong_code_says_tries_left_and_expired_code_offers_a_new_one(kiosk, app, sms):
    kiosk.post("/identify/phone", data={"phone": DIGITS})
    code = last_code(sms)
    wrong = kiosk.post("/identify/code", data={"code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 422
    assert "Осталось попыток: 4" in wrong.get_data(as_text=True)
    app.extensions["clock"].advance(minutes=6)
    expired = kiosk.post("/identify/code", data={"code": code})
    assert expired.status_code == 422
    text = expired.get_data(as_text=True)
    assert "истёк" in text and 'data-testid="resend"' in text
    assert kiosk.post("/identify/resend").status_code == 200
    assert sms.read_text(encoding="utf-8").count("\n") >= 2


def test_too_many_codes_and_a_bad_number_are_said_plainly_in_english_too(kiosk, sms):
    bad = kiosk.post("/identify/phone", data={"phone": "12345"})
    assert bad.status_code == 422
    assert "10 цифр" in bad.get_data(as_text=True)
    for _ in range(3):
        kiosk.post("/identify/phone", data={"phone": DIGITS})
    kiosk.post("/lang/en")
    flood = kiosk.post("/identify/phone", data={"phone": DIGITS})
    assert flood.status_code == 429
    assert "Too many codes" in flood.get_data(as_text=True)


def test_checkout_offers_bonuses_the_server_allows_and_the_receipt_shows_them(
    kiosk, app, sms, printer, card_reader, terminal
):
    add(kiosk, "PHONE-1")  # 29 990 RUB: bonuses may pay half
    kiosk.get("/checkout")
    assert 'data-testid="identify-checkout"' in kiosk.get("/checkout").get_data(as_text=True)
    grant_later = identify(kiosk, sms, next_page="checkout")
    assert grant_later.location.endswith("/checkout")
    grant(app, SHOPPER, 2_000_000)
    page = kiosk.get("/checkout").get_data(as_text=True)
    assert "Оплатить бонусами 14\xa0995 ₽" in page
    kiosk.post("/checkout/bonus", data={"use": "1"})
    page = kiosk.get("/checkout").get_data(as_text=True)
    assert "14\xa0995 ₽" in page and 'data-testid="bonus-off"' in page
    done = kiosk.post("/checkout", data={"method": "card"})
    assert done.status_code == 302, done.get_data(as_text=True)
    number = done.location.rsplit("/", 1)[-1]
    order = terminal.get(f"/orders/{number}").json
    assert order["bonus_minor"] == 1_499_500 and order["total_minor"] == 1_499_500
    assert card_reader.charges[-1].amount_minor == 1_499_500
    receipt = printer.receipts[-1]
    assert receipt.total == "29\xa0990 ₽"
    assert receipt.amounts == [
        ("Оплачено бонусами", "−14\xa0995 ₽"),
        ("Оплачено картой", "14\xa0995 ₽"),
    ]
    shown = kiosk.get(done.location).get_data(as_text=True)
    assert "Оплачено бонусами" in shown
    # Checkout's end: the shopper is forgotten here and on the server.
    assert 'data-testid="shopper-chip"' not in shown
    assert kiosk.get("/me").status_code == 302


def test_idle_reset_forgets_the_shopper_on_the_server_too(
    kiosk, sms, wire: WiredTransport, terminal
):
    identify(kiosk, sms)
    assert 'data-testid="shopper-chip"' in kiosk.get("/cart").get_data(as_text=True)
    with kiosk.session_transaction() as session:
        token = session["shopper"]["token"]
    kiosk.post("/reset")
    assert wire.count("/customers/forget") == 1
    assert 'data-testid="shopper-chip"' not in kiosk.get("/cart").get_data(as_text=True)
    ended = terminal.client.get(
        "/api/v1/customers/me", headers={**terminal.headers, "X-Customer-Token": token}
    )
    assert ended.status_code == 401


def test_an_ended_identification_at_checkout_just_drops_the_offer(kiosk, sms, app):
    add(kiosk, "PHONE-1")
    identify(kiosk, sms)
    app.extensions["clock"].advance(minutes=16)
    page = kiosk.get("/checkout")
    assert page.status_code == 200
    assert 'data-testid="identify-checkout"' in page.get_data(as_text=True)


def test_server_away_at_checkout_shows_the_full_price_and_spends_nothing(
    kiosk, app, sms, wire: WiredTransport, terminal
):
    add(kiosk, "PHONE-1")
    identify(kiosk, sms, next_page="checkout")
    grant(app, SHOPPER, 2_000_000)
    kiosk.post("/checkout/bonus", data={"use": "1"})
    wire.down = True
    page = kiosk.get("/checkout").get_data(as_text=True)
    assert 'data-testid="to-pay">29\xa0990 ₽' in page and "bonus-used" not in page
    wire.down = False
    done = kiosk.post("/checkout", data={"method": "card"})
    number = done.location.rsplit("/", 1)[-1]
    assert terminal.get(f"/orders/{number}").json["bonus_minor"] == 0
