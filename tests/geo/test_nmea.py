"""NMEA logs built here sentence by sentence, checksums computed here, read back as points and times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import reduce

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patrol_app.geo.readers import TrackFileError, read_track_bytes
from patrol_app.geo.track import Track

T0 = datetime(2026, 12, 31, 23, 59, 58, tzinfo=UTC)


def sentence(body: str, *, checksum: int | None = None) -> str:
    value = reduce(lambda acc, ch: acc ^ ord(ch), body, 0) if checksum is None else checksum
    return f"${body}*{value:02X}"


def _dm(value: float, hemispheres: str, width: int) -> tuple[str, str]:
    deg = int(abs(value))
    minutes = (abs(value) - deg) * 60
    return f"{deg:0{width}d}{minutes:07.4f}", hemispheres[0] if value >= 0 else hemispheres[1]


def rmc(t: datetime, lat: float, lon: float, *, status: str = "A", talker: str = "GN") -> str:
    la, ns = _dm(lat, "NS", 2)
    lo, ew = _dm(lon, "EW", 3)
    return sentence(f"{talker}RMC,{t:%H%M%S}.00,{status},{la},{ns},{lo},{ew},0.5,90.0,{t:%d%m%y},,,A")


def gga(t: datetime, lat: float, lon: float, ele: float = 85.5, *, quality: int = 1, talker: str = "GN") -> str:
    la, ns = _dm(lat, "NS", 2)
    lo, ew = _dm(lon, "EW", 3)
    return sentence(f"{talker}GGA,{t:%H%M%S}.00,{la},{ns},{lo},{ew},{quality},12,0.8,{ele:.1f},M,-20.1,M,,")


def read(lines: list[str]) -> Track:
    return read_track_bytes(("\r\n".join(lines) + "\r\n").encode("ascii"), "log.nmea")


def notes(track: Track) -> dict[str, str]:
    return {n.code: n.en for n in track.notes}


def test_rmc_and_gga_of_one_fix_are_one_point_with_the_gga_elevation() -> None:
    t = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    lines = []
    for i in range(3):
        moment = t + timedelta(seconds=i)
        lines += [rmc(moment, 33.75 + i * 1e-4, 112.65), gga(moment, 33.75 + i * 1e-4, 112.65, 80 + i),
                  sentence("GPGSA,A,3,01,02,03,,,,,,,,,,1.5,0.8,1.2")]
    track = read(lines)
    assert track.format == "nmea" and track.timed and track.segments == 1
    points = track.points
    assert [p.time for p in points] == [t, t + timedelta(seconds=1), t + timedelta(seconds=2)]
    assert [p.ele for p in points] == [80.0, 81.0, 82.0]
    assert points[1].lat == pytest.approx(33.7501, abs=1e-7) and points[1].source == "nmea"
    assert notes(track) == {}


def test_bad_checksums_junk_lines_and_no_fix_sentences_are_skipped_and_counted() -> None:
    t = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    lines = [
        rmc(t, 33.75, 112.65),
        rmc(t + timedelta(seconds=1), 33.76, 112.66)[:-2] + "00",  # checksum wrong
        "GPRMC,no dollar",
        "$GPRMC,010002.00,A,3345.0000,N,11239.0000,E,0.1,0.0,241126,,,A",  # no checksum at all
        rmc(t + timedelta(seconds=3), 33.75, 112.65, status="V"),
        gga(t + timedelta(seconds=4), 33.75, 112.65, quality=0),
        rmc(t + timedelta(seconds=5), -33.75, -112.65, talker="BD"),  # BeiDou talker, south-west
    ]
    track = read(lines)
    points = track.points
    assert [p.time for p in points] == [t, t + timedelta(seconds=5)]
    assert points[1].lat == pytest.approx(-33.75) and points[1].lon == pytest.approx(-112.65)
    found = notes(track)
    assert "3 line(s)" in found["nmea_bad_lines"] and "2 sentence(s)" in found["nmea_no_fix"]


def test_gga_before_the_first_rmc_takes_its_date_across_midnight() -> None:
    lines = [gga(T0, 33.75, 112.65), gga(T0 + timedelta(seconds=1), 33.75, 112.65),  # 23:59:58, 23:59:59
             rmc(T0 + timedelta(seconds=2), 33.75, 112.65), gga(T0 + timedelta(seconds=2), 33.75, 112.65, 90)]
    track = read(lines)
    assert [p.time for p in track.points] == [T0 + timedelta(seconds=s) for s in range(3)]
    assert track.points[-1].ele == 90.0
    assert "2 GGA" in notes(track)["nmea_date_backfilled"]


def test_gga_after_midnight_rolls_the_rmc_date_forward() -> None:
    lines = [rmc(T0, 33.75, 112.65), gga(T0, 33.75, 112.65),
             gga(T0 + timedelta(seconds=5), 33.75, 112.65),  # 00:00:03 on 1 January, no RMC yet
             gga(T0 + timedelta(hours=10), 33.75, 112.65),  # a long GGA-only stretch: still 1 January
             rmc(T0 + timedelta(hours=10, seconds=1), 33.75, 112.65)]
    times = [p.time for p in read(lines).points]
    assert times == [T0, T0 + timedelta(seconds=5), T0 + timedelta(hours=10), T0 + timedelta(hours=10, seconds=1)]


def test_gga_without_any_rmc_has_no_times_and_says_so() -> None:
    track = read([gga(T0 + timedelta(seconds=s), 33.75, 112.65 + s * 1e-4) for s in range(4)])
    assert len(track.points) == 4 and all(p.time is None for p in track.points)
    assert "4 point(s) have no date" in notes(track)["nmea_no_date"]


def test_a_log_without_fixes_is_refused() -> None:
    with pytest.raises(TrackFileError) as info:
        read([rmc(T0, 33.75, 112.65, status="V"), gga(T0, 33.75, 112.65, quality=0)])
    assert info.value.code == "no_points"


def test_bom_and_bare_newlines_work() -> None:
    data = b"\xef\xbb\xbf" + "\n".join([rmc(T0, 33.75, 112.65), rmc(T0 + timedelta(seconds=1), 33.75, 112.65)]).encode()
    assert len(read_track_bytes(data, "x").points) == 2


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 7200), st.sampled_from(["rmc", "gga", "rmc+gga", "gga+rmc"])),
                min_size=1, max_size=40),
       st.integers(0, 86399))
def test_any_mix_of_sentences_gives_the_true_times(epochs: list[tuple[int, str]], start_s: int) -> None:
    """Gaps under 12 h, any order of RMC and GGA: every fix gets its true UTC time, midnights included."""
    moment = datetime(2026, 12, 30, tzinfo=UTC) + timedelta(seconds=start_s)
    lines, truth = [], []
    for gap, kinds in epochs:
        moment += timedelta(seconds=gap)
        truth.append(moment)
        for kind in kinds.split("+"):
            lines.append(rmc(moment, 33.75, 112.65) if kind == "rmc" else gga(moment, 33.75, 112.65))
    track = read(lines)
    if not any("rmc" in kinds for _, kinds in epochs):
        assert not any(p.time for p in track.points)
    else:
        assert [p.time for p in track.points] == truth
