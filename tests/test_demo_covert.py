"""The demo's covert inspections: a liaison profile with a year of them (covered and missed reaches,
findings in every state, a major one escalated and followed up), hidden while the demo's current profile
(a village chief) is in use, exported only from the liaison profile's data."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from patrol_app import demo
from patrol_app.demo import covert
from patrol_app.demo.generate import add_profiles
from patrol_app.domain.enums import Role
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import ProblemSource, ProblemState
from patrol_app.domain.registry import Profile
from patrol_app.store import Store, open_store
from tests.conftest import run_cli

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, demo.DemoSummary]:
    data = tmp_path_factory.mktemp("demo")
    with open_store(data) as store:
        summary = demo.fill(store, seed=1, now=NOW)
    return data, summary


def liaison_of(store: Store) -> Profile:
    return next(p for p in store.profiles.all() if p.role is Role.LIAISON_INSPECTOR)


def test_the_liaison_profile_has_a_year_of_inspections(filled) -> None:
    data, summary = filled
    with open_store(data) as store:
        assert store.profiles.current().role is Role.CHIEF  # the demo opens as the village chief
        assert not store.covert.visible()
        chief, profile = store.profiles.current(), liaison_of(store)
        assert profile.unit == "鲁山县水利局（示例）"
        store.profiles.make_current(profile.uuid)
        try:
            seen_as_liaison(store, profile, summary)
        finally:
            store.profiles.make_current(chief.uuid)


def seen_as_liaison(store: Store, profile: Profile, summary: demo.DemoSummary) -> None:
    """What the liaison profile sees of the demo."""
    units = {u.uuid for u in store.covert.units_for(profile)}
    history = store.covert.coverage_history(units, since=profile.created_at, now=NOW)
    assert len(history) == 5 and history[-1].quarter.key == "2026-Q1" and not history[-1].final
    cells = [line.covered for q in history for line in q.lines]
    assert cells.count(True) > 20 and cells.count(False) >= 2  # covered and uncovered cells
    assert any(q.missed for q in history[:-1]) and history[-1].uncovered  # a missed past quarter, one to do
    assert any(line.planned for line in history[-1].lines)  # a draft plans the rest of this quarter

    inspections = store.covert.submitted(units)
    assert len(inspections) == summary.covert_inspections >= 10
    majors = [i for i in inspections if i.major]
    assert len(majors) == 1 and majors[0].escalation is not None and majors[0].escalation.to_name == "高淑芬"
    assert [i.follows_up for i in inspections if i.follows_up] == [majors[0].uuid]
    rows = store.covert.finding_rows([i.uuid for i in inspections])
    states = Counter(r["state"] for r in rows)
    assert set(states) == {s.code for s in ProblemState}, states  # findings in every state
    assert all(r["source"] == ProblemSource.COVERT.code for r in rows)
    assert store.upkeep.check().ok


def test_the_export_has_covert_inspections_only_from_the_liaison_profile(filled, tmp_path: Path) -> None:
    data, summary = filled
    chief_out, liaison_out = tmp_path / "chief", tmp_path / "liaison"
    done = run_cli("--data-dir", str(data), "export", "json", str(chief_out))
    assert done.returncode == 0, done.stderr
    assert not (chief_out / "covert_inspection.jsonl").exists()
    assert (chief_out / "problem.jsonl").exists()  # the findings are problems: they go to the office
    with open_store(data) as store:
        chief = store.profiles.current()
        store.profiles.make_current(liaison_of(store).uuid)
    try:
        done = run_cli("--data-dir", str(data), "export", "json", str(liaison_out))
        assert done.returncode == 0, done.stderr
    finally:
        with open_store(data) as store:
            store.profiles.make_current(chief.uuid)
    lines = (liaison_out / "covert_inspection.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == summary.covert_inspections  # submitted ones only: the draft stays on the laptop
    assert {json.loads(line)["data"]["state"] for line in lines} == {"submitted"}


@pytest.mark.parametrize(("now", "years"), [
    (datetime(2026, 1, 1, 0, 30, tzinfo=CHINA_TZ), 1),  # the first minutes of a quarter
    (datetime(2026, 3, 31, 23, 50, tzinfo=CHINA_TZ), 1),  # its last
    (datetime(2026, 4, 3, 8, 0, tzinfo=CHINA_TZ), 3),  # the large demo's three years
    (datetime(2026, 12, 6, 13, 0, tzinfo=CHINA_TZ), 1),
])
@pytest.mark.parametrize("seed", [2, 9, 11])
def test_the_covert_demo_is_never_refused(tmp_path: Path, now: datetime, years: int, seed: int) -> None:
    """Whenever `demo` runs, every inspection passes store.covert's checks (a refusal would fail the demo whole):
    major findings only on the escalated inspection, submissions in time order, dates inside their quarter."""
    with open_store(tmp_path) as store:
        since = now - timedelta(days=366 * years)
        add_profiles(store, since=since)
        inspections, findings = covert.add(store, random.Random(f"covert:{seed}"), now, since)
        assert inspections >= 4 * years and store.profiles.current().role is Role.CHIEF
        store.profiles.make_current(liaison_of(store).uuid)
        assert len(store.covert.submitted()) == inspections
        assert all(i.started_at is not None and i.period.contains(i.started_at) for i in store.covert.submitted())
        assert store.upkeep.check().ok
