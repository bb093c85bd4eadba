"""CSV as Excel and 1C write it: the catalog (one product per row) and one store's stock."""

from sqlalchemy import select

from server.db import get_session
from server.models import Category, MovementKind, Product, Stock, StockMovement
from tests.server.imports.conftest import FILES, snapshot, write


def test_a_catalog_csv_with_bom_semicolons_and_comma_decimals_applies(app, world, cli):
    run = cli("import", "catalog", str(FILES / "catalog.csv"))
    assert run.code == 0, run.lines
    assert "товаров создано: 1" in run.lines and "товаров изменено: 1" in run.lines
    with app.app_context():
        session = get_session()
        case = session.scalars(select(Product).where(Product.sku == "CASE-1")).one()
        assert (case.name_ru, case.name_en, case.price_minor) == (
            "Чехол для смартфона",
            "Phone case",
            129_990,
        )
        assert (
            session.scalars(select(Category).where(Category.code == "cases")).one().name_ru
            == "Чехлы"
        )
        phone = session.scalars(select(Product).where(Product.sku == "PHONE-2")).one()
        assert (phone.name_ru, phone.price_minor) == ("Смартфон Гамма", 1_599_000)


def test_a_windows_1251_csv_is_read_as_such(app, world, cli, tmp_path):
    text = "sku;name_ru;category;price\r\nMUG-1;Кружка «Утро»;phones;349,00\r\n"
    assert cli("import", "catalog", str(write(tmp_path, "каталог.csv", text, "cp1251"))).code == 0
    with app.app_context():
        mug = get_session().scalars(select(Product).where(Product.sku == "MUG-1")).one()
        assert mug.name_ru == "Кружка «Утро»"


def test_each_bad_catalog_row_is_reported_with_its_line_and_nothing_is_applied(
    app, world, cli, tmp_path
):
    text = (
        "sku,name_ru,category,price,active\n"
        "OK-1,Годный товар,phones,100,1\n"
        "BAD 2,Пробел в артикуле,phones,100,1\n"
        "OK-3,,phones,100,1\n"
        "OK-4,Цена словом,phones,сто,1\n"
        "OK-5,Неизвестная категория,nowhere,100,1\n"
        "OK-1,Повтор,phones,100,может быть\n"
    )
    before = snapshot(app)
    run = cli("import", "catalog", str(write(tmp_path, "goods.csv", text)))
    assert run.code == 1
    assert run.lines == [
        "goods.csv, строка 3: артикул «BAD 2» пустой, слишком длинный "
        "или с пробелами и лишними знаками",
        "goods.csv, строка 4: name_ru: пусто",
        "goods.csv, строка 5: цена «сто» — не число рублей",
        "goods.csv, строка 7: «может быть» — ни «да» (1), ни «нет» (0)",
    ]
    assert snapshot(app) == before
    # The category is only known to be missing once the rows above are right.
    fixed = "sku,name_ru,category,price\nOK-5,Неизвестная категория,nowhere,100\n"
    run = cli("import", "catalog", str(write(tmp_path, "goods.csv", fixed)))
    assert run.code == 1 and "нет категории с кодом nowhere" in run.lines[0]
    assert snapshot(app) == before


def test_a_catalog_csv_with_a_wrong_header_names_the_columns(world, cli, tmp_path):
    run = cli(
        "import",
        "catalog",
        str(write(tmp_path, "goods.csv", "sku,name,price\nA,B,1\n")),
        "--lang",
        "en",
    )
    assert run.code == 1
    assert run.lines == [
        "goods.csv, line 1: the header lacks the columns: name_ru, category; unknown columns: name "
        "(known: sku, name_ru, category, price, name_en, category_name, brand, description_ru, "
        "description_en, active)"
    ]


def test_stock_csv_sets_on_hand_and_bins_with_one_movement_each_and_again_changes_nothing(
    app, world, cli
):
    run = cli("import", "stock", str(FILES / "stock.csv"), "--store", "MSK-1")
    assert run.code == 0, run.lines
    assert "остатков изменено: 2" in run.lines
    with app.app_context():
        session = get_session()
        rows = {
            r.product_id: (r.on_hand, r.bin_location)
            for r in session.scalars(select(Stock).where(Stock.store_id == world.store.id))
        }
        assert rows[world.products["PHONE-1"].id] == (25, "A-01-1")
        assert rows[world.products["TV-1"].id] == (4, "A-04-1")  # an empty bin keeps the old one
        moves = session.execute(select(StockMovement.kind, StockMovement.on_hand_delta)).all()
        assert sorted(moves) == [(MovementKind.IMPORTED, -1), (MovementKind.IMPORTED, 15)]
    before = snapshot(app)
    again = cli("import", "stock", str(FILES / "stock.csv"), "--store", "MSK-1")
    assert again.code == 0 and "остатков изменено: 0" in again.lines
    assert snapshot(app) == before


def test_stock_rows_that_cannot_apply_are_each_reported_and_nothing_is_applied(
    app, world, cli, terminal, tmp_path
):
    order = {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 3}], "payment": "cashier"}
    assert terminal.post("/orders", order).status_code == 201
    text = "sku,quantity,bin\nPHONE-1,5,\nNOPE-1,1,\nTV-1,2,\nPHONE-2,1.5,\nPHONE-1,6,\n"
    before = snapshot(app)
    run = cli("import", "stock", str(write(tmp_path, "stock.csv", text)), "--store", "MSK-1")
    assert run.code == 1
    assert run.lines == [
        "stock.csv, строка 5: количество «1.5» — не целое число",
        "stock.csv, строка 6: артикул PHONE-1 уже был в одной из строк выше",
    ]
    text = "sku,quantity,bin\nPHONE-1,5,\nNOPE-1,1,\nTV-1,2,\n"
    run = cli("import", "stock", str(write(tmp_path, "stock.csv", text)), "--store", "MSK-1")
    assert run.code == 1
    assert run.lines == [
        "stock.csv, строка 3: нет товара с артикулом NOPE-1",
        "stock.csv, строка 4: TV-1: Заказы держат 3 из 5 шт. на складе; оставить 2 нельзя.",
    ]
    assert snapshot(app) == before


def test_stock_goes_only_to_a_known_cybermarket(world, cli):
    run = cli("import", "stock", str(FILES / "stock.csv"), "--store", "NOWHERE")
    assert (run.code, run.lines) == (1, ["stock.csv: нет магазина с кодом NOWHERE"])
    run = cli("import", "stock", str(FILES / "stock.csv"), "--store", "OUT-1")
    assert (run.code, run.lines) == (
        1,
        ["stock.csv: OUT-1 — пункт выдачи, своих остатков у него нет"],
    )


def test_a_stock_dry_run_changes_nothing(app, world, cli):
    before = snapshot(app)
    run = cli("import", "stock", str(FILES / "stock.csv"), "--store", "MSK-1", "--dry-run")
    assert run.code == 0 and "остатков изменено: 2" in run.lines
    assert snapshot(app) == before
