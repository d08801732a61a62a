"""`patrol-app export json` and covert inspections (issue 15), through a real process: the file
`covert_inspection.jsonl` is written only when the data's current profile is a liaison unit's, holds
only submitted inspections, and no draft's uuid or text appears anywhere in any export."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from patrol_app.domain.covert import CovertFinding, CovertInspection, InspectionMethod, quarter_of
from patrol_app.domain.enums import Level, Role
from patrol_app.domain.ids import utc_now, uuid7
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import Actor
from patrol_app.store import open_store
from tests.conftest import run_cli

UNIT_UUID = "0ff0365e-1427-58db-94b0-1d6be13dd8ce"  # the demo register's 鲁山县水利局, assisting 高淑芬
CHIEF_UUID = "79169ee1-66c6-50e8-94cc-1aa3a93f361a"
REACHES = ("410423000001", "410423000002")
CONCLUSION = "暗访结论：河面整洁，右岸有一处垃圾堆放。"
DRAFT_SECRET = "下季度计划夜间暗访采砂点"


def inspection(**changes) -> CovertInspection:
    now = utc_now()
    start, end = now - timedelta(hours=3), now - timedelta(hours=1)
    values = dict(
        uuid=uuid7(), unit_uuid=UNIT_UUID, unit_name="鲁山县水利局",
        quarter=quarter_of(start.astimezone(CHINA_TZ)).key, chief_uuid=CHIEF_UUID, chief_name="高淑芬",
        reach_codes=REACHES, started_at=start, ended_at=end, inspectors=("周爱萍",),
        methods=(InspectionMethod.ON_SITE,), conclusion=CONCLUSION,
        findings=(CovertFinding(uuid=uuid7(), code="dumping.construction_waste", description="右岸垃圾堆放",
                                reach_code=REACHES[0], found_at=start + timedelta(minutes=30)),),
    )
    values.update(changes)
    return CovertInspection(**values)


def export(data: Path, out: Path) -> dict[str, int]:
    """`patrol-app export json OUT_DIR` exactly as DESIGN.md §8 has it; lines per kind written."""
    done = run_cli("--data-dir", str(data), "export", "json", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    counts = {p.stem: len(p.read_text(encoding="utf-8").splitlines()) for p in sorted(out.glob("*.jsonl"))}
    for kind, n in counts.items():
        assert f"  {kind}: {n}" in done.stdout  # what it says it wrote
    return counts


def mentions(folder: Path, *texts: str) -> list[str]:
    blobs = [p.read_bytes() for p in folder.rglob("*") if p.is_file()]
    return [t for t in texts if any(t.encode("utf-8") in b for b in blobs)]


def test_export_json_writes_covert_inspections_only_from_a_liaison_profile(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done, plan = inspection(), inspection(findings=(), conclusion=DRAFT_SECRET, reach_codes=(REACHES[1],))
    with open_store(data) as store:
        chief = store.profiles.save(name="张村长", role=Role.CHIEF, level=Level.VILLAGE, unit="鲁山县张庄村",
                                    reach_codes=[REACHES[0]])
        liaison = store.profiles.save(name="周爱萍", role=Role.LIAISON_INSPECTOR, level=None, unit="鲁山县水利局",
                                      reach_codes=[])
        me = Actor(liaison.uuid, liaison.name, Role.LIAISON_INSPECTOR, liaison.unit)
        store.covert.save_draft(plan)
        store.covert.save_draft(done)
        store.covert.submit(done.uuid, me)

    as_liaison = export(data, tmp_path / "liaison")
    assert as_liaison["covert_inspection"] == 1
    [line] = (tmp_path / "liaison" / "covert_inspection.jsonl").read_text(encoding="utf-8").splitlines()
    wire = json.loads(line)
    assert wire["kind"] == "covert_inspection" and wire["uuid"] == done.uuid and wire["version"] == 2
    assert wire["data"]["state"] == "submitted" and wire["data"]["conclusion"] == CONCLUSION
    assert mentions(tmp_path / "liaison", plan.uuid, DRAFT_SECRET) == []  # a draft never leaves the laptop

    with open_store(data) as store:
        store.profiles.make_current(chief.uuid)
    as_chief = export(data, tmp_path / "chief")
    assert "covert_inspection" not in as_chief
    assert not (tmp_path / "chief" / "covert_inspection.jsonl").exists()
    assert mentions(tmp_path / "chief", done.uuid, CONCLUSION, plan.uuid, DRAFT_SECRET) == []
    # Everything else is the same export: only the covert kind is held back.
    assert {k: n for k, n in as_liaison.items() if k != "covert_inspection"} == as_chief
