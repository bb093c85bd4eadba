"""Product photos uploaded in the console: checked, resized with Pillow, kept in the media folder.

Only JPEG, PNG and WebP are taken. The file is opened as an image whatever its name says;
a picture with too many pixels is refused before it is decoded (a small file can
unpack into gigabytes), and every photo is re-encoded, which also drops what rode along
in the original (metadata, trailing bytes).
"""

import io
import re
import secrets
import warnings
from collections.abc import Collection
from pathlib import Path

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from server.errors import DomainError, ErrorCode
from server.models import Product

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000  # 40 megapixels: more than any camera a shop uses


def _bad(message: LazyString) -> DomainError:
    return DomainError(ErrorCode.BAD_PHOTO, message)


def decoded(
    data: bytes,
    formats: Collection[str] = tuple(FORMATS),
    wrong_format: LazyString | None = None,
) -> Image.Image:
    """The picture in `data`, fully decoded; BAD_PHOTO when it is none of `formats`, has too
    many pixels or is damaged."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in formats:
                    raise _bad(wrong_format or _l("Upload a photo as JPEG, PNG or WebP."))
                if probe.width * probe.height > MAX_PIXELS:
                    raise _bad(_l("This picture has too many pixels; make it smaller first."))
                probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
        except (UnidentifiedImageError, Image.DecompressionBombError, Warning):
            raise _bad(_l("This file is not a photo (JPEG, PNG or WebP).")) from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise _bad(_l("This photo is damaged and cannot be read.")) from None
    return image


def add_photo(product: Product, data: bytes, *, folder: Path, max_side: int) -> str:
    """Check, resize and store the photo; append it to the product's photos; its file name.

    Raises BAD_PHOTO for an empty file, a file that is not a JPEG/PNG/WebP picture, a
    damaged one or one with too many pixels. The caller commits.
    """
    if not data:
        raise _bad(_l("Choose a photo to upload."))
    source = decoded(data)
    fmt = source.format or "JPEG"
    image = ImageOps.exif_transpose(source)
    image.thumbnail((max_side, max_side))
    if fmt == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA")
    stem = re.sub(r"[^A-Za-z0-9_-]", "-", product.sku)
    name = f"{stem}-{secrets.token_hex(4)}.{FORMATS[fmt]}"
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{name}.part"
    image.save(partial, format=fmt, quality=88)
    partial.replace(folder / name)
    product.photos = [*product.photos, name]
    return name


def remove_photo(product: Product, name: str) -> bool:
    """Take the photo off the product (its file stays until the caller has committed)."""
    if name not in product.photos:
        return False
    product.photos = [p for p in product.photos if p != name]
    return True


def delete_file(folder: Path, name: str) -> None:
    """Delete a photo's file once no product names it (a name never climbs out of folder)."""
    path = folder / name
    if path.parent == folder and path.is_file():
        path.unlink()
