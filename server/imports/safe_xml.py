"""Streaming CommerceML with a hardened parser: no DTD, no entities, nothing fetched.

1C never writes a document type, so any DTD is refused before expat can expand an
entity bomb, read a local file or fetch a URL (defusedxml on the standard library's
expat). Only the elements the import reads are built, one at a time, and dropped once
handed over, so memory follows one good, never the file.
"""

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser
from flask_babel import gettext as _

from server.imports.problems import ImportRefused, Problem
from server.imports.reading import CHUNK

ROOT = "КоммерческаяИнформация"


@dataclass(frozen=True)
class Record:
    path: str  # from under the root, e.g. "Каталог/Товары/Товар"
    element: ET.Element
    line: int


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


class _Collector:
    """expat's target: keeps the path, builds only the wanted elements."""

    def __init__(self, wanted: frozenset[str], name: str) -> None:
        self.wanted = wanted
        self.name = name
        self.path: list[str] = []
        self.builder: ET.TreeBuilder | None = None
        self.depth = 0
        self.key = ""
        self.line = 0
        self.ready: list[Record] = []
        self.line_of: Callable[[], int] = lambda: 0
        self.sections: set[str] = set()

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = _local(tag)
        if not self.path and name != ROOT:
            reason = _("this is not a CommerceML file from 1C (its root is <%(root)s>)", root=name)
            raise ImportRefused([Problem(self.name, reason, line=self.line_of())])
        self.path.append(name)
        if len(self.path) == 2:
            self.sections.add(name)
        if self.builder is None:
            key = "/".join(self.path[1:])
            if key in self.wanted:
                self.builder, self.key, self.line, self.depth = ET.TreeBuilder(), key, 0, 0
                self.line = self.line_of()
        if self.builder is not None:
            self.depth += 1
            self.builder.start(name, {_local(k): v for k, v in attrs.items()})

    def end(self, tag: str) -> None:
        if self.builder is not None:
            element = self.builder.end(_local(tag))
            self.depth -= 1
            if self.depth == 0:
                self.ready.append(Record(self.key, element, self.line))
                self.builder = None
        self.path.pop()

    def data(self, text: str) -> None:
        if self.builder is not None:
            self.builder.data(text)

    def close(self) -> None:
        return None


def records(
    path: Path, name: str, wanted: frozenset[str], on_bytes: Callable[[int], None]
) -> Iterator[Record]:
    """The wanted elements of the file, in order, each with the line it starts on.

    Raises ImportRefused for a DTD or entity (hostile or not, 1C never writes one) and
    for XML that is not well-formed.
    """
    collector = _Collector(wanted, name)
    parser: Any = DefusedXMLParser(
        target=collector, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    collector.line_of = lambda: int(parser.parser.CurrentLineNumber)
    position = 0
    with path.open("rb") as source:
        while True:
            chunk = source.read(CHUNK)
            _feed(parser, chunk, name, collector)
            position += len(chunk)
            on_bytes(position)
            yield from collector.ready
            collector.ready.clear()
            if not chunk:
                break
    if not collector.sections:
        raise ImportRefused([Problem(name, _("the file holds no CommerceML data"))])


def _feed(parser: Any, chunk: bytes, name: str, collector: _Collector) -> None:
    try:
        if chunk:
            parser.feed(chunk)
        else:
            parser.close()
    except DTDForbidden as exc:
        raise ImportRefused([Problem(name, _refusal(exc), line=collector.line_of())]) from None
    except (EntitiesForbidden, ExternalReferenceForbidden):
        reason = _("the file declares entities; 1C never does, and they can hide an attack")
        raise ImportRefused([Problem(name, reason, line=collector.line_of())]) from None
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        reason = _("the XML is broken (%(error)s)", error=str(exc).split(":")[0])
        raise ImportRefused([Problem(name, reason, line=line)]) from None
    except LookupError:
        raise ImportRefused([Problem(name, _("the file's declared encoding is unknown"))]) from None


def _refusal(exc: DTDForbidden) -> str:
    if exc.sysid:
        return _(
            "refused for safety: the file declares a document type (DTD) that points to "
            "%(address)s; 1C never writes one, and it can be used to read files or reach "
            "other servers",
            address=str(exc.sysid)[:100],
        )
    return _(
        "refused for safety: the file declares a document type (DTD) with entities; 1C "
        "never writes one, and it can be used to expand a few bytes into gigabytes or to "
        "read files"
    )
