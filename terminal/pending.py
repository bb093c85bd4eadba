"""Card payments the server has not heard of yet, kept on disk until it has.

The money is taken the moment the card reader approves; until the server records the
payment, this terminal is the only one that knows. A restart of the terminal app (systemd
brings it back, a watchdog, a power cut) must not forget it: each such payment is written
here before the server is told, and crossed out once the server has answered.
"""

import json
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class PendingPayment:
    number: str  # the order
    key: str  # the Idempotency-Key of the payment call: a repeat records it once
    amount_minor: int
    reference: str  # the bank's approval code
    lang: str

    def body(self) -> dict[str, object]:
        return {"method": "card", "amount_minor": self.amount_minor, "reference": self.reference}


class PendingPayments:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def keep(self, payment: PendingPayment) -> None:
        with self._lock:
            kept = {p.key: p for p in self._read()} | {payment.key: payment}
            self._write(list(kept.values()))

    def done(self, key: str) -> None:
        with self._lock:
            kept = self._read()
            if any(p.key == key for p in kept):
                self._write([p for p in kept if p.key != key])

    def all(self) -> list[PendingPayment]:
        with self._lock:
            return self._read()

    def _read(self) -> list[PendingPayment]:
        try:
            rows = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        return [PendingPayment(**row) for row in rows]

    def _write(self, payments: list[PendingPayment]) -> None:
        # Written aside and renamed: a crash mid-write leaves the old list, never half of one.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        aside = self.path.with_suffix(".tmp")
        with open(aside, "w", encoding="utf-8") as out:
            json.dump([asdict(p) for p in payments], out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(aside, self.path)
