"""Maintenance crews against the real office over HTTP (issue 16), on SQLite and PostgreSQL.

The office imports a contract and assigns (交办) a chief's problem to a crew; the crew's laptop receives
both at its next sync, logs the cleanup with before/after photos as the problem's rectification, and
syncs: the office holds the log, the crew's 整改完成 with its after-photos (the photo records, the links
and the files), so the problem folds to 待核查 there, and the chief's laptop gets the step too.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

from patrol_app.domain.enums import Level, Role
from patrol_app.domain.ids import utc_now, uuid7
from patrol_app.domain.maintenance import MaintenanceLog, PhotoPair, WorkItem, WorkLine, WorkUnit, month_of
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import (
    Action,
    Actor,
    Problem,
    ProblemEvent,
    ProblemSource,
    ProblemState,
    Severity,
    Urgency,
    fold,
    local_date,
)
from patrol_app.media.importer import PhotoImporter
from patrol_app.store import open_store
from sync import protocol
from tests.photos_factory import make_photo
from tests.sync.test_covert_sync import exported, sync_json, versions_held
from tests.sync.test_pull import enroll

CREW_UNIT = "鲁山县沙河保洁公司"
WORKER = "刘长松"
REACH = "410423000001"
CONTRACT_NUMBER = "LS-GH-2026-07"


def contract_file(tmp_path: Path, today: date) -> Path:
    path = tmp_path / "contracts.json"
    path.write_text(json.dumps({"about": "test", "contracts": [{
        "number": CONTRACT_NUMBER, "name": "沙河下汤段保洁", "crew_unit": CREW_UNIT, "client": "下汤镇人民政府",
        "reach_codes": [REACH, "410423000002"], "starts_on": (today - timedelta(days=60)).isoformat(),
        "ends_on": (today + timedelta(days=300)).isoformat(),
        "requirements": [{"item": "floating", "times": 8, "quantity": 300, "unit": "kg"},
                         {"item": "bank_cleaning", "times": 12}],
    }]}, ensure_ascii=False), encoding="utf-8")
    return path


def import_photos(store, tmp_path: Path, when: list[datetime]) -> list[str]:
    folder = tmp_path / "phone"
    folder.mkdir()
    for n, moment in enumerate(when):
        make_photo(folder / f"IMG_{n}.jpg", size=(800, 600), seed=40 + n,
                   when=moment.astimezone(CHINA_TZ).replace(tzinfo=None))
    summary = PhotoImporter(store).run(sorted(folder.iterdir()))
    return [r.photo_uuid for r in sorted(summary.results, key=lambda r: r.path)]


def test_the_office_assigns_the_crew_works_and_the_office_sees_it_rectified(tmp_path: Path, office) -> None:
    chief, crew = tmp_path / "chief", tmp_path / "crew"
    now = utc_now()
    today = local_date(now)
    with open_store(chief) as store:
        me = store.profiles.save(name="李德明", role=Role.CHIEF, level=Level.VILLAGE, unit="林庄村",
                                 reach_codes=[REACH])
        problem = Problem(uuid7(), "floating.rubbish", "拦河闸前聚集漂浮垃圾约二十平方米", Severity.GENERAL,
                          Urgency.NORMAL, ProblemSource.PATROL, REACH, now - timedelta(hours=5),
                          Actor(me.uuid, me.name, Role.CHIEF, me.unit))
        store.problems.report(problem, now=now - timedelta(hours=4))
    with open_store(crew) as store:
        profile = store.profiles.save(name=WORKER, role=Role.MAINTENANCE, level=None, unit=CREW_UNIT,
                                      reach_codes=[REACH])
        actor = Actor(profile.uuid, profile.name, Role.MAINTENANCE, profile.unit)
    for device in (chief, crew):
        enroll(device, office)
        sync_json(device)  # the crew declares its unit on its first pull

    # The office's side: a contract for the crew, and the 交办 of the chief's problem to it.
    done = office.cli("contract", str(contract_file(tmp_path, today)), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"new": 1, "changed": 0, "same": 0}
    again = office.cli("contract", str(contract_file(tmp_path, today)), "--json")
    assert json.loads(again.stdout) == {"new": 0, "changed": 0, "same": 1}  # the same file again changes nothing
    deadline = today + timedelta(days=5)
    done = office.cli("assign", problem.uuid, "--to", CREW_UNIT, "--deadline", deadline.isoformat())
    assert done.returncode == 0, done.stderr

    got = sync_json(crew)
    assert got["received"] == 4 and got["assignments"] == 1, got  # the contract, the problem, its report, the 交办
    with open_store(crew) as store:
        [contract] = store.maintenance.contracts(CREW_UNIT)
        assert contract.number == CONTRACT_NUMBER and REACH in contract.reach_codes and not contract.demo
        [task] = store.maintenance.assigned(profile, today, workable=True)
        assert task["uuid"] == problem.uuid and task["state"] == ProblemState.ASSIGNED.code

        # The cleanup, logged with its photos: before and after, the after two hours later by camera time.
        start = now - timedelta(hours=3)
        before, after = import_photos(store, tmp_path, [start + timedelta(minutes=10), start + timedelta(hours=2)])
        log = MaintenanceLog(
            uuid=uuid7(), crew_unit=CREW_UNIT, reach_code=REACH, started_at=start, ended_at=start + timedelta(hours=2,
                                                                                                               minutes=30),
            work=(WorkLine(WorkItem.FLOATING, 85, WorkUnit.KG), WorkLine(WorkItem.BANK, 600, WorkUnit.M)),
            workers=(WORKER, "王大军"), recorded_by_uuid="", recorded_by_name="", contract_uuid=contract.uuid,
            pairs=(PhotoPair(before, after, "拦河闸前"),), notes="打捞闸前漂浮垃圾 85 千克，装袋运走",
            problem_uuid=problem.uuid)
        saved = store.maintenance.save(log, actor=actor)
        assert saved.rectify_event_uuid and saved.warnings == ()
        status = store.problems.status(problem.uuid)
        assert status.state is ProblemState.RECTIFIED and status.rectified_by.unit == CREW_UNIT
        assert store.problems.view(problem.uuid).photos[saved.rectify_event_uuid][0]["uuid"] == after
        summary = store.maintenance.month_summary(contract.uuid, month_of(start))
        assert summary.rectified == (problem.uuid,) and summary.totals[0][2] == 85

    sent = sync_json(crew)
    # two photos, the log, the 整改完成 and the link of its after-photo
    assert sent["sent"] == 5 and sent["photos_sent"] == 2 and not sent.get("rejected"), sent
    assert sync_json(crew)["sent"] == 0

    # The office holds the log and the rectification with its after-photo: the problem folds to 待核查.
    records = exported(office, tmp_path / "office-export")
    [wire] = records["maintenance_log"]
    assert wire["uuid"] == saved.uuid and wire["data"]["problem_uuid"] == problem.uuid
    assert wire["data"]["photo_pairs"] == [{"before": before, "after": after, "caption": "拦河闸前"}]
    assert {w["item"]: w["quantity"] for w in wire["data"]["work"]} == {"floating": 85, "bank_cleaning": 600}
    events = [e for e in records["problem_event"] if e["data"]["problem_uuid"] == problem.uuid]
    rectify = next(e for e in events if e["data"]["action"] == Action.RECTIFY.code)
    assert rectify["uuid"] == saved.rectify_event_uuid and rectify["data"]["actor_unit"] == CREW_UNIT
    links = [r for r in records["photo_link"] if r["data"]["target_uuid"] == rectify["uuid"]]
    assert [r["data"]["photo_uuid"] for r in links] == [after] and links[0]["data"]["target_kind"] == "problem_event"
    photo = next(r for r in records["photo"] if r["uuid"] == after)
    assert (tmp_path / "office-export" / "photos" / f"{photo['data']['upload_sha256']}.jpg").is_file()
    folded = fold(problem.uuid, [_event(e) for e in events])
    assert folded.state is ProblemState.RECTIFIED and all(step.applied for step in folded.steps)
    assert versions_held(office, "contract") == [(contract.uuid, 1)]

    # The reporter's laptop learns of it too; the contract went to the crew only.
    got = sync_json(chief)
    assert got["received"] == 2  # the office's 交办 and the crew's 整改完成
    with open_store(chief) as store:
        assert store.problems.status(problem.uuid).state is ProblemState.RECTIFIED
        assert store.maintenance.contracts() == []


def _event(doc: dict) -> ProblemEvent:
    from patrol_app.domain.ids import parse_utc

    d = doc["data"]
    actor = Actor(d["actor_uuid"], d["actor_name"], Role(d["actor_role"]), d["actor_unit"])
    return ProblemEvent(doc["uuid"], d["problem_uuid"], int(d["seq"]), Action(d["action"]), parse_utc(d["at"]), actor,
                        note=d["note"], reason=d["reason"], assignee_unit=d["assignee_unit"],
                        assignee_person=d["assignee_person"],
                        deadline=date.fromisoformat(d["deadline"]) if d["deadline"] else None)


def test_a_broken_contracts_file_is_refused_with_the_place(tmp_path: Path, sqlite_office) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"contracts": [{
        "number": "X-1", "name": "x", "crew_unit": CREW_UNIT, "reach_codes": [REACH], "starts_on": "2026-05-01",
        "ends_on": "2026-04-01", "requirements": []}]}), encoding="utf-8")
    done = sqlite_office.cli("contract", str(path))
    assert done.returncode == 1 and "格式不对" in done.stderr and "not valid" in done.stderr
    path.write_text(json.dumps({"contracts": [{
        "number": "X-1", "name": "x", "crew_unit": CREW_UNIT, "reach_codes": [REACH], "starts_on": "2026-01-01",
        "ends_on": "2026-12-31", "requirements": [{"item": "weeding", "quantity": 100, "unit": "kg"}]}]}),
        encoding="utf-8")
    done = sqlite_office.cli("contract", str(path), "--json")
    assert done.returncode == 1 and "weeding" in json.loads(done.stdout)["error"]["en"]
    assert versions_held(sqlite_office, "contract") == []


def test_the_offices_vocabulary_is_the_apps() -> None:
    from patrol_app.domain.maintenance import UNITS
    from sync.office.contracts import WORK_UNITS

    assert {item.code: tuple(u.code for u in units) for item, units in UNITS.items()} == WORK_UNITS
    assert protocol.OFFICE_DEVICE == "office"
