"""Demo photos: drawn river scenes with EXIF time and GPS, imported through the real importer.

`small` draws a couple of dozen 1600×1200 scenes along the demo chief's reaches at the times of their
recent patrols (some without GPS, as many phones save them), imports them with `PhotoImporter` and links
them to those patrols. `large` adds 50,000 photo records for speed tests: tiny distinct JPEGs (one base
image, made unique by a JPEG comment), whose upload copy and thumbnail are hard links to the same bytes,
so the library stays small and `check` still finds every file matching its hash.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from patrol_app.domain.ids import iso_utc, parse_utc
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.media.importer import PhotoImporter
from patrol_app.media.library import Library
from patrol_app.store import Store, records


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    return (float(d), float(m), round(((value - d) * 60 - m) * 60, 3))


def river_scene(rng: random.Random, size: tuple[int, int] = (1600, 1200)) -> Image.Image:
    """A plausible patrol photo: sky, far bank with trees, water with ripples, near bank."""
    w, h = size
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    horizon, water_top = int(h * rng.uniform(0.3, 0.42)), int(h * rng.uniform(0.5, 0.6))
    sky = (rng.randrange(120, 190), rng.randrange(160, 210), rng.randrange(200, 245))
    for y in range(horizon):
        t = y / max(1, horizon)
        draw.line([(0, y), (w, y)], fill=tuple(int(c * (1 - 0.25 * t)) for c in sky))
    draw.rectangle([0, horizon, w, water_top], fill=(86, 112, 64))
    for _ in range(rng.randrange(8, 18)):
        x, r = rng.randrange(w), rng.randrange(25, 70)
        draw.ellipse([x - r, horizon - 2 * r, x + r, horizon + r // 2], fill=(40 + rng.randrange(40), 90, 45))
    water = (rng.randrange(60, 100), rng.randrange(100, 130), rng.randrange(110, 140))
    draw.rectangle([0, water_top, w, h], fill=water)
    for _ in range(120):
        y, x = rng.randrange(water_top, h), rng.randrange(w)
        draw.line([(x, y), (x + rng.randrange(20, 120), y)], fill=tuple(min(255, c + 40) for c in water), width=2)
    if rng.random() < 0.5:  # a find: floating rubbish near the bank
        for _ in range(rng.randrange(3, 9)):
            x, y = rng.randrange(w // 4, w), rng.randrange(water_top, h)
            draw.rectangle([x, y, x + max(2, w // 60), y + max(1, h // 90)],
                           fill=(rng.randrange(180, 255), rng.randrange(180, 255), rng.randrange(150, 255)))
    draw.polygon([(0, h), (0, int(h * 0.82)), (w // 3, h)], fill=(120, 105, 80))
    noise = Image.effect_noise(size, 30).convert("RGB")
    return Image.blend(img.filter(ImageFilter.GaussianBlur(1.2)), noise, 0.12)


def _exif(when: datetime, position: tuple[float, float] | None, rng: random.Random) -> Image.Exif:
    exif = Image.Exif()
    make, model = rng.choice([("HUAWEI", "ELE-AL00"), ("Xiaomi", "M2102J2SC"), ("OPPO", "PDEM10"),
                              ("vivo", "V2055A"), ("Apple", "iPhone 12")])
    exif[0x010F], exif[0x0110], exif[0x0112] = make, model, 1
    ifd = exif.get_ifd(0x8769)
    local = when.astimezone(CHINA_TZ)
    ifd[0x9003] = local.strftime("%Y:%m:%d %H:%M:%S")
    ifd[0x9011] = "+08:00"
    if position is not None:
        lat, lon = position
        gps = exif.get_ifd(0x8825)
        gps[0x0001], gps[0x0002] = "N", _dms(lat)
        gps[0x0003], gps[0x0004] = "E", _dms(lon)
        gps[0x0005], gps[0x0006] = b"\x00", round(rng.uniform(70, 130), 1)
    return exif


def add_small(store: Store, rng: random.Random, count: int = 16) -> int:
    """Draw `count` photos for the current profile's recent patrols, import them, link them."""
    profile = store.profiles.current()
    if profile is None:
        return 0
    from patrol_app import patrolling
    from patrol_app.geo.interpolate import position_at
    from patrol_app.geo.track import fixes

    patrols = store.patrols.recent(list(profile.reach_codes), limit=max(1, count // 3))
    tracks = {p["uuid"]: patrolling.load_track(store, store.patrols.get(p["uuid"])["track_uuid"]) for p in patrols}
    with tempfile.TemporaryDirectory(prefix="patrol-demo-photos-") as folder:
        made: dict[str, str] = {}  # file name -> patrol uuid
        for i in range(count):
            patrol = patrols[i % len(patrols)]
            start, end = parse_utc(patrol["started_at"]), parse_utc(patrol["ended_at"])
            when = start + (end - start) * rng.random()
            track = tracks[patrol["uuid"]]
            fix = position_at(fixes(track.points), when) if track else None
            # Where the patroller stood (off by a few metres, as phone GPS is); one photo in five without GPS.
            with_gps = fix is not None and rng.random() < 0.8
            position = (fix.lat + rng.gauss(0, 3e-5), fix.lon + rng.gauss(0, 3e-5)) if with_gps else None
            name = f"IMG_{when.astimezone(CHINA_TZ):%Y%m%d_%H%M%S}_{i:02d}.jpg"
            exif = _exif(when, position, rng).tobytes()
            river_scene(rng, (1280, 960)).save(Path(folder) / name, "JPEG", quality=88, exif=exif)
            made[name] = patrol["uuid"]
        summary = PhotoImporter(store).run([Path(folder)])
    for result in summary.results:
        if result.photo_uuid is not None:  # photos without GPS are placed on the patrol's track
            patrolling.link_photos(store, made[Path(result.path).name], [result.photo_uuid], as_of_drafting=True)
    return summary.imported


def _tiny_base(rng: random.Random) -> bytes:
    out = io.BytesIO()
    river_scene(rng, (96, 72)).save(out, "JPEG", quality=70)
    return out.getvalue()


def add_bulk(store: Store, rng: random.Random, count: int, years: int, now: datetime) -> int:
    """`count` photo records with real (tiny) files, spread over `years`, for speed tests."""
    library = Library(store.data_dir)
    base = _tiny_base(rng)
    reaches = [r for r in store.registry.reaches() if r.geometry]
    rows = []
    span = timedelta(days=365 * years).total_seconds()
    for folder in ("photos", "uploads", "thumbs"):
        for prefix in range(256):
            (store.data_dir / folder / f"{prefix:02x}").mkdir(parents=True, exist_ok=True)
    for i in range(count):
        data = base[:2] + b"\xff\xfe" + (len(f"demo {i}") + 2).to_bytes(2, "big") + f"demo {i}".encode() + base[2:]
        sha = hashlib.sha256(data).hexdigest()
        original = library.original(sha, "jpeg")
        original.write_bytes(data)  # demo data: no fsync, it can be made again
        os.link(original, library.upload(sha))
        os.link(original, library.thumbnail(sha))
        taken = now - timedelta(seconds=rng.random() * span)
        reach = reaches[i % len(reaches)]
        lon, lat = reach.geometry[0]
        has_gps = rng.random() < 0.85
        rows.append({
            "sha256": sha, "upload_sha256": sha, "format": "jpeg", "bytes": len(data),
            "original_name": f"IMG_{i:06d}.jpg", "source_path": f"demo/IMG_{i:06d}.jpg",
            "width": 96, "height": 72, "orientation": 1, "taken_at": iso_utc(taken), "taken_at_zone": "exif",
            "taken_at_offset": "+08:00", "gps_time": None, "clock_offset_s": None,
            "lat": lat + rng.uniform(-0.002, 0.002) if has_gps else None,
            "lon": lon + rng.uniform(-0.002, 0.002) if has_gps else None,
            "alt": None, "position_source": "exif" if has_gps else None, "position_rejected": None,
            "altitude_rejected": None, "make": "HUAWEI", "model": "ELE-AL00", "upload_width": 96, "upload_height": 72,
        })
    with store.write() as conn:  # the same write path as any import: each row with its outbox entry
        records.insert_many(conn, store.device_id, records.PHOTO, rows)
    return count


