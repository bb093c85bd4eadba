"""Every kind of value a form sends is read one way, and odd input is a clear refusal."""

import pytest

from common import form_values as fv


@pytest.mark.parametrize(
    "raw", ["²", "٣", "1²", "", " ", "-1", "1.5", "0x10", "1" * 10_000, "\x00"]
)
def test_quantity_refuses_what_is_not_plain_digits(raw: str) -> None:
    with pytest.raises(fv.BadValue):
        fv.quantity(raw)


@pytest.mark.parametrize(("raw", "value"), [("1", 1), (" 7 ", 7), ("99", 99)])
def test_quantity_reads_plain_digits(raw: str, value: int) -> None:
    assert fv.quantity(raw) == value


def test_quantity_out_of_range_is_refused() -> None:
    with pytest.raises(fv.BadValue):
        fv.quantity("0")
    with pytest.raises(fv.BadValue):
        fv.quantity("11", high=10)


def test_record_id_stays_within_32_bits() -> None:
    assert fv.record_id("2147483647") == 2**31 - 1
    with pytest.raises(fv.BadValue):
        fv.record_id("2147483648")


def test_counter_falls_back_instead_of_refusing() -> None:
    assert fv.counter("²") == 0
    assert fv.counter("12") == 12


@pytest.mark.parametrize("raw", ["A-1001\x00", "", "a b", "x" * 65, "<script>"])
def test_code_refuses_unprintable_or_long(raw: str) -> None:
    with pytest.raises(fv.BadValue):
        fv.code(raw)


def test_code_keeps_order_numbers_and_skus() -> None:
    assert fv.code(" A-1001 ") == "A-1001"
    assert fv.code("PHN-SAM-A55-128") == "PHN-SAM-A55-128"


def test_text_drops_control_characters_and_cuts() -> None:
    assert fv.text("ad\x00min\n", limit=60) == "admin"
    assert len(fv.text("я" * 500, limit=60)) == 60


def test_choice_falls_back_to_default() -> None:
    assert fv.choice("price", {"price", "name"}, default="name") == "price"
    assert fv.choice("'; drop", {"price", "name"}, default="name") == "name"
