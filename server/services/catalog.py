"""Reading the catalog: search, filter and sort products with what a store has of each."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, Select, and_, case, func, literal, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql import Subquery

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
    variants: int = 1  # in a list of models: how many variants the model has
    price_from: int | None = None  # in a list of models: its cheapest variant's price


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
    models: bool = False,
) -> ProductPage:
    """Matching products; with ``models`` each model once, as its cheapest variant in stock."""
    conditions: list[ColumnElement[bool]] = [Product.active.is_(True)]
    if q:
        for word in fold(q).split()[:8]:
            conditions.append(Product.search_text.like(f"%{_escape_like(word)}%", escape="\\"))
    if category:
        cat = session.scalar(select(Category).where(Category.code == category))
        if cat is None:
            raise DomainError(
                ErrorCode.NOT_FOUND, _l("There is no category %(code)s.", code=category)
            )
        conditions.append(Product.category_id == cat.id)
    query: Select[tuple[Product]] = select(Product).where(*conditions)
    if models:
        ranked = _one_per_model(conditions, store)
        query = (
            select(Product, ranked.c.variants, ranked.c.price_from)
            .join(ranked, ranked.c.id == Product.id)
            .where(ranked.c.rank == 1)
        )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    order = SORTS[f"name_{language}" if sort == "name" else sort]
    found = session.execute(
        query.order_by(*order).limit(limit).offset(offset).options(selectinload(Product.category))
    ).all()
    products = [row[0] for row in found]
    available = _available(session, store, [p.id for p in products]) if store else {}
    return ProductPage(
        rows=[
            ProductRow(
                row[0],
                available.get(row[0].id, 0) if store else None,
                *((row[1], row[2]) if models else ()),
            )
            for row in found
        ],
        total=total,
    )


def _one_per_model(conditions: list[ColumnElement[bool]], store: Store | None) -> Subquery:
    """Each matching product ranked within its model: the one in stock here and cheapest first."""
    model = func.coalesce(Product.model_code, Product.sku)
    ranked = select(Product.id)
    in_stock: ColumnElement[int]
    if store is not None:
        in_stock = case((Stock.on_hand - Stock.reserved > 0, 1), else_=0)
        ranked = ranked.outerjoin(
            Stock, and_(Stock.product_id == Product.id, Stock.store_id == store.id)
        )
    else:
        in_stock = literal(0)
    return (
        ranked.add_columns(
            func.row_number()
            .over(partition_by=model, order_by=(in_stock.desc(), Product.price_minor, Product.id))
            .label("rank"),
            func.count().over(partition_by=model).label("variants"),
            func.min(Product.price_minor).over(partition_by=model).label("price_from"),
        )
        .where(*conditions)
        .subquery()
    )


def _available(session: Session, store: Store, product_ids: list[int]) -> dict[int, int]:
    rows = session.execute(
        select(Stock.product_id, Stock.on_hand - Stock.reserved).where(
            Stock.store_id == store.id, Stock.product_id.in_(product_ids)
        )
    )
    return {pid: max(avail, 0) for pid, avail in rows}


def get_product(session: Session, sku: str) -> Product:
    """The product on sale with this SKU. Raises UNKNOWN_PRODUCT."""
    product = session.scalar(select(Product).where(Product.sku == sku, Product.active.is_(True)))
    if product is None:
        raise DomainError(ErrorCode.UNKNOWN_PRODUCT, _l("There is no product %(sku)s.", sku=sku))
    return product


def variants_of(session: Session, product: Product, store: Store | None) -> list[ProductRow]:
    """The model's variants (this product among them), with what the store has of each."""
    if product.model_code is None:
        return []
    siblings = list(
        session.scalars(
            select(Product)
            .where(Product.model_code == product.model_code, Product.active.is_(True))
            .order_by(Product.price_minor, Product.sku)
        )
    )
    available = _available(session, store, [p.id for p in siblings]) if store else {}
    return [ProductRow(p, available.get(p.id, 0) if store else None) for p in siblings]


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


def category_photos(session: Session) -> dict[int, str]:
    """One photo file per category, of its first product if it has one: a tile's picture."""
    first = (
        select(func.min(Product.id)).where(Product.active.is_(True)).group_by(Product.category_id)
    )
    products = session.scalars(select(Product).where(Product.id.in_(first)))
    return {p.category_id: p.photos[0] for p in products if p.photos}


def list_stores(session: Session) -> list[Store]:
    return list(session.scalars(select(Store).order_by(Store.code)))
