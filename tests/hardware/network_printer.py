"""A raw-TCP receipt printer on 127.0.0.1, for testing the tcp:// transport for real.

It records every byte of every connection and answers ESC/POS real-time status
queries (DLE EOT n) with the byte set in `answers`, as a real printer on port 9100 does:
before a job, and after its cut. `hang_up_after` makes it close the connection after that
many bytes of a job, as a printer switched off or unplugged mid-receipt.
"""

import socket
import threading
from types import TracebackType

DLE_EOT = b"\x10\x04"
CUT = b"\x1dV\x00"  # GS V 0, the end of a receipt

# DLE EOT 1 (printer), 2 (offline cause), 4 (paper sensor). Bits 1 and 4 (0x12) are
# always set; 0x08 in n=1 means offline, 0x04 in n=2 cover open, 0x20 in n=2 stopped
# at paper end; 0x0C in n=4 paper near its end, 0x60 in n=4 paper gone.
ONLINE = {1: 0x12, 2: 0x12, 4: 0x12}
PAPER_LOW = {1: 0x12, 2: 0x12, 4: 0x1E}
PAPER_OUT = {1: 0x1A, 2: 0x32, 4: 0x72}
COVER_OPEN = {1: 0x1A, 2: 0x16, 4: 0x12}
OFFLINE_ERROR = {1: 0x1A, 2: 0x52, 4: 0x12}  # an unrecoverable error, e.g. cutter jam
SILENT: dict[int, int] = {}  # a print server that never answers status queries


def printed_part(job: bytes) -> bytes:
    """The job without the status queries asked after its cut."""
    while len(job) >= 3 and job[-3:-1] == DLE_EOT:
        job = job[:-3]
    return job


class NetworkPrinter:
    def __init__(self, answers: dict[int, int] = ONLINE) -> None:
        self.answers = answers
        self.hang_up_after: int | None = None
        self.jobs: list[bytes] = []  # the bytes of each connection, once it has closed
        self._jobs_changed = threading.Condition()
        self._stop = threading.Event()
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.05)  # so the loop notices _stop
        self.port = self._server.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"tcp://127.0.0.1:{self.port}?timeout=2"

    def wait_for_jobs(self, count: int = 1, timeout: float = 5) -> list[bytes]:
        with self._jobs_changed:
            self._jobs_changed.wait_for(lambda: len(self.jobs) >= count, timeout)
            return list(self.jobs)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._server.close()

    def __enter__(self) -> "NetworkPrinter":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._server.accept()
            except TimeoutError:
                continue
            with connection:
                job = self._receive(connection)
            with self._jobs_changed:
                self.jobs.append(job)
                self._jobs_changed.notify_all()

    def _receive(self, connection: socket.socket) -> bytes:
        connection.settimeout(5)
        received = bytearray()
        pending = b""  # status queries are answered before the job's data and after its cut
        answering = True
        while self.hang_up_after is None or len(received) < self.hang_up_after:
            wanted = 65536 if self.hang_up_after is None else self.hang_up_after - len(received)
            try:
                chunk = connection.recv(min(wanted, 65536))
            except OSError:
                break
            if not chunk:
                break
            received += chunk
            if not answering:
                cut = received.rfind(CUT, max(0, len(received) - len(chunk) - len(CUT)))
                if cut < 0:
                    continue
                pending, answering = bytes(received[cut + len(CUT) :]), True
            else:
                pending += chunk
            while len(pending) >= 3 and pending.startswith(DLE_EOT):
                query, pending = pending[2], pending[3:]
                if query in self.answers:
                    try:
                        connection.sendall(bytes([self.answers[query]]))
                    except OSError:
                        return bytes(received)
            answering = DLE_EOT.startswith(pending[:2])
        return bytes(received)
