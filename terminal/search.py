"""The search screen's state, kept in its address: the words, the order and the guesses the
shopper took off. Every link on the screen (a chip's ✕, a sort button, a suggestion) is this
state with one thing changed, so the back button and a reload show the same screen."""

import re
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from flask import url_for

# The server's own shape of a chip ("intent:simple", "price:-1500000"): a tampered one is
# left out here, so the server never refuses the shopper's search for it.
_CHIP = re.compile(r"^(?:category|brand|price|spec|intent):[^,\x00-\x1f\x7f]{1,60}$")
SORTS = ("relevance", "price", "-price", "rating")
_REMOVED_CHARS = 400  # what the server reads of `removed`
QUERY_CHARS = 60


def removed_chips(raw: str | None) -> tuple[str, ...]:
    """The chips taken off, as "kind:value"; what cannot be read is dropped, not refused."""
    kept: list[str] = []
    for chip in dict.fromkeys((raw or "").split(",")):
        if _CHIP.match(chip) and len(",".join([*kept, chip])) <= _REMOVED_CHARS:
            kept.append(chip)
    return tuple(kept)


@dataclass(frozen=True)
class SearchState:
    query: str
    sort: str = "relevance"
    removed: tuple[str, ...] = ()

    def api_filters(self) -> dict[str, str | None]:
        return {"q": self.query, "removed": ",".join(self.removed) or None}

    def url(self) -> str:
        args = {"q": self.query}
        if self.sort != "relevance":
            args["sort"] = self.sort
        if self.removed:
            args["removed"] = ",".join(self.removed)
        return f"{url_for('catalog.search')}?{urlencode(args)}"

    def sorted_by(self, sort: str) -> str:
        return replace(self, sort=sort).url()

    def without(self, *chips: dict) -> str:
        """The same search less these chips (each as the API gave it: kind, value, label)."""
        gone = tuple(f"{chip['kind']}:{chip['value']}" for chip in chips)
        return replace(self, removed=removed_chips(",".join([*self.removed, *gone]))).url()

    def searching(self, words: str) -> str:
        """A fresh search for other words: a suggestion tapped."""
        return SearchState(words[:QUERY_CHARS]).url()
