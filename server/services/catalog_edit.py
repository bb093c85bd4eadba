"""Changing the catalog from the console: products, their prices (with history) and categories.

The search index follows by itself: server/search/sync.py indexes every product flushed.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import Category, Product, Stock
from server.models.catalog import fold
from server.search import sync
from server.services import prices
from server.services.catalog import _escape_like

PAGE_SIZE = 50
_SKU = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}")
_CATEGORY_CODE = re.compile(r"[a-z0-9][a-z0-9\-]{0,39}")
MAX_PRICE_MINOR = 100_000_000_00  # a hundred million roubles


def _invalid(message: Any) -> DomainError:
    return DomainError(ErrorCode.VALIDATION_ERROR, message)


@dataclass(frozen=True)
class ProductFields:
    """A product as the console's form sends it, already read field by field."""

    name_ru: str
    name_en: str
    brand: str
    category_id: int
    price_minor: int
    description_ru: str = ""
    description_en: str = ""
    # {"ru": [[label, value], ...], "en": [...]}, as Product.specs keeps them.
    specs: dict[str, list[list[str]]] = field(default_factory=dict)
    active: bool = True


def _check(session: Session, fields: ProductFields) -> None:
    if not fields.name_ru or not fields.name_en:
        raise _invalid(_l("Enter the product's name in Russian and in English."))
    if not fields.brand:
        raise _invalid(_l("Enter the brand."))
    if session.get(Category, fields.category_id) is None:
        raise _invalid(_l("Choose a category from the list."))
    if not 0 < fields.price_minor <= MAX_PRICE_MINOR:
        raise _invalid(_l("The price must be above zero and at most a hundred million."))


def _fill(product: Product, fields: ProductFields) -> None:
    product.name_ru, product.name_en = fields.name_ru, fields.name_en
    product.description_ru, product.description_en = fields.description_ru, fields.description_en
    product.brand = fields.brand
    product.category_id = fields.category_id
    product.specs = fields.specs
    product.active = fields.active
    product.refresh_search_text()


def create_product(
    session: Session, sku: str, fields: ProductFields, *, staff_id: int | None
) -> Product:
    """A new product with its first price. Raises VALIDATION_ERROR, SKU_TAKEN."""
    if not _SKU.fullmatch(sku):
        raise _invalid(
            _l("An SKU has up to 32 Latin letters, digits, dots, dashes or underscores.")
        )
    _check(session, fields)
    if session.scalar(select(Product.id).where(Product.sku == sku)) is not None:
        raise DomainError(ErrorCode.SKU_TAKEN, _l("A product with this SKU already exists."))
    product = Product(sku=sku, photos=[], variant={}, price_minor=None)
    _fill(product, fields)
    prices.set_price(session, product, fields.price_minor, source="console", staff_id=staff_id)
    session.add(product)
    session.flush()
    return product


def update_product(
    session: Session, product: Product, fields: ProductFields, *, staff_id: int | None
) -> list[str]:
    """Change the product; a new price goes through the price history. Raises VALIDATION_ERROR.

    Returns the names of the fields that changed (for the audit).
    """
    _check(session, fields)
    before = {name: getattr(product, name) for name in _FIELD_NAMES}
    _fill(product, fields)
    prices.set_price(session, product, fields.price_minor, source="console", staff_id=staff_id)
    session.flush()
    return [name for name in _FIELD_NAMES if getattr(product, name) != before[name]]


_FIELD_NAMES = (
    "name_ru",
    "name_en",
    "description_ru",
    "description_en",
    "brand",
    "category_id",
    "specs",
    "active",
    "price_minor",
)


def find_product(session: Session, product_id: int) -> Product:
    """Raises NOT_FOUND."""
    product = session.get(Product, product_id)
    if product is None:
        raise DomainError(ErrorCode.NOT_FOUND, _l("There is no such product."))
    return product


@dataclass(frozen=True)
class ProductQuery:
    """The console's product list filters; empty ones match everything."""

    q: str = ""
    category_id: int | None = None
    brand: str = ""
    state: str = ""  # "", "active", "inactive"
    no_photo: bool = False
    out_of_stock: bool = False
    page: int = 0


def find_products(session: Session, wanted: ProductQuery) -> tuple[list[Product], int]:
    """One page of matching products by SKU, and how many match in all."""
    conditions: list[ColumnElement[bool]] = []
    for word in fold(wanted.q).split()[:8]:
        conditions.append(Product.search_text.like(f"%{_escape_like(word)}%", escape="\\"))
    if wanted.category_id is not None:
        conditions.append(Product.category_id == wanted.category_id)
    if wanted.brand:
        conditions.append(func.lower(Product.brand) == wanted.brand.lower())
    if wanted.state:
        conditions.append(Product.active.is_(wanted.state == "active"))
    if wanted.no_photo:
        conditions.append(func.json_array_length(Product.photos) == 0)
    if wanted.out_of_stock:
        in_stock = exists().where(
            Stock.product_id == Product.id, Stock.on_hand - Stock.reserved > 0
        )
        conditions.append(~in_stock)
    total = session.scalar(select(func.count(Product.id)).where(*conditions)) or 0
    query = (
        select(Product)
        .where(*conditions)
        .order_by(Product.sku)
        .offset(wanted.page * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    return list(session.scalars(query)), total


def brands(session: Session) -> list[str]:
    """Every brand in the catalog, for the form's suggestions."""
    return list(session.scalars(select(Product.brand).distinct().order_by(Product.brand)))


def save_category(
    session: Session,
    category: Category | None,
    *,
    code: str,
    name_ru: str,
    name_en: str,
    position: int,
) -> Category:
    """Create (category None) or change a category. Raises VALIDATION_ERROR, CATEGORY_CODE_TAKEN."""
    if not _CATEGORY_CODE.fullmatch(code):
        raise _invalid(_l("A category code has up to 40 small Latin letters, digits or dashes."))
    if not name_ru or not name_en:
        raise _invalid(_l("Enter the category's name in Russian and in English."))
    other = session.scalar(select(Category).where(Category.code == code))
    if other is not None and other is not category:
        raise DomainError(
            ErrorCode.CATEGORY_CODE_TAKEN, _l("A category with this code already exists.")
        )
    if category is None:
        category = Category(code=code, name_ru=name_ru, name_en=name_en, position=position)
        session.add(category)
    else:
        category.code, category.name_ru, category.name_en = code, name_ru, name_en
        category.position = position
        session.flush()
        # Category names are searchable words of its products.
        sync.index_products(session.connection(), category.products)
    session.flush()
    return category


def find_category(session: Session, category_id: int) -> Category:
    """Raises NOT_FOUND."""
    category = session.get(Category, category_id)
    if category is None:
        raise DomainError(ErrorCode.NOT_FOUND, _l("There is no such category."))
    return category
