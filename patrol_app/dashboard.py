"""What the home page shows for a profile: this period's required and done patrols per reach.

Qt-free so it runs in a background worker and in tests; the worker opens its own Store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from patrol_app.domain.periods import CHINA_TZ, Period, periods_between
from patrol_app.domain.problems import local_date
from patrol_app.domain.registry import Profile
from patrol_app.domain.rules import PatrolRule, reach_statuses
from patrol_app.store import Store


class ReachState(Enum):
    DONE = "done"  # enough valid patrols this period
    DUE = "due"  # not yet, and the last period was fine (or over before the profile was made)
    OVERDUE = "overdue"  # the last period was missed and this one is not made up yet


@dataclass(frozen=True)
class ReachLine:
    code: str
    name: str
    demo: bool
    required: int
    done: int
    valid: int
    last_patrol_at: datetime | None
    previous_valid: int
    state: ReachState


@dataclass(frozen=True)
class HomeSummary:
    profile: Profile
    rule: PatrolRule
    period: Period
    previous: Period
    lines: tuple[ReachLine, ...]
    pending_sync: int
    problems: dict[str, int] = field(default_factory=dict)  # see store.problems.counts
    # The office's 交办 that the latest sync to bring any brought: (how many, when, ISO UTC)
    assignments_arrived: tuple[int, str] | None = None

    @property
    def required(self) -> int:
        return sum(line.required for line in self.lines)

    @property
    def valid(self) -> int:
        return sum(min(line.valid, line.required) for line in self.lines)

    @property
    def done(self) -> int:
        return sum(line.done for line in self.lines)

    @property
    def overdue(self) -> tuple[ReachLine, ...]:
        return tuple(line for line in self.lines if line.state is ReachState.OVERDUE)


def record_start(store: Store, reach_codes: list[str], created_at: datetime | None) -> datetime | None:
    """From when this profile's record is judged: when the profile was made, or the start of its reaches'
    earliest finalised patrol if that is earlier (a chief entering last month's patrols after installing
    the app wants them counted, and the periods between them judged as the patrols show)."""
    if created_at is None:
        return None
    first = store.patrols.first_patrol_time(reach_codes)
    return min(created_at, first) if first is not None else created_at


def home_summary(store: Store, profile: Profile, now: datetime) -> HomeSummary:
    rule = store.registry.rules()[profile.rule_level]
    codes = list(profile.reach_codes)
    period = Period.containing(now, rule.period_kind)
    previous = period.previous()
    facts = store.patrols.facts(codes, previous.start, period.end)
    statuses = reach_statuses(rule, codes, facts, now, since=record_start(store, codes, profile.created_at))
    reaches = {r.code: r for r in store.registry.reaches(codes)}
    last = store.patrols.last_patrol_times(codes)
    lines = []
    for status in statuses:
        reach = reaches.get(status.current.reach_code)
        if reach is None:  # a reach the office has since removed from the registry
            continue
        state = (
            ReachState.DONE
            if status.current.satisfied
            else ReachState.OVERDUE
            if status.overdue
            else ReachState.DUE
        )
        lines.append(
            ReachLine(
                reach.code,
                reach.name,
                reach.demo,
                status.current.required,
                status.current.done,
                status.current.valid,
                last.get(reach.code),
                status.previous.valid,
                state,
            )
        )
    problems = store.problems.counts(
        local_date(now), reach_codes=codes or None, assigned_to=(profile.unit, profile.name)
    )
    return HomeSummary(profile, rule, period, previous, tuple(lines), store.upkeep.pending_sync_total(), problems,
                       store.remote.assignments_arrived())


@dataclass(frozen=True)
class YearLine:
    """One reach over the periods of this year so far: how many were required, made, missed.

    Every period counted is exactly one of met, missed or open: `met + missed + open == periods`,
    so the row adds up on screen.
    """

    code: str
    name: str
    periods: int  # periods of the rule's kind this year that have begun (since the profile was made)
    required: int
    done: int
    valid: int  # valid patrols, all of them (the period view's 有效 counts the same way; 达标 says if enough)
    satisfied: int  # periods with enough valid patrols (the current one included once it has them)
    missed: int  # periods that are over without enough valid patrols (逾期未巡)
    open: int  # the current period while it is not yet met: 0 or 1 (本期进行中)


@dataclass(frozen=True)
class YearSummary:
    rule: PatrolRule
    year: int
    first: Period
    last: Period
    lines: tuple[YearLine, ...]
    # The first period is the one the profile was made in (made this year): earlier ones are not its to meet.
    from_profile_start: bool = False


def year_summary(store: Store, reach_codes: list[str], rule: PatrolRule, now: datetime,
                 since: datetime | None = None) -> YearSummary:
    """Compliance of each reach in every period of the current (China) year that has begun.

    With `since` (`record_start`: when the profile was made, or its earliest patrol if earlier), the periods
    start with the one it falls in: a period over before the record began is nobody's miss, and counting
    it would show a new user a year of red (issue 14).
    """
    local = now.astimezone(CHINA_TZ)
    jan1 = datetime(local.year, 1, 1, tzinfo=CHINA_TZ)
    start = jan1 if since is None else min(max(jan1, since), now)
    periods = periods_between(start, now, rule.period_kind)
    totals = store.patrols.period_totals(
        reach_codes, [(p.start, p.end, p.has_ended(now)) for p in periods], min_duration_s=rule.min_duration_s,
        min_distance_m=rule.min_distance_m, required=rule.min_patrols)
    ended = sum(p.has_ended(now) for p in periods)
    names = {r.code: r.name for r in store.registry.reaches(reach_codes)}
    lines = []
    for code in dict.fromkeys(reach_codes):
        if code not in names:
            continue
        done, valid, satisfied, satisfied_ended = totals.get(code, (0, 0, 0, 0))
        if rule.min_patrols == 0:  # nothing is required: every period is met
            satisfied, satisfied_ended = len(periods), ended
        missed = ended - satisfied_ended
        lines.append(YearLine(code, names[code], len(periods), rule.min_patrols * len(periods), done, valid,
                              satisfied, missed, len(periods) - satisfied - missed))
    return YearSummary(rule, local.year, periods[0], periods[-1], tuple(lines), start > jan1)
