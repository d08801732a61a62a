from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from patrol_app.geo.interpolate import Fix, position_at

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


def test_midpoint_and_ends() -> None:
    track = [Fix(T0, 33.70, 113.20, 80.0), Fix(T0 + timedelta(seconds=100), 33.71, 113.21, 90.0)]
    mid = position_at(track, T0 + timedelta(seconds=50))
    assert mid is not None and abs(mid.lat - 33.705) < 1e-4 and abs(mid.lon - 113.205) < 1e-4
    assert mid.ele == 85.0
    assert position_at(track, T0) == track[0]
    assert position_at(track, T0 + timedelta(seconds=100)) == track[1]


def test_outside_the_track_or_in_a_long_gap_gives_nothing() -> None:
    track = [Fix(T0, 33.7, 113.2), Fix(T0 + timedelta(seconds=30), 33.7001, 113.2),
             Fix(T0 + timedelta(hours=1), 33.8, 113.3)]
    assert position_at(track, T0 - timedelta(seconds=30)) == track[0]  # within tolerance
    assert position_at(track, T0 - timedelta(minutes=5)) is None
    assert position_at(track, T0 + timedelta(minutes=30)) is None  # in the 1-hour gap
    assert position_at(track, T0 + timedelta(hours=2)) is None
    assert position_at([], T0) is None


coords = st.tuples(st.floats(33.0, 34.5), st.floats(112.5, 114.0))


@given(coords, coords, st.integers(1, 300), st.floats(0, 1))
def test_interpolated_point_lies_on_the_segment(a: tuple[float, float], b: tuple[float, float], span: int,
                                                 t: float) -> None:
    fa, fb = Fix(T0, *a), Fix(T0 + timedelta(seconds=span), *b)
    moment = T0 + timedelta(seconds=span * t)
    p = position_at([fa, fb], moment)
    assert p is not None
    d_ab = haversine(a, b)
    d_ap, d_pb = haversine(a, (p.lat, p.lon)), haversine((p.lat, p.lon), b)
    # On the segment: the two parts add up to the whole (within a millimetre), split in time proportion.
    assert abs(d_ap + d_pb - d_ab) < 1e-3
    fraction = (moment - T0).total_seconds() / span
    assert abs(d_ap - fraction * d_ab) < 1e-3 + 1e-9 * d_ab
