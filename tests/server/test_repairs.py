"""Repairs under warranty: intake at a window, the staff page moves them, the customer is
told of each change that matters, the unit goes back against the intake slip's code."""

import re

import pytest

from tests.helpers import Api
from tests.server.care_support import add_staff, collected, signed_in
from tests.server.returns_support import INTAKE, messages, move, refunds, stock_of, walk


def take_in(pickup: Api, number: str):
    answer = pickup.post("/repairs", {"order": number, **INTAKE})
    assert answer.status_code == 201, answer.json
    return answer.json


def test_repaired_unit_goes_back_against_the_intake_code_with_three_messages(
    app, terminal, warehouse, pickup, staff_client, world
):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    repair = take_in(pickup, number)
    assert re.fullmatch(r"R-\d{5}", repair["number"])
    assert repair["status"] == "accepted" and repair["under_warranty"] is True
    code = repair["intake_code"]
    assert code != number and len(code) == 9

    walk(staff_client, repair["number"], "repaired")
    page = staff_client.get("/staff/repairs").get_data(as_text=True)
    assert repair["number"] in page and "SN-123456" in page

    back = pickup.post("/repairs/hand-back", {"code": code})
    assert back.status_code == 200, back.json
    assert back.json["status"] == "returned_to_customer"
    assert [e["status"] for e in back.json["events"]] == [
        "accepted",
        "sent_to_service",
        "diagnosed",
        "repaired",
        "ready_for_pickup",
        "returned_to_customer",
    ]
    twice = pickup.post("/repairs/hand-back", {"code": code})
    assert (twice.status_code, twice.json["error"]["code"]) == (422, "repair_invalid")
    assert "уже выдан покупателю 24.11.2026" in twice.json["error"]["message"]

    shown = f"{code[:4]}-{code[4:8]}-{code[8:]}"
    assert messages(app, number, "repair_accepted") == [
        f"sms:Смартфон Альфа из заказа {number} принят в ремонт, номер {repair['number']}. "
        f"Код для получения {shown}. Мы сообщим, когда ремонт будет готов. "
        "Вопросы: 8 800 555-35-35"
    ]
    assert len(messages(app, number, "repair_repaired")) == 1
    ready = messages(app, number, "repair_ready")
    assert len(ready) == 1 and shown in ready[0] and "Кибермаркет MSK-1" in ready[0]
    # Nothing else is sent: no message for "sent to service" or "diagnosed".
    for kind in ("repair_replaced", "repair_refused"):
        assert messages(app, number, kind) == []
    card = staff_client.get("/staff/customers/1").get_data(as_text=True)
    assert (
        repair["number"] in card
        and "handed back to the customer" in card
        or ("выдан покупателю" in card)
    )
    # A repair moves no money and no stock.
    assert refunds(app, number) == []
    assert stock_of(app, "MSK-1", "PHONE-1") == (9, 0, 0)


def test_replaced_unit_tells_the_customer_it_is_new(
    app, terminal, warehouse, pickup, staff_client, world
):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    repair = take_in(pickup, number)
    walk(staff_client, repair["number"], "replaced")
    sent = messages(app, number, "repair_replaced")
    assert sent == [
        f"sms:Ремонт {repair['number']}: Смартфон Альфа заменён на новый. Мы сообщим, "
        "когда его можно будет забрать."
    ]
    assert pickup.get(f"/repairs/{repair['number']}").json["status"] == "ready_for_pickup"


def test_refusal_needs_a_reason_and_sends_it(app, terminal, warehouse, pickup, staff_client, world):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    repair = take_in(pickup, number)["number"]
    move(staff_client, repair, "sent_to_service")
    move(staff_client, repair, "diagnosed")
    no_reason = move(staff_client, repair, "refused")
    assert no_reason.status_code == 422
    assert "Запишите причину отказа сервисного центра." in no_reason.get_data(as_text=True)
    assert move(staff_client, repair, "refused", "traces of water").status_code == 302
    assert messages(app, number, "repair_refused") == [
        f"sms:Ремонт {repair}: сервисный центр отказал в гарантийном ремонте "
        "(traces of water). Вопросы: 8 800 555-35-35"
    ]
    skipped = move(staff_client, repair, "returned_to_customer")
    assert skipped.status_code == 422  # the path has no shortcut


def test_a_unit_in_repair_is_not_taken_in_twice_until_it_is_back(
    terminal, warehouse, pickup, staff_client
):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 2})
    first = take_in(pickup, number)
    second = take_in(pickup, number)  # the customer has two: each may go in
    third = pickup.post("/repairs", {"order": number, **INTAKE})
    assert (third.status_code, third.json["error"]["code"]) == (409, "already_in_repair")
    assert first["number"] in third.json["error"]["message"]
    assert second["number"] in third.json["error"]["message"]
    walk(staff_client, first["number"], "repaired")
    assert pickup.post("/repairs/hand-back", {"code": first["intake_code"]}).status_code == 200
    assert take_in(pickup, number)["status"] == "accepted"  # back with the customer: again


def test_intake_refusals(app, clock, client, terminal, warehouse, pickup, world):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    wrong_line = pickup.post("/repairs", {"order": number, **INTAKE, "sku": "TV-1"})
    assert (wrong_line.status_code, wrong_line.json["error"]["code"]) == (422, "unknown_product")
    unknown = pickup.post("/repairs/hand-back", {"code": "not-a-code"})
    assert (unknown.status_code, unknown.json["error"]["code"]) == (404, "repair_not_found")
    # Another store's window takes it in too ("bring it to any cybermarket").
    elsewhere = Api(client, world.tokens["pickup-other"])
    repair = take_in(elsewhere, number)["number"]
    assert elsewhere.get(f"/repairs/{repair}").status_code == 200
    outpost = Api(client, world.tokens["pickup-outpost"])
    assert outpost.get(f"/repairs/{repair}").json["error"]["code"] == "repair_not_found"
    assert terminal.post("/repairs", {"order": number, **INTAKE}).status_code == 403

    clock.advance(days=366)
    late = pickup.post("/repairs", {"order": number, **INTAKE})
    assert (late.status_code, late.json["error"]["code"]) == (409, "warranty_over")
    assert "закончилась 24.11.2027" in late.json["error"]["message"]
    assert "платный ремонт" in late.json["error"]["message"]


@pytest.mark.parametrize("role", ["picker"])
def test_staff_repairs_page_refuses_the_wrong_role_and_anonymous(app, client, world, role):
    add_staff(app, "pat", role)
    assert signed_in(app, "pat").get("/staff/repairs").status_code == 403
    day = {"collect_on": "2026-12-01"}
    assert signed_in(app, "pat").post("/staff/repairs/R-1/collection", data=day).status_code == 403
    anonymous = client.get("/staff/repairs")
    assert anonymous.status_code == 302 and "login" in anonymous.headers["Location"]
    refused = client.post("/staff/repairs/R-00001/move", data={"to": "diagnosed"})
    assert refused.status_code == 302 and "login" in refused.headers["Location"]


def test_clerk_may_move_repairs_and_a_post_without_the_token_is_refused(
    app, terminal, warehouse, pickup, world
):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    repair = take_in(pickup, number)["number"]
    add_staff(app, "clara", "clerk")
    clerk = signed_in(app, "clara")
    assert clerk.get("/staff/repairs").status_code == 200
    clerk.send_token = False  # a page on another site has no token
    forged = clerk.post(f"/staff/repairs/{repair}/move", data={"to": "sent_to_service"})
    assert forged.status_code == 400
    day = {"collect_on": "2026-12-01"}
    assert clerk.post(f"/staff/repairs/{repair}/collection", data=day).status_code == 400
    clerk.send_token = True
    assert (
        clerk.post(f"/staff/repairs/{repair}/move", data={"to": "sent_to_service"}).status_code
        == 302
    )
    assert pickup.get(f"/repairs/{repair}").json["status"] == "sent_to_service"


def test_stats_page_counts_returns_and_repairs_per_10000_orders_and_days_in_repair(
    app, clock, terminal, warehouse, pickup, staff_client, world
):
    first = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    collected(terminal, warehouse, pickup, {"PHONE-2": 1})
    repair = take_in(pickup, first)
    assert (
        pickup.post(
            f"/orders/{first}/returns", {"lines": [{"sku": "PHONE-1", "qty": 1}], "reason": "x"}
        ).status_code
        == 201
    )
    clock.advance(days=3)
    staff_client = signed_in(app, "staff")  # three days on, yesterday's staff session is over
    walk(staff_client, repair["number"], "repaired")
    handed = pickup.post("/repairs/hand-back", {"code": repair["intake_code"]})
    assert handed.status_code == 200, handed.json
    page = staff_client.get("/staff/stats").get_data(as_text=True)
    # Two orders handed out: one return and one repair are 5 000 each per 10 000 orders.
    assert 'data-testid="returns-per-10k">5000.0<' in page
    assert 'data-testid="repairs-per-10k">5000.0<' in page
    assert 'data-testid="repair-days">3.0<' in page


def test_out_of_warranty_a_paid_repair_is_quoted_and_the_customer_declines(
    app, clock, terminal, warehouse, pickup, staff_client, world
):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    clock.advance(days=400)
    staff_client = signed_in(app, "staff")  # a new day's staff session
    answer = pickup.post("/repairs", {"order": number, **INTAKE, "paid": True})
    assert answer.status_code == 201, answer.json
    assert answer.json["under_warranty"] is False
    repair = answer.json["number"]
    move(staff_client, repair, "sent_to_service")
    move(staff_client, repair, "diagnosed")
    no_price = staff_client.post(f"/staff/repairs/{repair}/move", data={"to": "quoted"})
    assert no_price.status_code == 422
    quoted = staff_client.post(
        f"/staff/repairs/{repair}/move", data={"to": "quoted", "quote": "4500"}
    )
    assert quoted.status_code == 302
    (sent,) = messages(app, number, "repair_quoted")
    assert f"Ремонт {repair} (Смартфон Альфа) не гарантийный: стоимость 4" in sent
    assert move(staff_client, repair, "declined").status_code == 302
    assert move(staff_client, repair, "ready_for_pickup").status_code == 302
    assert pickup.get(f"/repairs/{repair}").json["quote_minor"] == 450_000


def test_the_manager_records_the_customers_yes_to_the_quote_then_the_repair(
    app, clock, terminal, warehouse, pickup, world
):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    clock.advance(days=400)
    staff_client = signed_in(app, "staff")
    repair = pickup.post("/repairs", {"order": number, **INTAKE, "paid": True}).json["number"]
    for to in ("sent_to_service", "diagnosed"):
        move(staff_client, repair, to)
    page = staff_client.get("/staff/repairs").get_data(as_text=True)
    assert f'data-testid="quote-{repair}"' in page  # the price is typed on the page
    staff_client.post(f"/staff/repairs/{repair}/move", data={"to": "quoted", "quote": "4500"})
    shortcut = move(staff_client, repair, "repaired")
    assert shortcut.status_code == 422  # not before the customer said yes
    yes = move(staff_client, repair, "quote_accepted", "said yes on the phone")
    assert yes.status_code == 302
    page = staff_client.get("/staff/repairs").get_data(as_text=True)
    assert "покупатель согласен с ценой · платный ремонт: 4 500 ₽" in page.replace("\u00a0", " ")
    assert move(staff_client, repair, "repaired").status_code == 302
    assert move(staff_client, repair, "ready_for_pickup").status_code == 302
    events = [e["status"] for e in pickup.get(f"/repairs/{repair}").json["events"]]
    assert events[-4:] == ["quoted", "quote_accepted", "repaired", "ready_for_pickup"]
    # The customer said yes themselves: no message for it; one for the price, one when done.
    assert len(messages(app, number, "repair_quoted")) == 1
    assert len(messages(app, number, "repair_repaired")) == 1


def test_a_warranty_repair_cannot_be_quoted(terminal, warehouse, pickup, staff_client, world):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    repair = take_in(pickup, number)["number"]
    move(staff_client, repair, "sent_to_service")
    move(staff_client, repair, "diagnosed")
    refused = staff_client.post(
        f"/staff/repairs/{repair}/move", data={"to": "quoted", "quote": "100"}
    )
    assert refused.status_code == 422


def test_a_big_appliance_is_collected_from_home_on_the_agreed_day(
    app, terminal, warehouse, pickup, staff_client, world
):
    number = collected(terminal, warehouse, pickup, {"TV-1": 1})
    intake = {"order": number, "sku": "TV-1", "serial": "TV-9", "defect": "no picture"}
    past = pickup.post("/repairs", {**intake, "collect_on": "2026-11-01"})
    assert (past.status_code, past.json["error"]["code"]) == (422, "repair_invalid")
    answer = pickup.post("/repairs", {**intake, "collect_on": "2026-11-27"})
    assert answer.status_code == 201, answer.json
    assert answer.json["status"] == "awaiting_collection"
    repair = answer.json["number"]
    assert messages(app, number, "repair_collection") == [
        f"sms:Ремонт {repair}: курьер заберёт Телевизор Бета из дома 27.11.2026. "
        "Вопросы: 8 800 555-35-35"
    ]
    assert "27.11.2026" in staff_client.get("/staff/repairs").get_data(as_text=True)
    # The customer calls: the courier comes two days later. The page records the new day.
    later = staff_client.post(
        f"/staff/repairs/{repair}/collection", data={"collect_on": "2026-11-29"}
    )
    assert later.status_code == 302, later.get_data(as_text=True)
    assert pickup.get(f"/repairs/{repair}").json["collect_on"] == "2026-11-29"
    assert messages(app, number, "repair_collection")[-1] == (
        f"sms:Ремонт {repair}: курьер заберёт Телевизор Бета из дома 29.11.2026. "
        "Вопросы: 8 800 555-35-35"
    )
    assert len(messages(app, number, "repair_collection")) == 2
    for typed in ("2026-11-01", "завтра", ""):
        refused = staff_client.post(
            f"/staff/repairs/{repair}/collection", data={"collect_on": typed}
        )
        assert refused.status_code == 422, typed
        assert 'data-testid="error"' in refused.get_data(as_text=True)
    assert pickup.get(f"/repairs/{repair}").json["collect_on"] == "2026-11-29"
    assert move(staff_client, repair, "sent_to_service").status_code == 422  # not here yet
    assert move(staff_client, repair, "accepted").status_code == 302
    assert len(messages(app, number, "repair_accepted")) == 1
