"""Demo chargers, power banks, cables, mice, keyboards and memory cards."""

import random
from collections.abc import Iterator

from server.demo.catalog import Item, Label, Value, colours, make_item, price, specs_from

# kind: (type_ru, type_en, spec labels, description ru, description en)
KINDS: dict[str, tuple[str, str, list[Label], str, str]] = {
    "charger": ("Сетевое зарядное устройство", "wall charger", [
        ("Мощность", "Output power", "Вт", "W"),
        ("Разъёмы", "Ports", "", ""),
        ("Технологии", "Standards", "", ""),
        ("Вес", "Weight", "г", "g"),
    ], "Быстро заряжает смартфоны и планшеты{extra}. Защита от перегрева и перенапряжения.",
       "Fast charging for phones and tablets{extra}. Protected against overheating and surges."),
    "powerbank": ("Внешний аккумулятор", "power bank", [
        ("Ёмкость", "Capacity", "мА·ч", "mAh"),
        ("Мощность", "Output power", "Вт", "W"),
        ("Разъёмы", "Ports", "", ""),
        ("Вес", "Weight", "г", "g"),
    ], "Запас энергии для смартфона{extra} в дороге. Индикатор заряда на корпусе.",
       "Spare power for your phone{extra} on the go. A charge indicator on the case."),
    "cable": ("Кабель", "cable", [
        ("Разъёмы", "Connectors", "", ""),
        ("Длина", "Length", "м", "m"),
        ("Мощность", "Max power", "Вт", "W"),
        ("Оплётка", "Jacket", "", ""),
    ], "Прочный кабель для зарядки и передачи данных{extra}.",
       "A sturdy cable for charging and data{extra}."),
    "mouse": ("Мышь", "mouse", [
        ("Подключение", "Connection", "", ""),
        ("Разрешение датчика", "Sensor resolution", "dpi", "dpi"),
        ("Кнопки", "Buttons", "", ""),
        ("Питание", "Power", "", ""),
        ("Вес", "Weight", "г", "g"),
    ], "Точный датчик и удобная форма для долгой работы{extra}.",
       "A precise sensor and a comfortable shape for long hours{extra}."),
    "keyboard": ("Клавиатура", "keyboard", [
        ("Подключение", "Connection", "", ""),
        ("Тип клавиш", "Switches", "", ""),
        ("Раскладка", "Layout", "", ""),
        ("Подсветка", "Backlight", "", ""),
        ("Вес", "Weight", "г", "g"),
    ], "Русская и английская раскладка нанесена на клавиши{extra}.",
       "Russian and English legends on the keys{extra}."),
    "card": ("Карта памяти", "memory card", [
        ("Ёмкость", "Capacity", "ГБ", "GB"),
        ("Класс скорости", "Speed class", "", ""),
        ("Скорость чтения", "Read speed", "МБ/с", "MB/s"),
        ("Адаптер SD", "SD adapter", "", ""),
    ], "Для смартфона, экшн-камеры или консоли{extra}.",
       "For a phone, an action camera or a console{extra}."),
}  # fmt: skip

GAN = ("GaN, USB PD 3.0", "GaN, USB PD 3.0")
PD = ("USB PD 3.0, QC 3.0", "USB PD 3.0, QC 3.0")
WIRELESS = ("радио 2,4 ГГц", "2.4 GHz wireless")
BT_RADIO = ("Bluetooth, радио 2,4 ГГц", "Bluetooth, 2.4 GHz wireless")
RU_EN = ("русская/английская", "Russian/English")
BATTERY = ("аккумулятор", "rechargeable")
AA = ("батарейка AA", "AA battery")
YES, NO = ("есть", "yes"), ("нет", "no")
SUPPORT = ("в комплекте", "included")
NYLON, TPE = ("нейлон", "braided nylon"), ("TPE", "TPE")

# kind, brand, model, sku code, rubles, colours, spec values, (extra ru, extra en)
ACCESSORIES: list[tuple[str, str, str, str, int, list[str], list[Value], tuple[str, str]]] = [
    ("charger", "Apple", "20W USB-C Power Adapter", "MHJE3", 2490, ["white"],
     [20, "1× USB-C", ("USB PD", "USB PD"), 62], ("", "")),
    ("charger", "Samsung", "EP-T2510", "EPT2510", 1990, ["black", "white"],
     [25, "1× USB-C", ("Super Fast Charging", "Super Fast Charging"), 58], ("", "")),
    ("charger", "Anker", "Nano 3 30W", "A2147", 2490, ["white", "blue"],
     [30, "1× USB-C", GAN, 40], ("", "")),
    ("charger", "Ugreen", "Nexode 65W CD244", "CD244", 3990, ["grey"],
     [65, "2× USB-C, 1× USB-A", GAN, 112], (", а также ноутбуки", ", and laptops too")),
    ("charger", "Baseus", "GaN5 Pro 100W", "GAN5P", 4990, ["black", "white"],
     [100, "2× USB-C, 1× USB-A", GAN, 210], (", а также ноутбуки", ", and laptops too")),
    ("charger", "Xiaomi", "67W Charging Combo", "MDY12", 2490, ["white"],
     [67, "1× USB-A", PD, 110], (", кабель в комплекте", ", cable included")),
    ("powerbank", "Anker", "PowerCore 10000 PD Redux", "A1229", 2990, ["black"],
     [10000, 25, "1× USB-C, 1× USB-A", 194], ("", "")),
    ("powerbank", "Xiaomi", "Power Bank 20000 22.5W", "PB2022", 2990, ["black", "light blue"],
     [20000, 22.5, "1× USB-C, 2× USB-A", 414], ("", "")),
    ("powerbank", "Baseus", "Blade 20000 100W", "BLADE", 5990, ["black"],
     [20000, 100, "2× USB-C, 2× USB-A", 475], (" и ноутбука", " and laptop")),
    ("powerbank", "Samsung", "EB-P3400", "EBP3400", 2990, ["grey", "beige"],
     [10000, 25, "1× USB-C, 1× USB-A", 205], ("", "")),
    ("powerbank", "Ugreen", "Nexode 20000 130W", "PB205", 6990, ["grey"],
     [20000, 130, "2× USB-C, 1× USB-A", 470], (" и ноутбука", " and laptop")),
    ("cable", "Ugreen", "USB-C – USB-C 100W 2 м", "US557", 990, ["black", "grey"],
     ["USB-C — USB-C", 2, 100, NYLON], ("", "")),
    ("cable", "Apple", "USB-C – Lightning 1 м", "MUQ93", 1990, ["white"],
     ["USB-C — Lightning", 1, 20, TPE], (" для iPhone", " for iPhone")),
    ("cable", "Baseus", "USB-A – USB-C 1 м", "CAJS", 490, ["black", "white"],
     ["USB-A — USB-C", 1, 18, NYLON], ("", "")),
    ("cable", "Anker", "322 USB-C – USB-C 0,9 м", "A81F5", 690, ["black"],
     ["USB-C — USB-C", 0.9, 60, NYLON], ("", "")),
    ("mouse", "Logitech", "MX Master 3S", "MXM3S", 9990, ["graphite", "grey"],
     [BT_RADIO, 8000, 7, BATTERY, 141], (" и монтажа", " and editing")),
    ("mouse", "Logitech", "G305 Lightspeed", "G305", 3990, ["black", "white"],
     [WIRELESS, 12000, 6, AA, 99], (" и игр", " and gaming")),
    ("mouse", "Logitech", "M185", "M185", 1290, ["grey"],
     [WIRELESS, 1000, 3, AA, 75], ("", "")),
    ("mouse", "Logitech", "G Pro X Superlight 2", "GPXS2", 14990, ["black", "white", "pink"],
     [WIRELESS, 32000, 5, BATTERY, 60], (" и киберспорта", " and esports")),
    ("mouse", "Razer", "DeathAdder Essential", "DAESS", 2490, ["black"],
     [("USB, проводная", "USB, wired"), 6400, 5, ("от USB", "USB powered"), 96], (" и игр", "")),
    ("mouse", "Xiaomi", "Wireless Mouse Lite", "XMWML", 690, ["black", "white"],
     [WIRELESS, 1000, 3, AA, 62], ("", "")),
    ("keyboard", "Logitech", "K380", "K380", 3990, ["graphite", "pink", "white"],
     [("Bluetooth", "Bluetooth"), ("мембранные", "membrane"), RU_EN, NO, 423],
     (". Переключается между тремя устройствами", ". Switches between three devices")),
    ("keyboard", "Logitech", "MX Keys S", "MXKS", 11990, ["graphite"],
     [BT_RADIO, ("ножничные", "scissor"), RU_EN, ("белая", "white"), 810], ("", "")),
    ("keyboard", "Razer", "BlackWidow V4 X", "BWV4X", 12990, ["black"],
     [("USB, проводная", "USB, wired"), ("механические Green", "mechanical Green"), RU_EN,
      ("RGB", "RGB"), 1240], ("", "")),
    ("keyboard", "A4Tech", "Bloody B820R", "B820R", 4990, ["black"],
     [("USB, проводная", "USB, wired"), ("механические Red", "mechanical Red"), RU_EN,
      ("RGB", "RGB"), 980], ("", "")),
    ("card", "Samsung", "EVO Plus microSDXC 128 ГБ", "EVO128", 1490, [],
     [128, "U3, V30, A2", 160, SUPPORT], ("", "")),
    ("card", "Samsung", "EVO Plus microSDXC 256 ГБ", "EVO256", 2690, [],
     [256, "U3, V30, A2", 160, SUPPORT], ("", "")),
    ("card", "SanDisk", "Extreme microSDXC 256 ГБ", "EXT256", 3490, [],
     [256, "U3, V30, A2", 190, SUPPORT], (": снимает 4K без пропусков", ": records 4K smoothly")),
    ("card", "Kingston", "Canvas Select Plus microSDXC 64 ГБ", "CSP64", 690, [],
     [64, "U1, V10, A1", 100, NO], ("", "")),
]  # fmt: skip


def accessories(rng: random.Random) -> Iterator[Item]:
    for kind, brand, model, code, rubles, names, values, extra in ACCESSORIES:
        type_ru, type_en, labels, text_ru, text_en = KINDS[kind]
        model_en = model.replace(" м", " m").replace("0,9", "0.9").replace("ГБ", "GB")
        picked = colours(*rng.sample(names, min(len(names), 2))) if names else [None]
        for colour in picked:
            item = make_item(
                "accessories",
                sku_parts=[brand[:3], code],
                brand=brand,
                model=model,
                type_ru=type_ru,
                type_en=type_en,
                colour=colour,
                price_minor=price(rng, rubles),
                description=(text_ru.format(extra=extra[0]), text_en.format(extra=extra[1])),
                specs=specs_from(labels, values),
                shape=kind,
            )
            item.name_en = item.name_en.replace(model, model_en)
            item.short = model_en
            yield item


GENERATORS = [accessories]
