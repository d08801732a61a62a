"""Covert inspections against the real office over HTTP (issue 15), on SQLite and PostgreSQL.

A liaison unit's submitted inspection and its findings arrive at the office exactly once, however often
they are sent; a draft never leaves the laptop; a finding assigned to a village chief reaches that
chief's device as a problem with source 暗访, while the inspection itself reaches no device at all —
not even one that declares the liaison unit's own names.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from patrol_app.domain.covert import CovertFinding, CovertInspection, InspectionMethod, quarter_of
from patrol_app.domain.enums import Level, Role
from patrol_app.domain.ids import utc_now, uuid7
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import Actor, ProblemSource, ProblemState, local_date
from patrol_app.store import open_store
from sync import protocol
from sync.credentials import TOKEN_FILE
from sync.office.db import default_url, make_engine
from tests.sync.test_pull import app, enroll

UNIT_UUID = "0ff0365e-1427-58db-94b0-1d6be13dd8ce"  # the demo register's 鲁山县水利局, assisting 高淑芬
UNIT = "鲁山县水利局"
INSPECTOR = "周爱萍"
CHIEF_UUID = "79169ee1-66c6-50e8-94cc-1aa3a93f361a"
VILLAGE_CHIEF = "张村长"
REACHES = ("410423000001", "410423000002")
FINDING = "桥下倾倒建筑垃圾约五方"
CONCLUSION = "总体较好，桥下发现一处乱堆，现场未见保洁人员。"
DRAFT_SECRET = "计划下周暗访二号河段夜间采砂点"


def sync_json(device: Path) -> dict:
    done = app(device, "sync", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["complete"] and report["pulled"], report
    return report


def inspection(**changes) -> CovertInspection:
    now = utc_now()
    start, end = now - timedelta(hours=3), now - timedelta(hours=1)
    values = dict(
        uuid=uuid7(), unit_uuid=UNIT_UUID, unit_name=UNIT, quarter=quarter_of(start.astimezone(CHINA_TZ)).key,
        chief_uuid=CHIEF_UUID, chief_name="高淑芬", reach_codes=REACHES, started_at=start, ended_at=end,
        inspectors=(INSPECTOR, "钱记录"), methods=(InspectionMethod.ON_SITE, InspectionMethod.DRONE),
        conclusion=CONCLUSION,
        findings=(CovertFinding(uuid=uuid7(), code="dumping.construction_waste", description=FINDING,
                                reach_code=REACHES[0], found_at=start + timedelta(minutes=40)),),
    )
    values.update(changes)
    return CovertInspection(**values)


def office_engine(office) -> sa.Engine:
    return make_engine(office.db or default_url(office.data_dir))


def versions_held(office, kind: str) -> list[tuple[str, int]]:
    engine = office_engine(office)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(
                "SELECT uuid, version FROM record_versions WHERE kind = :kind ORDER BY uuid, version"),
                {"kind": kind})]
    finally:
        engine.dispose()


def exported(office, out: Path) -> dict[str, list[dict]]:
    done = office.cli("export", "json", str(out))
    assert done.returncode == 0, done.stderr
    return {p.stem: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()]
            for p in sorted(out.glob("*.jsonl"))}


def raw_pull(office, device: Path, device_id: str, identities: dict) -> list[dict]:
    """Everything the office would send this device from the start of its feed, as the device's own
    token asks for it (the app skips kinds it does not take, so its tables alone prove nothing)."""
    token = (device / TOKEN_FILE).read_text().strip()
    body = {"protocol": protocol.PROTOCOL_VERSION, "device_id": device_id, "after": 0, "limit": 500,
            "identities": identities}
    reply = requests.post(office.url + "/v1/pull", json=body, timeout=60,
                          headers={"Authorization": f"Bearer {token}"})
    assert reply.status_code == 200, reply.text
    return [r["record"] for r in reply.json()["records"]]


def files_mention(folder: Path, *texts: str) -> list[str]:
    """Which of `texts` occur anywhere in the folder's files (the database, its WAL, exports…)."""
    blobs = [p.read_bytes() for p in folder.rglob("*") if p.is_file()]
    return [t for t in texts if any(t.encode("utf-8") in b for b in blobs)]


@pytest.fixture
def laptops(tmp_path: Path, office):
    """A liaison unit's laptop and a village chief's (another device), both enrolled and synced once."""
    liaison, chief = tmp_path / "liaison", tmp_path / "chief"
    with open_store(liaison) as store:
        profile = store.profiles.save(name=INSPECTOR, role=Role.LIAISON_INSPECTOR, level=None, unit=UNIT,
                                      reach_codes=[])
        me = Actor(profile.uuid, profile.name, Role.LIAISON_INSPECTOR, profile.unit)
    with open_store(chief) as store:
        store.profiles.save(name=VILLAGE_CHIEF, role=Role.CHIEF, level=Level.VILLAGE, unit="鲁山县张庄村",
                            reach_codes=[REACHES[0]])
        chief_id = store.device_id
    for device in (liaison, chief):
        enroll(device, office)
        sync_json(device)  # each declares its people to the office
    return liaison, me, chief, chief_id


def test_a_submitted_inspection_arrives_once_a_draft_never_and_the_chief_gets_only_the_assigned_finding(
        laptops, office, tmp_path: Path) -> None:
    liaison, me, chief, chief_id = laptops
    plan = inspection(findings=(), conclusion=DRAFT_SECRET, reach_codes=(REACHES[1],))
    done = inspection()
    with open_store(liaison) as store:
        store.covert.save_draft(plan)
        store.covert.save_draft(done)
        store.covert.submit(done.uuid, me)
    finding = done.findings[0].uuid

    first = sync_json(liaison)
    assert first["sent"] == 3, first  # the inspection, its finding's problem and that problem's report
    assert sync_json(liaison)["sent"] == 0
    # A reply lost after the office committed: the laptop sends the same versions again.
    with open_store(liaison) as store, store.write() as conn:
        resent = conn.execute("UPDATE outbox SET state = 'pending', acked_at = NULL "
                              "WHERE kind IN ('covert_inspection', 'problem', 'problem_event')").rowcount
    assert resent == 3
    again = sync_json(liaison)
    assert again["sent"] == 3 and not again.get("rejected"), again
    assert versions_held(office, "covert_inspection") == [(done.uuid, 2)]  # version 1, the draft, stayed home
    assert versions_held(office, "problem") == [(finding, 1)]

    records = exported(office, tmp_path / "office-export")
    [wire] = records["covert_inspection"]
    assert wire["uuid"] == done.uuid and wire["device_id"] != protocol.OFFICE_DEVICE
    assert wire["data"]["state"] == "submitted" and wire["data"]["finding_uuids"] == [finding]
    assert wire["data"]["conclusion"] == CONCLUSION and "draft" not in wire["data"]
    [problem] = records["problem"]
    assert problem["uuid"] == finding and problem["data"]["source"] == ProblemSource.COVERT.code
    # The draft never left the laptop: not its uuid, not a word of it.
    assert files_mention(tmp_path / "office", plan.uuid, DRAFT_SECRET) == []
    assert files_mention(tmp_path / "office-export", plan.uuid, DRAFT_SECRET) == []

    # 交办 from the office to the village chief: the finding comes down to the chief's laptop, as 暗访.
    deadline = local_date(utc_now()) + timedelta(days=10)
    assigned = office.cli("assign", finding, "--to", VILLAGE_CHIEF, "--deadline", deadline.isoformat(), "--json")
    assert assigned.returncode == 0, assigned.stderr
    assert json.loads(assigned.stdout)["data"]["assignee_person"] == VILLAGE_CHIEF
    got = sync_json(chief)
    assert got["received"] == 3 and got["assignments"] == 1, got  # the problem, its report, the 交办
    with open_store(chief) as store:
        problem = store.problems.get(finding)
        assert problem.source is ProblemSource.COVERT and problem.description == FINDING
        status = store.problems.status(finding)
        assert status.state is ProblemState.ASSIGNED and status.assignee_person == VILLAGE_CHIEF
        assert store.query("SELECT COUNT(*) FROM covert_inspections")[0][0] == 0
    assert sync_json(liaison)["received"] == 1  # the 交办 of its own finding; nothing else changes
    assert versions_held(office, "covert_inspection") == [(done.uuid, 2)]

    # The inspection itself reached no device: the office does not send it, whoever asks.
    as_chief = raw_pull(office, chief, chief_id, {"units": ["鲁山县张庄村"], "people": [VILLAGE_CHIEF],
                                                  "counties": ["410423"]})
    assert {r["kind"] for r in as_chief} == {"problem", "problem_event"}
    claiming_the_unit = raw_pull(office, chief, chief_id, {"units": [UNIT], "people": [INSPECTOR, "高淑芬"],
                                                           "counties": ["410423"]})
    assert all(r["kind"] != "covert_inspection" and r["uuid"] != done.uuid for r in claiming_the_unit)
    assert files_mention(chief, done.uuid, CONCLUSION, "钱记录", plan.uuid, DRAFT_SECRET) == []


def test_the_office_never_addresses_a_covert_inspection_and_never_pulls_one(tmp_path: Path, office_db) -> None:
    """The guard itself, in process: `publish` refuses the kind, and a feed row of it (a bug, a hand-made
    row) is left out of every pull reply."""
    from sync.office.db import migrate
    from sync.office.feed import NEVER_DOWN
    from sync.office.service import KINDS, Device, Office

    assert NEVER_DOWN <= KINDS  # accepted from devices, never sent to one
    engine = make_engine(office_db or default_url(tmp_path))
    try:
        migrate(engine)
        office = Office(engine, tmp_path)
        now = "2026-12-01T02:00:00.000Z"
        liaison, chief = "dev-liaison", "dev-chief"
        for device in (liaison, chief):
            with engine.begin() as conn:
                conn.execute(sa.text("INSERT INTO devices (device_id, name, token_hash, enrolled_at, identities) "
                                     "VALUES (:d, '', :h, :t, '{}')"), {"d": device, "h": device * 2, "t": now})
        secret = protocol.WireRecord(kind="covert_inspection", uuid=uuid7(), version=2, device_id=liaison,
                                     created_at=now, updated_at=now, data={"state": "submitted",
                                                                           "conclusion": CONCLUSION})
        batch = protocol.Batch(protocol=protocol.PROTOCOL_VERSION, device_id=liaison, batch_id=uuid7(),
                               records=[secret])
        device = Device(liaison, "", now, None, now)
        assert [a.status for a in office.ingest(device, batch).acks] == ["stored"]
        assert [a.status for a in office.ingest(device, batch).acks] == ["duplicate"]

        with engine.begin() as conn, pytest.raises(ValueError):
            office.feed.publish(conn, "covert_inspection", secret.uuid, 2, [f"device:{chief}"])
        with engine.begin() as conn:  # as if some future code path addressed it anyway
            conn.execute(sa.text("INSERT INTO feed (kind, uuid, version, audience, published_at) "
                                 "VALUES ('covert_inspection', :u, 2, :a, :t)"),
                         {"u": secret.uuid, "a": f"device:{chief}", "t": now})
        request = protocol.PullRequest(protocol=protocol.PROTOCOL_VERSION, device_id=chief, after=0)
        reply = office.feed.pull(chief, request)
        assert reply.records == [] and not reply.more
    finally:
        engine.dispose()


def test_a_unit_assigns_its_finding_itself_and_the_chiefs_steps_come_back(laptops, office, tmp_path: Path) -> None:
    """交办 made on the liaison unit's laptop (not by the office): the finding reaches the village chief's
    device, with its evidence photo only once the inspection is submitted, and the chief's 整改完成 comes
    back to the unit."""
    from patrol_app.domain.problems import Action
    from patrol_app.media.importer import PhotoImporter
    from tests.photos_factory import make_photo

    liaison, me, chief, _chief_id = laptops
    done = inspection()
    taken = done.findings[0].found_at.astimezone(CHINA_TZ).replace(tzinfo=None)
    photo_file = make_photo(tmp_path / "evidence.jpg", size=(800, 600), when=taken)
    with open_store(liaison) as store:
        (result,) = PhotoImporter(store, held_for=done.uuid).run([photo_file]).results
        photo = str(result.photo_uuid)
        sha = store.photos.get(photo)["upload_sha256"]
        finding = replace(done.findings[0], photos=(photo,))
        store.covert.save_draft(replace(done, findings=(finding,)))
    # Held by the draft: the photo does not leave the laptop, not even its record.
    assert sync_json(liaison)["sent"] == 0
    assert versions_held(office, "photo") == []
    assert not (tmp_path / "office" / "photos").exists() or sha not in {
        p.name.split(".")[0] for p in (tmp_path / "office" / "photos").rglob("*") if p.is_file()}

    deadline = local_date(utc_now()) + timedelta(days=10)
    with open_store(liaison) as store:
        store.covert.submit(done.uuid, me)
        head = store.problems.status(finding.uuid).head
        store.problems.act(finding.uuid, head, Action.ASSIGN, me, assignee_unit="",
                           assignee_person=VILLAGE_CHIEF, deadline=deadline, note="请三日内清理")
    sent = sync_json(liaison)
    # The photo, the inspection, the problem, its report, the photo's link to it, the 交办.
    assert sent["sent"] == 6 and not sent.get("rejected"), sent
    assert versions_held(office, "photo") == [(photo, 1)]

    got = sync_json(chief)
    assert got["assignments"] == 1, got
    with open_store(chief) as store:
        status = store.problems.status(finding.uuid)
        assert store.problems.get(finding.uuid).source is ProblemSource.COVERT
        assert status.state is ProblemState.ASSIGNED and status.assignee_person == VILLAGE_CHIEF
        assert status.deadline == deadline
        assert store.query("SELECT COUNT(*) FROM covert_inspections")[0][0] == 0
        chief_me = Actor(store.profiles.current().uuid, VILLAGE_CHIEF, Role.CHIEF, "鲁山县张庄村")
        store.problems.act(finding.uuid, status.head, Action.RECTIFY, chief_me, note="已清运",
                           reason="现场没有带相机")
    assert files_mention(chief, done.uuid, CONCLUSION, "钱记录") == []
    assert sync_json(chief)["sent"] == 1

    back = sync_json(liaison)
    assert back["received"] == 1, back  # the chief's 整改完成; its own records never come back
    with open_store(liaison) as store:
        assert store.problems.status(finding.uuid).state is ProblemState.RECTIFIED

    # A device cannot send another device's problem to a name of its choosing: a 交办 of the unit's finding
    # uploaded by the chief's laptop is stored, and addressed to no one new.
    engine = office_engine(office)
    try:
        with engine.connect() as conn:
            before = conn.execute(sa.text("SELECT DISTINCT audience FROM feed")).scalars().all()
    finally:
        engine.dispose()
    with open_store(chief) as store, store.write() as conn:
        # A hand-made 交办 event of the liaison's problem, as a tampered laptop could upload it.
        from patrol_app.store import records as store_records

        store_records.insert_one(conn, store.device_id, store_records.PROBLEM_EVENT, uuid7(), {
            "problem_uuid": finding.uuid, "seq": 99, "action": "assign", "at": "2026-01-01T00:00:00.000Z",
            "actor_uuid": chief_me.uuid, "actor_name": VILLAGE_CHIEF, "actor_role": "chief",
            "actor_unit": "鲁山县张庄村", "note": "", "reason": "", "assignee_unit": "",
            "assignee_person": "王五", "deadline": deadline.isoformat()})
    assert sync_json(chief)["sent"] == 1
    engine = office_engine(office)
    try:
        with engine.connect() as conn:
            after = conn.execute(sa.text("SELECT DISTINCT audience FROM feed")).scalars().all()
    finally:
        engine.dispose()
    assert "person:王五" not in after and set(after) == set(before)
