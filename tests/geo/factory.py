"""Tracks for the geo tests: the shared real files, and made-up walks along a (lon, lat) line at a set speed."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from patrol_app.geo.track import Track, TrackPoint
from tests.conftest import SHARED_TESTDATA

# Real track files shared between worktrees (sources and licences in SOURCES.tsv there).
TRACKS = SHARED_TESTDATA / "tracks"
FILES = sorted(p for p in TRACKS.glob("*") if p.suffix in (".gpx", ".kml", ".nmea")) if TRACKS.is_dir() else []

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
REACH = [(112.62, 33.758), (112.632, 33.76), (112.644, 33.754), (112.656, 33.756), (112.668, 33.75), (112.68, 33.752)]
_R = 6371008.8


def _xy(line: Sequence[tuple[float, float]]) -> tuple[list[tuple[float, float]], float, float, float]:
    lat0 = line[0][1]
    k = math.cos(math.radians(lat0))
    return [(math.radians(x) * _R * k, math.radians(y) * _R) for x, y in line], k, lat0, 0.0


def walk(line: Sequence[tuple[float, float]] = REACH, *, speed_mps: float = 1.2, every_s: float = 5.0,
         start: float = 0.0, end: float = 1.0, offset_m: float = 0.0, t0: datetime = T0) -> Track:
    """Points along `line` from fraction `start` to `end` of its length, `offset_m` north of it."""
    xy, k, _, _ = _xy(line)
    cum = [0.0]
    for (ax, ay), (bx, by) in zip(xy, xy[1:], strict=False):
        cum.append(cum[-1] + math.hypot(bx - ax, by - ay))
    total = cum[-1]
    s, t = start * total, 0.0
    points = []
    while True:
        s_here = min(s, end * total)
        i = max(j for j in range(len(cum) - 1) if cum[j] <= s_here)
        f = (s_here - cum[i]) / (cum[i + 1] - cum[i])
        x = xy[i][0] + f * (xy[i + 1][0] - xy[i][0])
        y = xy[i][1] + f * (xy[i + 1][1] - xy[i][1]) + offset_m
        points.append(TrackPoint(math.degrees(y / _R), math.degrees(x / (_R * k)), t0 + timedelta(seconds=t), 90.0))
        if s_here >= end * total:
            break
        s += speed_mps * every_s
        t += every_s
    return Track(tuple(points), "gpx", "made up")
