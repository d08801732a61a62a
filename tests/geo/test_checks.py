"""Checks on made-up patrols along a reach near Pingdingshan (33.75N 112.65E)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from patrol_app.geo.checks import Flag, ReachFit, check_track, reach_fit
from patrol_app.geo.measure import TrackStats, stats
from patrol_app.geo.track import Track, TrackPoint
from tests.geo.factory import REACH, T0, walk

RULE = {"min_duration_s": 600, "min_distance_m": 1000}


def flags_for(track: Track, mode: str = "foot", line: list[tuple[float, float]] = REACH) -> dict[str, Flag]:
    found = check_track(track, stats(track), mode=mode, fit=reach_fit(track, line), **RULE)
    for f in found:
        assert f.zh and f.en and f.severity in ("info", "warning")
    return {f.code: f for f in found}


def test_a_walk_along_the_whole_reach_is_clean() -> None:
    track = walk(speed_mps=1.2)
    fit = reach_fit(track, REACH)
    assert fit.coverage is not None and fit.coverage > 0.9
    assert fit.median_distance_m is not None and fit.median_distance_m < 1 and fit.far_share == 0
    assert flags_for(track) == {}


def test_a_walk_along_a_third_covers_a_third() -> None:
    track = walk(speed_mps=1.2, start=1 / 3, end=2 / 3)
    fit = reach_fit(track, REACH)
    assert fit.coverage == pytest.approx(1 / 3, abs=0.05)
    flag = flags_for(track)["low_coverage"]
    assert flag.severity == "info" and f"{round(fit.coverage * 100)}%" in flag.zh


def test_sixty_km_h_is_too_fast_on_foot_but_not_by_vehicle() -> None:
    track = walk(speed_mps=60 / 3.6, every_s=1)
    foot = flags_for(track, "foot")["speed_for_mode"]
    assert foot.severity == "warning" and "60" in foot.zh and "步行" in foot.zh and "60 km/h" in foot.en
    assert foot.at is not None
    assert "speed_for_mode" not in flags_for(track, "vehicle")


def test_a_teleport_is_a_jump_where_it_lands_not_a_burst_of_speed() -> None:
    first = walk(speed_mps=1.2, end=0.3)
    last_time = first.points[-1].time
    assert last_time is not None
    second = walk(speed_mps=1.2, start=0.7, t0=last_time + timedelta(seconds=1))
    found = flags_for(Track(first.points + second.points, "gpx"))
    jump = found["jump"]
    assert jump.severity == "warning" and jump.at == (second.points[0].lat, second.points[0].lon)
    assert "公里" in jump.zh and "km" in jump.en
    assert "speed_for_mode" not in found


def test_without_times_only_a_very_long_step_is_a_jump() -> None:
    pts = [TrackPoint(33.75, 112.65 + i * 0.007, None) for i in range(6)]  # ~650 m steps
    assert "jump" not in flags_for(Track(tuple(pts), "kml"))
    pts[3] = dataclasses.replace(pts[3], lat=33.77)  # ~2.2 km off and back
    assert "jump" in flags_for(Track(tuple(pts), "kml"))


def test_a_track_two_km_off_the_reach_is_far_from_it() -> None:
    found = flags_for(walk(speed_mps=1.2, offset_m=2000))
    assert found["far_from_reach"].severity == "warning" and "500" in found["far_from_reach"].zh
    assert "low_coverage" in found


def test_a_six_minute_patrol_is_too_short() -> None:
    whole = walk(speed_mps=1.2, every_s=5)
    track = Track(tuple(p for p in whole.points if p.time is not None and p.time <= T0 + timedelta(minutes=6)), "gpx")
    flag = flags_for(track)["too_short_time"]
    assert "6" in flag.zh and "10" in flag.zh and "6 min" in flag.en
    assert flag.zh.startswith("用时 6 分钟")
    assert "too_short_distance" in flags_for(track)  # 432 m


def test_few_points_and_no_times() -> None:
    pts = tuple(TrackPoint(33.75, 112.65 + i * 0.001, None) for i in range(3))
    found = flags_for(Track(pts, "kml"))
    assert {"too_few_points", "no_times", "too_short_distance"} <= set(found)
    assert "too_short_time" not in found  # no duration to judge


def test_a_patrol_without_a_track_is_judged_on_its_stats_alone() -> None:
    bare = TrackStats(points=0, segments=0, distance_m=1500.0, start=T0, end=T0 + timedelta(minutes=40),
                      duration_s=2400, moving_s=None, max_speed_mps=None)
    found = {f.code for f in check_track(Track((), "photos"), bare, mode="boat", fit=None, **RULE)}
    assert found == {"too_few_points", "no_times"}


def test_reach_fit_without_a_line_and_with_lone_points() -> None:
    track = Track((TrackPoint(33.759, 112.632, T0, segment=0), TrackPoint(33.754, 112.644, T0, segment=1)), "photos")
    assert reach_fit(track, []) == ReachFit(None, None, None)
    fit = reach_fit(track, REACH)
    assert fit.coverage is not None and 0 < fit.coverage < 0.1  # two 200 m circles on a ~6 km line
    assert fit.far_share == 0


def test_unknown_mode_is_a_programming_error() -> None:
    track = walk()
    with pytest.raises(ValueError, match="mode"):
        check_track(track, stats(track), mode="horse", **RULE)


def test_one_stray_fix_is_one_spike_flag_not_two_jumps() -> None:
    from datetime import UTC, datetime, timedelta

    from patrol_app.geo.checks import check_track
    from patrol_app.geo.measure import stats
    from patrol_app.geo.track import Track, TrackPoint

    t0 = datetime(2026, 11, 18, 1, 0, tzinfo=UTC)
    points = [TrackPoint(33.758 + i * 1e-5, 112.62 + i * 1e-5, t0 + timedelta(seconds=5 * i)) for i in range(200)]
    p = points[100]
    points[100] = TrackPoint(p.lat + 0.018, p.lon, p.time)  # ~2 km north, for one fix
    track = Track(tuple(points), "gpx")
    flags = check_track(track, stats(track), mode="foot", min_duration_s=600, min_distance_m=1000)
    codes = [f.code for f in flags]
    assert codes.count("spike") == 1 and "jump" not in codes
    spike = next(f for f in flags if f.code == "spike")
    assert spike.at == (points[100].lat, points[100].lon) and "公里" in spike.zh


def test_time_going_backwards_is_explained() -> None:
    """A fix written with +08:00 among UTC fixes (a phone app's time-zone bug) sends time back 8 hours."""
    from datetime import UTC, datetime, timedelta

    from patrol_app.geo.checks import check_track
    from patrol_app.geo.measure import stats
    from patrol_app.geo.track import Track, TrackPoint

    t0 = datetime(2026, 11, 18, 1, 0, tzinfo=UTC)
    times = [t0 + timedelta(minutes=i) for i in range(20)]
    times[10] -= timedelta(hours=8)
    track = Track(tuple(TrackPoint(33.758 + i * 1e-4, 112.62 + i * 1e-4, t) for i, t in enumerate(times)), "gpx")
    flags = check_track(track, stats(track), mode="foot", min_duration_s=600, min_distance_m=1000)
    (back,) = [f for f in flags if f.code == "time_backwards"]
    assert back.severity == "warning" and back.at == (track.points[10].lat, track.points[10].lon)
    ordinary = Track(tuple(TrackPoint(p.lat, p.lon, t0 + timedelta(minutes=i)) for i, p in enumerate(track.points)),
                     "gpx")
    assert "time_backwards" not in [f.code for f in check_track(ordinary, stats(ordinary), mode="foot",
                                                                 min_duration_s=600, min_distance_m=1000)]
