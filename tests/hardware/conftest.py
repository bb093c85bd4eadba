from collections.abc import Iterator

import pytest

from tests.hardware.network_printer import NetworkPrinter


@pytest.fixture
def network_printer() -> Iterator[NetworkPrinter]:
    with NetworkPrinter() as printer:
        yield printer
