"""The problem state machine: properties over random action sequences and merged device logs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patrol_app.domain.enums import Role
from patrol_app.domain.ids import uuid7
from patrol_app.domain.problems import (
    ROLES,
    TRANSITIONS,
    Action,
    Actor,
    Problem,
    ProblemEvent,
    ProblemSource,
    ProblemState,
    Severity,
    Urgency,
    allowed_actions,
    decide,
    fold,
    local_date,
    validate_problem,
)
from patrol_app.domain.refusal import Refusal

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 09:00 in Pingdingshan
P = "0190c3a0-0000-7000-8000-000000000001"

CHIEF = Actor("a-chief", "王村长", Role.CHIEF, "王庄村")
TOWNSHIP = Actor("a-town", "李镇长", Role.CHIEF, "城关镇")
ASSISTANT = Actor("a-assist", "赵助理", Role.CHIEF_ASSISTANT, "城关镇")
PATROLLER = Actor("a-patrol", "张巡河员", Role.PATROLLER, "王庄村")
CREW = Actor("a-crew", "保洁公司", Role.MAINTENANCE, "湛河保洁公司")
LIAISON = Actor("a-liaison", "刘科长", Role.LIAISON_INSPECTOR, "市水利局")
ACTORS = (CHIEF, TOWNSHIP, ASSISTANT, PATROLLER, CREW, LIAISON)
STATES_WITH_ASSIGNEE = (ProblemState.ASSIGNED, ProblemState.RECTIFYING)


def report(actor: Actor = PATROLLER, at: datetime = T0, photos: tuple[str, ...] = ("before-1",)) -> ProblemEvent:
    return decide(fold(P, []), Action.REPORT, actor, at, uuid=uuid7(), photos=photos)


def act(log: list[ProblemEvent], action: Action, actor: Actor, at: datetime, **kw) -> ProblemEvent:
    event = decide(fold(P, log), action, actor, at, uuid=uuid7(), **kw)
    log.append(event)
    return event


def full_life() -> list[ProblemEvent]:
    log = [report()]
    day = local_date(T0)
    act(log, Action.ASSIGN, TOWNSHIP, T0 + timedelta(hours=1), assignee_unit="湛河保洁公司",
        deadline=day + timedelta(7))
    act(log, Action.ACCEPT, CREW, T0 + timedelta(hours=2))
    act(log, Action.RECTIFY, CREW, T0 + timedelta(days=2), note="已清理", photos=("after-1",))
    act(log, Action.VERIFY, LIAISON, T0 + timedelta(days=3))
    act(log, Action.CLOSE, TOWNSHIP, T0 + timedelta(days=3, hours=1))
    return log


def test_a_problem_goes_from_report_to_closed() -> None:
    status = fold(P, full_life())
    assert status.state is ProblemState.CLOSED
    assert status.rectified_by == CREW and status.verified_by == LIAISON
    assert all(step.applied for step in status.steps) and len(status.steps) == 6


def test_verification_by_who_rectified_is_refused() -> None:
    log = [report(CHIEF)]
    act(log, Action.SELF_HANDLE, CHIEF, T0 + timedelta(minutes=5), note="当场清理", photos=("after",))
    with pytest.raises(Refusal) as refused:
        act(log, Action.VERIFY, CHIEF, T0 + timedelta(minutes=6))
    assert refused.value.code == "same_person" and "王村长" in refused.value.zh
    act(log, Action.VERIFY, TOWNSHIP, T0 + timedelta(days=1))
    assert fold(P, log).state is ProblemState.VERIFIED


def test_rework_returns_to_rectifying_and_needs_a_new_rectification() -> None:
    log = full_life()[:4]
    act(log, Action.REWORK, LIAISON, T0 + timedelta(days=3), reason="岸边仍有垃圾")
    status = fold(P, log)
    assert status.state is ProblemState.RECTIFYING and status.rework_count == 1 and status.rectified_by is None
    with pytest.raises(Refusal):
        act(log, Action.CLOSE, TOWNSHIP, T0 + timedelta(days=4))


def test_rectification_needs_an_after_photo_or_a_reason() -> None:
    log = full_life()[:3]
    with pytest.raises(Refusal) as refused:
        act(log, Action.RECTIFY, CREW, T0 + timedelta(days=1), note="已清理")
    assert refused.value.code == "need_after_photo"
    act(log, Action.RECTIFY, CREW, T0 + timedelta(days=1), note="已清理", reason="手机坏了，没有拍照")
    assert fold(P, log).state is ProblemState.RECTIFIED


def test_deadlines_in_the_past_and_extensions() -> None:
    log = [report()]
    today = local_date(T0)
    with pytest.raises(Refusal) as refused:
        act(log, Action.ASSIGN, CHIEF, T0, assignee_unit="保洁公司", deadline=today - timedelta(days=1))
    assert refused.value.code == "deadline_past"
    act(log, Action.ASSIGN, CHIEF, T0, assignee_unit="保洁公司", deadline=today)  # today is fine
    with pytest.raises(Refusal) as refused:
        act(log, Action.EXTEND, CHIEF, T0, reason="下雨", deadline=today)
    assert refused.value.code == "deadline_not_later"
    act(log, Action.EXTEND, CHIEF, T0, reason="连续降雨", deadline=today + timedelta(days=5))
    status = fold(P, log)
    assert status.deadline == today + timedelta(days=5) and status.extension_count == 1


def test_overdue_counts_whole_days_in_china() -> None:
    log = [report()]
    deadline = date(2026, 3, 5)
    act(log, Action.ASSIGN, CHIEF, T0, assignee_unit="保洁公司", deadline=deadline)
    status = fold(P, log)
    # 2026-03-05 23:30 in China is 15:30 UTC: still the deadline day, not overdue.
    assert not status.is_overdue(datetime(2026, 3, 5, 15, 30, tzinfo=UTC))
    # 00:30 on the 6th in China is 16:30 UTC on the 5th: one day overdue.
    assert status.days_overdue(datetime(2026, 3, 5, 16, 30, tzinfo=UTC)) == 1
    act(log, Action.RECTIFY, CREW, T0 + timedelta(days=1), note="done", photos=("x",))
    assert not fold(P, log).is_overdue(datetime(2026, 4, 1, tzinfo=UTC))  # waiting for the check is not overdue


def test_roles_that_cannot_assign() -> None:
    log = [report()]
    with pytest.raises(Refusal) as refused:
        act(log, Action.ASSIGN, PATROLLER, T0, assignee_unit="保洁公司", deadline=local_date(T0))
    assert refused.value.code == "role"


def test_problem_facts_are_validated() -> None:
    good = Problem(P, "dumping.garbage", "岸边堆放生活垃圾", Severity.GENERAL, Urgency.NORMAL,
                   ProblemSource.PATROL, "410402000001", T0, PATROLLER, 33.7, 113.2, "manual")
    validate_problem(good, T0)
    bad = [
        Problem(P, "dumping.nothing", "x", Severity.GENERAL, Urgency.NORMAL, ProblemSource.PATROL, "r", T0, CHIEF),
        Problem(P, "dumping.garbage", "  ", Severity.GENERAL, Urgency.NORMAL, ProblemSource.PATROL, "r", T0, CHIEF),
        Problem(P, "dumping.garbage", "x", Severity.GENERAL, Urgency.NORMAL, ProblemSource.PATROL, "", T0, CHIEF),
        Problem(P, "dumping.garbage", "x", Severity.GENERAL, Urgency.NORMAL, ProblemSource.PATROL, "r",
                T0 + timedelta(hours=1), CHIEF),
        Problem(P, "dumping.garbage", "x", Severity.GENERAL, Urgency.NORMAL, ProblemSource.PATROL, "r", T0, CHIEF,
                0.0, 0.0),
        Problem(P, "dumping.garbage", "x", Severity.GENERAL, Urgency.NORMAL, ProblemSource.PATROL, "r", T0, CHIEF,
                91.0, 113.0),
        Problem(P, "dumping.garbage", "x", Severity.GENERAL, Urgency.NORMAL, ProblemSource.PATROL, "r", T0, CHIEF,
                33.0, None),
    ]
    for problem in bad:
        with pytest.raises(Refusal) as refused:
            validate_problem(problem, T0)
        assert refused.value.zh and refused.value.en


# ---- random sequences ------------------------------------------------------------------------------

_action_steps = st.lists(
    st.tuples(
        st.sampled_from([a for a in Action if a is not Action.REPORT]),
        st.sampled_from(ACTORS),
        st.integers(min_value=-3, max_value=20),  # deadline offset in days
        st.booleans(),  # with an after photo
        st.booleans(),  # with a reason
        st.integers(min_value=0, max_value=3 * 24 * 60),  # minutes since the previous step
    ),
    max_size=40,
)


def _try(log: list[ProblemEvent], now: datetime, step: tuple) -> tuple[ProblemEvent | None, Refusal | None]:
    action, actor, offset, photo, with_reason, _ = step
    status = fold(P, log)
    try:
        event = decide(status, action, actor, now, uuid=uuid7(), note="说明", reason="原因" if with_reason else "",
                       assignee_unit="保洁公司", deadline=local_date(now) + timedelta(days=offset),
                       photos=("after",) if photo else ())
    except Refusal as refusal:
        return None, refusal
    return event, None


def _assert_valid(log: list[ProblemEvent]) -> None:
    status = fold(P, log)
    assert isinstance(status.state, ProblemState)
    assert all(step.applied for step in status.steps), "a locally decided event must apply"
    if status.state in STATES_WITH_ASSIGNEE:
        assert status.deadline is not None and (status.assignee_unit or status.assignee_person)
        # assigned by an overseer, or handled on the spot by the assignee and sent back for rework
        assert status.assigned_by is None or status.assigned_by.role in ROLES[Action.ASSIGN]
    if status.state is ProblemState.REPORTED:
        assert status.deadline is None and not status.assignee_unit and status.rectified_by is None
    if status.state in (ProblemState.RECTIFIED, ProblemState.VERIFIED, ProblemState.CLOSED):
        assert status.rectified_by is not None
    if status.state in (ProblemState.VERIFIED, ProblemState.CLOSED):
        assert status.verified_by is not None and status.verified_by.uuid != status.rectified_by.uuid
        actions = [e.action for e in log]
        last_rectify = max(i for i, a in enumerate(actions) if a in (Action.RECTIFY, Action.SELF_HANDLE))
        assert Action.VERIFY in actions[last_rectify:]
    if status.state is ProblemState.CLOSED:
        assert log[-1].action is Action.CLOSE or ProblemState.CLOSED not in TRANSITIONS[log[-1].action]
    if not status.state.is_open:
        assert status.closed_at is not None
    for event in log:
        if event.action in (Action.ASSIGN, Action.EXTEND) or (event.action is Action.REWORK and event.deadline):
            assert event.deadline >= local_date(event.at)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_action_steps)
def test_no_sequence_of_allowed_actions_reaches_an_invalid_state(steps) -> None:
    log = [report()]
    now = T0
    for step in steps:
        now += timedelta(minutes=step[-1])
        before = fold(P, log)
        event, refusal = _try(log, now, step)
        if event is None:
            assert refusal.code and refusal.zh and refusal.en, "every refusal says why, in both languages"
            assert fold(P, log) == before, "a refused action changes nothing"
            continue
        log.append(event)
        _assert_valid(log)


@settings(max_examples=300, deadline=None)
@given(_action_steps)
def test_every_disallowed_action_is_refused_with_a_reason(steps) -> None:
    log = [report()]
    now = T0
    for step in steps:
        now += timedelta(minutes=step[-1])
        status = fold(P, log)
        action, actor = step[0], step[1]
        event, refusal = _try(log, now, step)
        if status.state not in TRANSITIONS[action]:
            assert refusal is not None and refusal.code == "wrong_state"
            assert status.state.zh in refusal.zh and action.zh in refusal.zh
        elif actor.role not in ROLES[action]:
            assert refusal is not None and refusal.code == "role"
        # What allowed_actions offers up front agrees with what decide refuses on state and role.
        offered = allowed_actions(status, actor, now)[action]
        if offered is not None:
            assert refusal is not None
        if event is not None:
            log.append(event)


# ---- merging two devices' logs --------------------------------------------------------------------

def _run_device(log: list[ProblemEvent], steps, start: datetime, clock_skew: timedelta) -> list[ProblemEvent]:
    """Append what this device's user manages to do, offline, on top of `log`."""
    mine = list(log)
    now = start
    for step in steps:
        now += timedelta(minutes=step[-1])
        event, _ = _try(mine, now + clock_skew, step)
        if event is not None:
            mine.append(event)
    return mine[len(log):]


@settings(max_examples=300, deadline=None)
@given(_action_steps, _action_steps, _action_steps,
       st.integers(min_value=-600, max_value=600), st.randoms(use_true_random=False))
def test_merging_two_devices_logs_in_any_order_gives_the_same_state(common, on_a, on_b, skew_minutes, rnd) -> None:
    shared = [report()]
    shared += _run_device(shared, common, T0, timedelta(0))
    start = max(e.at for e in shared)
    from_a = _run_device(shared, on_a, start, timedelta(0))
    from_b = _run_device(shared, on_b, start, timedelta(minutes=skew_minutes))  # B's clock is off

    reference = fold(P, shared + from_a + from_b)
    assert len(reference.steps) == len(shared) + len(from_a) + len(from_b), "no event is ever dropped"
    orders = [shared + from_b + from_a, from_b + shared + from_a, list(reversed(shared + from_a + from_b))]
    everything = shared + from_a + from_b
    for _ in range(3):
        shuffled = list(everything)
        rnd.shuffle(shuffled)
        orders.append(shuffled)
    orders.append(everything + from_a + shared)  # the same events received twice
    for order in orders:
        assert fold(P, order) == reference
    # Causality: each device's own events apply in the order it made them, after what it had seen.
    position = {step.event.uuid: i for i, step in enumerate(reference.steps)}
    for device_events in (from_a, from_b):
        indices = [position[e.uuid] for e in shared + device_events]
        assert indices == sorted(indices)
    # A device that only had its own log saw every one of its events applied; after the merge the
    # state is still one the machine allows (the invariants hold over the applied events).
    applied = [s.event for s in reference.steps if s.applied]
    _assert_valid(applied)


def test_two_devices_verify_at_once_one_is_kept_as_not_applied() -> None:
    log = full_life()[:4]  # rectified
    status = fold(P, log)
    a = decide(status, Action.VERIFY, LIAISON, T0 + timedelta(days=5), uuid=uuid7())
    b = decide(status, Action.REWORK, TOWNSHIP, T0 + timedelta(days=5, minutes=1), uuid=uuid7(), reason="不合格")
    merged = fold(P, log + [b, a])
    assert merged.state is ProblemState.VERIFIED
    loser = [s for s in merged.steps if not s.applied]
    assert [s.event.uuid for s in loser] == [b.uuid] and loser[0].refusal.code == "wrong_state"


def test_an_event_made_after_seeing_another_sorts_after_it_even_with_a_slow_clock() -> None:
    log = [report(at=T0)]
    act(log, Action.ASSIGN, CHIEF, T0 + timedelta(hours=3), assignee_unit="保洁公司", deadline=date(2026, 3, 9))
    # The crew's laptop clock is six hours slow: its acceptance carries an earlier time than the assignment.
    accept = decide(fold(P, log), Action.ACCEPT, CREW, T0 - timedelta(hours=3), uuid=uuid7())
    assert fold(P, [accept, *log]).state is ProblemState.RECTIFYING


def test_fold_ignores_other_problems_events_and_duplicates() -> None:
    log = full_life()
    other = ProblemEvent(uuid7(), "another", 2, Action.ASSIGN, T0, CHIEF)
    assert fold(P, log + [other] + log[:3]) == fold(P, log)


def test_every_action_has_a_transition_roles_and_names() -> None:
    for action in Action:
        assert TRANSITIONS[action] and ROLES[action] and action.zh and action.en
    for enum in (ProblemState, Action):
        assert len({m.zh for m in enum}) == len(enum) and len({m.en for m in enum}) == len(enum)
