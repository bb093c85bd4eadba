"""`import catalog` and `import stock`: check every file, then apply, all or nothing.

The caller owns the transaction: it commits after a successful import and rolls back
after ImportRefused or a dry run.
"""

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.imports import commerceml, csv_files, safe_xml
from server.imports.catalog_apply import CatalogRow, CatalogWriter
from server.imports.commerceml import Good, Offer, Property
from server.imports.problems import ImportRefused, Problem, Problems, Progress, Tracker
from server.imports.quantities import Wanted, set_quantities, store_warehouses
from server.imports.values import BadCell
from server.models import Product, Store, StoreKind

BATCH = 500
T = TypeVar("T")

SUMMARY_LABELS = {
    "categories_created": _l("categories created"),
    "categories_updated": _l("categories renamed"),
    "products_created": _l("products created"),
    "products_updated": _l("products updated"),
    "products_deactivated": _l("products taken off sale"),
    "prices_changed": _l("prices changed"),
    "stock_changed": _l("stock rows changed"),
    "rows": _l("rows read"),
}

ImportFile = tuple[Path, str]  # where it is, and the name problems call it by


def batched(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def file_kind(path: Path) -> str:
    """ "csv", "offers" (a ПакетПредложений) or "import" (classifier and goods)."""
    with path.open("rb") as head:
        start = head.read(16 * 1024)
    if not start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "csv"
    offers = "ПакетПредложений"
    return "offers" if offers.encode() in start or offers.encode("cp1251") in start else "import"


def import_catalog(
    session: Session,
    files: list[ImportFile],
    *,
    progress: Progress | None = None,
    staff_id: int | None = None,
) -> dict[str, int]:
    """Bring goods, categories, prices (and per-store quantities) from 1C or a CSV.

    Raises ImportRefused (nothing written) with one problem per bad row or element;
    stock_below_reserved from a quantity is one of them.
    """
    kinds = [(path, name, file_kind(path)) for path, name in files]
    sizes = {path: path.stat().st_size for path, _name in files}
    total = sum(sizes[p] * (1 if kind == "offers" else 2) for p, _n, kind in kinds)
    tracker, problems = Tracker(total, progress), Problems()
    tracker.start("checking")
    offers: dict[str, Offer] = {}
    warehouses: dict[str, str] = {}
    groups: dict[str, str] = {}
    properties: dict[str, Property] = {}
    for path, name, kind in sorted(kinds, key=lambda k: k[2] != "offers"):
        reader = tracker.reader(sizes[path])
        if kind == "offers":
            _check_offers(path, name, reader, problems, offers, warehouses)
        elif kind == "import":
            _check_goods(path, name, reader, problems, groups, properties)
        else:
            for _row in _catalog_rows(path, name, reader, problems):
                pass
    problems.raise_any()
    tracker.start("applying")
    writer = CatalogWriter(session, staff_id=staff_id)
    writer.groups(groups)
    for path, name, kind in kinds:
        reader = tracker.reader(sizes[path])
        if kind == "import":
            goods = _goods(path, name, reader, properties, Problems())
            for batch in batched(goods):
                writer.goods(batch, offers, name, problems)
                session.expunge_all()  # all flushed: keeps the session as small as one batch
        elif kind == "csv":
            for rows in batched(_catalog_rows(path, name, reader, Problems())):
                writer.rows(rows, name, problems)
                session.expunge_all()
    places = store_warehouses(session, warehouses)
    for offer_batch in batched(offers.values()):
        writer.offers(offer_batch, places, problems)
        session.expunge_all()
    problems.raise_any()
    return writer.summary


def _check_offers(
    path: Path,
    name: str,
    reader: csv_files.OnBytes,
    problems: Problems,
    offers: dict[str, Offer],
    warehouses: dict[str, str],
) -> None:
    price_type: str | None = None
    for record in safe_xml.records(path, name, commerceml.OFFER_RECORDS, reader):
        element = record.element
        try:
            if record.path.endswith("ТипыЦен"):
                price_type = commerceml.pick_price_type(element)
            elif record.path.endswith("Склады"):
                warehouses.update(commerceml.read_warehouses(element))
            else:
                offer = commerceml.read_offer(element, price_type)
                if offer.id in offers:
                    raise BadCell(_("a second offer for the same good"))
                offer.file, offer.line = name, record.line
                offers[offer.id] = offer
        except BadCell as exc:
            problems.add(Problem(name, str(exc), record.line, commerceml.label(element)))


def _check_goods(
    path: Path,
    name: str,
    reader: csv_files.OnBytes,
    problems: Problems,
    groups: dict[str, str],
    properties: dict[str, Property],
) -> None:
    seen: dict[str, str] = {}
    for record in safe_xml.records(path, name, commerceml.IMPORT_RECORDS, reader):
        element = record.element
        try:
            if record.path.endswith("Группы"):
                commerceml.read_groups(element, groups)
            elif record.path.endswith("Свойства"):
                commerceml.read_properties(element, properties)
            else:
                good = commerceml.read_good(element, properties)
                other = seen.setdefault(good.sku, good.id)
                if other != good.id:
                    raise BadCell(
                        _("the SKU %(sku)s is also the good %(other)s's", sku=good.sku, other=other)
                    )
        except BadCell as exc:
            problems.add(Problem(name, str(exc), record.line, commerceml.label(element)))


def _goods(
    path: Path,
    name: str,
    reader: csv_files.OnBytes,
    properties: dict[str, Property],
    problems: Problems,
) -> Iterator[tuple[Good, int]]:
    wanted = frozenset({"Каталог/Товары/Товар"})
    for record in safe_xml.records(path, name, wanted, reader):
        try:
            yield commerceml.read_good(record.element, properties), record.line
        except BadCell as exc:  # checked in the first pass; here only for completeness
            problems.add(Problem(name, str(exc), record.line))


def _catalog_rows(
    path: Path, name: str, reader: csv_files.OnBytes, problems: Problems
) -> Iterator[tuple[CatalogRow, int]]:
    seen: set[str] = set()
    for line, row in csv_files.catalog_rows(path, name, reader, problems):
        if row.sku in seen:
            problems.add(
                Problem(name, _("the SKU %(sku)s is on an earlier row too", sku=row.sku), line)
            )
            continue
        seen.add(row.sku)
        yield row, line


def import_stock(
    session: Session,
    file: ImportFile,
    *,
    store_code: str,
    progress: Progress | None = None,
    staff_id: int | None = None,
) -> dict[str, int]:
    """Set a store's quantities on hand (and bins) from a `sku,quantity,bin` CSV.

    Raises ImportRefused (nothing written) for an unknown store, an outpost, or bad rows:
    an unknown SKU, a duplicate, stock_below_reserved.
    """
    path, name = file
    # On a connection of its own: on SQLite any transaction holds the one write lock, and
    # the caller's must not hold it while the file is checked (progress is written then).
    with session.get_bind().connect() as conn:  # type: ignore[union-attr]
        store = conn.execute(select(Store.id, Store.kind).where(Store.code == store_code)).first()
    if store is None:
        raise ImportRefused(
            [Problem(name, _("there is no store with the code %(code)s", code=store_code))]
        )
    if store.kind is StoreKind.OUTPOST:
        reason = _("%(code)s is an outpost: it holds no stock of its own", code=store_code)
        raise ImportRefused([Problem(name, reason)])
    store_id, size = store.id, path.stat().st_size
    tracker, problems = Tracker(2 * size, progress), Problems()
    tracker.start("checking")
    for _row in _stock_rows(path, name, tracker.reader(size), problems):
        pass
    problems.raise_any()
    tracker.start("applying")
    summary = {"rows": 0, "stock_changed": 0}
    for batch in batched(_stock_rows(path, name, tracker.reader(size), Problems())):
        skus = {sku for _line, sku, _qty, _bin in batch}
        query = select(Product.sku, Product.id).where(Product.sku.in_(skus))
        ids: dict[str, int] = {sku: pid for sku, pid in session.execute(query)}
        wanted, line_of = [], {}
        for line, sku, qty, bin_location in batch:
            summary["rows"] += 1
            if sku not in ids:
                reason = _("there is no product with the SKU %(sku)s", sku=sku)
                problems.add(Problem(name, reason, line))
                continue
            wanted.append(Wanted(store_id, ids[sku], qty, bin_location))
            line_of[ids[sku]] = (line, sku)
        changed, refused = set_quantities(session, wanted, document=name, staff_id=staff_id)
        summary["stock_changed"] += changed
        for item, reason in refused:
            line, sku = line_of[item.product_id]
            problems.add(Problem(name, f"{sku}: {reason}", line))
        session.flush()
        session.expunge_all()
    problems.raise_any()
    return summary


def _stock_rows(
    path: Path, name: str, reader: csv_files.OnBytes, problems: Problems
) -> Iterator[tuple[int, str, int, str | None]]:
    seen: set[str] = set()
    for line, sku, qty, bin_location in csv_files.stock_rows(path, name, reader, problems):
        if sku in seen:
            problems.add(
                Problem(name, _("the SKU %(sku)s is on an earlier row too", sku=sku), line)
            )
            continue
        seen.add(sku)
        yield line, sku, qty, bin_location
