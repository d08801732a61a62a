"""The streaming GPX reader against gpxpy, the reader it replaced: same points, times, names and notes,
or the same refusal, on the shared real files, on snippets with the odd corners of the format, and on
hypothesis-damaged copies of both. Where they differ on purpose, a test below says so."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import gpxpy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patrol_app.geo._common import RawTrack, TrackFileError, finish, to_utc
from patrol_app.geo.readers import _XmlText, read_track_bytes
from patrol_app.geo.track import Note, Track
from tests.geo.factory import FILES

GPX11 = "http://www.topografix.com/GPX/1/1"


def via_gpxpy(data: bytes) -> Track | str:
    """What `read_track_bytes` gave before (gpxpy over the same decoded text), or the refusal's code."""
    text = _XmlText(data)
    body = "".join(iter(text.read, ""))
    try:
        gpx = gpxpy.parse(body)
    except Exception:  # noqa: BLE001 - the old reader turned every gpxpy failure into bad_gpx
        return "bad_gpx"

    def pts(items: Any) -> list[Any]:
        return [(p.latitude, p.longitude, to_utc(p.time), p.elevation) for p in items]

    raw = RawTrack()
    for trk in gpx.tracks:
        if not trk.segments:
            raw.empty_parts += 1
        for seg in trk.segments:
            if seg.points:
                raw.segments.append(pts(seg.points))
            else:
                raw.empty_parts += 1
    routes = [r for r in gpx.routes if r.points]
    if raw.segments:
        raw.name = next((t.name for t in gpx.tracks if t.name), None) or gpx.name or ""
        if routes or gpx.waypoints:
            raw.notes.append(Note("other_ignored", f"{len(routes)} {len(gpx.waypoints)}", ""))
    elif routes:
        raw.segments = [pts(r.points) for r in routes]
        raw.name = routes[0].name or gpx.name or ""
        raw.empty_parts = 0
        raw.notes.append(Note("route_used", "", ""))
    elif gpx.waypoints:
        return "waypoints_only"
    try:
        return finish(raw, fmt="gpx", source="gpx", fallback_name="f", crs="wgs84", max_points=10**9)
    except TrackFileError as exc:
        return exc.code


def ours(data: bytes) -> Track | str:
    try:
        return read_track_bytes(data, "f.gpx")
    except TrackFileError as exc:
        return exc.code


def same(data: bytes) -> None:
    a, b = ours(data), via_gpxpy(data)
    if isinstance(a, str) or isinstance(b, str):
        assert a == b
        return
    assert a.points == b.points
    assert a.name == b.name
    assert [n.code for n in a.notes] == [n.code for n in b.notes]


def doc(body: str, *, version: str = "1.1", ns: str = GPX11) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><gpx version="{version}" creator="t" xmlns="{ns}">'
            f"{body}</gpx>").encode()


SNIPPETS = [
    '<metadata><name>文件名</name></metadata><trk><trkseg><trkpt lat="33.7" lon="112.6"/></trkseg></trk>',
    '<trk><name>第一</name><trkseg/></trk><trk><name>第二</name><trkseg><trkpt lat="33.7" lon="112.6"/></trkseg></trk>',
    '<trk><name><![CDATA[巡河 & 1]]></name><trkseg><trkpt lat="33.7" lon="112.6"><ele> 12.5 </ele>'
    "<ele>99</ele><time>2026-11-02T08:00:00<!-- c -->Z</time></trkpt></trkseg></trk>",
    '<trk><trkseg><trkpt lat="33.7" lon="112.6"><ele/><time></time></trkpt>'
    '<trkpt lat=" 33.8 " lon="112.7"><ele></ele><time>2026-11-02T08:00:00.123456789+08:00</time></trkpt>'
    '<trkpt lat="1e1" lon="112.8"><time>2026-13-02T08:00:00Z</time></trkpt>'
    '<trkpt lat="33.9" lon="112.9"><time>2026-11-02T08:00:00</time><time>1999-01-01T00:00:00Z</time></trkpt>'
    "</trkseg></trk>",
    '<trk><trkseg><trkpt lat="33.7" lon="112.6"><extensions><time>2026-11-02T08:00:00Z</time><ele>5</ele>'
    "</extensions></trkpt></trkseg></trk>",
    '<trk><trkseg><trkpt lat="33.7" lon="112.6"><time>2026<b/>-11-02T08:00:00Z</time></trkpt></trkseg></trk>',
    '<trk><trkseg><trkpt lat="33.7" lon="112.6"><time>2026-11-02T08:00:00+08</time></trkpt>'
    '<trkpt lat="33.7" lon="112.6"><time>2026-11-02T08:00:00-0530</time></trkpt>'
    '<trkpt lat="33.7" lon="112.6"><time>2026-11-02 08:00:00.5Z</time></trkpt></trkseg></trk>',
    '<trk><trkseg><trkpt lat="33.7" lon="112.6"><ele>abc</ele></trkpt></trkseg></trk>',
    '<trk><trkseg><trkpt lon="112.6"/></trkseg></trk>',
    '<trk><trkseg><trkpt lat="undefined" lon="112.6"/></trkseg></trk>',
    '<trk><trkseg><trkpt lat="nan" lon="112.6"/><trkpt lat="0" lon="0"/><trkpt lat="91" lon="1"/></trkseg></trk>',
    '<rte><name>计划</name><rtept lat="33.7" lon="112.6"/><rtept lat="33.8" lon="112.7"/></rte><rte/>',
    '<wpt lat="33.7" lon="112.6"/><rte><rtept lat="33.7" lon="112.6"/></rte>'
    '<trk><trkseg><trkpt lat="33.7" lon="112.6"/></trkseg></trk>',
    '<trk><trkpt lat="33.7" lon="112.6"/><trkseg><rtept lat="33.7" lon="112.6"/></trkseg></trk>',
    '<trk><trkseg><trkpt lat="33.7" lon="112.6"><trkpt lat="1" lon="1"/></trkpt></trkseg></trk>',
    "<trk/><trk><trkseg/></trk>",
    '<name>一</name><metadata><name>二</name></metadata><trk><name></name><name>三</name><trkseg>'
    '<trkpt lat="33.7" lon="112.6"><name>点</name></trkpt></trkseg></trk>',
    '<trk><name/><trkseg><trkpt lat="33.7" lon="112.6"/></trkseg></trk><trk><name>第二</name></trk>'
    '<extensions><name>不是</name></extensions>',
    '<wpt lat="33.7" lon="112.6"/>',
    "",
]


@pytest.mark.parametrize("body", SNIPPETS)
def test_snippets_read_as_gpxpy_read_them(body: str) -> None:
    same(doc(body))
    same(doc(body, version="1.0", ns="http://www.topografix.com/GPX/1/0"))


@pytest.mark.skipif(not FILES, reason="shared test tracks not found")
@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".gpx"], ids=lambda p: p.name)
def test_real_files_read_as_gpxpy_read_them(path: Any) -> None:
    same(path.read_bytes())


@pytest.mark.skipif(not FILES, reason="shared test tracks not found")
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_files_read_as_gpxpy_read_them(data: st.DataObject) -> None:
    original = data.draw(st.sampled_from([p for p in FILES if p.suffix == ".gpx"])).read_bytes()
    at = data.draw(st.integers(0, len(original) - 1))
    patch = data.draw(st.sampled_from([b"", b"nan", b"-", b"999", b"1e400", b"<ele>x</ele>", b"T", b"+25:00",
                                       b"<!-- -->", b"</trkseg><trkseg>", b"</trk><trk>", b"<trkpt/>"]))
    cut = data.draw(st.integers(0, 8))
    damaged = original[:at] + patch + original[at + cut:]
    a = ours(damaged)
    if a in ("bad_xml", "not_track", "empty", "bad_encoding", "unsafe_xml"):
        return  # decided before any GPX reader (gpxpy never saw broken XML: the defusedxml pass refused it)
    b = via_gpxpy(damaged)
    if b == "bad_gpx" and a != "bad_gpx":
        return  # gpxpy refuses a bad value in any field (hdop, course, a waypoint's lat); ours reads only its own
    if isinstance(a, str) or isinstance(b, str):
        assert a == b
        return
    assert a.points == b.points and a.name == b.name


def test_where_the_readers_differ_on_purpose() -> None:
    """gpxpy refused a file for a bad value in a field the app never reads, and took a time with spaces
    around it (a pretty-printed file) as no time; ours reads the track, and the time as KML times are read."""
    body = '<trk><trkseg><trkpt lat="33.7" lon="112.6"><hdop>n/a</hdop></trkpt></trkseg></trk>'
    assert via_gpxpy(doc(body)) == "bad_gpx"
    track = ours(doc(body))
    assert not isinstance(track, str) and len(track.points) == 1
    body = '<trk><trkseg><trkpt lat="33.7" lon="112.6"><time>\n  2026-11-02T08:00:00Z\n</time></trkpt></trkseg></trk>'
    theirs, track = via_gpxpy(doc(body)), ours(doc(body))
    assert not isinstance(theirs, str) and theirs.points[0].time is None
    assert not isinstance(track, str) and track.points[0].time == datetime(2026, 11, 2, 8, tzinfo=UTC)
