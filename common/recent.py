"""A bounded memory of recent things: the terminal's last checkouts, the pickup's last
results on screen. Only the last few people can come back for a reprint, so the oldest
is forgotten first and a kiosk that runs for months keeps a fixed amount."""

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

Key = TypeVar("Key")
Value = TypeVar("Value")


class Recent(Generic[Key, Value]):
    """The last ``keep`` values by key, thread-safe (the camera loop and requests share it)."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self._lock = threading.Lock()
        self._items: OrderedDict[Key, Value] = OrderedDict()

    def remember(self, key: Key, value: Value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.keep:
                self._items.popitem(last=False)

    def get(self, key: Key) -> Value | None:
        with self._lock:
            return self._items.get(key)

    def latest(self) -> Value | None:
        with self._lock:
            return next(reversed(self._items.values()), None)

    def find(self, matches: Callable[[Value], bool]) -> Value | None:
        """The newest value that ``matches``."""
        with self._lock:
            return next((value for value in reversed(self._items.values()) if matches(value)), None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def every(self, matches: Callable[[Value], bool]) -> list[Value]:
        """All values that ``matches``, oldest first."""
        with self._lock:
            return [value for value in self._items.values() if matches(value)]
