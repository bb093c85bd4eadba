"""What the staff console shows of stock: every product in every store, low stock, history.

Every query reads the stock table itself, never a copy: what a manager sees here is what
the terminals sell from and the warehouse screen picks from.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, contains_eager

from server.errors import DomainError, ErrorCode
from server.models import (
    Category,
    Order,
    Product,
    StaffRole,
    StaffUser,
    Stock,
    StockMovement,
    Store,
    StoreKind,
)
from server.models.catalog import fold
from server.services.overview import LOW_STOCK, THRESHOLD

PER_PAGE = 50
HISTORY_LIMIT = 200
AVAILABLE = Stock.on_hand - Stock.reserved


@dataclass(frozen=True)
class StockPage:
    rows: list[Stock]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))


@dataclass(frozen=True)
class MovementLine:
    movement: StockMovement
    order_number: str | None
    person: str | None


def stores_in_reach(session: Session, staff: StaffUser) -> list[Store]:
    """The cybermarkets this person manages: their own store, or all for an admin or a
    chain-wide manager. Outposts hold no stock. Raises no domain error."""
    query = select(Store).where(Store.kind == StoreKind.CYBERMARKET).order_by(Store.code)
    if staff.store_id is not None and staff.role != StaffRole.ADMIN:
        query = query.where(Store.id == staff.store_id)
    return list(session.scalars(query))


def store_in_reach(stores: list[Store], code: str) -> Store:
    """The store with this code among those in reach. Raises UNKNOWN_STORE (also for a
    store out of reach: a refusal tells nothing)."""
    for store in stores:
        if store.code == code:
            return store
    raise DomainError(ErrorCode.UNKNOWN_STORE, _l("There is no store %(code)s.", code=code))


def product_by_sku(session: Session, sku: str) -> Product:
    """Any product with this SKU, on sale or not. Raises UNKNOWN_PRODUCT."""
    product = session.scalar(select(Product).where(Product.sku == sku))
    if product is None:
        raise DomainError(ErrorCode.UNKNOWN_PRODUCT, _l("There is no product %(sku)s.", sku=sku))
    return product


def _rows(stores: list[Store]) -> Select[tuple[Stock]]:
    return (
        select(Stock)
        .join(Stock.product)
        .join(Stock.store)
        .where(Stock.store_id.in_([s.id for s in stores]))
        .options(contains_eager(Stock.product), contains_eager(Stock.store))
    )


def stock_page(
    session: Session,
    stores: list[Store],
    *,
    category: str | None = None,
    q: str | None = None,
    low_only: bool = False,
    page: int = 1,
) -> StockPage:
    """One page of stock rows of these stores, by store then SKU. Raises no domain error."""
    conditions: list[ColumnElement[bool]] = []
    if category:
        conditions.append(
            Product.category_id.in_(select(Category.id).where(Category.code == category))
        )
    for word in fold(q or "").split()[:8]:
        conditions.append(Product.search_text.contains(word, autoescape=True))
    if low_only:
        conditions.append(AVAILABLE <= THRESHOLD)
    query = _rows(stores).where(*conditions)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    last = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), last)
    rows = session.scalars(
        query.order_by(Store.code, Product.sku).limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    )
    return StockPage(list(rows), total, page)


def low_stock(session: Session, stores: list[Store]) -> list[Stock]:
    """Rows whose available count is at or below their threshold, the shortest first.
    Raises no domain error."""
    query = _rows(stores).where(AVAILABLE <= THRESHOLD)
    return list(session.scalars(query.order_by((THRESHOLD - AVAILABLE).desc(), Product.sku)))


def threshold_of(row: Stock) -> int:
    return LOW_STOCK if row.low_threshold is None else row.low_threshold


def stock_row(session: Session, store: Store, sku: str) -> Stock:
    """The store's row for the product with this SKU. Raises UNKNOWN_PRODUCT when the
    store has never held it."""
    row = session.scalar(_rows([store]).where(Product.sku == sku))
    if row is None:
        raise DomainError(ErrorCode.UNKNOWN_PRODUCT, _l("There is no product %(sku)s.", sku=sku))
    return row


def history(session: Session, row: Stock) -> list[MovementLine]:
    """Every movement of this product in this store, the newest first (the last 200).
    Raises no domain error."""
    rows = session.execute(
        select(StockMovement, Order.number, StaffUser.full_name)
        .outerjoin(Order, Order.id == StockMovement.order_id)
        .outerjoin(StaffUser, StaffUser.id == StockMovement.staff_id)
        .where(StockMovement.store_id == row.store_id, StockMovement.product_id == row.product_id)
        .order_by(StockMovement.id.desc())
        .limit(HISTORY_LIMIT)
    ).tuples()
    return [MovementLine(movement, number, person) for movement, number, person in rows]


def set_threshold(row: Stock, threshold: int | None) -> None:
    """Warn at this available count or below (None: the chain's default). Raises
    VALIDATION_ERROR for a negative or absurd figure."""
    if threshold is not None and not 0 <= threshold <= 100_000:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR, _l("A threshold is a whole number from 0 to 100000.")
        )
    row.low_threshold = threshold
