"""Stock counts: a bin or a category of a store counted blind, then compared and confirmed.

Blind: the count sheet lists what to count (name, SKU, bin) but not the figures the system
expects, so the counter writes what is there rather than what the screen says should be.
The figures appear only with the differences, after the counter has entered every line.
The sheet keeps the on-hand figures it compared against; when one changes before the
confirmation (an order handed out meanwhile), that line is refused and counted again.
Confirming is all or nothing: every line is set with one `counted` movement, or none is.
"""

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager

from server.errors import DomainError, ErrorCode
from server.models import Category, MovementKind, Product, StaffUser, Stock, Store
from server.services import stock
from server.services.receiving import read_bin, read_qty


@dataclass(frozen=True)
class Scope:
    """What is counted: one bin, or one category, of one store."""

    store: Store
    bin: str | None = None
    category: Category | None = None

    def document(self, now: datetime) -> str:
        what = f"category:{self.category.code}" if self.category else f"bin:{self.bin}"
        return f"count:{what} {now:%Y-%m-%d %H:%M}"


@dataclass
class CountLine:
    row: Stock
    found: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def difference(self) -> int:
        return (self.found or 0) - self.row.on_hand


@dataclass
class CountCheck:
    lines: list[CountLine]

    @property
    def ok(self) -> bool:
        return all(not line.problems for line in self.lines)


def scope(session: Session, store: Store, *, bin_label: str, category: str) -> Scope:
    """The bin or category to count. Raises VALIDATION_ERROR (neither, or not readable)."""
    if bin_label:
        found = read_bin(bin_label)
        if found is None:
            raise DomainError(
                ErrorCode.VALIDATION_ERROR, _l("A bin is letters, digits and dashes, up to 32.")
            )
        return Scope(store, bin=found)
    if category:
        cat = session.scalar(select(Category).where(Category.code == category))
        if cat is not None:
            return Scope(store, category=cat)
    raise DomainError(ErrorCode.VALIDATION_ERROR, _l("Choose a bin or a category to count."))


def sheet(session: Session, what: Scope) -> list[Stock]:
    """The stock rows to count, by bin then SKU. Raises no domain error."""
    query = (
        select(Stock)
        .join(Stock.product)
        .where(Stock.store_id == what.store.id)
        .options(contains_eager(Stock.product))
        .order_by(Stock.bin_location, Product.sku)
    )
    if what.category is not None:
        query = query.where(Product.category_id == what.category.id)
    else:
        query = query.where(Stock.bin_location == what.bin)
    return list(session.scalars(query))


def check(
    session: Session, what: Scope, found: dict[str, str], seen: dict[str, str] | None = None
) -> CountCheck:
    """Each line of the sheet with what was found and a sentence for each problem: not
    entered, not a number, below what orders hold, or changed since the figures were seen.
    Raises no domain error."""
    lines = []
    for row in sheet(session, what):
        line = CountLine(row)
        raw = found.get(row.product.sku, "").strip()
        if not raw:
            line.problems.append(str(_l("Enter what you found (0 when nothing).")))
        else:
            qty, problem = read_qty(raw, _l("Found"))
            line.found = None if problem else qty
            line.problems += [problem] if problem else []
        if line.found is not None and line.found < row.reserved:
            line.problems.append(
                str(
                    _l(
                        "Orders hold %(reserved)s; find them or cancel the orders first.",
                        reserved=row.reserved,
                    )
                )
            )
        if seen is not None and seen.get(row.product.sku) != str(row.on_hand):
            line.problems.append(str(_l("Stock changed while you counted: count it again.")))
        lines.append(line)
    return CountCheck(lines)


def confirm(
    session: Session,
    what: Scope,
    found: dict[str, str],
    seen: dict[str, str],
    *,
    staff: StaffUser,
    now: datetime,
) -> CountCheck:
    """Set on-hand to what was found, one `counted` movement per line that differs.

    Raises VALIDATION_ERROR when any line is refused (check() says why); nothing is set then.
    """
    checked = check(session, what, found, seen)
    if not checked.ok or not checked.lines:
        raise DomainError(ErrorCode.VALIDATION_ERROR, _l("Some lines need counting again."))
    for line in checked.lines:
        assert line.found is not None  # checked.ok
        stock.set_on_hand(
            session,
            store_id=what.store.id,
            product_id=line.row.product_id,
            on_hand=line.found,
            kind=MovementKind.COUNTED,
            staff_id=staff.id,
            document=what.document(now),
        )
    session.flush()
    return checked
