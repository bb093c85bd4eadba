"""The labelled shopper queries (queries.json) and what makes a product a right answer."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from server.models import Product

QUERIES = Path(__file__).with_name("queries.json")


@dataclass(frozen=True)
class Labelled:
    q: str
    lang: str
    want: dict[str, Any] | None  # None: nothing in the catalog fits


def load(part: str) -> list[Labelled]:
    """`tuning` or `held_out`."""
    data = json.loads(QUERIES.read_text(encoding="utf-8"))
    return [Labelled(item["q"], item.get("lang", "ru"), item["want"]) for item in data[part]]


def relevant(product: Product, want: dict[str, Any]) -> bool:
    rubles = product.price_minor / 100
    specs = "; ".join(f"{label}={value}" for label, value in product.specs.get("ru", []))
    checks = [
        "category" not in want or product.category.code == want["category"],
        "brand" not in want or product.brand in want["brand"],
        "sku" not in want or any(product.sku.startswith(p) for p in want["sku"]),
        "max_price" not in want or rubles <= want["max_price"],
        "min_price" not in want or rubles >= want["min_price"],
        "spec" not in want or want["spec"] in specs,
    ]
    return all(checks)
