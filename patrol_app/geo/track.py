"""A patrol track as the rest of the app sees it: points in segments, the notes made while reading it.

Everything here is immutable and plain, so a track read from a file, built from photos or loaded
from the database looks the same to the maths (`measure`, `checks`) and to the map.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from patrol_app.geo.interpolate import Fix

SOURCES = ("gpx", "kml", "nmea", "photo", "manual")
FORMATS = ("gpx", "kml", "nmea", "photos")

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)
_US = timedelta(microseconds=1)
_ENCODE_SLICE = 10_000
_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\n\r]*")  # JSON's whitespace


@dataclass(frozen=True)
class Note:
    """Something the reader read past or changed, told to people in Chinese and English.

    Kept with the track so an office reviewer can see why a track has fewer points than the file.
    """

    code: str
    zh: str
    en: str


@dataclass(frozen=True, slots=True)  # slots: a day-long 1 Hz log is 86,400 of these, ~80 bytes each
class TrackPoint:
    lat: float  # WGS-84 degrees
    lon: float
    time: datetime | None  # aware, UTC; None when the file has no (believable) time for the point
    ele: float | None = None
    segment: int = 0  # 0-based index of the non-empty segment the point belongs to
    source: str = "gpx"  # 'gpx' | 'kml' | 'nmea' | 'photo' | 'manual'


@dataclass(frozen=True)
class Track:
    """Points in file order; a new `segment` number marks a break (receiver off, new GPX trkseg).

    Distance and speed are never measured across a break: the patroller may have driven home.
    """

    points: tuple[TrackPoint, ...]
    format: str  # 'gpx' | 'kml' | 'nmea' | 'photos'
    name: str = ""
    notes: tuple[Note, ...] = ()

    @property
    def segments(self) -> int:
        return len({p.segment for p in self.points})

    @property
    def timed(self) -> bool:
        return bool(self.points) and all(p.time is not None for p in self.points)

    def segment_points(self) -> list[tuple[TrackPoint, ...]]:
        """The points of each segment, segments in ascending number, points in track order."""
        groups: dict[int, list[TrackPoint]] = {}
        for p in self.points:
            groups.setdefault(p.segment, []).append(p)
        return [tuple(groups[k]) for k in sorted(groups)]


def _unix(time: datetime | None) -> int | float | None:
    """Seconds since 1970 rounded to the millisecond, an int when whole (most GPS fixes are).

    Integer arithmetic on timedelta keeps this exact; `datetime.timestamp()` would be a float away.
    """
    if time is None:
        return None
    ms = round((time - _EPOCH) / _US / 1000)
    return ms // 1000 if ms % 1000 == 0 else ms / 1000


def encode_points(points: Sequence[TrackPoint]) -> str:
    """Compact JSON for storage: [[unix_s|null, lat, lon, ele|null, segment, source], ...].

    Lat/lon keep 7 decimals (about 1 cm), elevation 1 decimal, times milliseconds: more than any
    consumer GPS can tell, and a 10k-point track stays around half a megabyte.
    """
    # In slices: the rows of a whole day-long log as Python lists would cost several times the text.
    parts = []
    for start in range(0, len(points), _ENCODE_SLICE):
        rows = [
            [_unix(p.time), round(p.lat, 7), round(p.lon, 7), None if p.ele is None else round(p.ele, 1), p.segment,
             p.source]
            for p in points[start:start + _ENCODE_SLICE]
        ]
        parts.append(json.dumps(rows, separators=(",", ":"), allow_nan=False)[1:-1])
    return "[" + ",".join(parts) + "]"


def decode_points(text: str) -> tuple[TrackPoint, ...]:
    """The inverse of `encode_points` (exact for points that were already rounded as it rounds).

    Read one row at a time: `json.loads` of a day-long log would first build every row as a Python
    list, hundreds of MB for half a million points, before a single point exists.
    """
    out = []
    scan = _DECODER.raw_decode
    i = _WS.match(text, 0).end()  # type: ignore[union-attr]
    if text[i:i + 1] != "[":
        raise ValueError("stored points are not a JSON array")
    i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
    if text[i:i + 1] == "]":
        i += 1
    else:
        while True:
            (t, lat, lon, ele, segment, source), i = scan(text, i)
            time = None if t is None else _EPOCH + round(t * 1000) * _MS
            out.append(TrackPoint(float(lat), float(lon), time, None if ele is None else float(ele), int(segment),
                                  str(source)))
            i = _WS.match(text, i).end()  # type: ignore[union-attr]
            if text[i:i + 1] == "]":
                i += 1
                break
            if text[i:i + 1] != ",":
                raise ValueError(f"stored points: expected ',' or ']' at {i}")
            i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
    if text[i:].strip(" \t\n\r"):
        raise ValueError(f"stored points: extra data at {i}")
    return tuple(out)


def fixes(points: Sequence[TrackPoint]) -> list[Fix]:
    """The timed points sorted by time, in the form `interpolate.position_at` looks photos up in."""
    timed = sorted((p for p in points if p.time is not None), key=lambda p: p.time)  # type: ignore[arg-type, return-value]
    return [Fix(p.time, p.lat, p.lon, p.ele) for p in timed]  # type: ignore[arg-type]
