"""The demo's accessories, linked to the goods they go with (catalog_together.LINKS)."""

from sqlalchemy.orm import Session

from server.demo.catalog_together import LINKS
from server.models import AccessoryLink, Category, Product


def add_accessory_links(
    session: Session, categories: dict[str, Category], products: list[Product]
) -> int:
    """Category-wide links, and per-product ones where the accessory fits one brand."""
    by_sku_start = sorted(products, key=lambda p: p.sku)

    def accessory(start: str) -> Product | None:
        return next((p for p in by_sku_start if p.sku.startswith(start)), None)

    links: list[AccessoryLink] = []
    for (code, brand), items in LINKS.items():
        found = [(accessory(start), reason) for start, reason in items]
        fitting = [(a, reason) for a, reason in found if a is not None]
        if not brand:
            links += [
                AccessoryLink(
                    category_id=categories[code].id,
                    accessory_id=a.id,
                    reason_ru=ru,
                    reason_en=en,
                    position=10 + i,
                )
                for i, (a, (ru, en)) in enumerate(fitting)
            ]
            continue
        named = {b for c, b in LINKS if c == code and b not in ("", "*")}
        for product in products:
            fits = product.brand not in named if brand == "*" else product.brand == brand
            if product.category_id == categories[code].id and fits:
                links += [
                    AccessoryLink(
                        product_id=product.id,
                        accessory_id=a.id,
                        reason_ru=ru,
                        reason_en=en,
                        position=i,
                    )
                    for i, (a, (ru, en)) in enumerate(fitting)
                ]
    session.add_all(links)
    session.flush()
    return len(links)
