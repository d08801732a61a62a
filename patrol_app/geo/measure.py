"""Track maths: geodesic distance on the WGS-84 ellipsoid, moving time and sustained speed.

Distances are on the WGS-84 ellipsoid, not a sphere (a sphere is off by up to 0.5% depending on latitude
and direction, enough to tip a 1 km minimum): steps under 1 km on the ellipsoid's local plane (within
0.1 mm of the geodesic, vectorised), longer ones with geographiclib's exact geodesics.
Each step is measured once; `step_lengths_m` lets `stats` and `checks` share the work.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from geographiclib.geodesic import Geodesic

from patrol_app.geo.track import Track, TrackPoint

_GEOD = Geodesic.WGS84
_DISTANCE = Geodesic.DISTANCE  # ask Inverse for s12 only: about twice as fast as the full solution
MOVING_MPS = 0.3  # slower than this is standing and GPS jitter
MAX_MOVING_STEP_S = 600  # a longer gap between fixes is a pause or lost signal, not known movement
SUSTAINED_S = 30.0  # speed is judged over at least this long, so one jittery fix cannot make a car of a walker


def geodesic_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Metres between two (lat, lon) points along the WGS-84 ellipsoid."""
    if a == b:
        return 0.0
    return float(_GEOD.Inverse(a[0], a[1], b[0], b[1], _DISTANCE)["s12"])


def step_lengths_m(points: Sequence[TrackPoint]) -> list[float | None]:
    """For each point, metres from the point before it, or None where a segment starts.

    Element 0 is always None. A step is only measured between consecutive points of one segment.
    A track's points are a tuple; the answer for the last few is kept, because `stats`, `check_track`
    and the editor ask about the same track in turn, and a geodesic costs 30–80 µs.
    """
    if isinstance(points, tuple):
        return list(_cached_steps(points))
    return list(_steps(points))


@functools.lru_cache(maxsize=8)
def _cached_steps(points: tuple[TrackPoint, ...]) -> tuple[float | None, ...]:
    return _steps(points)


# Steps shorter than this are measured on the ellipsoid's local plane at their mid-latitude (meridian and
# prime-vertical radii of curvature): for a step under 1 km that differs from the exact geodesic by well
# under a millimetre, and it is vectorised, so a 10,000-fix recording is measured in milliseconds instead of
# a second of pure-Python geodesics on a slow laptop. Longer steps (jumps, sparse tracks) stay exact.
SHORT_STEP_M = 1000.0
_A = 6378137.0
_E2 = 6.69437999014e-3  # WGS-84 first eccentricity squared


def _steps(points: Sequence[TrackPoint]) -> tuple[float | None, ...]:
    n = len(points)
    if n < 2:
        return (None,) * n
    lat = np.radians(np.fromiter((p.lat for p in points), float, n))
    lon = np.radians(np.fromiter((p.lon for p in points), float, n))
    seg = np.fromiter((p.segment for p in points), np.int64, n)
    mid = (lat[1:] + lat[:-1]) / 2
    w = 1.0 - _E2 * np.sin(mid) ** 2
    meridian = _A * (1.0 - _E2) / w**1.5
    prime = _A / np.sqrt(w)
    dlon = (lon[1:] - lon[:-1] + np.pi) % (2 * np.pi) - np.pi
    near = np.hypot(meridian * (lat[1:] - lat[:-1]), prime * np.cos(mid) * dlon)
    out: list[float | None] = [None]
    for i, d in enumerate(near.tolist(), start=1):
        if seg[i] != seg[i - 1]:
            out.append(None)
        elif d < SHORT_STEP_M:
            out.append(d)
        else:
            a, b = points[i - 1], points[i]
            out.append(geodesic_m((a.lat, a.lon), (b.lat, b.lon)))
    return tuple(out)


def path_length_m(points: Sequence[TrackPoint]) -> float:
    """Length of the track: geodesic steps within segments, never across a segment break."""
    return sum(d for d in step_lengths_m(points) if d is not None)


def sustained_speed(points: Sequence[TrackPoint], steps: Sequence[float | None] | None = None,
                    *, window_s: float = SUSTAINED_S) -> tuple[float, int] | None:
    """The highest speed kept up over at least `window_s`, and the index of the point ending that window.

    For each timed point, the window is the shortest one of at least `window_s` that ends there; the
    speed is the path length over the window's duration. A window never spans a None step (segment
    break, or a step the caller wants left out) nor a time that goes backwards. None: no such window.
    """
    if steps is None:
        steps = step_lengths_m(points)
    best: tuple[float, int] | None = None
    run: list[tuple[float, float, int]] = []  # (seconds, cumulative metres, index) of the current run
    cum = 0.0
    t0: datetime | None = None
    start = 0
    for i, p in enumerate(points):
        d = steps[i]
        if d is None:
            run, start, cum = [], 0, 0.0
        else:
            cum += d
        if p.time is None:
            continue
        t0 = t0 or p.time
        t = (p.time - t0).total_seconds()
        if run and t < run[-1][0]:
            run, start = [], 0  # clock went backwards: start again from here
        run.append((t, cum, i))
        while start + 1 < len(run) and t - run[start + 1][0] >= window_s:
            start += 1
        ts, cs, _ = run[start]
        if t - ts >= window_s:
            speed = (cum - cs) / (t - ts)
            if best is None or speed > best[0]:
                best = (speed, i)
    return best


@dataclass(frozen=True)
class TrackStats:
    points: int
    segments: int
    distance_m: float
    start: datetime | None
    end: datetime | None
    duration_s: int | None  # end - start over the timed points (None without times)
    moving_s: int | None  # steps within a segment faster than MOVING_MPS and under MAX_MOVING_STEP_S apart
    max_speed_mps: float | None  # highest speed sustained over >= SUSTAINED_S (None without times)


def stats(track: Track) -> TrackStats:
    points = track.points
    steps = step_lengths_m(points)
    times = [p.time for p in points if p.time is not None]
    start, end = (min(times), max(times)) if times else (None, None)
    moving: float | None = None
    if times:
        moving = 0.0
        for i in range(1, len(points)):
            d, a, b = steps[i], points[i - 1].time, points[i].time
            if d is None or a is None or b is None:
                continue
            dt = (b - a).total_seconds()
            if 0 < dt < MAX_MOVING_STEP_S and d / dt > MOVING_MPS:
                moving += dt
    fastest = sustained_speed(points, steps)
    return TrackStats(
        points=len(points),
        segments=track.segments,
        distance_m=sum(d for d in steps if d is not None),
        start=start,
        end=end,
        duration_s=None if start is None or end is None else round((end - start).total_seconds()),
        moving_s=None if moving is None else round(moving),
        max_speed_mps=None if fastest is None else fastest[0],
    )
