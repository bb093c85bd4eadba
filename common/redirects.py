"""Where a ``?next=`` may send a browser: back to a page of this app, never elsewhere."""

import re
from urllib.parse import urlsplit

# Browsers drop tabs and newlines inside a URL and read "\" as "/", so "/\t/evil" and
# "/\evil" both become "//evil", another host: a target holding any of them is refused.
_UNSAFE = re.compile(r"[\x00-\x20\x7f\\]")


def safe_next(target: str | None, default: str) -> str:
    """The path and query of ``target`` when it is a path on this app, else ``default``.

    A full URL (the Referer header is one) keeps only its path on this host; a scheme
    without a path ("javascript:…"), a protocol-relative "//host" and anything a browser
    would read as one fall back to ``default``.
    """
    if not target or _UNSAFE.search(target):
        return default
    parts = urlsplit(target)
    path = parts.path
    if not path.startswith("/") or path.startswith("//"):
        return default
    return path + (f"?{parts.query}" if parts.query else "")
