"""With "Aa" on, every piece of text on the shopping screens stands out from its background."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.servers import Terminal
from tests.browser.shopper import add_product, screenshot

# WCAG AA for body text; high-contrast mode is for shoppers who need more than the default.
MIN_RATIO = 4.5

# Contrast of each visible text against the first opaque background behind it (WCAG formula).
TEXT_CONTRAST = """() => {
  const rgba = (s) => {
    const m = s.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(",").map(parseFloat);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const channel = (v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  };
  const lum = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent);
    const text = own.join(" ").replace(/\\s+/g, " ").trim();
    if (!text || el.closest("[hidden]")) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === "hidden") continue;
    if (el.closest("button:disabled")) continue;
    const a = lum(rgba(style.color)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    found.push({ text: text.slice(0, 60), ratio: Math.round(ratio * 100) / 100 });
  }
  return found;
}"""


def unreadable(page: Page) -> list[str]:
    texts = page.evaluate(TEXT_CONTRAST)
    assert texts, "no text found on the screen"
    return [f"{t['text']!r} (contrast {t['ratio']}:1)" for t in texts if t["ratio"] < MIN_RATIO]


@pytest.mark.parametrize("screen", ["catalog/phones", "product/PHONE-1", "cart", "checkout"])
def test_high_contrast_text_is_readable(page: Page, terminal: Terminal, screen: str) -> None:
    add_product(page, terminal.url, "PHONE-1", expect_count=1)
    page.goto(f"{terminal.url}/{screen}")
    page.get_by_test_id("contrast").tap()
    expect(page.locator("body.contrast")).to_have_count(1)
    screenshot(page, "high-contrast-" + screen.split("/")[0])
    assert unreadable(page) == [], f"text the shopper cannot read on /{screen} in high contrast"
