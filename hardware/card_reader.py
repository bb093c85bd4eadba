"""Card payments at the terminal, behind one call: `charge(amount_minor, reference)`.

Only the fake exists. A real bank terminal driver (each acquiring bank ships its own
protocol and SDK) is out of scope for now; it will be one more class with the same
`charge` and one more entry in make_card_reader's map.
"""

import time
from dataclasses import dataclass, field
from typing import Literal, NamedTuple, Protocol, get_args, runtime_checkable

CardOutcome = Literal["approved", "declined", "timeout"]

_MESSAGES: dict[str, str] = {
    "approved": "Payment approved.",
    "declined": "The card was declined.",
    "timeout": "The card terminal did not answer in time.",
}


@dataclass(frozen=True)
class CardResult:
    outcome: CardOutcome
    auth_code: str | None  # the bank's approval code, printed on the receipt; None unless approved
    message: str  # short English, for the log and the terminal screen


class Charge(NamedTuple):
    amount_minor: int  # kopecks
    reference: str  # the order number, so the bank statement matches the order


@runtime_checkable
class CardReader(Protocol):
    def charge(self, amount_minor: int, reference: str) -> CardResult:
        """Ask the shopper's card for `amount_minor` kopecks; never raises for a refusal."""
        ...


@dataclass
class FakeCardReader:
    """Approves every charge unless a test pushes "declined" or "timeout" to next_outcomes.

    `delay_seconds` makes each charge take as long as a real terminal, for trying out
    the "insert your card" screen by hand.
    """

    delay_seconds: float = 0.0
    next_outcomes: list[CardOutcome] = field(default_factory=list)
    charges: list[Charge] = field(default_factory=list)

    def charge(self, amount_minor: int, reference: str) -> CardResult:
        if amount_minor <= 0:
            raise ValueError(f"a card charge must be positive, not {amount_minor}")
        self.charges.append(Charge(amount_minor, reference))
        outcome = self.next_outcomes.pop(0) if self.next_outcomes else "approved"
        if outcome not in get_args(CardOutcome):
            raise ValueError(
                f"unknown card outcome {outcome!r}; use one of {get_args(CardOutcome)}"
            )
        if self.delay_seconds:
            time.sleep(self.delay_seconds)
        auth_code = f"{len(self.charges):06d}" if outcome == "approved" else None
        return CardResult(outcome, auth_code, _MESSAGES[outcome])


# Explicit name -> class map: a device's configuration says which reader it has.
_READERS: dict[str, type[CardReader]] = {"fake": FakeCardReader}


def make_card_reader(name: str) -> CardReader:
    """The card reader called `name` in the device configuration ("fake" for now)."""
    try:
        return _READERS[name]()
    except KeyError:
        raise ValueError(
            f"unknown card reader {name!r}; known: {', '.join(sorted(_READERS))}"
        ) from None
