"""Customer messages leave the outbox over real sockets: an HTTP SMS gateway and SMTP.

The gateway and the mail server are real local servers (tests/server/outbox_support.py)
recording what reached them; the worker is server.worker.send_all_due / run_once with the
test's frozen clock. Retries back off and never duplicate, quiet hours delay SMS until the
morning, and nothing but the thank-you goes out once the customer has the goods.
"""

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from server.db import get_session
from server.models import Channel, Notification, Order, OutboxStatus
from server.notifications.catalogue import CATALOGUE, REFUND_NOTE
from server.notifications.channels import HttpSmsGateway, SmtpMailer
from server.notifications.delivery import backoff
from server.notifications.outbox import NotifyPolicy, notify, sms_due
from server.worker import run_once, send_all_due
from tests.helpers import T0, Api
from tests.server.outbox_support import (
    BASIC_AUTH,
    LOGIN,
    PASSWORD,
    SENDER,
    TIMEOUT,
    RecordingGateway,
    RecordingSmtp,
    recording_gateway,
    recording_smtp,
)

PHONE_TYPED, PHONE = "+7 916 123-45-67", "+79161234567"
EMAIL = "anna@example.com"
CHAIN_PHONE = "8 800 555-35-35"
GATEWAY_TIMEOUT = 0.5
MAIL_FROM = "Cybermarket <noreply@cybermarket.example>"


@pytest.fixture
def gateway() -> Iterator[RecordingGateway]:
    with recording_gateway(hang=GATEWAY_TIMEOUT * 4) as gateway:
        yield gateway


@pytest.fixture
def smtp() -> Iterator[RecordingSmtp]:
    with recording_smtp() as server:
        yield server


def sms_sender(gateway: RecordingGateway) -> HttpSmsGateway:
    return HttpSmsGateway(gateway.url, LOGIN, PASSWORD, SENDER, timeout=GATEWAY_TIMEOUT)


@pytest.fixture
def senders(gateway: RecordingGateway) -> dict[Channel, Any]:
    return {Channel.SMS: sms_sender(gateway)}


@pytest.fixture
def mail_senders(gateway: RecordingGateway, smtp: RecordingSmtp) -> dict[Channel, Any]:
    return {
        Channel.SMS: sms_sender(gateway),
        Channel.EMAIL: SmtpMailer(smtp.host, smtp.port, MAIL_FROM, timeout=5),
    }


def online_order(shop: Api, **customer: str) -> dict[str, Any]:
    body = {
        "store": "MSK-1",
        "lines": [{"sku": "PHONE-1", "qty": 1}],
        "payment": "online",
        "customer_phone": PHONE_TYPED,
        **customer,
    }
    answer = shop.post("/orders", body)
    assert answer.status_code == 201, answer.json
    return answer.json


def outbox(app: Flask, **where: Any) -> list[Notification]:
    with app.app_context():
        query = select(Notification).order_by(Notification.id)
        for name, value in where.items():
            query = query.where(getattr(Notification, name) == value)
        return list(get_session().scalars(query))


def only(app: Flask, **where: Any) -> Notification:
    rows = outbox(app, **where)
    assert len(rows) == 1, [(r.kind, r.channel, r.status) for r in rows]
    return rows[0]


# --- SMS over HTTP -------------------------------------------------------------------


def test_online_order_sends_one_sms_through_the_gateway(app, shop, gateway, senders):
    order = online_order(shop)
    queued = only(app)
    assert (queued.kind, queued.channel, queued.status) == ("created", Channel.SMS, "pending")
    assert queued.recipient == PHONE
    assert queued.due_at == T0

    assert send_all_due(app, senders) == 1

    assert len(gateway.requests) == 1
    request = gateway.requests[0]
    assert request.path == "/v1/sms/send"
    assert request.auth == BASIC_AUTH
    assert set(request.body) == {"sender", "to", "text", "message_id"}
    assert request.body["sender"] == SENDER
    assert request.body["to"] == PHONE
    assert order["number"] in request.body["text"]
    assert CHAIN_PHONE in request.body["text"]
    assert request.body["message_id"] == f"cm-{queued.id}"
    sent = only(app)
    assert sent.status is OutboxStatus.SENT
    assert (sent.sent_at, sent.attempts, sent.last_error) == (T0, 0, None)
    assert (sent.lease_until, sent.lease_owner) == (None, None)

    # Sent is sent: later runs have nothing to do.
    assert send_all_due(app, senders) == 0
    assert run_once(app, senders) == 0
    assert len(gateway.requests) == 1


def _retried_once_then_sent(app, gateway, senders, clock, error_text: str) -> None:
    queued = only(app)
    assert send_all_due(app, senders) == 1
    failed = only(app)
    assert failed.status is OutboxStatus.PENDING
    assert failed.attempts == 1
    assert error_text in failed.last_error
    assert failed.due_at == T0 + backoff(1) > T0
    assert (failed.lease_until, failed.lease_owner) == (None, None)

    # Not before the backoff is over.
    assert send_all_due(app, senders) == 0
    clock.advance(seconds=backoff(1).total_seconds() - 1)
    assert send_all_due(app, senders) == 0
    assert len(gateway.requests) == 1

    clock.advance(seconds=1)
    assert send_all_due(app, senders) == 1
    sent = only(app)
    assert sent.status is OutboxStatus.SENT
    assert sent.sent_at == T0 + backoff(1)
    assert sent.attempts == 1

    clock.advance(hours=2)
    assert send_all_due(app, senders) == 0
    tries = gateway.for_message(f"cm-{queued.id}")
    assert len(tries) == 2
    assert [t.answer for t in tries if t.answer == 200] == [200]  # sent exactly once
    assert tries[0].body == tries[1].body


def test_gateway_error_backs_off_and_the_retry_sends_once(app, shop, gateway, senders, clock):
    online_order(shop)
    gateway.script = [500]
    _retried_once_then_sent(app, gateway, senders, clock, "answered 500")


def test_gateway_timeout_backs_off_and_the_retry_sends_once(app, shop, gateway, senders, clock):
    online_order(shop)
    gateway.script = [TIMEOUT]
    _retried_once_then_sent(app, gateway, senders, clock, "unreachable")


def test_a_gateway_that_hangs_is_waited_for_once_a_run_and_loses_nothing(
    app, shop, gateway, senders, clock
):
    """The SMS gateway takes the connection and never answers. The worker waits for it once
    a run, not once for every message of a morning's backlog: the other messages are left
    as they were (no attempt spent, no lease), so the worker gets on with expiry and
    reminders. When the gateway answers again, every message goes exactly once."""
    for _ in range(5):
        online_order(shop)
    gateway.script = [TIMEOUT] * 5

    send_all_due(app, senders)

    assert len(gateway.requests) == 1
    waiting = outbox(app)
    assert sorted(m.attempts for m in waiting) == [0, 0, 0, 0, 1]
    assert {(m.status, m.lease_owner) for m in waiting} == {(OutboxStatus.PENDING, None)}
    assert "unreachable" in next(m.last_error for m in waiting if m.attempts == 1)

    gateway.script = []  # the gateway is back
    assert send_all_due(app, senders) == 4
    clock.advance(seconds=backoff(1).total_seconds())
    assert send_all_due(app, senders) == 1
    assert {m.status for m in outbox(app)} == {OutboxStatus.SENT}
    accepted = [r.message_id for r in gateway.accepted()]
    assert sorted(accepted) == sorted({f"cm-{m.id}" for m in waiting})


def test_message_is_parked_after_the_last_attempt(app, shop, gateway, senders, clock):
    online_order(shop)
    gateway.default = 500
    attempts = app.config["OUTBOX_MAX_ATTEMPTS"]
    assert attempts > 1
    for attempt in range(1, attempts + 1):
        assert send_all_due(app, senders) == 1
        message = only(app)
        assert message.attempts == attempt
        assert "answered 500" in message.last_error
        if attempt < attempts:
            assert message.status is OutboxStatus.PENDING
            assert message.due_at == clock.now() + backoff(attempt)
            clock.advance(seconds=backoff(attempt).total_seconds())
    parked = only(app)
    assert parked.status is OutboxStatus.PARKED
    assert parked.last_error.startswith("SMS gateway answered 500")
    assert parked.sent_at is None

    # Parked messages wait for staff: the worker leaves them alone.
    gateway.default = 200
    clock.advance(days=1)
    assert send_all_due(app, senders) == 0
    assert len(gateway.requests) == attempts
    assert only(app).status is OutboxStatus.PARKED


class SlowSender:
    """Sends through the gateway; each send takes `seconds` of the frozen clock's time."""

    def __init__(self, inner: HttpSmsGateway, clock: Any, seconds: float) -> None:
        self.inner, self.clock, self.seconds = inner, clock, seconds

    def send(self, message: Notification) -> None:
        self.clock.advance(seconds=self.seconds)
        self.inner.send(message)


def test_a_failed_message_due_again_during_a_long_run_is_sent_in_that_run(
    app, shop, gateway, clock
):
    """A long run (a morning's backlog) meets a message whose backoff ran out meanwhile.

    The same worker, in the same session, claims it again under a new lease: it must
    send it then, not take it for another worker's and leave it leased and unsent.
    """
    app.config["OUTBOX_BATCH"] = 1
    first, second = online_order(shop), online_order(shop)
    gateway.script = [500]  # a blip: the first message fails once
    senders = {Channel.SMS: SlowSender(sms_sender(gateway), clock, backoff(1).total_seconds())}

    assert send_all_due(app, senders) == 3  # first (failed), second (sent), first again

    texts = [r.body["text"] for r in gateway.accepted()]
    assert len(texts) == 2
    assert first["number"] in texts[1] and second["number"] in texts[0]
    assert {m.status for m in outbox(app)} == {OutboxStatus.SENT}
    assert [(m.lease_owner, m.attempts) for m in outbox(app)] == [(None, 1), (None, 0)]


def test_backoff_doubles_from_half_a_minute_up_to_an_hour():
    assert [backoff(n).total_seconds() for n in range(1, 10)] == [
        30,
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
        3600,
    ]


# --- e-mail over SMTP ----------------------------------------------------------------


def _the_mail(smtp: RecordingSmtp) -> Any:
    assert len(smtp.mails) == 1
    return smtp.mails[0]


def test_order_with_email_gets_a_russian_mail(app, shop, smtp, gateway, mail_senders):
    order = online_order(shop, customer_email=EMAIL)
    mail_row = only(app, channel=Channel.EMAIL)
    assert mail_row.due_at == T0

    assert send_all_due(app, mail_senders) == 2

    mail = _the_mail(smtp)
    assert mail.mail_from == "noreply@cybermarket.example"
    assert mail.rcpt_tos == [EMAIL]
    message = mail.message
    assert message["Subject"] == f"Заказ {order['number']} принят"
    assert message["To"] == EMAIL
    assert message["Message-ID"] == f"<cm-{mail_row.id}@cybermarket>"
    body = message.get_content()
    assert f"Заказ {order['number']} принят" in body
    assert "(Кибермаркет MSK-1)" in body
    assert CHAIN_PHONE in body
    assert only(app, channel=Channel.EMAIL).status is OutboxStatus.SENT
    assert len(gateway.requests) == 1  # and the SMS went as well


def test_order_in_english_gets_an_english_mail(app, shop, smtp, gateway, mail_senders):
    order = online_order(shop, customer_email=EMAIL, language="en")

    assert send_all_due(app, mail_senders) == 2

    message = _the_mail(smtp).message
    assert message["Subject"] == f"Order {order['number']} accepted"
    body = message.get_content()
    assert f"Order {order['number']} is accepted" in body
    assert "Cybermarket MSK-1" in body
    assert not re.search("[а-яА-ЯёЁ]", body + message["Subject"])
    assert f"Order {order['number']} is accepted" in gateway.requests[0].body["text"]
    assert message["Message-ID"] == f"<cm-{only(app, channel=Channel.EMAIL).id}@cybermarket>"


def test_worker_sends_through_the_configured_gateway_and_mail_server(app, shop, smtp, gateway):
    """run_once(app) builds its senders from the configuration (make_senders)."""
    app.config.update(
        SMS_GATEWAY_URL=gateway.url,
        SMS_LOGIN=LOGIN,
        SMS_PASSWORD=PASSWORD,
        SMS_SENDER="CyberShop",
        SMTP_HOST=smtp.host,
        SMTP_PORT=smtp.port,
        SMTP_FROM="Cybermarket <orders@cybermarket.example>",
    )
    order = online_order(shop, customer_email=EMAIL)

    assert run_once(app) == 0

    assert [r.body["sender"] for r in gateway.requests] == ["CyberShop"]
    assert gateway.requests[0].auth == BASIC_AUTH
    mail = _the_mail(smtp)
    assert mail.mail_from == "orders@cybermarket.example"
    assert order["number"] in mail.message["Subject"]
    assert {m.status for m in outbox(app)} == {OutboxStatus.SENT}


# --- quiet hours ---------------------------------------------------------------------

EVENING = datetime(2026, 11, 24, 19, 30, tzinfo=UTC)  # 22:30 in Moscow
NEXT_MORNING = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)  # 09:00 in Moscow


def test_evening_sms_waits_for_the_morning_and_mail_does_not(
    app, shop, clock, smtp, gateway, mail_senders
):
    clock.current = EVENING
    online_order(shop, customer_email=EMAIL)
    sms = only(app, channel=Channel.SMS)
    assert sms.due_at == NEXT_MORNING
    assert only(app, channel=Channel.EMAIL).due_at == EVENING

    clock.current = EVENING + timedelta(minutes=30)  # 23:00 in Moscow
    assert send_all_due(app, mail_senders) == 1
    assert len(smtp.mails) == 1
    assert gateway.requests == []
    assert only(app, channel=Channel.SMS).status is OutboxStatus.PENDING  # held, not dropped

    clock.current = NEXT_MORNING - timedelta(minutes=1)
    assert send_all_due(app, mail_senders) == 0
    assert gateway.requests == []

    clock.current = NEXT_MORNING
    assert send_all_due(app, mail_senders) == 1
    assert [r.body["message_id"] for r in gateway.requests] == [f"cm-{sms.id}"]
    assert only(app, channel=Channel.SMS).sent_at == NEXT_MORNING
    assert len(smtp.mails) == 1


@pytest.mark.parametrize(
    ("caused", "zone", "due"),
    [
        # Moscow (UTC+3): quiet from 21:00 to 09:00 local.
        (datetime(2026, 11, 24, 17, 59, tzinfo=UTC), "Europe/Moscow", None),
        (datetime(2026, 11, 24, 18, 0, tzinfo=UTC), "Europe/Moscow", datetime(2026, 11, 25, 6, 0)),
        (datetime(2026, 11, 24, 20, 59, tzinfo=UTC), "Europe/Moscow", datetime(2026, 11, 25, 6, 0)),
        (datetime(2026, 11, 24, 21, 0, tzinfo=UTC), "Europe/Moscow", datetime(2026, 11, 25, 6, 0)),
        (datetime(2026, 11, 25, 4, 0, tzinfo=UTC), "Europe/Moscow", datetime(2026, 11, 25, 6, 0)),
        (datetime(2026, 11, 25, 6, 0, tzinfo=UTC), "Europe/Moscow", None),
        # The store's own zone counts: 22:30 in Moscow is 00:30 in Yekaterinburg (UTC+5).
        (EVENING, "Asia/Yekaterinburg", datetime(2026, 11, 25, 4, 0)),
        (datetime(2026, 11, 24, 12, 0, tzinfo=UTC), "Asia/Yekaterinburg", None),
    ],
)
def test_quiet_hours_are_the_store_local_night(caused, zone, due):
    policy = NotifyPolicy(CHAIN_PHONE)
    expected = caused if due is None else due.replace(tzinfo=UTC)
    assert sms_due(caused, zone, policy) == expected


# --- no duplicates, nothing after pickup ---------------------------------------------


def test_the_same_cause_twice_queues_one_message(app, shop, gateway, senders, clock):
    order = online_order(shop)
    with app.app_context():
        session = get_session()
        row = session.scalar(select(Order).where(Order.number == order["number"]))
        assert notify(session, row, "created", now=clock.now()) == 0  # queued by the order
        assert notify(session, row, "delayed", now=clock.now()) == 1
        assert notify(session, row, "delayed", now=clock.now()) == 0
        session.commit()
        assert notify(session, row, "delayed", now=clock.now()) == 0
        day = date(2026, 11, 24)
        assert notify(session, row, "reminder", now=clock.now(), day=day) == 1
        assert notify(session, row, "reminder", now=clock.now(), day=day) == 0
        assert notify(session, row, "reminder", now=clock.now(), day=day + timedelta(1)) == 1
        session.commit()
    assert [m.kind for m in outbox(app)] == ["created", "delayed", "reminder", "reminder"]
    assert len({m.dedupe_key for m in outbox(app)}) == 4

    assert send_all_due(app, senders) == 4
    ids = [r.message_id for r in gateway.requests]
    assert sorted(ids) == sorted(f"cm-{m.id}" for m in outbox(app))
    assert send_all_due(app, senders) == 0
    assert len(gateway.requests) == 4


def _picked_up(shop: Api, warehouse: Api, pickup: Api, order: dict[str, Any]) -> None:
    number = order["number"]
    paid = shop.post(
        f"/orders/{number}/payments", {"method": "online", "amount_minor": order["total_minor"]}
    )
    assert paid.status_code == 201, paid.json
    assert warehouse.post(f"/orders/{number}/picking").status_code == 200
    assert warehouse.post(f"/orders/{number}/ready", {"window": 1}).status_code == 200
    handed = pickup.post(f"/orders/{number}/hand-out")
    assert handed.status_code == 200, handed.json
    assert handed.json["status"] == "issued"


def test_nothing_but_the_thank_you_after_pickup(
    app, shop, warehouse, pickup, gateway, senders, clock
):
    order = online_order(shop)
    _picked_up(shop, warehouse, pickup, order)
    # The customer earned bonuses and allows SMS; no marketing consent: no review request.
    kinds = ["created", "taken", "ready", "issued", "bonus_earned"]
    assert [m.kind for m in outbox(app)] == kinds

    with app.app_context():
        session = get_session()
        row = session.scalar(select(Order).where(Order.number == order["number"]))
        day = clock.now().date()
        assert notify(session, row, "reminder", now=clock.now(), day=day) == 0
        assert notify(session, row, "delayed", now=clock.now()) == 0
        session.commit()
    assert [m.kind for m in outbox(app)] == kinds

    # The earlier messages were still waiting when the customer took the goods.
    assert send_all_due(app, senders) == 5
    status = {m.kind: m.status for m in outbox(app)}
    assert status == {
        "created": OutboxStatus.CANCELLED,
        "taken": OutboxStatus.CANCELLED,
        "ready": OutboxStatus.CANCELLED,
        "issued": OutboxStatus.SENT,
        "bonus_earned": OutboxStatus.SENT,
    }
    assert len(gateway.requests) == 2
    issued = only(app, kind="issued")
    assert gateway.requests[0].message_id == f"cm-{issued.id}"
    assert "Спасибо" in gateway.requests[0].body["text"]
    assert "начислено бонусов" in gateway.requests[1].body["text"]


# --- the catalogue -------------------------------------------------------------------

KINDS = {
    "created",
    "taken",
    "ready",
    "reminder",
    "expired",
    "issued",
    "delayed",
    "late_payment",
    "returned",
    "handed_over",
}
# About a repair (server/services/repairs.py): filled with the repair's own values as well,
# rendered in tests/server/test_repairs.py.
REPAIR_KINDS = {
    "repair_accepted",
    "repair_repaired",
    "repair_replaced",
    "repair_refused",
    "repair_ready",
    "repair_quoted",
    "repair_collection",
}
# The customer's own messages (server/notifications/outbox.notify_customer): bonuses and the
# review request, sent within the customer's preferences; tested in test_customer_care.py.
CUSTOMER_KINDS = {"bonus_earned", "review_request", "bonus_expiring"}
ADVERTISING = ("скидк", "акци", "распродаж", "sale", "discount", "promo")


def test_catalogue_holds_only_the_transactional_messages_in_both_languages():
    assert set(CATALOGUE) == KINDS | CUSTOMER_KINDS | REPAIR_KINDS
    assert {k for k, m in CATALOGUE.items() if m.audience == "service"} == KINDS | REPAIR_KINDS
    for kind, message in CATALOGUE.items():
        assert set(message.subject) == {"ru", "en"}, kind
        assert set(message.text) == {"ru", "en"}, kind
        for lang in ("ru", "en"):
            assert message.subject[lang].strip(), (kind, lang)
            assert message.text[lang].strip(), (kind, lang)
            if kind in KINDS:
                assert "{number}" in message.subject[lang], (kind, lang)
                assert "{number}" in message.text[lang], (kind, lang)
        for text in (message.subject["ru"], message.text["ru"]):
            assert re.search("[а-яё]", text), kind
        for text in (message.subject["en"], message.text["en"]):
            assert not re.search("[а-яА-ЯёЁ]", text), kind


def test_no_message_advertises():
    texts = [REFUND_NOTE["ru"], REFUND_NOTE["en"]]
    for message in CATALOGUE.values():
        texts += [*message.subject.values(), *message.text.values()]
    for text in texts:
        for word in ADVERTISING:
            assert word not in text.lower(), (word, text)


def test_every_message_renders_in_both_languages(app, shop):
    """Each text's placeholders are filled from a real order, with nothing left over."""
    from server.notifications.outbox import render

    order = online_order(shop, customer_email=EMAIL)
    with app.app_context():
        session = get_session()
        row = session.scalar(select(Order).where(Order.number == order["number"]))
        policy = NotifyPolicy(CHAIN_PHONE)
        for lang in ("ru", "en"):
            row.customer_language = lang
            for kind in KINDS:
                subject, text = render(row, kind, policy, refunded=True)
                assert order["number"] in subject and order["number"] in text
                assert "{" not in subject + text and "}" not in subject + text, (kind, lang)
        session.rollback()


class _RefusesEveryone:
    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        return "550 5.1.1 No such mailbox"


def _mail(app, shop) -> Notification:
    online_order(shop, customer_email=EMAIL)
    return only(app, channel=Channel.EMAIL)


def test_a_mail_server_that_refuses_one_mail_is_not_taken_for_down(app, shop):
    """A refusal is an answer about this mail: the others of the run are still tried. Only
    a server that does not answer at all puts the rest of the run's mail back."""
    from aiosmtpd.controller import Controller

    from server.notifications.channels import ChannelDown, ChannelError
    from tests.server.outbox_support import free_port

    message = _mail(app, shop)
    port = free_port()
    controller = Controller(_RefusesEveryone(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with pytest.raises(ChannelError) as refused:
            SmtpMailer("127.0.0.1", port, MAIL_FROM, timeout=5).send(message)
    finally:
        controller.stop()
    assert not isinstance(refused.value, ChannelDown)
    with pytest.raises(ChannelDown):
        SmtpMailer("127.0.0.1", free_port(), MAIL_FROM, timeout=5).send(message)
