"""The pickup window's scan: the order behind a code and what the clerk may do."""

from datetime import timedelta

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
    config = current_app.config
    result = pickups.scan_at_window(
        get_session(),
        body.code,
        actor=Actor.of_device(current_device()),
        limit=pickups.GuessLimit(
            config["SCAN_GUESS_LIMIT"], timedelta(seconds=config["SCAN_GUESS_WINDOW_SECONDS"])
        ),
        now=now(),
    )
    return schemas.ScanOut(
        order=serialize.order_out(result.order),
        verdict=result.verdict,
        message=result.message,
        actions=result.actions,
    )
