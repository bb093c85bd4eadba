"""The device apps' fixtures, for the tests of what they share."""

from tests.pickup.conftest import desk, scan_clock, scans, station_app  # noqa: F401
from tests.terminal.conftest import kiosk, terminal_app  # noqa: F401
