"""Checks any screen can run on itself: English words on a Russian screen, text that
does not fit its box. The journey tests call them on every screen they visit."""

import re

from playwright.sync_api import Page

# Visible text of each element that holds text of its own, with its box and whether it overflows.
_TEXTS = """() => {
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("[hidden], script, style, noscript, [data-latin-ok]")) continue;
    const own = Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent);
    const text = own.join(" ").replace(/\\s+/g, " ").trim();
    if (!text) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || style.visibility === "hidden") continue;
    const clips = style.overflow !== "visible" || style.textOverflow === "ellipsis";
    const tall = clips && el.scrollHeight > el.clientHeight + 1;
    const over = el.scrollWidth > el.clientWidth + 1 || tall;
    const outside = box.right > window.innerWidth + 1 || box.left < -1;
    found.push({ text: text.slice(0, 80), over: over && el.clientWidth > 0, outside: outside });
  }
  return found;
}"""

# Words that stay Latin on a Russian screen: units, currencies, codes people read as codes.
ALLOWED_LATIN = {"sku", "usb", "hdmi", "wi-fi", "wifi", "gb", "tb", "mb", "ssd", "hdd", "led"}
# Codes and model names: letters mixed with digits or dashes (A-1001, PHN-SAM-128, RTX4060).
_CODE_LIKE = re.compile(r"^[A-Za-z0-9]*[0-9\-][A-Za-z0-9\-]*$")
_WORD = re.compile(r"[A-Za-z][A-Za-z\-']+")


def latin_words(page: Page, *, allowed: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Latin words in the visible text of a Russian screen, apart from codes and ``allowed``
    (brands and model names the page shows, e.g. the products' own names)."""
    ok = {w.lower() for w in allowed} | ALLOWED_LATIN
    words: list[str] = []
    for item in page.evaluate(_TEXTS):
        for token in item["text"].split():
            if _CODE_LIKE.match(token.strip(".,:;()«»")):
                continue
            for word in _WORD.findall(token):
                if word.lower() not in ok:
                    words.append(f"{word} (in {item['text']!r})")
    return words


def overflowing(page: Page) -> list[str]:
    """Texts that spill out of their box or past the screen's edge."""
    return [
        f"{item['text']!r}" + (" (past the screen's edge)" if item["outside"] else "")
        for item in page.evaluate(_TEXTS)
        if item["over"] or item["outside"]
    ]
