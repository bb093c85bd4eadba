"""Silhouettes of home appliances for the demo photos (see photo_shapes)."""

from collections.abc import Callable

from server.demo.photos import Pen, shade, tint

SILVER = (176, 180, 188)
GLASS = (58, 78, 108)


def washer(p: Pen) -> None:
    p.rr((250, 100, 710, 650), 30)
    p.rr((250, 100, 710, 205), 30, fill=shade(p.body, 0.93))
    p.draw.line((256, 205, 704, 205), fill=p.edge, width=5)
    p.rr((290, 135, 420, 170), 8, fill=shade(p.body, 0.75), edge=False)
    p.screen((460, 132, 570, 174), 8, glass=True)
    p.circle(640, 152, 30, SILVER, edge=True)
    p.circle(480, 425, 172, shade(p.body, 0.84), edge=True)
    p.circle(480, 425, 140, (48, 58, 76), edge=False)
    p.circle(480, 425, 112, GLASS, edge=False)
    p.draw.arc((380, 325, 580, 525), 200, 260, fill=(170, 196, 226), width=12)


def fridge(p: Pen) -> None:
    p.rr((300, 90, 660, 655), 26)
    p.draw.line((306, 390, 654, 390), fill=p.edge, width=6)
    for y0, y1 in ((150, 340), (430, 600)):
        p.rr((606, y0, 624, y1), 8, fill=SILVER)


def fridge_sbs(p: Pen) -> None:
    p.rr((210, 90, 750, 655), 26)
    p.draw.line((480, 96, 480, 649), fill=p.edge, width=6)
    for x in (446, 500):
        p.rr((x, 200, x + 16, 500), 8, fill=SILVER)
    p.screen((290, 200, 390, 260), 8, glass=True)


def robot(p: Pen) -> None:
    p.circle(480, 400, 240, p.body, edge=True)
    p.draw.ellipse((272, 192, 688, 608), outline=shade(p.body, 0.85), width=5)
    p.draw.arc((246, 166, 714, 634), 200, 340, fill=shade(p.body, 0.7), width=20)
    p.circle(480, 330, 62, shade(p.body, 0.78), edge=True)
    p.circle(480, 330, 30, tint(p.body, 0.2))
    p.circle(480, 520, 14, (90, 200, 120))


def stick(p: Pen) -> None:
    p.draw.line((440, 600, 530, 330), fill=SILVER, width=26)
    p.rr((300, 585, 600, 642), 24, fill=shade(p.body, 0.6))
    p.draw.rounded_rectangle((540, 110, 660, 300), 50, outline=p.edge, width=34)
    p.draw.rounded_rectangle((546, 116, 654, 294), 46, outline=p.body, width=22)
    p.rr((470, 190, 590, 420), 50)
    p.rr((490, 300, 570, 410), 30, fill=tint(p.body, 0.35), edge=False)
    p.circle(530, 240, 26, shade(p.body, 0.7))


def canister(p: Pen) -> None:
    p.draw.arc((170, 130, 560, 520), 170, 300, fill=(60, 64, 72), width=26)
    p.draw.line((180, 330, 180, 600), fill=SILVER, width=22)
    p.rr((110, 590, 260, 630), 16, fill=(60, 64, 72))
    p.rr((330, 360, 720, 610), 110)
    p.rr((380, 380, 560, 440), 26, fill=tint(p.body, 0.3), edge=False)
    p.circle(640, 585, 44, (40, 42, 50))


def microwave(p: Pen) -> None:
    p.rr((140, 215, 820, 590), 26)
    p.screen((180, 255, 580, 550), 18, glass=True)
    p.draw.line((605, 225, 605, 580), fill=p.edge, width=5)
    p.screen((630, 265, 785, 310), 8, glass=True)
    for row in range(3):
        for col in range(3):
            p.circle(660 + col * 48, 360 + row * 50, 15, shade(p.body, 0.75))
    p.circle(708, 520, 30, SILVER, edge=True)


def coffee(p: Pen) -> None:
    p.rr((330, 92, 540, 150), 16, fill=shade(p.body, 0.85))
    p.rr((300, 130, 660, 640), 36)
    p.screen((350, 175, 610, 245), 10, glass=True)
    p.rr((360, 340, 600, 600), 20, fill=shade(p.body, 0.55), edge=False)
    p.rr((450, 330, 510, 390), 10, fill=(150, 154, 162), edge=False)
    p.rr((420, 470, 540, 580), 16, fill=(250, 250, 248))
    p.draw.arc((520, 490, 580, 550), 270, 90, fill=(225, 225, 222), width=12)
    p.rr((380, 592, 580, 612), 6, fill=(120, 124, 132), edge=False)


HOME_SHAPES: dict[str, Callable[[Pen], None]] = {
    "washer": washer,
    "fridge": fridge,
    "fridge_sbs": fridge_sbs,
    "robot": robot,
    "stick": stick,
    "canister": canister,
    "microwave": microwave,
    "coffee": coffee,
}
