"""Calendar periods (ISO week, month, quarter, half-year, year) in China Standard Time.

River-chief obligations are counted per local calendar period: a patrol at 23:30 on Sunday in
Pingdingshan belongs to that ISO week even though it is Sunday 15:30 UTC. Every boundary is
computed in Asia/Shanghai and handed out as an aware datetime.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

CHINA_TZ = ZoneInfo("Asia/Shanghai")


class PeriodKind(Enum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


_MONTHS = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF_YEAR: 6, PeriodKind.YEAR: 12}


@dataclass(frozen=True, order=True)
class Period:
    """A half-open local interval [start, end) of one kind.

    `year` and `index` name it: ISO year and week number for weeks, otherwise the calendar year
    and the 1-based month, quarter or half.
    """

    start: datetime
    end: datetime
    kind: PeriodKind
    year: int
    index: int

    @classmethod
    def containing(cls, moment: datetime, kind: PeriodKind) -> Period:
        if moment.tzinfo is None:
            raise ValueError("naive datetime: give the zone of the moment")
        local = moment.astimezone(CHINA_TZ)
        if kind is PeriodKind.WEEK:
            iso_year, week, _ = local.isocalendar()
            return cls._week(iso_year, week)
        months = _MONTHS[kind]
        index = (local.month - 1) // months + 1
        return cls._calendar(kind, local.year, index)

    @classmethod
    def _week(cls, iso_year: int, week: int) -> Period:
        monday = date.fromisocalendar(iso_year, week, 1)
        start = datetime(monday.year, monday.month, monday.day, tzinfo=CHINA_TZ)
        return cls(start, start + timedelta(days=7), PeriodKind.WEEK, iso_year, week)

    @classmethod
    def _calendar(cls, kind: PeriodKind, year: int, index: int) -> Period:
        months = _MONTHS[kind]
        first_month = (index - 1) * months + 1
        start = datetime(year, first_month, 1, tzinfo=CHINA_TZ)
        end_month = first_month + months
        end = datetime(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1, tzinfo=CHINA_TZ)
        return cls(start, end, kind, year, index)

    def next(self) -> Period:
        return Period.containing(self.end, self.kind)

    def previous(self) -> Period:
        return Period.containing(self.start - timedelta(seconds=1), self.kind)

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment.astimezone(CHINA_TZ) < self.end

    def has_ended(self, now: datetime) -> bool:
        return now.astimezone(CHINA_TZ) >= self.end

    @property
    def key(self) -> str:
        """A stable text key: 2026-W48, 2026-11, 2026-Q4, 2026-H2, 2026."""
        if self.kind is PeriodKind.WEEK:
            return f"{self.year}-W{self.index:02d}"
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}-{self.index:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.index}"
        if self.kind is PeriodKind.HALF_YEAR:
            return f"{self.year}-H{self.index}"
        return str(self.year)

    def label(self, language: str) -> str:
        """A name for people: 2026年第48周 / Week 48 of 2026."""
        zh = language.startswith("zh")
        y, i = self.year, self.index
        if self.kind is PeriodKind.WEEK:
            return f"{y}年第{i}周" if zh else f"Week {i} of {y}"
        if self.kind is PeriodKind.MONTH:
            return f"{y}年{i}月" if zh else self.start.strftime("%B %Y")
        if self.kind is PeriodKind.QUARTER:
            return f"{y}年第{i}季度" if zh else f"Q{i} {y}"
        if self.kind is PeriodKind.HALF_YEAR:
            return (
                f"{y}年{'上' if i == 1 else '下'}半年"
                if zh
                else f"{'First' if i == 1 else 'Second'} half of {y}"
            )
        return f"{y}年" if zh else str(y)

    def days_left(self, now: datetime) -> int:
        """Local calendar days left in the period, today included (1 on its last day, 0 once over)."""
        today = now.astimezone(CHINA_TZ).date()
        return max(0, (self.end.date() - today).days)


def periods_between(first: datetime, last: datetime, kind: PeriodKind) -> list[Period]:
    """Every period of `kind` that overlaps [first, last], in order."""
    periods = [Period.containing(first, kind)]
    while periods[-1].end <= last.astimezone(CHINA_TZ):
        periods.append(periods[-1].next())
    return periods
