"""The demo's payment provider pays an online order through the real, signed webhook."""

import re
from pathlib import Path

import requests

from server import create_app
from server.db import get_session
from tests.helpers import build_world
from tests.live import live_server


def test_customer_pays_on_the_provider_page_and_the_order_is_paid(sqlite_url: str, tmp_path: Path):
    app = create_app({"DATABASE_URL": sqlite_url})
    with app.app_context():
        token = build_world(get_session()).tokens["shop"]
    app.extensions["db"].engine.dispose()
    headers = {"Authorization": f"Device {token}"}

    with live_server(sqlite_url, tmp_path, workers=1, threads=4) as base:
        order = requests.post(
            f"{base}/api/v1/orders",
            json={
                "store": "MSK-1",
                "lines": [{"sku": "TV-1", "qty": 1}],
                "payment": "online",
                "customer_phone": "+7 916 123-45-67",
            },
            headers=headers,
            timeout=30,
        ).json()
        assert f"/fake-provider/pay/{order['number']}?" in order["payment_url"]
        browser = requests.Session()
        page = browser.get(order["payment_url"], timeout=30).text
        assert "54\xa0990 ₽" in page
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token is not None
        paid = browser.post(
            order["payment_url"], data={"csrf_token": token.group(1)}, timeout=30
        ).text
        assert 'data-testid="paid"' in paid
        after = requests.get(
            f"{base}/api/v1/orders/{order['number']}", headers=headers, timeout=30
        ).json()
    assert (after["status"], after["payment_url"]) == ("paid", None)
