"""The catalog: categories and products, named in Russian and English."""

from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.models.base import Base


def fold(text: str) -> str:
    """Lower case with ё as е: people type "черный" for "чёрный"."""
    return text.lower().replace("ё", "е")


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_ru: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)
    # The accounting system's id (a CommerceML group's Ид): how an import finds it again.
    external_id: Mapped[str | None] = mapped_column(String(80), unique=True, default=None)
    # Days from hand-out within which goods may be returned / repaired under warranty
    # (None: the chain's RETURN_DAYS / WARRANTY_DAYS).
    return_days: Mapped[int | None]
    warranty_days: Mapped[int | None]

    products: Mapped[list["Product"]] = relationship(back_populates="category")

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_ru


class Product(Base):
    __tablename__ = "products"
    # The search's candidates in price order within a category ("для мамы", sort=price).
    __table_args__ = (Index("ix_products_category_price", "category_id", "price_minor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    # The accounting system's id (a CommerceML good's Ид): offers.xml names goods by it.
    external_id: Mapped[str | None] = mapped_column(String(80), unique=True, default=None)
    brand: Mapped[str] = mapped_column(String(60), index=True)
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    description_ru: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    # {"ru": [[label, value], ...], "en": [...]}: labels and units differ by language.
    specs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # File names under the media folder, first one is the main photo.
    photos: Mapped[list[str]] = mapped_column(JSON, default=list)
    price_minor: Mapped[int]
    # Lower-cased names and SKU: SQLite's LIKE folds ASCII only, so Cyrillic search needs this.
    search_text: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    # Products sharing a model_code are one model's variants, chosen on its product page.
    model_code: Mapped[str | None] = mapped_column(String(64), index=True, default=None)
    # {"model": {"ru", "en"}, "colour": {"ru", "en", "rgb"}, "memory": {"ru", "en"}}: what
    # tells this variant from its siblings, each part present only when it varies.
    variant: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    category: Mapped[Category] = relationship(back_populates="products")

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_ru

    def model_name(self, locale: str) -> str:
        model = self.variant.get("model") if self.variant else None
        return model["en" if locale == "en" else "ru"] if model else self.name(locale)

    def description(self, locale: str) -> str:
        return self.description_en if locale == "en" else self.description_ru

    def refresh_search_text(self) -> None:
        self.search_text = fold(" ".join([self.sku, self.brand, self.name_ru, self.name_en]))
