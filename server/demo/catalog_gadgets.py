"""Demo smartwatches, cameras and game consoles."""

import random
from collections.abc import Iterator

from server.demo.catalog import (
    Item,
    Label,
    Value,
    article,
    colours,
    make_item,
    num_en,
    num_ru,
    pick_colours,
    price,
    spec,
    specs_from,
)

CAMERA_KINDS = {
    "mirrorless": ("Беззеркальный фотоаппарат", "mirrorless camera", "camera"),
    "dslr": ("Зеркальный фотоаппарат", "DSLR camera", "camera"),
    "action": ("Экшн-камера", "action camera", "action"),
}
CAMERA_LABELS: list[Label] = [
    ("Матрица", "Sensor", "", ""),
    ("Разрешение", "Resolution", "Мп", "MP"),
    ("Видео", "Video", "", ""),
    ("Объектив", "Lens", "", ""),
    ("Стабилизация", "Stabilisation", "", ""),
    ("Вес", "Weight", "г", "g"),
]
# kind, brand, model, sku code, rubles, colours, sensor, MP, video, lens (ru, en) or None, IBIS, g
CAMERAS = [
    ("mirrorless", "Canon", "EOS R50 Kit RF-S 18-45mm", "R50K", 84990, ["black", "white"],
     "APS-C", 24.2, "4K 30p", "RF-S 18-45 мм f/4.5-6.3", False, 375),
    ("mirrorless", "Canon", "EOS R6 Mark II Body", "R6M2", 249990, ["black"], "Full Frame", 24.2,
     "4K 60p", None, True, 670),
    ("dslr", "Canon", "EOS 250D Kit 18-55mm", "250DK", 64990, ["black"], "APS-C", 24.1, "4K 25p",
     "EF-S 18-55 мм f/4-5.6", False, 449),
    ("mirrorless", "Sony", "Alpha 7 IV Body", "A7M4", 219990, ["black"], "Full Frame", 33,
     "4K 60p", None, True, 658),
    ("mirrorless", "Sony", "ZV-E10 II Kit 16-50mm", "ZVE10M2", 99990, ["black", "white"], "APS-C",
     26, "4K 60p", "E PZ 16-50 мм f/3.5-5.6", False, 377),
    ("mirrorless", "Sony", "Alpha 6400 Kit 16-50mm", "A6400K", 89990, ["black"], "APS-C", 24.2,
     "4K 30p", "E PZ 16-50 мм f/3.5-5.6", False, 403),
    ("mirrorless", "Nikon", "Z50 II Kit 16-50mm", "Z50M2", 99990, ["black"], "APS-C", 20.9,
     "4K 60p", "Z DX 16-50 мм f/3.5-6.3", False, 550),
    ("mirrorless", "Nikon", "Z6 III Body", "Z6M3", 239990, ["black"], "Full Frame", 24.5, "6K 60p",
     None, True, 760),
    ("mirrorless", "Fujifilm", "X-T5 Body", "XT5", 179990, ["black", "silver"], "APS-C", 40.2,
     "6.2K 30p", None, True, 557),
    ("mirrorless", "Fujifilm", "X-S20 Kit XC 15-45mm", "XS20K", 149990, ["black"], "APS-C", 26.1,
     "6.2K 30p", "XC 15-45 мм f/3.5-5.6", True, 491),
    ("mirrorless", "Panasonic", "Lumix S5 II Body", "S5M2", 169990, ["black"], "Full Frame", 24.2,
     "6K 30p", None, True, 740),
    ("mirrorless", "Panasonic", "Lumix G100D Kit 12-32mm", "G100D", 59990, ["black"],
     "Micro 4/3", 20.3, "4K 30p", "12-32 мм f/3.5-5.6", False, 352),
    ("action", "GoPro", "HERO12 Black", "HERO12", 39990, ["black"], "1/1.9″", 27, "5.3K 60p", None,
     True, 154),
    ("action", "GoPro", "HERO13 Black", "HERO13", 44990, ["black"], "1/1.9″", 27, "5.3K 60p", None,
     True, 159),
    ("action", "DJI", "Osmo Action 4", "OA4", 32990, ["black"], "1/1.3″", 10, "4K 120p", None,
     True, 145),
    ("action", "Insta360", "Ace Pro", "ACEPRO", 39990, ["black"], "1/1.3″", 48, "8K 24p", None,
     True, 179),
]  # fmt: skip


def cameras(rng: random.Random) -> Iterator[Item]:
    for kind, brand, model, code, rubles, names, sensor, mp, video, lens, ibis, g in CAMERAS:
        kind_ru, kind_en, shape = CAMERA_KINDS[kind]
        if lens is None:
            lens_text = None if kind == "action" else ("без объектива", "body only")
        else:
            lens_text = (lens, lens.replace("мм", "mm"))
        stab = ("в корпусе (IBIS)", "in-body (IBIS)") if ibis else ("в объективе", "in the lens")
        if kind == "action":
            stab = ("электронная", "electronic")
        for colour in colours(*rng.sample(names, len(names))):
            yield make_item(
                "cameras",
                sku_parts=[brand[:3], code],
                brand=brand,
                model=model,
                type_ru=kind_ru,
                type_en=kind_en,
                colour=colour,
                price_minor=price(rng, rubles),
                description=(
                    f"{kind_ru} {brand} с матрицей {sensor} на {mp} Мп и видео {video}. "
                    + (
                        "Выдерживает погружение и тряску."
                        if kind == "action"
                        else "Быстрый автофокус с распознаванием лиц и глаз."
                    ),
                    f"{article(brand)} {brand} {kind_en} with a {mp} MP {sensor} sensor and "
                    f"{video} video. "
                    + (
                        "Waterproof and shake-proof."
                        if kind == "action"
                        else "Fast autofocus that tracks faces and eyes."
                    ),
                ),  # fmt: skip
                specs=specs_from(CAMERA_LABELS, [sensor, mp, video, lens_text, stab, g]),
                shape=shape,
            )


CONSOLE_LABELS: list[Label] = [
    ("Тип", "Type", "", ""),
    ("Накопитель", "Storage", "", ""),
    ("Разрешение", "Resolution", "", ""),
    ("Дисковод", "Disc drive", "", ""),
    ("Вес", "Weight", "кг", "kg"),
]
PAD_LABELS: list[Label] = [
    ("Тип", "Type", "", ""),
    ("Совместимость", "Works with", "", ""),
    ("Подключение", "Connection", "", ""),
    ("Время работы", "Battery life", "ч", "h"),
    ("Вес", "Weight", "г", "g"),
]
HOME = ("стационарная консоль", "home console")
HANDHELD = ("портативная консоль", "handheld console")
PAD = ("беспроводной геймпад", "wireless controller")
TB1, TB2, GB512 = ("1 ТБ SSD", "1 TB SSD"), ("2 ТБ SSD", "2 TB SSD"), ("512 ГБ SSD", "512 GB SSD")
YES, NO = ("есть", "yes"), ("нет", "no")
# shape, brand, model, sku code, rubles, colours, spec values
CONSOLES: list[tuple[str, str, str, str, int, list[str], list[Value]]] = [
    ("console", "Sony", "PlayStation 5 Slim", "PS5S", 64990, ["white"],
     [HOME, TB1, ("до 4K, 120 кадр/с", "up to 4K, 120 fps"), YES, 3.2]),
    ("console", "Sony", "PlayStation 5 Slim Digital Edition", "PS5SD", 54990, ["white"],
     [HOME, TB1, ("до 4K, 120 кадр/с", "up to 4K, 120 fps"), NO, 2.6]),
    ("console", "Sony", "PlayStation 5 Pro", "PS5PRO", 89990, ["white"],
     [HOME, TB2, ("до 8K, 120 кадр/с", "up to 8K, 120 fps"), NO, 3.1]),
    ("console", "Microsoft", "Xbox Series X", "XSX", 64990, ["black"],
     [HOME, TB1, ("до 4K, 120 кадр/с", "up to 4K, 120 fps"), YES, 4.45]),
    ("console", "Microsoft", "Xbox Series S", "XSS", 34990, ["white"],
     [HOME, GB512, ("до 1440p, 120 кадр/с", "up to 1440p, 120 fps"), NO, 1.93]),
    ("handheld", "Nintendo", "Switch OLED", "SWOLED", 32990, ["white", "red"],
     [HANDHELD, ("64 ГБ", "64 GB"), ("7″ OLED, 1280×720", "7″ OLED, 1280×720"), NO, 0.42]),
    ("handheld", "Nintendo", "Switch Lite", "SWLITE", 19990, ["yellow", "light blue", "grey"],
     [HANDHELD, ("32 ГБ", "32 GB"), ("5,5″ LCD, 1280×720", "5.5″ LCD, 1280×720"), NO, 0.28]),
    ("handheld", "Valve", "Steam Deck OLED", "SDOLED", 64990, ["black"],
     [HANDHELD, GB512, ("7,4″ OLED, 1280×800", "7.4″ OLED, 1280×800"), NO, 0.64]),
    ("handheld", "ASUS", "ROG Ally Z1 Extreme", "ALLY", 69990, ["white"],
     [HANDHELD, GB512, ("7″ IPS, 1920×1080, 120 Гц", "7″ IPS, 1920×1080, 120 Hz"), NO, 0.61]),
    ("gamepad", "Sony", "DualSense", "DS5", 7990, ["white", "black", "red", "light blue"],
     [PAD, "PlayStation 5, PC", "Bluetooth, USB-C", 12, 280]),
    ("gamepad", "Microsoft", "Xbox Wireless Controller", "XWC", 6490, ["black", "white", "blue"],
     [PAD, "Xbox, PC", "Bluetooth, Xbox Wireless", 40, 287]),
    ("gamepad", "Nintendo", "Switch Pro Controller", "SWPRO", 6990, ["black"],
     [PAD, "Nintendo Switch", "Bluetooth, USB-C", 40, 246]),
]  # fmt: skip


def consoles(rng: random.Random) -> Iterator[Item]:
    for shape, brand, model, code, rubles, names, values in CONSOLES:
        pad = shape == "gamepad"
        kind_ru, kind_en = values[0]  # type: ignore[misc]
        for colour in colours(*rng.sample(names, min(len(names), 2))):
            yield make_item(
                "consoles",
                sku_parts=[brand[:3], code],
                brand=brand,
                model=model,
                type_ru="Геймпад" if pad else "Игровая консоль",
                type_en="" if pad else "console",
                colour=colour,
                price_minor=price(rng, rubles),
                description=(
                    f"{kind_ru.capitalize()} {brand} {model}. "
                    + (
                        "Удобный хват, вибрация и долгая работа от аккумулятора."
                        if pad
                        else "Большая библиотека игр и онлайн-подписка с новинками каждый месяц."
                    ),
                    f"The {brand} {model} {kind_en}. "
                    + (
                        "A comfortable grip, rumble and long battery life."
                        if pad
                        else "A big game library and an online subscription with new games monthly."
                    ),
                ),  # fmt: skip
                specs=specs_from(PAD_LABELS if pad else CONSOLE_LABELS, values),
                shape=shape,
            )


# brand, model, sku code, [(case mm, rubles)], colours, screen inches, battery hours, GPS
WATCHES = [
    ("Apple", "Watch Series 10", "AWS10", [(42, 39990), (46, 42990)],
     ["black", "silver", "gold"], 1.96, 18, True),
    ("Apple", "Watch SE", "AWSE", [(40, 24990), (44, 27990)], ["black", "silver"], 1.78, 18, True),
    ("Apple", "Watch Ultra 2", "AWU2", [(49, 84990)], ["natural titanium", "black"], 1.92, 36,
     True),
    ("Samsung", "Galaxy Watch7", "GW7", [(40, 24990), (44, 27990)], ["green", "silver", "black"],
     1.47, 40, True),
    ("Samsung", "Galaxy Watch Ultra", "GWU", [(47, 59990)], ["grey", "white"], 1.47, 60, True),
    ("Xiaomi", "Smart Band 9", "SB9", [(0, 3990)], ["black", "silver", "pink"], 1.62, 504, False),
    ("Xiaomi", "Redmi Watch 4", "RW4", [(0, 7990)], ["black", "silver"], 1.97, 480, True),
    ("HUAWEI", "Watch GT 5", "GT5", [(46, 19990)], ["black", "blue", "silver"], 1.43, 336, True),
    ("HUAWEI", "Band 9", "B9", [(0, 3990)], ["black", "pink", "white"], 1.47, 336, False),
    ("Amazfit", "GTR 4", "GTR4", [(46, 14990)], ["black", "silver"], 1.43, 336, True),
    ("Amazfit", "Bip 5", "BIP5", [(0, 6990)], ["black", "pink", "beige"], 1.91, 240, True),
    ("Garmin", "Forerunner 265", "FR265", [(46, 44990)], ["black", "white"], 1.3, 312, True),
    ("Garmin", "Venu 3", "VENU3", [(45, 49990)], ["black", "silver"], 1.4, 336, True),
]  # fmt: skip


def _battery(hours: int) -> tuple[str, str]:
    if hours < 72:
        return f"до {hours} ч", f"up to {hours} h"
    days = hours // 24
    word = "дня" if days % 10 in (2, 3, 4) and days % 100 not in (12, 13, 14) else "дней"
    return f"до {days} {word}", f"up to {days} days"


def smartwatches(rng: random.Random) -> Iterator[Item]:
    for brand, model, code, sizes, names, inch, hours, gps in WATCHES:
        band = "Band" in model
        sensors = ("пульс, SpO2, сон", "heart rate, SpO2, sleep")
        if gps:
            sensors = (sensors[0] + ", GPS", sensors[1] + ", GPS")
        for size, rubles in sizes:
            for colour in pick_colours(rng, names):
                battery = _battery(hours)
                yield make_item(
                    "smartwatches",
                    sku_parts=[brand[:3], code, str(size or "")],
                    brand=brand,
                    model=model,
                    type_ru="Фитнес-браслет" if band else "Умные часы",
                    type_en="fitness band" if band else "",
                    variant=(f"{size} мм", f"{size} mm") if size else ("", ""),
                    colour=colour,
                    price_minor=price(rng, rubles),
                    description=(
                        f"{'Браслет' if band else 'Часы'} {brand} {model} "
                        f"{'следит' if band else 'следят'} за пульсом, сном и тренировками. "
                        f"{'Работает' if band else 'Работают'} {battery[0]} без подзарядки.",
                        f"The {brand} {model} tracks heart rate, sleep and workouts. "
                        f"It runs {battery[1]} between charges.",
                    ),
                    specs=[
                        spec(
                            "Экран",
                            "Screen",
                            (f"{num_ru(inch)}″ AMOLED", f"{num_en(inch)}″ AMOLED"),
                        ),
                        spec("Корпус", "Case", size or ("браслет", "band"), "мм", "mm"),
                        spec("Автономность", "Battery life", battery),
                        spec("Защита от воды", "Water resistance", "5 ATM"),
                        spec("Датчики", "Sensors", sensors),
                    ],
                    shape="band" if band else "watch",
                )


GENERATORS = [smartwatches, cameras, consoles]
