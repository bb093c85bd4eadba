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
# The server's own shapes of facet values; a tampered one is dropped, not sent.
_FACETS = {
    "brand": re.compile(r"^[^\W_][\w .'&+-]{0,59}$"),
    "price": re.compile(r"^\d{0,12}-\d{0,12}$"),
    "spec": re.compile(r"^[0-9.]{1,12}[a-z]{1,4}$"),
}


def facet_value(kind: str, raw: str | None) -> str | None:
    return raw if raw and _FACETS[kind].match(raw) else None


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
    facets: tuple[tuple[str, str], ...] = ()  # (kind, value) tapped: at most one of a kind

    def api_filters(self) -> dict[str, str | None]:
        return {"q": self.query, "removed": ",".join(self.removed) or None, **dict(self.facets)}

    def url(self) -> str:
        args = {"q": self.query}
        if self.sort != "relevance":
            args["sort"] = self.sort
        if self.removed:
            args["removed"] = ",".join(self.removed)
        args.update(self.facets)
        return f"{url_for('catalog.search')}?{urlencode(args)}"

    def is_on(self, facet: dict) -> bool:
        return (facet["kind"], facet["value"]) in self.facets

    def toggled(self, facet: dict) -> str:
        """The same search with this facet tapped (another of its kind let go), or let go."""
        others = tuple(f for f in self.facets if f[0] != facet["kind"])
        chosen = () if self.is_on(facet) else ((facet["kind"], facet["value"]),)
        return replace(self, facets=others + chosen).url()

    def sorted_by(self, sort: str) -> str:
        return replace(self, sort=sort).url()

    def without(self, *chips: dict) -> str:
        """The same search less these chips (each as the API gave it: kind, value, label)."""
        gone = tuple(f"{chip['kind']}:{chip['value']}" for chip in chips)
        return replace(self, removed=removed_chips(",".join([*self.removed, *gone]))).url()

    def searching(self, words: str) -> str:
        """A fresh search for other words: a suggestion tapped."""
        return SearchState(words[:QUERY_CHARS]).url()
