"""Returns and repairs over the API: taken in at a pickup window of any store of the chain."""

from server.api import schemas, serialize
from server.api.blueprint import bp
from server.api.operation import current_device, operation
from server.clock import now
from server.db import get_session
from server.models import DeviceKind
from server.services import access, returns
from server.services.actors import Actor


@operation(
    bp,
    "POST",
    "/orders/<number>/returns",
    summary="Take back goods of a handed-out order and refund them the way they were paid",
    response=schemas.ReturnOut,
    status=201,
    body=schemas.ReturnIn,
    kinds={DeviceKind.PICKUP},
)
def create_return(number: str, body: schemas.ReturnIn) -> schemas.ReturnOut:
    session, actor = get_session(), Actor.of_device(current_device())
    order = access.find_returnable(session, number, actor=actor, lock=True)
    record = returns.return_goods(
        session,
        order,
        lines=[(line.sku, line.qty) for line in body.lines],
        reason=body.reason,
        resaleable=body.resaleable,
        actor=actor,
        now=now(),
    )
    return serialize.return_out(record)
