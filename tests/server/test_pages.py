"""The central server's front page: stock and open orders per store, in Russian or English."""


def test_front_page_shows_stores_stock_and_open_orders(staff_client, terminal):
    terminal.post(
        "/orders", {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 1}], "payment": "cashier"}
    )
    page = staff_client.get("/").get_data(as_text=True)
    assert "Магазины и остатки" in page
    assert "MSK-1" in page and "OUT-1" in page
    assert "забронирован и ждёт оплаты: 1" in page


def test_front_page_in_english(staff_client):
    page = staff_client.get("/?lang=en").get_data(as_text=True)
    assert "Stores and stock" in page and "outpost" in page


def test_staff_pages_need_a_sign_in(client, world):
    assert client.get("/").location.startswith("/login")
    wrong = client.post("/login", data={"username": "staff", "password": "nope"})
    assert wrong.status_code == 401 and "Неверное имя или пароль" in wrong.get_data(as_text=True)
