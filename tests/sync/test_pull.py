"""What flows down (issue 13 item 3): the office's 交办 reaches the assignee's device and the
reporter's, each device gets only what is addressed to it, records keep their origin, a pull is
exactly once however often it is repeated or cut, and the feed's cursor never skips a row.

Real devices (`patrol-app` processes on real SQLite files) against the real office over HTTP, on
SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
import requests

from patrol_app.domain.enums import Level, Role
from patrol_app.domain.ids import utc_now
from patrol_app.domain.problems import Action, ProblemState, local_date
from patrol_app.store import open_store, records
from patrol_app.store.problems import ProblemFilter
from sync import protocol
from tests.conftest import run_cli
from tests.store.test_problems import CREW, NOW, TODAY, new_problem

ENV = {"PATROL_APP_NO_KEYRING": "1"}
CREW_UNIT = "湛河保洁公司"


def app(device: Path, *args: str):
    return run_cli("--data-dir", str(device), *args, env=ENV, timeout=300)


def make_device(folder: Path, *, name: str, role: Role, unit: str) -> str:
    with open_store(folder) as store:
        store.profiles.save(name=name, role=role, level=Level.VILLAGE if role.has_level else None, unit=unit,
                            reach_codes=[])
        return store.device_id


def enroll(device: Path, office) -> None:
    done = app(device, "enroll", "--server", office.url, "--code", office.enroll_code())
    assert done.returncode == 0, done.stderr


def sync(device: Path) -> dict:
    done = app(device, "sync", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["complete"] and report["pulled"], report
    return report


def rows(device: Path, table: str) -> dict[str, tuple]:
    with open_store(device) as store:
        return {r["uuid"]: tuple(r) for r in store.query(
            f"SELECT uuid, device_id, created_at, updated_at, version FROM {table} ORDER BY uuid")}


@pytest.fixture
def devices(tmp_path: Path, office):
    """A chief's laptop that reports a problem, a maintenance crew's laptop, a third that is neither."""
    chief, crew, other = tmp_path / "chief", tmp_path / "crew", tmp_path / "other"
    make_device(chief, name="李村长", role=Role.CHIEF, unit="东高皇街道")
    make_device(crew, name="王师傅", role=Role.MAINTENANCE, unit=CREW_UNIT)
    make_device(other, name="赵河长", role=Role.CHIEF, unit="别的乡")
    problem = new_problem()
    with open_store(chief) as store:
        store.problems.report(problem, now=NOW)
    for device in (chief, crew, other):
        enroll(device, office)
        sync(device)  # the crew declares its unit to the office on its first pull
    return chief, crew, other, problem.uuid


def test_an_assignment_reaches_the_assignee_and_the_reporter_once(devices, office) -> None:
    chief, crew, other, problem_uuid = devices
    deadline = local_date(utc_now()) + timedelta(days=10)  # the office assigns today, so a future day
    done = office.cli("assign", problem_uuid, "--to", CREW_UNIT, "--deadline", deadline.isoformat(), "--json")
    assert done.returncode == 0, done.stderr
    event = json.loads(done.stdout)
    assert event["device_id"] == protocol.OFFICE_DEVICE and event["data"]["assignee_unit"] == CREW_UNIT

    got = sync(crew)
    assert got["received"] == 3 and got["assignments"] == 1  # the problem, its report, the 交办
    with open_store(crew) as store:
        status = store.problems.status(problem_uuid)
        assert status.state is ProblemState.ASSIGNED and status.assignee_unit == CREW_UNIT
        assert status.deadline == deadline
        tasks = store.problems.page(ProblemFilter(TODAY, assigned_to=(CREW_UNIT, "王师傅")))
        assert [r["uuid"] for r in tasks] == [problem_uuid]
        assert store.remote.assignments_arrived()[0] == 1
        assert store.upkeep.pending_sync_total() == 0  # received records are not sent back
        assert store.upkeep.check().ok

    got = sync(chief)
    assert got["received"] == 1 and got["assignments"] == 0  # the 交办 of its own problem
    with open_store(chief) as store:
        assert store.problems.status(problem_uuid).state is ProblemState.ASSIGNED
    # Received records keep their origin: device, times and version, as the office holds them.
    for table in ("problems", "problem_events"):
        assert rows(crew, table) == rows(chief, table)
    assert rows(crew, "problem_events")[event["uuid"]][1] == protocol.OFFICE_DEVICE

    again = [sync(d) for d in (chief, crew, other)]
    assert [r["received"] for r in again] == [0, 0, 0]
    assert rows(other, "problems") == {}  # not addressed to it: nothing at all


def test_the_crews_work_flows_back_to_the_reporter(devices, office, tmp_path: Path) -> None:
    chief, crew, _, problem_uuid = devices
    assert office.cli("assign", problem_uuid, "--to", CREW_UNIT).returncode == 0
    sync(crew)
    with open_store(crew) as store:
        head = store.problems.status(problem_uuid).head
        store.problems.act(problem_uuid, head, Action.RECTIFY, CREW, now=utc_now(),
                           note="已清运", reason="现场没有信号，照片稍后补")
    assert sync(crew)["sent"] == 1
    got = sync(chief)
    assert got["received"] == 2  # the office's 交办 and the crew's 整改完成
    with open_store(chief) as store:
        status = store.problems.status(problem_uuid)
        assert status.state is ProblemState.RECTIFIED and status.rectified_by.unit == CREW_UNIT
        assert store.upkeep.pending_sync_total() == 0

    # The office checks the work (核查) and closes it (销号): both laptops fold its steps the same way.
    done = office.cli("act", problem_uuid, "extend", "--deadline", "2099-01-01")
    assert done.returncode == 1 and "原因" in done.stderr and "reason" in done.stderr
    for action in ("verify", "close"):
        done = office.cli("act", problem_uuid, action, "--note", "现场核查已清理")
        assert done.returncode == 0, done.stderr
    for device in (chief, crew):
        assert sync(device)["received"] == 2
        with open_store(device) as store:
            status = store.problems.status(problem_uuid)
            assert status.state is ProblemState.CLOSED and all(step.applied for step in status.steps)
            assert [s.event.actor.role.code for s in status.steps][-2:] == ["office", "office"]


def test_pull_is_refused_without_a_token_or_as_another_device(devices, office) -> None:
    chief, crew, _, _ = devices
    with open_store(crew) as store:
        crew_id = store.device_id
    body = {"protocol": protocol.PROTOCOL_VERSION, "device_id": crew_id, "after": 0}
    answer = requests.post(f"{office.url}{protocol.API}/pull", json=body, timeout=30)
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "no_token"
    token_file = chief / "device-token"
    token = token_file.read_text().strip()
    answer = requests.post(f"{office.url}{protocol.API}/pull", json=body, timeout=30,
                           headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "not_this_device"


def test_assigning_what_the_office_never_received_says_so(devices, office) -> None:
    done = office.cli("assign", "01890000-0000-7000-8000-000000000000", "--to", CREW_UNIT)
    assert done.returncode == 1 and "没有收到" in done.stderr and "has not received" in done.stderr
    done = office.cli("assign", devices[3], "--to", CREW_UNIT, "--deadline", "next week")
    assert done.returncode == 2 and "2027-01-15" in done.stderr


def test_a_page_applied_twice_changes_nothing(tmp_path: Path) -> None:
    """The store's side alone: the same page (a reply whose cursor was lost) applied again is a no-op."""
    a, b = tmp_path / "a", tmp_path / "b"
    make_device(a, name="李村长", role=Role.CHIEF, unit="东高皇街道")
    make_device(b, name="王师傅", role=Role.MAINTENANCE, unit=CREW_UNIT)
    problem = new_problem()
    with open_store(a) as store:
        store.problems.report(problem, now=NOW)
        docs = [kind.wire(store.conn, r["uuid"]) for kind in (records.PROBLEM_EVENT, records.PROBLEM)
                for r in store.query(f"SELECT uuid FROM {kind.table}")]
    with open_store(b) as store:
        first = store.remote.apply(docs, 7)  # the event first: it waits for its problem
        assert first.records == 2 and store.remote.cursor() == 7
        assert store.problems.status(problem.uuid).state is ProblemState.REPORTED
        assert store.problems.count(ProblemFilter(TODAY)) == 1
        second = store.remote.apply(docs, 7)
        assert second.records == 0 and second.skipped == 2
        assert store.upkeep.pending_sync_total() == 0 and store.upkeep.check().ok


@pytest.mark.parametrize("action", ["portal", "drop_reply", "drop_request"])
def test_a_pull_that_does_not_arrive_applies_nothing_and_the_next_one_applies_it_once(
        tmp_path: Path, sqlite_office, action: str) -> None:
    from tests.sync.faultproxy import FaultProxy

    chief, crew = tmp_path / "chief", tmp_path / "crew"
    make_device(chief, name="李村长", role=Role.CHIEF, unit="东高皇街道")
    make_device(crew, name="王师傅", role=Role.MAINTENANCE, unit=CREW_UNIT)
    problem = new_problem()
    with open_store(chief) as store:
        store.problems.report(problem, now=NOW)
    enroll(chief, sqlite_office)
    sync(chief)
    proxy = FaultProxy(sqlite_office.port)
    try:
        done = app(crew, "enroll", "--server", proxy.url, "--code", sqlite_office.enroll_code())
        assert done.returncode == 0, done.stderr
        sync(crew)
        assert sqlite_office.cli("assign", problem.uuid, "--to", CREW_UNIT).returncode == 0
        proxy.add(action, b"POST /v1/pull", times=10_000)
        done = app(crew, "sync", "--json")
        assert done.returncode == 1, done.stdout
        report = json.loads(done.stdout)
        assert not report["complete"] and not report["pulled"] and report["received"] == 0
        assert report["error"]["zh"] and report["error"]["en"]
        assert all(rule.fired for rule in proxy.rules), "the fault never happened"
        with open_store(crew) as store:
            assert store.remote.cursor() == 0 and store.problems.get(problem.uuid) is None
        proxy.clear()
        assert sync(crew)["received"] == 3
        assert sync(crew)["received"] == 0
        with open_store(crew) as store:
            assert store.problems.status(problem.uuid).state is ProblemState.ASSIGNED
            assert len(store.problems.events(problem.uuid)) == 2
    finally:
        proxy.close()
