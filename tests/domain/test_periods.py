from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patrol_app.domain.periods import CHINA_TZ, Period, PeriodKind, periods_between

moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC))


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=CHINA_TZ)


def test_week_is_counted_in_china_time_not_utc() -> None:
    # Sunday 23:30 in Pingdingshan is Sunday 15:30 UTC: still the week that began on Monday 23 Nov.
    sunday_night = local(2026, 11, 29, 23, 30)
    week = Period.containing(sunday_night, PeriodKind.WEEK)
    assert (week.year, week.index, week.key) == (2026, 48, "2026-W48")
    assert week.start == local(2026, 11, 23) and week.end == local(2026, 11, 30)
    # Monday 00:10 local is still Sunday in UTC, but it is the next week here.
    monday = local(2026, 11, 30, 0, 10)
    assert monday.astimezone(UTC).weekday() == 6
    assert Period.containing(monday, PeriodKind.WEEK).key == "2026-W49"


def test_iso_week_one_can_start_in_the_previous_year() -> None:
    assert Period.containing(local(2025, 12, 29, 9), PeriodKind.WEEK).key == "2026-W01"
    assert Period.containing(local(2027, 1, 1, 9), PeriodKind.WEEK).key == "2026-W53"


@pytest.mark.parametrize(
    ("kind", "key", "start", "end"),
    [
        (PeriodKind.MONTH, "2026-11", local(2026, 11, 1), local(2026, 12, 1)),
        (PeriodKind.QUARTER, "2026-Q4", local(2026, 10, 1), local(2027, 1, 1)),
        (PeriodKind.HALF_YEAR, "2026-H2", local(2026, 7, 1), local(2027, 1, 1)),
        (PeriodKind.YEAR, "2026", local(2026, 1, 1), local(2027, 1, 1)),
    ],
)
def test_calendar_periods(kind: PeriodKind, key: str, start: datetime, end: datetime) -> None:
    p = Period.containing(local(2026, 11, 29, 12), kind)
    assert (p.key, p.start, p.end) == (key, start, end)


def test_new_year_in_china_is_still_old_year_in_utc() -> None:
    moment = local(2027, 1, 1, 0, 30)  # 2026-12-31 16:30 UTC
    assert Period.containing(moment, PeriodKind.YEAR).key == "2027"
    assert Period.containing(moment, PeriodKind.QUARTER).key == "2027-Q1"


def test_labels_in_both_languages() -> None:
    week = Period.containing(local(2026, 11, 25), PeriodKind.WEEK)
    assert week.label("zh_CN") == "2026年第48周"
    assert week.label("en") == "Week 48 of 2026"
    assert Period.containing(local(2026, 3, 1), PeriodKind.HALF_YEAR).label("zh_CN") == "2026年上半年"


def test_days_left_counts_today() -> None:
    week = Period.containing(local(2026, 11, 29, 17), PeriodKind.WEEK)
    assert week.days_left(local(2026, 11, 29, 17)) == 1
    assert week.days_left(local(2026, 11, 23, 0, 1)) == 7
    assert week.days_left(local(2026, 12, 2)) == 0


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        Period.containing(datetime(2026, 1, 1), PeriodKind.WEEK)


@given(moments, st.sampled_from(list(PeriodKind)))
def test_every_moment_lies_in_its_period_and_periods_tile(moment: datetime, kind: PeriodKind) -> None:
    p = Period.containing(moment, kind)
    assert p.contains(moment)
    assert p.next().start == p.end
    assert p.previous().end == p.start
    assert p.previous().next() == p
    assert not p.next().contains(moment) and not p.previous().contains(moment)


@given(moments, st.integers(min_value=0, max_value=400), st.sampled_from(list(PeriodKind)))
def test_periods_between_covers_the_range_without_gaps(first: datetime, days: int, kind: PeriodKind) -> None:
    last = first + timedelta(days=days)
    periods = periods_between(first, last, kind)
    assert periods[0].contains(first) and periods[-1].contains(last)
    assert all(a.end == b.start for a, b in zip(periods, periods[1:], strict=False))
