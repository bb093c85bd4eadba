"""What staff do once at a store screen's kiosk, and what the manager does at a desk."""

from playwright.sync_api import Page

from tests.helpers import STAFF_PASSWORD


def pair_screen(page: Page, server_url: str, token: str) -> None:
    """Pair this browser with a device token: typed into the pairing form, never in a URL."""
    page.goto(f"{server_url}/screens/pair")
    page.locator("input[name=token]").fill(token)
    with page.expect_navigation():
        page.locator("form button").click()


def sign_in(page: Page, server_url: str, *, username: str = "staff") -> None:
    page.goto(f"{server_url}/login")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(STAFF_PASSWORD)
    with page.expect_navigation():
        page.locator("form.panel button").click()
