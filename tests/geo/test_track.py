"""The Track value and its storage form."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from patrol_app.geo.interpolate import position_at
from patrol_app.geo.track import SOURCES, Track, TrackPoint, decode_points, encode_points, fixes

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)

times = st.none() | st.datetimes(datetime(1980, 1, 6), datetime(2099, 12, 31), timezones=st.just(UTC))
track_points = st.builds(
    TrackPoint,
    lat=st.floats(-90, 90),
    lon=st.floats(-180, 180),
    time=times,
    ele=st.none() | st.floats(-500, 9000),
    segment=st.integers(0, 20),
    source=st.sampled_from(SOURCES),
)


def rounded(p: TrackPoint) -> TrackPoint:
    t = None if p.time is None else T0 + round((p.time - T0) / timedelta(milliseconds=1)) * timedelta(milliseconds=1)
    return TrackPoint(round(p.lat, 7), round(p.lon, 7), t, None if p.ele is None else round(p.ele, 1), p.segment,
                      p.source)


@given(st.lists(track_points, max_size=30))
def test_encode_decode_round_trip(points: list[TrackPoint]) -> None:
    text = encode_points(points)
    back = decode_points(text)
    assert back == tuple(rounded(p) for p in points)
    assert encode_points(back) == text  # stable: storing again changes nothing
    assert all(p.time is None or p.time.tzinfo is UTC for p in back)


def test_encoded_form_is_the_documented_rows() -> None:
    p = TrackPoint(33.123456789, 112.6, T0 + timedelta(milliseconds=702), 80.06, 2, "nmea")
    assert json.loads(encode_points([p, TrackPoint(1.0, 2.0, None)])) == [
        [1795482000.702, 33.1234568, 112.6, 80.1, 2, "nmea"], [None, 1.0, 2.0, None, 0, "gpx"]]
    assert encode_points([TrackPoint(1.0, 2.0, T0)]) == "[[1795482000,1.0,2.0,null,0,\"gpx\"]]"


def test_segments_timed_and_segment_points() -> None:
    pts = (TrackPoint(1, 1, T0, segment=0), TrackPoint(1, 2, T0, segment=0), TrackPoint(1, 3, None, segment=1))
    track = Track(pts, "gpx")
    assert track.segments == 2 and not track.timed
    assert track.segment_points() == [pts[:2], pts[2:]]
    assert Track(pts[:2], "gpx").timed and not Track((), "gpx").timed


def test_fixes_are_the_timed_points_in_time_order_for_position_at() -> None:
    pts = [TrackPoint(33.76, 112.66, T0 + timedelta(seconds=60), 90.0), TrackPoint(33.0, 112.0, None),
           TrackPoint(33.75, 112.65, T0, 80.0)]
    found = fixes(pts)
    assert [f.time for f in found] == [T0, T0 + timedelta(seconds=60)]
    mid = position_at(found, T0 + timedelta(seconds=30))
    assert mid is not None and abs(mid.lat - 33.755) < 1e-4 and mid.ele == 85.0


def test_long_tracks_encode_in_slices_to_the_same_text_and_old_rows_still_decode() -> None:
    """encode_points works in slices of 10,000 and decode_points a row at a time: neither may change the
    stored form, which databases already hold and the office receives as JSON."""
    points = [TrackPoint(33.7 + i * 1e-6, 113.1, T0 + timedelta(seconds=i), None if i % 3 else 80.5, i // 9_000,
                         SOURCES[i % len(SOURCES)]) for i in range(25_001)]
    text = encode_points(points)
    rows = [[1795482000 + i, round(33.7 + i * 1e-6, 7), 113.1, None if i % 3 else 80.5, i // 9_000,
             SOURCES[i % len(SOURCES)]] for i in range(25_001)]
    assert text == json.dumps(rows, separators=(",", ":"))
    assert decode_points(text) == tuple(rounded(p) for p in points)
    spaced = json.dumps(rows[:3], indent=1)  # JSON as any writer may have spaced it
    assert decode_points(spaced) == tuple(rounded(p) for p in points[:3])
    assert decode_points(" [ ] ") == () == decode_points(encode_points([]))
    for bad in ("", "{}", "[[1,2,3,null,0,\"gpx\"]", "[[1,2,3,null,0,\"gpx\"]]x", "[[1,2,3,null,0,\"gpx\"];"):
        try:
            decode_points(bad)
        except ValueError:
            continue
        raise AssertionError(f"decoded {bad!r}")
