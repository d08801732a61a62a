"""Moving to a new laptop with `export json` + `import json`, against the real office over HTTP: the new
laptop continues the old device, offers the office the versions it imported once more, and the office
stores nothing twice (each version it held comes back `duplicate`), receives the one the old laptop never
sent, and is sent no photo again. The old laptop's token stops working once the new one has enrolled."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

from patrol_app.store import open_store, records
from tests.sync.test_sync_e2e import app, demo_template, device, enroll, liaison_current

__all__ = ["demo_template", "device"]  # module fixtures of test_sync_e2e, used here too


def test_a_new_laptop_importing_its_old_export_sends_nothing_twice(device: Path, sqlite_office,
                                                                    tmp_path: Path) -> None:
    office = sqlite_office
    enroll(device, office)
    first = json.loads(app(device, "sync", "--json").stdout)
    assert first["complete"] and first["sent"] > 1000 and first["photos_sent"] > 0

    with open_store(device) as store:  # written after the last sync: only the export carries it away
        reach = store.registry.reaches()[0].code
        unsent, _version = records.save(store, records.PATROL, {
            "reach_code": reach, "patroller_name": "最后一次巡河", "started_at": "2025-06-02T01:00:00.000Z",
            "ended_at": "2025-06-02T01:45:00.000Z", "duration_s": 2700, "distance_m": 2300})
    exported = tmp_path / "old-laptop-export"
    with liaison_current(device):  # the liaison unit's covert inspections too
        assert app(device, "export", "json", str(exported)).returncode == 0

    laptop = tmp_path / "new-laptop"
    done = app(laptop, "import", "json", str(exported), "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    imported = json.loads(done.stdout)
    assert imported["took_over_device"]
    enroll(laptop, office)  # a new code from the office: the same device, on new hardware
    report = json.loads(app(laptop, "sync", "--json").stdout)
    assert report["complete"], report
    assert report["sent"] == imported["queued"] and report["duplicates"] == imported["queued"] - 1
    assert report["photos_sent"] == 0  # the office had every photo: none went up again

    office_export = tmp_path / "office-export"
    assert office.cli("export", "json", str(office_export)).returncode == 0
    compared = filecmp.dircmp(exported, office_export)  # what the office holds: the old laptop's all, once
    assert not compared.left_only and not compared.right_only and not compared.diff_files
    assert unsent in (office_export / "patrol.jsonl").read_text()

    old = app(device, "sync", "--json")  # the old laptop may no longer send as this device
    assert old.returncode == 1 and json.loads(old.stdout)["error"]["code"] == "bad_token"
