"""Goods that go together on the product's answer, and never a dead end: close models in
stock here, the stores that have it, and an order brought here from one of them."""

from sqlalchemy import select

from server.db import get_session
from server.models import AccessoryLink, Category, DeviceKind, Product, Stock, TransferLead
from server.services.devices import register_device
from server.services.together import recount_bought_together
from tests.helpers import T0, Api, make_product


def _add_case(app, world, *, category_level: bool = True) -> None:
    with app.app_context():
        session = get_session()
        phones = session.scalar(select(Category).where(Category.code == "phones"))
        case = make_product(
            session, "CASE-1", phones, name_ru="Чехол", name_en="Case", price_minor=99_000
        )
        session.flush()
        session.add(Stock(store_id=world.store.id, product_id=case.id, on_hand=4, reserved=0))
        session.add(
            AccessoryLink(
                category_id=phones.id if category_level else None,
                product_id=None if category_level else world.products["PHONE-1"].id,
                accessory_id=case.id,
                reason_ru="Без чехла телефон прослужит меньше.",
                reason_en="Without a case a phone lasts less.",
            )
        )
        session.commit()


def test_a_phone_offers_its_case_with_the_reason_and_what_is_here(app, world, terminal):
    _add_case(app, world)
    answer = terminal.get("/products/PHONE-1", store="MSK-1", lang="ru").json
    assert [(t["sku"], t["kind"], t["available"]) for t in answer["together"]] == [
        ("CASE-1", "accessory", 4)
    ]
    assert answer["together"][0]["reason"] == "Без чехла телефон прослужит меньше."
    # The case itself is a phone-category product, but never offered with itself.
    assert terminal.get("/products/CASE-1", store="MSK-1").json["together"] == []


def test_goods_bought_together_in_paid_orders_are_offered_after_the_recount(app, world, terminal):
    order = terminal.post(
        "/orders",
        {
            "store": "MSK-1",
            "payment": "card",
            "lines": [{"sku": "PHONE-1", "qty": 1}, {"sku": "TV-1", "qty": 1}],
        },
    ).json
    unpaid = terminal.post(
        "/orders",
        {
            "store": "MSK-1",
            "payment": "card",
            "lines": [{"sku": "PHONE-2", "qty": 1}, {"sku": "TV-1", "qty": 1}],
        },
    ).json
    paid = terminal.post(
        f"/orders/{order['number']}/payments",
        {"method": "card", "amount_minor": order["total_minor"]},
    )
    assert paid.status_code == 201, paid.json
    assert unpaid["status"] == "reserved"
    with app.app_context():
        assert recount_bought_together(get_session(), now=T0) == 2  # both ways, paid only
        get_session().commit()
    together = terminal.get("/products/TV-1", store="MSK-1").json["together"]
    assert [(t["sku"], t["kind"]) for t in together] == [("PHONE-1", "bought_together")]


def test_out_of_stock_here_offers_close_models_and_an_order_from_another_store(
    app, client, world, terminal, pickup
):
    with app.app_context():
        session = get_session()
        session.execute(
            Stock.__table__.update()
            .where(
                Stock.store_id == world.store.id, Stock.product_id == world.products["PHONE-1"].id
            )
            .values(on_hand=0)
        )
        session.add(
            TransferLead(
                source_store_id=world.other_store.id, destination_store_id=world.store.id, hours=6
            )
        )
        _device, token = register_device(
            session, name="warehouse-2", kind=DeviceKind.WAREHOUSE, store=world.other_store, now=T0
        )
        session.commit()
    answer = terminal.get("/products/PHONE-1", store="MSK-1").json
    assert answer["available"] == 0
    assert {s["store"]: s["lead_hours"] for s in answer["stores"]} == {"MSK-1": None, "MSK-2": 6}
    assert [s["sku"] for s in answer["similar"]] == []  # PHONE-2 costs half: not close
    with app.app_context():
        session = get_session()
        session.get(Product, world.products["PHONE-2"].id).price_minor = 2_500_000
        session.commit()
    answer = terminal.get("/products/PHONE-1", store="MSK-1").json
    assert [(s["sku"], s["available"]) for s in answer["similar"]] == [("PHONE-2", 3)]

    made = terminal.post(
        "/orders",
        {
            "store": "MSK-1",
            "source": "MSK-2",
            "payment": "card",
            "lines": [{"sku": "PHONE-1", "qty": 1}],
        },
    )
    assert made.status_code == 201, made.json
    number = made.json["number"]
    assert (
        terminal.post(
            f"/orders/{number}/payments",
            {"method": "card", "amount_minor": made.json["total_minor"]},
        ).json["status"]
        == "paid"
    )
    # Picked at the source store, on its way, ready here.
    there = Api(client, token)
    assert there.post(f"/orders/{number}/picking").status_code == 200
    shipped = there.post(f"/orders/{number}/ship")
    assert shipped.json["status"] == "in_transit", shipped.json
    assert pickup.post(f"/orders/{number}/arrived").json["status"] == "ready"


def test_an_order_cannot_come_from_an_outpost(world, terminal):
    made = terminal.post(
        "/orders",
        {
            "store": "MSK-1",
            "source": "OUT-1",
            "payment": "card",
            "lines": [{"sku": "PHONE-1", "qty": 1}],
        },
    )
    assert made.status_code in (409, 422)
    assert made.json["error"]["code"] == "store_not_selling"
