"""The central server's front page: stock and open orders per store, in Russian or English."""


def test_front_page_shows_stores_stock_and_open_orders(staff_client, terminal):
    terminal.post(
        "/orders", {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 1}], "payment": "cashier"}
    )
    page = staff_client.get("/staff/").get_data(as_text=True)
    assert "Магазины и остатки" in page
    assert "MSK-1" in page and "OUT-1" in page
    assert "забронирован и ждёт оплаты: 1" in page


def test_front_page_in_english(staff_client):
    page = staff_client.get("/staff/?lang=en").get_data(as_text=True)
    assert "Stores and stock" in page and "outpost" in page


def test_staff_pages_need_a_sign_in(client, world):
    assert client.get("/staff/").location.startswith("/staff/login")
    wrong = client.post("/staff/login", data={"username": "staff", "password": "nope"})
    assert wrong.status_code == 401 and "Неверное имя или пароль" in wrong.get_data(as_text=True)


def test_parked_messages_are_shown_to_staff_and_can_be_retried(app, staff_client, world):
    from sqlalchemy import select

    from server.db import get_session
    from server.models import Channel, Notification, OutboxStatus
    from tests.helpers import T0

    with app.app_context():
        session = get_session()
        session.add(
            Notification(
                dedupe_key="x",
                kind="ready",
                channel=Channel.SMS,
                recipient="+79161234567",
                subject="",
                body="Заказ A-1 готов",
                status=OutboxStatus.PARKED,
                due_at=T0,
                attempts=8,
                last_error="SMS gateway answered 500",
                created_at=T0,
            )
        )
        session.commit()
        message_id = session.scalar(select(Notification.id))
    page = staff_client.get("/staff/outbox").get_data(as_text=True)
    assert "SMS gateway answered 500" in page and "Заказ A-1 готов" in page
    staff_client.post(f"/staff/outbox/{message_id}/retry")
    with app.app_context():
        message = get_session().get(Notification, message_id)
        assert (message.status, message.attempts) == (OutboxStatus.PENDING, 0)
