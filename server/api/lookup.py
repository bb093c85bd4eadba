"""The pickup window finds an order by its number once the customer has confirmed it."""

from datetime import timedelta
from typing import Annotated

from flask import current_app
from pydantic import StringConstraints

from server.api import schemas, serialize
from server.api.blueprint import bp
from server.api.operation import current_device, operation
from server.api.schemas import Strict
from server.clock import now
from server.db import get_session
from server.errors import DomainError, ErrorCode
from server.models import DeviceKind
from server.services import lookup, pickups
from server.services.actors import Actor


class LookupIn(Strict):
    number: Annotated[str, StringConstraints(max_length=20)]
    proof: Annotated[str, StringConstraints(max_length=20)]


@operation(
    bp,
    "POST",
    "/pickups/lookup",
    summary="Find an order by its number, confirmed by the phone's last 4 digits or the code",
    response=schemas.ScanOut,
    body=LookupIn,
    kinds={DeviceKind.PICKUP},
)
def lookup_order(body: LookupIn) -> schemas.ScanOut:
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
        order = lookup.find_confirmed(
            session, body.number, body.proof, actor=Actor.of_device(device)
        )
    except DomainError as exc:
        if exc.code is ErrorCode.ORDER_NOT_FOUND:
            # A wrong confirmation is a guess like an unknown code: it counts the same.
            pickups.record_failed_scan(session, device_id=device.id, now=moment)
            session.commit()
        raise
    result = pickups.result_for(session, order)
    return schemas.ScanOut(
        order=serialize.order_out(result.order),
        verdict=result.verdict,
        message=result.message,
        actions=result.actions,
    )
