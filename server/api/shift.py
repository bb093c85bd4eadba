"""A pickup window's number and the clerk on shift there, as the station shows them."""

from typing import Annotated

from pydantic import BaseModel, StringConstraints

from server.api import schemas
from server.api.blueprint import bp
from server.api.operation import current_device, operation
from server.api.schemas import Strict
from server.db import get_session
from server.models import DeviceKind
from server.services import windows


class ShiftIn(Strict):
    # Empty: nobody is named; hand-outs are credited to the window alone.
    clerk: Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)]


class ShiftOut(BaseModel):
    window: int | None
    clerk: str | None


def _shift() -> ShiftOut:
    device = current_device()
    return ShiftOut(window=device.window, clerk=device.clerk)


@operation(
    bp,
    "GET",
    "/device/shift",
    summary="This pickup device's window and the clerk on shift",
    response=ShiftOut,
    query=schemas.LangQuery,
    kinds={DeviceKind.PICKUP},
)
def get_shift(query: schemas.LangQuery) -> ShiftOut:
    return _shift()


@operation(
    bp,
    "POST",
    "/device/shift",
    summary="Name the clerk on shift at this window",
    response=ShiftOut,
    body=ShiftIn,
    kinds={DeviceKind.PICKUP},
)
def set_shift(body: ShiftIn) -> ShiftOut:
    name = "".join(ch for ch in body.clerk if ch.isprintable()).strip()
    windows.set_clerk(get_session(), current_device(), name or None)
    return _shift()
