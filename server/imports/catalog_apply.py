"""The second pass of a catalog import: categories, products and prices written in one session."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.imports.commerceml import Good, Offer
from server.imports.problems import Problem, Problems
from server.imports.quantities import Wanted, set_quantities
from server.models import Category, Product
from server.services.prices import set_price


@dataclass(slots=True)
class CatalogRow:
    """One row of a catalog CSV; None where the file has no such column."""

    sku: str
    name_ru: str
    category: str
    price_minor: int
    name_en: str | None = None
    category_name: str | None = None
    brand: str | None = None
    description_ru: str | None = None
    description_en: str | None = None
    active: bool | None = None


def assign(target: Any, **values: Any) -> bool:
    """Set the attributes that differ; True when any did (an equal value writes nothing)."""
    changed = False
    for name, value in values.items():
        if getattr(target, name) != value:
            setattr(target, name, value)
            changed = True
    return changed


class CatalogWriter:
    def __init__(self, session: Session, *, staff_id: int | None) -> None:
        self.session = session
        self.staff_id = staff_id
        self.summary = dict.fromkeys(
            ("products_created", "products_updated", "prices_changed", "stock_changed"), 0
        )
        rows = session.execute(select(Category.id, Category.code, Category.external_id)).all()
        self.by_group = {ext: cid for cid, _code, ext in rows if ext}
        self.by_code = {code: cid for cid, code, _ext in rows}
        self.refused: set[str] = set()  # goods already reported: their offers say nothing more

    def count(self, what: str, n: int = 1) -> None:
        self.summary[what] = self.summary.get(what, 0) + n

    def groups(self, groups: dict[str, str]) -> None:
        """Each CommerceML group becomes a category (found again by its Ид), named as in 1C."""
        existing = {
            c.external_id: c
            for c in self.session.scalars(select(Category).where(Category.external_id.isnot(None)))
        }
        for ident, name in groups.items():
            category = existing.get(ident)
            if category is None:
                category = Category(
                    code=self._free_code(ident), name_ru=name, name_en=name, external_id=ident
                )
                self.session.add(category)
                self.count("categories_created")
            elif assign(category, name_ru=name):
                self.count("categories_updated")
        self.session.flush()
        for category in self.session.scalars(select(Category)):
            self.by_code[category.code] = category.id
            if category.external_id:
                self.by_group[category.external_id] = category.id

    def _free_code(self, ident: str) -> str:
        code = re.sub(r"[^a-z0-9-]", "", ident.lower())[:36] or "group"
        candidate, n = code, 1
        while candidate in self.by_code:
            n += 1
            candidate = f"{code}-{n}"
        self.by_code[candidate] = 0
        return candidate

    def _products(self, ids: Iterable[str], skus: Iterable[str]) -> tuple[dict, dict]:
        by_id = {
            p.external_id: p
            for p in self.session.scalars(select(Product).where(Product.external_id.in_(set(ids))))
        }
        by_sku = {
            p.sku: p
            for p in self.session.scalars(select(Product).where(Product.sku.in_(set(skus))))
        }
        return by_id, by_sku

    def goods(
        self, batch: list[tuple[Good, int]], offers: dict[str, Offer], file: str, problems: Problems
    ) -> None:
        before = len(problems.items) + problems.more
        self._goods(batch, offers, file, problems)
        if len(problems.items) + problems.more > before:
            self.refused.update(g.id for g, _line in batch if g.id in offers)

    def _goods(
        self, batch: list[tuple[Good, int]], offers: dict[str, Offer], file: str, problems: Problems
    ) -> None:
        by_id, by_sku = self._products([g.id for g, _ in batch], [g.sku for g, _ in batch])
        for good, line in batch:
            where = f"Товар {good.id}"
            product = by_id.get(good.id)
            holder = by_sku.get(good.sku)
            if (
                holder is not None
                and holder is not product
                and holder.external_id not in (None, good.id)
            ):
                reason = _("the SKU %(sku)s belongs to another product", sku=good.sku)
                problems.add(Problem(file, reason, line, where))
                continue
            product = product or holder
            if good.deleted:
                if product is not None and assign(product, active=False):
                    self.count("products_deactivated")
                continue
            offer = offers.get(good.id)
            price = offer.price_minor if offer is not None else None
            known = [self.by_group[g] for g in good.group_ids if g in self.by_group]
            if good.group_ids and not known:
                reason = _(
                    "its group %(group)s is in neither the classifier nor the catalog",
                    group=good.group_ids[0],
                )
                problems.add(Problem(file, reason, line, where))
                continue
            if product is None:
                self._create(good, known, price, file, line, problems)
                continue
            fields: dict[str, Any] = {
                "sku": good.sku,
                "name_ru": good.name,
                "brand": good.brand or product.brand,
                "description_ru": good.description,
                "external_id": good.id,
                "specs": {"ru": good.specs, "en": (product.specs or {}).get("en") or good.specs},
            }
            if known:
                fields["category_id"] = known[0]
            if assign(product, **fields):
                product.refresh_search_text()
                self.count("products_updated")
            if price is not None:
                self._price(product, price, file)
        self.session.flush()

    def _create(
        self,
        good: Good,
        known: list[int],
        price: int | None,
        file: str,
        line: int,
        problems: Problems,
    ) -> None:
        where = f"Товар {good.id}"
        if price is None:
            reason = _("the good is new and offers.xml gives no retail price for it")
            problems.add(Problem(file, reason, line, where))
            return
        if not known:
            problems.add(Problem(file, _("the good is new and belongs to no group"), line, where))
            return
        product = Product(
            sku=good.sku,
            category_id=known[0],
            brand=good.brand,
            name_ru=good.name,
            name_en=good.name,
            description_ru=good.description,
            description_en="",
            specs={"ru": good.specs, "en": good.specs},
            photos=[],
            variant={},
            external_id=good.id,
            active=True,
        )
        product.refresh_search_text()
        self.session.add(product)
        self._price(product, price, file)
        self.count("products_created")

    def _price(self, product: Product, price: int, file: str) -> None:
        change = set_price(
            self.session,
            product,
            price,
            source="import",
            staff_id=self.staff_id,
            document=file[:120],
        )
        if change is not None:
            self.count("prices_changed")

    def offers(self, batch: list[Offer], warehouses: dict[str, int], problems: Problems) -> None:
        """Prices and per-store quantities of offers.xml, for goods new or already known."""
        by_id, by_sku = self._products([o.id for o in batch], [o.sku or o.id for o in batch])
        wanted, offer_of = [], {}
        for offer in batch:
            product = by_id.get(offer.id) or by_sku.get(offer.sku or offer.id)
            if product is None and offer.id in self.refused:
                continue
            if product is None:
                reason = _("there is no good with this Ид in import.xml or in the catalog")
                problems.add(Problem(offer.file, reason, offer.line, f"Предложение {offer.id}"))
                continue
            if offer.price_minor is not None:
                self._price(product, offer.price_minor, offer.file)
            for place, qty in offer.stock.items():
                if place in warehouses:
                    wanted.append(Wanted(warehouses[place], product.id, qty))
                    offer_of[(warehouses[place], product.id)] = offer
        self.session.flush()  # the prices first: each stock change then flushes only itself
        if not wanted:
            return
        changed, refused = set_quantities(
            self.session, wanted, document=batch[0].file, staff_id=self.staff_id
        )
        self.count("stock_changed", changed)
        for item, reason in refused:
            offer = offer_of[(item.store_id, item.product_id)]
            problems.add(Problem(offer.file, reason, offer.line, f"Предложение {offer.id}"))

    def rows(self, batch: list[tuple[CatalogRow, int]], file: str, problems: Problems) -> None:
        """Rows of a catalog CSV: a product per SKU, created or updated, and its price."""
        _by_id, by_sku = self._products([], [r.sku for r, _ in batch])
        for row, line in batch:
            category_id = self._category(row, file, line, problems)
            if category_id is None:
                continue
            product = by_sku.get(row.sku)
            texts = {
                "name_ru": row.name_ru,
                "category_id": category_id,
                "name_en": row.name_en,
                "brand": row.brand,
                "description_ru": row.description_ru,
                "description_en": row.description_en,
                "active": row.active,
            }
            given = {k: v for k, v in texts.items() if v is not None}
            if product is None:
                product = Product(
                    sku=row.sku,
                    name_en=row.name_ru,
                    brand="",
                    description_ru="",
                    description_en="",
                    specs={},
                    photos=[],
                    variant={},
                    active=True,
                )
                assign(product, **given)
                product.refresh_search_text()
                self.session.add(product)
                by_sku[row.sku] = product
                self.count("products_created")
            elif assign(product, **given):
                product.refresh_search_text()
                self.count("products_updated")
            self._price(product, row.price_minor, file)
        self.session.flush()

    def _category(self, row: CatalogRow, file: str, line: int, problems: Problems) -> int | None:
        if row.category in self.by_code:
            return self.by_code[row.category]
        if not row.category_name:
            reason = _(
                "there is no category with the code %(code)s (give its name in the "
                "category_name column to create it)",
                code=row.category,
            )
            problems.add(Problem(file, reason, line))
            return None
        category = Category(code=row.category, name_ru=row.category_name, name_en=row.category_name)
        self.session.add(category)
        self.session.flush()
        self.by_code[row.category] = category.id
        self.count("categories_created")
        return category.id
