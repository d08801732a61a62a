"""Long logs as a 1 Hz GPS logger writes them (GPX trkpt with ele and time; KML gx:Track; NMEA RMC+GGA),
made fast for big tests and bench/big_track.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import reduce
from pathlib import Path

START = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)


def write_gpx(path: Path, points: int, *, every_s: int = 1, start: datetime = START, seed_lat: float = 33.70,
              seed_lon: float = 113.10) -> Path:
    """`points` fixes, one every `every_s` seconds, walking north-east at about 1.2 m/s, one segment per
    day (a logger restarted each morning)."""
    per_day = 86_400 // every_s
    with path.open("w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="patrol-tests" '
                'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>logger</name><trkseg>\n')
        for i in range(points):
            if i and i % per_day == 0:
                f.write("</trkseg><trkseg>\n")
            t = (start + timedelta(seconds=i * every_s)).strftime("%Y-%m-%dT%H:%M:%SZ")
            lat = seed_lat + (i % per_day) * 8e-6
            lon = seed_lon + (i % per_day) * 9e-6
            f.write(f'<trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{80 + (i % 50) * 0.1:.1f}</ele>'
                    f"<time>{t}</time></trkpt>\n")
        f.write("</trkseg></trk></gpx>\n")
    return path


def write_kml(path: Path, points: int, *, start: datetime = START) -> Path:
    """One gx:Track of `points` fixes a second apart (when/coord interleaved, as phone trackers write)."""
    with path.open("w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2" '
                'xmlns:gx="http://www.google.com/kml/ext/2.2"><Document><Placemark><name>logger</name><gx:Track>\n')
        for i in range(points):
            t = (start + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
            f.write(f"<when>{t}</when><gx:coord>{113.10 + i * 9e-6:.7f} {33.70 + i * 8e-6:.7f} "
                    f"{80 + (i % 50) * 0.1:.1f}</gx:coord>\n")
        f.write("</gx:Track></Placemark></Document></kml>\n")
    return path


def _nmea(body: str) -> str:
    return f"${body}*{reduce(lambda a, c: a ^ ord(c), body, 0):02X}\r\n"


def write_nmea(path: Path, fixes: int, *, start: datetime = START) -> Path:
    """`fixes` fixes a second apart, each an RMC and a GGA sentence with valid checksums."""
    with path.open("w", encoding="ascii", newline="") as f:
        for i in range(fixes):
            t = start + timedelta(seconds=i)
            lat, lon = 33.70 + i * 8e-6, 113.10 + i * 9e-6
            la, lo = f"{int(lat):02d}{lat % 1 * 60:07.4f}", f"{int(lon):03d}{lon % 1 * 60:07.4f}"
            hms = t.strftime("%H%M%S.00")
            f.write(_nmea(f"GPRMC,{hms},A,{la},N,{lo},E,2.3,45.0,{t:%d%m%y},,,A"))
            f.write(_nmea(f"GPGGA,{hms},{la},N,{lo},E,1,08,0.9,85.1,M,-20.0,M,,"))
    return path
