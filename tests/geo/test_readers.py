"""The readers' promises on made-up input: junk and hostile files are refused with a reason, never crash."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patrol_app.geo import readers
from patrol_app.geo.readers import MAX_BYTES, TrackFileError, read_track, read_track_bytes, track_from_photos
from tests.geo.factory import FILES

GPX11 = "http://www.topografix.com/GPX/1/1"


def gpx(body: str, *, ns: str = GPX11) -> bytes:
    xmlns = f' xmlns="{ns}"' if ns else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="t"{xmlns}>{body}</gpx>'.encode()


def trkpt(lat: float, lon: float, time: str | None = None) -> str:
    return f'<trkpt lat="{lat}" lon="{lon}">' + (f"<time>{time}</time>" if time else "") + "</trkpt>"


def refused(data: bytes, name: str = "f.gpx") -> TrackFileError:
    with pytest.raises(TrackFileError) as info:
        read_track_bytes(data, name)
    assert info.value.zh and info.value.en and str(info.value) == f"{info.value.zh} / {info.value.en}"
    return info.value


def test_format_is_told_by_content_not_by_name() -> None:
    data = gpx("<trk><trkseg>" + trkpt(33.75, 112.65) + trkpt(33.751, 112.651) + "</trkseg></trk>")
    assert read_track_bytes(data, "track.kml").format == "gpx"
    assert read_track_bytes(data, "track.txt").name == "track"  # the file name stands in for a missing name


def test_gpx_1_0_and_no_namespace_read_but_other_namespaces_do_not() -> None:
    body = "<trk><name>河</name><trkseg>" + trkpt(33.75, 112.65) + "</trkseg></trk>"
    assert read_track_bytes(gpx(body, ns="http://www.topografix.com/GPX/1/0"), "a").name == "河"
    assert len(read_track_bytes(gpx(body, ns=""), "a").points) == 1
    assert refused(gpx(body, ns="http://example.com/gpx")).code == "not_track"


def test_times_with_offsets_are_converted_and_naive_times_are_utc() -> None:
    body = "<trk><trkseg>" + trkpt(33.75, 112.65, "2026-11-24T09:00:00+08:00") + trkpt(
        33.76, 112.66, "2026-11-24T01:00:30") + "</trkseg></trk>"
    a, b = read_track_bytes(gpx(body), "a").points
    assert a.time == datetime(2026, 11, 24, 1, 0, tzinfo=UTC) and a.time.tzinfo is UTC
    assert b.time == datetime(2026, 11, 24, 1, 0, 30, tzinfo=UTC) and b.time.tzinfo is UTC


def test_impossible_points_and_empty_segments_are_dropped_with_notes() -> None:
    body = ("<trk><trkseg>" + trkpt(0, 0) + trkpt(91, 10) + trkpt(33.75, 181) + trkpt(float("nan"), 112)
            + "</trkseg><trkseg/><trkseg>" + trkpt(33.75, 112.65) + trkpt(33.76, 112.66) + "</trkseg></trk>")
    track = read_track_bytes(gpx(body), "a")
    assert [p.segment for p in track.points] == [0, 0]  # the emptied first segment is gone: renumbered
    notes = {n.code: n for n in track.notes}
    assert "4 " in notes["invalid_points"].zh and "4 " in notes["invalid_points"].en
    assert "empty_segments" in notes


def test_route_is_used_when_there_is_no_track_and_says_so() -> None:
    track = read_track_bytes(gpx('<rte><rtept lat="33.7" lon="112.6"/><rtept lat="33.8" lon="112.7"/></rte>'), "a")
    assert len(track.points) == 2 and any(n.code == "route_used" for n in track.notes)
    assert refused(gpx('<wpt lat="33.7" lon="112.6"/>')).code == "waypoints_only"


def test_kml_linestrings_and_multigeometry_are_segments() -> None:
    kml = b"""<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name> Reach walk </name>
      <Placemark><MultiGeometry>
        <LineString><coordinates>112.62,33.758,80 112.632,33.76,81</coordinates></LineString>
        <LineString><coordinates>112.644,33.754 112.656,33.756 bad,33 112.6</coordinates></LineString>
      </MultiGeometry></Placemark>
      <Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>1,2 3,4 1,2</coordinates></LinearRing>
      </outerBoundaryIs></Polygon></Placemark></Document></kml>"""
    track = read_track_bytes(kml, "a.kml")
    assert track.format == "kml" and track.name == "Reach walk" and not track.timed
    assert [(p.segment, p.lon, p.ele) for p in track.points] == [(0, 112.62, 80.0), (0, 112.632, 81.0),
                                                                 (1, 112.644, None), (1, 112.656, None)]
    assert "2 " in next(n.en for n in track.notes if n.code == "invalid_points")


def test_kml_timed_tracks_win_over_lines_drawn_beside_them() -> None:
    kml = b"""<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
      <Placemark><LineString><coordinates>112.62,33.758 112.632,33.76</coordinates></LineString></Placemark>
      <Placemark><gx:Track><when>2026-11-24T01:00:00Z</when><when>2026-11-24T01:00:05Z</when><when>x</when>
        <gx:coord>112.62 33.758 80</gx:coord><gx:coord>112.621 33.758 80</gx:coord></gx:Track></Placemark></kml>"""
    track = read_track_bytes(kml, "a.kml")
    assert len(track.points) == 2 and track.timed
    assert {n.code for n in track.notes} == {"kml_lines_ignored", "kml_mismatch"}


@pytest.mark.parametrize("data, code", [
    (b"", "empty"),
    (b"   \n\t ", "empty"),
    (b"\xef\xbb\xbf", "empty"),
    (b"hello, world", "not_track"),
    (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "not_track"),
    (b"PK\x03\x04\x14\0\0\0", "compressed"),
    (b"<html><body>Not found</body></html>", "not_track"),
    (b"<gpx", "bad_xml"),
    (b'<?xml version="1.0" encoding="UTF-8"?><gpx>\xff\xfe</gpx>', "bad_encoding"),
    (b'<?xml version="1.0" encoding="x-no-such"?><gpx/>', "bad_encoding"),
    (b"<gpx></gpx>", "no_points"),
    (b"<kml/>", "no_points"),
    (b"$GPGSV,1,1,00*79\n", "no_points"),
])
def test_junk_is_refused_with_a_reason(data: bytes, code: str) -> None:
    assert refused(data).code == code


@pytest.mark.parametrize("doc", [
    # billion laughs, external entity, and a DTD that is only declared
    b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><gpx><trk><name>&c;</name></trk></gpx>',
    b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]><gpx><trk><name>&x;</name></trk></gpx>',
    b'<?xml version="1.0"?><!DOCTYPE kml SYSTEM "http://example.com/kml.dtd"><kml/>',
])
def test_dtds_and_entities_are_refused(doc: bytes) -> None:
    assert refused(doc).code == "unsafe_xml"


def test_too_big_files_are_refused_before_reading(tmp_path: Path) -> None:
    assert refused(b" " * (MAX_BYTES + 1)).code == "too_big"
    big = tmp_path / "big.gpx"
    with big.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: nothing is read
    with pytest.raises(TrackFileError) as info:
        read_track(big)
    assert info.value.code == "too_big"
    with pytest.raises(TrackFileError) as info:
        read_track(tmp_path / "missing.gpx")
    assert info.value.code == "unreadable"


def test_too_many_points_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_POINTS", 3)
    monkeypatch.setattr(readers, "MAX_KML_POINTS", 3)
    pts = "".join(trkpt(33.75 + i / 1000, 112.65) for i in range(4))
    assert refused(gpx(f"<trk><trkseg>{pts}</trkseg></trk>")).code == "too_many_points"
    coords = " ".join(f"112.65,{33.75 + i / 1000}" for i in range(4))
    assert refused(f"<kml><Placemark><LineString><coordinates>{coords}</coordinates></LineString></Placemark></kml>"
                   .encode()).code == "too_many_points"


def test_a_gpx_over_the_limit_is_refused_where_the_limit_is_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader counts as it goes and stops there: what follows is never read (here it is not even XML)."""
    monkeypatch.setattr(readers, "MAX_POINTS", 3)
    pts = "".join(trkpt(33.75 + i / 1000, 112.65) for i in range(4))
    data = gpx(f"<trk><trkseg>{pts}</trkseg></trk>")[:-6] + b"<<< not XML " * 1000
    assert refused(data).code == "too_many_points"
    assert refused(data[:-10_000]).code == "too_many_points"
    three = gpx("<trk><trkseg>" + "".join(trkpt(33.75 + i / 1000, 112.65) for i in range(3)) + "</trkseg></trk>")
    assert len(read_track_bytes(three, "a").points) == 3  # at the limit is still in


def test_track_from_photos_sorts_by_time_and_drops_bad_places() -> None:
    t = datetime(2026, 11, 24, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    track = track_from_photos([(t + timedelta(minutes=5), 33.76, 112.66, None), (t, 33.75, 112.65, 80.0),
                               (t + timedelta(minutes=1), 0.0, 0.0, None)])
    assert track.format == "photos" and [p.source for p in track.points] == ["photo", "photo"]
    assert [p.time for p in track.points] == [t.astimezone(UTC), (t + timedelta(minutes=5)).astimezone(UTC)]
    assert track.points[0].time.tzinfo is UTC  # type: ignore[union-attr]
    assert any(n.code == "invalid_points" for n in track.notes)
    with pytest.raises(TrackFileError):
        track_from_photos([])
    with pytest.raises(ValueError, match="aware"):
        track_from_photos([(datetime(2026, 11, 24, 9), 33.75, 112.65, None)])


def _outcome(data: bytes) -> None:
    try:
        track = read_track_bytes(data, "junk")
    except TrackFileError as exc:
        assert exc.code and exc.zh and exc.en
    else:
        assert track.points and all(-90 <= p.lat <= 90 and -180 <= p.lon <= 180 for p in track.points)


PREFIXES = [b"", b"\xef\xbb\xbf", b"<", b"$GPRMC,", b"<gpx>", b"<kml>",
            f'<gpx xmlns="{GPX11}"><trk><trkseg><trkpt lat="33.7" lon="112.6">'.encode(),
            b'<kml xmlns:gx="http://www.google.com/kml/ext/2.2"><gx:Track><when>',
            b"<kml><LineString><coordinates>"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PREFIXES), st.binary(max_size=600))
def test_random_bytes_are_a_track_or_a_refusal(prefix: bytes, junk: bytes) -> None:
    _outcome(prefix + junk)


@pytest.mark.skipif(not FILES, reason="shared test tracks not found")
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_real_files_are_a_track_or_a_refusal(data: st.DataObject) -> None:
    original = data.draw(st.sampled_from(FILES)).read_bytes()
    at = data.draw(st.integers(0, len(original) - 1))
    patch = data.draw(st.binary(min_size=0, max_size=8) | st.sampled_from(
        [b"nan", b"-", b"999", b"\xff", b"&amp;", b"<", b"T", b"+25:00", b"\xe6\xb2\xb3"]))
    cut = data.draw(st.integers(0, 8))
    _outcome(original[:at] + patch + original[at + cut:])
