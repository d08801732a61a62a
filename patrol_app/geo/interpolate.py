"""A position for a moment from a time-stamped track: how a photo without GPS gets a place.

The photo's time is looked up in the track; between two fixes the position is interpolated along the
great circle between them (at patrol scale a straight line in lat/lon is within centimetres, but the
great circle is as cheap and right everywhere). A photo taken outside the track, or in a gap longer
than `max_gap_s` (the receiver lost its fix, or the patroller drove off), gets no position: a made-up
place is worse than none.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Fix:
    time: datetime
    lat: float
    lon: float
    ele: float | None = None


def _to_vec(lat: float, lon: float) -> tuple[float, float, float]:
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def _slerp(a: Fix, b: Fix, t: float) -> tuple[float, float]:
    va, vb = _to_vec(a.lat, a.lon), _to_vec(b.lat, b.lon)
    dot = max(-1.0, min(1.0, sum(x * y for x, y in zip(va, vb, strict=True))))
    omega = math.acos(dot)
    if omega < 1e-12:
        return a.lat, a.lon
    sa, sb = math.sin((1 - t) * omega) / math.sin(omega), math.sin(t * omega) / math.sin(omega)
    x, y, z = (sa * p + sb * q for p, q in zip(va, vb, strict=True))
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def position_at(track: Sequence[Fix], moment: datetime, *, max_gap_s: float = 300.0,
                tolerance_s: float = 60.0) -> Fix | None:
    """Where the track was at `moment`, or None.

    `track` must be sorted by time. A moment within `tolerance_s` before the first or after the last
    fix takes that fix; between fixes further apart than `max_gap_s` there is no answer.
    """
    if not track:
        return None
    times = [f.time for f in track]
    i = bisect.bisect_left(times, moment)
    if i < len(track) and track[i].time == moment:
        return track[i]
    if i == 0:
        return track[0] if (track[0].time - moment).total_seconds() <= tolerance_s else None
    if i == len(track):
        return track[-1] if (moment - track[-1].time).total_seconds() <= tolerance_s else None
    a, b = track[i - 1], track[i]
    span = (b.time - a.time).total_seconds()
    if span > max_gap_s:
        return None
    t = (moment - a.time).total_seconds() / span
    lat, lon = _slerp(a, b, t)
    ele = a.ele + (b.ele - a.ele) * t if a.ele is not None and b.ele is not None else None
    return Fix(moment, lat, lon, ele)
