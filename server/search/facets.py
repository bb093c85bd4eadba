"""Facets of a result set: brands, price bands and key specs (screen, memory), each with how
many of the results have it, and the results narrowed to the ones the shopper tapped.

Counted over the whole ranked set, before the shopper's own facet choices narrow it, so a
tapped brand never hides the other brands to switch to.
"""

from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from server.search.documents import KEY_UNITS, key_specs
from server.search.labels import price_label, spec_label
from server.search.quantities import PriceRange, Quantity
from server.search.ranking import Candidate

# Bands in rubles; a band no result falls in is not offered.
BANDS = [(0, 5_000), (5_000, 15_000), (15_000, 30_000), (30_000, 60_000), (60_000, 100_000)]
MAX_BRANDS = 12
MAX_SPECS = 8


@dataclass(frozen=True)
class Facet:
    kind: str  # brand, price, spec
    value: str  # brand name, "min-max" in kopecks (an open end empty), spec token
    label: str
    count: int


@dataclass(frozen=True)
class Chosen:
    brand: str | None = None
    price: str | None = None  # "min-max" in kopecks
    spec: str | None = None  # a quantity token, e.g. "65in"


def _bands() -> list[tuple[int, int | None]]:
    ends: list[tuple[int, int | None]] = [(low * 100, high * 100) for low, high in BANDS]
    return [*ends, (BANDS[-1][1] * 100, None)]


def _band_value(low: int, high: int | None) -> str:
    return f"{low or ''}-{'' if high is None else high}"


def _in_band(price: int, low: int, high: int | None) -> bool:
    return price >= low and (high is None or price < high)


def _specs(candidate: Candidate) -> AbstractSet[str]:
    if candidate.key_specs is None:  # not in the search's picture yet: read its words
        candidate.key_specs = key_specs([*candidate.names, *candidate.attrs])
    return candidate.key_specs


def facets(candidates: list[Candidate], language: str) -> list[Facet]:
    if len(candidates) < 2:
        return []
    brands = Counter(c.brand for c in candidates if c.brand)
    prices = [c.price_minor for c in candidates]
    out = [Facet("brand", b, b, n) for b, n in brands.most_common(MAX_BRANDS)]
    for low, high in _bands():
        n = sum(1 for price in prices if _in_band(price, low, high))
        if n:
            label = price_label(PriceRange(low or None, high), language)
            out.append(Facet("price", _band_value(low, high), label, n))
    specs = Counter(token for c in candidates for token in _specs(c))
    for token, n in specs.most_common(MAX_SPECS):
        unit = next(u for u in KEY_UNITS if token.endswith(u))
        number = token[: -len(unit)]
        out.append(Facet("spec", token, spec_label(Quantity(token, number, unit), language), n))
    # One value of a kind helps nobody choose: offer kinds with a choice only.
    kinds = Counter(f.kind for f in out)
    return [f for f in out if kinds[f.kind] > 1]


def narrowed(candidates: list[Candidate], chosen: Chosen) -> list[Candidate]:
    kept = candidates
    if chosen.brand:
        kept = [c for c in kept if c.brand.lower() == chosen.brand.lower()]
    if chosen.price:
        low_text, _sep, high_text = chosen.price.partition("-")
        low, high = int(low_text or 0), int(high_text) if high_text else None
        kept = [c for c in kept if _in_band(c.price_minor, low, high)]
    if chosen.spec:
        kept = [c for c in kept if chosen.spec in _specs(c)]
    return kept
