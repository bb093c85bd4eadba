"""Photos of a unit taken in for repair, from the window's camera (docs/RETURNS.md).

The body is never kept as sent: it must decode as a JPEG (photos.decoded refuses a file
that only claims to be one, and a pixel bomb before it unpacks), and it is re-encoded,
turned upright and made at most `max_side` pixels long, which also drops its metadata
(a phone's location, say). Files live in MEDIA_DIR/repairs under unguessable names; only
staff and the window that took the unit in ever see them.
"""

import secrets
from datetime import datetime
from pathlib import Path

from flask_babel import lazy_gettext as _l
from PIL import ImageOps
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import Repair, RepairPhoto, RepairStatus
from server.services.actors import Actor
from server.services.photos import decoded

MAX_PHOTOS = 12  # the damage from a few sides and the serial plate; more is a mistake


def _not_found(number: str) -> DomainError:
    return DomainError(
        ErrorCode.REPAIR_NOT_FOUND, _l("There is no repair %(number)s.", number=number)
    )


def repair_for_photos(session: Session, number: str, *, actor: Actor) -> Repair:
    """The repair, locked, for the window of the store that took it in (or staff).

    Raises REPAIR_NOT_FOUND (also for another store's repair: nothing is revealed),
    REPAIR_INVALID when it is closed or has its photos already."""
    repair = session.scalar(select(Repair).where(Repair.number == number).with_for_update())
    if repair is None or (actor.kind is not None and actor.store_id != repair.store_id):
        raise _not_found(number)
    if repair.status is RepairStatus.RETURNED_TO_CUSTOMER:
        raise DomainError(
            ErrorCode.REPAIR_INVALID,
            _l("Repair %(number)s is closed: the unit is back with the customer.", number=number),
            status=repair.status.value,
        )
    if len(repair.photos) >= MAX_PHOTOS:
        raise DomainError(
            ErrorCode.REPAIR_INVALID,
            _l("Repair %(number)s has %(n)s photos already.", number=number, n=MAX_PHOTOS),
        )
    return repair


def add_photo(
    repair: Repair, data: bytes, *, folder: Path, max_side: int, actor: Actor, now: datetime
) -> RepairPhoto:
    """Check, re-encode and keep one photo of the unit. Raises BAD_PHOTO. The caller commits
    (a file left by a request that then failed names no repair and is never shown)."""
    if not data:
        raise DomainError(ErrorCode.BAD_PHOTO, _l("The photo is empty: take it again."))
    image = ImageOps.exif_transpose(
        decoded(data, {"JPEG"}, _l("Send the photo as a JPEG picture."))
    )
    image.thumbnail((max_side, max_side))
    if image.mode != "RGB":
        image = image.convert("RGB")
    name = f"{repair.number}-{secrets.token_hex(8)}.jpg"
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{name}.part"
    image.save(partial, format="JPEG", quality=85)
    partial.replace(folder / name)
    photo = RepairPhoto(name=name, at=now, actor=actor.name[:80])
    repair.photos.append(photo)
    repair.updated_at = now
    return photo


def photo_file(session: Session, number: str, name: str, folder: Path) -> Path | None:
    """The file of one photo of this repair; None when the repair has no such photo."""
    found = session.scalar(
        select(RepairPhoto.name)
        .join(Repair, Repair.id == RepairPhoto.repair_id)
        .where(Repair.number == number, RepairPhoto.name == name)
    )
    path = folder / found if found else None
    return path if path is not None and path.is_file() else None
