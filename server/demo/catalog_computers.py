"""Demo laptops, monitors and TVs."""

import random
from collections.abc import Iterator

from server.demo.catalog import (
    Item,
    colours,
    make_item,
    num_en,
    num_ru,
    price,
    spec,
    specs_from,
)

# brand, model, sku code, [(cpu, ram GB, ssd GB, rubles)], colours, inches, resolution,
# graphics, weight kg, Windows preinstalled
LAPTOPS = [
    ("Apple", "MacBook Air 13 M2", "MBA13", [("Apple M2", 8, 256, 89990),
     ("Apple M2", 16, 512, 119990)], ["silver", "grey", "gold", "navy"], 13.6, "2560×1664",
     "Apple M2, 8 ядер", 1.24, None),
    ("Apple", "MacBook Air 15 M3", "MBA15", [("Apple M3", 16, 512, 149990)],
     ["silver", "navy"], 15.3, "2880×1864", "Apple M3, 10 ядер", 1.51, None),
    ("Apple", "MacBook Pro 14 M3 Pro", "MBP14", [("Apple M3 Pro", 18, 512, 219990)],
     ["black", "silver"], 14.2, "3024×1964", "Apple M3 Pro, 14 ядер", 1.61, None),
    ("ASUS", "Vivobook 15 X1504VA", "X1504", [("Core i3-1315U", 8, 256, 39990),
     ("Core i5-1335U", 16, 512, 54990)], ["silver", "navy"], 15.6, "1920×1080",
     "Intel Iris Xe", 1.7, True),
    ("ASUS", "TUF Gaming A15 FA507NV", "FA507", [("Ryzen 7 7735HS", 16, 512, 99990)],
     ["grey"], 15.6, "1920×1080, 144 Гц", "GeForce RTX 4060", 2.2, False),
    ("ASUS", "ROG Strix G16 G614JU", "G614", [("Core i7-13650HX", 16, 1024, 149990)],
     ["grey"], 16.0, "2560×1600, 240 Гц", "GeForce RTX 4050", 2.5, True),
    ("Lenovo", "IdeaPad Slim 3 15IRU8", "IPS3", [("Core i5-1335U", 8, 512, 49990),
     ("Core i7-1355U", 16, 512, 64990)], ["grey", "navy"], 15.6, "1920×1080",
     "Intel Iris Xe", 1.62, False),
    ("Lenovo", "Legion 5 16IRX9", "LEG5", [("Core i7-14650HX", 16, 1024, 164990)],
     ["grey"], 16.0, "2560×1600, 165 Гц", "GeForce RTX 4060", 2.4, True),
    ("Lenovo", "ThinkPad E14 Gen 5", "E14G5", [("Core i5-1335U", 16, 512, 84990)],
     ["black"], 14.0, "1920×1200", "Intel Iris Xe", 1.41, True),
    ("HUAWEI", "MateBook D 16", "MBD16", [("Core i5-12450H", 16, 512, 64990)],
     ["grey"], 16.0, "1920×1200", "Intel UHD", 1.68, True),
    ("HUAWEI", "MateBook 14", "MB14", [("Core Ultra 5 125H", 16, 1024, 99990)],
     ["grey", "white"], 14.2, "2880×1920, OLED", "Intel Arc", 1.31, True),
    ("HP", "15s-fq5000", "15SFQ", [("Core i5-1235U", 8, 512, 49990)],
     ["silver"], 15.6, "1920×1080", "Intel Iris Xe", 1.69, False),
    ("HP", "Victus 16-s0000", "VIC16", [("Ryzen 5 7640HS", 16, 512, 89990)],
     ["black"], 16.1, "1920×1080, 144 Гц", "GeForce RTX 4050", 2.3, False),
    ("Acer", "Aspire 5 A515-58M", "A515", [("Core i5-1335U", 16, 512, 59990)],
     ["grey"], 15.6, "1920×1080", "Intel Iris Xe", 1.8, False),
    ("Acer", "Nitro V 15 ANV15-51", "ANV15", [("Core i5-13420H", 16, 512, 84990)],
     ["black"], 15.6, "1920×1080, 144 Гц", "GeForce RTX 4050", 2.1, False),
    ("MSI", "Katana 15 B13VFK", "KAT15", [("Core i7-13620H", 16, 1024, 119990)],
     ["black"], 15.6, "1920×1080, 144 Гц", "GeForce RTX 4060", 2.25, True),
    ("TECNO", "MEGABOOK T1", "MBT1", [("Core i5-12450H", 16, 512, 49990)],
     ["silver", "grey"], 15.6, "1920×1080", "Intel UHD", 1.56, True),
]  # fmt: skip

LAPTOP_LINES = [
    ("Лёгкий корпус и автономность на целый рабочий день.",
     "A light body and battery life for a whole working day."),
    ("Подходит для учёбы, работы с документами и видеозвонков.",
     "Good for studying, office work and video calls."),
    ("Тихая система охлаждения и быстрый SSD-накопитель.", "Quiet cooling and a fast SSD."),
]  # fmt: skip
GAMING_LINES = [
    ("Мощная видеокарта тянет современные игры на высоких настройках.",
     "The powerful graphics card runs current games on high settings."),
    ("Экран с высокой частотой обновления делает картинку в играх плавной.",
     "The high refresh rate screen keeps games smooth."),
]  # fmt: skip


def _en(text: str) -> str:
    return text.replace("Гц", "Hz").replace("ядер", "cores")


def laptops(rng: random.Random) -> Iterator[Item]:
    for brand, model, code, configs, names, inch, res, gpu, kg, windows in LAPTOPS:
        gaming = "RTX" in gpu
        os_text = ("macOS", "macOS") if windows is None else (
            ("Windows 11 Home", "Windows 11 Home") if windows else ("без ОС", "no OS")
        )  # fmt: skip
        for cpu, ram, ssd, rubles in configs:
            chip = "" if cpu.split()[-1] in model.split() else f" {cpu},"
            disk = ("1 ТБ", "1 TB") if ssd >= 1024 else (f"{ssd} ГБ", f"{ssd} GB")
            for colour in colours(*rng.sample(names, 1)):
                line = rng.choice(GAMING_LINES if gaming else LAPTOP_LINES)
                yield make_item(
                    "laptops",
                    sku_parts=[brand[:3], code, str(ram), str(ssd)],
                    model_parts=[brand[:3], code],
                    memory=(f"{ram} ГБ/{disk[0]}", f"{ram} GB/{disk[1]}"),
                    brand=brand,
                    model=model,
                    type_ru="Игровой ноутбук" if gaming else "Ноутбук",
                    type_en="gaming laptop" if gaming else "laptop",
                    variant=(
                        f"{num_ru(inch)}″,{chip} {ram} ГБ/{disk[0]}",
                        f"{num_en(inch)}″,{chip} {ram} GB/{disk[1]}",
                    ),
                    colour=colour,
                    price_minor=price(rng, rubles),
                    description=(
                        f"{brand} {model} с экраном {num_ru(inch)}″ и процессором {cpu}. "
                        + line[0],
                        f"The {brand} {model} has a {num_en(inch)}″ screen and "
                        f"the {cpu} processor. " + line[1],
                    ),
                    specs=[
                        spec(
                            "Экран",
                            "Screen",
                            (f"{num_ru(inch)}″, {res}", f"{num_en(inch)}″, {_en(res)}"),
                        ),  # fmt: skip
                        spec("Процессор", "Processor", cpu),
                        spec("Оперативная память", "RAM", ram, "ГБ", "GB"),
                        spec("Накопитель", "Storage", (f"SSD {disk[0]}", f"SSD {disk[1]}")),
                        spec("Видеокарта", "Graphics", (gpu, _en(gpu))),
                        spec("Вес", "Weight", kg, "кг", "kg"),
                        spec("Операционная система", "Operating system", os_text),
                    ],
                )


# brand, model, sku code, rubles, inches, resolution, panel, Hz, response ms, colour
MONITORS = [
    ("Samsung", "Odyssey G5 S27CG550EI", "S27CG550", 24990, 27, "2560×1440", "VA", 165, 1, "black"),
    ("Samsung", "Odyssey G7 S32BG700EI", "S32BG700", 69990, 32, "3840×2160", "IPS", 144, 1,
     "black"),
    ("Samsung", "ViewFinity S6 S32A600NWI", "S32A600", 27990, 32, "2560×1440", "VA", 75, 5,
     "black"),
    ("LG", "UltraGear 27GR75Q-B", "27GR75Q", 27990, 27, "2560×1440", "IPS", 165, 1, "black"),
    ("LG", "24MR400-B", "24MR400", 9990, 23.8, "1920×1080", "IPS", 100, 5, "black"),
    ("LG", "UltraFine 27UP850N-W", "27UP850", 44990, 27, "3840×2160", "IPS", 60, 5, "white"),
    ("LG", "UltraWide 34WQ75C-B", "34WQ75C", 44990, 34, "3440×1440", "IPS", 60, 5, "black"),
    ("Xiaomi", "Mi Desktop Monitor 27", "MIDM27", 12990, 27, "1920×1080", "IPS", 75, 6, "black"),
    ("Xiaomi", "Gaming Monitor G27i", "G27I", 15990, 27, "1920×1080", "IPS", 165, 1, "black"),
    ("ASUS", "TUF Gaming VG249Q3A", "VG249Q3A", 14990, 23.8, "1920×1080", "IPS", 180, 1, "black"),
    ("ASUS", "ProArt PA278QV", "PA278QV", 36990, 27, "2560×1440", "IPS", 75, 5, "black"),
    ("AOC", "24G2SPU", "24G2SPU", 14990, 23.8, "1920×1080", "IPS", 165, 1, "black"),
    ("AOC", "Q27G3XMN", "Q27G3XMN", 24990, 27, "2560×1440", "VA", 180, 1, "black"),
    ("Dell", "P2423D", "P2423D", 27990, 23.8, "2560×1440", "IPS", 60, 5, "black"),
    ("Dell", "S2721DS", "S2721DS", 27990, 27, "2560×1440", "IPS", 75, 4, "silver"),
    ("MSI", "MAG 274QRF QD E2", "274QRF", 32990, 27, "2560×1440", "IPS", 180, 1, "black"),
    ("Philips", "27E1N1300AE", "27E1N13", 12990, 27, "1920×1080", "IPS", 100, 4, "black"),
    ("BenQ", "MOBIUZ EX2710Q", "EX2710Q", 39990, 27, "2560×1440", "IPS", 165, 1, "grey"),
    ("HUAWEI", "MateView SE", "MVSE", 11990, 23.8, "1920×1080", "IPS", 75, 5, "black"),
    ("Gigabyte", "M27Q X", "M27QX", 34990, 27, "2560×1440", "IPS", 240, 1, "black"),
]  # fmt: skip

MONITOR_LABELS = [
    ("Диагональ", "Screen size", "″", "″"),
    ("Разрешение", "Resolution", "", ""),
    ("Матрица", "Panel", "", ""),
    ("Частота обновления", "Refresh rate", "Гц", "Hz"),
    ("Время отклика", "Response time", "мс", "ms"),
    ("Разъёмы", "Inputs", "", ""),
]


def monitors(rng: random.Random) -> Iterator[Item]:
    for brand, model, code, rubles, inch, res, panel, hz, ms, colour in MONITORS:
        ports = rng.choice(
            ["HDMI, DisplayPort", "2× HDMI, DisplayPort", "HDMI, DisplayPort, USB-C"]
        )
        use = ("для игр", "for gaming") if hz >= 144 else ("для работы и учёбы", "for work")
        yield make_item(
            "monitors",
            sku_parts=[brand[:3], code],
            brand=brand,
            model=model,
            type_ru="Монитор",
            type_en="monitor",
            variant=(f"{num_ru(inch)}″", f"{num_en(inch)}″"),
            colour=colours(colour)[0],
            price_minor=price(rng, rubles),
            description=(
                f"Монитор {num_ru(inch)}″ {use[0]}: матрица {panel}, {res}, {hz} Гц. "
                "Тонкие рамки и регулировка наклона.",
                f"A {num_en(inch)}″ monitor {use[1]}: {panel} panel, {res}, {hz} Hz. "
                "Slim bezels and a tilting stand.",
            ),
            specs=specs_from(MONITOR_LABELS, [float(inch), res, panel, hz, ms, ports]),
        )


# brand, family, sku code, [(inches, rubles)], resolution, panel, Hz, platform, sound W, colour
TVS = [
    ("Samsung", "Crystal UHD CU7100", "CU7100", [(43, 32990), (50, 39990), (55, 44990),
     (65, 64990)], "4K", "LED", 60, "Tizen", 20, "black"),
    ("Samsung", "QLED Q60D", "Q60D", [(55, 64990), (65, 89990)], "4K", "QLED", 60, "Tizen", 20,
     "black"),
    ("LG", "UR78", "UR78", [(43, 34990), (55, 46990)], "4K", "LED", 60, "webOS", 20, "black"),
    ("LG", "OLED evo C4", "C4", [(55, 149990), (65, 219990)], "4K", "OLED", 120, "webOS", 40,
     "black"),
    ("Sony", "BRAVIA X75WL", "X75WL", [(55, 79990)], "4K", "LED", 60, "Google TV", 20, "black"),
    ("Xiaomi", "TV A 2025", "TVA25", [(32, 16990), (43, 27990)], "HD", "LED", 60, "Google TV", 10,
     "black"),
    ("Xiaomi", "TV A Pro 2025", "TVAP25", [(55, 44990), (65, 59990)], "4K", "QLED", 60,
     "Google TV", 20, "grey"),
    ("Haier", "Smart TV S1", "S1", [(55, 44990)], "4K", "LED", 60, "Android TV", 20, "black"),
    ("Haier", "Smart TV S4", "S4", [(65, 69990)], "4K", "QLED", 120, "Google TV", 30, "grey"),
    ("TCL", "C655", "C655", [(55, 49990), (65, 64990)], "4K", "QLED", 60, "Google TV", 20,
     "black"),
    ("Hisense", "A6K", "A6K", [(50, 32990)], "4K", "LED", 60, "VIDAA", 14, "black"),
    ("Hisense", "U7KQ", "U7KQ", [(65, 89990)], "4K", "Mini LED", 144, "VIDAA", 20, "grey"),
    ("Yandex", "ТВ Станция", "TVST", [(50, 44990), (65, 64990)], "4K", "LED", 60, "Яндекс ТВ", 20,
     "black"),
]  # fmt: skip

TV_LABELS = [
    ("Диагональ", "Screen size", "", ""),
    ("Разрешение", "Resolution", "", ""),
    ("Технология экрана", "Display type", "", ""),
    ("Частота обновления", "Refresh rate", "Гц", "Hz"),
    ("Smart TV", "Smart TV platform", "", ""),
    ("Мощность звука", "Sound output", "Вт", "W"),
    ("HDR", "HDR", "", ""),
]
RESOLUTIONS = {
    "4K": ("3840×2160, 4K UHD", "3840×2160, 4K UHD"),
    "HD": ("1366×768, HD", "1366×768, HD"),
}


def tvs(rng: random.Random) -> Iterator[Item]:
    for brand, family, code, sizes, res, panel, hz, platform, watts, colour in TVS:
        model = family if brand != "Yandex" else "TV Station"
        model_ru = family
        hdr = "HDR10, HLG" if res == "HD" else rng.choice(["HDR10+, HLG", "HDR10, Dolby Vision"])
        platform_en = platform.replace("Яндекс ТВ", "Yandex TV")
        for inch, rubles in sizes:
            cm = round(inch * 2.54)
            item = make_item(
                "tvs",
                sku_parts=[brand[:3], code, str(inch)],
                brand=brand,
                model=model_ru,
                type_ru="Телевизор",
                type_en="TV",
                variant=(f"{inch}″ {res}", f"{inch}″ {res}"),
                colour=None,
                price_minor=price(rng, rubles),
                description=(
                    f"Телевизор {inch}″ ({cm} см) с экраном {panel} {res} и платформой "
                    f"{platform}. Фильмы и сериалы из онлайн-кинотеатров без приставки.",
                    f"A {inch}″ ({cm} cm) {panel} {res} TV running {platform_en}. "
                    "Streaming services work out of the box, no set-top box needed.",
                ),
                specs=specs_from(
                    TV_LABELS,
                    [
                        (f"{inch}″ ({cm} см)", f"{inch}″ ({cm} cm)"),
                        RESOLUTIONS[res],
                        panel,
                        hz,
                        (platform, platform_en),
                        watts,
                        hdr,
                    ],
                ),  # fmt: skip
            )
            if brand == "Yandex":
                item.name_ru = item.name_ru.replace("Yandex", "Яндекс")
                item.name_en = item.name_en.replace(model_ru, model)
            item.short = f"{model} {inch}″"
            item.colour = colours(colour)[0]
            yield item


GENERATORS = [laptops, monitors, tvs]
