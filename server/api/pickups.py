"""The pickup window's scan: the order behind a code and what the clerk may do."""

from flask import current_app

from server.api import schemas, serialize
from server.api.blueprint import bp
from server.api.operation import current_device, operation
from server.clock import now
from server.db import get_session
from server.errors import ErrorCode
from server.models import DeviceKind
from server.services import pickups
from server.services.actors import Actor


@operation(
    bp,
    "POST",
    "/pickups/scan",
    summary="Look up a scanned or typed pickup code",
    response=schemas.ScanOut,
    body=schemas.ScanIn,
    kinds={DeviceKind.PICKUP},
    # The unknown code is kept although the answer is an error: it is what stops a
    # device that guesses codes.
    keeps={ErrorCode.UNKNOWN_CODE},
)
def scan(body: schemas.ScanIn) -> schemas.ScanOut:
    result = pickups.scan_at_window(
        get_session(),
        body.code,
        actor=Actor.of_device(current_device()),
        limit=pickups.GuessLimit.from_config(current_app.config),
        now=now(),
    )
    return serialize.scan_out(result)
