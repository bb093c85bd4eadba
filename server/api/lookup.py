"""The pickup window finds an order by its number once the customer has confirmed it."""

from typing import Annotated

from flask import current_app
from pydantic import StringConstraints

from server.api import schemas, serialize
from server.api.blueprint import bp
from server.api.operation import current_device, operation
from server.api.schemas import Strict
from server.clock import now
from server.db import get_session
from server.errors import ErrorCode
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
    # A wrong confirmation is kept although the answer is an error: it counts as a guess.
    keeps={ErrorCode.ORDER_NOT_FOUND},
)
def lookup_order(body: LookupIn) -> schemas.ScanOut:
    result = lookup.lookup_at_window(
        get_session(),
        body.number,
        body.proof,
        actor=Actor.of_device(current_device()),
        limit=pickups.GuessLimit.from_config(current_app.config),
        now=now(),
    )
    return serialize.scan_out(result)
