#!/usr/bin/env python3
"""Draw the illustrative sample "photos" of the example stories.

Every picture is a simple drawing made from shapes: no real place, person or
event, and no text. Output: content/images/<story-slug>.jpg, 1600x1000,
progressive JPEG, quality 82. Deterministic: a fixed random seed per image.

Usage (Pillow required):  python tools/make_sample_images.py [OUTPUT_DIR]
"""

from __future__ import annotations

import itertools
import math
import random
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

W, H = 1600, 1000
SS = 2  # supersampling factor for smooth edges
MAX_BYTES = 250_000

Color = tuple[int, int, int]


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def mix(c1: Color, c2: Color, t: float) -> Color:
    t = max(0.0, min(1.0, t))
    return tuple(round(lerp(a, b, t)) for a, b in zip(c1, c2, strict=False))  # type: ignore[return-value]


def shade(c: Color, f: float) -> Color:
    """f < 1 darkens, f > 1 lightens towards white."""
    if f <= 1:
        return tuple(round(v * f) for v in c)  # type: ignore[return-value]
    return mix(c, (255, 255, 255), f - 1)


class Canvas:
    """A supersampled RGB canvas addressed in final-image pixels."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.img = Image.new("RGB", (W * SS, H * SS))
        self.d = ImageDraw.Draw(self.img)

    # -- coordinates -------------------------------------------------------
    @staticmethod
    def p(pts):
        return [(x * SS, y * SS) for x, y in pts]

    @staticmethod
    def b(box):
        x0, y0, x1, y1 = box
        return (x0 * SS, y0 * SS, x1 * SS, y1 * SS)

    # -- primitives --------------------------------------------------------
    def rect(self, box, fill, outline=None, width=1, radius=0):
        if radius:
            self.d.rounded_rectangle(
                self.b(box), radius * SS, fill=fill, outline=outline, width=width * SS
            )
        else:
            self.d.rectangle(self.b(box), fill=fill, outline=outline, width=width * SS)

    def poly(self, pts, fill, outline=None, width=1):
        self.d.polygon(self.p(pts), fill=fill, outline=outline, width=width * SS if outline else 0)

    def ellipse(self, box, fill, outline=None, width=1):
        self.d.ellipse(self.b(box), fill=fill, outline=outline, width=width * SS)

    def line(self, pts, fill, width=1):
        self.d.line(self.p(pts), fill=fill, width=max(1, round(width * SS)), joint="curve")

    def vgradient(self, box, top: Color, bottom: Color):
        x0, y0, x1, y1 = [v * SS for v in box]
        h = max(1, y1 - y0)
        for i in range(int(h)):
            self.d.line([(x0, y0 + i), (x1, y0 + i)], fill=mix(top, bottom, i / h))

    def glow(self, center, radius, color: Color, strength=0.6):
        """Soft additive light, e.g. a sun or a lamp."""
        layer = Image.new("RGB", self.img.size, (0, 0, 0))
        ld = ImageDraw.Draw(layer)
        cx, cy = center
        for i in range(12, 0, -1):
            r = radius * i / 12
            c = tuple(round(v * strength * (1 - i / 13)) for v in color)
            ld.ellipse(self.b((cx - r, cy - r, cx + r, cy + r)), fill=c)
        layer = layer.filter(ImageFilter.GaussianBlur(radius * SS / 6))
        self.img = ImageChops.add(self.img, layer)
        self.d = ImageDraw.Draw(self.img)

    def soft_shadow(self, draw_fn, blur=8, opacity=0.35):
        """Darken the image through a blurred mask drawn by draw_fn(ImageDraw)."""
        mask = Image.new("L", self.img.size, 0)
        draw_fn(ImageDraw.Draw(mask))
        mask = mask.filter(ImageFilter.GaussianBlur(blur * SS)).point(lambda v: round(v * opacity))
        dark = Image.new("RGB", self.img.size, (20, 20, 30))
        self.img = Image.composite(dark, self.img, mask)
        self.d = ImageDraw.Draw(self.img)

    def cloud(self, cx, cy, size, color=(255, 255, 255), opacity=0.85):
        layer = Image.new("L", self.img.size, 0)
        ld = ImageDraw.Draw(layer)
        for _ in range(9):
            dx = self.rng.uniform(-1.2, 1.2) * size
            dy = self.rng.uniform(-0.25, 0.15) * size
            r = self.rng.uniform(0.35, 0.7) * size
            ld.ellipse(
                self.b(
                    (cx + dx - r * 1.3, cy + dy - r * 0.7, cx + dx + r * 1.3, cy + dy + r * 0.7)
                ),
                fill=255,
            )
        layer = layer.filter(ImageFilter.GaussianBlur(size * SS / 7)).point(
            lambda v: round(v * opacity)
        )
        self.img = Image.composite(Image.new("RGB", self.img.size, color), self.img, layer)
        self.d = ImageDraw.Draw(self.img)

    def ridge(self, y_base, amp, color: Color, waves=4, step=8, bottom=H):
        phases = [self.rng.uniform(0, 2 * math.pi) for _ in range(waves)]
        freqs = [self.rng.uniform(0.6, 1.4) * (k + 1) for k in range(waves)]
        pts = []
        for x in range(-step, W + 2 * step, step):
            y = y_base
            for k in range(waves):
                y -= amp / (k + 1) * math.sin(x / W * math.pi * freqs[k] + phases[k])
            pts.append((x, y))
        self.poly([*pts, (W + step, bottom), (-step, bottom)], fill=color)
        return pts

    def tree(self, x, y, size, leaf: Color, trunk: Color = (96, 70, 48)):
        self.rect((x - size * 0.07, y - size * 0.55, x + size * 0.07, y), fill=trunk)
        for _ in range(7):
            dx = self.rng.uniform(-0.45, 0.45) * size
            dy = self.rng.uniform(-1.15, -0.55) * size
            r = self.rng.uniform(0.28, 0.42) * size
            f = self.rng.uniform(0.82, 1.12)
            self.ellipse((x + dx - r, y + dy - r, x + dx + r, y + dy + r), fill=shade(leaf, f))

    def palm(self, x, y, height, lean, frond: Color = (54, 120, 62), trunk: Color = (120, 96, 70)):
        # curved trunk
        pts = []
        for i in range(21):
            t = i / 20
            pts.append((x + lean * height * t * t, y - height * t))
        for (x0, y0), (x1, y1) in itertools.pairwise(pts):
            self.line([(x0, y0), (x1, y1)], fill=trunk, width=lerp(11, 6, y0 and (y - y0) / height))
        tx, ty = pts[-1]
        for k in range(9):
            ang = math.pi * (0.05 + 0.9 * k / 8) + self.rng.uniform(-0.12, 0.12)
            length = height * self.rng.uniform(0.32, 0.42)
            ex = tx + math.cos(ang) * length * (1 if k % 2 else -1) * 0.9
            ey = ty - math.sin(ang) * length * 0.35 + length * 0.35
            mx = (tx + ex) / 2
            my = min(ty, ey) - length * 0.18
            curve = [(tx, ty), (mx, my), (ex, ey)]
            blade = [(tx, ty), (mx, my - 7), (ex, ey), (mx, my + 7)]
            self.poly(blade, fill=shade(frond, self.rng.uniform(0.8, 1.1)))
            self.line(curve, fill=shade(frond, 0.7), width=2)
        self.ellipse((tx - 9, ty - 4, tx + 9, ty + 12), fill=(104, 84, 50))

    def person(self, x, y, scale, body: Color, skin: Color, hair: Color, back=False):
        """Simple bust: shoulders + head. (x, y) is the bottom centre."""
        s = scale
        self.rect((x - 34 * s, y - 58 * s, x + 34 * s, y + 40 * s), fill=body, radius=round(22 * s))
        if not back:
            # shirt collar / tie triangle
            self.poly(
                [(x - 11 * s, y - 58 * s), (x + 11 * s, y - 58 * s), (x, y - 30 * s)],
                fill=(238, 238, 236),
            )
        self.rect((x - 8 * s, y - 70 * s, x + 8 * s, y - 54 * s), fill=shade(skin, 0.9))
        self.ellipse((x - 19 * s, y - 108 * s, x + 19 * s, y - 62 * s), fill=hair if back else skin)
        if not back:
            self.d.chord(
                self.b((x - 20 * s, y - 111 * s, x + 20 * s, y - 78 * s)), 180, 360, fill=hair
            )

    def save(self, path: Path) -> int:
        out = self.img.resize((W, H), Image.LANCZOS)
        # gentle vignette for a photographic feel
        mask = Image.new("L", (W, H), 0)
        md = ImageDraw.Draw(mask)
        md.ellipse((-W * 0.25, -H * 0.3, W * 1.25, H * 1.3), fill=255)
        mask = mask.filter(ImageFilter.GaussianBlur(120))
        dark = Image.new("RGB", (W, H), (10, 10, 16))
        out = Image.composite(out, Image.blend(out, dark, 0.35), mask)
        path.parent.mkdir(parents=True, exist_ok=True)
        out.save(path, "JPEG", quality=82, progressive=True, optimize=True)
        return path.stat().st_size


# ---------------------------------------------------------------------------
# 1. A school with a flag (Tuyen Quang story)
# ---------------------------------------------------------------------------
def school(c: Canvas) -> None:
    c.vgradient((0, 0, W, 640), (92, 150, 214), (206, 228, 242))
    c.glow((1320, 150), 260, (255, 240, 200), 0.55)
    for cx, cy, s in [(260, 140, 90), (760, 95, 70), (1150, 210, 60)]:
        c.cloud(cx, cy, s)
    c.ridge(470, 60, (128, 166, 170))
    c.ridge(540, 45, (88, 138, 104))
    c.vgradient((0, 600, W, H), (118, 170, 86), (84, 136, 62))
    # schoolyard
    c.poly([(180, 700), (1420, 700), (1560, H), (40, H)], fill=(206, 200, 186))
    for k in range(1, 7):
        t = k / 7
        c.line(
            [(lerp(180, 40, t), lerp(700, H, t)), (lerp(1420, 1560, t), lerp(700, H, t))],
            fill=(192, 186, 172),
            width=2,
        )

    x0, x1, base = 260, 1340, 700
    floor_h = 105
    # shadow under the building
    c.soft_shadow(
        lambda d: d.rectangle(c.b((x0 - 10, base - 12, x1 + 40, base + 26)), fill=255),
        blur=10,
        opacity=0.4,
    )
    wall = (238, 214, 150)
    c.rect((x0, base - 2 * floor_h - 20, x1, base), fill=wall)
    # corridor slab and railing of the first floor
    c.rect((x0 - 8, base - floor_h - 14, x1 + 8, base - floor_h), fill=(226, 226, 220))
    c.rect((x0 - 8, base - 2 * floor_h - 30, x1 + 8, base - 2 * floor_h - 18), fill=(226, 226, 220))
    # roof
    c.poly(
        [
            (x0 - 40, base - 2 * floor_h - 30),
            (x1 + 40, base - 2 * floor_h - 30),
            (x1 - 10, base - 2 * floor_h - 120),
            (x0 + 10, base - 2 * floor_h - 120),
        ],
        fill=(178, 64, 48),
    )
    for k in range(1, 5):
        y = base - 2 * floor_h - 30 - k * 18
        c.line([(x0 - 40 + k * 10, y), (x1 + 40 - k * 10, y)], fill=(150, 50, 40), width=2)
    # columns, windows, doors
    bays = 12
    bw = (x1 - x0) / bays
    for fl in range(2):
        top = base - (fl + 1) * floor_h - (6 if fl else 0)
        for i in range(bays):
            bx = x0 + i * bw
            if i == bays // 2 and fl == 0:
                c.rect((bx + 12, top + 22, bx + bw - 12, base), fill=(120, 86, 60))
                continue
            c.rect(
                (bx + 18, top + 24, bx + bw - 18, top + floor_h - 26),
                fill=(96, 146, 186),
                outline=(250, 250, 246),
                width=3,
            )
            c.line(
                [(bx + bw / 2, top + 24), (bx + bw / 2, top + floor_h - 26)],
                fill=(250, 250, 246),
                width=3,
            )
            c.rect((bx + 18, top + 24, bx + bw - 18, top + 38), fill=(150, 190, 220))
        for i in range(bays + 1):
            bx = x0 + i * bw
            c.rect((bx - 5, top, bx + 5, top + floor_h), fill=(250, 246, 236))
        # railing
        ry = base - (fl + 1) * floor_h + 8
        if fl == 0:
            c.rect((x0, ry - 40, x1, ry - 36), fill=(250, 246, 236))
            for i in range(int((x1 - x0) / 14)):
                c.line(
                    [(x0 + i * 14, ry - 36), (x0 + i * 14, ry - 2)], fill=(250, 246, 236), width=2
                )
    # steps
    mid = x0 + (bays // 2) * bw
    for k in range(3):
        c.rect(
            (mid - 10 - k * 12, base + k * 8, mid + bw + 10 + k * 12, base + (k + 1) * 8),
            fill=shade((220, 216, 206), 1 - k * 0.05),
        )

    # flagpole and flag
    fx, fy = 470, 900
    c.rect((fx - 40, fy - 6, fx + 40, fy + 10), fill=(180, 176, 168))
    c.rect((fx - 4, 430, fx + 4, fy), fill=(214, 214, 218))
    c.ellipse((fx - 8, 422, fx + 8, 436), fill=(232, 200, 80))
    pts_top, pts_bot = [], []
    for i in range(21):
        t = i / 20
        x = fx + 4 + 170 * t
        wave = 9 * math.sin(t * math.pi * 2.2) * t
        pts_top.append((x, 440 + wave))
        pts_bot.append((x, 552 + wave))
    c.poly(pts_top + pts_bot[::-1], fill=(214, 36, 40))
    # star
    sx, sy, R = fx + 4 + 85, 496 + 9 * math.sin(0.5 * math.pi * 2.2) * 0.5, 32
    star = []
    for k in range(10):
        r = R if k % 2 == 0 else R * 0.4
        a = -math.pi / 2 + k * math.pi / 5
        star.append((sx + r * math.cos(a), sy + r * math.sin(a)))
    c.poly(star, fill=(255, 222, 0))

    # trees on both sides
    for x, y, s, col in [
        (140, 720, 150, (60, 120, 60)),
        (1460, 725, 160, (56, 112, 58)),
        (60, 760, 120, (70, 130, 64)),
        (1545, 770, 120, (66, 126, 60)),
        (330, 905, 110, (74, 138, 66)),
        (1250, 915, 110, (70, 132, 62)),
    ]:
        c.tree(x, y, s, col)


# ---------------------------------------------------------------------------
# 2. A meeting table with delegates (Thai Nguyen story)
# ---------------------------------------------------------------------------
def meeting(c: Canvas) -> None:
    # back wall and wood panelling
    c.vgradient((0, 0, W, 560), (228, 218, 198), (210, 196, 172))
    c.rect((0, 430, W, 560), fill=(132, 92, 60))
    for x in range(0, W, 80):
        c.line([(x, 430), (x, 560)], fill=(116, 80, 52), width=3)
    c.rect((0, 424, W, 434), fill=(150, 108, 72))
    # two tall windows with light
    for wx in (120, 1240):
        c.rect((wx, 60, wx + 240, 380), fill=(250, 250, 246))
        c.vgradient((wx + 14, 74, wx + 226, 366), (176, 208, 232), (224, 236, 240))
        c.line([(wx + 120, 74), (wx + 120, 366)], fill=(250, 250, 246), width=8)
        c.line([(wx + 14, 210), (wx + 226, 210)], fill=(250, 250, 246), width=8)
        c.rect((wx - 30, 40, wx + 20, 400), fill=(168, 42, 46))
        c.rect((wx + 220, 40, wx + 270, 400), fill=(168, 42, 46))
    # a framed landscape painting in the middle
    c.rect((600, 90, 1000, 340), fill=(120, 84, 48))
    c.vgradient((616, 106, 984, 324), (200, 222, 236), (236, 232, 214))
    c.poly(
        [(616, 260), (700, 190), (780, 240), (880, 170), (984, 250), (984, 324), (616, 324)],
        fill=(96, 140, 110),
    )
    c.poly([(616, 300), (760, 270), (984, 296), (984, 324), (616, 324)], fill=(74, 118, 86))
    c.glow((800, 60), 300, (255, 246, 220), 0.25)
    # floor
    c.vgradient((0, 560, W, H), (150, 120, 96), (110, 84, 66))

    # delegates on the far side of the table
    skins = [(232, 190, 160), (214, 170, 136), (240, 200, 172), (200, 156, 122)]
    suits = [(44, 52, 72), (60, 64, 70), (32, 40, 58), (230, 230, 228), (70, 78, 104), (52, 56, 62)]
    hair = [(34, 28, 26), (48, 40, 36), (90, 86, 84), (30, 26, 24)]
    for i in range(7):
        x = 250 + i * 183
        c.rect((x - 40, 470, x + 40, 600), fill=(110, 46, 40), radius=14)  # chair back
        c.person(x, 640, 1.35, c.rng.choice(suits), c.rng.choice(skins), c.rng.choice(hair))

    # the table: long, seen slightly from above
    c.soft_shadow(
        lambda d: d.polygon(c.p([(60, 640), (1540, 640), (1600, 860), (0, 860)]), fill=255),
        blur=16,
        opacity=0.45,
    )
    c.poly([(90, 600), (1510, 600), (1600, 770), (0, 770)], fill=(226, 236, 230))
    c.poly([(0, 770), (1600, 770), (1600, 830), (0, 830)], fill=(190, 206, 198))
    for x in range(0, W, 40):
        c.line([(x, 770), (x, 830)], fill=(176, 194, 186), width=2)
    # papers, cups, small flags, flowers
    for i in range(7):
        x = 250 + i * 183
        c.poly([(x - 46, 640), (x + 40, 636), (x + 48, 690), (x - 42, 694)], fill=(250, 250, 248))
        c.ellipse((x + 58, 630, x + 82, 640), fill=(240, 240, 240))
        c.rect((x + 58, 612, x + 82, 636), fill=(246, 246, 246))
        c.rect((x - 30, 700, x + 30, 730), fill=(250, 250, 250), outline=(200, 200, 200))
    for fx in (520, 1080):
        c.rect((fx - 3, 560, fx + 3, 640), fill=(200, 200, 204))
        c.rect((fx - 28, 632, fx + 28, 642), fill=(120, 120, 126))
        c.rect((fx + 3, 560, fx + 63, 598), fill=(214, 36, 40))
    c.ellipse((740, 600, 860, 650), fill=(220, 220, 214))
    for k in range(16):
        a = k / 16 * 2 * math.pi
        rx, ry = 800 + math.cos(a) * 48, 600 + math.sin(a) * 20
        col = [(236, 84, 96), (250, 190, 60), (246, 236, 230)][k % 3]
        c.ellipse((rx - 15, ry - 15, rx + 15, ry + 15), fill=col)
    c.ellipse((785, 585, 815, 615), fill=(240, 110, 120))

    # delegates on the near side, seen from behind
    for i in range(5):
        x = 170 + i * 315
        c.rect((x - 70, 860, x + 70, H + 40), fill=(98, 40, 36), radius=20)
        c.person(
            x,
            1000,
            2.2,
            c.rng.choice(suits[:3] + suits[4:]),
            c.rng.choice(skins),
            c.rng.choice(hair),
            back=True,
        )


# ---------------------------------------------------------------------------
# 3. Rice terraces in the mountains (Yen Bai story)
# ---------------------------------------------------------------------------
def terraces(c: Canvas) -> None:
    c.vgradient((0, 0, W, 520), (120, 170, 214), (232, 232, 218))
    c.glow((1180, 190), 320, (255, 236, 190), 0.6)
    c.cloud(360, 150, 80, opacity=0.7)
    c.cloud(900, 90, 60, opacity=0.6)
    c.ridge(300, 70, (150, 176, 196))
    c.ridge(360, 60, (120, 152, 168))
    c.ridge(420, 55, (92, 128, 130))

    # terraced hillside: bands that follow a bent contour
    phase = c.rng.uniform(0, 6.28)
    golds = [(206, 184, 70), (186, 176, 66), (160, 168, 62), (212, 192, 84), (174, 170, 60)]
    greens = [(120, 164, 70), (104, 150, 62), (138, 174, 80)]

    def contour(k, x):
        base = 400 + k * 28 + k * k * 0.55
        bend = (70 - k * 1.6) * math.sin(x / W * math.pi * 1.6 + phase)
        bend += 25 * math.sin(x / W * math.pi * 3.7 + phase * 1.3)
        return base + bend

    xs = list(range(-20, W + 40, 10))
    rows = 30
    prev = [(x, contour(0, x)) for x in xs]
    c.poly([*prev, (W + 40, H), (-20, H)], fill=(96, 120, 60))
    for k in range(1, rows + 1):
        cur = [(x, contour(k, x)) for x in xs]
        flooded = c.rng.random() < 0.18  # a flooded terrace reflects the sky
        col = (170, 200, 214) if flooded else c.rng.choice(golds if k % 3 else greens)
        col = mix((214, 222, 214), col, min(1.0, 0.45 + k / 14))  # haze on the far rows
        c.poly(prev + cur[::-1], fill=col)
        # terrace wall: a thin darker lip along the lower edge and a light rim
        c.line(cur, fill=shade(col, 0.62), width=3 + k * 0.18)
        c.line([(x, y - 2 - k * 0.1) for x, y in cur], fill=shade(col, 1.12), width=1.5)
        prev = cur
    # a path winding down
    path = [(980 + 80 * math.sin(t / 3), 420 + t * 22) for t in range(0, 30)]
    c.line(path, fill=(200, 176, 130), width=5)
    # stilt houses and trees on a knoll
    for hx, hy, s in [(300, 560, 1.0), (390, 585, 0.85), (1320, 540, 0.9)]:
        c.rect((hx - 50 * s, hy - 40 * s, hx + 50 * s, hy), fill=(150, 110, 72))
        for k in range(5):
            c.rect(
                (hx - 46 * s + k * 23 * s, hy, hx - 42 * s + k * 23 * s, hy + 22 * s),
                fill=(100, 72, 48),
            )
        c.poly(
            [
                (hx - 68 * s, hy - 36 * s),
                (hx + 68 * s, hy - 36 * s),
                (hx + 38 * s, hy - 86 * s),
                (hx - 38 * s, hy - 86 * s),
            ],
            fill=(110, 88, 70),
        )
        c.rect((hx - 10 * s, hy - 30 * s, hx + 10 * s, hy - 8 * s), fill=(70, 52, 36))
    for x, y, s in [
        (220, 600, 90),
        (470, 610, 70),
        (1410, 580, 80),
        (1480, 600, 60),
        (120, 640, 110),
    ]:
        c.tree(x, y, s, (58, 104, 58))
    # mist in the valley
    mist = Image.new("L", c.img.size, 0)
    md = ImageDraw.Draw(mist)
    md.ellipse(c.b((300, 400, 1400, 520)), fill=110)
    mist = mist.filter(ImageFilter.GaussianBlur(40 * SS))
    c.img = Image.composite(Image.new("RGB", c.img.size, (238, 240, 236)), c.img, mist)
    c.d = ImageDraw.Draw(c.img)


# ---------------------------------------------------------------------------
# 4. A riverside town (Tra Vinh story)
# ---------------------------------------------------------------------------
def riverside(c: Canvas) -> None:
    c.vgradient((0, 0, W, 560), (108, 156, 206), (246, 216, 170))
    c.glow((360, 380), 300, (255, 210, 150), 0.55)
    c.cloud(1000, 120, 90, (255, 246, 236), 0.7)
    c.cloud(1400, 200, 60, (255, 240, 230), 0.6)
    c.ridge(520, 10, (120, 150, 120), waves=2)
    # far bank
    c.rect((0, 560, W, 600), fill=(96, 120, 78))
    # houses
    x = -20
    hues = [
        (232, 206, 150),
        (214, 230, 222),
        (240, 222, 196),
        (200, 214, 232),
        (236, 190, 160),
        (246, 240, 220),
    ]
    roofs = [(170, 78, 54), (150, 70, 50), (120, 96, 86), (180, 96, 60)]
    while x < W:
        w = c.rng.randint(70, 150)
        h = c.rng.randint(70, 170)
        col = c.rng.choice(hues)
        c.rect((x, 580 - h, x + w, 590), fill=col)
        if c.rng.random() < 0.6:
            c.poly(
                [(x - 8, 580 - h), (x + w + 8, 580 - h), (x + w / 2, 580 - h - 40)],
                fill=c.rng.choice(roofs),
            )
        else:
            c.rect((x - 4, 574 - h, x + w + 4, 582 - h), fill=shade(col, 0.8))
        for wy in range(int(600 - h), 570, 36):
            for wx in range(int(x + 12), int(x + w - 20), 32):
                c.rect((wx, wy, wx + 16, wy + 20), fill=(86, 104, 120))
        x += w + c.rng.randint(2, 18)
    # a pagoda roof rising behind the houses (generic, no real building)
    px, py = 1120, 420
    c.rect((px - 60, py + 10, px + 60, py + 120), fill=(240, 226, 190))
    for k, (w, hgt) in enumerate([(150, 40), (110, 36), (70, 34)]):
        y = py + 10 - k * 40
        c.poly(
            [(px - w, y), (px + w, y), (px + w * 0.55, y - hgt), (px - w * 0.55, y - hgt)],
            fill=(214, 150, 40),
        )
        c.line([(px + w, y), (px + w + 16, y - 22)], fill=(214, 150, 40), width=5)
        c.line([(px - w, y), (px - w - 16, y - 22)], fill=(214, 150, 40), width=5)
    c.poly([(px - 8, py - 110), (px + 8, py - 110), (px, py - 160)], fill=(226, 176, 60))

    # palms along the bank
    for _i, x in enumerate([60, 250, 520, 700, 930, 1300, 1500]):
        c.palm(x, 600, c.rng.randint(190, 260), c.rng.uniform(-0.25, 0.25))

    # river with reflections
    c.vgradient((0, 600, W, H), (150, 156, 150), (96, 112, 120))
    for _ in range(260):
        y = c.rng.uniform(610, H)
        x = c.rng.uniform(-50, W)
        ln = c.rng.uniform(30, 160) * (0.6 + (y - 600) / 400)
        col = (226, 204, 170) if c.rng.random() < 0.35 else (176, 186, 184)
        c.line([(x, y), (x + ln, y)], fill=col, width=1.5)
    c.rect((0, 598, W, 606), fill=(84, 96, 70))
    # boats
    for bx, by, s, col in [
        (420, 760, 1.3, (70, 100, 130)),
        (1080, 700, 0.9, (150, 60, 50)),
        (1380, 860, 1.6, (60, 90, 70)),
    ]:
        c.soft_shadow(
            lambda d, bx=bx, by=by, s=s: d.ellipse(
                c.b((bx - 120 * s, by - 4, bx + 120 * s, by + 18 * s)), fill=255
            ),
            blur=6,
            opacity=0.35,
        )
        c.poly(
            [
                (bx - 120 * s, by - 18 * s),
                (bx + 120 * s, by - 18 * s),
                (bx + 90 * s, by + 6 * s),
                (bx - 90 * s, by + 6 * s),
            ],
            fill=col,
        )
        c.rect((bx - 110 * s, by - 24 * s, bx + 110 * s, by - 16 * s), fill=shade(col, 1.25))
        c.d.chord(
            c.b((bx - 60 * s, by - 66 * s, bx + 30 * s, by - 6 * s)), 180, 360, fill=(122, 96, 62)
        )
        c.rect((bx - 56 * s, by - 38 * s, bx + 26 * s, by - 20 * s), fill=(96, 74, 48))
        c.rect(
            (bx + 60 * s, by - 44 * s, bx + 80 * s, by - 20 * s),
            fill=(70, 96, 140),
            radius=round(6 * s),
        )
        c.ellipse((bx + 62 * s, by - 58 * s, bx + 78 * s, by - 42 * s), fill=(220, 180, 150))
        c.poly(
            [(bx + 46 * s, by - 52 * s), (bx + 94 * s, by - 52 * s), (bx + 70 * s, by - 74 * s)],
            fill=(226, 210, 160),
        )
        c.line(
            [(bx + 80 * s, by - 34 * s), (bx + 120 * s, by + 14 * s)],
            fill=(110, 84, 56),
            width=3 * s,
        )


# ---------------------------------------------------------------------------
# 5. A congress hall (Cao Bang story)
# ---------------------------------------------------------------------------
def hall(c: Canvas) -> None:
    c.vgradient((0, 0, W, 520), (70, 54, 58), (120, 96, 92))
    # ceiling lights
    for row, y in enumerate((40, 110)):
        for i in range(8 - row):
            x = 140 + i * 190 + row * 95
            c.glow((x, y), 60, (255, 236, 200), 0.5)
            c.ellipse((x - 16, y - 6, x + 16, y + 6), fill=(255, 248, 226))
    # stage backdrop
    c.rect((180, 150, 1420, 560), fill=(176, 30, 36))
    for x in range(180, 1420, 36):
        c.line([(x, 150), (x + 18, 560)], fill=(160, 26, 32), width=8)
    # banner: a plain gold-edged band with abstract decoration, no lettering
    c.rect((300, 190, 1300, 290), fill=(196, 32, 38), outline=(240, 200, 90), width=5)
    for k in range(7):
        x = 420 + k * 130
        c.poly([(x, 240), (x + 20, 220), (x + 40, 240), (x + 20, 260)], fill=(240, 200, 90))
    c.line([(340, 240), (1260, 240)], fill=(240, 200, 90), width=2)
    # emblem-like disc (plain)
    c.ellipse((745, 300, 855, 410), fill=(236, 190, 70))
    c.ellipse((760, 315, 840, 395), fill=(200, 40, 40))
    # stage
    c.poly([(120, 560), (1480, 560), (1540, 620), (60, 620)], fill=(120, 76, 48))
    c.rect((60, 620, 1540, 650), fill=(96, 60, 38))
    # presiding table
    c.rect((420, 470, 1180, 560), fill=(246, 244, 238))
    c.rect((420, 470, 1180, 486), fill=(226, 222, 214))
    for i in range(9):
        x = 470 + i * 82
        c.person(
            x,
            480,
            0.75,
            [(40, 46, 62), (56, 58, 66), (230, 230, 226)][i % 3],
            (226, 184, 150),
            (36, 30, 28),
        )
    c.rect((420, 472, 1180, 486), fill=(246, 244, 238))
    for i in range(5):
        x = 520 + i * 140
        c.ellipse((x - 24, 486, x + 24, 540), fill=[(236, 90, 100), (250, 200, 70)][i % 2])
    # podium
    c.poly([(1260, 470), (1360, 470), (1350, 600), (1270, 600)], fill=(140, 92, 56))
    c.rect((1250, 462, 1370, 476), fill=(160, 108, 66))
    c.ellipse((1295, 500, 1325, 530), fill=(236, 190, 70))

    # floor and rows of seats in perspective
    c.vgradient((0, 650, W, H), (96, 40, 40), (70, 28, 30))
    vx, _vy = 800, 380  # vanishing point
    rows = 7
    for r in range(rows):
        t0 = r / rows
        y = lerp(690, 1010, t0**0.9)
        s = lerp(0.55, 1.6, t0)
        seat_w = 70 * s
        left = lerp(260, -200, t0)
        right = W - left
        x = left
        while x < right - seat_w * 0.6:
            if abs(x + seat_w / 2 - vx) < 40 * s:  # centre aisle
                x += seat_w * 1.6
                continue
            occupied = c.rng.random() < 0.85
            if occupied:
                c.ellipse(
                    (x + seat_w * 0.22, y - 72 * s, x + seat_w * 0.78, y - 18 * s),
                    fill=c.rng.choice([(30, 26, 24), (44, 36, 32), (70, 66, 64), (26, 22, 22)]),
                )
                c.rect(
                    (x + seat_w * 0.1, y - 30 * s, x + seat_w * 0.9, y + 10 * s),
                    fill=c.rng.choice([(40, 46, 64), (230, 230, 226), (60, 62, 70), (120, 40, 50)]),
                    radius=round(10 * s),
                )
            c.rect(
                (x + 2 * s, y - 10 * s, x + seat_w - 2 * s, y + 40 * s),
                fill=(156, 34, 40),
                radius=round(8 * s),
            )
            c.rect((x + 2 * s, y - 10 * s, x + seat_w - 2 * s, y - 2 * s), fill=(186, 56, 60))
            x += seat_w
    c.glow((800, 300), 500, (255, 230, 200), 0.18)


SCENES = [
    ("thuc-day-doi-ngoai-nhan-dan-tuyen-quang", school, 2019),
    ("thai-nguyen-mo-rong-hop-tac-phi-chinh-phu", meeting, 2015),
    ("yen-bai-doi-ngoai-nhan-dan-nam-2022", terraces, 2022),
    ("tra-vinh-giu-nhip-van-dong-vien-tro-phi-chinh-phu", riverside, 2020),
    ("nang-cao-hieu-qua-lien-hiep-huu-nghi-cao-bang", hall, 2016),
]


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    out_dir = Path(argv[1]) if len(argv) > 1 else root / "content" / "images"
    status = 0
    for slug, draw, seed in SCENES:
        canvas = Canvas(seed)
        draw(canvas)
        path = out_dir / f"{slug}.jpg"
        size = canvas.save(path)
        flag = "" if size <= MAX_BYTES else "  TOO LARGE"
        print(f"{path}  {size // 1024} KB{flag}")
        if size > MAX_BYTES:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
