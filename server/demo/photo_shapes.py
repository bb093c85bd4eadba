"""Silhouettes for the demo photos, one per kind of goods, on a 960×960 canvas.

Each draws between y≈100 and y≈650 (the caption sits below) in the product colour.
"""

from collections.abc import Callable

from server.demo.photo_shapes_home import HOME_SHAPES
from server.demo.photos import Pen, luminance, shade, tint

SILVER = (176, 180, 188)
GOLD = (214, 178, 92)
WHITE = (246, 246, 244)


def phone(p: Pen) -> None:
    p.rr((365, 105, 595, 645), 44)
    p.screen((381, 123, 579, 627), 32)
    p.circle(480, 150, 9, p.dark)


def tablet(p: Pen) -> None:
    p.rr((170, 180, 790, 600), 38)
    p.screen((192, 202, 768, 578), 22)
    p.circle(480, 191, 5, p.dark)


def laptop(p: Pen) -> None:
    p.rr((225, 140, 735, 505), 20)
    p.screen((245, 160, 715, 485), 6)
    p.rr((140, 500, 820, 548), 16, fill=tint(p.body, 0.12))
    p.rr((420, 500, 540, 514), 6, fill=shade(p.body, 0.8), edge=False)


def monitor(p: Pen) -> None:
    p.rr((455, 500, 505, 605), 6, fill=shade(p.body, 0.85))
    p.rr((345, 592, 615, 628), 16)
    p.rr((160, 130, 800, 515), 16)
    p.screen((176, 146, 784, 487), 6)


def tv(p: Pen) -> None:
    for x in (230, 690):
        p.rr((x, 570, x + 40, 640), 8, fill=shade(p.body, 0.9))
    p.rr((100, 180, 860, 600), 12)
    p.screen((112, 192, 848, 588), 4)


def headphones(p: Pen) -> None:
    p.draw.arc((235, 140, 725, 630), 185, 355, fill=p.edge, width=56)
    p.draw.arc((241, 146, 719, 624), 186, 354, fill=p.body, width=44)
    for x in (205, 625):
        p.rr((x + 20, 330, x + 110, 400), 14, fill=shade(p.body, 0.9))
        p.rr((x, 380, x + 130, 610), 58)
        p.rr((x + 22, 405, x + 108, 585), 40, fill=shade(p.body, 0.78), edge=False)


def earbuds(p: Pen) -> None:
    p.rr((320, 360, 640, 620), 110)
    p.draw.line((330, 450, 630, 450), fill=p.edge, width=5)
    p.circle(480, 520, 9, (90, 200, 120))
    for x in (300, 560):
        p.rr((x + 38, 230, x + 72, 345), 16)
        p.ellipse((x, 140, x + 100, 250))
        p.circle(x + 50, 195, 22, shade(p.body, 0.82))


def watch(p: Pen) -> None:
    p.rr((405, 100, 555, 655), 34, fill=shade(p.body, 0.82))
    p.rr((598, 330, 626, 390), 10, fill=SILVER)
    p.rr((350, 240, 610, 515), 64)
    p.screen((370, 260, 590, 495), 48)


def band(p: Pen) -> None:
    p.rr((425, 100, 535, 655), 46)
    p.rr((410, 250, 550, 510), 60, fill=(34, 36, 44))
    p.screen((424, 266, 536, 494), 48)


def camera(p: Pen) -> None:
    p.rr((375, 195, 565, 285), 18)
    p.rr((640, 225, 705, 262), 10, fill=SILVER)
    p.rr((190, 255, 770, 590), 42)
    p.rr((190, 255, 300, 590), 42, fill=shade(p.body, 0.85))
    for r, fill in ((160, shade(p.body, 0.6)), (132, (42, 44, 50)), (96, (18, 20, 28))):
        p.circle(490, 425, r, fill, edge=True)
    p.circle(490, 425, 44, (52, 72, 120))
    p.circle(462, 396, 15, (200, 214, 240))


def action(p: Pen) -> None:
    p.rr((290, 250, 670, 600), 44)
    p.rr((330, 290, 500, 460), 34, fill=(30, 32, 40))
    p.circle(415, 375, 60, (18, 20, 28), edge=True)
    p.circle(415, 375, 24, (52, 72, 120))
    p.screen((530, 300, 630, 370), 10)
    p.rr((540, 220, 620, 252), 10, fill=(200, 50, 50))


def gamepad(p: Pen, cy: float = 440, k: float = 1.0) -> None:
    def pt(x: float, y: float) -> tuple[float, float]:
        return 480 + (x - 480) * k, cy + (y - 440) * k

    parts = [(190, 350, 440, 620), (520, 350, 770, 620)]
    for x0, y0, x1, y1 in parts:
        p.ellipse((*pt(x0, y0), *pt(x1, y1)), edge=False, fill=p.edge)
    p.rr((*pt(264, 314), *pt(696, 500)), 90 * k, fill=p.edge, edge=False)
    for x0, y0, x1, y1 in parts:
        p.ellipse((*pt(x0 + 7, y0 + 7), *pt(x1 - 7, y1 - 7)), edge=False)
    p.rr((*pt(271, 321), *pt(689, 493)), 84 * k, edge=False)
    for x, y in ((390, 480), (570, 480)):
        p.circle(*pt(x, y), 38 * k, shade(p.body, 0.6))
    x, y = pt(300, 400)
    p.draw.rectangle((x - 40 * k, y - 12 * k, x + 40 * k, y + 12 * k), fill=shade(p.body, 0.55))
    p.draw.rectangle((x - 12 * k, y - 40 * k, x + 12 * k, y + 40 * k), fill=shade(p.body, 0.55))
    for dx, dy, c in ((0, -34, (90, 190, 120)), (34, 0, (210, 80, 80)), (-34, 0, (80, 140, 220))):
        p.circle(*pt(660 + dx, 400 + dy), 15 * k, c)
    p.circle(*pt(660, 434), 15 * k, (230, 190, 70))


def console(p: Pen) -> None:
    p.rr((340, 100, 620, 610), 44)
    p.rr((452, 100, 508, 610), 10, fill=(36, 38, 46), edge=False)
    p.draw.line((480, 130, 480, 580), fill=(90, 150, 240), width=4)
    gamepad(Pen(p.img, p.draw, tint(p.body, 0.1), p.bg), cy=545, k=0.45)


def handheld(p: Pen) -> None:
    p.rr((130, 270, 830, 560), 130)
    p.screen((300, 292, 660, 538), 12)
    p.circle(215, 350, 38, shade(p.body, 0.6))
    p.draw.rectangle((175, 455, 255, 479), fill=shade(p.body, 0.55))
    p.draw.rectangle((203, 427, 227, 507), fill=shade(p.body, 0.55))
    p.circle(745, 470, 38, shade(p.body, 0.6))
    for dx, dy in ((0, -36), (36, 0), (-36, 0), (0, 36)):
        p.circle(745 + dx, 365 + dy, 14, shade(p.body, 0.5))


def charger(p: Pen) -> None:
    for x in (420, 510):
        p.rr((x, 170, x + 30, 290), 8, fill=SILVER)
    p.draw.line(((480, 560), (480, 610), (560, 640), (700, 630)), fill=shade(p.body, 0.8), width=18)
    p.rr((350, 270, 610, 570), 46)
    p.rr((450, 500, 510, 522), 8, fill=p.dark, edge=False)


def powerbank(p: Pen) -> None:
    p.rr((300, 150, 660, 620), 52)
    for i in range(4):
        p.circle(420 + i * 40, 560, 9, (90, 200, 120) if i < 3 else shade(p.body, 0.7))
    p.rr((430, 160, 530, 176), 6, fill=p.dark, edge=False)


def cable(p: Pen) -> None:
    for i, r in enumerate((200, 165, 130)):
        p.draw.ellipse((480 - r, 380 - r * 0.8, 480 + r, 380 + r * 0.8), outline=p.edge, width=22)
        p.draw.ellipse(
            (484 - r, 384 - r * 0.8, 476 + r, 376 + r * 0.8), outline=p.body, width=12 + i
        )
    p.rr((640, 470, 720, 520), 12, fill=SILVER)
    p.rr((240, 240, 320, 290), 12, fill=SILVER)


def mouse(p: Pen) -> None:
    p.rr((365, 150, 595, 630), 115)
    p.draw.line((480, 156, 480, 330), fill=p.edge, width=5)
    p.rr((466, 210, 494, 290), 14, fill=shade(p.body, 0.6))


def keyboard(p: Pen) -> None:
    p.rr((110, 300, 850, 560), 26)
    key = shade(p.body, 0.8) if luminance(p.body) > 80 else tint(p.body, 0.18)
    for row in range(3):
        for col in range(12):
            x, y = 140 + col * 57, 325 + row * 57
            p.draw.rounded_rectangle((x, y, x + 46, y + 46), 8, fill=key)
    p.draw.rounded_rectangle((310, 496, 650, 538), 8, fill=key)


def card(p: Pen) -> None:
    pts = [(360, 190), (560, 190), (560, 300), (600, 340), (600, 630), (360, 630)]
    p.draw.polygon(pts, fill=(34, 38, 46), outline=(90, 96, 110), width=6)
    p.rr((378, 380, 582, 610), 14, fill=shade(p.bg, 0.7), edge=False)
    for i in range(7):
        p.draw.rectangle((378 + i * 26, 210, 394 + i * 26, 270), fill=GOLD)


SHAPES: dict[str, Callable[[Pen], None]] = {
    "smartphones": phone,
    "tablets": tablet,
    "laptops": laptop,
    "monitors": monitor,
    "tvs": tv,
    "headphones": headphones,
    "earbuds": earbuds,
    "watch": watch,
    "band": band,
    "camera": camera,
    "action": action,
    "gamepad": gamepad,
    "console": console,
    "handheld": handheld,
    "charger": charger,
    "powerbank": powerbank,
    "cable": cable,
    "mouse": mouse,
    "keyboard": keyboard,
    "card": card,
    **HOME_SHAPES,
}
