"""Every real track file in ../shared/testdata/tracks, against an oracle written here from the formats.

The oracle is a small xml.etree walk (not our reader, not gpxpy) applying the documented rules:
impossible coordinates and empty segments dropped, times before the GPS epoch treated as missing,
a GPX route used only when there is no track. Lengths are summed with geographiclib directly.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import gpxpy
import pytest
from geographiclib.geodesic import Geodesic

from patrol_app.geo.measure import path_length_m, stats
from patrol_app.geo.readers import TrackFileError, read_track, read_track_bytes
from tests.geo.factory import FILES, TRACKS

needs_files = pytest.mark.skipif(not FILES, reason=f"shared test tracks not found at {TRACKS}")

# What each file is expected to do, after looking at it: (points, segments, timed) or the refusal code.
EXPECTED: dict[str, tuple[int, int, bool] | str] = {
    # GPX 1.0 from GPSBabel; every point's time is 1901-12-13T20:45:52Z (the most negative 32-bit Unix
    # time, a Garmin placeholder), so the points are kept and the times dropped with a Note.
    "Mojstrovka.gpx": (184, 1, False),
    "apple_watch_route.gpx": (44, 1, True),  # GPX 1.1, one track, 1 Hz, extensions per point
    "around-visnjan-with-car.gpx": (104, 1, True),  # Garmin eTrex, driven by car
    # 8 tracks; the first has only an empty trkseg (dropped: 7 segments); 7 waypoints not imported.
    "cerknicko-jezero.gpx": (296, 7, True),
    "cerknicko-without-times.gpx": (296, 7, False),  # the same with times stripped from all but the last 3
    # Waypoints, two routes, a two-segment track of 4 points with no times, an empty track and a track
    # with an empty segment: the track is read, routes and waypoints are noted as not imported.
    "gdal.gpx": (4, 2, False),
    # One timed point (naive time, UTC per GPX), then an empty segment and an empty track.
    "gpx1.1_with_all_fields.gpx": (1, 1, True),
    "gxmultitrack.kml": (26, 2, True),  # gx:MultiTrack of two gx:Track (interleaved when/coord), ms times
    "gxtrack.kml": (7, 1, True),  # one gx:Track, whens grouped before coords
    "multitrackgpx.gpx": (117, 3, True),  # three trk of one trkseg each, on three days
    "osm.gpx": (420, 3, False),  # three tracks; the third (245 points) has no times
    "track-with-empty-segment.gpx": (9, 1, True),  # a trailing empty trkseg is dropped
    "togeojson_bad.gpx": "bad_gpx",  # lat="undefined": gpxpy cannot read the values
    "togeojson_bad.kml": "no_points",  # only "no,no" coordinates, a Point and a Polygon
    "unicode_with_bom.gpx": "waypoints_only",  # UTF-8 BOM, no namespace, a single waypoint
}

GPS_EPOCH = datetime(1980, 1, 6, tzinfo=UTC)


def _time(text: str | None) -> datetime | None:
    if not text or not text.strip():
        return None
    t = datetime.fromisoformat(text.strip())
    t = t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)
    return t if t >= GPS_EPOCH else None


def _float(text: str | None) -> float:
    try:
        return float(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def _ok(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180 and (lat, lon) != (0, 0)


def oracle(path: Path) -> list[list[tuple[float, float, datetime | None]]]:
    root = ET.parse(path).getroot()
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""

    def q(name: str) -> str:
        return f"{{{ns}}}{name}" if ns else name

    segments: list[list[tuple[float, float, datetime | None]]] = []
    if root.tag == q("gpx"):
        def pt(el: ET.Element) -> tuple[float, float, datetime | None]:
            return (_float(el.get("lat")), _float(el.get("lon")), _time(el.findtext(q("time"))))

        segments = [[pt(p) for p in seg.iter(q("trkpt"))]
                    for trk in root.iter(q("trk")) for seg in trk.iter(q("trkseg"))]
        if not any(segments):
            segments = [[pt(p) for p in rte.iter(q("rtept"))] for rte in root.iter(q("rte"))]
    else:
        gx = "{http://www.google.com/kml/ext/2.2}"
        for track in root.iter(f"{gx}Track"):
            whens = [_time(w.text) for w in track.findall(q("when"))]
            coords = [c.text.split() for c in track.findall(f"{gx}coord")]
            segments.append([(_float(c[1]), _float(c[0]), w) for c, w in zip(coords, whens, strict=True)])
        if not segments:
            for line in root.iter(q("LineString")):
                tuples = [t.split(",") for t in (line.findtext(q("coordinates")) or "").split()]
                segments.append([(_float(t[1]), _float(t[0]), None) if len(t) >= 2 else (math.nan, math.nan, None)
                                 for t in tuples])
    cleaned = [[p for p in seg if _ok(p[0], p[1])] for seg in segments]
    return [seg for seg in cleaned if seg]


def geodesic_length(segments: list[list[tuple[float, float, datetime | None]]]) -> float:
    g = Geodesic.WGS84
    return sum(g.Inverse(a[0], a[1], b[0], b[1])["s12"] for seg in segments for a, b in zip(seg, seg[1:], strict=False))


@needs_files
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_file_reads_as_the_oracle_says_or_is_refused_with_a_reason(path: Path) -> None:
    expected = EXPECTED.get(path.name)
    try:
        track = read_track(path)
    except TrackFileError as exc:
        assert exc.zh.strip() and exc.en.strip() and exc.code
        assert expected is None or expected == exc.code, f"{path.name}: refused ({exc.code}) but expected {expected}"
        return
    assert not isinstance(expected, str), f"{path.name}: read, but expected a refusal ({expected})"
    segments = oracle(path)
    assert len(track.points) == sum(len(s) for s in segments)
    assert track.segments == len(segments)
    assert [len(s) for s in track.segment_points()] == [len(s) for s in segments]
    ours = [p.time for p in track.points]
    theirs = [p[2] for seg in segments for p in seg]
    assert ours == theirs  # every time, so first and last too
    timed = [t for t in theirs if t is not None]
    measured = stats(track)
    assert measured.start == (min(timed) if timed else None)
    assert measured.end == (max(timed) if timed else None)
    assert path_length_m(track.points) == pytest.approx(geodesic_length(segments), rel=0.005, abs=1e-6)
    if expected is not None:
        assert (len(track.points), track.segments, track.timed) == expected


READ_GPX = [p for p in FILES if p.suffix == ".gpx" and isinstance(EXPECTED.get(p.name), tuple)]


@needs_files
@pytest.mark.parametrize("path", READ_GPX, ids=[p.name for p in READ_GPX])
def test_gpx_length_agrees_with_gpxpy(path: Path) -> None:
    track = read_track(path)
    gpx = gpxpy.parse(path.read_text(encoding="utf-8-sig"))
    assert gpx.tracks
    # gpxpy measures on a sphere of the equatorial radius: it agrees with the ellipsoid to ~0.3% here.
    assert path_length_m(track.points) == pytest.approx(gpx.length_2d(), rel=0.005, abs=1e-6)


@needs_files
def test_every_documented_file_is_present() -> None:
    assert sorted(EXPECTED) == sorted(p.name for p in FILES)


@needs_files
def test_notes_say_what_was_passed_over() -> None:
    codes = {p.name: {n.code for n in read_track(p).notes} for p in FILES if not isinstance(EXPECTED[p.name], str)}
    assert "invalid_times" in codes["Mojstrovka.gpx"]
    assert {"empty_segments", "other_ignored"} <= codes["gdal.gpx"]
    assert "empty_segments" in codes["track-with-empty-segment.gpx"]
    assert codes["apple_watch_route.gpx"] == set()


@needs_files
def test_bom_and_utf16_and_gbk_copies_read_the_same() -> None:
    data = (TRACKS / "track-with-empty-segment.gpx").read_bytes()
    plain = read_track_bytes(data, "x.gpx")
    text = data.decode("utf-8")
    assert read_track_bytes(b"\xef\xbb\xbf" + data, "x.gpx").points == plain.points
    assert read_track_bytes(text.encode("utf-16"), "x.gpx").points == plain.points
    gbk = text.replace('encoding="utf-8"', 'encoding="GBK"').replace("<name>2013", "<name>巡河 2013")
    track = read_track_bytes(gbk.encode("gbk"), "x.gpx")
    assert track.points == plain.points and track.name.startswith("巡河")


@needs_files
def test_reading_as_gcj02_moves_points_in_china_only() -> None:
    data = (TRACKS / "gxtrack.kml").read_bytes()
    assert read_track_bytes(data, "t.kml", crs="gcj02").points == read_track_bytes(data, "t.kml").points  # California
    shifted = data.replace(b"-122.20", b"112.65").replace(b" 37.37", b" 33.75")
    a, b = read_track_bytes(shifted, "t.kml"), read_track_bytes(shifted, "t.kml", crs="gcj02")
    assert all(0.001 < abs(p.lon - q.lon) < 0.01 for p, q in zip(a.points, b.points, strict=True))
    assert any(n.code == "gcj02" for n in b.notes)


@needs_files
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_truncation_is_a_track_or_a_refusal(path: Path) -> None:
    data = path.read_bytes()
    step = max(1, len(data) // 400)
    sizes = sorted(set(range(0, len(data), step)) | set(range(max(0, len(data) - 40), len(data))))
    for size in sizes:
        try:
            read_track_bytes(data[:size], path.name)
        except TrackFileError as exc:
            assert exc.zh and exc.en
