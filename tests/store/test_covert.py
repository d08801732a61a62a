"""Covert inspections in a real SQLite file: drafts never queued, one submission queued once with its
findings as problems, nothing covert seen from another profile, the register's history, the clock."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from patrol_app import syncing
from patrol_app.domain.covert import (
    CovertFinding,
    CovertInspection,
    Escalation,
    InspectionMethod,
    quarter_from_key,
)
from patrol_app.domain.enums import Level, Role
from patrol_app.domain.ids import iso_utc, uuid7
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import Actor, ProblemSource, Severity
from patrol_app.domain.refusal import Refusal
from patrol_app.store import open_store, records
from patrol_app.store.database import Store
from patrol_app.store.problems import ProblemFilter
from patrol_app.store.schema import known_migrations
from sync import outbox

# The demo register: 鲁山县水利局 assists 高淑芬 (county chief of 鲁山县), who holds six reaches.
UNIT = "0ff0365e-1427-58db-94b0-1d6be13dd8ce"
CHIEF = "79169ee1-66c6-50e8-94cc-1aa3a93f361a"
OWED = [f"410423{n:06d}" for n in range(1, 7)]
SECRET = "桥下暗访发现倾倒建筑垃圾约五方"


def bj(*args: int) -> datetime:
    return datetime(*args, tzinfo=CHINA_TZ)


NOW = bj(2026, 3, 20, 9)


@pytest.fixture
def liaison(store: Store) -> tuple[Store, Actor]:
    store.profiles.save(name="张村长", role=Role.CHIEF, level=Level.VILLAGE, unit="鲁山县张庄村",
                        reach_codes=OWED[:1], make_current=False)
    profile = store.profiles.save(name="周爱萍", role=Role.LIAISON_INSPECTOR, level=None, unit="鲁山县水利局",
                                  reach_codes=[])
    return store, Actor(profile.uuid, profile.name, Role.LIAISON_INSPECTOR, profile.unit)


def as_chief(store: Store) -> None:
    chief = next(p for p in store.profiles.all() if p.role is Role.CHIEF)
    store.profiles.make_current(chief.uuid)


def as_liaison(store: Store) -> None:
    store.profiles.make_current(next(p for p in store.profiles.all() if p.role is Role.LIAISON_INSPECTOR).uuid)


def draft(uuid: str | None = None, **changes) -> CovertInspection:
    values = dict(
        uuid=uuid or uuid7(), unit_uuid=UNIT, unit_name="鲁山县水利局", quarter="2026-Q1", chief_uuid=CHIEF,
        chief_name="高淑芬", reach_codes=(OWED[0], OWED[1]), started_at=bj(2026, 3, 10, 9),
        ended_at=bj(2026, 3, 10, 12), inspectors=("周爱萍", "钱记录"),
        methods=(InspectionMethod.ON_SITE, InspectionMethod.INTERVIEWS), conclusion="总体较好，发现一处乱堆。",
        findings=(CovertFinding(uuid=uuid7(), code="dumping.construction_waste", description=SECRET,
                                reach_code=OWED[0], found_at=bj(2026, 3, 10, 10)),),
    )
    values.update(changes)
    return CovertInspection(**values)


def queued(store: Store) -> list[tuple[str, str, int]]:
    return sorted((e.kind, e.record_uuid, e.version) for e in outbox.pending(store.conn, 10_000))


# ---- drafts and submission ----------------------------------------------------------------------


def test_a_draft_is_stored_but_never_queued(liaison) -> None:
    store, _ = liaison
    before = queued(store)
    plan = store.covert.save_draft(draft(), now=NOW)
    store.covert.save_draft(draft(plan.uuid, conclusion="改了结论"), now=NOW)
    assert queued(store) == before
    assert store.covert.get(plan.uuid).conclusion == "改了结论"
    assert [d.uuid for d in store.covert.drafts({UNIT})] == [plan.uuid]
    row = records.COVERT_INSPECTION.read(store.conn, plan.uuid)
    payload = {c for c in records.COVERT_INSPECTION.columns if c not in ("state", "draft", "sealed")}
    assert all(row[c] is None for c in payload) and row["version"] == 2  # all of it in `draft`, nothing else
    assert store.upkeep.check().ok  # a draft is not "a version that would never go up"
    store.covert.discard_draft(plan.uuid)
    assert store.covert.get(plan.uuid) is None and queued(store) == before


def test_submitting_queues_the_inspection_and_its_findings_once(liaison) -> None:
    store, me = liaison
    plan = store.covert.save_draft(draft(), now=NOW)
    before = queued(store)
    done = store.covert.submit(plan.uuid, me, now=NOW)
    finding = done.findings[0]
    new = sorted(set(queued(store)) - set(before))
    kinds = [k for k, _, _ in new]
    assert kinds.count("covert_inspection") == 1 and kinds.count("problem") == 1 and kinds.count("problem_event") == 1
    assert ("covert_inspection", plan.uuid, 2) in new  # version 1, the draft, stayed on the laptop
    problem = store.problems.get(finding.uuid)
    assert problem.source is ProblemSource.COVERT and problem.description == SECRET
    assert problem.found_by.role is Role.LIAISON_INSPECTOR
    wire = records.COVERT_INSPECTION.wire(store.conn, plan.uuid)
    assert wire["data"]["finding_uuids"] == [finding.uuid] and wire["data"]["state"] == "submitted"
    assert "draft" not in wire["data"] and "sealed" not in wire["data"]
    assert wire["data"]["methods"] == ["on_site", "interviews"] and wire["data"]["reach_codes"] == OWED[:2]
    again = store.covert.get(plan.uuid)
    assert again.is_submitted and again.findings == done.findings and again.conclusion == done.conclusion
    for act in (lambda: store.covert.submit(plan.uuid, me, now=NOW), lambda: store.covert.save_draft(again),
                lambda: store.covert.discard_draft(plan.uuid)):
        with pytest.raises(Refusal) as info:
            act()
        assert info.value.code == "already_submitted"
    assert sorted(set(queued(store)) - set(before)) == new
    assert store.upkeep.check().ok


def test_a_refused_submission_writes_nothing(liaison) -> None:
    store, me = liaison
    plan = store.covert.save_draft(draft(conclusion=""), now=NOW)
    before = (queued(store), store.problems.count(ProblemFilter(date(2026, 3, 20))))
    with pytest.raises(Refusal) as info:
        store.covert.submit(plan.uuid, me, now=NOW)
    assert info.value.code == "need_conclusion"
    assert (queued(store), store.problems.count(ProblemFilter(date(2026, 3, 20)))) == before
    assert not store.covert.get(plan.uuid).is_submitted


def test_a_major_finding_and_a_follow_up(liaison) -> None:
    store, me = liaison
    major = draft(findings=(CovertFinding(uuid=uuid7(), code="mining.sand", description="夜间非法采砂",
                                          reach_code=OWED[1], found_at=bj(2026, 1, 9, 10), severity=Severity.MAJOR),),
                  quarter="2026-Q1", started_at=bj(2026, 1, 9, 9), ended_at=bj(2026, 1, 9, 12))
    store.covert.save_draft(major, now=NOW)
    with pytest.raises(Refusal) as info:
        store.covert.submit(major.uuid, me, now=NOW)
    assert info.value.code == "major_not_flagged"
    told = Escalation("高淑芬", bj(2026, 1, 9, 12, 30), "当面报告", CHIEF)
    store.covert.save_draft(draft(major.uuid, findings=major.findings, major=True, escalation=told,
                                  started_at=major.started_at, ended_at=major.ended_at), now=NOW)
    first = store.covert.submit(major.uuid, me, now=NOW)
    assert first.major and first.escalation == told
    back = draft(follows_up=first.uuid, rechecked=first.finding_uuids, findings=(), reach_codes=(OWED[1],))
    store.covert.save_draft(back, now=NOW)
    assert store.covert.submit(back.uuid, me, now=NOW).rechecked == first.finding_uuids
    rows = store.covert.finding_rows([first.uuid, back.uuid])
    assert [(r["inspection_uuid"], r["description"], r["state"]) for r in rows] == [
        (first.uuid, "夜间非法采砂", "reported")]


def test_a_route_track_kept_local_goes_up_with_the_submission(liaison) -> None:
    store, me = liaison
    track = uuid7()
    with store.write() as conn:
        records.insert_local(conn, store.device_id, records.TRACK, track, {
            "format": "gpx", "points": "[]", "point_count": 0, "segments": 1, "distance_m": 0,
            "started_at": iso_utc(bj(2026, 3, 10, 9)), "ended_at": iso_utc(bj(2026, 3, 10, 11, 50))})
    plan = store.covert.save_draft(draft(track_uuid=track), now=NOW)
    assert ("track", track, 1) not in queued(store)
    store.covert.submit(plan.uuid, me, now=NOW)
    assert ("track", track, 1) in queued(store)


def test_a_laptop_clock_gone_back_is_caught_at_submission(liaison) -> None:
    store, me = liaison
    store.covert.submit(store.covert.save_draft(draft(), now=NOW).uuid, me, now=NOW)
    # The laptop now says 2 March (its battery died): an inspection dated "today" would count for the wrong days.
    behind = bj(2026, 3, 2, 10)
    plan = store.covert.save_draft(draft(started_at=bj(2026, 3, 2, 8), ended_at=bj(2026, 3, 2, 9),
                                         findings=()), now=behind)
    with pytest.raises(Refusal) as info:
        store.covert.submit(plan.uuid, me, now=behind)
    assert info.value.code == "clock_behind" and "时钟慢了" in info.value.zh


# ---- what another profile sees --------------------------------------------------------------------


def everything_listed(store: Store) -> str:
    """Every list, count, search and export the store offers to a page, as one text to search in."""
    today = date(2026, 3, 20)
    shown = [
        store.problems.page(ProblemFilter(today), limit=0),
        store.problems.page(ProblemFilter(today, text="垃圾"), limit=0),
        store.problems.page(ProblemFilter(today, source=ProblemSource.COVERT.code), limit=0),
        store.problems.counts(today, reach_codes=OWED),
        store.problems.counts(today),
        store.problems.responsibilities(today),
        store.upkeep.record_counts(),
        store.patrols.unattached_tracks(),
    ]
    return json.dumps(shown, ensure_ascii=False, default=str)


def exported(store: Store, out: Path) -> str:
    syncing.export_json(store, out)
    return "".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("*.jsonl")))


def test_nothing_covert_is_seen_from_another_profile(liaison, tmp_path: Path) -> None:
    store, me = liaison
    submitted = store.covert.submit(store.covert.save_draft(draft(), now=NOW).uuid, me, now=NOW)
    secret_draft = store.covert.save_draft(draft(findings=(CovertFinding(
        uuid=uuid7(), code="outfall.new_unregistered", description="暗管偷排，尚未提交", reach_code=OWED[1],
        found_at=bj(2026, 3, 18, 10)),), started_at=bj(2026, 3, 18, 9), ended_at=bj(2026, 3, 18, 11)), now=NOW)

    as_chief(store)
    assert not store.covert.visible()
    for call in (store.covert.units, lambda: store.covert.get(submitted.uuid), store.covert.drafts,
                 store.covert.submitted, lambda: store.covert.coverage({UNIT}, quarter_from_key("2026-Q1"), now=NOW),
                 lambda: store.covert.save_draft(draft()), lambda: store.covert.discard_draft(secret_draft.uuid),
                 lambda: store.covert.finding_rows([submitted.uuid])):
        with pytest.raises(Refusal) as info:
            call()
        assert info.value.code == "covert_hidden" and "对口联系单位" in info.value.zh
    listed = everything_listed(store)
    assert "暗管偷排" not in listed and secret_draft.uuid not in listed  # the draft and its finding: nowhere
    assert "covert_inspections" not in store.upkeep.record_counts()
    chief_export = exported(store, tmp_path / "chief")
    assert not (tmp_path / "chief" / "covert_inspection.jsonl").exists()
    assert submitted.uuid not in chief_export and secret_draft.uuid not in chief_export
    assert "暗管偷排" not in chief_export
    # The submitted inspection's finding is a problem now, as the chief will receive it once assigned.
    assert SECRET in listed and SECRET in chief_export

    as_liaison(store)
    assert store.upkeep.record_counts()["covert_inspections"] == 2
    liaison_export = exported(store, tmp_path / "liaison")
    lines = (tmp_path / "liaison" / "covert_inspection.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["uuid"] for line in lines] == [submitted.uuid]  # drafts never leave, even here
    assert "暗管偷排" not in liaison_export


# ---- coverage over the register's history ---------------------------------------------------------


def test_coverage_from_the_register(liaison) -> None:
    store, me = liaison
    [unit] = store.covert.units_for(store.profiles.current())
    assert (unit.uuid, unit.chief_uuids) == (UNIT, (CHIEF,))
    store.covert.submit(store.covert.save_draft(draft(), now=NOW).uuid, me, now=NOW)
    store.covert.save_draft(draft(reach_codes=(OWED[2],), started_at=None, ended_at=None, findings=()), now=NOW)
    cov = store.covert.coverage({UNIT}, quarter_from_key("2026-Q1"), now=NOW)
    assert [line.reach_code for line in cov.lines] == OWED
    assert [line.covered for line in cov.lines] == [True, True, False, False, False, False]
    assert [bool(line.planned) for line in cov.lines] == [False, False, True, False, False, False]
    assert cov.days_left == 12 and not cov.final
    history = store.covert.coverage_history({UNIT}, since=bj(2025, 11, 1), now=NOW)
    assert [(q.quarter.key, q.covered, q.missed) for q in history] == [("2025-Q4", 0, True), ("2026-Q1", 2, False)]
    assert [n.code for n in store.covert.notices(draft(reach_codes=(OWED[0], "410422000001")), now=NOW)] == [
        "outside_duty"]


def office_doc(kind: str, uuid: str, updated_at: str, **data) -> dict:
    return {"kind": kind, "uuid": uuid, "version": 2, "device_id": "office", "created_at": updated_at,
            "updated_at": updated_at, "deleted": False, "data": data, "photos": []}


def test_the_registers_history_is_kept_at_the_offices_time(liaison) -> None:
    """The office moves 410423000006 from 高淑芬 to another chief on 10 February; the device hears of it in
    April. Q1 (judged at its end) no longer owes it; Q4 did."""
    store, _ = liaison
    moved = "2026-02-10T02:00:00.000Z"
    store.remote.apply([office_doc("chief", CHIEF, moved, name="高淑芬", level="county", reaches=OWED[:5])], 1)
    history = store.covert.history({UNIT})
    gone = [link for link in history.holds if link.held == OWED[5] and link.holder == CHIEF]
    assert len(gone) == 1 and gone[0].since is None and iso_utc(gone[0].until) == moved
    q1 = store.covert.coverage({UNIT}, quarter_from_key("2026-Q1"), now=bj(2026, 4, 5))
    assert [line.reach_code for line in q1.lines] == OWED[:5]
    q4 = store.covert.coverage({UNIT}, quarter_from_key("2025-Q4"), now=bj(2026, 4, 5))
    assert [line.reach_code for line in q4.lines] == OWED
    # The same version again changes nothing in the history; giving it back opens a new period.
    store.remote.apply([office_doc("chief", CHIEF, moved, name="高淑芬", level="county", reaches=OWED[:5])], 2)
    back = "2026-04-20T02:00:00.000Z"
    store.remote.apply([office_doc("chief", CHIEF, back, name="高淑芬", level="county", reaches=OWED)], 3)
    spans = [(link.since, link.until) for link in store.covert.history({UNIT}).holds if link.held == OWED[5]]
    assert [(s and iso_utc(s), u and iso_utc(u)) for s, u in spans] == [(None, moved), (back, None)]
    q2 = store.covert.coverage({UNIT}, quarter_from_key("2026-Q2"), now=bj(2026, 5, 1))
    assert q2.lines[-1].reach_code == OWED[5] and iso_utc(q2.lines[-1].joined) == back


def test_a_chief_removed_from_the_register_ends_its_links(liaison) -> None:
    store, _ = liaison
    with store.write() as conn:  # as the real register's arrival retires the demo's (ON DELETE CASCADE)
        conn.execute("DELETE FROM chiefs WHERE uuid = ?", (CHIEF,))
    history = store.covert.history({UNIT})
    assert history.assists and all(link.until is not None for link in (*history.assists, *history.holds))
    assert store.covert.coverage({UNIT}, quarter_from_key("2026-Q4"), now=datetime.now(CHINA_TZ)).lines == ()


def test_upgrading_keeps_the_links_the_register_had(data_dir: Path) -> None:
    from sqlite_utils import Database

    from patrol_app.paths import database_path
    from patrol_app.store import schema
    from patrol_app.store.database import _connect

    data_dir.mkdir(parents=True)
    db = Database(_connect(database_path(data_dir)))
    schema.migrations().apply(db, stop_before="0006_covert_inspections")
    links = db.conn.execute("SELECT count(*) FROM chief_reaches").fetchone()[0]
    db.close()
    with open_store(data_dir) as store:
        assert store.schema_version == len(known_migrations())
        rows = store.query("SELECT link, since, until FROM register_history")
        assert sum(r["link"] == "holds" for r in rows) == links > 0
        assert all(r["since"] is None and r["until"] is None for r in rows)


# ---- a draft's photos and route track ----------------------------------------------------------------


def import_photo(store: Store, folder: Path, when: datetime) -> str:
    from patrol_app.media.importer import PhotoImporter
    from tests.photos_factory import make_photo

    path = make_photo(folder / f"IMG_{when:%m%d%H%M}.jpg", size=(640, 480), when=when.replace(tzinfo=None))
    (result,) = PhotoImporter(store).run([path]).results
    return str(result.photo_uuid)


def test_a_drafts_photos_and_route_are_kept_out_of_the_photos_page_and_the_patrol_editor(liaison, tmp_path) -> None:
    from patrol_app.store.photos import PhotoFilter

    store, me = liaison
    ordinary = import_photo(store, tmp_path, bj(2026, 3, 10, 8))
    evidence = import_photo(store, tmp_path, bj(2026, 3, 10, 10, 5))
    track = uuid7()
    with store.write() as conn:
        records.insert_local(conn, store.device_id, records.TRACK, track, {
            "format": "gpx", "points": "[]", "point_count": 0, "segments": 1, "distance_m": 0,
            "started_at": iso_utc(bj(2026, 3, 10, 9)), "ended_at": iso_utc(bj(2026, 3, 10, 11, 50))})
    base = draft()
    finding = replace(base.findings[0], photos=(evidence,))
    plan = store.covert.save_draft(replace(base, track_uuid=track, findings=(finding,)), now=NOW)

    def offered() -> tuple[set[str], set[str], set[str], int]:
        page = {p["uuid"] for p in store.photos.page(PhotoFilter(), None, 100)}
        window = {p["uuid"] for p in store.patrols.photos_in_window(bj(2026, 3, 10), bj(2026, 3, 11))}
        tracks = {t["uuid"] for t in store.patrols.unattached_tracks()}
        return page, window, tracks, store.photos.count()

    as_chief(store)
    assert offered() == ({ordinary}, {ordinary}, set(), 1)
    as_liaison(store)
    store.covert.submit(plan.uuid, me, now=NOW)
    page, window, tracks, count = offered()
    assert page == window == {ordinary, evidence} and count == 2  # the finding's evidence, as visible as it
    assert tracks == set()  # a covert route is never offered to a patrol
    view = store.problems.view(finding.uuid)
    assert [p["uuid"] for photos in view.photos.values() for p in photos] == [evidence]


def test_a_photo_dated_after_the_laptops_clock_is_caught_at_submission(liaison, tmp_path) -> None:
    store, me = liaison
    later = import_photo(store, tmp_path, bj(2026, 6, 2, 10))  # the camera says June; the laptop says March
    base = draft()
    plan = store.covert.save_draft(replace(base, findings=(replace(base.findings[0], photos=(later,)),)), now=NOW)
    with pytest.raises(Refusal) as info:
        store.covert.submit(plan.uuid, me, now=NOW)
    assert info.value.code == "clock_behind" and "照片" in info.value.zh


def test_a_drafts_own_photos_and_route_stay_on_the_laptop_until_it_is_submitted(liaison, tmp_path) -> None:
    """Photos imported for a draft (held_for) are not queued, not in any export and not a `check` error;
    submitting queues them; its route is exported only from the liaison profile."""
    from patrol_app.media.importer import PhotoImporter
    from tests.photos_factory import make_photo

    store, me = liaison
    base = draft()
    path = make_photo(tmp_path / "evidence.jpg", size=(640, 480), when=datetime(2026, 3, 10, 10, 5))
    (result,) = PhotoImporter(store, held_for=base.uuid).run([path]).results
    photo = str(result.photo_uuid)
    track = uuid7()
    with store.write() as conn:
        records.insert_local(conn, store.device_id, records.TRACK, track, {
            "format": "gpx", "points": "[]", "point_count": 0, "segments": 1, "distance_m": 0,
            "started_at": iso_utc(bj(2026, 3, 10, 9)), "ended_at": iso_utc(bj(2026, 3, 10, 11, 50))})
    store.covert.hold_track(track, base.uuid)
    plan = store.covert.save_draft(replace(base, track_uuid=track, findings=(
        replace(base.findings[0], photos=(photo,)),)), now=NOW)
    assert not [q for q in queued(store) if q[1] in (photo, track)]
    assert store.upkeep.check().ok, store.upkeep.check()
    for who, folder in ((as_chief, "chief-before"), (as_liaison, "liaison-before")):
        who(store)
        text = exported(store, tmp_path / folder)
        assert photo not in text and track not in text, folder
    as_chief(store)
    counts = store.upkeep.record_counts()
    assert (counts["photos"], counts["tracks"]) == (0, 0)  # not even counted from another profile
    as_liaison(store)
    assert (store.upkeep.record_counts()["photos"], store.upkeep.record_counts()["tracks"]) == (1, 1)

    store.covert.submit(plan.uuid, me, now=NOW)
    assert ("photo", photo, 1) in queued(store) and ("track", track, 1) in queued(store)
    assert store.upkeep.check().ok
    waiting = store.upkeep.pending_sync()
    assert waiting["track"] == 1 and waiting["covert_inspection"] == 1
    as_chief(store)
    waiting = store.upkeep.pending_sync()
    assert "track" not in waiting and "covert_inspection" not in waiting and waiting["photo"] == 1
    assert store.upkeep.pending_sync_total() == sum(waiting.values())
    chief_export = exported(store, tmp_path / "chief-after")
    assert photo in chief_export and track not in chief_export  # evidence of a problem; the route stays covert
    as_liaison(store)
    assert track in exported(store, tmp_path / "liaison-after")
