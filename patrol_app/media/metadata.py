"""What a photo file says about itself: format, stored size, orientation, time, GPS, camera. No Qt, no SQL.

EXIF is read with exifread. Some real phone files defeat it without an exception (an XMP or vendor
segment before the EXIF one, ImageMagick's "Raw profile" PNG chunk), so when exifread finds nothing we
use, Pillow's parser is asked too. Header-only reads throughout: no pixel is decoded here.

`width`/`height` are the size as stored, as exiftool reports it: the JPEG frame, the PNG header, the
TIFF's ImageWidth/ImageLength, the HEIF primary item's `ispe` (before its irot/imir transform).
`orientation` is the IFD0 Orientation tag as stored (the thumbnail's IFD1 tag is not the image's).

For the derive step — never rotate twice: libheif (through pillow-heif) applies a HEIF's irot/imir
while decoding and pillow-heif rewrites the EXIF Orientation it gives Pillow to 1; Pillow 13 does the
same for TIFF (its `.size` is already swapped for 5-8 and `load()` transposes and drops the tag). So for
"heif" (and "tiff" with this Pillow) the decoded picture is already upright and `orientation` must be
ignored. The rule that holds for every format and Pillow version: after `load()`, apply `orientation`
only if the decoded image still carries it, i.e. `img.getexif().get(0x0112) == meta.orientation`.
"""

from __future__ import annotations

import io
import logging
import math
import os
import re
import struct
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

import exifread
from PIL import Image

__all__ = [
    "NotAnImage",
    "PhotoMetadata",
    "UnreadableImage",
    "detect_format",
    "read_metadata",
    "register_heif",
]

# exifread logs every oddity of a file at WARNING; the oddities that matter reach PhotoMetadata.warnings.
# A NullHandler only stops Python's last-resort stderr output when the app configured no logging.
logging.getLogger("exifread").addHandler(logging.NullHandler())

ASSUMED_ZONE = ZoneInfo("Asia/Shanghai")
MAX_ABS_ALTITUDE_M = 9000.0
_MAX_HEIF_META = 16 * 1024 * 1024

# ftyp major brands pillow-heif opens (HEVC-coded HEIF; AVIF is not supported by it).
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}
_HEVC_BRANDS = _HEIF_BRANDS - {b"mif1", b"msf1"}


class NotAnImage(Exception):
    """The content is not an image format we support (the reason is in str(exc))."""


class UnreadableImage(Exception):
    """Recognised as an image, but its header cannot be read (truncated, corrupt, or the file itself
    cannot be read: then `__cause__` is the OSError)."""


@dataclass(frozen=True)
class PhotoMetadata:
    format: str
    width: int | None
    height: int | None
    orientation: int | None
    taken_at: datetime | None
    taken_at_zone: str | None
    gps_time: datetime | None
    lat: float | None
    lon: float | None
    alt: float | None
    position_rejected: str | None
    altitude_rejected: str | None
    make: str | None
    model: str | None
    reader: str
    warnings: tuple[str, ...] = ()


def detect_format(head: bytes) -> str | None:
    """The image format from the first bytes of the content (not the file name), or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and len(head) >= 12:
        major = head[8:12]
        box_end = min(len(head), int.from_bytes(head[:4], "big") or len(head))
        compatible = {head[i : i + 4] for i in range(16, box_end - 3, 4)}
        if major in _HEVC_BRANDS:
            return "heif"
        if major in _HEIF_BRANDS and not (compatible & _AVIF_BRANDS and not compatible & _HEVC_BRANDS):
            return "heif"
    return None


_heif_lock = threading.Lock()
_heif_state: list[bool] = []


def register_heif() -> bool:
    """Register pillow-heif's Pillow opener once (thread-safe); False when pillow-heif is missing."""
    with _heif_lock:
        if not _heif_state:
            try:
                import pillow_heif
            except ImportError:
                _heif_state.append(False)
            else:
                pillow_heif.register_heif_opener()
                _heif_state.append(True)
        return _heif_state[0]


def read_metadata(path: str | os.PathLike[str]) -> PhotoMetadata:
    """Read one file's metadata. Raises only NotAnImage and UnreadableImage; oddities become warnings."""
    try:
        with open(path, "rb") as f:
            return _read(f)
    except OSError as exc:
        raise UnreadableImage(f"cannot read file: {exc.strerror or exc}") from exc


def read_metadata_bytes(data: bytes) -> PhotoMetadata:
    """`read_metadata` of a file already read into memory (the importer has it, to hash it)."""
    return _read(io.BytesIO(data))


def _read(f: BinaryIO) -> PhotoMetadata:
    warnings: list[str] = []
    head = f.read(64)
    if not head:
        raise NotAnImage("empty file")
    fmt = detect_format(head)
    if fmt is None:
        raise NotAnImage("not a JPEG, PNG, TIFF, HEIF or WebP image")
    im = _open_header(f, fmt, warnings)
    width, height = im.size if im is not None else (None, None)
    if fmt == "tiff" and im is not None:  # Pillow swaps .size for orientations 5-8 (it rotates TIFFs on load)
        ifd0 = getattr(im, "tag_v2", {})
        width, height = ifd0.get(256, width), ifd0.get(257, height)
    if fmt == "heif":
        stored = _guard(warnings, "HEIF size", lambda: _heif_stored_size(f))
        if stored:
            width, height = stored
        else:
            warnings.append("HEIF stored size not found; size is as displayed")

    fields: dict[str, Any] = {}
    found_exif = False
    try:
        f.seek(0)
        tags = exifread.process_file(f, details=False, extract_thumbnail=False)
        found_exif = bool(tags)
        fields = _exifread_fields(tags)
    except Exception as exc:  # exifread has many ways to fail on real files; Pillow gets a chance below
        warnings.append(f"exifread failed: {type(exc).__name__}: {exc}"[:200])
    malformed = fmt == "jpeg" and im is not None and _bad_tiff_header(im.info.get("exif"))
    if malformed:  # exifread guesses a byte order; exiftool and Pillow refuse the block, and so do we
        warnings.append("EXIF block has no valid TIFF header; ignored")
        fields, found_exif = {}, False
    reader = "exifread" if found_exif else "none"
    if not fields and im is not None and not malformed:
        fallback = _guard(warnings, "Pillow EXIF", lambda: _pillow_fields(im, fmt))
        if fallback:
            fields, reader = fallback, "pillow"
    return _build(fmt, width, height, fields, reader, warnings)


def _bad_tiff_header(raw: Any) -> bool:
    return isinstance(raw, bytes) and raw.startswith(b"Exif\x00\x00") and raw[6:10] not in (b"II*\x00", b"MM\x00*")


def _guard(warnings: list[str], what: str, fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except Exception as exc:
        warnings.append(f"{what} failed: {type(exc).__name__}: {exc}"[:200])
        return None


# --- Headers ---------------------------------------------------------------------------------------


def _open_header(f: BinaryIO, fmt: str, warnings: list[str]) -> Image.Image | None:
    """Pillow's lazy header read, through the plugin class: Image.open would refuse a huge image
    (DecompressionBombError) before we could report its size, and the importer refuses those itself."""
    f.seek(0)
    try:
        if fmt == "jpeg":
            from PIL.JpegImagePlugin import JpegImageFile

            return JpegImageFile(f)
        if fmt == "png":
            from PIL.PngImagePlugin import PngImageFile

            return PngImageFile(f)
        if fmt == "tiff":
            from PIL.TiffImagePlugin import TiffImageFile

            return TiffImageFile(f)
        if fmt == "webp":
            from PIL.WebPImagePlugin import WebPImageFile

            return WebPImageFile(f)
        if not register_heif():
            warnings.append("pillow-heif is not installed: HEIF cannot be decoded")
            return None
        from pillow_heif import HeifImageFile

        return HeifImageFile(f)
    except Exception as exc:
        raise UnreadableImage(f"cannot read the {fmt.upper()} header: {exc}"[:200]) from exc


def _boxes(buf: bytes, start: int = 0, end: int | None = None) -> Iterator[tuple[bytes, int, int]]:
    """ISO-BMFF child boxes of buf[start:end] as (type, payload start, payload end)."""
    end = len(buf) if end is None else end
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", buf, pos)
        header = 8
        if size == 1:
            size, header = struct.unpack_from(">Q", buf, pos + 8)[0], 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            return
        yield kind, pos + header, pos + size
        pos += size


def _heif_stored_size(f: BinaryIO) -> tuple[int, int] | None:
    """The primary item's `ispe` (its coded size, before irot/imir), as exiftool reports it."""
    f.seek(0, os.SEEK_END)
    file_end, pos = f.tell(), 0
    while pos + 8 <= file_end:
        f.seek(pos)
        header = f.read(16)
        size, kind = struct.unpack_from(">I4s", header)
        hlen = 8
        if size == 1 and len(header) == 16:
            size, hlen = struct.unpack_from(">Q", header, 8)[0], 16
        elif size == 0:
            size = file_end - pos
        if size < hlen:
            return None
        if kind == b"meta":
            if size > _MAX_HEIF_META:
                return None
            f.seek(pos + hlen)
            return _primary_ispe(f.read(size - hlen))
        pos += size
    return None


def _primary_ispe(meta: bytes) -> tuple[int, int] | None:
    primary, props, assoc = None, [], {}
    for kind, a, b in _boxes(meta, 4):  # meta is a FullBox: skip version and flags
        if kind == b"pitm":
            primary = struct.unpack_from(">H" if meta[a] == 0 else ">I", meta, a + 4)[0]
        elif kind == b"iprp":
            for sub, c, d in _boxes(meta, a, b):
                if sub == b"ipco":
                    props = [(k, x) for k, x, _ in _boxes(meta, c, d)]
                elif sub == b"ipma":
                    assoc.update(_ipma(meta[c:d]))
    if primary is None:
        return None
    for index in assoc.get(primary, []):
        if 0 < index <= len(props) and props[index - 1][0] == b"ispe":
            w, h = struct.unpack_from(">II", meta, props[index - 1][1] + 4)
            return w, h
    return None


def _ipma(box: bytes) -> dict[int, list[int]]:
    version, flags = box[0], int.from_bytes(box[1:4], "big")
    (count,), pos, out = struct.unpack_from(">I", box, 4), 8, {}
    for _ in range(count):
        if version < 1:
            item, pos = struct.unpack_from(">H", box, pos)[0], pos + 2
        else:
            item, pos = struct.unpack_from(">I", box, pos)[0], pos + 4
        n, pos = box[pos], pos + 1
        indices = []
        for _ in range(n):
            if flags & 1:
                indices.append(struct.unpack_from(">H", box, pos)[0] & 0x7FFF)
                pos += 2
            else:
                indices.append(box[pos] & 0x7F)
                pos += 1
        out[item] = indices
    return out


# --- EXIF fields, from either reader -----------------------------------------------------------------

# Our name -> exifread's "IFD Tag" keys (a tag in the wrong IFD is still taken).
_EXIFREAD_KEYS = {
    "Make": ("Image Make",),
    "Model": ("Image Model",),
    "Orientation": ("Image Orientation",),
    "DateTimeOriginal": ("EXIF DateTimeOriginal", "Image DateTimeOriginal"),
    "DateTimeDigitized": ("EXIF DateTimeDigitized", "Image DateTimeDigitized"),
    "DateTime": ("Image DateTime", "EXIF DateTime"),
    "OffsetTimeOriginal": ("EXIF OffsetTimeOriginal", "Image OffsetTimeOriginal"),
    "OffsetTimeDigitized": ("EXIF OffsetTimeDigitized", "Image OffsetTimeDigitized"),
    "OffsetTime": ("EXIF OffsetTime", "Image OffsetTime"),
    "GPSLatitudeRef": ("GPS GPSLatitudeRef",),
    "GPSLatitude": ("GPS GPSLatitude",),
    "GPSLongitudeRef": ("GPS GPSLongitudeRef",),
    "GPSLongitude": ("GPS GPSLongitude",),
    "GPSAltitudeRef": ("GPS GPSAltitudeRef",),
    "GPSAltitude": ("GPS GPSAltitude",),
    "GPSTimeStamp": ("GPS GPSTimeStamp",),
    "GPSDateStamp": ("GPS GPSDate",),
}
# Our name -> (IFD, tag id) for Pillow: 0 = IFD0, 0x8769 = Exif IFD, 0x8825 = GPS IFD.
_PILLOW_TAGS = {
    "Make": (0, 0x010F),
    "Model": (0, 0x0110),
    "Orientation": (0, 0x0112),
    "DateTime": (0, 0x0132),
    "DateTimeOriginal": (0x8769, 0x9003),
    "DateTimeDigitized": (0x8769, 0x9004),
    "OffsetTime": (0x8769, 0x9010),
    "OffsetTimeOriginal": (0x8769, 0x9011),
    "OffsetTimeDigitized": (0x8769, 0x9012),
    "GPSLatitudeRef": (0x8825, 1),
    "GPSLatitude": (0x8825, 2),
    "GPSLongitudeRef": (0x8825, 3),
    "GPSLongitude": (0x8825, 4),
    "GPSAltitudeRef": (0x8825, 5),
    "GPSAltitude": (0x8825, 6),
    "GPSTimeStamp": (0x8825, 7),
    "GPSDateStamp": (0x8825, 29),
}


def _exifread_fields(tags: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, keys in _EXIFREAD_KEYS.items():
        for key in keys:
            tag = tags.get(key)
            if tag is not None and hasattr(tag, "values"):
                out[name] = tag.values
                break
    return out


def _pillow_fields(im: Image.Image, fmt: str) -> dict[str, Any]:
    """EXIF as Pillow parses it, from the EXIF block only (Image.getexif would also take an XMP
    orientation, which is not what the file's EXIF says)."""
    raw = im.info.get("exif")
    if raw is None and "Raw profile type exif" in im.info:  # ImageMagick's PNG text chunk
        raw = bytes.fromhex("".join(str(im.info["Raw profile type exif"]).split("\n")[3:]))
    exif = Image.Exif()
    if isinstance(raw, bytes) and raw:
        exif.load(raw)
    elif fmt == "tiff":  # the TIFF's own IFD0 is its EXIF
        exif = im.getexif()
        if 0x0112 not in getattr(im, "tag_v2", {}):
            exif.pop(0x0112, None)
    if fmt == "heif" and 0x0112 in exif and im.info.get("original_orientation"):
        exif[0x0112] = im.info["original_orientation"]  # pillow-heif reset it to 1 in info["exif"]
    ifds: dict[int, Any] = {0: exif}
    for ifd_id in (0x8769, 0x8825):
        try:
            ifds[ifd_id] = exif.get_ifd(ifd_id)
        except Exception:  # a pointer of the wrong type or to nowhere: that IFD is just absent
            ifds[ifd_id] = {}
    return {name: ifds[ifd][tag] for name, (ifd, tag) in _PILLOW_TAGS.items() if tag in ifds[ifd]}


# --- From fields to PhotoMetadata ----------------------------------------------------------------------


class _Bad(Exception):
    """A value that cannot be a number; args[0] is the rejection code."""


def _text(value: Any) -> str:
    """An EXIF ASCII value as text: up to the first NUL, without surrounding whitespace."""
    if isinstance(value, list | tuple):
        value = bytes(v for v in value if isinstance(v, int) and 0 <= v < 256)
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    return str(value).split("\x00", 1)[0].strip()


def _seq(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _int(value: Any) -> int | None:
    first = next(iter(_seq(value)), None)
    if isinstance(first, bytes | bytearray):
        return first[0] if first else None
    try:
        return int(first)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _num(value: Any) -> float:
    """A rational (exifread Ratio, Pillow IFDRational, int or float) as a finite float, or _Bad."""
    if isinstance(value, str | bytes):
        try:
            value = float(_text(value))
        except ValueError:
            raise _Bad("not_a_number") from None
    if getattr(value, "denominator", 1) == 0:
        raise _Bad("zero_denominator")
    try:
        number = float(value)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        raise _Bad("not_a_number") from None
    if not math.isfinite(number):
        raise _Bad("not_a_number")
    return number


def _degrees(value: Any) -> float:
    parts = _seq(value)
    if not 1 <= len(parts) <= 3:
        raise _Bad("not_a_number")
    numbers = [_num(p) for p in parts]  # every part, so a 0/0 seconds field is noticed
    return sum(n / 60**i for i, n in enumerate(numbers))


def _build(
    fmt: str, width: Any, height: Any, fields: dict[str, Any], reader: str, warnings: list[str]
) -> PhotoMetadata:
    orientation = _guard(warnings, "Orientation", lambda: _orientation(fields, warnings))
    taken = _guard(warnings, "date", lambda: _taken_at(fields, warnings)) or (None, None)
    position = _guard(warnings, "GPS position", lambda: _position(fields, warnings)) or (None, None, None)
    altitude = _guard(warnings, "GPS altitude", lambda: _altitude(fields)) or (None, None)
    return PhotoMetadata(
        format=fmt,
        width=int(width) if width else None,
        height=int(height) if height else None,
        orientation=orientation,
        taken_at=taken[0],
        taken_at_zone=taken[1],
        gps_time=_guard(warnings, "GPS time", lambda: _gps_time(fields, warnings)),
        lat=position[0],
        lon=position[1],
        alt=altitude[0],
        position_rejected=position[2],
        altitude_rejected=altitude[1],
        make=_guard(warnings, "Make", lambda: _text(fields["Make"]) or None) if "Make" in fields else None,
        model=_guard(warnings, "Model", lambda: _text(fields["Model"]) or None) if "Model" in fields else None,
        reader=reader,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _orientation(fields: dict[str, Any], warnings: list[str]) -> int | None:
    if "Orientation" not in fields:
        return None
    value = _int(fields["Orientation"])
    if value is not None and 1 <= value <= 8:
        return value
    warnings.append(f"orientation out of range: {value}")
    return None


_DATE = re.compile(r"(\d{4})[:\-/.](\d{1,2})[:\-/.](\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?")
_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})")
_DATE_TAGS = (
    ("DateTimeOriginal", "OffsetTimeOriginal"),
    ("DateTimeDigitized", "OffsetTimeDigitized"),
    ("DateTime", "OffsetTime"),
)


def _taken_at(fields: dict[str, Any], warnings: list[str]) -> tuple[datetime, str] | None:
    """The first readable of DateTimeOriginal, DateTimeDigitized, DateTime, with its own offset tag."""
    for date_tag, offset_tag in _DATE_TAGS:
        if date_tag not in fields:
            continue
        text = _text(fields[date_tag])
        wall = _parse_date(text)
        if wall is None:
            warnings.append(f"date unreadable: {date_tag}={text!r}")
            continue
        zone: tzinfo | None = None
        if offset_tag in fields:
            zone = _parse_offset(_text(fields[offset_tag]))
            if zone is None:
                warnings.append(f"offset unreadable: {offset_tag}={_text(fields[offset_tag])!r}")
        if zone is None:
            return wall.replace(tzinfo=ASSUMED_ZONE), "assumed"
        return wall.replace(tzinfo=zone), "exif"
    return None


def _parse_date(text: str) -> datetime | None:
    match = _DATE.match(text)
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g) for g in match.groups(default="0"))
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:  # year 0, month 13, 25 o'clock…
        return None


def _parse_offset(text: str) -> timezone | None:
    match = _OFFSET.fullmatch(text)
    if not match:
        return None
    hours, minutes = int(match[2]), int(match[3])
    if hours > 14 or minutes >= 60:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if match[1] == "-" else delta)


def _signed(value: float, ref_field: str, negative: str, fields: dict[str, Any], warnings: list[str]) -> float:
    ref = _text(fields.get(ref_field, "")).upper()[:1]
    positive = "N" if negative == "S" else "E"
    if ref not in (positive, negative):
        what = "missing" if not ref else f"{ref!r} not understood"
        warnings.append(f"{ref_field} {what}; assumed {positive}")
    return -abs(value) if ref == negative else value


def _position(fields: dict[str, Any], warnings: list[str]) -> tuple[float | None, float | None, str | None]:
    """(lat, lon, None) or (None, None, reason). Checks, in order: values that are no number
    (zero_denominator, not_a_number), ranges (lat, then lon), incomplete, null_island."""
    if "GPSLatitude" not in fields and "GPSLongitude" not in fields:
        return None, None, None
    coords: list[float | None] = []
    for name, negative in (("GPSLatitude", "S"), ("GPSLongitude", "W")):
        if name not in fields:
            coords.append(None)
            continue
        try:
            coords.append(_signed(_degrees(fields[name]), name + "Ref", negative, fields, warnings))
        except _Bad as bad:
            return None, None, bad.args[0]
    lat, lon = coords
    if lat is not None and abs(lat) > 90:
        return None, None, "lat_out_of_range"
    if lon is not None and abs(lon) > 180:
        return None, None, "lon_out_of_range"
    if lat is None or lon is None:
        return None, None, "incomplete"
    if lat == 0 and lon == 0:
        return None, None, "null_island"
    return lat, lon, None


def _altitude(fields: dict[str, Any]) -> tuple[float | None, str | None]:
    """Metres, negative below sea level; reported whether or not the position was accepted."""
    if "GPSAltitude" not in fields:
        return None, None
    parts = _seq(fields["GPSAltitude"])
    if not parts:
        return None, "not_a_number"
    try:
        value = _num(parts[0])
    except _Bad as bad:
        return None, bad.args[0]
    if "GPSAltitudeRef" in fields and _int(fields["GPSAltitudeRef"]) == 1:
        value = -value
    if abs(value) > MAX_ABS_ALTITUDE_M:
        return None, "absurd_altitude"
    return value + 0.0, None  # + 0.0 turns a "below sea level" zero into 0.0, not -0.0


def _gps_time(fields: dict[str, Any], warnings: list[str]) -> datetime | None:
    if "GPSDateStamp" not in fields or "GPSTimeStamp" not in fields:
        return None
    date_text = _text(fields["GPSDateStamp"])
    stamp = _seq(fields["GPSTimeStamp"])
    try:
        match = re.fullmatch(r"(\d{4})[:\-/](\d{2})[:\-/](\d{2})", date_text)
        if not match or len(stamp) != 3:
            raise ValueError
        h, m, s = (_num(v) for v in stamp)
        if not (0 <= h < 24 and 0 <= m < 60 and 0 <= s < 60):
            raise ValueError
        day = datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC)
    except (ValueError, _Bad):
        warnings.append(f"GPS time unreadable: {date_text!r} {stamp!r}"[:200])
        return None
    return day + timedelta(hours=h, minutes=m, seconds=s)
