"""The pickup window's scan: the order behind a code and what the clerk may do."""

from server.api import schemas, serialize
from server.api.blueprint import bp
from server.api.operation import current_device, operation
from server.db import get_session
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
    result = pickups.scan(get_session(), body.code, actor=Actor.of_device(current_device()))
    return schemas.ScanOut(
        order=serialize.order_out(result.order),
        verdict=result.verdict,
        message=result.message,
        actions=result.actions,
    )
