"""A long GPX log as a 1 Hz GPS logger writes it (trkpt with ele and time), made fast for big tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
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
