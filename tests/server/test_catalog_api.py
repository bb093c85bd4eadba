"""Browsing the catalog as a terminal does: search, filter, sort, availability per store."""


def test_search_finds_cyrillic_in_any_case(terminal):
    found = terminal.get("/products", q="СМАРТФОН альфа").json
    assert [item["sku"] for item in found["items"]] == ["PHONE-1"]
    assert found["items"][0]["name"] == "Смартфон Альфа"


def test_english_names_on_request(terminal):
    found = terminal.get("/products", q="alpha", lang="en").json
    assert found["items"][0]["name"] == "Alpha phone"


def test_category_filter_and_availability_in_a_store(terminal):
    phones = terminal.get("/products", category="phones", store="MSK-1", sort="price").json
    assert [(i["sku"], i["available"]) for i in phones["items"]] == [
        ("PHONE-2", 3),
        ("PHONE-1", 10),
    ]
    assert phones["total"] == 2


def test_availability_drops_when_reserved(terminal):
    terminal.post(
        "/orders", {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 2}], "payment": "cashier"}
    )
    tv = terminal.get("/products/TV-1", store="MSK-1").json
    assert tv["available"] == 3
    assert {s["store"]: s["available"] for s in tv["stores"]} == {"MSK-1": 3, "MSK-2": 2}


def test_paging(terminal):
    first = terminal.get("/products", limit=2, sort="price").json
    second = terminal.get("/products", limit=2, offset=2, sort="price").json
    assert first["total"] == second["total"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1


def test_unknown_store_category_and_product(terminal):
    assert terminal.get("/products", store="NOPE").json["error"]["code"] == "unknown_store"
    assert terminal.get("/products", category="nope").status_code == 404
    missing = terminal.get("/products/NOPE-1")
    assert missing.status_code == 422 and missing.json["error"]["code"] == "unknown_product"


def test_stores_list_the_contract_fields(terminal):
    stores = terminal.get("/stores").json["items"]
    assert {s["code"]: s["kind"] for s in stores} == {
        "MSK-1": "cybermarket",
        "MSK-2": "cybermarket",
        "OUT-1": "outpost",
    }
    assert all(s["name"] and s["address"] for s in stores)


def test_search_treats_yo_as_ye(app, terminal):
    from server.db import get_session
    from server.models import Product

    with app.app_context():
        session = get_session()
        product = session.query(Product).filter_by(sku="TV-1").one()
        product.name_ru = "Телевизор Бета, чёрный"
        product.refresh_search_text()
        session.commit()
    assert [i["sku"] for i in terminal.get("/products", q="черный").json["items"]] == ["TV-1"]
    assert [i["sku"] for i in terminal.get("/products", q="ЧЁРНЫЙ").json["items"]] == ["TV-1"]


def test_device_learns_its_own_store(terminal, shop):
    me = terminal.get("/device").json
    assert (me["name"], me["kind"], me["store"]["code"]) == ("terminal-1", "terminal", "MSK-1")
    assert shop.get("/device").json["store"] is None
