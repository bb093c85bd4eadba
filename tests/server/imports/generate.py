"""Large CommerceML pairs and stock CSVs as 1C writes them, for memory tests and benchmarks."""

from pathlib import Path

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" ВерсияСхемы="2.08" '
    'ДатаФормирования="2026-11-25T06:00:12">\n'
)
TEXT = "Надёжный товар для дома и офиса, гарантия производителя, доставка в магазин. "


def _good(n: int, description: str) -> str:
    return (
        f"<Товар><Ид>g-{n:08d}</Ид><Артикул>GEN-{n}</Артикул>"
        f"<Наименование>Товар номер {n}</Наименование>"
        '<БазоваяЕдиница Код="796" НаименованиеПолное="Штука">шт</БазоваяЕдиница>'
        f"<Группы><Ид>grp-{n % 50}</Ид></Группы><Описание>{description}</Описание>"
        "<ЗначенияСвойств><ЗначенияСвойства><Ид>p-color</Ид><Значение>c-1</Значение>"
        "</ЗначенияСвойства></ЗначенияСвойств></Товар>\n"
    )


def write_catalog(folder: Path, goods: int, description_chars: int = 600) -> tuple[Path, Path]:
    """import.xml: `goods` goods in 50 groups; offers.xml: a price and stock for each."""
    description = (TEXT * (description_chars // len(TEXT) + 1))[:description_chars]
    import_xml, offers_xml = folder / "import.xml", folder / "offers.xml"
    with import_xml.open("w", encoding="utf-8") as out:
        out.write(HEAD + "<Классификатор><Ид>cls</Ид><Наименование>Каталог</Наименование><Группы>")
        out.writelines(
            f"<Группа><Ид>grp-{g}</Ид><Наименование>Группа {g}</Наименование></Группа>"
            for g in range(50)
        )
        out.write(
            "</Группы><Свойства><Свойство><Ид>p-color</Ид><Наименование>Цвет</Наименование>"
            "<ВариантыЗначений><Справочник><ИдЗначения>c-1</ИдЗначения><Значение>Серый"
            "</Значение></Справочник></ВариантыЗначений></Свойство></Свойства></Классификатор>"
            '<Каталог СодержитТолькоИзменения="false"><Ид>cls</Ид><Товары>\n'
        )
        out.writelines(_good(n, description) for n in range(goods))
        out.write("</Товары></Каталог></КоммерческаяИнформация>\n")
    with offers_xml.open("w", encoding="utf-8") as out:
        out.write(
            HEAD + "<ПакетПредложений><ТипыЦен><ТипЦены><Ид>retail</Ид><Наименование>Розничная"
            "</Наименование><Валюта>RUB</Валюта></ТипЦены></ТипыЦен><Склады><Склад><Ид>MSK-1</Ид>"
            "<Наименование>Тверская</Наименование></Склад></Склады><Предложения>\n"
        )
        out.writelines(
            f"<Предложение><Ид>g-{n:08d}</Ид><Цены><Цена><ИдТипаЦены>retail</ИдТипаЦены>"
            f"<ЦенаЗаЕдиницу>{100 + n % 900}.50</ЦенаЗаЕдиницу><Валюта>RUB</Валюта></Цена>"
            f'</Цены><Количество>{n % 7}</Количество><Склад ИдСклада="MSK-1" '
            f'КоличествоНаСкладе="{n % 7}"/></Предложение>\n'
            for n in range(goods)
        )
        out.write("</Предложения></ПакетПредложений></КоммерческаяИнформация>\n")
    return import_xml, offers_xml


def write_stock_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("sku;quantity;bin\n")
        out.writelines(f"GEN-{n};{n % 7};A-{n % 90:02d}-{n % 9}\n" for n in range(rows))
    return path
