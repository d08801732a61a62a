from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from patrol_app.domain.enums import Level
from patrol_app.domain.periods import CHINA_TZ, Period, PeriodKind
from patrol_app.domain.rules import PatrolFacts, PatrolRule, compliance, reach_statuses

WEEKLY = PatrolRule(Level.VILLAGE, PeriodKind.WEEK, 1, 600, 1000, "test")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=CHINA_TZ)


def patrol(reach: str, start: datetime, minutes: int = 30, metres: int = 2000) -> PatrolFacts:
    return PatrolFacts(reach, start, minutes * 60, metres)


def test_valid_needs_both_minimum_duration_and_distance() -> None:
    assert WEEKLY.is_valid(patrol("a", local(2026, 11, 24), 10, 1000))
    assert not WEEKLY.is_valid(patrol("a", local(2026, 11, 24), 9, 5000))
    assert not WEEKLY.is_valid(patrol("a", local(2026, 11, 24), 60, 999))


def test_patrol_across_midnight_at_week_end_counts_for_the_week_it_started() -> None:
    now = local(2026, 12, 2, 12)
    weeks = [Period.containing(local(2026, 11, 25), PeriodKind.WEEK), Period.containing(now, PeriodKind.WEEK)]
    across = patrol("r1", local(2026, 11, 29, 23, 40), minutes=45)  # ends Monday 00:25
    rows = {c.period.key: c for c in compliance(WEEKLY, ["r1"], weeks, [across], now)}
    assert (rows["2026-W48"].done, rows["2026-W48"].valid) == (1, 1)
    assert rows["2026-W49"].done == 0


def test_compliance_counts_done_valid_and_overdue_per_reach() -> None:
    now = local(2026, 11, 26, 10)
    week = Period.containing(now, PeriodKind.WEEK)
    last_week = week.previous()
    patrols = [
        patrol("r1", local(2026, 11, 24, 9)),
        patrol("r1", local(2026, 11, 25, 9), minutes=5),  # too short: done but not valid
        patrol("r2", local(2026, 11, 25, 9), minutes=5),
        patrol("r3", local(2026, 11, 18, 9)),  # last week only
        patrol("elsewhere", local(2026, 11, 24, 9)),
    ]
    rows = {
        (c.reach_code, c.period.key): c
        for c in compliance(WEEKLY, ["r1", "r2", "r3"], [last_week, week], patrols, now)
    }
    assert (rows["r1", week.key].done, rows["r1", week.key].valid, rows["r1", week.key].satisfied) == (
        2,
        1,
        True,
    )
    assert (rows["r2", week.key].done, rows["r2", week.key].valid, rows["r2", week.key].missing) == (1, 0, 1)
    assert not rows["r2", week.key].overdue  # the week is not over yet
    assert rows["r2", last_week.key].overdue and not rows["r3", last_week.key].overdue


def test_reach_status_overdue_until_made_up() -> None:
    now = local(2026, 11, 26, 10)
    statuses = {
        s.current.reach_code: s
        for s in reach_statuses(
            WEEKLY,
            ["missed", "made_up", "fine"],
            [
                patrol("made_up", local(2026, 11, 24, 8)),
                patrol("fine", local(2026, 11, 17, 8)),
            ],
            now,
        )
    }
    assert statuses["missed"].overdue
    assert not statuses["made_up"].overdue and statuses["made_up"].previous.overdue
    assert not statuses["fine"].overdue


def test_periods_of_the_wrong_kind_are_refused() -> None:
    with pytest.raises(ValueError):
        compliance(
            WEEKLY, ["r"], [Period.containing(local(2026, 1, 1), PeriodKind.MONTH)], [], local(2026, 2, 1)
        )


def test_monthly_rule_for_township() -> None:
    rule = PatrolRule(Level.TOWNSHIP, PeriodKind.MONTH, 2, 600, 1000, "test")
    now = local(2026, 11, 30, 23)
    month = Period.containing(now, PeriodKind.MONTH)
    rows = compliance(
        rule,
        ["r"],
        [month],
        [
            patrol("r", local(2026, 11, 1, 0, 5)),
            patrol("r", local(2026, 10, 31, 23, 55)),
            patrol("r", now - timedelta(hours=1)),
        ],
        now,
    )
    assert (rows[0].done, rows[0].valid, rows[0].satisfied) == (2, 2, True)
