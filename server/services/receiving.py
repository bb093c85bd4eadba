"""Goods receiving: a supplier's delivery note checked line by line, then put on the shelves.

The page sends the whole note each time (nothing is half-kept between steps): check()
reads it and says what is wrong with each line and where received differs from expected;
receive() checks again and, only when every line is right, keeps the note and adds the
received units, one `received` movement per line that brought goods.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import DeliveryLine, DeliveryNote, MovementKind, Product, StaffUser, Store
from server.services import stock

BIN = re.compile(r"[A-Z0-9][A-Z0-9_.\-/]{0,31}")
MAX_QTY = 100_000
MAX_LINES = 200


@dataclass
class LineInput:
    """A line as typed: every field is raw text until check() reads it."""

    sku: str = ""
    expected: str = ""
    received: str = ""
    bin: str = ""

    @property
    def blank(self) -> bool:
        return not (self.sku or self.expected or self.received or self.bin)


@dataclass
class CheckedLine:
    typed: LineInput
    position: int  # the line's place among those typed, blank ones included
    product: Product | None = None
    expected: int = 0
    received: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def difference(self) -> int:
        return self.received - self.expected


@dataclass
class CheckedNote:
    store: Store
    number: str
    supplier: str
    lines: list[CheckedLine]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and all(not line.problems for line in self.lines)

    def problems_at(self, position: int) -> list[str]:
        return [p for line in self.lines if line.position == position for p in line.problems]

    @property
    def discrepancies(self) -> list[CheckedLine]:
        return [line for line in self.lines if line.product and line.difference]


def read_bin(raw: str) -> str | None:
    """A bin label in capitals, or None when it cannot be one."""
    text = raw.strip().upper()
    return text if BIN.fullmatch(text) else None


def read_qty(raw: str, what: LazyString) -> tuple[int, str | None]:
    """A whole number of units (0 and up), or 0 and a sentence saying what is wrong."""
    text = raw.strip()
    if text.isascii() and text.isdigit() and int(text) <= MAX_QTY:
        return int(text), None
    return 0, str(_l("%(what)s: a whole number from 0 to 100000.", what=what))


def check(
    session: Session, store: Store, number: str, supplier: str, typed: list[LineInput]
) -> CheckedNote:
    """The note read and checked, with a sentence for each problem. Raises no domain error."""
    note = CheckedNote(store, number, supplier, [])
    if not number:
        note.problems.append(str(_l("Enter the delivery note's number.")))
    elif _existing(session, store, number):
        note.problems.append(_duplicate(number))
    if not supplier:
        note.problems.append(str(_l("Enter the supplier.")))
    filled = [(i, line) for i, line in enumerate(typed) if not line.blank][:MAX_LINES]
    if not filled:
        note.problems.append(str(_l("Add at least one line.")))
    seen: set[str] = set()
    for position, raw in filled:
        line = CheckedLine(raw, position)
        line.product = session.scalar(select(Product).where(Product.sku == raw.sku))
        if line.product is None:
            line.problems.append(str(_l("There is no product %(sku)s.", sku=raw.sku or "—")))
        elif raw.sku in seen:
            line.problems.append(str(_l("%(sku)s is already on the note.", sku=raw.sku)))
        seen.add(raw.sku)
        line.expected, expected_problem = read_qty(raw.expected, _l("Expected"))
        line.received, received_problem = read_qty(raw.received, _l("Received"))
        line.problems += [p for p in (expected_problem, received_problem) if p]
        if raw.bin and read_bin(raw.bin) is None:
            line.problems.append(str(_l("A bin is letters, digits and dashes, up to 32.")))
        note.lines.append(line)
    return note


def receive(
    session: Session, note: CheckedNote, *, staff: StaffUser, now: datetime
) -> DeliveryNote:
    """Keep the note and add what was received to the store's stock.

    Raises VALIDATION_ERROR (a line or the note is not right: check() says which) and
    DUPLICATE_NOTE (this note number was already received at this store).
    """
    if not note.ok:
        raise DomainError(ErrorCode.VALIDATION_ERROR, _l("Some lines need fixing first."))
    kept = DeliveryNote(
        store_id=note.store.id,
        number=note.number,
        supplier=note.supplier,
        received_at=now,
        staff_id=staff.id,
    )
    session.add(kept)
    try:
        # The note goes in first: a second confirmation of the same paper, even racing
        # this one, stops at the unique number before any stock moves.
        session.flush()
    except IntegrityError as exc:
        raise DomainError(ErrorCode.DUPLICATE_NOTE, _duplicate(note.number)) from exc
    for line in note.lines:
        assert line.product is not None  # note.ok
        bin_location = read_bin(line.typed.bin)
        kept.lines.append(
            DeliveryLine(
                product_id=line.product.id,
                expected=line.expected,
                received=line.received,
                bin_location=bin_location,
            )
        )
        store_id, product_id = note.store.id, line.product.id
        if line.received:
            stock.adjust(
                session,
                store_id=store_id,
                product_id=product_id,
                on_hand_delta=line.received,
                kind=MovementKind.RECEIVED,
                staff_id=staff.id,
                document=_document(note.number),
            )
        if bin_location:
            stock.place(
                session, store_id=store_id, product_id=product_id, bin_location=bin_location
            )
    session.flush()
    return kept


def recent_notes(session: Session, stores: list[Store], limit: int = 30) -> list[DeliveryNote]:
    """The latest notes received at these stores. Raises no domain error."""
    return list(
        session.scalars(
            select(DeliveryNote)
            .where(DeliveryNote.store_id.in_([s.id for s in stores]))
            .order_by(DeliveryNote.id.desc())
            .limit(limit)
        )
    )


def get_note(session: Session, stores: list[Store], note_id: int) -> DeliveryNote:
    """A note received at one of these stores. Raises NOT_FOUND (also for another store's)."""
    note = session.get(DeliveryNote, note_id)
    if note is None or note.store_id not in {s.id for s in stores}:
        raise DomainError(ErrorCode.NOT_FOUND, _l("There is no such delivery note."))
    return note


def _existing(session: Session, store: Store, number: str) -> bool:
    query = select(DeliveryNote.id).where(
        DeliveryNote.store_id == store.id, DeliveryNote.number == number
    )
    return session.scalar(query) is not None


def _duplicate(number: str) -> str:
    return str(_l("Delivery note %(number)s was already received here.", number=number))


def _document(number: str) -> str:
    return f"note:{number}"[:120]
