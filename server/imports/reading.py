"""Reading import files as 1C and Excel write them: any encoding, BOM, `;` or `,`."""

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path

from flask_babel import gettext as _

from server.imports.problems import ImportRefused, Problem

CHUNK = 64 * 1024  # also how many elements wait at once: those of one chunk
EXTRA = "\0extra"  # set in a row that has more cells than the header has columns
_SNIFF = 64 * 1024


class CountingReader(io.RawIOBase):
    """A binary file that tells how far it has been read, for the progress bar."""

    def __init__(self, path: Path, on_bytes: Callable[[int], None]) -> None:
        self._file = path.open("rb")
        self._on_bytes = on_bytes
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        count = self._file.readinto(buffer)
        self.position += count or 0
        self._on_bytes(self.position)
        return count or 0

    def close(self) -> None:
        self._file.close()
        super().close()


def guess_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM) when the start decodes as UTF-8, else windows-1251.

    1C and Russian Excel write one of the two; cp1251 decodes any byte, so it is the
    fallback, and a UTF-8 character cut at the end of the sample is not an error.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1251"
    return "utf-8"


def csv_rows(
    path: Path, name: str, on_bytes: Callable[[int], None]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row by lower-cased column) for each data row, read one at a time."""
    with path.open("rb") as sample:
        encoding = guess_encoding(sample.read(_SNIFF))
    raw = CountingReader(path, on_bytes)
    with io.TextIOWrapper(io.BufferedReader(raw, CHUNK), encoding=encoding, newline="") as text:
        header_line = text.readline()
        if not header_line.strip():
            raise ImportRefused([Problem(name, _("the file is empty"), line=1)])
        delimiter = max(";,\t", key=header_line.count)
        header = _columns(header_line, delimiter)
        reader = csv.reader(text, delimiter=delimiter)
        try:
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                values = dict(zip(header, row, strict=False))
                if any(cell.strip() for cell in row[len(header) :]):
                    values[EXTRA] = "1"
                yield reader.line_num + 1, values
        except csv.Error as exc:
            raise ImportRefused(
                [Problem(name, _("the CSV cannot be read: %(error)s", error=exc), reader.line_num)]
            ) from None


def header_of(path: Path) -> list[str]:
    """The file's column names, lower-cased (an empty list for an empty file)."""
    with path.open("rb") as sample:
        head = sample.read(_SNIFF)
    lines = head.decode(guess_encoding(head), errors="replace").lstrip("\ufeff").splitlines()
    if not lines:
        return []
    return _columns(lines[0], max(";,\t", key=lines[0].count))


def _columns(header_line: str, delimiter: str) -> list[str]:
    names = [c.strip().lower() for c in next(csv.reader([header_line], delimiter=delimiter))]
    while names and not names[-1]:  # Excel ends lines with a spare delimiter
        names.pop()
    return names
