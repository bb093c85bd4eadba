import pytest

from hardware.card_reader import CardReader, FakeCardReader, make_card_reader


def test_fake_reader_approves_with_an_auth_code() -> None:
    reader = FakeCardReader()

    result = reader.charge(3_757_000, "A-1042")

    assert result.outcome == "approved"
    assert result.auth_code and result.auth_code.isdigit()
    assert result.message == "Payment approved."


@pytest.mark.parametrize(("outcome", "words"), [("declined", "declined"), ("timeout", "in time")])
def test_fake_reader_refuses_when_told_then_approves_again(outcome: str, words: str) -> None:
    reader = FakeCardReader()
    reader.next_outcomes.append(outcome)  # type: ignore[arg-type]

    refused = reader.charge(3_757_000, "A-1042")
    again = reader.charge(3_757_000, "A-1042")

    assert refused.outcome == outcome and refused.auth_code is None
    assert words in refused.message
    assert again.outcome == "approved"


def test_fake_reader_records_every_charge_in_order() -> None:
    reader = FakeCardReader(next_outcomes=["declined"])

    reader.charge(3_757_000, "A-1042")
    reader.charge(99_000, "A-1043")

    assert reader.charges == [(3_757_000, "A-1042"), (99_000, "A-1043")]
    assert reader.charges[1].reference == "A-1043"


def test_fake_reader_can_take_as_long_as_a_real_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr("hardware.card_reader.time.sleep", slept.append)

    FakeCardReader(delay_seconds=2.5).charge(100, "A-1042")

    assert slept == [2.5]


def test_fake_reader_refuses_a_zero_charge() -> None:
    with pytest.raises(ValueError, match="positive"):
        FakeCardReader().charge(0, "A-1042")


def test_make_card_reader_knows_the_fake_and_nothing_else() -> None:
    assert isinstance(make_card_reader("fake"), CardReader)
    with pytest.raises(ValueError, match="unknown card reader 'sberbank'; known: fake"):
        make_card_reader("sberbank")
