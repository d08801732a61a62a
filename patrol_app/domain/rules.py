"""Patrol requirement rules (巡河要求) and the compliance they imply per reach and period.

The rules themselves live in the database (seeded from resources/rules/henan-default.json, which
the office can change); this module only computes what they imply.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from patrol_app.domain.enums import Level
from patrol_app.domain.periods import Period, PeriodKind


@dataclass(frozen=True)
class PatrolRule:
    level: Level
    period_kind: PeriodKind
    min_patrols: int
    min_duration_s: int
    min_distance_m: int
    source: str

    def is_valid(self, patrol: PatrolFacts) -> bool:
        return patrol.duration_s >= self.min_duration_s and patrol.distance_m >= self.min_distance_m


@dataclass(frozen=True)
class PatrolFacts:
    """What compliance needs to know of one finalised patrol."""

    reach_code: str
    started_at: datetime
    duration_s: int
    distance_m: int


@dataclass(frozen=True)
class Compliance:
    """One reach in one period: how many patrols the rule asks for and what was done."""

    reach_code: str
    period: Period
    required: int
    done: int
    valid: int
    ended: bool
    # The period was over before the profile existed: nobody here could have patrolled in it, so a
    # shortfall in it is no one's miss (a brand-new profile is not told it is already behind).
    before_start: bool = False

    @property
    def satisfied(self) -> bool:
        return self.valid >= self.required

    @property
    def overdue(self) -> bool:
        """The period is over, too few valid patrols were made in it (逾期未巡), and it counts against the
        profile (it ended after the profile was made)."""
        return self.ended and not self.satisfied and not self.before_start

    @property
    def missing(self) -> int:
        return max(0, self.required - self.valid)


def compliance(
    rule: PatrolRule,
    reach_codes: Iterable[str],
    periods: Iterable[Period],
    patrols: Iterable[PatrolFacts],
    now: datetime,
    since: datetime | None = None,
) -> list[Compliance]:
    """Compliance of every reach in every period, counting each patrol in the period it started in.

    A patrol across midnight at a week boundary counts once, for the week in which it started. With
    `since` (when the profile was made), a period that ended by then is `before_start`.
    """
    periods = sorted(periods)
    if any(p.kind is not rule.period_kind for p in periods):
        raise ValueError("periods must be of the rule's kind")
    reaches = list(dict.fromkeys(reach_codes))
    counts: dict[tuple[str, Period], list[int]] = {(r, p): [0, 0] for r in reaches for p in periods}
    for patrol in patrols:
        period = Period.containing(patrol.started_at, rule.period_kind)
        bucket = counts.get((patrol.reach_code, period))
        if bucket is None:
            continue
        bucket[0] += 1
        bucket[1] += rule.is_valid(patrol)
    return [
        Compliance(r, p, rule.min_patrols, counts[r, p][0], counts[r, p][1], p.has_ended(now),
                   since is not None and p.has_ended(since))
        for r in reaches
        for p in periods
    ]


@dataclass(frozen=True)
class ReachStatus:
    """The home page's view of one reach: this period, and whether it is behind."""

    current: Compliance
    previous: Compliance

    @property
    def overdue(self) -> bool:
        """Behind: the last period was missed and this one is not yet made up."""
        return self.previous.overdue and not self.current.satisfied


def reach_statuses(
    rule: PatrolRule, reach_codes: Iterable[str], patrols: Iterable[PatrolFacts], now: datetime,
    since: datetime | None = None,
) -> list[ReachStatus]:
    """This and the last period of each reach; `since` is when the profile was made (see `compliance`)."""
    current = Period.containing(now, rule.period_kind)
    previous = current.previous()
    rows = compliance(rule, reach_codes, [previous, current], patrols, now, since)
    by_key = {(c.reach_code, c.period): c for c in rows}
    reaches = list(dict.fromkeys(c.reach_code for c in rows))
    return [ReachStatus(by_key[r, current], by_key[r, previous]) for r in reaches]
