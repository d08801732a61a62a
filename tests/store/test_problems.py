"""Problems in the store: one transaction per step, outbox entries, stale views, merging devices."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from patrol_app.domain.enums import Role
from patrol_app.domain.ids import uuid7
from patrol_app.domain.problems import (
    Action,
    Actor,
    Problem,
    ProblemSource,
    ProblemState,
    Severity,
    Urgency,
    fold,
)
from patrol_app.domain.refusal import Refusal
from patrol_app.media.importer import PhotoImporter
from patrol_app.paths import Library
from patrol_app.store import Store, open_store, records
from patrol_app.store.problems import ProblemFilter
from sync import outbox
from tests.photos_factory import make_folder

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
TODAY = date(2026, 3, 2)
REACH = "410402000001"
PATROLLER = Actor("p-1", "张巡河员", Role.PATROLLER, "卫东区东高皇街道")
CHIEF = Actor("c-1", "李镇长", Role.CHIEF, "东高皇街道")
CREW = Actor("m-1", "王师傅", Role.MAINTENANCE, "湛河保洁公司")
LIAISON = Actor("l-1", "刘科长", Role.LIAISON_INSPECTOR, "市水利局")


def new_problem(found_by: Actor = PATROLLER, *, severity: Severity = Severity.GENERAL, code: str = "dumping.garbage",
                at: datetime = NOW) -> Problem:
    return Problem(uuid7(), code, "河堤南侧堆放生活垃圾约 2 立方米", severity, Urgency.NORMAL, ProblemSource.PATROL,
                   REACH, at - timedelta(hours=1), found_by, 33.73, 113.19, "manual")


def photos(store: Store, tmp_path: Path, n: int = 2, seed: int = 0) -> list[str]:
    folder = tmp_path / f"photos-{seed}"
    make_folder(folder, n, size=(640, 480), start_seed=seed)
    summary = PhotoImporter(store).run([folder])
    return [r.photo_uuid for r in summary.results if r.photo_uuid]


def events_and_outbox(store: Store) -> tuple[int, int]:
    return store.upkeep.record_counts()["problem_events"], outbox.pending_count(store.conn)


def test_the_whole_life_of_a_problem_is_stored_and_queued_for_upload(store: Store, tmp_path: Path) -> None:
    before, after = photos(store, tmp_path, 1, seed=1), photos(store, tmp_path, 1, seed=2)
    problem = new_problem()
    s = store.problems.report(problem, photos=before, now=NOW)
    s = store.problems.act(problem.uuid, s.head, Action.ASSIGN, CHIEF, now=NOW, assignee_unit="湛河保洁公司",
                           deadline=TODAY + timedelta(days=5))
    s = store.problems.act(problem.uuid, s.head, Action.RECTIFY, CREW, now=NOW + timedelta(days=1),
                           note="已清运", photos=after)
    s = store.problems.act(problem.uuid, s.head, Action.VERIFY, LIAISON, now=NOW + timedelta(days=2))
    s = store.problems.act(problem.uuid, s.head, Action.CLOSE, CHIEF, now=NOW + timedelta(days=2))
    assert s.state is ProblemState.CLOSED

    view = store.problems.view(problem.uuid)
    assert view.problem == problem
    assert [step.event.action for step in view.status.steps] == [
        Action.REPORT, Action.ASSIGN, Action.RECTIFY, Action.VERIFY, Action.CLOSE]
    report_event, rectify_event = view.status.steps[0].event, view.status.steps[2].event
    assert [p["uuid"] for p in view.photos[report_event.uuid]] == before
    assert [p["uuid"] for p in view.photos[rectify_event.uuid]] == after
    used = store.problems.for_event(rectify_event.uuid)  # the photos page says where a photo is used
    assert used["code"] == problem.code and used["action"] == "rectify" and used["state"] == "closed"
    pending = outbox.pending_by_kind(store.conn)
    assert pending["problem"] == 1 and pending["problem_event"] == 5 and pending["photo_link"] == 2
    assert store.upkeep.check().ok


def test_a_stale_view_is_refused_and_nothing_is_written(store: Store) -> None:
    problem = new_problem()
    seen = store.problems.report(problem, now=NOW)
    store.problems.act(problem.uuid, seen.head, Action.ASSIGN, CHIEF, now=NOW, assignee_unit="保洁公司",
                       deadline=TODAY + timedelta(days=3))
    counts = events_and_outbox(store)
    with pytest.raises(Refusal) as refused:  # a second window still showing the problem as just reported
        store.problems.act(problem.uuid, seen.head, Action.DISMISS, LIAISON, now=NOW, reason="重复上报")
    assert refused.value.code == "stale" and "李镇长" in refused.value.zh and "交办" in refused.value.zh
    assert events_and_outbox(store) == counts
    assert store.problems.status(problem.uuid).state is ProblemState.ASSIGNED


def test_a_deadline_in_the_past_is_refused_and_nothing_is_written(store: Store) -> None:
    problem = new_problem()
    s = store.problems.report(problem, now=NOW)
    counts = events_and_outbox(store)
    with pytest.raises(Refusal) as refused:
        store.problems.act(problem.uuid, s.head, Action.ASSIGN, CHIEF, now=NOW, assignee_unit="保洁公司",
                           deadline=TODAY - timedelta(days=1))
    assert refused.value.code == "deadline_past"
    assert events_and_outbox(store) == counts


def test_a_missing_photo_file_is_refused_and_nothing_is_written(store: Store, tmp_path: Path) -> None:
    problem = new_problem(CHIEF)
    s = store.problems.report(problem, now=NOW)
    after = photos(store, tmp_path, 1, seed=5)
    row = store.photos.get(after[0])
    Library(store.data_dir).upload(row["upload_sha256"]).unlink()  # deleted by hand, or a failing disk
    counts = events_and_outbox(store)
    with pytest.raises(Refusal) as refused:
        store.problems.act(problem.uuid, s.head, Action.SELF_HANDLE, CHIEF, now=NOW, note="当场清理", photos=after)
    assert refused.value.code == "missing_photo" and row["original_name"] in refused.value.zh
    assert events_and_outbox(store) == counts
    assert store.problems.status(problem.uuid).state is ProblemState.REPORTED
    with pytest.raises(Refusal) as refused:
        store.problems.report(new_problem(), photos=["no-such-photo"], now=NOW)
    assert refused.value.code == "missing_photo"
    assert store.upkeep.record_counts()["problems"] == 1


def test_invalid_facts_write_nothing(store: Store) -> None:
    bad = new_problem()
    bad = Problem(bad.uuid, bad.code, "   ", bad.severity, bad.urgency, bad.source, REACH, bad.found_at, PATROLLER)
    with pytest.raises(Refusal):
        store.problems.report(bad, now=NOW)
    assert store.upkeep.record_counts()["problems"] == 0 and outbox.pending_count(store.conn) == 0


def exchange(source: Store, target: Store) -> int:
    """What the office would pass on: `source`'s problems and events in the wire format, through the
    receiving path of `target` (records of `target`'s own are skipped there, as the office never sends
    them). Returns how many records `target` took."""
    docs = [kind.wire(source.conn, row["uuid"]) for kind in (records.PROBLEM, records.PROBLEM_EVENT)
            for row in source.query(f"SELECT uuid FROM {kind.table} ORDER BY uuid")]
    return target.remote.apply(docs, target.remote.cursor() + 1).records


def test_two_devices_working_offline_end_in_the_same_state(tmp_path: Path) -> None:
    a, b = open_store(tmp_path / "a"), open_store(tmp_path / "b")
    try:
        problem = new_problem()
        s = a.problems.report(problem, now=NOW)
        s = a.problems.act(problem.uuid, s.head, Action.ASSIGN, CHIEF, now=NOW, assignee_unit="湛河保洁公司",
                           deadline=TODAY + timedelta(days=5))
        s = a.problems.act(problem.uuid, s.head, Action.RECTIFY, CREW, now=NOW + timedelta(hours=5), note="已清运",
                           reason="没带手机")
        # Device B got everything so far (as the office would pass it on), then both work offline.
        assert exchange(a, b) == 4
        assert b.problems.status(problem.uuid) == s
        # Kept as their origin made them: A's device, times and versions, and nothing queued on B.
        for kind in (records.PROBLEM, records.PROBLEM_EVENT):
            sql = f"SELECT uuid, device_id, created_at, updated_at, version FROM {kind.table}"
            mine = {r["uuid"]: r for r in a.query(sql)}
            theirs = {r["uuid"]: r for r in b.query(sql)}
            assert {u: tuple(r) for u, r in mine.items()} == {u: tuple(r) for u, r in theirs.items()}
        assert b.upkeep.pending_sync_total() == 0
        a_status = a.problems.act(problem.uuid, s.head, Action.VERIFY, LIAISON, now=NOW + timedelta(days=1, hours=2))
        a.problems.act(problem.uuid, a_status.head, Action.CLOSE, CHIEF, now=NOW + timedelta(days=1, hours=3))
        b.problems.act(problem.uuid, s.head, Action.REWORK, CHIEF, now=NOW + timedelta(days=1, hours=1),
                       reason="岸坡仍有垃圾")
        b.problems.act(problem.uuid, b.problems.status(problem.uuid).head, Action.FEEDBACK, CREW,
                       now=NOW + timedelta(days=1, hours=4), note="明天再清一次")
        # They exchange logs, in either direction, twice over: the same state on both, nothing lost.
        assert exchange(b, a) == 2 and exchange(a, b) == 2
        assert exchange(b, a) == 0 and exchange(a, b) == 0
        sa, sb = a.problems.status(problem.uuid), b.problems.status(problem.uuid)
        assert sa == sb and len(sa.steps) == 7
        # B's rework came first (same seq, earlier time): the work goes on; A's verification of the old
        # rectification and its close are kept in the log as not applied.
        assert sa.state is ProblemState.RECTIFYING and sa.rework_count == 1
        assert [s.event.action for s in sa.steps if not s.applied] == [Action.VERIFY, Action.CLOSE]
        for store in (a, b):
            assert store.upkeep.check().ok
            row = store.problems.page(ProblemFilter(TODAY))[0]
            assert row["state"] == "rectifying" and row["not_applied"] == 2
    finally:
        a.close()
        b.close()


def test_lists_filter_like_an_independent_count(store: Store) -> None:
    made = []
    for i in range(40):
        severity = [Severity.GENERAL, Severity.SERIOUS, Severity.MAJOR][i % 3]
        code = ["dumping.garbage", "mining.sand", "floating.rubbish", "outfall.abnormal_discharge"][i % 4]
        problem = new_problem(PATROLLER, severity=severity, code=code, at=NOW - timedelta(days=40 - i))
        when = NOW - timedelta(days=40 - i)
        s = store.problems.report(problem, now=when)
        if i % 2:
            s = store.problems.act(problem.uuid, s.head, Action.ASSIGN, CHIEF, now=when,
                                   assignee_unit="湛河保洁公司" if i % 4 == 1 else "东高皇街道",
                                   deadline=(when + timedelta(days=7)).date())
        if i % 10 == 0:
            s = store.problems.act(problem.uuid, s.head, Action.SELF_HANDLE, PATROLLER, now=when, note="清理",
                                   reason="无照片")
        made.append((problem, fold(problem.uuid, store.problems.events(problem.uuid))))

    def expect(pred) -> int:
        return sum(1 for p, s in made if pred(p, s))

    f = ProblemFilter
    assert store.problems.count(f(TODAY)) == 40
    assert store.problems.count(f(TODAY, overdue=True)) == expect(lambda p, s: s.is_overdue(NOW))
    assert store.problems.count(f(TODAY, overdue=True)) > 0
    assert store.problems.count(f(TODAY, category="mining")) == expect(lambda p, s: p.category == "mining")
    assert store.problems.count(f(TODAY, severity="major", open_only=True)) == expect(
        lambda p, s: p.severity is Severity.MAJOR and s.state.is_open)
    assert store.problems.count(f(TODAY, states=("rectified",))) == expect(
        lambda p, s: s.state is ProblemState.RECTIFIED)
    assert store.problems.count(f(TODAY, assigned_to=("湛河保洁公司", ""))) == expect(
        lambda p, s: s.assignee_unit == "湛河保洁公司")
    assert store.problems.count(f(TODAY, text="生活垃圾")) == 40
    assert store.problems.count(f(TODAY, text="100%_")) == 0
    # Keyset pages walk the whole list once, newest first.
    seen, after = [], None
    while page := store.problems.page(f(TODAY), after, limit=7):
        seen += page
        after = (page[-1]["found_at"], page[-1]["uuid"])
    assert [r["uuid"] for r in seen] == [p.uuid for p, _ in sorted(made, key=lambda m: m[0].found_at, reverse=True)]
    counts = store.problems.counts(TODAY, assigned_to=("湛河保洁公司", ""))
    assert counts["open"] == expect(lambda p, s: s.state.is_open)
    assert counts["overdue"] == expect(lambda p, s: s.is_overdue(NOW))
    assert counts["my_tasks"] == expect(lambda p, s: s.assignee_unit == "湛河保洁公司" and s.state.is_open)
    duty = {r["reach_code"]: r for r in store.problems.responsibilities(TODAY)}
    assert duty[REACH]["total"] == 40 and duty[REACH]["overdue"] == counts["overdue"]
    assert duty[REACH]["chiefs"] and duty[REACH]["liaison_units"]


def test_closed_this_year_counts_by_the_year_in_china(store: Store) -> None:
    new_year = datetime(2025, 12, 31, 16, 30, tzinfo=UTC)  # 2026-01-01 00:30 in Pingdingshan
    problem = new_problem(CHIEF, at=new_year - timedelta(hours=1))
    s = store.problems.report(problem, now=new_year - timedelta(hours=1))
    s = store.problems.act(problem.uuid, s.head, Action.SELF_HANDLE, CHIEF, now=new_year - timedelta(minutes=40),
                           note="当场清理", reason="夜间无法拍照")
    s = store.problems.act(problem.uuid, s.head, Action.VERIFY, LIAISON, now=new_year - timedelta(minutes=20))
    store.problems.act(problem.uuid, s.head, Action.CLOSE, LIAISON, now=new_year)
    duty = {r["reach_code"]: r for r in store.problems.responsibilities(date(2026, 1, 1))}
    assert duty[REACH]["closed_this_year"] == 1
    duty = {r["reach_code"]: r for r in store.problems.responsibilities(date(2025, 12, 31))}
    assert duty[REACH]["closed_this_year"] == 0


def test_check_finds_a_status_that_does_not_match_the_events(store: Store) -> None:
    problems = [new_problem() for _ in range(3)]
    for problem in problems:
        store.problems.report(problem, now=NOW)
    assert store.upkeep.check().ok
    with store.write() as conn:  # a status edited behind the event log's back
        conn.execute("UPDATE problem_status SET state = 'closed' WHERE problem_uuid = ?", (problems[1].uuid,))
    report = store.upkeep.check()
    assert not report.ok and any(problems[1].uuid in line for line in report.problems)


def test_a_new_laptop_offers_its_own_unit_and_the_registers_liaison_units_to_assign_to(store: Store) -> None:
    """Nothing assigned yet: the 交办 list was empty and its arrow opened nothing."""
    from patrol_app.domain.enums import Level, Role

    profile = store.profiles.save(name="王建国", role=Role.CHIEF, level=Level.VILLAGE, unit="焦店镇滍阳村",
                                  reach_codes=["410402000001"])
    units = store.problems.known_units(near=profile)
    assert units[0] == "焦店镇滍阳村"
    liaison = {r[0] for r in store.conn.execute("SELECT name FROM liaison_units")}
    assert liaison and liaison <= set(units)
