"""Printer URLs, as a technician writes them in a device's configuration.

    file:/var/spool/cybermarket/receipts.bin   ESC/POS appended to a file (the demo printer)
    tcp://192.168.1.50:9100?timeout=3           a network printer (raw port 9100)
    usb://0x04b8:0x0202?in_ep=0x82&out_ep=0x01  a USB printer by vendor:product id
    serial:///dev/ttyUSB0?baudrate=19200        a serial printer
    dummy:                                      bytes kept in memory, for tests
    dummy:?state=/tmp/printer-state             ... whose paper and cover a file simulates

Every URL may add `width=` (dots per line: 576 for 80 mm paper, 384 for 58 mm) and
`profile=` (a python-escpos printer profile such as TM-T20II). Parsing is pure, so
a configuration can be checked without the printer attached.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import SplitResult, parse_qsl, unquote, urlsplit

from hardware.receipt_layout import MAX_WIDTH_PX, MIN_WIDTH_PX

TCP_PORT = 9100
TCP_TIMEOUT_SECONDS = 3.0  # long enough for a busy printer, short enough for a waiting shopper
USB_TIMEOUT_MS = 5000
SERIAL_BAUDRATE = 9600

FORMS = "file:/path/out.bin, tcp://host:9100, usb://0xVVVV:0xPPPP, serial:///dev/ttyUSB0, dummy:"
_COMMON = {"width", "profile"}
_OPTIONS = {
    "file": set(),
    "tcp": {"timeout"},
    "usb": {"in_ep", "out_ep"},
    "serial": {"baudrate"},
    "dummy": {"state"},
}


@dataclass(frozen=True)
class PrinterSpec:
    """A parsed printer URL: which transport, and the keyword arguments for it."""

    scheme: str
    params: dict[str, Any] = field(default_factory=dict)
    width_px: int | None = None  # None: the profile's width, else 576
    profile: str | None = None


def parse_printer_url(url: str) -> PrinterSpec:
    """Split a printer URL into a PrinterSpec; ValueError says what is wrong with it."""
    if not url or not url.strip():
        raise ValueError(f"printer URL is empty; use one of {FORMS}")
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _OPTIONS:
        raise ValueError(f"unknown printer URL {url!r}; use one of {FORMS}")
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    unknown = set(query) - _COMMON - _OPTIONS[scheme]
    if unknown:
        allowed = ", ".join(sorted(_COMMON | _OPTIONS[scheme]))
        raise ValueError(
            f"unknown option {', '.join(sorted(unknown))} in printer URL {url!r}; "
            f"{scheme}: printers take {allowed}"
        )
    width = _number(query, "width", url, int, None)
    if width is not None and not MIN_WIDTH_PX <= width <= MAX_WIDTH_PX:
        raise ValueError(
            f"width must be {MIN_WIDTH_PX} to {MAX_WIDTH_PX} dots in printer URL {url!r}"
        )
    params = _PARSERS[scheme](parts, query, url)
    return PrinterSpec(scheme, params, width, query.get("profile") or None)


def _file(parts: SplitResult, query: dict[str, str], url: str) -> dict[str, Any]:
    if parts.netloc or not parts.path:
        raise ValueError(f"file printer URL needs a local path, like file:/tmp/out.bin: {url!r}")
    return {"devfile": unquote(parts.path)}


def _tcp(parts: SplitResult, query: dict[str, str], url: str) -> dict[str, Any]:
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise ValueError(f"bad port in printer URL {url!r}") from None
    if not host or parts.path not in ("", "/") or port == 0:
        raise ValueError(f"tcp printer URL needs a host, like tcp://192.168.1.50:9100: {url!r}")
    timeout = _number(query, "timeout", url, float, TCP_TIMEOUT_SECONDS)
    if timeout <= 0:
        raise ValueError(f"timeout must be positive in printer URL {url!r}")
    return {"host": host, "port": port or TCP_PORT, "timeout": timeout}


def _usb(parts: SplitResult, query: dict[str, str], url: str) -> dict[str, Any]:
    vendor, sep, product = parts.netloc.partition(":")
    if not sep or parts.path not in ("", "/"):
        raise ValueError(
            f"usb printer URL needs vendor:product ids, like usb://0x04b8:0x0202: {url!r}"
        )
    params: dict[str, Any] = {
        "idVendor": _usb_id(vendor, url),
        "idProduct": _usb_id(product, url),
        "timeout": USB_TIMEOUT_MS,
    }
    for endpoint in ("in_ep", "out_ep"):
        if endpoint in query:
            params[endpoint] = _usb_id(query[endpoint], url)
    return params


def _serial(parts: SplitResult, query: dict[str, str], url: str) -> dict[str, Any]:
    devfile = parts.path or parts.netloc  # serial:///dev/ttyUSB0, serial:/dev/ttyS0, serial://COM3
    if not devfile or (parts.netloc and parts.path):
        raise ValueError(f"serial printer URL needs a port, like serial:///dev/ttyUSB0: {url!r}")
    baudrate = _number(query, "baudrate", url, int, SERIAL_BAUDRATE)
    return {"devfile": unquote(devfile), "baudrate": baudrate}


def _dummy(parts: SplitResult, query: dict[str, str], url: str) -> dict[str, Any]:
    if parts.netloc or parts.path:
        raise ValueError(f"the dummy printer URL is just 'dummy:', not {url!r}")
    return {"state_file": unquote(query["state"])} if query.get("state") else {}


_PARSERS = {"file": _file, "tcp": _tcp, "usb": _usb, "serial": _serial, "dummy": _dummy}


def _usb_id(text: str, url: str) -> int:
    try:
        value = int(text, 16)
    except ValueError:
        value = -1
    if not 0 <= value <= 0xFFFF:
        raise ValueError(f"bad USB id {text!r} (want hex like 0x04b8) in printer URL {url!r}")
    return value


def _number(
    query: dict[str, str], name: str, url: str, kind: Callable[[str], Any], default: Any
) -> Any:
    if name not in query:
        return default
    try:
        return kind(query[name])
    except ValueError:
        raise ValueError(f"{name} must be a number in printer URL {url!r}") from None
