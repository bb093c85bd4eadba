"""Demo smartphones, tablets and headphones."""

import random
from collections.abc import Iterator

from server.demo.catalog import Item, make_item, num_en, num_ru, pick_colours, price, spec

# brand, model, sku code, [(ram GB or None, storage GB, rubles)], colours,
# screen inches, panel, Hz, chip, battery mAh, main camera MP, weight g
PHONES = [
    ("Samsung", "Galaxy A15", "A15", [(4, 128, 14990), (8, 256, 18990)],
     ["black", "light blue", "yellow"], 6.5, "Super AMOLED", 90, "Helio G99", 5000, 50, 200),
    ("Samsung", "Galaxy A35", "A35", [(8, 128, 27990), (8, 256, 31990)],
     ["navy", "light blue", "yellow"], 6.6, "Super AMOLED", 120, "Exynos 1380", 5000, 50, 209),
    ("Samsung", "Galaxy A55", "A55", [(8, 128, 34990), (8, 256, 39990)],
     ["navy", "light blue", "purple"], 6.6, "Super AMOLED", 120, "Exynos 1480", 5000, 50, 213),
    ("Samsung", "Galaxy S24", "S24", [(8, 256, 79990), (8, 512, 89990)],
     ["black", "purple", "yellow"], 6.2, "Dynamic AMOLED 2X", 120, "Exynos 2400", 4000, 50, 167),
    ("Samsung", "Galaxy S24 Ultra", "S24U", [(12, 256, 119990), (12, 512, 134990)],
     ["black", "grey", "purple"], 6.8, "Dynamic AMOLED 2X", 120, "Snapdragon 8 Gen 3", 5000,
     200, 232),
    ("Apple", "iPhone 15", "IP15", [(None, 128, 79990), (None, 256, 89990), (None, 512, 109990)],
     ["black", "blue", "pink", "green"], 6.1, "Super Retina XDR", 60, "A16 Bionic", 3349, 48, 171),
    ("Apple", "iPhone 15 Pro", "IP15P", [(None, 128, 109990), (None, 256, 119990)],
     ["natural titanium", "black", "white"], 6.1, "Super Retina XDR", 120, "A17 Pro", 3274, 48,
     187),
    ("Apple", "iPhone 16", "IP16", [(None, 128, 89990), (None, 256, 99990)],
     ["black", "white", "pink"], 6.1, "Super Retina XDR", 60, "A18", 3561, 48, 170),
    ("Xiaomi", "Redmi Note 13", "RN13", [(8, 256, 21990)],
     ["black", "mint", "blue"], 6.67, "AMOLED", 120, "Snapdragon 685", 5000, 108, 188),
    ("Xiaomi", "Redmi 13C", "R13C", [(4, 128, 10990), (8, 256, 13990)],
     ["black", "green", "light blue"], 6.74, "IPS", 90, "Helio G85", 5000, 50, 192),
    ("Xiaomi", "14", "X14", [(12, 256, 74990), (12, 512, 82990)],
     ["black", "white", "green"], 6.36, "AMOLED", 120, "Snapdragon 8 Gen 3", 4610, 50, 193),
    ("POCO", "X6 Pro", "X6P", [(12, 512, 32990)],
     ["black", "yellow", "grey"], 6.67, "AMOLED", 120, "Dimensity 8300-Ultra", 5000, 64, 186),
    ("Google", "Pixel 8", "PX8", [(8, 128, 59990)],
     ["black", "mint", "pink"], 6.2, "OLED", 120, "Tensor G3", 4575, 50, 187),
    ("realme", "12 Pro+", "12PP", [(12, 512, 34990)],
     ["navy", "beige"], 6.7, "AMOLED", 120, "Snapdragon 7s Gen 2", 5000, 50, 196),
    ("realme", "C67", "C67", [(8, 256, 14990)],
     ["black", "green"], 6.72, "IPS", 90, "Snapdragon 685", 5000, 108, 185),
    ("HONOR", "200", "H200", [(12, 512, 44990)],
     ["black", "white", "green"], 6.7, "OLED", 120, "Snapdragon 7 Gen 3", 5200, 50, 187),
    ("HONOR", "X8b", "X8B", [(8, 256, 19990)],
     ["black", "silver", "green"], 6.7, "AMOLED", 90, "Snapdragon 680", 4500, 108, 166),
    ("TECNO", "Spark 20 Pro", "SP20P", [(8, 256, 15990)],
     ["black", "gold"], 6.78, "IPS", 120, "Helio G99", 5000, 108, 215),
    ("Infinix", "HOT 40 Pro", "HOT40P", [(8, 256, 14990)],
     ["black", "green", "gold"], 6.78, "IPS", 120, "Helio G99", 5000, 108, 190),
    ("Nothing", "Phone (2a)", "2A", [(12, 256, 32990)],
     ["black", "white"], 6.7, "AMOLED", 120, "Dimensity 7200 Pro", 5000, 50, 190),
]  # fmt: skip

TABLETS = [
    ("Apple", "iPad 10.9 (2022)", "IPAD10", [(None, 64, 44990), (None, 256, 59990)],
     ["silver", "blue", "pink"], 10.9, "Liquid Retina", 60, "A14 Bionic", 7606, 12, 477),
    ("Apple", "iPad Air 11 M2", "IPADAIR", [(None, 128, 69990), (None, 256, 79990)],
     ["grey", "blue", "purple"], 11.0, "Liquid Retina", 60, "Apple M2", 7606, 12, 462),
    ("Apple", "iPad Pro 11 M4", "IPADPRO", [(None, 256, 109990)],
     ["black", "silver"], 11.0, "Ultra Retina XDR", 120, "Apple M4", 8160, 12, 444),
    ("Samsung", "Galaxy Tab S9 FE", "TABS9FE", [(6, 128, 39990), (8, 256, 47990)],
     ["grey", "mint", "silver"], 10.9, "TFT", 90, "Exynos 1380", 8000, 8, 523),
    ("Samsung", "Galaxy Tab A9+", "TABA9P", [(4, 64, 17990), (8, 128, 22990)],
     ["grey", "silver", "navy"], 11.0, "TFT", 90, "Snapdragon 695", 7040, 8, 480),
    ("Xiaomi", "Pad 6", "PAD6", [(8, 256, 34990)],
     ["grey", "blue", "gold"], 11.0, "IPS", 144, "Snapdragon 870", 8840, 13, 490),
    ("Xiaomi", "Redmi Pad SE", "RPADSE", [(4, 128, 14990), (8, 256, 18990)],
     ["grey", "mint", "purple"], 11.0, "IPS", 90, "Snapdragon 680", 8000, 8, 478),
    ("HUAWEI", "MatePad 11.5", "MP115", [(8, 128, 27990)],
     ["grey", "purple"], 11.5, "IPS", 120, "Snapdragon 7 Gen 1", 7700, 13, 499),
    ("Lenovo", "Tab M11", "TABM11", [(4, 128, 17990)],
     ["grey", "light blue"], 10.95, "IPS", 90, "Helio G88", 7040, 8, 465),
    ("HONOR", "Pad 9", "PAD9", [(8, 256, 26990)],
     ["grey", "light blue"], 12.1, "IPS", 120, "Snapdragon 6 Gen 1", 8300, 13, 555),
]  # fmt: skip

PHONE_LINES = {
    "budget": [
        ("Аккумулятора на {bat} мА·ч хватает на два дня обычной работы.",
         "The {bat} mAh battery lasts two days of ordinary use."),
        ("Простой и надёжный телефон для звонков, мессенджеров и навигации.",
         "A simple, dependable phone for calls, messengers and maps."),
    ],
    "middle": [
        ("Камера {cam} Мп снимает чёткие фото даже вечером.",
         "The {cam} MP camera takes sharp photos even in the evening."),
        ("Яркий экран хорошо читается на солнце, а прокрутка остаётся плавной.",
         "The bright screen stays readable in the sun and scrolling stays smooth."),
    ],
    "flagship": [
        ("Флагманская камера и производительность с запасом на годы вперёд.",
         "A flagship camera and performance to spare for years to come."),
        ("Премиальный корпус и камера {cam} Мп для съёмки при любом освещении.",
         "A premium body and a {cam} MP camera for shooting in any light."),
    ],
}  # fmt: skip
TABLET_LINES = {
    "budget": [
        ("Большой экран для фильмов, книг и учёбы по доступной цене.",
         "A big screen for films, books and lessons at a fair price."),
        ("Аккумулятора на {bat} мА·ч хватает на целый день видео.",
         "The {bat} mAh battery lasts a whole day of video."),
    ],
    "middle": [
        ("Поддерживает стилус и клавиатуру: удобно рисовать и работать.",
         "Works with a stylus and a keyboard, for drawing and work."),
        ("Четыре динамика и яркий экран превращают его в домашний кинотеатр.",
         "Four speakers and a bright screen make it a home cinema."),
    ],
    "flagship": [
        ("Производительность ноутбука в тонком и лёгком корпусе.",
         "Laptop-class performance in a thin, light body."),
        ("Профессиональный экран для монтажа, рисования и работы со стилусом.",
         "A professional screen for editing, drawing and working with a stylus."),
    ],
}  # fmt: skip


def _tier(rubles: int) -> str:
    return "budget" if rubles < 20000 else "middle" if rubles < 60000 else "flagship"


def _handhelds(rng: random.Random, table: list, category: str) -> Iterator[Item]:
    tablet = category == "tablets"
    for brand, model, code, memories, names, inch, panel, hz, chip, bat, cam, grams in table:
        for ram, rom, rubles in memories:
            memory = f"{ram}/{rom}" if ram else f"{rom}"
            for colour in pick_colours(rng, names):
                line = rng.choice((TABLET_LINES if tablet else PHONE_LINES)[_tier(rubles)])
                first_ru = "Планшет" if tablet else "Смартфон"
                yield make_item(
                    category,
                    sku_parts=[brand[:3], code, memory],
                    model_parts=[brand[:3], code],
                    memory=(f"{memory} ГБ", f"{memory} GB"),
                    brand=brand,
                    model=model,
                    type_ru=first_ru,
                    variant=(f"{memory} ГБ", f"{memory} GB"),
                    colour=colour,
                    price_minor=price(rng, rubles),
                    description=(
                        f"{first_ru} {brand} {model} с экраном {panel} {num_ru(inch)}″ на {hz} Гц "
                        f"и процессором {chip}. " + line[0].format(bat=bat, cam=cam),
                        f"The {brand} {model} has a {num_en(inch)}″ {panel} {hz} Hz screen and "
                        f"the {chip} chip. " + line[1].format(bat=bat, cam=cam),
                    ),
                    specs=[
                        spec(
                            "Экран",
                            "Screen",
                            (
                                f"{num_ru(inch)}″ {panel}, {hz} Гц",
                                f"{num_en(inch)}″ {panel}, {hz} Hz",
                            ),
                        ),  # fmt: skip
                        spec("Процессор", "Processor", chip),
                        spec("Память", "Memory", (f"{memory} ГБ", f"{memory} GB")),
                        spec("Основная камера", "Main camera", cam, "Мп", "MP"),
                        spec("Аккумулятор", "Battery", bat, "мА·ч", "mAh"),
                        spec("Вес", "Weight", grams, "г", "g"),
                    ],
                )


def smartphones(rng: random.Random) -> Iterator[Item]:
    return _handhelds(rng, PHONES, "smartphones")


def tablets(rng: random.Random) -> Iterator[Item]:
    return _handhelds(rng, TABLETS, "tablets")


# brand, model, sku code, fit, rubles, colours, noise cancelling, hours, driver mm, weight g
HEADPHONES = [
    ("Apple", "AirPods Pro 2", "APP2", "tws", 24990, ["white"], True, 30, 11, 51),
    ("Apple", "AirPods 4", "AP4", "tws", 14990, ["white"], False, 30, 11, 37),
    ("Apple", "AirPods Max", "APMAX", "over", 64990, ["silver", "blue", "pink"], True, 20, 40, 385),
    ("Sony", "WH-1000XM5", "XM5", "over", 34990, ["black", "silver", "navy"], True, 30, 30, 250),
    ("Sony", "WF-1000XM5", "WFXM5", "tws", 27990, ["black", "silver"], True, 24, 8.4, 39),
    ("Sony", "WH-CH720N", "CH720N", "over", 10990, ["black", "white", "blue"], True, 35, 30, 192),
    ("Samsung", "Galaxy Buds3 Pro", "BUDS3P", "tws", 19990, ["silver", "white"], True, 26, 10.5,
     52),
    ("Samsung", "Galaxy Buds FE", "BUDSFE", "tws", 7990, ["black", "white"], True, 21, 12, 46),
    ("JBL", "Tune 520BT", "T520", "on", 3990, ["black", "blue", "white", "purple"], False, 57, 33,
     157),
    ("JBL", "Tune 770NC", "T770NC", "over", 8990, ["black", "blue", "white"], True, 70, 40, 232),
    ("JBL", "Live Beam 3", "LB3", "tws", 14990, ["black", "silver", "blue"], True, 48, 10, 61),
    ("Xiaomi", "Redmi Buds 5", "RB5", "tws", 2990, ["black", "white", "light blue"], True, 40, 12.4,
     46),
    ("Marshall", "Major IV", "MAJ4", "on", 12990, ["black", "beige"], False, 80, 40, 165),
    ("Sennheiser", "Momentum 4 Wireless", "MOM4", "over", 32990, ["black", "white"], True, 60, 42,
     293),
    ("Bose", "QuietComfort Ultra", "QCU", "over", 44990, ["black", "white"], True, 24, 35, 250),
    ("HUAWEI", "FreeBuds 6i", "FB6I", "tws", 6990, ["black", "white", "purple"], True, 35, 11, 45),
    ("Nothing", "Ear (a)", "EARA", "tws", 8990, ["black", "white", "yellow"], True, 42, 11, 48),
]  # fmt: skip

FITS = {
    "tws": ("внутриканальные, TWS", "in-ear, true wireless", "наушники-вкладыши", "earbuds"),
    "on": ("накладные", "on-ear", "накладные наушники", "on-ear headphones"),
    "over": ("полноразмерные, закрытые", "over-ear, closed-back", "полноразмерные наушники",
             "over-ear headphones"),
}  # fmt: skip


def headphones(rng: random.Random) -> Iterator[Item]:
    for brand, model, code, fit, rubles, names, anc, hours, driver, grams in HEADPHONES:
        fit_ru, fit_en, kind_ru, kind_en = FITS[fit]
        anc_text = ("активное", "active") if anc else ("нет", "none")
        anc_ru = " с активным шумоподавлением" if anc else ""
        anc_en = " with active noise cancelling" if anc else ""
        for colour in pick_colours(rng, names):
            yield make_item(
                "headphones",
                sku_parts=[brand[:3], code],
                brand=brand,
                model=model,
                type_ru="Беспроводные наушники",
                type_en="wireless " + ("earbuds" if fit == "tws" else "headphones"),
                colour=colour,
                price_minor=price(rng, rubles),
                description=(
                    f"Беспроводные {kind_ru} {brand}{anc_ru}. "
                    f"До {hours} ч музыки на одном заряде"
                    + (" вместе с кейсом." if fit == "tws" else "."),
                    f"Wireless {kind_en} from {brand}{anc_en}. "
                    f"Up to {hours} hours of music on a charge"
                    + (" with the case." if fit == "tws" else "."),
                ),
                specs=[
                    spec("Тип", "Type", (fit_ru, fit_en)),
                    spec("Подключение", "Connection", "Bluetooth 5.3"),
                    spec("Шумоподавление", "Noise cancelling", anc_text),
                    spec("Время работы", "Battery life", hours, "ч", "h"),
                    spec("Диаметр динамика", "Driver size", driver, "мм", "mm"),
                    spec("Вес", "Weight", grams, "г", "g"),
                ],
                shape="earbuds" if fit == "tws" else "headphones",
            )


GENERATORS = [smartphones, tablets, headphones]
