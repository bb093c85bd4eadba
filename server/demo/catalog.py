"""Building blocks of the demo catalog: categories, colours, prices, specs and the item record.

The per-category generators live in the catalog_* modules next to this one; build_catalog()
runs them all with one seeded random generator, so every run gives the same catalog.
"""

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

# (code, name_ru, name_en, sku prefix, soft background colour for the photos)
CATEGORIES: list[tuple[str, str, str, str, tuple[int, int, int]]] = [
    ("smartphones", "Смартфоны", "Smartphones", "PH", (214, 228, 250)),
    ("tablets", "Планшеты", "Tablets", "TB", (222, 232, 246)),
    ("laptops", "Ноутбуки", "Laptops", "NB", (226, 224, 246)),
    ("monitors", "Мониторы", "Monitors", "MN", (220, 236, 240)),
    ("tvs", "Телевизоры", "TVs", "TV", (232, 226, 244)),
    ("headphones", "Наушники", "Headphones", "HP", (250, 226, 232)),
    ("smartwatches", "Умные часы и браслеты", "Smartwatches and bands", "SW", (226, 244, 236)),
    ("cameras", "Фотоаппараты", "Cameras", "CM", (240, 234, 222)),
    ("consoles", "Игровые консоли", "Game consoles", "GC", (236, 226, 250)),
    ("accessories", "Зарядки и аксессуары", "Chargers and accessories", "AC", (246, 238, 220)),
    ("washers", "Стиральные машины", "Washing machines", "WM", (218, 240, 248)),
    ("fridges", "Холодильники", "Refrigerators", "RF", (224, 242, 246)),
    ("vacuums", "Пылесосы", "Vacuum cleaners", "VC", (236, 244, 222)),
    ("microwaves", "Микроволновые печи", "Microwave ovens", "MW", (250, 234, 222)),
    ("coffee", "Кофемашины", "Coffee machines", "CF", (242, 230, 220)),
]
SKU_PREFIX = {code: prefix for code, _, _, prefix, _ in CATEGORIES}
BACKGROUND = {code: colour for code, *_, colour in CATEGORIES}


@dataclass(frozen=True)
class Colour:
    ru: str
    en: str
    code: str
    rgb: tuple[int, int, int]


COLOURS = {
    c.en: c
    for c in [
        Colour("чёрный", "black", "BLK", (38, 38, 44)),
        Colour("белый", "white", "WHT", (246, 246, 244)),
        Colour("серебристый", "silver", "SLV", (196, 200, 206)),
        Colour("серый", "grey", "GRY", (128, 132, 140)),
        Colour("графитовый", "graphite", "GRP", (70, 74, 82)),
        Colour("тёмно-синий", "navy", "NVY", (38, 56, 102)),
        Colour("синий", "blue", "BLU", (52, 106, 196)),
        Colour("голубой", "light blue", "LBL", (140, 190, 232)),
        Colour("зелёный", "green", "GRN", (70, 140, 100)),
        Colour("мятный", "mint", "MNT", (160, 220, 196)),
        Colour("фиолетовый", "purple", "PRP", (120, 90, 170)),
        Colour("розовый", "pink", "PNK", (236, 170, 190)),
        Colour("красный", "red", "RED", (200, 50, 50)),
        Colour("жёлтый", "yellow", "YLW", (240, 200, 70)),
        Colour("золотистый", "gold", "GLD", (216, 186, 130)),
        Colour("бежевый", "beige", "BEG", (222, 204, 176)),
        Colour("нержавеющая сталь", "stainless steel", "INX", (178, 182, 186)),
        Colour("натуральный титан", "natural titanium", "TIT", (168, 162, 150)),
    ]
}


def colours(*names: str) -> list[Colour]:
    return [COLOURS[name] for name in names]


def pick_colours(rng: random.Random, names: list[str], most: int = 2) -> list[Colour]:
    """One to `most` of the named colours, chosen by rng."""
    return colours(*rng.sample(names, min(len(names), rng.randint(1, most))))


Spec = tuple[str, str, str, str]  # label_ru, label_en, value_ru, value_en


def num_en(value: float) -> str:
    """6.6 -> "6.6"; 20000 -> "20,000"."""
    if isinstance(value, float):
        return f"{value:g}"
    return f"{value:,}" if value >= 10000 else str(value)


def num_ru(value: float) -> str:
    """6.6 -> "6,6"; 20000 -> "20 000": Russian writes a decimal comma and spaced thousands."""
    return num_en(value).replace(",", " ").replace(".", ",")


def spec(
    label_ru: str, label_en: str, value: float | str | tuple[str, str], ru: str = "", en: str = ""
) -> Spec:
    """One spec row; a number gets its unit in each language, a pair is (ru, en) text."""
    if isinstance(value, tuple):
        return (label_ru, label_en, value[0], value[1])
    if isinstance(value, str):
        return (label_ru, label_en, value, value)
    sep = "" if ru.startswith("″") else " "
    return (
        label_ru,
        label_en,
        f"{num_ru(value)}{sep}{ru}".strip(),
        f"{num_en(value)}{sep}{en}".strip(),
    )


Value = float | str | tuple[str, str] | None
Label = tuple[str, str, str, str]  # label_ru, label_en, unit_ru, unit_en


def specs_from(labels: list[Label], values: list[Value]) -> list[Spec]:
    """Spec rows from a category's labels and one product's values; None leaves a row out."""
    return [
        spec(lr, le, value, ur, ue)
        for (lr, le, ur, ue), value in zip(labels, values, strict=True)
        if value is not None
    ]


def article(word: str) -> str:
    return "An" if word[:1].lower() in "aeiou" else "A"


YES_NO = {True: ("есть", "yes"), False: ("нет", "no")}


def price(rng: random.Random, rubles: float) -> int:
    """A shelf price in kopecks near `rubles`, ending in 90 or 99 rubles (34 990 ₽)."""
    value = rubles * rng.uniform(0.97, 1.03)
    step = 100 if value < 2000 else 500 if value < 20000 else 1000
    rounded = max(step, round(value / step) * step)
    return (rounded - rng.choice((10, 10, 10, 1))) * 100


@dataclass
class Item:
    category: str
    sku: str
    brand: str
    name_ru: str
    name_en: str
    description_ru: str
    description_en: str
    specs: list[Spec]
    price_minor: int
    short: str  # model name for the photo
    colour: Colour | None = None
    shape: str = ""  # photo silhouette; the category code unless set
    extra: dict[str, str] = field(default_factory=dict)
    model_code: str | None = None  # shared by one model's colours and memory sizes
    variant: dict[str, dict[str, str]] = field(default_factory=dict)

    def specs_json(self) -> dict[str, list[list[str]]]:
        return {
            "ru": [[lr, vr] for lr, _, vr, _ in self.specs],
            "en": [[le, ve] for _, le, _, ve in self.specs],
        }


def make_item(
    category: str,
    *,
    sku_parts: list[str],
    brand: str,
    model: str,
    type_ru: str,
    type_en: str = "",
    variant: tuple[str, str] = ("", ""),
    colour: Colour | None = None,
    price_minor: int,
    description: tuple[str, str],
    specs: list[Spec],
    shape: str = "",
    model_parts: list[str] | None = None,
    memory: tuple[str, str] | None = None,
) -> Item:
    """Russian names start with the kind of goods, as Russian shops write them.

    Items with the same ``model_parts`` (the SKU parts naming the model, all of
    ``sku_parts`` by default) are variants of one model when they differ by colour or memory.
    """
    # "Xiaomi Wireless Mouse Lite", not "... Mouse Lite mouse"; no "Wireless wireless".
    model_words = model.lower().split()
    if type_en and type_en.split()[-1].lower() in model_words:
        type_en = ""
    type_en = " ".join(word for word in type_en.split() if word.lower() not in model_words)
    tail_ru = " ".join(part for part in (brand, model, variant[0]) if part)
    tail_en = " ".join(part for part in (brand, model, variant[1], type_en) if part)
    name_ru = f"{type_ru} {tail_ru}"
    name_en = tail_en
    if colour is not None:
        name_ru += f", {colour.ru}"
        name_en += f", {colour.en}"
    parts = [SKU_PREFIX[category], *sku_parts] + ([colour.code] if colour else [])
    sku = "-".join(re.sub(r"[^A-Z0-9]", "", p.upper()) for p in parts if p)[:32]
    choice: dict[str, dict[str, str]] = {}
    if colour is not None or memory is not None:
        group = [SKU_PREFIX[category], *(sku_parts if model_parts is None else model_parts)]
        model_code = "-".join(re.sub(r"[^A-Z0-9]", "", p.upper()) for p in group if p)[:64]
        choice["model"] = {"ru": f"{type_ru} {brand} {model}", "en": f"{brand} {model}"}
        if colour is not None:
            choice["colour"] = {
                "ru": colour.ru,
                "en": colour.en,
                "rgb": "#" + "".join(f"{c:02x}" for c in colour.rgb),
            }
        if memory is not None:
            choice["memory"] = {"ru": memory[0], "en": memory[1]}
    else:
        model_code = None
    return Item(
        category=category,
        sku=sku,
        brand=brand,
        name_ru=name_ru,
        name_en=name_en,
        description_ru=description[0],
        description_en=description[1],
        specs=specs,
        price_minor=price_minor,
        short=model,
        colour=colour,
        shape=shape or category,
        model_code=model_code,
        variant=choice,
    )


Generator = Callable[[random.Random], Iterator[Item]]


def build_catalog(rng: random.Random) -> list[Item]:
    """Every demo product, in category order, with unique SKUs."""
    from server.demo import (
        catalog_accessories,
        catalog_computers,
        catalog_gadgets,
        catalog_home,
        catalog_kitchen,
        catalog_mobile,
        catalog_together,
    )

    generators: list[Generator] = [
        *catalog_mobile.GENERATORS,
        *catalog_computers.GENERATORS,
        *catalog_gadgets.GENERATORS,
        *catalog_accessories.GENERATORS,
        *catalog_home.GENERATORS,
        *catalog_kitchen.GENERATORS,
        *catalog_together.GENERATORS,
    ]
    items: list[Item] = []
    seen: set[str] = set()
    for generate in generators:
        for item in generate(rng):
            base, n = item.sku[:29], 2
            while item.sku in seen:
                item.sku = f"{base}-{n}"
                n += 1
            seen.add(item.sku)
            items.append(item)
    order = {code: i for i, (code, *_) in enumerate(CATEGORIES)}
    items.sort(key=lambda it: order[it.category])
    return items
