"""The explicit URL scheme -> python-escpos class map, with two small fixes to its classes."""

import socket
from pathlib import Path
from typing import Any

from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import File, Network, Serial, Usb


class AppendingFile(File):
    """python-escpos' File truncates on open; the demo printer keeps every receipt."""

    device: Any  # python-escpos' lazily opening property; the open file or None

    def open(self, raise_not_found: bool = True) -> None:
        if self._device:
            self.close()
        try:
            # The demo's receipts folder may not exist yet; a device node's folder always does.
            Path(self.devfile).parent.mkdir(parents=True, exist_ok=True)
            self.device = open(self.devfile, "ab")  # noqa: SIM115 - closed by close()
        except OSError as exc:
            self.device = None
            if raise_not_found:
                raise DeviceNotFoundError(f"Could not open {self.devfile}: {exc}") from exc


class Tcp(Network):
    """python-escpos' Network, but closing the socket when the connection fails.

    Network.open drops a refused socket without closing it (a ResourceWarning every
    time the printer is off) and speaks IPv4 only; create_connection does neither.
    """

    device: Any  # python-escpos' lazily opening property; the socket or None

    def open(self, raise_not_found: bool = True) -> None:
        if self._device:
            self.close()
        try:
            self.device = socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as exc:
            self.device = None
            if raise_not_found:
                raise DeviceNotFoundError(
                    f"Could not connect to {self.host}:{self.port}: {exc}"
                ) from exc


# The dummy: scheme is FakePrinter, which brings its own python-escpos Dummy.
TRANSPORTS: dict[str, type[Escpos]] = {
    "file": AppendingFile,
    "tcp": Tcp,
    "usb": Usb,
    "serial": Serial,
}
