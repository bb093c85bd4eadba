"""The chips: what the search understood, as the shopper sees it in their language."""

from dataclasses import dataclass

from flask_babel import gettext as _

from server.search.quantities import PriceRange, Quantity
from server.search.understand import Query
from server.search.vocabulary import Vocabulary


@dataclass(frozen=True)
class Chip:
    kind: str  # category, brand, price, spec, intent
    value: str
    label: str


def chips(query: Query, vocabulary: Vocabulary, language: str) -> list[Chip]:
    found = [Chip("category", c, vocabulary.category_name(c, language)) for c in query.categories]
    found += [Chip("brand", b, b) for b in query.brands]
    if query.price:
        found.append(Chip("price", query.price_value, price_label(query.price, language)))
    found += [Chip("spec", q.token, spec_label(q, language)) for q in query.specs if not q.alias]
    found += [
        Chip("intent", i.code, i.label.get(language) or i.label.get("en", i.code))
        for i in query.intents
    ]
    return found


def rubles(minor: int, language: str) -> str:
    whole = f"{minor // 100:,}"
    return (whole if language == "en" else whole.replace(",", "\u00a0")) + "\u00a0₽"


def price_label(price: PriceRange, language: str) -> str:
    if price.min_minor is not None and price.max_minor is not None:
        return _(
            "%(low)s to %(high)s",
            low=rubles(price.min_minor, language),
            high=rubles(price.max_minor, language),
        )
    if price.min_minor is not None:
        return _("from %(price)s", price=rubles(price.min_minor, language))
    return _("up to %(price)s", price=rubles(price.max_minor or 0, language))


def spec_label(quantity: Quantity, language: str) -> str:
    number = quantity.number if language == "en" else quantity.number.replace(".", ",")
    unit = _unit(quantity.unit)
    return f"{number}{unit}" if unit == "″" else f"{number}\u00a0{unit}"


def _unit(code: str) -> str:
    units = {
        "in": "″",
        "gb": _("GB"),
        "tb": _("TB"),
        "mp": _("MP"),
        "mah": _("mAh"),
        "hz": _("Hz"),
        "kg": _("kg"),
        "l": _("l"),
        "w": _("W"),
        "mm": _("mm"),
        "bar": _("bar"),
    }
    return units.get(code, code)
