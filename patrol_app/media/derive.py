"""Upload copies and thumbnails, made from the original's bytes in one decode.

The upload copy's long side ends in 1600–2048 px. For a JPEG the decoder's own DCT scaling (Pillow's
`draft`) does most of the shrinking: a 4000×3000 photo decodes straight to 2000×1500, an 8000×6000 one
to 2000×1500 at 1/4, with no resampling. Orientation is applied after shrinking, on the small image.
HEIF (libheif) and TIFF (Pillow) images arrive already rotated, so their orientation is not applied
again: it is applied only when the decoded image still carries the tag.

The upload copy keeps what the office needs to trust a photo — time, offset, GPS, make and model —
in a fresh EXIF block, and nothing else: no maker notes, no serial numbers. It is encoded
deterministically, so the same original always gives the same bytes (and hash).
"""

from __future__ import annotations

import io
import math
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import Image

from patrol_app.media.library import sha256_file
from patrol_app.media.metadata import PhotoMetadata

UPLOAD_MIN, UPLOAD_MAX = 1600, 2048
THUMB_SIZE = 256
UPLOAD_QUALITY = 85
THUMB_QUALITY = 80
MAX_PIXELS = 120_000_000  # a 48 MP phone photo is 48 M; anything far beyond is not a patrol photo

_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


class TooLarge(Exception):
    """The image has more pixels than a photo can have (a decompression bomb, or a scan)."""


@dataclass(frozen=True)
class Derived:
    """The two derived files, written under temporary names in the scratch folder (not yet fsync'd)."""

    upload: Path
    upload_sha256: str
    upload_width: int
    upload_height: int
    thumbnail: Path

    def discard(self) -> None:
        self.upload.unlink(missing_ok=True)
        self.thumbnail.unlink(missing_ok=True)


def draft_request(width: int, height: int) -> tuple[int, int]:
    """The size to ask the JPEG decoder for so its 1/2, 1/4 or 1/8 scaling lands at ≥ 1600 px long side."""
    long_side = max(width, height)
    if long_side <= UPLOAD_MIN:
        return width, height
    return math.ceil(width * UPLOAD_MIN / long_side), math.ceil(height * UPLOAD_MIN / long_side)


def derive(data: bytes, meta: PhotoMetadata, scratch: Path) -> Derived:
    """Decode once, make the upload copy and the thumbnail (raises OSError for a broken image).

    Both are encoded straight into temporary `.part-` files in `scratch` (which must be on the
    library's file system): Pillow holds the GIL while it encodes into memory but releases it while it
    encodes into a file, and only the latter lets two worker threads use both cores. Making them
    durable is the caller's job (the importer fsyncs the upload copy before renaming it into place).
    """
    if meta.width and meta.height and meta.width * meta.height > MAX_PIXELS:
        raise TooLarge(f"{meta.width}×{meta.height}")
    if meta.format == "heif":
        from patrol_app.media.metadata import register_heif

        register_heif()
    with Image.open(io.BytesIO(data)) as img:
        if img.width * img.height > MAX_PIXELS:
            raise TooLarge(f"{img.width}×{img.height}")
        if img.format == "JPEG":
            img.draft("RGB", draft_request(img.width, img.height))
        # Hand the decoder the whole file at once: Pillow releases the GIL for each decode call, and
        # one call instead of one per 64 kB block lets the other worker thread run meanwhile.
        img.decodermaxblock = max(img.decodermaxblock, len(data))
        img.load()
        # Apply the orientation ourselves only if the decoder left it in place: libheif (HEIF) and
        # Pillow's TIFF plugin rotate while decoding and drop the tag; rotating again would be wrong.
        still_tagged = img.getexif().get(0x0112) == meta.orientation
        picture = _rgb(img)
    if max(picture.size) > UPLOAD_MAX:
        picture.thumbnail((UPLOAD_MAX, UPLOAD_MAX), Image.Resampling.LANCZOS, reducing_gap=3.0)
    if still_tagged and meta.orientation in _TRANSPOSE:
        picture = picture.transpose(_TRANSPOSE[meta.orientation])
    scratch.mkdir(parents=True, exist_ok=True)
    upload = _encode(picture, UPLOAD_QUALITY, _upload_exif(meta), scratch)
    try:
        thumb = _thumbnail(picture)
        thumbnail = _encode(thumb, THUMB_QUALITY, None, scratch)
    except BaseException:
        upload.unlink(missing_ok=True)
        raise
    return Derived(upload, sha256_file(upload), picture.width, picture.height, thumbnail)


def rebuild_thumbnail(upload: Path, thumbnail: Path) -> None:
    """Make a lost thumbnail again from the upload copy (upright already, 1600–2048 px)."""
    from patrol_app.media.library import write_atomic

    with Image.open(upload) as img:
        img.draft("RGB", (THUMB_SIZE, THUMB_SIZE))
        thumb = _thumbnail(_rgb(img.convert("RGB") if img.mode != "RGB" else img))
    out = io.BytesIO()
    thumb.save(out, "JPEG", quality=THUMB_QUALITY)
    thumbnail.unlink(missing_ok=True)
    write_atomic(thumbnail, out.getvalue())


def _thumbnail(picture: Image.Image) -> Image.Image:
    """About 256 px on the long side; a box reduction by a whole factor is all it costs (~3 ms)."""
    factor = math.ceil(max(picture.size) / THUMB_SIZE)
    small = picture.reduce(factor) if factor >= 2 else picture
    if max(small.size) > THUMB_SIZE * 1.25:
        small = small.resize(_fit(small.size, THUMB_SIZE), Image.Resampling.BILINEAR)
    return small


def _fit(size: tuple[int, int], long_side: int) -> tuple[int, int]:
    scale = long_side / max(size)
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def _rgb(img: Image.Image) -> Image.Image:
    if img.mode == "RGB":
        return img
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        return img.point(lambda v: v / 256).convert("L").convert("RGB")
    return img.convert("RGB")


def _encode(img: Image.Image, quality: int, exif: Image.Exif | None, scratch: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=".part-", suffix=".jpg", dir=scratch)
    kwargs = {"exif": exif.tobytes()} if exif is not None else {}
    try:
        with os.fdopen(fd, "w+b") as out:
            img.save(out, "JPEG", quality=quality, optimize=False, progressive=False, subsampling=2, **kwargs)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = math.floor(value)
    minutes_full = (value - degrees) * 60
    minutes = math.floor(minutes_full)
    seconds = round((minutes_full - minutes) * 60, 4)
    return (float(degrees), float(minutes), seconds)


def _upload_exif(meta: PhotoMetadata) -> Image.Exif:
    """A whitelist: orientation (now 1), make, model, original time and offset, validated GPS."""
    exif = Image.Exif()
    exif[0x0112] = 1
    if meta.make:
        exif[0x010F] = meta.make
    if meta.model:
        exif[0x0110] = meta.model
    if meta.taken_at is not None:
        ifd = exif.get_ifd(0x8769)
        ifd[0x9003] = meta.taken_at.strftime("%Y:%m:%d %H:%M:%S")  # DateTimeOriginal, local wall clock
        if meta.taken_at_zone == "exif":
            ifd[0x9011] = _offset(meta.taken_at)  # OffsetTimeOriginal
    if meta.lat is not None and meta.lon is not None:
        gps = exif.get_ifd(0x8825)
        gps[0x0000] = b"\x02\x03\x00\x00"  # GPSVersionID 2.3
        gps[0x0001] = "N" if meta.lat >= 0 else "S"
        gps[0x0002] = _dms(meta.lat)
        gps[0x0003] = "E" if meta.lon >= 0 else "W"
        gps[0x0004] = _dms(meta.lon)
        if meta.alt is not None:
            gps[0x0005] = b"\x01" if meta.alt < 0 else b"\x00"
            gps[0x0006] = round(abs(meta.alt), 2)
        if meta.gps_time is not None:
            t = meta.gps_time
            gps[0x0007] = (float(t.hour), float(t.minute), float(t.second))
            gps[0x001D] = t.strftime("%Y:%m:%d")
    return exif


def _offset(moment: datetime) -> str:
    delta = moment.utcoffset()
    minutes = int(delta.total_seconds() // 60) if delta is not None else 480
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
