"""Kopecks as roubles, the way a Russian or English reader expects them."""

from decimal import Decimal

from babel.numbers import format_decimal


def format_money(minor: int, lang: str = "ru") -> str:
    """34 990 ₽ in Russian, 34,990 ₽ in English; kopecks only when there are some."""
    pattern = "#,##0" if minor % 100 == 0 else "#,##0.00"
    number = format_decimal(
        Decimal(minor) / 100, format=pattern, locale="en_US" if lang == "en" else "ru_RU"
    )
    return f"{number} ₽"
