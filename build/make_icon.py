"""Draw the app icon (a river under a patrol flag) with Pillow: resources/icons/patrol-app.png and .ico.

The icon is made here rather than committed from nowhere; run it again after changing the drawing:
    .venv/bin/python build/make_icon.py
The PNG is the window icon (patrol_app/ui/app.py), the ICO the Windows executable's and installer's.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
SIZE = 256
SCALE = 4  # drawn at 4x and scaled down: Pillow's shapes have no antialiasing of their own
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]

SKY = (21, 101, 192)  # the app's blue
WATER = (255, 255, 255)
BANK = (46, 125, 50)
FLAG = (229, 57, 53)


def _wave(draw: ImageDraw.ImageDraw, y: float, amplitude: float, width: float, s: int) -> None:
    """A band of water: the curve y + amplitude·sin, `width` thick, drawn as one polygon (smooth edges)."""
    xs = [20 + i * (SIZE - 40) / 200 for i in range(201)]
    curve = [y + amplitude * math.sin(i / 200 * 2.5 * math.pi) for i in range(201)]
    top = [(x * s, (c - width / 2) * s) for x, c in zip(xs, curve, strict=True)]
    bottom = [(x * s, (c + width / 2) * s) for x, c in zip(xs, curve, strict=True)]
    draw.polygon(top + bottom[::-1], fill=WATER)


def draw() -> Image.Image:
    s = SCALE
    img = Image.new("RGBA", (SIZE * s, SIZE * s), SKY + (255,))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 196 * s, SIZE * s, SIZE * s), fill=BANK)
    _wave(d, 150, 12, 16, s)
    _wave(d, 182, 10, 12, s)
    # the patrol flag: a pole and a pennant
    d.rectangle((70 * s, 40 * s, 80 * s, 140 * s), fill=WATER)
    d.polygon([(80 * s, 42 * s), (176 * s, 66 * s), (80 * s, 92 * s)], fill=FLAG)
    # cut to a rounded square
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((8 * s, 8 * s, (SIZE - 8) * s, (SIZE - 8) * s), radius=44 * s, fill=255)
    img.putalpha(mask)
    return img.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    icon = draw()
    icon.save(OUT / "patrol-app.png", optimize=True)
    icon.save(OUT / "patrol-app.ico", sizes=ICO_SIZES)
    print(f"wrote {OUT / 'patrol-app.png'} and {OUT / 'patrol-app.ico'}")


if __name__ == "__main__":
    main()
