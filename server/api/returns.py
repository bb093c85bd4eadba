"""Returns and repairs over the API: taken in at a pickup window of any store of the chain."""

from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from server.api import schemas, serialize
from server.api.blueprint import bp
from server.api.operation import Upload, current_device, operation
from server.clock import now
from server.db import get_session
from server.models import DeviceKind
from server.services import access, repair_photos, repairs, returns
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


@operation(
    bp,
    "POST",
    "/repairs",
    summary="Take a handed-out unit in for repair under warranty; the intake slip's code",
    response=schemas.RepairOut,
    status=201,
    body=schemas.RepairIn,
    kinds={DeviceKind.PICKUP},
)
def create_repair(body: schemas.RepairIn) -> schemas.RepairOut:
    session, actor = get_session(), Actor.of_device(current_device())
    order = access.find_returnable(session, body.order, actor=actor, lock=True)
    repair = repairs.take_in(
        session,
        order,
        sku=body.sku,
        serial=body.serial,
        defect=body.defect,
        condition=body.condition,
        accessories=body.accessories,
        paid=body.paid,
        collect_on=body.collect_on,
        actor=actor,
        now=now(),
    )
    return serialize.repair_out(repair)


@operation(
    bp,
    "GET",
    "/repairs/<number>",
    summary="A repair and its history",
    response=schemas.RepairOut,
    query=schemas.LangQuery,
    kinds={DeviceKind.PICKUP},
)
def get_repair(number: str, query: schemas.LangQuery) -> schemas.RepairOut:
    actor = Actor.of_device(current_device())
    return serialize.repair_out(repairs.find(get_session(), number, actor=actor))


@operation(
    bp,
    "POST",
    "/repairs/hand-back",
    summary="The intake slip is scanned: the unit back from the service goes to the customer",
    response=schemas.RepairOut,
    body=schemas.ScanIn,
    kinds={DeviceKind.PICKUP},
)
def hand_back(body: schemas.ScanIn) -> schemas.RepairOut:
    actor = Actor.of_device(current_device())
    return serialize.repair_out(repairs.hand_back(get_session(), body.code, actor=actor, now=now()))


PHOTO = Upload(
    "image/jpeg",
    "REPAIR_PHOTO_MAX_BYTES",
    lambda mb: _("This photo is too large: send one of at most %(mb)s MB.", mb=mb),
    lambda: _("Send the photo as a JPEG picture."),
)


@operation(
    bp,
    "POST",
    "/repairs/<number>/photos",
    summary="A photo of the unit (its damage, its serial plate) from the window that took it in",
    response=schemas.RepairOut,
    status=201,
    upload=PHOTO,
    kinds={DeviceKind.PICKUP},
)
def add_repair_photo(number: str, upload: bytes) -> schemas.RepairOut:
    session, actor = get_session(), Actor.of_device(current_device())
    repair = repair_photos.repair_for_photos(session, number, actor=actor)
    config = current_app.config
    repair_photos.add_photo(
        repair,
        upload,
        folder=Path(config["MEDIA_DIR"]) / "repairs",
        max_side=int(config["PHOTO_MAX_SIDE"]),
        actor=actor,
        now=now(),
    )
    return serialize.repair_out(repair)
