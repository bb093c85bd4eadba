"""What an import reports: one problem per bad row or element, and how far it has read."""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _

# Past this many problems the file is clearly the wrong one: the rest are only counted.
MAX_PROBLEMS = 1000

# Called with the phase ("checking" or "applying") and the percentage of all the work done.
Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class Problem:
    file: str
    reason: str
    line: int | None = None
    element: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(_("line %(line)s", line=self.line))
        if self.element:
            where.append(self.element)
        return f"{', '.join(where)}: {self.reason}"


class ImportRefused(Exception):
    """The import applied nothing; `problems` say why, one per bad row or element."""

    def __init__(self, problems: list[Problem], more: int = 0) -> None:
        super().__init__(f"{len(problems) + more} problems")
        self.problems = problems
        self.more = more

    def lines(self) -> list[str]:
        lines = [str(p) for p in self.problems]
        if self.more:
            lines.append(_("…and %(count)s more problems.", count=self.more))
        return lines


class Problems:
    """Collects problems up to MAX_PROBLEMS and counts the rest."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.more = 0

    def add(self, problem: Problem) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(problem)
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_any(self) -> None:
        if self.items:
            raise ImportRefused(self.items, self.more)


class Tracker:
    """Turns bytes read from each file, in each pass, into one percentage for the person."""

    def __init__(self, total_bytes: int, report: Progress | None) -> None:
        self.total = max(total_bytes, 1)
        self.report = report
        self.base = 0
        self.phase = "checking"
        self.last = -1

    def start(self, phase: str) -> None:
        """A new phase is always reported, before the phase does any work."""
        self.phase = phase
        self.last = -1
        self._send(self.base)

    def reader(self, size: int) -> Callable[[int], None]:
        """A callback for one file's reading: the position it reached, in bytes."""
        base = self.base
        self.base += size
        return lambda position: self._send(base + min(position, size))

    def _send(self, done: int) -> None:
        percent = min(100 * done // self.total, 100)
        if self.report is not None and percent != self.last:
            self.last = percent
            self.report(self.phase, percent)
