"""Photos of a unit in repair, sent by the window that took it in: checked, re-encoded, kept
under MEDIA_DIR, shown to staff on /staff/repairs and on the customer card."""

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.helpers import Api, new_key
from tests.server.care_support import collected
from tests.server.returns_support import INTAKE, PHONE, walk

HUGE = b"\xff\xd8" + b"\0" * (4 * 1024 * 1024)  # a JPEG's start, then 4 MB of nothing
JPEG = {"Content-Type": "image/jpeg", "Accept-Language": "en"}


def picture(size: tuple[int, int] = (640, 480), fmt: str = "JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, format=fmt)
    return out.getvalue()


def busy_photo() -> bytes:
    """A 2400x1200 photo as a camera makes one: grain over a gradient, about 450 KB."""
    grain = np.random.default_rng(16).normal(0, 20, (1200, 2400, 3))
    pixels = np.clip(np.linspace(0, 200, 2400)[None, :, None] + grain, 0, 255)
    out = io.BytesIO()
    Image.fromarray(pixels.astype(np.uint8)).save(out, format="JPEG", quality=60)
    return out.getvalue()


def send(device: Api, repair: str, body: bytes, headers: dict[str, str] = JPEG, **kw):
    return device.client.post(
        f"/api/v1/repairs/{repair}/photos", data=body, headers={**device.headers, **headers}, **kw
    )


def kept(app) -> list[Path]:
    folder = Path(app.config["MEDIA_DIR"]) / "repairs"
    return sorted(folder.glob("*.jpg")) if folder.exists() else []


@pytest.fixture
def repair(terminal, warehouse, pickup) -> dict:
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1})
    answer = pickup.post("/repairs", {"order": number, **INTAKE})
    assert answer.status_code == 201, answer.json
    return answer.json


def test_a_photo_is_reencoded_kept_and_shown_on_the_repair_page_and_the_customer_card(
    app, pickup, shop, staff_client, repair
):
    # A large photo with trailing bytes riding along: what is kept is a fresh, smaller JPEG.
    sent = busy_photo() + b"<script>ride along</script>"
    assert len(sent) > 400_000  # far over the 64 KB any other API call may send
    answer = send(pickup, repair["number"], sent)
    assert answer.status_code == 201, answer.json
    (name,) = answer.json["photos"]
    assert name.startswith(repair["number"]) and name.endswith(".jpg")
    (path,) = kept(app)
    assert path.name == name and b"ride along" not in path.read_bytes()
    with Image.open(path) as stored:
        assert (stored.format, stored.size) == ("JPEG", (1600, 800))
    assert pickup.get(f"/repairs/{repair['number']}").json["photos"] == [name]

    page = staff_client.get("/staff/repairs").get_data(as_text=True)
    url = f"/staff/repairs/{repair['number']}/photos/{name}"
    assert f'src="{url}"' in page
    with staff_client.get(url) as shown:
        assert shown.status_code == 200 and shown.mimetype == "image/jpeg"
        assert shown.data == path.read_bytes() and "no-store" in shown.headers["Cache-Control"]
    card = shop.get(f"/customers/{PHONE}").json
    assert card["repairs"][0]["photos"] == [name]
    assert f'src="{url}"' in staff_client.get("/staff/customers/1").get_data(as_text=True)
    # Nobody signed in sees it, and a name of no photo of this repair is not found.
    assert app.test_client().get(url).status_code in (302, 401, 403)
    assert staff_client.get(url.replace(name, "R-00001-0000.jpg")).status_code == 404


def test_a_repeated_photo_with_the_same_key_is_kept_once(app, pickup, repair):
    key = new_key()
    first = send(pickup, repair["number"], picture(), {**JPEG, "Idempotency-Key": key})
    again = send(pickup, repair["number"], picture(), {**JPEG, "Idempotency-Key": key})
    assert first.status_code == again.status_code == 201
    assert first.json == again.json and len(kept(app)) == 1


HOSTILE = [  # body, headers, status, code, what the message says
    (b"", JPEG, 422, "bad_photo", "The photo is empty"),
    (b"GIF89a not really", JPEG, 422, "bad_photo", "not a photo"),
    (picture(fmt="PNG"), JPEG, 422, "bad_photo", "as a JPEG"),
    (picture()[:300], JPEG, 422, "bad_photo", "damaged"),
    (HUGE, JPEG, 413, "body_too_large", "at most 1 MB"),
    (
        b'{"photo": "x"}',
        {**JPEG, "Content-Type": "application/json"},
        415,
        "unsupported_media_type",
        "as a JPEG",
    ),
]


def test_what_is_not_a_photo_is_refused_clearly_and_nothing_is_kept(app, pickup, repair):
    # One repair for every hostile body: each refusal leaves it as it was.
    for body, headers, status, code, said in HOSTILE:
        answer = send(pickup, repair["number"], body, headers)
        error = answer.json["error"]
        assert answer.status_code == status, (body[:20], error)
        assert error["code"] == code and said in error["message"]
    assert kept(app) == [] and pickup.get(f"/repairs/{repair['number']}").json["photos"] == []


def test_another_stores_window_and_a_closed_repair_are_refused(
    app, client, world, pickup, staff_client, repair
):
    other = Api(client, world.tokens["pickup-other"])
    foreign = send(other, repair["number"], picture())
    unknown = send(other, "R-99999", picture())
    assert foreign.status_code == unknown.status_code == 404
    # The refusal says no more than for a repair that does not exist.
    assert foreign.json["error"]["code"] == unknown.json["error"]["code"] == "repair_not_found"
    assert (
        foreign.json["error"]["message"].replace(repair["number"], "R-99999")
        == (unknown.json["error"]["message"])
    )

    walk(staff_client, repair["number"], "repaired")
    assert pickup.post("/repairs/hand-back", {"code": repair["intake_code"]}).status_code == 200
    closed = send(pickup, repair["number"], picture())
    assert (closed.status_code, closed.json["error"]["code"]) == (422, "repair_invalid")
    assert "is closed" in closed.json["error"]["message"]
    assert kept(app) == []


def test_the_openapi_document_describes_the_photo_as_a_jpeg_body(client):
    post = client.get("/api/v1/openapi.json").json["paths"]["/api/v1/repairs/{number}/photos"][
        "post"
    ]
    assert list(post["requestBody"]["content"]) == ["image/jpeg"]
    assert "201" in post["responses"]
