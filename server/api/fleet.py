"""The heartbeat: every terminal and pickup station says how it is, and hears whether it serves."""

from typing import Annotated

from pydantic import BaseModel, StringConstraints

from common.fleet import OutOfServiceReason, PrinterState, ScannerState
from server.api.blueprint import bp
from server.api.operation import current_device, operation
from server.api.schemas import Strict
from server.clock import now
from server.db import get_session
from server.services import fleet

Version = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._+-]{1,40}$")]


class HeartbeatIn(Strict):
    version: Version
    printer: PrinterState
    scanner: ScannerState
    camera: ScannerState = "none"


class HeartbeatOut(BaseModel):
    out_of_service: bool
    # switched_off: staff switched it off; printer: it cannot print a receipt.
    reason: OutOfServiceReason | None = None
    # The nearest device of the same kind in the store that serves, to send shoppers to.
    nearest: str | None = None


@operation(
    bp,
    "POST",
    "/devices/heartbeat",
    summary="Report this device's version, printer and scanner; answers whether it serves",
    response=HeartbeatOut,
    body=HeartbeatIn,
)
def heartbeat(body: HeartbeatIn) -> HeartbeatOut:
    service = fleet.record_heartbeat(
        get_session(),
        current_device(),
        version=body.version,
        printer=body.printer,
        scanner=body.scanner,
        camera=body.camera,
        now=now(),
    )
    return HeartbeatOut(
        out_of_service=service.out_of_service, reason=service.reason, nearest=service.nearest
    )
