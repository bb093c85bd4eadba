"""Photos of a unit taken in for repair: the camera's latest frame, or a picture the clerk
attaches when the station has no camera, both sent to the server as a JPEG.

The server checks and re-encodes every photo again (server/services/repair_photos.py);
making a JPEG here keeps what crosses the network small and of the one type it takes.
"""

import io
import warnings
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 1600  # the server keeps no more either
MAX_SEND_BYTES = 1024 * 1024  # the server's REPAIR_PHOTO_MAX_BYTES
MAX_PIXELS = 40_000_000  # a camera's picture; more is a file meant to exhaust memory
# What the station reads of an attached file; a phone's photo is a few MB.
MAX_UPLOAD_BYTES = 12 * 1024 * 1024


class NotAPicture(Exception):
    """The attached file is no picture the station can read."""


def _jpeg(image: Image.Image) -> bytes:
    """At most MAX_SIDE long and MAX_SEND_BYTES big: a busy picture costs some quality."""
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    rgb = image.convert("RGB")
    for quality in (88, 75, 60, 45):
        out = io.BytesIO()
        rgb.save(out, format="JPEG", quality=quality)
        if out.tell() <= MAX_SEND_BYTES:
            break
    return out.getvalue()


def frame_jpeg(frame: Any) -> bytes:
    """A camera frame (OpenCV's BGR or grey numpy array) as a JPEG."""
    colour = frame[:, :, ::-1] if getattr(frame, "ndim", 2) == 3 else frame
    return _jpeg(Image.fromarray(colour))


def file_jpeg(data: bytes) -> bytes:
    """An attached picture of any common type as an upright JPEG. Raises NotAPicture."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise NotAPicture
                # A phone's JPEG decoded at a half or a quarter of its size: 4000x3000 in a
                # fraction of the time, still no smaller than what is sent.
                shrink = min(1.0, MAX_SIDE / max(image.width, image.height))
                image.draft("RGB", (round(image.width * shrink), round(image.height * shrink)))
                return _jpeg(ImageOps.exif_transpose(image))
        except (UnidentifiedImageError, Image.DecompressionBombError, Warning):
            raise NotAPicture from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise NotAPicture from None
