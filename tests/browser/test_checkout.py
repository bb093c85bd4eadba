"""A shopper buys at the terminal with a finger: browse, cart, pay by card or at the cashier."""

import re

from playwright.sync_api import Page, expect

from tests.browser.servers import Terminal
from tests.browser.shopper import (
    add_product,
    badge,
    barcodes,
    go_to_checkout,
    order_number_on_screen,
    rub,
    screenshot,
)


def test_shopper_browses_pays_by_card_and_gets_a_receipt_with_the_pickup_code(
    page: Page, terminal: Terminal, order_api
) -> None:
    page.goto(terminal.url + "/")
    expect(page.locator("body")).to_have_class(re.compile(r"\battract\b"))
    screenshot(page, "attract")
    # The call to action pulses for ever; a finger does not wait for it to hold still.
    page.get_by_text("Коснитесь, чтобы начать").tap(force=True)

    expect(page.get_by_role("heading", name="Что вы ищете?")).to_be_visible()
    screenshot(page, "categories")
    page.get_by_role("link", name="Смартфоны").tap()

    expect(page.get_by_role("heading", name="Смартфоны")).to_be_visible()
    expect(page.get_by_test_id("product-PHONE-1")).to_contain_text("10 шт. в этом магазине")
    screenshot(page, "product-list")
    page.get_by_text("Смартфон Альфа").tap()

    expect(page.get_by_role("heading", name="Смартфон Альфа")).to_be_visible()
    expect(page.get_by_test_id("qty")).to_have_value("1")
    page.locator(".stepper .step[data-step='1']").tap()
    expect(page.get_by_test_id("qty")).to_have_value("2")
    screenshot(page, "product")
    page.get_by_role("button", name="В корзину").tap()
    expect(page.get_by_test_id("cart-message")).to_have_text("Добавлено в корзину.")
    expect(badge(page)).to_have_text("2")
    screenshot(page, "product-added")

    page.get_by_role("link", name="Каталог").tap()
    page.get_by_role("link", name="Телевизоры").tap()
    page.get_by_text("Телевизор Бета").tap()
    page.get_by_role("button", name="В корзину").tap()
    expect(badge(page)).to_have_text("3")

    page.get_by_test_id("cart-button").tap()
    total = 2 * 2_999_000 + 5_499_000
    expect(page.get_by_test_id("cart-line-PHONE-1")).to_contain_text("Смартфон Альфа")
    expect(page.get_by_test_id("cart-line-TV-1")).to_contain_text("Телевизор Бета")
    expect(page.get_by_test_id("cart-total")).to_have_text(rub(total))
    screenshot(page, "cart")

    page.get_by_test_id("checkout").tap()
    expect(page.get_by_role("heading", name="Как вы хотите оплатить?")).to_be_visible()
    expect(page.locator(".total-line")).to_contain_text(rub(total))
    screenshot(page, "checkout")
    page.get_by_test_id("pay-card").tap()

    number = order_number_on_screen(page)
    expect(page.get_by_test_id("order-state")).to_contain_text("Оплачено")
    expect(badge(page)).to_have_text("0")
    font_px = float(
        page.get_by_test_id("order-number").evaluate("e => getComputedStyle(e).fontSize")[:-2]
    )
    assert font_px >= 96, f"the order number is only {font_px}px high"
    screenshot(page, "done")

    order = order_api(number)
    assert order["status"] == "paid"
    assert order["total_minor"] == total
    assert [c.amount_minor for c in terminal.card_reader.charges] == [total]
    assert len(terminal.printer.receipts) == 1
    assert terminal.printer.receipts[0].order_number == number
    assert barcodes(terminal.printer.receipts[0]) == {order["pickup_code"]}

    page.get_by_test_id("new-purchase").tap()
    expect(page.locator("body")).to_have_class(re.compile(r"\battract\b"))


def test_pay_at_cashier_reserves_and_the_receipt_sends_the_shopper_to_the_cashier(
    page: Page, terminal: Terminal, order_api
) -> None:
    add_product(page, terminal.url, "TV-1", expect_count=1)
    go_to_checkout(page)
    page.get_by_role("button", name="Оплатить на кассе").tap()

    number = order_number_on_screen(page)
    expect(page.get_by_test_id("order-state")).to_contain_text("Оплатите на кассе")
    expect(page.get_by_test_id("print-state")).to_be_visible()
    screenshot(page, "done-cashier")

    order = order_api(number)
    assert order["status"] == "reserved"
    assert terminal.card_reader.charges == []
    receipt = terminal.printer.receipts[-1]
    assert receipt.order_number == number
    assert receipt.instructions[0].startswith("Оплатите на кассе до ")
    assert barcodes(receipt) == {order["pickup_code"]}


def test_declined_card_offers_another_try_or_the_cashier_and_a_retry_pays(
    page: Page, terminal: Terminal, order_api
) -> None:
    add_product(page, terminal.url, "PHONE-2", expect_count=1)
    go_to_checkout(page)
    terminal.card_reader.next_outcomes.append("declined")
    page.get_by_test_id("pay-card").tap()

    number = order_number_on_screen(page)
    expect(page.get_by_test_id("order-state")).to_contain_text("Карта отклонена")
    retry = page.get_by_role("button", name="Попробовать картой ещё раз")
    expect(retry).to_be_visible()
    expect(page.get_by_role("button", name="Оплатить на кассе")).to_be_visible()
    screenshot(page, "declined")
    assert order_api(number)["status"] == "reserved"
    assert terminal.printer.receipts == []

    retry.tap()
    expect(page.get_by_test_id("order-state")).to_contain_text("Оплачено")
    assert order_number_on_screen(page) == number
    order = order_api(number)
    assert order["status"] == "paid"
    assert len(terminal.card_reader.charges) == 2
    assert barcodes(terminal.printer.receipts[-1]) == {order["pickup_code"]}
