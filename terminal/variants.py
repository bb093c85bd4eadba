"""The variant picker of a product page: one row of colours, one of memory sizes.

Each choice leads to the variant that keeps the other attribute as it is when one
exists, else to one in stock here, so a tap changes only what the shopper tapped.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Choice:
    name: str
    sku: str  # the variant this choice opens
    rgb: str | None
    current: bool
    in_stock: bool


def _name(variant: dict[str, Any], key: str) -> str | None:
    part = variant.get(key)
    return part["name"] if part else None


def choices(product: dict[str, Any], key: str) -> list[Choice]:
    """The distinct values of ``key`` ("colour" or "memory") among the model's variants."""
    variants = product.get("variants") or []
    here = next((each for each in variants if each["sku"] == product["sku"]), None)
    if here is None or _name(here, key) is None:
        return []
    other = "memory" if key == "colour" else "colour"
    names: list[str] = []
    for variant in variants:
        name = _name(variant, key)
        if name is not None and name not in names:
            names.append(name)
    if len(names) < 2:
        return []
    found = []
    for name in names:
        same = [each for each in variants if _name(each, key) == name]
        # Same other attribute first, then one in stock, then the cheapest (the list's order).
        same.sort(
            key=lambda each: (_name(each, other) != _name(here, other), not each["available"])
        )
        target = same[0]
        found.append(
            Choice(
                name=name,
                sku=target["sku"],
                rgb=(target.get(key) or {}).get("rgb"),
                current=name == _name(here, key),
                in_stock=bool(target["available"]),
            )
        )
    return found
