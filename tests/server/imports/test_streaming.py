"""Files are read element by element and row by row: memory follows one element, not the file.

Measured with tracemalloc against the file's size; the same measure taken on a whole-tree
parse shows it would catch a regression (it needs several times the file).
"""

import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from server.imports import reading, safe_xml
from server.imports.commerceml import IMPORT_RECORDS
from tests.server.imports.generate import write_catalog, write_stock_csv


def _peak(work: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_commerceml_is_streamed_in_memory_far_below_the_file(app, tmp_path: Path):
    small, _offers = write_catalog(tmp_path, goods=10)
    import_xml, _offers = write_catalog(tmp_path, goods=3000, description_chars=1000)
    size = import_xml.stat().st_size
    assert size > 3_000_000
    seen: list[str] = []

    def stream(path: Path) -> None:
        for record in safe_xml.records(path, "import.xml", IMPORT_RECORDS, lambda _n: None):
            seen.append(record.path)

    with app.app_context():
        stream(small)  # the first call's imports and caches are not the file's
        seen.clear()
        streamed = _peak(lambda: stream(import_xml))
    assert seen.count("Каталог/Товары/Товар") == 3000
    whole = _peak(lambda: ET.parse(import_xml))
    assert whole > size  # the measure sees a parser that holds the tree
    assert streamed < size / 8, (streamed, size)


def test_csv_is_read_row_by_row(app, tmp_path: Path):
    small = write_stock_csv(tmp_path / "small.csv", rows=10)
    path = write_stock_csv(tmp_path / "stock.csv", rows=160_000)
    size = path.stat().st_size
    assert size > 3_000_000
    counted = []

    def read(path: Path) -> None:
        counted.append(sum(1 for _row in reading.csv_rows(path, "stock.csv", lambda _n: None)))

    with app.app_context():
        read(small)
        peak = _peak(lambda: read(path))
    assert counted == [10, 160_000]
    assert peak < size / 8, (peak, size)
