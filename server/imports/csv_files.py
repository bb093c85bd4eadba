"""The two CSV layouts: a catalog (one product per row) and a store's stock (`sku,quantity,bin`).

Column names are case-insensitive and in any order; the delimiter (`;`, `,` or tab), a
BOM and the encoding (UTF-8 or windows-1251) are recognised from the file itself.
"""

from collections.abc import Callable, Iterator
from pathlib import Path

from flask_babel import gettext as _

from server.imports import reading, values
from server.imports.catalog_apply import CatalogRow
from server.imports.problems import ImportRefused, Problem, Problems
from server.imports.values import BadCell

OnBytes = Callable[[int], None]

CATALOG_REQUIRED = ("sku", "name_ru", "category", "price")
CATALOG_OPTIONAL = (
    "name_en",
    "category_name",
    "brand",
    "description_ru",
    "description_en",
    "active",
)
STOCK_REQUIRED = ("sku", "quantity")
STOCK_OPTIONAL = ("bin",)


def _check_header(
    path: Path, name: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> None:
    header = reading.header_of(path)
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in required + optional]
    reasons = []
    if missing:
        reasons.append(_("the header lacks the columns: %(names)s", names=", ".join(missing)))
    if unknown:
        reasons.append(
            _(
                "unknown columns: %(names)s (known: %(known)s)",
                names=", ".join(c[:40] for c in unknown[:10]),
                known=", ".join(required + optional),
            )
        )
    if reasons:
        raise ImportRefused([Problem(name, "; ".join(reasons), line=1)])


def catalog_rows(
    path: Path, name: str, on_bytes: OnBytes, problems: Problems
) -> Iterator[tuple[int, CatalogRow]]:
    """Each good row as a CatalogRow; a bad one becomes a problem with its line."""
    _check_header(path, name, CATALOG_REQUIRED, CATALOG_OPTIONAL)
    for line, row in reading.csv_rows(path, name, on_bytes):
        try:
            yield line, _catalog_row(row)
        except BadCell as exc:
            problems.add(Problem(name, str(exc), line))


def _optional(row: dict[str, str], column: str, limit: int, what: str) -> str | None:
    if column not in row:
        return None
    return values.text(row[column], limit=limit, what=what)


def _catalog_row(row: dict[str, str]) -> CatalogRow:
    if reading.EXTRA in row:
        raise BadCell(_("the row has more cells than the header has columns"))
    active = row.get("active", "").strip()
    return CatalogRow(
        sku=values.sku(row.get("sku", "")),
        name_ru=values.text(row.get("name_ru"), limit=200, what="name_ru", required=True),
        category=values.sku(row.get("category", "")),
        price_minor=values.price_minor(row.get("price", "")),
        name_en=_optional(row, "name_en", 200, "name_en") or None,
        category_name=_optional(row, "category_name", 120, "category_name"),
        brand=_optional(row, "brand", 60, "brand"),
        description_ru=_optional(row, "description_ru", 20_000, "description_ru"),
        description_en=_optional(row, "description_en", 20_000, "description_en"),
        active=values.flag(active) if active else None,
    )


def stock_rows(
    path: Path, name: str, on_bytes: OnBytes, problems: Problems
) -> Iterator[tuple[int, str, int, str | None]]:
    """(line, sku, quantity on hand, bin or None to keep it) for each good row."""
    _check_header(path, name, STOCK_REQUIRED, STOCK_OPTIONAL)
    for line, row in reading.csv_rows(path, name, on_bytes):
        try:
            if reading.EXTRA in row:
                raise BadCell(_("the row has more cells than the header has columns"))
            bin_location = values.text(row.get("bin"), limit=32, what="bin") or None
            sku = values.sku(row.get("sku", ""))
            yield line, sku, values.quantity(row.get("quantity", "")), bin_location
        except BadCell as exc:
            problems.add(Problem(name, str(exc), line))
