"""Distances along tracks: properties of the path length, and the stats a patrol is judged on."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patrol_app.geo.measure import geodesic_m, path_length_m, stats
from patrol_app.geo.track import Track, TrackPoint
from tests.geo.factory import T0, walk


def test_one_degree_of_latitude_at_the_equator() -> None:
    assert geodesic_m((0.0, 0.0), (1.0, 0.0)) == pytest.approx(110574.389, abs=0.01)  # WGS-84 meridian arc
    assert geodesic_m((33.75, 112.65), (33.75, 112.65)) == 0.0


coords = st.tuples(st.floats(18, 53), st.floats(73, 135))
paths = st.lists(coords, min_size=2, max_size=30)


def points(pairs: list[tuple[float, float]], segment: int = 0) -> list[TrackPoint]:
    return [TrackPoint(lat, lon, None, None, segment) for lat, lon in pairs]


@settings(max_examples=100, deadline=None)
@given(paths, st.data())
def test_length_is_additive_over_splits(pairs: list[tuple[float, float]], data: st.DataObject) -> None:
    k = data.draw(st.integers(0, len(pairs) - 1))
    whole = path_length_m(points(pairs))
    split = points(pairs[: k + 1], 0) + points(pairs[k:], 1)  # both halves share the split point
    assert path_length_m(split) == pytest.approx(whole, rel=1e-6, abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(paths)
def test_length_is_the_same_backwards(pairs: list[tuple[float, float]]) -> None:
    assert path_length_m(points(pairs[::-1])) == pytest.approx(path_length_m(points(pairs)), rel=1e-9, abs=1e-6)


@given(coords)
def test_one_point_has_no_length(pair: tuple[float, float]) -> None:
    assert path_length_m(points([pair])) == 0.0
    assert path_length_m([]) == 0.0


@settings(max_examples=50, deadline=None)
@given(paths, paths)
def test_length_never_bridges_a_segment_break(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> None:
    joined = points(a, 0) + points(b, 1)
    assert path_length_m(joined) == pytest.approx(path_length_m(points(a)) + path_length_m(points(b)), rel=1e-12)


def test_walk_stats() -> None:
    track = walk(speed_mps=1.2, every_s=5)
    s = stats(track)
    assert s.points == len(track.points) and s.segments == 1
    assert s.start == T0 and s.end == track.points[-1].time
    assert s.duration_s == pytest.approx(s.distance_m / 1.2, abs=5)
    assert s.moving_s == pytest.approx(s.duration_s, abs=5)
    assert s.max_speed_mps == pytest.approx(1.2, rel=0.01)


def test_standing_still_and_long_gaps_are_not_moving_time() -> None:
    track = walk(speed_mps=1.2, every_s=5, end=0.2)
    last = track.points[-1]
    assert last.time is not None
    standing = [dataclasses.replace(last, time=last.time + timedelta(seconds=5 * i)) for i in range(1, 61)]
    later = walk(speed_mps=1.2, every_s=5, start=0.2, end=0.4, t0=last.time + timedelta(minutes=45))
    s = stats(Track(track.points + tuple(standing) + later.points, "gpx"))
    moving_alone = stats(track).moving_s + stats(later).moving_s  # type: ignore[operator]
    assert s.moving_s == moving_alone  # 5 minutes standing and the 40-minute gap add nothing
    assert s.duration_s == round((later.points[-1].time - T0).total_seconds())  # type: ignore[operator]


def test_one_jittery_fix_does_not_make_a_sustained_speed() -> None:
    track = walk(speed_mps=1.2, every_s=1, end=0.1)
    pts = list(track.points)
    pts[50] = dataclasses.replace(pts[50], lat=pts[50].lat + 0.0002)  # 22 m off and back, in 1 s each way
    s = stats(Track(tuple(pts), "gpx"))
    assert s.max_speed_mps is not None and s.max_speed_mps < 1.2 + 2 * 23 / 30 + 0.05


def test_no_times_no_durations() -> None:
    s = stats(Track(tuple(points([(33.75, 112.65), (33.76, 112.66)])), "kml"))
    assert (s.start, s.end, s.duration_s, s.moving_s, s.max_speed_mps) == (None, None, None, None, None)
    assert s.distance_m > 0


def test_ten_thousand_points() -> None:
    """A long recording (10,000+ fixes) is measured whole; its speed is in bench/, not timed here."""
    track = walk(speed_mps=1.2, every_s=0.4)
    assert len(track.points) > 10_000
    s = stats(track)
    assert s.points == len(track.points) and abs(s.max_speed_mps - 1.2) < 0.05


@settings(max_examples=300, deadline=None)
@given(st.floats(-85, 85), st.floats(-180, 180), st.floats(0.5, 999), st.floats(0, 360))
def test_short_steps_agree_with_the_exact_geodesic(lat: float, lon: float, metres: float, azimuth: float) -> None:
    """Steps under 1 km are measured on the local plane: within a millimetre of Karney's geodesic."""
    from geographiclib.geodesic import Geodesic

    end = Geodesic.WGS84.Direct(lat, lon, azimuth, metres)
    track = [TrackPoint(lat, lon, None), TrackPoint(end["lat2"], end["lon2"], None)]
    assert abs(path_length_m(track) - metres) < 1e-3
