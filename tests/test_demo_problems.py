"""Demo problems: the small demo shows every state through the real API; the bulk generator's chains
are exactly what `decide` would have made, folded, written with their outbox entries, and repeatable."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from patrol_app import demo
from patrol_app.demo import generate
from patrol_app.demo import patrols as demo_patrols
from patrol_app.demo import problems as demo_problems
from patrol_app.domain.enums import PROBLEM_ITEMS
from patrol_app.domain.problems import Action, ProblemSource, ProblemState, Severity, decide, fold, local_date
from patrol_app.store import Store, open_store, records
from patrol_app.store.database import database_path
from patrol_app.store.problems import ProblemFilter

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
TODAY = local_date(NOW)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    store = open_store(tmp_path_factory.mktemp("small"))
    summary = demo.fill(store, size="small", seed=7, now=NOW)
    yield store, summary
    store.close()


@pytest.fixture(scope="module")
def bulk(tmp_path_factory: pytest.TempPathFactory):
    """2,000 problems over three years on the 37 shipped demo reaches, with three years of patrols."""
    store = open_store(tmp_path_factory.mktemp("bulk"))
    seen: list[tuple[str, int, int]] = []
    _patrols(store, seed=3)
    demo_problems.add_bulk(store, random.Random(3), 2000, 3, NOW, lambda *a: seen.append(a))
    yield store, seen
    store.close()


def _patrols(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    profiles = generate.add_profiles(store)
    reaches = store.registry.reaches()
    patrollers = demo_patrols.patroller_map(store, reaches, profiles, rng)
    demo_patrols.add(store, rng, reaches, patrollers, NOW, 3, lambda *a: None)


def _all_problems(store: Store) -> list[dict]:
    """The problem demo's problems: not the findings of the demo's covert inspections (a year of them,
    made by `demo.covert`, see tests/test_demo_covert.py)."""
    covert = _covert_findings(store)
    return [r for r in store.problems.page(ProblemFilter(TODAY), limit=0) if r["uuid"] not in covert]


def _covert_findings(store: Store) -> set[str]:
    with _db(store) as conn:
        return {u for (u,) in conn.execute("SELECT f.value FROM covert_inspections, json_each(finding_uuids) f")}


def _lives(store: Store) -> dict[str, list]:
    return {p["uuid"]: store.problems.events(p["uuid"]) for p in _all_problems(store)}


def _db(store: Store) -> sqlite3.Connection:
    return sqlite3.connect(database_path(store.data_dir))  # an independent look, not through our code


def assert_every_record_is_queued(store: Store) -> None:
    with _db(store) as conn:
        for kind in (records.PROBLEM, records.PROBLEM_EVENT):
            missing = conn.execute(
                f"""SELECT count(*) FROM {kind.table} r WHERE NOT EXISTS (SELECT 1 FROM outbox o
                    WHERE o.kind = ? AND o.record_uuid = r.uuid AND o.state = 'pending')""",
                (kind.kind,),
            ).fetchone()[0]
            assert missing == 0, kind.kind


def assert_checked_by_someone_else(lives: dict[str, list]) -> None:
    for problem_uuid, events in lives.items():
        status = fold(problem_uuid, events)
        assert all(step.applied for step in status.steps), problem_uuid
        rectifier = None
        for step in status.steps:
            e = step.event
            if e.action in (Action.RECTIFY, Action.SELF_HANDLE):
                rectifier = e.actor.uuid
            elif e.action in (Action.VERIFY, Action.REWORK):
                assert rectifier is not None and e.actor.uuid != rectifier, problem_uuid


# ---- small ------------------------------------------------------------------------------------------


def test_small_demo_shows_every_state_overdue_and_major(small) -> None:
    store, summary = small
    rows = _all_problems(store)
    assert summary.problems == len(rows) + len(_covert_findings(store)) and 36 <= len(rows) <= 44
    assert set(Counter(r["state"] for r in rows)) == {s.code for s in ProblemState}
    counts = store.problems.counts(TODAY)
    assert counts["overdue"] >= 3 and counts["major_open"] >= 1 and counts["awaiting_verification"] >= 1
    assert {r["source"] for r in rows} == {s.code for s in ProblemSource}
    assert Counter(r["source"] for r in rows).most_common(1)[0][0] == ProblemSource.PATROL.code
    assert any(r["severity"] == Severity.MAJOR.code for r in rows)
    assert len({r["code"] for r in rows}) >= 12 and all(r["code"] in PROBLEM_ITEMS for r in rows)


def test_small_demo_problems_are_on_demo_reaches_in_the_last_three_months(small) -> None:
    store, _ = small
    demo_reaches = {r.code for r in store.registry.reaches() if r.demo}
    for row in _all_problems(store):
        assert row["reach_code"] in demo_reaches
        found = datetime.fromisoformat(row["found_at"].replace("Z", "+00:00"))
        assert NOW - timedelta(days=92) <= found <= NOW
        assert row["description"].strip() and not row["not_applied"]
        if row["state"] in ("assigned", "rectifying"):
            assert row["assignee_unit"] and row["deadline"]


def test_small_demo_is_consistent_and_queued_for_upload(small) -> None:
    store, _ = small
    report = store.upkeep.check()
    assert report.ok, report.problems
    assert_every_record_is_queued(store)
    lives = _lives(store)
    assert_checked_by_someone_else(lives)
    assert all(e.at <= NOW for events in lives.values() for e in events)


def test_small_demo_photos_are_evidence_before_and_after(small) -> None:
    store, _ = small
    lives = _lives(store)
    with _db(store) as conn:
        linked = dict(conn.execute("""SELECT target_uuid, count(*) FROM photo_links
                                      WHERE target_kind = 'problem_event' AND deleted = 0 GROUP BY target_uuid"""))
    events = {e.uuid: e for life in lives.values() for e in life}
    assert linked and set(linked) <= set(events)
    actions = Counter(events[uuid].action for uuid in linked)
    assert actions[Action.REPORT] >= 2 and actions[Action.SELF_HANDLE] + actions[Action.RECTIFY] >= 1
    both = 0
    for life in lives.values():  # the "after" photo was taken after the "before" one, and before it was used
        taken = {p: store.photos.get(p)["taken_at"] for e in life for p in e.photos}
        before = [taken[p] for e in life if e.action is Action.REPORT for p in e.photos]
        after = [(taken[p], e.at) for e in life if e.action in (Action.RECTIFY, Action.SELF_HANDLE) for p in e.photos]
        if before and after:
            both += 1
            assert max(before) <= min(t for t, _ in after)
        assert all(datetime.fromisoformat(t.replace("Z", "+00:00")) <= at for t, at in after)
    assert both >= 2


def test_small_demo_actors_are_the_demo_people(small) -> None:
    store, _ = small
    profiles = {p.uuid: p for p in store.profiles.all()}
    actors = {e.actor.uuid: e.actor for life in _lives(store).values() for e in life}
    assert {p.name for p in profiles.values()} <= {a.name for a in actors.values()}
    for uuid, actor in actors.items():
        if uuid in profiles:
            assert (actor.name, actor.role, actor.unit) == (profiles[uuid].name, profiles[uuid].role,
                                                            profiles[uuid].unit)
    for profile in profiles.values():  # 任务清单: open work given to the unit or the person
        if profile.name != "周爱萍":
            assert store.problems.counts(TODAY, assigned_to=(profile.unit, profile.name))["my_tasks"] >= 1


# ---- bulk -------------------------------------------------------------------------------------------


def test_bulk_chains_fold_cleanly_and_are_queued(bulk) -> None:
    store, seen = bulk
    counts = store.upkeep.record_counts()
    assert counts["problems"] == 2000
    assert 4.0 <= counts["problem_events"] / 2000 <= 6.0
    report = store.upkeep.check()  # problem_status equals a fresh fold of every problem's events
    assert report.ok, report.problems[:5]
    assert_every_record_is_queued(store)
    assert seen[0] == ("problems", 0, 2000) and seen[-1] == ("problems", 2000, 2000)


def test_bulk_states_are_realistic(bulk) -> None:
    store, _ = bulk
    rows = _all_problems(store)
    states = Counter(r["state"] for r in rows)
    assert states["closed"] / len(rows) > 0.85
    assert 0.005 < sum(n for s, n in states.items() if ProblemState(s).is_open) / len(rows) < 0.1
    assert 0.01 < states["dismissed"] / len(rows) < 0.06
    assert store.problems.counts(TODAY)["overdue"] >= 3
    assert len({r["reach_code"] for r in rows}) == store.registry.reach_count()
    found = sorted(r["found_at"] for r in rows)
    assert found[0] >= (NOW - timedelta(days=3 * 366)).isoformat()[:10] and found[-1] <= NOW.isoformat()
    with _db(store) as conn:
        on_patrols = conn.execute("SELECT count(*) FROM problems WHERE patrol_uuid IS NOT NULL").fetchone()[0]
        unknown = conn.execute("""SELECT count(*) FROM problems WHERE patrol_uuid IS NOT NULL
                                  AND patrol_uuid NOT IN (SELECT uuid FROM patrols)""").fetchone()[0]
    assert on_patrols > 500 and unknown == 0


def test_bulk_events_are_exactly_what_decide_makes(bulk) -> None:
    store, _ = bulk
    lives = _lives(store)
    assert_checked_by_someone_else(lives)
    for problem_uuid in sorted(lives)[::5]:  # a sample: replay each event through the domain's decide
        events = sorted(lives[problem_uuid], key=lambda e: e.order_key)
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        for i, e in enumerate(events):
            made = decide(fold(problem_uuid, events[:i]), e.action, e.actor, e.at, uuid=e.uuid, note=e.note,
                          reason=e.reason, assignee_unit=e.assignee_unit, assignee_person=e.assignee_person,
                          deadline=e.deadline, photos=e.photos)
            assert made == e
        assert events[-1].at <= NOW


def test_bulk_is_repeatable_for_a_seed(tmp_path: Path) -> None:
    def rows(folder: str) -> list[list[dict]]:
        store = open_store(tmp_path / folder)
        _patrols(store, seed=5)
        demo_problems.add_bulk(store, random.Random(5), 150, 1, NOW)
        store.close()
        tables = []
        with sqlite3.connect(database_path(tmp_path / folder)) as conn:
            profiles = dict(conn.execute("SELECT uuid, name FROM profiles"))  # their ids are made at random
            for table in ("problems", "problem_events", "problem_status"):
                cur = conn.execute(f"SELECT * FROM {table} ORDER BY 1")
                names = [c[0] for c in cur.description]
                # Each device has its own id, and patrol ids are made at random by records.insert_many.
                tables.append([{k: profiles.get(v, v) for k, v in zip(names, r, strict=True)
                                if k not in ("device_id", "patrol_uuid")} for r in cur])
        return tables

    a, b = rows("a"), rows("b")
    assert len(a[0]) == 150 and len(a[1]) > 450
    assert a == b


def test_every_problem_code_has_findings_and_fixes() -> None:
    assert set(demo_problems._FINDINGS) == set(PROBLEM_ITEMS) == set(demo_problems._CODE_WEIGHTS)
    assert set(demo_problems._ON_THE_SPOT) <= set(PROBLEM_ITEMS)
    for code, item in PROBLEM_ITEMS.items():
        assert code in demo_problems._FIXES or item.category in demo_problems._FIXES
        assert item.category in demo_problems._ASSIGNEES and item.category in demo_problems._DEADLINE_DAYS
