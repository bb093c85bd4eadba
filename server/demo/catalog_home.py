"""Demo home appliances: washing machines, refrigerators, vacuums, microwaves, coffee."""

import random
from collections.abc import Iterator

from server.demo.catalog import YES_NO, Item, Label, colours, make_item, num_ru, price, specs_from

WASHER_LABELS: list[Label] = [
    ("Загрузка", "Load", "кг", "kg"),
    ("Отжим", "Spin speed", "об/мин", "rpm"),
    ("Глубина", "Depth", "см", "cm"),
    ("Сушка", "Drying", "", ""),
    ("Класс энергопотребления", "Energy class", "", ""),
    ("Уровень шума при отжиме", "Spin noise level", "дБ", "dB"),
]
# brand, model, sku code, rubles, kg, rpm, depth cm, dryer kg, energy class, dB, colour
WASHERS = [
    ("LG", "F2J3WS2W", "F2J3WS2W", 34990, 6.5, 1200, 45, 0, "A+++", 73, "white"),
    ("LG", "F4V5VS0W", "F4V5VS0W", 54990, 9, 1400, 56.5, 0, "A+++", 72, "white"),
    ("LG", "F2DR508S1W", "F2DR508S", 64990, 8, 1200, 47.5, 5, "A", 74, "white"),
    ("Samsung", "WW65AG4S21CE", "WW65AG4", 36990, 6.5, 1200, 45, 0, "A", 72, "white"),
    ("Samsung", "WW80AG6L28BB", "WW80AG6", 52990, 8, 1200, 55, 0, "A", 72, "black"),
    ("Samsung", "WD80T4046EE", "WD80T40", 59990, 8, 1400, 60, 5, "A", 74, "white"),
    ("Bosch", "Serie 2 WHA122X1OE", "WHA122X1", 39990, 6, 1200, 45, 0, "A+++", 74, "white"),
    ("Bosch", "Serie 4 WAN28281OE", "WAN28281", 59990, 8, 1400, 59, 0, "A+++", 71, "white"),
    ("Bosch", "Serie 6 WGG244ZESN", "WGG244Z", 79990, 9, 1400, 59, 0, "A", 69, "white"),
    ("Haier", "HW60-BP12919B", "HW60BP12", 29990, 6, 1200, 40, 0, "A+++", 76, "white"),
    ("Haier", "HW80-B14979", "HW80B149", 44990, 8, 1400, 46, 0, "A+++", 75, "white"),
    ("Indesit", "IWSE 6105", "IWSE6105", 22990, 6, 1000, 42.5, 0, "A", 78, "white"),
    ("Indesit", "BWSE 81293X WWV", "BWSE8129", 31990, 8, 1200, 54, 0, "A+++", 77, "white"),
    ("Beko", "WSRE6512ZSS", "WSRE6512", 24990, 6, 1000, 41.5, 0, "A+++", 78, "white"),
    ("Beko", "B3WFR57H2W", "B3WFR57", 32990, 7, 1000, 46, 0, "A", 76, "white"),
    ("Candy", "Smart CS4 1061D1/2-07", "CS41061", 21990, 6, 1000, 40, 0, "A+", 79, "white"),
    ("Hotpoint", "NSS 6015 K RU", "NSS6015", 27990, 6, 1000, 43.5, 0, "A+++", 78, "white"),
    ("Electrolux", "EW6S4R06W", "EW6S4R06", 32990, 6, 1000, 38, 0, "A+++", 77, "white"),
    ("Electrolux", "PerfectCare 700 EW7F3R48S", "EW7F3R48", 57990, 8, 1400, 57.5, 0, "A+++", 74,
     "white"),
]  # fmt: skip


def washers(rng: random.Random) -> Iterator[Item]:
    for brand, model, code, rubles, kg, rpm, depth, dry, energy, db, colour in WASHERS:
        slim = depth < 46
        drying = (f"{dry} кг", f"{dry} kg") if dry else YES_NO[False]
        extra = rng.choice([
            ("Инверторный мотор работает тихо и служит долго.",
             "The inverter motor runs quietly and lasts long."),
            ("Программа «Пар» освежает вещи и убирает аллергены.",
             "The Steam programme refreshes clothes and removes allergens."),
            ("Быстрая стирка за 15 минут для слегка загрязнённых вещей.",
             "A 15-minute quick wash for lightly soiled clothes."),
        ])  # fmt: skip
        yield make_item(
            "washers",
            sku_parts=[brand[:3], code],
            brand=brand,
            model=model,
            type_ru="Стиральная машина с сушкой" if dry else "Стиральная машина",
            type_en="washer-dryer" if dry else "washing machine",
            variant=(f"{num_ru(kg)} кг", f"{kg} kg"),
            colour=colours(colour)[0],
            price_minor=price(rng, rubles),
            description=(
                ("Узкая" if slim else "Полноразмерная")
                + f" стиральная машина на {num_ru(kg)} кг с отжимом до {rpm} об/мин. "
                + extra[0],
                ("A slim" if slim else "A full-size")
                + f" {kg} kg washing machine with a spin of up to {rpm} rpm. "
                + extra[1],
            ),
            specs=specs_from(WASHER_LABELS, [kg, rpm, depth, drying, energy, db]),
            shape="washer",
        )


FRIDGE_LABELS: list[Label] = [
    ("Тип", "Type", "", ""),
    ("Общий объём", "Total capacity", "л", "l"),
    ("Высота", "Height", "см", "cm"),
    ("No Frost", "No Frost", "", ""),
    ("Класс энергопотребления", "Energy class", "", ""),
    ("Уровень шума", "Noise level", "дБ", "dB"),
]
BOTTOM = ("двухкамерный, морозильник снизу", "two-door, bottom freezer")
SBS = ("Side-by-Side", "side-by-side")
MULTI = ("многодверный (French Door)", "multi-door (French Door)")
# brand, model, sku code, rubles, type, litres, height cm, no frost, energy class, dB, colours
FRIDGES = [
    ("Indesit", "ITS 4180 W", "ITS4180W", 34990, BOTTOM, 298, 185, True, "A", 40, ["white"]),
    ("Indesit", "DS 4180 SB", "DS4180SB", 36990, BOTTOM, 298, 185, False, "A", 39, ["silver"]),
    ("Bosch", "Serie 2 KGV36NW1AR", "KGV36NW1", 49990, BOTTOM, 317, 186, False, "A+", 39,
     ["white"]),
    ("Bosch", "Serie 4 KGN39VWEQ", "KGN39VWE", 79990, BOTTOM, 368, 203, True, "A++", 38,
     ["white", "stainless steel"]),
    ("Samsung", "RB33A3440SA", "RB33A344", 59990, BOTTOM, 328, 185, True, "A+", 36,
     ["silver", "beige"]),
    ("Samsung", "RB38T7762SA", "RB38T776", 99990, BOTTOM, 385, 203, True, "A++", 35, ["silver"]),
    ("Samsung", "RS61R5001F8", "RS61R500", 119990, SBS, 617, 178, True, "A+", 38, ["silver"]),
    ("LG", "GA-B509CQSL", "GAB509CQ", 74990, BOTTOM, 419, 203, True, "A++", 36,
     ["silver", "beige", "black"]),
    ("LG", "GC-B257JEYV", "GCB257JE", 139990, SBS, 635, 179, True, "A+", 38, ["graphite"]),
    ("Haier", "C2F637CWRG", "C2F637CW", 62990, BOTTOM, 364, 199, True, "A+", 38, ["white"]),
    ("Haier", "HTF-610DM7RU", "HTF610DM", 119990, MULTI, 628, 190, True, "A+", 40,
     ["stainless steel"]),
    ("Beko", "RCNK310E20VX", "RCNK310E", 39990, BOTTOM, 277, 184, True, "A+", 40,
     ["stainless steel"]),
    ("Hotpoint", "HT 4200 S", "HT4200S", 49990, BOTTOM, 325, 200, True, "A", 39, ["silver"]),
    ("Liebherr", "CNsfd 5723 Plus", "CNSFD572", 129990, BOTTOM, 371, 202, True, "A", 35,
     ["stainless steel"]),
    ("Gorenje", "NRK6192AW4", "NRK6192A", 54990, BOTTOM, 307, 185, True, "A++", 38, ["white"]),
    ("Hisense", "RB440N4BW1", "RB440N4B", 45990, BOTTOM, 336, 200, True, "A+", 40, ["white"]),
    ("Pozis", "RK-139", "RK139", 29990, BOTTOM, 335, 185, False, "A+", 40,
     ["white", "graphite", "beige"]),
    ("Midea", "MDRB521MIE01", "MDRB521M", 42990, BOTTOM, 350, 200, True, "A+", 40, ["beige"]),
]  # fmt: skip


def fridges(rng: random.Random) -> Iterator[Item]:
    for brand, model, code, rubles, kind, litres, height, nofrost, energy, db, names in FRIDGES:
        for colour in colours(*rng.sample(names, min(len(names), 2))):
            yield make_item(
                "fridges",
                sku_parts=[brand[:3], code],
                brand=brand,
                model=model,
                type_ru="Холодильник",
                type_en="refrigerator",
                colour=colour,
                price_minor=price(rng, rubles),
                description=(
                    f"Холодильник {kind[0]} на {litres} л, высота {height} см. "
                    + (
                        "Система No Frost: размораживать не придётся."
                        if nofrost
                        else "Капельная система разморозки холодильной камеры."
                    ),
                    f"A {kind[1]} refrigerator, {litres} l, {height} cm tall. "
                    + (
                        "No Frost: no defrosting ever."
                        if nofrost
                        else "Drip defrosting in the fridge compartment."
                    ),
                ),  # fmt: skip
                specs=specs_from(
                    FRIDGE_LABELS, [kind, litres, height, YES_NO[nofrost], energy, db]
                ),
                shape="fridge_sbs" if kind is not BOTTOM else "fridge",
            )


GENERATORS = [washers, fridges]
