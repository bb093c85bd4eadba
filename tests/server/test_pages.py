"""The central server's front page: stock and open orders per store, in Russian or English."""


def test_front_page_shows_stores_stock_and_open_orders(client, terminal):
    terminal.post(
        "/orders", {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 1}], "payment": "cashier"}
    )
    page = client.get("/").get_data(as_text=True)
    assert "Магазины и остатки" in page
    assert "MSK-1" in page and "OUT-1" in page
    assert "забронирован и ждёт оплаты: 1" in page


def test_front_page_in_english(client, world):
    page = client.get("/?lang=en").get_data(as_text=True)
    assert "Stores and stock" in page and "outpost" in page
