"""Demo goods that go with others: phone cases and screen glass, laptop bags, TV wall
mounts and HDMI cables; and which goods each is offered with (`LINKS`, read by
server/demo/together.py). Drawn with their own random numbers, so adding them changed no
other demo product."""

import random
from collections.abc import Iterator

from server.demo.catalog import Item, Label, Value, make_item, price, specs_from

KINDS: dict[str, tuple[str, str, list[Label], str, str, str]] = {
    "case": ("Чехол", "case", [
        ("Материал", "Material", "", ""),
        ("Для моделей", "Fits", "", ""),
        ("Толщина", "Thickness", "мм", "mm"),
        ("Вес", "Weight", "г", "g"),
    ], "Защищает корпус и камеру от ударов и царапин.",
       "Protects the body and the camera from knocks and scratches.", "smartphones"),
    "glass": ("Защитное стекло", "screen protector", [
        ("Покрытие", "Coverage", "", ""),
        ("Для моделей", "Fits", "", ""),
        ("Твёрдость", "Hardness", "", ""),
        ("Толщина", "Thickness", "мм", "mm"),
    ], "Закалённое стекло 9H сохраняет экран целым при падении.",
       "Tempered 9H glass keeps the screen whole when dropped.", "card"),
    "bag": ("Сумка для ноутбука", "laptop bag", [
        ("Диагональ", "Fits screens up to", "″", "in"),
        ("Материал", "Material", "", ""),
        ("Отделения", "Compartments", "", ""),
        ("Вес", "Weight", "г", "g"),
    ], "Мягкое отделение для ноутбука и карман для зарядки и мыши.",
       "A padded laptop sleeve and a pocket for the charger and mouse.", "laptops"),
    "backpack": ("Рюкзак для ноутбука", "laptop backpack", [
        ("Диагональ", "Fits screens up to", "″", "in"),
        ("Материал", "Material", "", ""),
        ("Отделения", "Compartments", "", ""),
        ("Вес", "Weight", "г", "g"),
    ], "Мягкое отделение для ноутбука, карманы для зарядки и мелочей.",
       "A padded laptop sleeve and pockets for the charger and small things.", "laptops"),
    "mount": ("Кронштейн для телевизора", "TV wall mount", [
        ("Диагональ", "Screen sizes", "″", "in"),
        ("Нагрузка", "Max load", "кг", "kg"),
        ("Наклон", "Tilt", "°", "°"),
        ("VESA", "VESA", "", ""),
    ], "Настенный наклонный кронштейн, крепёж в комплекте.",
       "A tilting wall mount, fixings included.", "monitors"),
    "hdmi": ("Кабель HDMI", "HDMI cable", [
        ("Версия", "Version", "", ""),
        ("Длина", "Length", "м", "m"),
        ("Пропускная способность", "Bandwidth", "Гбит/с", "Gbit/s"),
        ("Разъёмы", "Connectors", "", ""),
    ], "Передаёт 4K 120 Гц и 8K для телевизора, консоли и монитора.",
       "Carries 4K 120 Hz and 8K for a TV, console or monitor.", "cable"),
}  # fmt: skip

SILICONE, TPU = ("силикон", "silicone"), ("TPU", "TPU")
HDMI_HDMI = ("HDMI — HDMI", "HDMI — HDMI")
POLYESTER = ("полиэстер", "polyester")
IPHONE, GALAXY = ("iPhone", "iPhone"), ("Samsung Galaxy", "Samsung Galaxy")
XIAOMI = ("Xiaomi, Redmi, POCO", "Xiaomi, Redmi, POCO")
UP_TO_67 = ("смартфоны до 6,7″", "phones up to 6.7 in")
FULL = ("полное, с рамкой", "full screen, framed")
# kind, brand, model, sku code, rubles, spec values
GOODS: list[tuple[str, str, str, str, int, list[Value]]] = [  # fmt: skip
    ("case", "uBear", "Touch Case для iPhone", "UBIPH", 1490, [SILICONE, IPHONE, 1.2, 32]),
    ("case", "uBear", "Touch Case для Samsung Galaxy", "UBSAM", 1290, [SILICONE, GALAXY, 1.2, 30]),
    ("case", "Deppa", "Gel Color для Xiaomi", "DPXIA", 790, [TPU, XIAOMI, 1.0, 24]),
    ("case", "Deppa", "Gel Universal 6,7″", "DPUNI", 690, [TPU, UP_TO_67, 1.0, 22]),
    ("glass", "Red Line", "для iPhone", "RLIPH", 990, [FULL, IPHONE, "9H", 0.33]),
    ("glass", "Red Line", "для Samsung Galaxy", "RLSAM", 890, [FULL, GALAXY, "9H", 0.33]),
    ("glass", "Red Line", "универсальное 6,7″", "RLUNI", 590, [FULL, UP_TO_67, "9H", 0.3]),
    ("bag", "Samsonite", "Network 4 15,6″", "SNW4", 5990, [15.6, POLYESTER, 3, 720]),
    ("backpack", "Xiaomi", "Commuter Backpack", "XCB", 2990, [15.6, POLYESTER, 4, 680]),
    ("mount", "Kromax", "Ideal-3", "KID3", 2490, [("32–65",) * 2, 40, 15, ("400×400",) * 2]),
    ("mount", "Holder", "LCD-T6606", "HT66", 3490, [("43–85",) * 2, 60, 12, ("600×400",) * 2]),
    ("hdmi", "Ugreen", "HDMI 2.1 8K 2 м", "HD140", 1290, [("2.1", "2.1"), 2, 48, HDMI_HDMI]),
    ("hdmi", "Belsis", "HDMI 2.0 1,5 м", "BS1015", 490, [("2.0", "2.0"), 1.5, 18, HDMI_HDMI]),
]  # fmt: skip

_CASE = (
    "Без чехла и защитного стекла телефон прослужит в 1,5–2 раза меньше.",
    "Without a case and screen glass a phone lasts half as long.",
)
_GLASS = (
    "Экран — самая дорогая деталь при ремонте: стекло берёт удар на себя.",
    "The screen is the dearest repair: the glass takes the blow instead.",
)
_CHARGER = (
    "Зарядки в коробке нет: эта заряжает до 50 % за полчаса.",
    "No charger in the box: this one charges to 50 % in half an hour.",
)
_CABLE = (
    "Запасной кабель: один дома, другой в дороге.",
    "A spare cable: one at home, one on the go.",
)
_BAG = (
    "Ноутбук в сумке переживёт дорогу и дождь.",
    "A laptop in a bag survives the commute and the rain.",
)
_MOUSE = ("С мышью работать быстрее, чем с тачпадом.", "A mouse is quicker than the touchpad.")
_MOUNT = (
    "Кронштейна в коробке нет: без него телевизор только на тумбу.",
    "No wall mount in the box: without one the TV needs a stand.",
)
_HDMI = (
    "Кабель HDMI 2.1 нужен для 4K 120 Гц с консоли или ПК.",
    "An HDMI 2.1 cable is needed for 4K 120 Hz from a console or PC.",
)
_CARD = ("Для 4K-видео нужна быстрая карта памяти.", "4K video needs a fast memory card.")

# (category, brand of the goods: "" every one, "*" the brands not named)
#   -> [(the accessory's SKU start, reason)]
LINKS: dict[tuple[str, str], list[tuple[str, tuple[str, str]]]] = {
    ("smartphones", "Apple"): [("AC-UBE-UBIPH", _CASE), ("AC-RED-RLIPH", _GLASS)],
    ("smartphones", "Samsung"): [("AC-UBE-UBSAM", _CASE), ("AC-RED-RLSAM", _GLASS)],
    ("smartphones", "Xiaomi"): [("AC-DEP-DPXIA", _CASE), ("AC-RED-RLUNI", _GLASS)],
    ("smartphones", "POCO"): [("AC-DEP-DPXIA", _CASE), ("AC-RED-RLUNI", _GLASS)],
    ("smartphones", "*"): [("AC-DEP-DPUNI", _CASE), ("AC-RED-RLUNI", _GLASS)],
    ("smartphones", ""): [("AC-ANK-A2147", _CHARGER), ("AC-BAS-CAJS", _CABLE)],
    ("laptops", ""): [("AC-SAM-SNW4", _BAG), ("AC-LOG-M185", _MOUSE), ("AC-XIA-XCB", _BAG)],
    ("tvs", ""): [("AC-KRO-KID3", _MOUNT), ("AC-UGR-HD140", _HDMI), ("AC-HOL-HT66", _MOUNT)],
    ("consoles", ""): [("AC-UGR-HD140", _HDMI)],
    ("monitors", ""): [("AC-UGR-HD140", _HDMI)],
    ("cameras", ""): [("AC-SAN-EXT256", _CARD)],
    ("tablets", ""): [("AC-ANK-A2147", _CHARGER)],
}  # fmt: skip


def goods_that_go_together(rng: random.Random) -> Iterator[Item]:
    rng = random.Random(12)  # their own numbers: the other demo goods stay as they were
    for kind, brand, model, code, rubles, values in GOODS:
        type_ru, type_en, labels, text_ru, text_en, shape = KINDS[kind]
        model_en = (
            model.replace("для ", "for ").replace("универсальное", "universal").replace(" м", " m")
        )
        item = make_item(
            "accessories",
            sku_parts=[brand[:3], code],
            brand=brand,
            model=model,
            type_ru=type_ru,
            type_en=type_en,
            price_minor=price(rng, rubles),
            description=(text_ru, text_en),
            specs=specs_from(labels, values),
            shape=shape,
        )
        item.name_en = item.name_en.replace(model, model_en.replace(",", "."))
        item.short = model_en
        yield item


GENERATORS = [goods_that_go_together]
