"""Maintenance logs in the store (issue 16): a log and the problem's 整改完成 in one transaction, notices
that need a reason, photos judged by their camera times, contracts received from the office."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from patrol_app.domain.enums import Role
from patrol_app.domain.ids import iso_utc, uuid7
from patrol_app.domain.maintenance import (
    Contract,
    MaintenanceLog,
    PhotoPair,
    Requirement,
    WorkItem,
    WorkLine,
    WorkUnit,
    month_of,
)
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import Action, Actor, ProblemState
from patrol_app.domain.refusal import Refusal
from patrol_app.media.importer import PhotoImporter
from patrol_app.store import Store, records
from patrol_app.store.maintenance import NeedsReason, apply_contract, insert_demo_contract
from sync import outbox
from sync.protocol import OFFICE_DEVICE
from tests.photos_factory import make_photo
from tests.store.test_problems import CHIEF, new_problem

UNIT = "沙河保洁公司"
REACH = "410423000001"
START = datetime(2026, 11, 20, 8, 30, tzinfo=CHINA_TZ)
NOW = START + timedelta(hours=8)


@pytest.fixture
def crew(store: Store) -> Actor:
    profile = store.profiles.save(name="刘长松", role=Role.MAINTENANCE, level=None, unit=UNIT, reach_codes=[REACH])
    return Actor(profile.uuid, profile.name, Role.MAINTENANCE, profile.unit)


@pytest.fixture
def contract(store: Store) -> Contract:
    made = Contract(uuid7(), "LS-GH-2026-07", "沙河下汤段保洁", UNIT, (REACH,), date(2026, 1, 1), date(2026, 12, 31),
                    (Requirement(WorkItem.FLOATING, 8, 300, WorkUnit.KG),))
    with store.write() as conn:
        insert_demo_contract(conn, made, at=iso_utc(START))
    return made


def shots(store: Store, tmp_path: Path, *times: datetime) -> list[str]:
    folder = tmp_path / f"shots-{uuid7()}"
    folder.mkdir()
    for n, moment in enumerate(times):
        make_photo(folder / f"IMG_{n}.jpg", size=(640, 480), seed=n + int(moment.timestamp()) % 1000,
                   when=moment.astimezone(CHINA_TZ).replace(tzinfo=None))
    summary = PhotoImporter(store).run(sorted(folder.iterdir()))
    return [r.photo_uuid for r in sorted(summary.results, key=lambda r: r.path)]


def new_log(contract: Contract, **changes) -> MaintenanceLog:
    values = dict(uuid=uuid7(), crew_unit=UNIT, reach_code=REACH, started_at=START, ended_at=START + timedelta(hours=3),
                  work=(WorkLine(WorkItem.FLOATING, 60, WorkUnit.KG),), workers=("刘长松", "王大军"),
                  recorded_by_uuid="", recorded_by_name="", contract_uuid=contract.uuid)
    values.update(changes)
    return MaintenanceLog(**values)


def assigned_problem(store: Store) -> str:
    problem = new_problem(at=START - timedelta(days=1))
    problem = problem.__class__(**{**problem.__dict__, "reach_code": REACH})
    status = store.problems.report(problem, now=START - timedelta(days=1))
    store.problems.act(problem.uuid, status.head, Action.ASSIGN, CHIEF, now=START - timedelta(hours=20),
                       assignee_unit=UNIT, deadline=date(2026, 11, 25))
    return problem.uuid


def pending(store: Store) -> dict[str, int]:
    return outbox.pending_by_kind(store.conn)


def test_a_log_that_rectifies_a_problem_is_one_transaction(store: Store, crew: Actor, contract: Contract,
                                                          tmp_path: Path) -> None:
    problem = assigned_problem(store)
    before, after = shots(store, tmp_path, START + timedelta(minutes=15), START + timedelta(hours=2))
    waiting = pending(store)
    saved = store.maintenance.save(new_log(contract, pairs=(PhotoPair(before, after),), notes="打捞垃圾 60 千克",
                                           problem_uuid=problem), actor=crew, now=NOW)
    status = store.problems.status(problem)
    assert status.state is ProblemState.RECTIFIED and status.rectified_by == crew
    rectify = status.steps[-1].event
    assert rectify.uuid == saved.rectify_event_uuid and rectify.photos == (after,)
    assert rectify.note == "打捞垃圾 60 千克"
    now_waiting = pending(store)
    assert {k: now_waiting[k] - waiting.get(k, 0) for k in now_waiting} == {
        "maintenance_log": 1, "problem_event": 1, "photo_link": 1, "photo": 0, "problem": 0}
    assert store.maintenance.get(saved.uuid) == saved and saved.recorded_by_name == "刘长松"
    assert store.upkeep.check().ok

    # Saved again (a later correction of the quantities): the rectification stays the one it was.
    again = store.maintenance.save(
        new_log(contract, uuid=saved.uuid, work=(WorkLine(WorkItem.FLOATING, 65, WorkUnit.KG),),
                pairs=saved.pairs, notes=saved.notes, problem_uuid=problem), actor=crew, now=NOW)
    assert again.rectify_event_uuid == saved.rectify_event_uuid and len(store.problems.status(problem).steps) == 3
    with pytest.raises(Refusal) as caught:
        store.maintenance.save(new_log(contract, uuid=saved.uuid, notes="x", problem_uuid=None), actor=crew, now=NOW)
    assert caught.value.code == "rectification_fixed"
    with pytest.raises(Refusal) as caught:
        store.maintenance.delete(saved.uuid)
    assert caught.value.code == "is_rectification"
    summary = store.maintenance.month_summary(contract.uuid, month_of(START))
    assert summary.rectified == (problem,) and summary.progress[0].quantity == 65
    # Where the photos are used (the photos page says so): both sides of the pair, nothing else.
    assert [log.uuid for log in store.maintenance.logs_with_photo(before)] == [saved.uuid]
    assert [log.uuid for log in store.maintenance.logs_with_photo(after)] == [saved.uuid]
    assert store.maintenance.logs_with_photo(problem) == []


def test_a_refused_rectification_writes_nothing(store: Store, crew: Actor, contract: Contract, tmp_path: Path) -> None:
    problem = assigned_problem(store)
    before, after = shots(store, tmp_path, START + timedelta(minutes=15), START + timedelta(hours=2))
    seen = store.problems.status(problem).head
    store.problems.act(problem, seen, Action.URGE, CHIEF, now=START, note="请尽快")  # changed meanwhile
    counts = store.upkeep.record_counts()
    with pytest.raises(Refusal) as caught:
        store.maintenance.save(new_log(contract, pairs=(PhotoPair(before, after),), notes="清理完毕",
                                       problem_uuid=problem), actor=crew, problem_head=seen, now=NOW)
    assert caught.value.code == "stale"
    assert store.upkeep.record_counts() == counts and store.maintenance.logs() == []


def test_notices_need_a_reason_which_is_kept_with_them(store: Store, crew: Actor, contract: Contract,
                                                     tmp_path: Path) -> None:
    # The after-photo's camera time is before the before-photo's (by EXIF), a quantity is absurd, the day is
    # after the contract: each said, in Chinese and English, and nothing saved without a reason.
    after, before = shots(store, tmp_path, START + timedelta(minutes=5), START + timedelta(hours=2))
    late = datetime(2027, 1, 4, 9, 0, tzinfo=CHINA_TZ)
    entry = new_log(contract, work=(WorkLine(WorkItem.FLOATING, 80_000, WorkUnit.KG),),
                    pairs=(PhotoPair(before, after),))
    with pytest.raises(NeedsReason) as caught:
        store.maintenance.save(entry, actor=crew, now=NOW)
    assert [n.code for n in caught.value.notices] == ["absurd_quantity", "after_before_before"]
    assert "早于整改前" in caught.value.zh and "before the before-photo" in caught.value.en
    assert "原因" in caught.value.zh and "reason" in caught.value.en
    assert store.maintenance.logs() == []
    saved = store.maintenance.save(entry.__class__(**{**entry.__dict__, "warning_reason": "相机时间设错了，已核对"}),
                                   actor=crew, now=NOW)
    assert saved.warnings == ("absurd_quantity", "after_before_before")
    wire = records.MAINTENANCE_LOG.wire(store.conn, saved.uuid)
    assert wire["data"]["warnings"] == ["absurd_quantity", "after_before_before"]
    assert wire["data"]["warning_reason"] == "相机时间设错了，已核对"

    outside = new_log(contract, started_at=late, ended_at=late + timedelta(hours=1),
                      work=(WorkLine(WorkItem.FLOATING, -10, WorkUnit.KG),))
    found = store.maintenance.notices(outside)
    assert [n.code for n in found] == ["negative_quantity", "outside_contract"]
    with pytest.raises(NeedsReason):
        store.maintenance.save(outside, actor=crew, now=late + timedelta(hours=2))


def test_only_a_crew_records_logs_and_a_plain_log_can_be_deleted(store: Store, crew: Actor, contract: Contract) -> None:
    with pytest.raises(Refusal) as caught:
        store.maintenance.save(new_log(contract), actor=CHIEF, now=NOW)
    assert caught.value.code == "crew_only"
    saved = store.maintenance.save(new_log(contract), actor=crew, now=NOW)
    assert [log.uuid for log in store.maintenance.logs(unit=f"{UNIT}（示例）")] == [saved.uuid]
    store.maintenance.delete(saved.uuid)
    assert store.maintenance.logs() == [] and store.upkeep.check().ok
    assert records.MAINTENANCE_LOG.wire(store.conn, saved.uuid)["deleted"] is True
    with pytest.raises(Refusal):
        store.maintenance.save(new_log(contract, uuid=saved.uuid), actor=crew, now=NOW)


def test_a_contract_from_the_office_is_taken_when_newer(store: Store) -> None:
    def doc(version: int, name: str) -> dict:
        return {"kind": "contract", "uuid": "7f1c2a8e-3d2b-5a47-9c1e-70a7c0de0001", "version": version,
                "device_id": OFFICE_DEVICE, "created_at": "2026-11-01T00:00:00.000Z",
                "updated_at": f"2026-11-0{version}T00:00:00.000Z", "deleted": False,
                "data": {"number": "N-1", "name": name, "crew_unit": UNIT, "client": "", "reach_codes": [REACH],
                         "starts_on": "2026-01-01", "ends_on": "2026-12-31", "notes": "",
                         "requirements": [{"item": "bank_cleaning", "times": 12, "quantity": 0, "unit": None},
                                          {"item": "sweeping_the_sky", "times": 1}]}}

    applied = store.remote.apply([doc(2, "新名"), doc(1, "旧名")], 5)
    assert (applied.records, applied.skipped) == (1, 1)
    [contract] = store.maintenance.contracts(UNIT)
    assert contract.name == "新名" and [r.item for r in contract.requirements] == [WorkItem.BANK]  # unknown left out
    assert store.upkeep.pending_sync_total() == 0  # the office's: never sent back
    with store.write() as conn:
        assert not apply_contract(conn, {**doc(3, "x"), "device_id": "someone"})
