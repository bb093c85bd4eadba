"""Imports from the chain's accounting system (1C): CommerceML 2 and CSV, catalog and stock.

Every import reads its files twice. The first pass checks each row or element on its own
(shape, numbers, duplicates) without touching the database; the second applies them in
the caller's one transaction and checks what needs the database (an unknown SKU, stock
below what orders hold). Any problem in either pass raises `ImportRefused` with one
`Problem` per bad row or element, and the caller rolls back: all or nothing. Files are
streamed (XML element by element, CSV row by row), so memory follows the catalog's size,
never the file's.
"""

from server.imports.problems import ImportRefused, Problem, Progress
from server.imports.run import import_catalog, import_stock

__all__ = ["ImportRefused", "Problem", "Progress", "import_catalog", "import_stock"]
