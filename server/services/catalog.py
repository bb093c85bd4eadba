"""Reading the catalog: search, filter and sort products with what a store has of each."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from server.errors import DomainError, ErrorCode
from server.models import Category, Product, Stock, Store
from server.models.catalog import fold

SORTS = {
    "name_ru": (Product.name_ru, Product.id),
    "name_en": (Product.name_en, Product.id),
    "price": (Product.price_minor, Product.id),
    "-price": (Product.price_minor.desc(), Product.id),
    "new": (Product.id.desc(),),
}


@dataclass(frozen=True)
class ProductRow:
    product: Product
    available: int | None  # None when no store was asked about


@dataclass(frozen=True)
class ProductPage:
    rows: list[ProductRow]
    total: int


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_products(
    session: Session,
    *,
    q: str | None = None,
    category: str | None = None,
    store: Store | None = None,
    sort: str = "name",
    limit: int = 50,
    offset: int = 0,
    language: str = "ru",
) -> ProductPage:
    query: Select[tuple[Product]] = select(Product).where(Product.active.is_(True))
    if q:
        for word in fold(q).split()[:8]:
            query = query.where(Product.search_text.like(f"%{_escape_like(word)}%", escape="\\"))
    if category:
        cat = session.scalar(select(Category).where(Category.code == category))
        if cat is None:
            raise DomainError(
                ErrorCode.NOT_FOUND, _l("There is no category %(code)s.", code=category)
            )
        query = query.where(Product.category_id == cat.id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    order = SORTS[f"name_{language}" if sort == "name" else sort]
    products = session.scalars(
        query.order_by(*order).limit(limit).offset(offset).options(selectinload(Product.category))
    ).all()
    available = _available(session, store, [p.id for p in products]) if store else {}
    return ProductPage(
        rows=[ProductRow(p, available.get(p.id, 0) if store else None) for p in products],
        total=total,
    )


def _available(session: Session, store: Store, product_ids: list[int]) -> dict[int, int]:
    rows = session.execute(
        select(Stock.product_id, Stock.on_hand - Stock.reserved).where(
            Stock.store_id == store.id, Stock.product_id.in_(product_ids)
        )
    )
    return {pid: max(avail, 0) for pid, avail in rows}


def get_product(session: Session, sku: str) -> Product:
    product = session.scalar(select(Product).where(Product.sku == sku, Product.active.is_(True)))
    if product is None:
        raise DomainError(ErrorCode.UNKNOWN_PRODUCT, _l("There is no product %(sku)s.", sku=sku))
    return product


def availability_by_store(
    session: Session, product: Product
) -> list[tuple[Store, int, str | None]]:
    """Every store with its available count and bin location for this product."""
    rows = session.execute(
        select(Store, Stock.on_hand - Stock.reserved, Stock.bin_location)
        .join(Stock, Stock.store_id == Store.id)
        .where(Stock.product_id == product.id)
        .order_by(Store.code)
    )
    return [(store, max(avail, 0), bin_location) for store, avail, bin_location in rows]


def list_categories(session: Session) -> list[Category]:
    return list(session.scalars(select(Category).order_by(Category.position, Category.code)))


def list_stores(session: Session) -> list[Store]:
    return list(session.scalars(select(Store).order_by(Store.code)))
