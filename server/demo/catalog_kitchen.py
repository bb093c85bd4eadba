"""Demo vacuum cleaners, microwave ovens and coffee machines."""

import random
from collections.abc import Iterator

from server.demo.catalog import Item, Label, Value, colours, make_item, price, specs_from

VACUUM_KINDS: dict[str, tuple[str, str, list[Label]]] = {
    "robot": ("Робот-пылесос", "robot vacuum", [
        ("Мощность всасывания", "Suction", "Па", "Pa"),
        ("Влажная уборка", "Mopping", "", ""),
        ("Навигация", "Navigation", "", ""),
        ("Аккумулятор", "Battery", "мА·ч", "mAh"),
        ("Уровень шума", "Noise level", "дБ", "dB"),
    ]),
    "stick": ("Вертикальный пылесос", "cordless stick vacuum", [
        ("Мощность всасывания", "Suction power", "АВт", "AW"),
        ("Время работы", "Run time", "мин", "min"),
        ("Пылесборник", "Dust bin", "л", "l"),
        ("Фильтр", "Filter", "", ""),
        ("Вес", "Weight", "кг", "kg"),
    ]),
    "canister": ("Пылесос", "vacuum cleaner", [
        ("Потребляемая мощность", "Power", "Вт", "W"),
        ("Пылесборник", "Dust container", "", ""),
        ("Длина шнура", "Cord length", "м", "m"),
        ("Фильтр", "Filter", "", ""),
        ("Уровень шума", "Noise level", "дБ", "dB"),
    ]),
}  # fmt: skip
LIDAR = ("лидар", "LiDAR")
HEPA = ("HEPA", "HEPA")
MOP = ("есть", "yes")
STATION = ("есть, станция самоочистки", "yes, self-emptying dock")
# kind, brand, model, sku code, rubles, colours, spec values
VACUUMS: list[tuple[str, str, str, str, int, list[str], list[Value]]] = [
    ("robot", "Xiaomi", "Robot Vacuum S10", "S10", 17990, ["white"], [4000, MOP, LIDAR, 3200, 65]),
    ("robot", "Xiaomi", "Robot Vacuum X10+", "X10P", 54990, ["white"],
     [4000, STATION, LIDAR, 5200, 66]),
    ("robot", "Dreame", "L10s Ultra", "L10SU", 69990, ["white"], [5300, STATION, LIDAR, 5200, 65]),
    ("robot", "Dreame", "D10 Plus", "D10P", 24990, ["white"], [4000, MOP, LIDAR, 5200, 68]),
    ("robot", "Roborock", "S8 Pro Ultra", "S8PU", 119990, ["black", "white"],
     [6000, STATION, LIDAR, 5200, 67]),
    ("robot", "Roborock", "Q7 Max", "Q7MAX", 29990, ["black", "white"],
     [4200, MOP, LIDAR, 5200, 67]),
    ("robot", "Roborock", "Q Revo", "QREVO", 64990, ["black", "white"],
     [5500, STATION, LIDAR, 5200, 66]),
    ("robot", "Tefal", "X-plorer Serie 75 S", "RG8597", 39990, ["black"],
     [2700, MOP, LIDAR, 3200, 65]),
    ("robot", "Polaris", "PVCR 3200 IQ Home Aqua", "PVCR3200", 19990, ["black"],
     [3000, MOP, ("гироскоп", "gyroscope"), 2600, 64]),
    ("stick", "Dyson", "V15 Detect Absolute", "V15", 74990, ["gold"],
     [240, 60, 0.76, HEPA, 3.1]),
    ("stick", "Dyson", "V12 Detect Slim", "V12", 54990, ["yellow"], [150, 60, 0.35, HEPA, 2.2]),
    ("stick", "Dyson", "V8 Absolute", "V8", 34990, ["silver"], [115, 40, 0.54, HEPA, 2.6]),
    ("stick", "Xiaomi", "Vacuum Cleaner G11", "G11", 24990, ["white"], [185, 60, 0.6, HEPA, 1.5]),
    ("stick", "Dreame", "R20", "R20", 29990, ["grey"], [190, 90, 0.6, HEPA, 1.6]),
    ("stick", "Tefal", "X-Force Flex 9.60", "TY2079", 34990, ["black"],
     [120, 80, 0.55, ("циклонный", "cyclonic"), 2.9]),
    ("stick", "Bosch", "Unlimited 7 BCS71HYG1", "BCS71", 39990, ["white"],
     [160, 40, 0.3, HEPA, 3.0]),
    ("stick", "Karcher", "VC 4 Cordless myHome", "VC4", 19990, ["white"],
     [95, 30, 0.65, ("EPA", "EPA"), 2.4]),
    ("canister", "Samsung", "VC18M21A0SB", "VC18M21", 7990, ["black", "blue"],
     [1800, ("контейнер 1,5 л", "1.5 l bin"), 6, ("HEPA 11", "HEPA 11"), 80]),
    ("canister", "Thomas", "DryBOX+AquaBOX Cat&Dog", "788599", 34990, ["black"],
     [1700, ("аквафильтр 1,8 л", "1.8 l water filter"), 8, HEPA, 81]),
    ("canister", "Philips", "XB2125/09", "XB2125", 8990, ["blue"],
     [850, ("контейнер 1,3 л", "1.3 l bin"), 6, ("EPA 10", "EPA 10"), 80]),
    ("canister", "LG", "VK76W02HY", "VK76W02", 11990, ["red"],
     [2000, ("контейнер 1,2 л", "1.2 l bin"), 5, HEPA, 80]),
]  # fmt: skip
VACUUM_TEXT = {
    "robot": ("Убирает квартиру по расписанию и строит карту комнат.",
              "Cleans on a schedule and maps every room."),
    "stick": ("Лёгкий беспроводной пылесос превращается в ручной для мебели и машины.",
              "A light cordless vacuum that turns handheld for furniture and the car."),
    "canister": ("Мощный пылесос с удобной щёткой для ковров и пола.",
                 "A powerful vacuum with a handy brush for carpets and floors."),
}  # fmt: skip


def vacuums(rng: random.Random) -> Iterator[Item]:
    for kind, brand, model, code, rubles, names, values in VACUUMS:
        type_ru, type_en, labels = VACUUM_KINDS[kind]
        for colour in colours(*rng.sample(names, 1)):
            yield make_item(
                "vacuums",
                sku_parts=[brand[:3], code],
                brand=brand,
                model=model,
                type_ru=type_ru,
                type_en=type_en,
                colour=colour,
                price_minor=price(rng, rubles),
                description=(
                    f"{type_ru} {brand} {model}. {VACUUM_TEXT[kind][0]}",
                    f"The {brand} {model} {type_en}. {VACUUM_TEXT[kind][1]}",
                ),
                specs=specs_from(labels, values),
                shape=kind,
            )


MICROWAVE_LABELS: list[Label] = [
    ("Объём", "Capacity", "л", "l"),
    ("Мощность СВЧ", "Microwave power", "Вт", "W"),
    ("Гриль", "Grill", "Вт", "W"),
    ("Управление", "Controls", "", ""),
    ("Покрытие камеры", "Interior", "", ""),
]
TOUCH, KNOBS = ("сенсорное", "touch"), ("механическое", "dials")
ENAMEL, CERAMIC = ("эмаль", "enamel"), ("биокерамика", "bio-ceramic enamel")
STEEL = ("нержавеющая сталь", "stainless steel")
NO_GRILL = ("нет", "no")
# brand, model, sku code, rubles, colour, spec values
MICROWAVES: list[tuple[str, str, str, int, str, list[Value]]] = [
    ("Samsung", "MS23K3513AW", "MS23K35", 9990, "white", [23, 800, NO_GRILL, TOUCH, CERAMIC]),
    ("Samsung", "MG23K3575AK", "MG23K35", 13990, "black", [23, 800, 1100, TOUCH, CERAMIC]),
    ("LG", "MS2042DB", "MS2042", 7990, "black", [20, 700, NO_GRILL, TOUCH, ENAMEL]),
    ("LG", "MH6336GIB", "MH6336", 12990, "black", [23, 1000, 900, TOUCH, ENAMEL]),
    ("LG", "MW25R35GIS", "MW25R35", 13990, "silver", [25, 1000, NO_GRILL, TOUCH, ENAMEL]),
    ("Panasonic", "NN-ST34HMZPE", "NNST34", 12990, "silver", [25, 800, NO_GRILL, TOUCH, ENAMEL]),
    ("Panasonic", "NN-GT35HMZPE", "NNGT35", 14990, "silver", [23, 800, 1000, TOUCH, ENAMEL]),
    ("BBK", "20MWS-728S/W", "20MWS728", 5490, "white", [20, 700, NO_GRILL, KNOBS, ENAMEL]),
    ("Midea", "AM820CUK-W", "AM820CUK", 7990, "white", [20, 800, NO_GRILL, TOUCH, ENAMEL]),
    ("Midea", "AG820CWW-S", "AG820CWW", 8990, "silver", [20, 800, 1000, KNOBS, ENAMEL]),
    ("Gorenje", "MO17E1WH", "MO17E1WH", 6990, "white", [17, 700, NO_GRILL, KNOBS, ENAMEL]),
    ("Haier", "HMB-DM208SA", "HMBDM208", 9490, "silver", [20, 800, NO_GRILL, TOUCH, ENAMEL]),
    ("Bosch", "Serie 2 FFL020MW0", "FFL020MW", 13990, "white", [20, 800, NO_GRILL, KNOBS, STEEL]),
    ("Candy", "CMXG20DW", "CMXG20DW", 8990, "white", [20, 700, 1000, TOUCH, ENAMEL]),
    ("Hotpoint", "MWHA 201 W", "MWHA201", 7990, "white", [20, 800, NO_GRILL, KNOBS, ENAMEL]),
]  # fmt: skip


def microwaves(rng: random.Random) -> Iterator[Item]:
    for brand, model, code, rubles, colour, values in MICROWAVES:
        grill = values[2] is not NO_GRILL
        yield make_item(
            "microwaves",
            sku_parts=[brand[:3], code],
            brand=brand,
            model=model,
            type_ru="Микроволновая печь",
            type_en="microwave oven" + (" with grill" if grill else ""),
            variant=(f"{values[0]} л", f"{values[0]} l"),
            colour=colours(colour)[0],
            price_minor=price(rng, rubles),
            description=(
                f"Микроволновая печь на {values[0]} л"
                + (
                    " с грилем для хрустящей корочки. "
                    if grill
                    else " для разогрева и разморозки. "
                )
                + rng.choice(
                    ["Автоматические программы для популярных блюд.", "Защита от включения детьми."]
                ),
                f"A {values[0]} l microwave oven"
                + (
                    " with a grill for a crispy crust. "
                    if grill
                    else " for heating and defrosting. "
                )
                + rng.choice(["Auto programmes for popular dishes.", "Child lock included."]),
            ),  # fmt: skip
            specs=specs_from(MICROWAVE_LABELS, values),
            shape="microwave",
        )


COFFEE_LABELS: list[Label] = [
    ("Тип", "Type", "", ""),
    ("Давление", "Pressure", "бар", "bar"),
    ("Мощность", "Power", "Вт", "W"),
    ("Резервуар для воды", "Water tank", "л", "l"),
    ("Капучинатор", "Milk frother", "", ""),
    ("Кофемолка", "Grinder", "", ""),
]
AUTO, ESPRESSO = ("автоматическая", "bean-to-cup"), ("рожковая", "portafilter espresso")
CAPSULE, DRIP = ("капсульная", "capsule"), ("капельная", "drip")
AUTO_MILK, MANUAL_MILK = ("автоматический", "automatic"), ("ручной", "manual steam wand")
NONE, BUILT_IN = ("нет", "none"), ("встроенная", "built-in")
# brand, model, sku code, rubles, colours, spec values
COFFEE: list[tuple[str, str, str, int, list[str], list[Value]]] = [
    ("De'Longhi", "Magnifica S ECAM22.110.B", "ECAM22110", 39990, ["black"],
     [AUTO, 15, 1450, 1.8, MANUAL_MILK, BUILT_IN]),
    ("De'Longhi", "Dinamica ECAM350.55.B", "ECAM35055", 64990, ["black"],
     [AUTO, 15, 1450, 1.8, AUTO_MILK, BUILT_IN]),
    ("De'Longhi", "Dedica EC685.M", "EC685", 19990, ["silver", "red", "black"],
     [ESPRESSO, 15, 1300, 1.1, MANUAL_MILK, NONE]),
    ("De'Longhi", "Dolce Gusto Genio S Plus EDG315", "EDG315", 8990, ["black", "white"],
     [CAPSULE, 15, 1500, 0.8, NONE, NONE]),
    ("Philips", "Series 2200 EP2220/10", "EP2220", 34990, ["black"],
     [AUTO, 15, 1500, 1.8, MANUAL_MILK, BUILT_IN]),
    ("Philips", "Series 3300 LatteGo EP3246/70", "EP3246", 49990, ["black"],
     [AUTO, 15, 1500, 1.8, AUTO_MILK, BUILT_IN]),
    ("Philips", "Series 5400 LatteGo EP5447/90", "EP5447", 74990, ["black", "silver"],
     [AUTO, 15, 1500, 1.8, AUTO_MILK, BUILT_IN]),
    ("Jura", "E8 Piano Black", "JURAE8", 169990, ["black"],
     [AUTO, 15, 1450, 1.9, AUTO_MILK, BUILT_IN]),
    ("Krups", "Arabica EA811810", "EA8118", 34990, ["black"],
     [AUTO, 15, 1450, 1.7, MANUAL_MILK, BUILT_IN]),
    ("Siemens", "EQ.500 TQ503R09", "TQ503R09", 59990, ["black"],
     [AUTO, 15, 1500, 1.7, AUTO_MILK, BUILT_IN]),
    ("Bosch", "VeroCup 100 TIS30129RW", "TIS30129", 42990, ["black"],
     [AUTO, 15, 1300, 1.4, MANUAL_MILK, BUILT_IN]),
    ("Melitta", "Caffeo Solo E950-101", "E950101", 29990, ["black", "silver"],
     [AUTO, 15, 1400, 1.2, NONE, BUILT_IN]),
    ("Nespresso", "Vertuo Next", "VERTUO", 12990, ["black", "white"],
     [CAPSULE, 19, 1500, 1.1, NONE, NONE]),
    ("Nespresso", "Essenza Mini C30", "C30", 9990, ["black", "white", "red"],
     [CAPSULE, 19, 1200, 0.6, NONE, NONE]),
    ("Polaris", "PCM 1527E Adore Crema", "PCM1527E", 11990, ["silver"],
     [ESPRESSO, 15, 1050, 1.2, MANUAL_MILK, NONE]),
    ("Bosch", "TKA3A031", "TKA3A031", 3490, ["black"], [DRIP, None, 1100, 1.25, NONE, NONE]),
]  # fmt: skip
COFFEE_TEXT = {
    AUTO: ("Сама мелет зёрна и готовит эспрессо, американо и капучино одной кнопкой.",
           "Grinds the beans and makes espresso, americano and cappuccino at a touch."),
    ESPRESSO: ("Настоящий эспрессо с густой пенкой и пар для молока.",
               "Proper espresso with a thick crema and steam for the milk."),
    CAPSULE: ("Чашка кофе за минуту, без помола и уборки.",
              "A cup of coffee in a minute, no grinding, no mess."),
    DRIP: ("Готовит до 10 чашек и держит кофе горячим.",
           "Brews up to 10 cups and keeps the coffee hot."),
}  # fmt: skip


def coffee(rng: random.Random) -> Iterator[Item]:
    for brand, model, code, rubles, names, values in COFFEE:
        kind: tuple[str, str] = values[0]  # type: ignore[assignment]
        for colour in colours(*rng.sample(names, min(len(names), 2))):
            yield make_item(
                "coffee",
                sku_parts=[brand[:3], code],
                brand=brand,
                model=model,
                type_ru="Кофеварка" if kind is DRIP else "Кофемашина",
                type_en="coffee maker" if kind is DRIP else "coffee machine",
                colour=colour,
                price_minor=price(rng, rubles),
                description=(
                    f"{kind[0].capitalize()} кофе{'варка' if kind is DRIP else 'машина'} "
                    f"{brand}. {COFFEE_TEXT[kind][0]}",
                    f"A {kind[1]} coffee {'maker' if kind is DRIP else 'machine'} by {brand}. "
                    + COFFEE_TEXT[kind][1],
                ),
                specs=specs_from(COFFEE_LABELS, values),
                shape="coffee",
            )


GENERATORS = [vacuums, microwaves, coffee]
