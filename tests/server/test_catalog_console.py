"""The catalog console: a manager edits products and prices (with history), photos, categories."""

import io
import re
from pathlib import Path

from flask import Flask
from PIL import Image
from sqlalchemy import select, update

from server.db import get_session
from server.models import AuditEntry, Product, Stock
from server.services import catalog_edit
from tests.helpers import build_world, signed_in

PHONE_1 = 1  # ids in the world: PHONE-1, PHONE-2, TV-1


def form_of(product: Product, **changes: str) -> dict[str, object]:
    form: dict[str, object] = {
        "name_ru": product.name_ru,
        "name_en": product.name_en,
        "brand": product.brand,
        "category": str(product.category_id),
        "price": f"{product.price_minor / 100:.2f}",
        "active": "1" if product.active else "",
        "description_ru": product.description_ru,
        "description_en": product.description_en,
        "spec_ru_name": [row[0] for row in product.specs.get("ru", [])],
        "spec_ru_value": [row[1] for row in product.specs.get("ru", [])],
        "spec_en_name": [row[0] for row in product.specs.get("en", [])],
        "spec_en_value": [row[1] for row in product.specs.get("en", [])],
    }
    form.update(changes)
    return form


def product(app: Flask, product_id: int = PHONE_1) -> Product:
    with app.app_context():
        found = get_session().get(Product, product_id)
        assert found is not None
        get_session().expunge(found)
        return found


def picture(width: int, height: int, kind: str = "PNG") -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(data, format=kind)
    data.seek(0)
    return data


def size_of(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def test_a_manager_changes_a_price_and_sees_who_changed_it(app: Flask, world, terminal):
    manager = signed_in(app, "manager")
    before = product(app)
    form = form_of(before, price="27 990,50", name_ru="Смартфон Зебра")
    saved = manager.post(f"/staff/catalog/{PHONE_1}", data=form)
    assert saved.status_code == 302
    page = manager.get(saved.location + "&lang=en").text
    assert 'data-testid="done"' in page
    history = page.split('data-testid="price-history"')[1]
    assert "Marina Manager" in history
    assert "29,990 ₽" in history and "27,990.50 ₽" in history
    assert product(app).price_minor == 2_799_050
    found = terminal.get("/products", q="зебра").json["items"]
    assert [item["sku"] for item in found] == ["PHONE-1"]  # the search index followed
    with app.app_context():
        entry = (
            get_session()
            .scalars(select(AuditEntry).where(AuditEntry.action == "product_edit"))
            .one()
        )
        assert entry.username == "manager" and entry.target == "PHONE-1"
        assert entry.details["price"] == [2_999_000, 2_799_050]


def test_bad_input_is_explained_and_nothing_changes(app: Flask, world):
    manager = signed_in(app, "manager")
    before = product(app)
    for changes, message in [
        ({"price": "дорого"}, "Enter the price in roubles"),
        ({"price": "0"}, "The price must be above zero"),
        ({"name_en": ""}, "name in Russian and in English"),
        ({"category": "999"}, "Choose a category from the list."),
    ]:
        answer = manager.post(f"/staff/catalog/{PHONE_1}?lang=en", data=form_of(before, **changes))
        assert answer.status_code in (400, 422) and message in answer.text, changes
    assert product(app).price_minor == before.price_minor
    assert product(app).name_en == before.name_en


def test_specs_descriptions_and_activation_are_saved(app: Flask, world, terminal):
    manager = signed_in(app, "manager")
    form = form_of(
        product(app),
        spec_ru_name=["Экран", "", "Память"],
        spec_ru_value=["6,1″", "забыто", "128 ГБ"],
        spec_en_name=["Screen"],
        spec_en_value=['6.1"'],
        description_en="A phone.\nWith two lines.",
        active="",
    )
    assert manager.post(f"/staff/catalog/{PHONE_1}", data=form).status_code == 302
    saved = product(app)
    assert saved.specs == {
        "ru": [["Экран", "6,1″"], ["Память", "128 ГБ"]],
        "en": [["Screen", '6.1"']],
    }
    assert saved.description_en == "A phone.\nWith two lines." and not saved.active
    off_sale = terminal.get("/products/PHONE-1")
    assert off_sale.json["error"]["code"] == "unknown_product"


def test_a_new_product_and_a_new_category(app: Flask, world):
    manager = signed_in(app, "manager")
    category = {"code": "laptops", "name_ru": "Ноутбуки", "name_en": "Laptops", "position": "3"}
    assert manager.post("/staff/catalog/categories/", data=category).status_code == 302
    again = manager.post("/staff/catalog/categories/?lang=en", data=category)
    assert again.status_code == 409 and "already exists" in again.text
    fields = {
        "sku": "LAPTOP-1",
        "name_ru": "Ноутбук Гамма",
        "name_en": "Gamma laptop",
        "brand": "Acme",
        "category": "3",
        "price": "89990",
        "active": "1",
    }
    created = manager.post("/staff/catalog/new", data=fields)
    assert created.status_code == 302
    page = manager.get(created.location).text
    assert "Ноутбук Гамма" in page and 'data-testid="price-change"' in page
    duplicate = manager.post("/staff/catalog/new?lang=en", data=fields)
    assert duplicate.status_code == 409 and "already exists" in duplicate.text
    listed = manager.get("/staff/catalog/?category=3").text
    assert 'data-testid="product-LAPTOP-1"' in listed and "product-TV-1" not in listed
    assert '<option value="Acme">' in manager.get("/staff/catalog/new").text  # brand datalist


def test_the_list_filters_and_pages(app: Flask, world, monkeypatch):
    manager = signed_in(app, "manager")

    def listed(query: str) -> list[str]:
        page = manager.get(f"/staff/catalog/?{query}").text
        return sorted(re.findall(r'data-testid="product-([A-Z0-9-]+)"', page))

    assert listed("q=альфа") == ["PHONE-1"]
    assert listed("no_photo=1") == ["PHONE-1", "PHONE-2", "TV-1"]
    assert listed("brand=acme&category=2") == ["TV-1"]
    assert listed("out_of_stock=1") == []
    with app.app_context():
        session = get_session()
        session.execute(update(Product).where(Product.sku == "PHONE-2").values(active=False))
        session.execute(update(Stock).where(Stock.product_id == 3).values(on_hand=0, reserved=0))
        session.commit()
    assert listed("state=inactive") == ["PHONE-2"]
    assert listed("state=active") == ["PHONE-1", "TV-1"]
    assert listed("out_of_stock=1") == ["TV-1"]
    monkeypatch.setattr(catalog_edit, "PAGE_SIZE", 2)
    assert listed("page=0") == ["PHONE-1", "PHONE-2"] and listed("page=1") == ["TV-1"]
    assert "Nothing matches." in manager.get("/staff/catalog/?q=zzzz&lang=en").text


def test_photos_are_checked_resized_and_removed(app: Flask, world):
    manager = signed_in(app, "manager")
    media = Path(app.config["MEDIA_DIR"]) / "products"
    url = f"/staff/catalog/{PHONE_1}/photos?lang=en"
    assert manager.post(url, data={"photo": (picture(640, 480), "front.png")}).status_code == 302
    [first] = product(app).photos
    assert size_of(media / first) == (640, 480)
    with manager.get(f"/media/products/{first}") as served:
        assert served.status_code == 200

    huge = manager.post(url, data={"photo": (picture(4000, 3000, "JPEG"), "huge.jpg")})
    assert huge.status_code == 302
    second = product(app).photos[1]
    assert second.endswith(".jpg") and size_of(media / second) == (1600, 1200)

    for data, name, message in [
        (b"MZ\x90\x00 not a picture", "virus.jpg", "This file is not a photo"),
        (picture(10, 10, "GIF").getvalue(), "anim.png", "Upload a photo as JPEG, PNG or WebP."),
        (picture(300, 300).getvalue()[:200], "cut.png", "This photo is damaged"),
        (b"", "empty.png", "Choose a photo to upload."),
    ]:
        answer = manager.post(url, data={"photo": (io.BytesIO(data), name)})
        assert answer.status_code == 422 and message in answer.text, name
    app.config["PHOTO_UPLOAD_MAX_BYTES"] = 300_000  # small enough for the client's memory
    too_big = io.BytesIO(b"0" * 300_001)
    answer = manager.post(url, data={"photo": (too_big, "big.png")})
    assert answer.status_code == 413 and "This photo is too large" in answer.text
    assert product(app).photos == [first, second]

    removed = manager.post(f"/staff/catalog/{PHONE_1}/photos/remove", data={"name": first})
    assert removed.status_code == 302
    assert product(app).photos == [second] and not (media / first).exists()
    with app.app_context():
        actions = get_session().scalars(select(AuditEntry.action)).all()
        assert actions.count("photo_add") == 2 and actions.count("photo_remove") == 1


def test_the_filters_read_photos_and_stock_on_both_engines(any_db_app: Flask):
    with any_db_app.app_context():
        session = get_session()
        world = build_world(session)
        session.get(Product, PHONE_1).photos = ["PHONE-1.png"]
        tv = world.products["TV-1"].id
        session.execute(update(Stock).where(Stock.product_id == tv).values(on_hand=0))
        session.commit()
        no_photo, total = catalog_edit.find_products(
            session, catalog_edit.ProductQuery(no_photo=True)
        )
        assert total == 2 and PHONE_1 not in [p.id for p in no_photo]
        empty, _total = catalog_edit.find_products(
            session, catalog_edit.ProductQuery(out_of_stock=True)
        )
        assert [p.sku for p in empty] == ["TV-1"]
