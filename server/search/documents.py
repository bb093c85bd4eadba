"""A product as the index sees it: stems of its names, and stems and quantities of its specs."""

from collections.abc import Iterable
from typing import Any

from server.search.quantities import quantities
from server.search.text import clean, stem, tokens

# A spec that says the product lacks something must not match a search for that thing.
_ABSENT = {"нет", "no", "none", "без"}
_PRESENT = {"есть", "yes"}


def stems(text: str) -> list[str]:
    return [stem(t) for t in tokens(clean(text))]


def names_text(names: Iterable[str]) -> str:
    joined = " ".join(names)
    return " ".join(dict.fromkeys([*stems(joined), *(q.token for q in quantities(clean(joined)))]))


def specs_text(specs: dict[str, Any]) -> str:
    """Both languages' spec rows; "No Frost: есть" indexes "no frost", "No Frost: нет" nothing."""
    words: list[str] = []
    for rows in specs.values():
        for label, value in rows:
            value_words = set(tokens(clean(str(value))))
            if value_words & _ABSENT and not value_words - _ABSENT:
                continue
            text = str(label) if value_words <= _PRESENT else f"{label} {value}"
            words.extend(stems(text))
            words.extend(q.token for q in quantities(clean(str(value))))
    return " ".join(dict.fromkeys(words))


def surface_words(texts: Iterable[str]) -> set[str]:
    return {t for text in texts for t in tokens(clean(text)) if not t[0].isdigit()}


KEY_UNITS = ("in", "gb", "tb")  # screen size, memory and storage


def key_specs(words: Iterable[str]) -> frozenset[str]:
    """Screen and memory tokens among a product's index words ("65in", "256gb", "1tb", not
    "5000mah"), read without a pattern: the facets read them for every result."""
    found = {
        w
        for w in words
        if w[-2:] in KEY_UNITS and w[:1].isdigit() and w[:-2].replace(".", "").isdigit()
    }
    # The index also holds a terabyte as gigabytes (quantities.py): one facet for it.
    terabytes = {f"{float(t[:-2]) * 1024:g}gb" for t in found if t.endswith("tb")}
    return frozenset(found - terabytes) if terabytes else frozenset(found)
