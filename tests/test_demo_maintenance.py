"""The demo's maintenance crew (issue 16): a crew profile with a contract and three months of logs, some closing
problems, photo pairs as evidence, months met and short; everything through the store, so `check` is ok."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from patrol_app import demo
from patrol_app.domain.enums import Role
from patrol_app.domain.maintenance import month_of
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import Action, ProblemState, local_date
from patrol_app.store import open_store
from patrol_app.store.database import Store


@pytest.fixture(scope="module")
def crew_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crew-demo") / "data"
    with open_store(folder) as store:
        summary = demo.fill(store, size="small", seed=3, now=datetime(2026, 12, 6, 15, 0, tzinfo=CHINA_TZ))
    assert summary.maintenance_logs > 20 and summary.profiles == 5
    return folder


def crew_of(store: Store):
    [crew] = [p for p in store.profiles.all() if p.role is Role.MAINTENANCE]
    return crew


def test_a_crew_with_a_contract_and_three_months_of_logs(crew_demo: Path) -> None:
    with open_store(crew_demo) as store:
        crew = crew_of(store)
        assert store.profiles.current().role is Role.CHIEF  # the demo still opens as the village chief
        [contract] = store.maintenance.contracts(crew.unit)
        assert contract.demo and set(contract.reach_codes) == set(crew.reach_codes)
        logs = store.maintenance.logs(unit=crew.unit)
        months = sorted({month_of(log.started_at).key for log in logs})
        assert months == ["2026-09", "2026-10", "2026-11", "2026-12"]  # three whole months and this one
        assert all(log.contract_uuid == contract.uuid and log.reach_code in contract.reach_codes for log in logs)
        summaries = [store.maintenance.month_summary(contract.uuid, m) for m in contract.months()[:4]]
        met = [s.met for s in summaries]
        assert met[:3].count(True) == 2 and not met[3]  # one past month falls short; this one is in progress
        short = next(s for s in summaries[:3] if not s.met)
        assert [p.requirement.item.code for p in short.progress if not p.met] == ["bank_cleaning"]
        assert len(short.with_warnings) == 1 and short.with_warnings[0].warning_reason.startswith("更正")
        assert sum(s.photo_pairs for s in summaries) >= 6
        assert all(len(log.photos) == 2 for s in summaries for log in s.logs if log.pairs)
        assert store.upkeep.check().ok


def test_some_logs_close_problems_assigned_to_the_crew(crew_demo: Path) -> None:
    with open_store(crew_demo) as store:
        crew = crew_of(store)
        rectifying = [log for log in store.maintenance.logs(unit=crew.unit) if log.problem_uuid]
        assert len(rectifying) == 3
        states = []
        for log in rectifying:
            status = store.problems.status(log.problem_uuid)
            rectify = next(s.event for s in status.steps if s.event.uuid == log.rectify_event_uuid)
            assert rectify.action is Action.RECTIFY and rectify.actor.uuid == crew.uuid
            assert rectify.photos == log.after_photos and rectify.note == log.notes
            assert status.assignee_unit == crew.unit and all(step.applied for step in status.steps)
            states.append(status.state)
        assert sorted(s.code for s in states) == ["closed", "closed", "rectified"]
        today = local_date(datetime(2026, 12, 6, 15, 0, tzinfo=CHINA_TZ))
        waiting = store.maintenance.assigned(crew, today, workable=True)
        assert any(r["description"] == "岸边水草上缠挂大量塑料袋" and r["state"] == ProblemState.ASSIGNED.code
                   for r in waiting)
        # The photos of a pair: the same spot, the before taken at the start, the after later the same day.
        pair = rectifying[0].pairs[0]
        rows = store.maintenance.photo_rows([pair.before, pair.after])
        before, after = (datetime.fromisoformat(rows[u]["taken_at"].replace("Z", "+00:00")) for u in (pair.before,
                                                                                                   pair.after))
        assert timedelta(hours=1) < after - before < timedelta(hours=4)
