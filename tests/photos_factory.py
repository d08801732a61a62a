"""Photos the tests make themselves: JPEGs with EXIF time, GPS and orientation, written by Pillow."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = round(((value - d) * 60 - m) * 60, 4)
    return (float(d), float(m), s)


def make_photo(path: Path, *, size: tuple[int, int] = (1200, 900), seed: int = 0,
               when: datetime | None = datetime(2026, 11, 20, 9, 15, 30), offset: str | None = "+08:00",
               gps: tuple[float, float, float | None] | None = (33.7350, 113.1920, 86.5), orientation: int = 1,
               make: str = "HUAWEI", model: str = "ELE-AL00", serial: str | None = "SN-123456789",
               quality: int = 90, gps_time: datetime | None = None) -> Path:
    """A small photo-like JPEG (gradients, shapes and noise, so it compresses like a photo).
    `gps_time` (aware) is written as the GPS IFD's UTC date and time stamps."""
    rng = random.Random(seed)
    w, h = size
    img = Image.linear_gradient("L").resize((w, h)).convert("RGB")
    draw = ImageDraw.Draw(img)
    for _ in range(12):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.randrange(20, max(21, w // 4))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    noise = Image.effect_noise((w, h), 40).convert("RGB")
    img = Image.blend(img.filter(ImageFilter.GaussianBlur(2)), noise, 0.25)
    exif = Image.Exif()
    exif[0x010F] = make
    exif[0x0110] = model
    exif[0x0112] = orientation
    ifd = exif.get_ifd(0x8769)
    if when is not None:
        ifd[0x9003] = when.strftime("%Y:%m:%d %H:%M:%S")
        if offset:
            ifd[0x9011] = offset
    if serial:
        ifd[0xA431] = serial  # BodySerialNumber: must not reach the upload copy
    if gps is not None:
        lat, lon, alt = gps
        g = exif.get_ifd(0x8825)
        g[0x0001] = "N" if lat >= 0 else "S"
        g[0x0002] = _dms(lat)
        g[0x0003] = "E" if lon >= 0 else "W"
        g[0x0004] = _dms(lon)
        if alt is not None:
            g[0x0005] = b"\x00" if alt >= 0 else b"\x01"
            g[0x0006] = abs(alt)
    if gps_time is not None:
        utc = gps_time.astimezone(UTC)
        g = exif.get_ifd(0x8825)
        g[0x0007] = (float(utc.hour), float(utc.minute), float(utc.second))
        g[0x001D] = utc.strftime("%Y:%m:%d")
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=quality, exif=exif.tobytes())
    return path


def make_folder(folder: Path, count: int, *, size: tuple[int, int] = (1200, 900), start_seed: int = 0,
                prefix: str = "IMG_") -> list[Path]:
    return [make_photo(folder / f"{prefix}{i:04d}.jpg", size=size, seed=start_seed + i) for i in range(count)]
