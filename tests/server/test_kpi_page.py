"""/staff/kpi: one store's day, checked against a day whose figures were worked out by hand
(tests/kpi_seed.py), the same as CSV, and refusals that tell nothing."""

import re

import pytest
from flask import Flask

from server.db import get_session
from tests.kpi_seed import ABANDONED_CSV, DAY, EXPECTED, seed_known_day
from tests.server.care_orders_support import PHONE, add_store_staff, paid, sign_in


@pytest.fixture
def seeded(app: Flask, world) -> Flask:
    with app.app_context():
        seed_known_day(get_session())
    return app


def _cell(page: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</td>', page, re.S)
    assert found, testid
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).replace("\xa0", " ").strip()


def test_the_kpi_page_shows_the_days_figures_as_worked_out_by_hand(seeded, terminal):
    # Later orders and appeals do not change that day's figures.
    later = paid(terminal)["number"]
    appeal = {"phone": PHONE, "order": later, "category": "delay", "text": "Долго"}
    assert sign_in(seeded, "manager").post("/staff/appeals", data=appeal).status_code == 302
    page = sign_in(seeded, "manager").get(f"/staff/kpi?day={DAY.isoformat()}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for testid, key in (
        ("kpi-handed-out", "handed_out"),
        ("kpi-measured", "measured"),
        ("kpi-median", "median"),
        ("kpi-p90", "p90"),
        ("kpi-within", "within"),
        ("kpi-orders", "orders"),
        ("kpi-unresolved", "unresolved"),
        ("kpi-missed", "missed"),
        ("kpi-appeals", "appeals"),
        ("kpi-abandoned", "abandoned"),
        ("kpi-abandoned-value", "abandoned_value"),
    ):
        assert _cell(text, testid) == EXPECTED[key], testid
    assert _cell(text, "kpi-average-check") == EXPECTED["average_check"]
    assert _cell(text, "kpi-buyout").startswith(EXPECTED["buyout"])
    assert _cell(text, "kpi-retention").startswith(EXPECTED["retention"])
    # The hour chart: four orders at 10 and six at 12, drawn as bars with their counts.
    assert "<title>10: 4</title>" in text and "<title>12: 6</title>" in text


def test_the_csv_has_a_row_per_day_with_the_same_figures(seeded):
    answer = sign_in(seeded, "manager").get(f"/staff/kpi.csv?store=MSK-1&day={DAY.isoformat()}")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    rows = answer.get_data(as_text=True).splitlines()
    assert len(rows) == 15 and rows[0].startswith("store,day,orders")
    assert rows[-1] == f"MSK-1,2026-06-15,10,13,140,564,0.7,2000.00,0.75,2,{ABANDONED_CSV}"
    assert rows[-2] == "MSK-1,2026-06-14,0,0,,,,,,1,1,100.00"
    assert rows[-3].endswith(",0,0.00")


def test_bad_days_other_stores_and_other_roles_are_refused(app, world):
    manager = sign_in(app, "manager")
    for day in ("15.06.2026", "2026-02-30", "9999-12-31", "0001-01-01", "2026-06-15x"):
        assert manager.get(f"/staff/kpi?day={day}").status_code == 422, day
        assert manager.get(f"/staff/kpi.csv?day={day}").status_code == 422, day
    assert manager.get("/staff/kpi?store=MSK-2").status_code == 404  # not their store
    assert manager.get("/staff/kpi.csv?store=NOPE").status_code == 404
    add_store_staff(app, "klara", "clerk")
    assert sign_in(app, "klara").get("/staff/kpi").status_code == 403
    assert app.test_client().get("/staff/kpi").status_code in (302, 401)


def test_the_worker_keeps_the_closed_day_and_the_page_reads_it_unchanged(seeded):
    from datetime import datetime, time, timedelta

    from sqlalchemy import select

    from server.models import KpiDay
    from server.services.kpi_days import fill_closed_days
    from tests.kpi_seed import MOSCOW

    manager = sign_in(seeded, "manager")
    path = f"/staff/kpi.csv?store=MSK-1&day={DAY.isoformat()}"
    live = manager.get(path).get_data(as_text=True)
    night = datetime.combine(DAY + timedelta(days=1), time(3), MOSCOW)
    with seeded.app_context():
        session = get_session()
        assert fill_closed_days(session, now=night, keep=2) == 2  # MSK-2 never had an order
        assert fill_closed_days(session, now=night, keep=2) == 0  # kept once
        session.commit()
        row = session.scalar(select(KpiDay).where(KpiDay.day == DAY, KpiDay.store_id == 1))
        assert row is not None and row.figures["orders"] == 10
    assert manager.get(path).get_data(as_text=True) == live
    with seeded.app_context():  # the page reads the kept row, not the orders
        row = get_session().merge(row)
        assert row.figures["abandoned_carts"] == 2 and row.figures["abandoned_minor"] == 104_900
        row.figures = {**row.figures, "searches_missed": 7}
        get_session().commit()
    assert manager.get(path).get_data(as_text=True).endswith(f",0.75,7,{ABANDONED_CSV}\r\n")
    page = manager.get(f"/staff/kpi?day={DAY.isoformat()}").get_data(as_text=True)
    assert _cell(page, "kpi-p90") == EXPECTED["p90"]
    assert _cell(page, "kpi-retention").startswith(EXPECTED["retention"])
    assert _cell(page, "kpi-appeals") == EXPECTED["appeals"]
