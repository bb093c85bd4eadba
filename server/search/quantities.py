"""Numbers with units and prices, in the shopper's words and in the catalog's specs.

A quantity becomes one token such as "65in", "256gb" or "5000mah"; the index stores the same
tokens for each product's specs, so "65 дюймов" finds 65″ and "1 тб" finds "1 ТБ SSD".
"""

import re
from dataclasses import dataclass

_NUM = r"(\d+(?:[.,]\d+)?)"
UNITS = {
    "in": r"дюйм\w*|inch\w*|\"|″|′′|''|”",
    "gb": r"гб|gb|гигабайт\w*|гиг\w*",
    "tb": r"тб|tb|терабайт\w*",
    "mp": r"мп|mp|мегапиксел\w*",
    "mah": r"ма·ч|мач|mah|ма\s?ч",
    "hz": r"гц|hz|герц\w*",
    "kg": r"кг|kg|килограмм\w*",
    "l": r"литр\w*|л|l",
    "w": r"вт|w|ватт\w*",
    "mm": r"мм|mm",
    "bar": r"бар|bar",
}
_UNIT = re.compile(
    _NUM + r"(?:\s*/\s*" + _NUM + r")?\s*(" + "|".join(f"(?:{u})" for u in UNITS.values()) + r")"
    r"(?![0-9a-zа-я])"
)
_UNIT_NAMES = [(name, re.compile(f"^(?:{pattern})$")) for name, pattern in UNITS.items()]

_MONEY = r"(тысяч\w*|тыс\.?|к|k|000|т\.р\.?)?\s*(руб\w*|р\.?|₽|rub\w*|rouble\w*)?"
_PRICE_OPS = {
    "max": r"до|не дороже|не больше|не более|дешевле|в пределах|максимум|макс|под|under|below"
    r"|up to|less than|within|max|no more than|cheaper than",
    "min": r"от|дороже|более|больше|свыше|over|above|from|min|more than",
    "around": r"около|примерно|в районе|за|around|about|for",
}
_PRICE = re.compile(
    r"(?<![0-9a-zа-я])(?:("
    + "|".join(f"(?:{p})" for p in _PRICE_OPS.values())
    + r")\s*)?"
    + _NUM
    + r"\s*"
    + _MONEY
    + r"(?![0-9a-zа-я])"
)


@dataclass(frozen=True)
class Quantity:
    token: str  # "65in"
    number: str  # "65"
    unit: str  # "in"
    alias: bool = False  # the same quantity in another unit (1 TB as 1024 GB): no chip of its own


@dataclass(frozen=True)
class PriceRange:
    min_minor: int | None
    max_minor: int | None


def _number(text: str) -> str:
    value = float(text.replace(",", "."))
    return f"{value:g}"


def _unit_name(raw: str) -> str:
    return next(name for name, pattern in _UNIT_NAMES if pattern.match(raw))


def quantities(text: str) -> list[Quantity]:
    """Quantities in clean text; "8/256 ГБ" gives both 8gb and 256gb, a terabyte also its GB."""
    found: list[Quantity] = []
    for match in _UNIT.finditer(text):
        unit = _unit_name(match.group(3))
        for raw in filter(None, (match.group(1), match.group(2))):
            number = _number(raw)
            found.append(Quantity(f"{number}{unit}", number, unit))
            if unit == "tb":
                gb = f"{float(number) * 1024:g}"
                found.append(Quantity(f"{gb}gb", gb, "gb", alias=True))
    return found


def strip_quantities(text: str) -> str:
    return _UNIT.sub(" ", text)


# "от 5 до 10 тысяч": the multiplier at the end counts for both numbers.
_SHARED_MULTIPLIER = re.compile(
    r"(?<![0-9a-zа-я])(от|from)\s*(\d+(?:[.,]\d+)?)\s*(до|to|-|–)\s*(\d+(?:[.,]\d+)?)\s*"
    r"(тысяч\w*|тыс\.?|к|k)(?![0-9a-zа-я])"
)


def price_range(text: str) -> tuple[PriceRange | None, str]:
    """The price the shopper named, in kopecks, and the text without it.

    A bare number is a price only with an operator ("до 10000"), a multiplier ("40к",
    "20 тысяч") or a currency; "до 18" (hours, sizes) is not a price below 500 rubles.
    """
    text = _SHARED_MULTIPLIER.sub(r"\1 \2\5 \3 \4\5", text)
    low: int | None = None
    high: int | None = None
    rest = text
    for match in _PRICE.finditer(text):
        op_text, number, multiplier, currency = match.groups()
        if not (op_text or multiplier or currency):
            continue
        rubles = float(number.replace(",", ".")) * (1000 if multiplier else 1)
        if rubles < 500:
            continue
        kopecks = int(rubles * 100)
        op = _operator(op_text)
        if op == "min":
            low = kopecks
        elif op == "around":
            low, high = int(kopecks * 0.8), int(kopecks * 1.15)
        else:
            high = kopecks
        rest = rest.replace(match.group(0), " ", 1)
    if low is None and high is None:
        return None, text
    return PriceRange(low, high), rest


def _operator(text: str | None) -> str:
    if not text:
        return "max"
    return next(
        op for op, pattern in _PRICE_OPS.items() if re.fullmatch(f"(?:{pattern})", text.strip())
    )
