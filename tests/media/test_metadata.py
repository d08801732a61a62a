"""Photo metadata: every real test photo against exiftool as the oracle, then files made here for each rule."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import struct
import subprocess
import zlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import exifread
import pytest
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

from patrol_app.media.metadata import (
    NotAnImage,
    PhotoMetadata,
    UnreadableImage,
    detect_format,
    read_metadata,
    register_heif,
)
from tests.conftest import SHARED_TESTDATA

TESTDATA = SHARED_TESTDATA
PHOTOS = TESTDATA / "photos"
EXIFTOOL = shutil.which("exiftool")
SHANGHAI = ZoneInfo("Asia/Shanghai")

PHOTO_FILES = sorted(p.name for p in PHOTOS.glob("*") if p.is_file() and p.name != "SOURCES.tsv")
NO_PHOTOS = pytest.param(None, marks=pytest.mark.skip(reason=f"real test photos not found at {PHOTOS}"))

# exifread 3.5.1 returns no tag at all for these, without raising, although the files carry EXIF:
# an APP1 XMP or APP7 segment before the EXIF one stops its JPEG scanner, and it does not read
# ImageMagick's "Raw profile type exif" PNG text chunk. test_exifread_misses_the_fallback_files proves it.
PILLOW_FALLBACK = {"digikam.jpg", "huawei-gps-error.jpg", "no_exif.jpg", "exif_imagemagick_orientation.png"}

# Where we knowingly differ from exiftool, and why. Each entry: field -> the value we give.
KNOWN_DEVIATIONS: dict[str, dict[str, Any]] = {
    # IFD0 says 32 entries but the segment holds 6: exiftool drops the whole IFD ("Bad IFD0 directory"),
    # exifread (and Pillow) read the entries that are there, which include Orientation = 1.
    "hopper_bad_exif.jpg": {"orientation": 1, "reader": "exifread"},
}

FORMATS = {"JPEG": "jpeg", "PNG": "png", "TIFF": "tiff", "HEIC": "heif", "HEIF": "heif", "WEBP": "webp"}


@pytest.fixture(scope="session")
def oracle() -> dict[str, dict[str, Any]]:
    """exiftool's view of every test photo, read once for the session in one call."""
    if not PHOTOS.is_dir():
        pytest.skip(f"real test photos not found at {PHOTOS}")
    if EXIFTOOL is None:
        pytest.skip("exiftool is not installed (Debian: libimage-exiftool-perl); it is the oracle")
    # -G0:1 names each tag by family-0 and family-1 group ("EXIF:IFD0:Orientation"): the thumbnail's IFD1
    # is "EXIF" too, and its Orientation or ModifyDate must not stand in for the image's own.
    args = [EXIFTOOL, "-n", "-j", "-a", "-G0:1", "-api", "LargeFileSupport=1", *(f"./{n}" for n in PHOTO_FILES)]
    done = subprocess.run(args, cwd=PHOTOS, capture_output=True, timeout=120)  # exit 1 if one file failed
    return {Path(record["SourceFile"]).name: record for record in json.loads(done.stdout)}


# --- What exiftool says, turned into what we must say ------------------------------------------------


def et_get(et: dict[str, Any], tag: str, *groups: str) -> Any:
    """The value of `tag` from the first of `groups` that has it ("EXIF:IFD0", "EXIF:GPS", …)."""
    return next((et[f"{group}:{tag}"] for group in groups if f"{group}:{tag}" in et), None)


def et_size(et: dict[str, Any]) -> tuple[Any, Any]:
    """The stored size: JPEG SOF and HEIF `ispe` are File:ImageWidth, PNG its IHDR, TIFF its IFD0."""
    groups = ("File", "PNG", "EXIF:IFD0")
    return et_get(et, "ImageWidth", *groups), et_get(et, "ImageHeight", *groups)


def et_taken_at(et: dict[str, Any]) -> tuple[datetime | None, timedelta | None]:
    """(wall clock, offset or None) of the first parseable DateTimeOriginal, CreateDate, ModifyDate."""
    for date_tag, offset_tag in (
        ("DateTimeOriginal", "OffsetTimeOriginal"),
        ("CreateDate", "OffsetTimeDigitized"),
        ("ModifyDate", "OffsetTime"),
    ):
        try:
            text = et_get(et, date_tag, "EXIF:ExifIFD", "EXIF:IFD0")
            wall = datetime.strptime(str(text).strip(), "%Y:%m:%d %H:%M:%S")
        except ValueError:
            continue
        match = re.fullmatch(r"([+-])(\d\d):(\d\d)", str(et_get(et, offset_tag, "EXIF:ExifIFD") or "").strip())
        if not match:
            return wall, None
        offset = timedelta(hours=int(match[2]), minutes=int(match[3]))
        return wall, -offset if match[1] == "-" else offset
    return None, None


def et_position(et: dict[str, Any]) -> tuple[float | None, float | None, str | None]:
    """(lat, lon, rejection) in the order metadata.py documents: not a number, ranges, incomplete, 0,0."""
    lat, lon = et.get("EXIF:GPS:GPSLatitude"), et.get("EXIF:GPS:GPSLongitude")
    if lat is None and lon is None:
        return None, None, None
    for value in (lat, lon):
        if value is not None and not isinstance(value, int | float):
            # exiftool -n prints "" for a lat/lon with an x/0 part, "undef" for 0/0, "inf" for x/0
            return None, None, "zero_denominator" if value in ("", "undef", "inf") else "not_a_number"
    if lat is not None and str(et.get("EXIF:GPS:GPSLatitudeRef", "")).upper().startswith("S"):
        lat = -lat
    if lon is not None and str(et.get("EXIF:GPS:GPSLongitudeRef", "")).upper().startswith("W"):
        lon = -lon
    if lat is not None and abs(lat) > 90:
        return None, None, "lat_out_of_range"
    if lon is not None and abs(lon) > 180:
        return None, None, "lon_out_of_range"
    if lat is None or lon is None:
        return None, None, "incomplete"
    if lat == 0 and lon == 0:
        return None, None, "null_island"
    return lat, lon, None


def et_altitude(et: dict[str, Any]) -> tuple[float | None, str | None]:
    alt = et.get("EXIF:GPS:GPSAltitude")
    if alt is None:
        return None, None
    if not isinstance(alt, int | float):
        return None, "zero_denominator" if alt in ("undef", "inf") else "not_a_number"
    if et.get("EXIF:GPS:GPSAltitudeRef") == 1:
        alt = -alt
    return (None, "absurd_altitude") if abs(alt) > 9000 else (alt, None)


def et_gps_time(et: dict[str, Any]) -> datetime | None:
    date, stamp = et.get("EXIF:GPS:GPSDateStamp"), et.get("EXIF:GPS:GPSTimeStamp")
    if not date or not stamp:
        return None
    try:
        day = datetime.strptime(str(date), "%Y:%m:%d").replace(tzinfo=UTC)
        h, m, s = (float(part) for part in str(stamp).split(":"))
    except ValueError:
        return None
    return day + timedelta(hours=h, minutes=m, seconds=s)


def et_text(et: dict[str, Any], tag: str) -> str | None:
    value = et.get(f"EXIF:IFD0:{tag}")
    return str(value).strip() or None if value is not None else None


def et_orientation(et: dict[str, Any]) -> int | None:
    value = et.get("EXIF:IFD0:Orientation")
    return value if isinstance(value, int) and 1 <= value <= 8 else None


def close(a: float | None, b: float | None, tolerance: float) -> bool:
    return a is None and b is None or (a is not None and b is not None and abs(a - b) <= tolerance)


# --- Every real photo against exiftool ----------------------------------------------------------------


@pytest.mark.parametrize("name", PHOTO_FILES or [NO_PHOTOS])
def test_matches_exiftool(name: str, oracle: dict[str, dict[str, Any]]) -> None:
    et = oracle[name]
    path = PHOTOS / name
    if "ExifTool:Error" in et or et.get("File:FileType") not in FORMATS:
        try:
            meta = read_metadata(path)
        except (NotAnImage, UnreadableImage):
            return
        assert meta.reader == "none", f"exiftool cannot read {name} ({et.get('ExifTool:Error')}), we did"
        return

    meta = read_metadata(path)
    has_exif = any(key.startswith("EXIF:") for key in et)
    expected: dict[str, Any] = {
        "format": FORMATS[et["File:FileType"]],
        "size": et_size(et),
        "orientation": et_orientation(et),
        "make": et_text(et, "Make"),
        "model": et_text(et, "Model"),
        "reader": "pillow" if name in PILLOW_FALLBACK else "exifread" if has_exif else "none",
    }
    expected.update(KNOWN_DEVIATIONS.get(name, {}))
    got = {
        "format": meta.format,
        "size": (meta.width, meta.height),
        "orientation": meta.orientation,
        "make": meta.make,
        "model": meta.model,
        "reader": meta.reader,
    }
    wrong = [f"{k}: exiftool {expected[k]!r}, we {got[k]!r}" for k in expected if expected[k] != got[k]]

    wall, offset = et_taken_at(et)
    if wall is None:
        if meta.taken_at is not None:
            wrong.append(f"taken_at: exiftool none, we {meta.taken_at}")
    elif meta.taken_at is None or meta.taken_at.replace(tzinfo=None) != wall:
        wrong.append(f"taken_at: exiftool {wall}, we {meta.taken_at}")
    elif offset is not None and (meta.taken_at_zone, meta.taken_at.utcoffset()) != ("exif", offset):
        wrong.append(f"offset: exiftool {offset}, we {meta.taken_at_zone} {meta.taken_at.utcoffset()}")
    elif offset is None and (meta.taken_at_zone, meta.taken_at.tzinfo) != ("assumed", SHANGHAI):
        wrong.append(f"zone: exiftool has no offset, we {meta.taken_at_zone} {meta.taken_at.tzinfo}")

    lat, lon, rejected = et_position(et)
    if not (close(meta.lat, lat, 1e-6) and close(meta.lon, lon, 1e-6) and meta.position_rejected == rejected):
        wrong.append(
            f"position: exiftool {lat},{lon} ({rejected}), we {meta.lat},{meta.lon} ({meta.position_rejected})"
        )
    alt, alt_rejected = et_altitude(et)
    if not (close(meta.alt, alt, 0.01) and meta.altitude_rejected == alt_rejected):
        wrong.append(f"altitude: exiftool {alt} ({alt_rejected}), we {meta.alt} ({meta.altitude_rejected})")
    gps_time = et_gps_time(et)
    if not (
        gps_time == meta.gps_time
        or (gps_time and meta.gps_time and abs(gps_time - meta.gps_time).total_seconds() < 1e-3)
    ):
        wrong.append(f"gps_time: exiftool {gps_time}, we {meta.gps_time}")
    assert wrong == [], f"{name} (warnings: {meta.warnings})"


@pytest.mark.parametrize("name", sorted(PILLOW_FALLBACK) if PHOTOS.is_dir() else [NO_PHOTOS])
def test_exifread_misses_the_fallback_files(name: str) -> None:
    """Why PILLOW_FALLBACK exists: exifread silently finds nothing there (exiftool and Pillow do)."""
    with open(PHOTOS / name, "rb") as f:
        assert exifread.process_file(f, details=False, extract_thumbnail=False) == {}
    assert read_metadata(PHOTOS / name).reader == "pillow"


def test_the_fallback_reads_what_exifread_missed(oracle: dict[str, dict[str, Any]]) -> None:
    """huawei-gps-error.jpg: a full set (time, position, altitude, GPS time, camera) only via Pillow."""
    meta = read_metadata(PHOTOS / "huawei-gps-error.jpg")
    assert meta.reader == "pillow"
    assert meta.taken_at == datetime(2020, 6, 16, 18, 52, 46, tzinfo=SHANGHAI)
    assert (round(meta.lat or 0, 6), round(meta.lon or 0, 6)) == (48.302778, 8.9275)
    assert meta.gps_time == datetime(2020, 6, 16, 16, 52, 44, tzinfo=UTC)
    assert (meta.make, meta.model, meta.orientation) == ("HUAWEI", "ELE-L29", None)  # Orientation 0 is no value
    assert "orientation out of range: 0" in meta.warnings
    assert oracle["huawei-gps-error.jpg"]["EXIF:IFD0:Orientation"] == 0


def test_heif_size_is_stored_and_pillow_heif_already_rotates(oracle: dict[str, dict[str, Any]]) -> None:
    """iPhone HEIC: stored 4032×3024 with irot 90° and EXIF Orientation 6. pillow-heif hands Pillow the
    rotated 3024×4032 image and sets the EXIF orientation it exposes to 1 — so derive must not rotate."""
    path = PHOTOS / "iphone_15_pro.heic"
    meta = read_metadata(path)
    assert (meta.width, meta.height, meta.orientation) == (4032, 3024, 6)
    assert (oracle[path.name]["File:ImageWidth"], oracle[path.name]["File:ImageHeight"]) == (4032, 3024)
    assert register_heif()
    with Image.open(path) as img:
        assert img.size == (3024, 4032)
        assert img.getexif().get(0x0112) == 1


# --- Files made here ----------------------------------------------------------------------------------


def jpeg_with_exif(
    path: Path,
    *,
    ifd0: dict[int, Any] | None = None,
    exif_ifd: dict[int, Any] | None = None,
    gps: dict[int, Any] | None = None,
    size: tuple[int, int] = (16, 8),
) -> Path:
    exif = Image.Exif()
    exif.update(ifd0 or {})
    if exif_ifd:
        exif.get_ifd(0x8769).update(exif_ifd)
    if gps:
        exif.get_ifd(0x8825).update(gps)
    Image.new("RGB", size, "steelblue").save(path, "JPEG", exif=exif)
    return path


def raw_gps_jpeg(path: Path, entries: list[tuple[int, int, int, bytes]]) -> Path:
    """A JPEG whose big-endian EXIF has IFD0 with only a GPS pointer and a GPS IFD of (tag, type, count, data)
    entries written byte for byte — for values Pillow refuses to write, such as a NaN DOUBLE."""

    def ifd(items: list[tuple[int, int, int, bytes]], at: int) -> bytes:
        table, data = struct.pack(">H", len(items)), b""
        data_at = at + 2 + 12 * len(items) + 4
        for tag, kind, count, payload in sorted(items):
            if len(payload) <= 4:
                value = payload.ljust(4, b"\0")
            else:
                value, data = struct.pack(">I", data_at + len(data)), data + payload
            table += struct.pack(">HHI", tag, kind, count) + value
        return table + b"\0\0\0\0" + data

    ifd0_size = len(ifd([(0x8825, 4, 1, b"\0\0\0\0")], 8))
    block = b"MM\0*" + struct.pack(">I", 8)
    block += ifd([(0x8825, 4, 1, struct.pack(">I", 8 + ifd0_size))], 8) + ifd(entries, 8 + ifd0_size)
    Image.new("RGB", (8, 8)).save(path, "JPEG", exif=b"Exif\0\0" + block)
    return path


def rationals(*pairs: tuple[int, int]) -> bytes:
    return b"".join(struct.pack(">II", n, d) for n, d in pairs)


GOOD_LON = {3: "E", 4: (113.0, 11.0, 30.0)}  # Pingdingshan


def test_detect_format_by_content() -> None:
    assert detect_format(b"\xff\xd8\xff\xe1\x00\x10Exif") == "jpeg"
    assert detect_format(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR") == "png"
    assert detect_format(b"II*\0\x08\0\0\0") == detect_format(b"MM\0*\0\0\0\x08") == "tiff"
    assert detect_format(b"RIFF\x10\0\0\0WEBPVP8 ") == "webp"
    assert detect_format(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic") == "heif"
    assert detect_format(b"\0\0\0\x1cftypmif1\0\0\0\0mif1miafheic") == "heif"
    assert detect_format(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf") is None  # AVIF: pillow-heif cannot
    assert detect_format(b"\0\0\0\x1cftypmif1\0\0\0\0mif1avifmiaf") is None
    assert detect_format(b"GIF89a") is None
    assert detect_format(b"\0\0\0\x20ftypisom") is None  # an MP4 video
    assert detect_format(b"") is None


def test_a_plain_photo(tmp_path: Path) -> None:
    path = jpeg_with_exif(
        tmp_path / "巡河 照片.jpg",  # a Chinese name with a space
        ifd0={0x010F: "HUAWEI\0\0 ", 0x0110: "  ", 0x0112: 6},
        exif_ifd={0x9003: "2024:05:01 09:30:15", 0x9011: "+09:00"},
        gps={1: "N", 2: (33.0, 44.0, 9.0), 5: b"\x01", 6: 12.5, 7: (1.0, 2.0, 3.5), 29: "2024:05:01", **GOOD_LON},
        size=(40, 30),
    )
    meta = read_metadata(path)
    assert (meta.format, meta.width, meta.height, meta.orientation, meta.reader) == ("jpeg", 40, 30, 6, "exifread")
    assert meta.taken_at == datetime(2024, 5, 1, 9, 30, 15, tzinfo=timezone(timedelta(hours=9)))
    assert meta.taken_at_zone == "exif"
    assert meta.gps_time == datetime(2024, 5, 1, 1, 2, 3, 500000, tzinfo=UTC)
    assert (meta.lat, meta.lon, meta.alt) == (pytest.approx(33.735833), pytest.approx(113.191667), -12.5)
    assert (meta.position_rejected, meta.altitude_rejected, meta.make, meta.model) == (None, None, "HUAWEI", None)
    assert meta.warnings == ()


def test_west_of_greenwich_negative_offset(tmp_path: Path) -> None:
    meta = read_metadata(
        jpeg_with_exif(
            tmp_path / "a.jpg",
            exif_ifd={0x9003: "2024:05:01 09:30:15", 0x9011: "-05:00"},
            gps={1: "S", 2: (12.0, 30.0, 0.0), 3: "W", 4: (77.0, 1.0, 48.0)},
        )
    )
    assert meta.taken_at is not None and meta.taken_at.utcoffset() == timedelta(hours=-5)
    assert (meta.lat, meta.lon) == (-12.5, pytest.approx(-77.03))


def test_no_offset_means_shanghai_assumed(tmp_path: Path) -> None:
    meta = read_metadata(jpeg_with_exif(tmp_path / "a.jpg", exif_ifd={0x9003: "2024:05:01 09:30:15"}))
    assert meta.taken_at == datetime(2024, 5, 1, 9, 30, 15, tzinfo=SHANGHAI)
    assert meta.taken_at.utcoffset() == timedelta(hours=8)
    assert meta.taken_at_zone == "assumed"


def test_unreadable_offset_is_assumed_with_a_warning(tmp_path: Path) -> None:
    meta = read_metadata(jpeg_with_exif(tmp_path / "a.jpg", exif_ifd={0x9003: "2024:05:01 09:30:15", 0x9011: "   :  "}))
    assert (meta.taken_at_zone, meta.taken_at and meta.taken_at.tzinfo) == ("assumed", SHANGHAI)
    assert any(w.startswith("offset unreadable") for w in meta.warnings)


@pytest.mark.parametrize("bad", ["0000:00:00 00:00:00", "    :  :     :  :  ", "", "2023:02:30 10:00:00", "garbage"])
def test_bad_dates_fall_back_to_digitized_with_a_warning(tmp_path: Path, bad: str) -> None:
    meta = read_metadata(
        jpeg_with_exif(
            tmp_path / "a.jpg",
            ifd0={0x0132: "2030:01:01 00:00:00"},
            exif_ifd={0x9003: bad, 0x9004: "2024:05:01 09:30:15", 0x9012: "+08:00"},
        )
    )
    assert meta.taken_at == datetime(2024, 5, 1, 9, 30, 15, tzinfo=timezone(timedelta(hours=8)))
    assert meta.taken_at_zone == "exif"  # OffsetTimeDigitized goes with DateTimeDigitized
    assert any(w.startswith("date unreadable: DateTimeOriginal=") for w in meta.warnings)


def test_no_readable_date_at_all(tmp_path: Path) -> None:
    meta = read_metadata(jpeg_with_exif(tmp_path / "a.jpg", ifd0={0x0132: "0000:00:00 00:00:00"}))
    assert (meta.taken_at, meta.taken_at_zone) == (None, None)
    assert "date unreadable: DateTime='0000:00:00 00:00:00'" in meta.warnings


@pytest.mark.parametrize(
    ("gps", "reason"),
    [
        ({1: "N", 2: (IFDRational(0, 0), IFDRational(0, 0), IFDRational(0, 0)), **GOOD_LON}, "zero_denominator"),
        ({1: "N", 2: (33.0, IFDRational(5, 0), 0.0), **GOOD_LON}, "zero_denominator"),
        ({1: "N", 2: (91.0, 0.0, 0.0), **GOOD_LON}, "lat_out_of_range"),
        ({1: "N", 2: (48.0, 15.0, 595404.032), **GOOD_LON}, "lat_out_of_range"),  # buggy_panorama.jpg's 213°
        ({1: "N", 2: (33.0, 0.0, 0.0), 3: "E", 4: (181.0, 0.0, 0.0)}, "lon_out_of_range"),
        ({1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0)}, "null_island"),
        ({1: "N", 2: (33.0, 44.0, 9.0)}, "incomplete"),
        ({3: "E", 4: (113.0, 0.0, 0.0)}, "incomplete"),
    ],
    ids=["0/0", "x/0", "lat91", "lat213", "lon181", "0,0", "lat-only", "lon-only"],
)
def test_impossible_positions_are_rejected_with_a_reason(tmp_path: Path, gps: dict[int, Any], reason: str) -> None:
    meta = read_metadata(jpeg_with_exif(tmp_path / "a.jpg", gps={**gps, 5: b"\x00", 6: 120.0}))
    assert (meta.lat, meta.lon, meta.position_rejected) == (None, None, reason)
    assert (meta.alt, meta.altitude_rejected) == (120.0, None)


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_a_not_a_number_coordinate_is_rejected(tmp_path: Path, value: float) -> None:
    path = raw_gps_jpeg(
        tmp_path / "a.jpg",
        [
            (1, 2, 2, b"N\0"),
            (2, 12, 3, struct.pack(">ddd", value, 0, 0)),
            (3, 2, 2, b"E\0"),
            (4, 5, 3, rationals((113, 1), (0, 1), (0, 1))),
        ],
    )
    meta = read_metadata(path)
    assert (meta.lat, meta.lon, meta.position_rejected, meta.reader) == (None, None, "not_a_number", "exifread")


def test_a_missing_ref_is_not_a_rejection(tmp_path: Path) -> None:
    path = raw_gps_jpeg(
        tmp_path / "a.jpg",
        [
            (2, 5, 3, rationals((33, 1), (30, 1), (0, 1))),
            (4, 5, 3, rationals((113, 1), (15, 1), (0, 1))),
        ],
    )
    meta = read_metadata(path)
    assert (meta.lat, meta.lon, meta.position_rejected) == (33.5, 113.25, None)
    assert meta.warnings == ("GPSLatitudeRef missing; assumed N", "GPSLongitudeRef missing; assumed E")


@pytest.mark.parametrize(
    ("altitude", "ref", "reason"),
    [
        (4294967295.0, b"\x00", "absurd_altitude"),
        (4294967284.0, b"\x00", "absurd_altitude"),
        (9001.0, b"\x01", "absurd_altitude"),
        (IFDRational(0, 0), b"\x00", "zero_denominator"),
        (IFDRational(7, 0), b"\x00", "zero_denominator"),
    ],
    ids=["2^32-1", "altitude.jpg", "-9001", "0/0", "7/0"],
)
def test_a_bad_altitude_keeps_the_position(tmp_path: Path, altitude: Any, ref: bytes, reason: str) -> None:
    gps = {1: "N", 2: (33.0, 44.0, 9.0), 5: ref, 6: altitude, **GOOD_LON}
    meta = read_metadata(jpeg_with_exif(tmp_path / "a.jpg", gps=gps))
    assert (meta.alt, meta.altitude_rejected) == (None, reason)
    assert meta.lat == pytest.approx(33.735833) and meta.position_rejected is None


def test_below_sea_level_and_zero(tmp_path: Path) -> None:
    meta = read_metadata(
        jpeg_with_exif(tmp_path / "a.jpg", gps={1: "N", 2: (31.0, 0.0, 0.0), 5: b"\x01", 6: 0.0, **GOOD_LON})
    )
    assert meta.alt == 0.0 and str(meta.alt) == "0.0"  # not -0.0


@pytest.mark.parametrize(
    "stamp",
    [
        ("0000:00:00", (0.0, 0.0, 0.0)),
        ("2024:05:01", (24.0, 0.0, 0.0)),
        ("2024:13:01", (1.0, 2.0, 3.0)),
        ("2024:05:01", (IFDRational(0, 0), 0.0, 0.0)),
    ],
)
def test_bad_gps_time_is_none_with_a_warning(tmp_path: Path, stamp: tuple[str, tuple[Any, ...]]) -> None:
    meta = read_metadata(jpeg_with_exif(tmp_path / "a.jpg", gps={29: stamp[0], 7: stamp[1]}))
    assert meta.gps_time is None
    assert any(w.startswith("GPS time unreadable") for w in meta.warnings)


@pytest.mark.parametrize("value", [0, 9, 65535])
def test_orientation_out_of_range_is_none(tmp_path: Path, value: int) -> None:
    meta = read_metadata(jpeg_with_exif(tmp_path / "a.jpg", ifd0={0x0112: value}))
    assert meta.orientation is None
    assert f"orientation out of range: {value}" in meta.warnings


def test_no_exif(tmp_path: Path) -> None:
    Image.new("RGB", (30, 20)).save(tmp_path / "a.jpg")
    meta = read_metadata(tmp_path / "a.jpg")
    assert meta == PhotoMetadata(
        "jpeg", 30, 20, None, None, None, None, None, None, None, None, None, None, None, "none"
    )


def test_text_named_jpg_is_not_an_image(tmp_path: Path) -> None:
    (tmp_path / "notes.jpg").write_text("巡河记录：今天水质良好\n", encoding="utf-8")
    with pytest.raises(NotAnImage):
        read_metadata(tmp_path / "notes.jpg")


def test_empty_file_is_not_an_image(tmp_path: Path) -> None:
    (tmp_path / "empty.jpg").write_bytes(b"")
    with pytest.raises(NotAnImage, match="empty"):
        read_metadata(tmp_path / "empty.jpg")


def test_jpeg_truncated_to_100_bytes(tmp_path: Path) -> None:
    full = jpeg_with_exif(tmp_path / "full.jpg", ifd0={0x0112: 6}, exif_ifd={0x9003: "2024:05:01 09:30:15"})
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(full.read_bytes()[:100])
    with pytest.raises(UnreadableImage, match="JPEG header"):  # no SOF: no size, nothing to decode
        read_metadata(cut)


def test_png_named_jpg(tmp_path: Path) -> None:
    Image.new("RGBA", (21, 13)).save(tmp_path / "screenshot.jpg", "PNG")
    meta = read_metadata(tmp_path / "screenshot.jpg")
    assert (meta.format, meta.width, meta.height, meta.reader) == ("png", 21, 13, "none")


def test_missing_file_is_unreadable_with_the_os_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableImage) as caught:
        read_metadata(tmp_path / "不存在.jpg")
    assert isinstance(caught.value.__cause__, FileNotFoundError)


def _set_u16(data: bytearray, at: int, *values: int) -> None:
    for i, value in enumerate(values):
        data[at + 2 * i : at + 2 * i + 2] = value.to_bytes(2, "big")


def test_huge_jpeg_header_reports_its_size(tmp_path: Path) -> None:
    """400 megapixels claimed by a 1 kB file: Image.open would raise DecompressionBombError; we report
    the size (the importer refuses it) and change no Pillow global to do so."""
    data = bytearray((jpeg_with_exif(tmp_path / "small.jpg", ifd0={0x0112: 1})).read_bytes())
    sof = data.index(b"\xff\xc0")
    _set_u16(data, sof + 5, 20000, 20000)  # SOF0: length(2) precision(1) height(2) width(2)
    (tmp_path / "bomb.jpg").write_bytes(bytes(data))
    limit = Image.MAX_IMAGE_PIXELS
    with pytest.raises(Image.DecompressionBombError):
        Image.open(tmp_path / "bomb.jpg")
    meta = read_metadata(tmp_path / "bomb.jpg")
    assert (meta.width, meta.height, meta.orientation) == (20000, 20000, 1)
    assert limit == Image.MAX_IMAGE_PIXELS  # nothing global was changed


def test_huge_png_header_reports_its_size(tmp_path: Path) -> None:
    Image.new("L", (4, 4)).save(tmp_path / "small.png")
    data = bytearray((tmp_path / "small.png").read_bytes())
    data[16:24] = struct.pack(">II", 20000, 20000)  # IHDR width, height …
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))  # … and its CRC
    (tmp_path / "bomb.png").write_bytes(bytes(data))
    meta = read_metadata(tmp_path / "bomb.png")
    assert (meta.format, meta.width, meta.height) == ("png", 20000, 20000)


def test_never_crashes_on_damaged_exif(tmp_path: Path) -> None:
    """Random bytes overwritten inside the EXIF block, and every truncation: metadata or one of our two errors."""
    original = jpeg_with_exif(
        tmp_path / "a.jpg",
        ifd0={0x010F: "Xiaomi", 0x0112: 6},
        exif_ifd={0x9003: "2024:05:01 09:30:15", 0x9011: "+08:00"},
        gps={1: "N", 2: (33.0, 44.0, 9.0), 5: b"\x00", 6: 120.0, 7: (1.0, 2.0, 3.0), 29: "2024:05:01", **GOOD_LON},
    ).read_bytes()
    exif_end = 4 + int.from_bytes(original[4:6], "big")
    rng = random.Random(20240501)
    samples = [bytes(original[:n]) for n in range(0, len(original), 37)]
    for _ in range(300):
        damaged = bytearray(original)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(12, exif_end)] = rng.randrange(256)
        samples.append(bytes(damaged))
    path = tmp_path / "damaged.jpg"
    for data in samples:
        path.write_bytes(data)
        try:
            meta = read_metadata(path)
        except (NotAnImage, UnreadableImage):
            continue
        assert meta.format == "jpeg"
        assert meta.lat is None or -90 <= meta.lat <= 90
        assert meta.alt is None or abs(meta.alt) <= 9000
        assert meta.taken_at is None or meta.taken_at.tzinfo is not None


def test_tiff_and_webp(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 8
    Image.new("RGB", (12, 7)).save(tmp_path / "a.tif", exif=exif)
    Image.new("RGB", (12, 7)).save(tmp_path / "a.webp", exif=exif)
    for name, fmt in (("a.tif", "tiff"), ("a.webp", "webp")):
        meta = read_metadata(tmp_path / name)
        assert (meta.format, meta.width, meta.height, meta.orientation) == (fmt, 12, 7, 8), name


def test_reads_do_not_leak_file_handles(tmp_path: Path) -> None:
    path = jpeg_with_exif(tmp_path / "a.jpg", ifd0={0x0112: 3})
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():
        pytest.skip("no /proc/self/fd on this platform")
    before = len(os.listdir(fd_dir))
    for _ in range(50):
        read_metadata(path)
    assert len(os.listdir(fd_dir)) <= before
