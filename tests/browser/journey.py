"""The shopper's journey at the terminal's own screen sizes: a world with a model in three
variants and product photos, a touchscreen of either orientation, and the checks every
screen passes (no English on a Russian screen, no text spilling out of its box)."""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from server import create_app
from server.db import get_session
from server.demo.catalog import CATEGORIES, Item, build_catalog
from server.demo.photos import render_photo
from server.models import Category, Product, Stock
from tests.browser.screen_checks import latin_words, overflowing
from tests.browser.shopper import screenshot
from tests.catalog_variants import add_gamma_model
from tests.helpers import World, build_world, make_product

SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}
# Brands and model names the Russian screens show as they are written on the goods.
BRANDS = {"Acme", "Gamma", "Cybermarket"}
_SHAPES = {"phones": ("smartphones", (214, 228, 250)), "tv": ("tvs", (232, 226, 244))}


def build_shop(database_url: str, media: Path) -> dict[str, str]:
    """build_world, the Gamma model, one demo product in each of the demo's other categories
    (a full screen of tiles), and a drawn photo for every product; the device tokens."""
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "MEDIA_DIR": str(media)})
    try:
        with app.app_context():
            session = get_session()
            world = build_world(session)
            add_gamma_model(session, world)
            (media / "products").mkdir(parents=True, exist_ok=True)
            for product in session.scalars(select(Product)):
                shape, bg = _SHAPES[product.category.code]
                colour = (product.variant or {}).get("colour")
                body = (
                    tuple(int(colour["rgb"][i : i + 2], 16) for i in (1, 3, 5)) if colour else None
                )
                _photo(media, product, shape=shape, body=body, bg=bg)
            _add_demo_categories(session, world, media)
            session.commit()
            return dict(world.tokens)
    finally:
        app.extensions["db"].engine.dispose()


def _photo(media: Path, product: Product, *, shape: str, body: Any, bg: Any) -> None:
    render_photo(
        media / "products" / f"{product.sku}.png",
        shape=shape,
        body=body,
        bg=bg,
        brand=product.brand,
        model=product.name_en.split(",")[0].removeprefix(product.brand).strip()[:16],
    )
    product.photos = [f"{product.sku}.png"]


def _add_demo_categories(session: Session, world: World, media: Path) -> None:
    first: dict[str, Item] = {}
    for item in build_catalog(random.Random(1)):
        first.setdefault(item.category, item)
    for position, (code, name_ru, name_en, _prefix, bg) in enumerate(CATEGORIES):
        if code in ("smartphones", "tvs"):  # build_world has its own phones and TVs
            continue
        category = Category(code=code, name_ru=name_ru, name_en=name_en, position=position)
        item = first[code]
        product = make_product(
            session,
            item.sku,
            category,
            brand=item.brand,
            name_ru=item.name_ru,
            name_en=item.name_en,
            price_minor=item.price_minor,
        )
        session.flush()
        session.add(Stock(store=world.store, product=product, on_hand=3, reserved=0))
        _photo(
            media, product, shape=item.shape, body=item.colour.rgb if item.colour else None, bg=bg
        )


@contextmanager
def touchscreen(browser: Browser, size: str) -> Iterator[Page]:
    """A terminal's touchscreen standing (1080×1920) or lying (1920×1080); a crash fails."""
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"script error on {page.url}: {exc}"))

    def wrong(response: Response) -> None:
        if response.status >= 500 and response.status != 503:
            errors.append(f"{response.status} from {response.request.method} {response.url}")
        if response.status == 404 and "favicon" in response.url:
            errors.append(f"the browser asked for {response.url} and got nothing")

    page.on("response", wrong)
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"what went wrong behind the terminal's screens: {errors}"


def check_screen(page: Page, name: str, *, lang: str, allowed: set[str] = BRANDS) -> None:
    """Save the screen as <name>.png and read it as a person would."""
    page.wait_for_load_state("load")
    screenshot(page, name)
    assert not overflowing(page), f"{name}: text spills out of its box: {overflowing(page)}"
    if lang == "ru":
        english = latin_words(page, allowed=allowed)
        assert not english, f"{name}: English on a Russian screen: {english}"
