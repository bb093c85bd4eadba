"""The shopper picks a model's colour and memory on its page; the category shows it once;
the categories are pictures; the cashier's "done" screen says until when to pay."""

import re

import pytest
from flask import Flask

from server.db import get_session
from tests.catalog_variants import add_gamma_model
from tests.terminal.test_shopping import add, checkout


@pytest.fixture
def gamma(app: Flask, world) -> None:
    with app.app_context():
        add_gamma_model(get_session(), world)


def test_the_category_shows_a_model_once_with_its_lowest_price(kiosk, gamma):
    page = kiosk.get("/catalog/phones").get_data(as_text=True)
    assert page.count("Смартфон Гамма") == 1
    assert "от 39" in page and "Вариантов: 3" in page
    assert "product-GAMMA-128-WHT" not in page  # not the one missing here


def test_the_product_page_switches_colour_and_memory_and_says_what_is_here(kiosk, gamma):
    page = kiosk.get("/product/GAMMA-128-BLK").get_data(as_text=True)
    colours = page[page.index('data-testid="variants-colour"') :]
    assert "чёрный" in colours and "белый" in colours
    white = re.search(r'<a class="variant ([^"]*)"\s+href="/product/GAMMA-128-WHT"', page)
    assert white and "gone" in white.group(1)  # white 128 GB: none here
    assert "нет в этом магазине" in page
    memory = page[page.index('data-testid="variants-memory"') :]
    assert 'href="/product/GAMMA-256-BLK"' in memory and "256 ГБ" in memory

    other = kiosk.get("/product/GAMMA-256-BLK").get_data(as_text=True)
    assert "Смартфон Гамма 256 ГБ, чёрный" in other
    assert "2 шт. в этом магазине" in other


def test_a_product_without_variants_has_no_picker(kiosk, gamma):
    assert "variants-colour" not in kiosk.get("/product/PHONE-1").get_data(as_text=True)


def test_category_tiles_have_a_picture(kiosk):
    page = kiosk.get("/catalog").get_data(as_text=True)
    tile = page[page.index('data-testid="category-phones"') :][:600]
    assert "tile-photo" in tile and "Смартфоны" in tile


def test_the_cashier_done_screen_says_until_when_to_pay(kiosk, printer):
    add(kiosk, "TV-1")
    done = checkout(kiosk, "cashier")
    page = kiosk.get(done.location).get_data(as_text=True)
    until = printer.receipts[-1].instructions[0].rsplit(" ", 1)[-1]  # "Оплатите на кассе до 12:15"
    assert f"Товар ждёт вас до {until}" in page
