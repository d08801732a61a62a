"""What every track reader shares: the refusal error, raw segments, time parsing and the last clean-up.

The format readers (`_gpx`, `_kml`, `_nmea`) only turn bytes into raw segments; the rules about which
points and times are believable live here once, so a GPX and an NMEA log are judged alike.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

from patrol_app.geo.gcj02 import gcj02_to_wgs84
from patrol_app.geo.track import Note, Track, TrackPoint

# GPS time starts on 1980-01-06; an earlier time is a receiver's placeholder (Garmin exports write
# 1901-12-13T20:45:52Z, the most negative 32-bit Unix time), not a moment of the patrol.
GPS_EPOCH = datetime(1980, 1, 6, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)

RawPoint = tuple[float, float, datetime | None, float | None]  # lat, lon, time, ele


class TrackFileError(Exception):
    """A file refused as a track, with a reason a patroller can act on, in Chinese and English."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.code = code
        self.zh = zh
        self.en = en


@dataclass
class RawTrack:
    """A reader's output before the shared clean-up: segments may be empty, points may be nonsense."""

    segments: list[list[RawPoint]] = field(default_factory=list)
    name: str = ""
    notes: list[Note] = field(default_factory=list)
    empty_parts: int = 0  # segments (or tracks) in the file that had no points at all


def too_many_points(limit: int) -> TrackFileError:
    return TrackFileError(
        "too_many_points",
        f"轨迹点超过 {limit:,} 个，太多了。请在导出时降低记录频率，或把轨迹分成几段再导入。",
        f"The track has more than {limit:,} points. Export it with a lower logging rate, or split it.",
    )


_ISO = re.compile(
    r"\s*(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?\s*(Z|[+-]\d\d(?::?\d\d)?)?\s*$",
    re.IGNORECASE,
)


def parse_iso_time(text: str | None) -> datetime | None:
    """An ISO 8601 date-time as aware UTC, None for anything else (a bare date is not a fix time).

    Read as gpxpy read GPX times (one-digit fields, "+08" offsets; fractions beyond microseconds cut), so
    GPX and KML times agree and GPX reads as it did before. A time without an offset is taken as UTC:
    the GPX schema says so, and KML writers in practice mean it.
    """
    if not text:
        return None
    if (len(text) == 20 and text[19] in "Zz" and text[10] in "Tt " and text[4] == text[7] == "-"
            and text[13] == text[16] == ":"):
        # What loggers write once a second (2026-11-02T08:00:00Z): parsed in C, a third of a day-long
        # log's import time otherwise. Anything odd falls through to the full rule below.
        try:
            return datetime.fromisoformat(text[:19]).replace(tzinfo=UTC)
        except ValueError:
            pass
    m = _ISO.match(text)
    if not m:
        return None
    year, month, day, hour, minute, second = (int(m.group(i)) for i in range(1, 7))
    micro = int((m.group(7) or ".")[1:7].ljust(6, "0"))
    try:
        moment = datetime(year, month, day, hour, minute, second, micro)
    except ValueError:
        return None
    zone = m.group(8)
    if zone and zone.upper() != "Z":
        sign = -1 if zone[0] == "-" else 1
        hh, mm = int(zone[1:3]), int(zone[-2:]) if len(zone) > 3 else 0  # ISO 8601 allows "+08"
        if hh > 23 or mm > 59:
            return None
        moment = moment.replace(tzinfo=timezone(sign * timedelta(hours=hh, minutes=mm)))
    return to_utc(moment)


def to_utc(moment: datetime | None) -> datetime | None:
    """Aware UTC; a naive time is UTC (GPX, NMEA and KML all mean UTC when they give no offset)."""
    if moment is None:
        return None
    try:
        if moment.tzinfo is None or moment.utcoffset() is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def _valid_position(lat: object, lon: object) -> bool:
    if not (isinstance(lat, int | float) and isinstance(lon, int | float) and math.isfinite(lat)
            and math.isfinite(lon)):
        return False
    # 0,0 is in the Gulf of Guinea: a receiver with no fix, never a Chinese river.
    return abs(lat) <= 90 and abs(lon) <= 180 and not (lat == 0 and lon == 0)


def finish(raw: RawTrack, *, fmt: str, source: str, fallback_name: str, crs: str, max_points: int) -> Track:
    """Drop impossible points and times, renumber segments, undo GCJ-02, refuse a track with no point.

    Every drop is counted in a Note, so nothing disappears silently. `raw` is used up: its segments are
    let go one by one as they are judged, and a point that passes unchanged keeps its tuple, so a big
    track is not held twice over.
    """
    segments: list[list[RawPoint]] = []
    bad_points = bad_times = 0
    raw.segments.reverse()
    while raw.segments:
        seg = raw.segments.pop()
        kept: list[RawPoint] = []
        for point in seg:
            lat, lon, time, ele = point
            if not _valid_position(lat, lon):
                bad_points += 1
                continue
            if time is not None and not (GPS_EPOCH <= time < LATEST):
                time = None
                bad_times += 1
                point = (lat, lon, time, ele)
            if ele is not None and not math.isfinite(ele):
                point = (lat, lon, time, None)
            kept.append(point)
        del seg
        if kept:
            segments.append(kept)
    notes = list(raw.notes)
    if raw.empty_parts:
        notes.append(Note("empty_segments", f"跳过了 {raw.empty_parts} 个没有点的轨迹段。",
                          f"Skipped {raw.empty_parts} track segment(s) with no points."))
    if bad_points:
        notes.append(Note("invalid_points", f"跳过了 {bad_points} 个坐标不可能的点（如 0,0 或超出范围）。",
                          f"Skipped {bad_points} point(s) with impossible coordinates (such as 0,0 or out of range)."))
    if bad_times:
        notes.append(Note("invalid_times",
                          f"{bad_times} 个点的时间不可信（早于 1980 年或晚于 2100 年），按无时间处理。",
                          f"{bad_times} point(s) had an impossible time (before 1980 or after 2100); "
                          "they are kept without a time."))
    total = sum(len(s) for s in segments)
    if total == 0:
        raise TrackFileError(
            "no_points",
            "文件里没有可用的轨迹点。请确认导出的是“轨迹”（不是航点或标注），并且带有经纬度。",
            "The file has no usable track points. Check that you exported a track (not waypoints or "
            "placemarks) and that it has coordinates.",
        )
    if total > max_points:
        raise too_many_points(max_points)
    if crs == "gcj02":
        segments = [[(*gcj02_to_wgs84(lat, lon), t, e) for lat, lon, t, e in seg] for seg in segments]
        notes.append(Note("gcj02", f"已把 {total} 个点从 GCJ-02（火星坐标）换算为 WGS-84。",
                          f"Converted {total} point(s) from GCJ-02 to WGS-84."))
    points = tuple(_track_points(segments, source))
    return Track(points, fmt, raw.name.strip() or fallback_name, tuple(notes))


def _track_points(segments: list[list[RawPoint]], source: str) -> Iterator[TrackPoint]:
    """The points of each segment in turn, each segment's raw tuples let go once it is made into points,
    so a big track is never held twice over."""
    segments.reverse()
    index = 0
    while segments:
        seg = segments.pop()
        for lat, lon, time, ele in seg:
            yield TrackPoint(lat, lon, time, ele, index, source)
        del seg
        index += 1
