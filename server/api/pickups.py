"""The pickup window's scan: the order behind a code and what the clerk may do."""

from datetime import timedelta

from flask import current_app

from server.api import schemas, serialize
from server.api.blueprint import bp
from server.api.operation import current_device, operation
from server.clock import now
from server.db import get_session
from server.errors import DomainError, ErrorCode
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
)
def scan(body: schemas.ScanIn) -> schemas.ScanOut:
    session, device, moment = get_session(), current_device(), now()
    config = current_app.config
    pickups.check_scan_rate(
        session,
        device_id=device.id,
        now=moment,
        limit=config["SCAN_GUESS_LIMIT"],
        window=timedelta(seconds=config["SCAN_GUESS_WINDOW_SECONDS"]),
    )
    try:
        result = pickups.scan(session, body.code, actor=Actor.of_device(device))
    except DomainError as exc:
        if exc.code is ErrorCode.UNKNOWN_CODE:
            # Kept whatever happens to the request: it is what stops a guessing device.
            pickups.record_failed_scan(session, device_id=device.id, now=moment)
            session.commit()
        raise
    return schemas.ScanOut(
        order=serialize.order_out(result.order),
        verdict=result.verdict,
        message=result.message,
        actions=result.actions,
    )
