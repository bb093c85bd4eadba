"""Where a ``?next=`` may send a browser: back to a page of this app, never elsewhere."""

import re
from urllib.parse import urlsplit

# Browsers drop tabs and newlines inside a URL and read "\" as "/", so "/\t/evil" and
# "/\evil" both become "//evil", another host: a target holding any of them is refused.
_UNSAFE = re.compile(r"[\x00-\x20\x7f\\]")


def safe_next(target: str | None, default: str, *, host: str | None = None) -> str:
    """The path and query of ``target`` when it is a path on this app, else ``default``.

    A full URL counts only when ``host`` is given and it names that host (the Referer
    header of this app's own page); another host, a protocol-relative "//host", a
    scheme without a path ("javascript:…") and anything a browser would read as one
    fall back to ``default``.
    """
    if not target or _UNSAFE.search(target):
        return default
    parts = urlsplit(target)
    if (parts.scheme or parts.netloc) and (
        host is None or parts.netloc != host or parts.scheme not in ("http", "https")
    ):
        return default
    path = parts.path
    if not path.startswith("/") or path.startswith("//"):
        return default
    return path + (f"?{parts.query}" if parts.query else "")
