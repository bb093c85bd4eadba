"""One model in three variants, added to build_world's catalog: colours and memory sizes."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import Category, Stock
from tests.helpers import World, make_product

BLACK = {"ru": "чёрный", "en": "black", "rgb": "#26262c"}
WHITE = {"ru": "белый", "en": "white", "rgb": "#f6f6f4"}
GB128 = {"ru": "128 ГБ", "en": "128 GB"}
GB256 = {"ru": "256 ГБ", "en": "256 GB"}
MODEL = {"ru": "Смартфон Гамма", "en": "Gamma phone"}

# sku: (colour, memory, price in kopecks, units in the world's first store)
GAMMA = {
    "GAMMA-128-BLK": (BLACK, GB128, 3_999_000, 5),
    "GAMMA-128-WHT": (WHITE, GB128, 3_999_000, 0),
    "GAMMA-256-BLK": (BLACK, GB256, 4_599_000, 2),
}


def add_gamma_model(session: Session, world: World) -> None:
    phones = session.scalar(select(Category).where(Category.code == "phones"))
    assert phones is not None
    for sku, (colour, memory, price, units) in GAMMA.items():
        product = make_product(
            session,
            sku,
            phones,
            brand="Gamma",
            name_ru=f"{MODEL['ru']} {memory['ru']}, {colour['ru']}",
            name_en=f"{MODEL['en']} {memory['en']}, {colour['en']}",
            price_minor=price,
            model_code="PH-GAMMA",
            variant={"model": MODEL, "colour": colour, "memory": memory},
        )
        session.flush()
        session.add(
            Stock(store=world.store, product=product, on_hand=units, reserved=0, bin_location="G-1")
        )
        world.products[sku] = product
    session.commit()
