"""What staff do once at a store screen's kiosk, and what the manager does at a desk."""

from playwright.sync_api import Locator, Page

from tests.helpers import STAFF_PASSWORD


def pair_screen(page: Page, server_url: str, token: str) -> None:
    """Pair this browser with a device token: typed into the pairing form, never in a URL."""
    page.goto(f"{server_url}/screens/pair")
    page.locator("input[name=token]").fill(token)
    with page.expect_navigation():
        page.locator("form button").click()


def sign_in(page: Page, server_url: str, *, username: str = "staff") -> None:
    page.goto(f"{server_url}/staff/login")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(STAFF_PASSWORD)
    with page.expect_navigation():
        page.locator("form.panel button").click()


# How many lines of text an element takes, and whether it sits inside another's box.
_LINES = """(el) => {
  const style = getComputedStyle(el);
  const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
  return el.getBoundingClientRect().height / line;
}"""
_INSIDE = """([inner, outer]) => {
  const a = inner.getBoundingClientRect(), b = outer.getBoundingClientRect();
  const fits = inner.scrollWidth <= inner.clientWidth + 1;
  return a.left >= b.left - 1 && a.right <= b.right + 1 && fits;
}"""


def lines_of(locator: Locator) -> float:
    """The element's height in lines of its own text."""
    value: float = locator.evaluate(_LINES)
    return value


def fully_inside(inner: Locator, outer: Locator) -> bool:
    """The element lies within the other's box, its text not cut."""
    inside: bool = inner.page.evaluate(_INSIDE, [inner.element_handle(), outer.element_handle()])
    return inside
