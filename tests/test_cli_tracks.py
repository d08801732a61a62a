"""`patrol-app import-track` as scripts use it: JSON contract, duplicates, refusals, attaching to a patrol."""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from geographiclib.geodesic import Geodesic

from patrol_app import patrolling
from patrol_app.domain.patrols import CHECKLIST, PatrolForm
from patrol_app.store import open_store
from patrol_app.store.database import database_path
from tests.conftest import SHARED_TESTDATA, run_cli

GPX_NS = "{http://www.topografix.com/GPX/1/1}"
T0 = datetime(2026, 11, 18, 1, 0, tzinfo=UTC)


def own_gpx(path: Path, minutes: int = 20) -> Path:
    pts = []
    for i in range(minutes * 6 + 1):
        t = (T0 + timedelta(seconds=10 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        pts.append(f'<trkpt lat="{33.758 + i * 1e-5:.7f}" lon="{112.62 + i * 8e-5:.7f}"><time>{t}</time></trkpt>')
    path.write_text('<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
                    + "".join(pts) + "</trkseg></trk></gpx>", encoding="utf-8")
    return path


def oracle(path: Path) -> tuple[int, float]:
    """Point count and geodesic length straight from the XML, segment by segment (not our reader)."""
    root = ET.parse(path).getroot()
    count, length = 0, 0.0
    for seg in root.iter(f"{GPX_NS}trkseg"):
        pts = [(float(p.get("lat")), float(p.get("lon"))) for p in seg.iter(f"{GPX_NS}trkpt")]
        count += len(pts)
        length += sum(Geodesic.WGS84.Inverse(a[0], a[1], b[0], b[1])["s12"] for a, b in zip(pts, pts[1:], strict=False))
    return count, length


def test_import_track_json_duplicate_and_refusal(tmp_path: Path) -> None:
    data = tmp_path / "data"
    gpx = own_gpx(tmp_path / "巡河 轨迹.gpx")
    first = run_cli("--data-dir", str(data), "import-track", str(gpx), "--json")
    assert first.returncode == 0, first.stderr
    doc = json.loads(first.stdout)
    count, length = oracle(gpx)
    assert doc["status"] == "imported" and doc["points"] == count == 121 and doc["segments"] == 1
    assert abs(doc["distance_m"] - length) / length < 0.005
    assert doc["duration_s"] == 1200 and doc["start"] == "2026-11-18T01:00:00.000Z"
    assert doc["end"] == "2026-11-18T01:20:00.000Z"
    assert all({"code", "severity", "zh", "en"} <= set(flag) for flag in doc["flags"])
    again = json.loads(run_cli("--data-dir", str(data), "import-track", str(gpx), "--json").stdout)
    assert again["status"] == "duplicate" and again["track_uuid"] == doc["track_uuid"]
    with sqlite3.connect(database_path(data)) as conn:
        assert conn.execute("SELECT count(*) FROM tracks").fetchone()[0] == 1
        # Kept on the laptop until a patrol uses it (docs/sync-protocol.md, "Tracks not used").
        assert conn.execute("SELECT count(*) FROM outbox WHERE kind = 'track'").fetchone()[0] == 0

    junk = tmp_path / "notes.gpx"
    junk.write_bytes(b"this is not a track\n")
    bad = run_cli("--data-dir", str(data), "import-track", str(junk), "--json")
    assert bad.returncode == 1
    error = json.loads(bad.stdout)
    assert error["error"] and error["message"].strip() and "\n" in error["message"]  # Chinese, then English
    text = run_cli("--data-dir", str(data), "import-track", str(gpx))
    assert text.returncode == 0 and "重复 duplicate" in text.stdout and "km" in text.stdout


def test_import_track_attaches_to_a_draft_but_not_to_a_final_patrol(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with open_store(data) as store:
        form = PatrolForm(reach_code="410423000001", patroller_name="李德明", started_at=T0,
                          ended_at=T0 + timedelta(minutes=20), checklist={i.code: "normal" for i in CHECKLIST})
        draft = patrolling.create_draft(store, form, now=T0 + timedelta(days=1), manual_distance_m=0)
        final = patrolling.create_draft(store, form, now=T0 + timedelta(days=1), manual_distance_m=1200)
        patrolling.save_draft(store, form, uuid=final, expected_version=1, now=T0 + timedelta(days=1),
                              manual_distance_m=1200, finalise=True)
    gpx = own_gpx(tmp_path / "t.gpx")
    attached = run_cli("--data-dir", str(data), "import-track", str(gpx), "--patrol", draft, "--json")
    assert attached.returncode == 0, attached.stderr
    locked = run_cli("--data-dir", str(data), "import-track", str(gpx), "--patrol", final, "--json")
    assert locked.returncode == 1 and json.loads(locked.stdout)["error"] == "patrol_locked"
    with open_store(data) as store:
        row = store.patrols.get(draft)
        assert row["track_uuid"] == json.loads(attached.stdout)["track_uuid"] and row["distance_m"] > 800
        assert store.patrols.get(final)["track_uuid"] is None


@pytest.mark.skipif(not (SHARED_TESTDATA / "tracks").is_dir(), reason="../shared/testdata/tracks is not here")
def test_every_shared_track_imports_or_is_refused_with_a_reason(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for path in sorted((SHARED_TESTDATA / "tracks").iterdir()):
        if path.suffix not in (".gpx", ".kml"):
            continue
        result = run_cli("--data-dir", str(data), "import-track", str(path), "--json")
        doc = json.loads(result.stdout)
        if result.returncode == 0:
            assert doc["points"] > 0 and doc["distance_m"] >= 0, path.name
        else:
            assert result.returncode == 1 and doc["message"].strip(), path.name
