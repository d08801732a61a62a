"""Covert inspections (暗访检查, "四不两直") by liaison units, and the quarterly coverage they owe.

Pure Python: no Qt, no SQL; "now" is always passed in. The store (`store/covert.py`) keeps inspections
and feeds this module the register's history; the GUI and reports read what it computes.

The rule (plan 二.3): each liaison unit (对口联系单位) inspects, at least once per quarter, every reach of
the chief(s) it assists; findings go back to the responsible chief and major problems are escalated at
once. Quarters are calendar quarters in Asia/Shanghai: an inspection at 23:30 on 31 March Beijing time
(15:30 UTC) belongs to Q1.

**Which reaches a unit owes in a quarter.** The register changes: the office moves a reach to another
chief, adds a new reach, or gives the unit another chief to assist. The rule used here:

    A reach is owed by a unit for a quarter when, at the quarter's end, it is held by a chief the unit
    assists. For the quarter still running, "the end" is now: the register as it stands, a forecast
    that becomes final when the quarter closes.

Why the end, and not "at any time in the quarter":
- A duty is judged at its deadline. The unit assists a chief, not a list of reaches: a reach handed to
  another chief on 10 February is that chief's, and its new liaison unit's, to inspect this quarter.
- One moment gives every reach exactly one set of owing units per quarter. "Any time in the quarter"
  would make a reach that moved between two chiefs owed by both units, and a reach removed on 2 January
  would stay owed all quarter by a unit that no longer has anything to do with it.
- A reach added mid-quarter is owed, with the days left to inspect it (`ReachCoverage.joined` says when
  it joined, so the page can show "new since 3 March"). A reach removed mid-quarter is not owed; an
  inspection of it made before it left still stands in the history (`QuarterCoverage.visited_outside`).
- It needs nothing the laptop cannot know: for the current quarter, the register as synced; for past
  quarters, the register's history (`RegisterLink`), kept by the store from the moment it first saw each
  link (links it had before it kept history count as held "since ever").

A reach is covered in a quarter when a submitted inspection by the unit visited it in that quarter
(drafts are plans, listed as `planned`). The inspected chief does not matter for coverage: a reach held
by two chiefs the unit assists is covered by one visit.

**Confidentiality.** A draft is the unit's secret: its reaches, times and findings must not reach the
chiefs it inspects before it is submitted. Findings of a draft are `CovertFinding`s held inside the
draft; only submitting turns them into `Problem`s (source 暗访) that sync and can be assigned.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from patrol_app.domain.clock import TimeEvidence, clock_behind
from patrol_app.domain.enums import NamedEnum
from patrol_app.domain.periods import CHINA_TZ, Period, PeriodKind
from patrol_app.domain.problems import Actor, Problem, ProblemSource, Severity, Urgency, validate_problem
from patrol_app.domain.refusal import Refusal
from patrol_app.domain.registry import REACH_CODE

MAX_TEXT = 2000
MAX_INSPECTORS = 20
MAX_DURATION = timedelta(hours=24)  # one inspection is one visit; a second day is a second inspection
CLOCK_MARGIN = timedelta(minutes=10)  # a laptop clock a little off is not a wrong date
ESCALATE_WITHIN = timedelta(hours=24)  # 重大问题 "立即" reported: later than this is said
REMINDER_DAYS = (30, 14, 3)  # the home page says so at these many days left (issue 15, item 4)
_QUARTER_KEY = re.compile(r"^(\d{4})-Q([1-4])$")


class InspectionMethod(NamedEnum):
    """How the unit looked: usually more than one on a visit."""

    ON_SITE = ("on_site", "现场检查", "On site")
    DRONE = ("drone", "无人机航拍", "Drone survey")
    INTERVIEWS = ("interviews", "走访问询", "Interviews")
    RECORDS = ("records", "查阅台账", "Records review")


class InspectionState(NamedEnum):
    DRAFT = ("draft", "草稿", "Draft")
    SUBMITTED = ("submitted", "已提交", "Submitted")


# ---- quarters --------------------------------------------------------------------------------------


def quarter_of(moment: datetime) -> Period:
    """The calendar quarter in Asia/Shanghai that contains `moment` (an aware datetime)."""
    return Period.containing(moment, PeriodKind.QUARTER)


def quarter_from_key(key: str) -> Period:
    """`2026-Q1` → that quarter. Raises Refusal for anything else."""
    match = _QUARTER_KEY.match(key or "")
    if not match:
        raise Refusal("bad_quarter", f"季度写法不对：{key!r}（应为 2026-Q1 这样）。",
                      f"Not a quarter: {key!r} (expected something like 2026-Q1).")
    year, index = int(match[1]), int(match[2])
    return quarter_of(datetime(year, 3 * index - 2, 1, 12, tzinfo=CHINA_TZ))


# ---- the inspection -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Escalation:
    """A major problem brought to the responsible chief (重大问题报告): to whom, when, how."""

    to_name: str
    at: datetime
    note: str = ""
    to_chief_uuid: str | None = None


@dataclass(frozen=True)
class CovertFinding:
    """A problem found on an inspection, as the inspectors record it. While the inspection is a draft
    it lives only inside the draft; submitting makes it a `Problem` with the same uuid."""

    uuid: str
    code: str
    description: str
    reach_code: str
    found_at: datetime
    severity: Severity = Severity.GENERAL
    urgency: Urgency = Urgency.NORMAL
    lat: float | None = None
    lon: float | None = None
    position_source: str | None = None
    photos: tuple[str, ...] = ()  # photo uuids: the "before" photos of the problem's report

    def as_problem(self, found_by: Actor) -> Problem:
        return Problem(uuid=self.uuid, code=self.code, description=self.description, severity=self.severity,
                       urgency=self.urgency, source=ProblemSource.COVERT, reach_code=self.reach_code,
                       found_at=self.found_at, found_by=found_by, lat=self.lat, lon=self.lon,
                       position_source=self.position_source if self.lat is not None else None)


@dataclass(frozen=True)
class CovertInspection:
    """One unannounced inspection by a liaison unit of reaches of a chief it assists.

    `quarter` is the quarter the unit records it for (a plan names it before there is a date); once
    the inspection has a date, that date must fall in it. Times are aware datetimes (stored in UTC).
    `follows_up` and `rechecked` make it a 回头看: a later visit to an earlier inspection and the
    findings (problem uuids) it goes back to.
    """

    uuid: str
    unit_uuid: str
    unit_name: str
    quarter: str
    chief_uuid: str = ""
    chief_name: str = ""
    reach_codes: tuple[str, ...] = ()
    started_at: datetime | None = None
    ended_at: datetime | None = None
    inspectors: tuple[str, ...] = ()
    methods: tuple[InspectionMethod, ...] = ()
    track_uuid: str | None = None
    conclusion: str = ""
    major: bool = False
    escalation: Escalation | None = None
    follows_up: str | None = None
    rechecked: tuple[str, ...] = ()
    findings: tuple[CovertFinding, ...] = ()
    state: InspectionState = InspectionState.DRAFT
    submitted_at: datetime | None = None

    @property
    def period(self) -> Period:
        return quarter_from_key(self.quarter)

    @property
    def is_submitted(self) -> bool:
        return self.state is InspectionState.SUBMITTED

    @property
    def finding_uuids(self) -> tuple[str, ...]:
        return tuple(f.uuid for f in self.findings)

    @property
    def has_major_finding(self) -> bool:
        return any(f.severity is Severity.MAJOR for f in self.findings)

    def submitted(self, at: datetime) -> CovertInspection:
        return replace(self, state=InspectionState.SUBMITTED, submitted_at=at)


def _refuse(code: str, zh: str, en: str) -> Refusal:
    return Refusal(code, zh, en)


def _when(moment: datetime) -> str:
    return moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def check_draft(inspection: CovertInspection) -> None:
    """What even a plan must get right (a draft may be incomplete, never malformed). Raises Refusal."""
    if not inspection.unit_uuid or not inspection.unit_name.strip():
        raise _refuse("need_unit", "暗访需要记在一个对口联系单位名下。",
                      "A covert inspection belongs to a liaison unit: choose it.")
    quarter_from_key(inspection.quarter)
    for code in inspection.reach_codes:
        if not REACH_CODE.match(code):
            raise _refuse("bad_reach", f"河段编码不对：{code}", f"Not a reach code: {code}")
    if len(set(inspection.reach_codes)) != len(inspection.reach_codes):
        raise _refuse("reach_twice", "同一个河段列了两次。", "A reach is listed twice.")
    for moment in (inspection.started_at, inspection.ended_at, inspection.submitted_at):
        if moment is not None and moment.tzinfo is None:
            raise ValueError("inspection times must carry their zone")
    if inspection.started_at and inspection.ended_at and inspection.ended_at < inspection.started_at:
        raise _refuse("end_before_start", "结束时间早于开始时间。", "The end time is before the start time.")
    if len(inspection.conclusion) > MAX_TEXT:
        raise _refuse("conclusion_too_long", f"检查结论不能超过 {MAX_TEXT} 字。",
                      f"The conclusion cannot be longer than {MAX_TEXT} characters.")
    if len(inspection.inspectors) > MAX_INSPECTORS:
        raise _refuse("too_many_inspectors", f"检查人员最多 {MAX_INSPECTORS} 人。",
                      f"At most {MAX_INSPECTORS} inspectors.")
    if inspection.rechecked and not inspection.follows_up:
        raise _refuse("recheck_without_earlier", "回头看需要选择之前的那次暗访。",
                      "A follow-up (回头看) must name the earlier inspection it goes back to.")
    if len({f.uuid for f in inspection.findings}) != len(inspection.findings):
        raise ValueError("two findings share a uuid")


def check_submission(
    inspection: CovertInspection,
    now: datetime,
    *,
    found_by: Actor,
    earlier: CovertInspection | None = None,
    evidence: Iterable[TimeEvidence] = (),
    latest_seen: datetime | None = None,
) -> None:
    """Everything that must hold before an inspection is submitted (and synced). Raises Refusal.

    `earlier`: the inspection `follows_up` names (looked up by the caller), `evidence`: the GPS and
    camera times of its track and photos, `latest_seen`: the latest time this laptop has recorded
    before (another inspection's submission, the last sync). The last two catch a laptop clock that is
    behind: the inspection would be counted in the wrong quarter without anyone noticing.
    """
    check_draft(inspection)
    start, end = inspection.started_at, inspection.ended_at
    if start is None or end is None:
        raise _refuse("need_times", "请填写暗访的开始和结束时间。", "Enter when the inspection started and ended.")
    if end - start > MAX_DURATION:
        raise _refuse("too_long", "一次暗访不能超过 24 小时；第二天的检查请另记一次。",
                      "One inspection cannot last more than 24 hours: record another day as another inspection.")
    _check_clock(inspection, start, now, evidence, latest_seen)
    if not inspection.chief_uuid:
        raise _refuse("need_chief", "请选择被检查的河长。", "Choose the river chief being inspected.")
    if not inspection.reach_codes:
        raise _refuse("need_reaches", "请选择这次暗访到过的河段。", "Choose the reaches this inspection visited.")
    inspectors = [n for n in inspection.inspectors if n.strip()]
    if not inspectors or len(inspectors) != len(inspection.inspectors):
        raise _refuse("need_inspectors", "请填写检查人员的姓名。", "Enter the inspectors' names.")
    if not inspection.methods:
        raise _refuse("need_method", "请选择检查方式（现场检查、无人机航拍、走访问询、查阅台账）。",
                      "Choose how the inspection was made (on site, drone, interviews, records).")
    if not inspection.conclusion.strip():
        raise _refuse("need_conclusion", "请写下这次暗访的总体结论。", "Write the inspection's overall conclusion.")
    for finding in inspection.findings:
        _check_finding(finding, inspection, start, end, now, found_by)
    if inspection.has_major_finding and not inspection.major:
        raise _refuse("major_not_flagged", "发现了重大问题，请把这次暗访标为“发现重大问题”，并记录向河长报告的情况。",
                      "A finding is major: mark the inspection as major and record how the chief was told.")
    if inspection.major:
        _check_escalation(inspection.escalation, start, now)
    _check_follow_up(inspection, earlier, start)


def _check_clock(inspection: CovertInspection, start: datetime, now: datetime,
                 evidence: Iterable[TimeEvidence], latest_seen: datetime | None) -> None:
    warning = clock_behind(now, evidence)
    if warning is not None:
        raise _refuse("clock_behind", warning.message_zh, warning.message_en)
    if latest_seen is not None and latest_seen - now > CLOCK_MARGIN:
        raise _refuse(
            "clock_behind",
            f"电脑的时钟慢了：这台电脑上已经有 {_when(latest_seen)} 的记录，比电脑现在的时间（{_when(now)}）还晚。"
            "不改的话，这次暗访会记到错误的季度。请先把 Windows 的日期和时间改正，再提交。",
            f"This computer's clock is behind: it already holds a record from {_when(latest_seen)}, later than "
            f"its current time ({_when(now)}). The inspection would be counted in the wrong quarter: correct "
            "the date and time in Windows first, then submit.",
        )
    if start - now > CLOCK_MARGIN:
        raise _refuse(
            "in_future",
            f"暗访开始时间 {_when(start)} 晚于电脑现在的时间 {_when(now)}。请检查填写的时间；"
            "如果填写的时间没错，就是电脑的时钟慢了，请先改正电脑的日期和时间。",
            f"The inspection starts at {_when(start)}, later than the computer's time ({_when(now)}). Check the "
            "time entered; if it is right, the computer's clock is behind: correct it first.",
        )
    planned, actual = inspection.period, quarter_of(start)
    if actual != planned:
        raise _refuse(
            "wrong_quarter",
            f"暗访日期 {_when(start)}（北京时间）属于{actual.label('zh')}，但这次暗访记在{planned.label('zh')}。"
            "请检查填写的日期；日期是电脑自动填的话，请先核对电脑的时钟。",
            f"The inspection date {_when(start)} (Beijing time) is in {actual.label('en')}, but it is recorded "
            f"for {planned.label('en')}. Check the date entered; if the computer filled it in, check its clock.",
        )
    current = quarter_of(now)
    if planned.end <= current.previous().start:
        raise _refuse(
            "far_outside",
            f"{planned.label('zh')}早已结束（电脑现在的日期是 {_when(now)}），不能再补记这一季度的暗访。"
            "如果电脑的日期不对，请先改正；确实要补记的，请联系市河长办。",
            f"{planned.label('en')} ended long ago (the computer's date is {_when(now)}): inspections for it can "
            "no longer be recorded here. If the computer's date is wrong, correct it; to record one that late, "
            "contact the city office.",
        )


def _check_finding(finding: CovertFinding, inspection: CovertInspection, start: datetime, end: datetime,
                   now: datetime, found_by: Actor) -> None:
    validate_problem(finding.as_problem(found_by), now)
    if finding.reach_code not in inspection.reach_codes:
        raise _refuse("finding_off_route", f"问题所在河段 {finding.reach_code} 不在这次暗访到过的河段里。",
                      f"The finding's reach {finding.reach_code} is not one this inspection visited.")
    if not start - CLOCK_MARGIN <= finding.found_at <= end + CLOCK_MARGIN:
        raise _refuse("finding_outside_visit",
                      f"问题的发现时间 {_when(finding.found_at)} 不在这次暗访的时间（{_when(start)}—{_when(end)}）内。",
                      f"The finding's time {_when(finding.found_at)} is outside the inspection "
                      f"({_when(start)} to {_when(end)}).")


def _check_escalation(escalation: Escalation | None, start: datetime, now: datetime) -> None:
    if escalation is None or not escalation.to_name.strip():
        raise _refuse("need_escalation", "发现重大问题要立即向责任河长报告：请记录报告给了谁、什么时候。",
                      "A major problem is reported to the responsible chief at once: record to whom and when.")
    if escalation.at.tzinfo is None:
        raise ValueError("escalation time must carry its zone")
    if escalation.at < start - CLOCK_MARGIN or escalation.at - now > CLOCK_MARGIN:
        raise _refuse("escalation_time", "报告时间应在暗访开始之后、现在之前。",
                      "The time the chief was told must be after the inspection started and not in the future.")
    if len(escalation.note) > MAX_TEXT:
        raise _refuse("note_too_long", f"报告说明不能超过 {MAX_TEXT} 字。",
                      f"The note cannot be longer than {MAX_TEXT} characters.")


def _check_follow_up(inspection: CovertInspection, earlier: CovertInspection | None, start: datetime) -> None:
    if not inspection.follows_up:
        return
    if earlier is None or earlier.uuid != inspection.follows_up or not earlier.is_submitted:
        raise _refuse("earlier_not_found", "找不到回头看所针对的那次暗访（它需要已经提交）。",
                      "The earlier inspection this follow-up goes back to is not here (it must be submitted).")
    if earlier.unit_uuid != inspection.unit_uuid:
        raise _refuse("earlier_other_unit", "回头看只能针对本单位之前的暗访。",
                      "A follow-up can only go back to an earlier inspection of the same unit.")
    if earlier.started_at is None or earlier.started_at >= start:
        raise _refuse("earlier_not_before", "回头看所针对的暗访应早于这一次。",
                      "The inspection followed up must be earlier than this one.")
    unknown = set(inspection.rechecked) - set(earlier.finding_uuids)
    if unknown:
        raise _refuse("recheck_not_a_finding", "回头看的问题应是那次暗访发现的问题。",
                      "The problems rechecked must be findings of the earlier inspection.")


@dataclass(frozen=True)
class Notice:
    """Worth saying before submitting, but not a reason to refuse (the user decides)."""

    code: str
    zh: str
    en: str

    def text(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


def notices(inspection: CovertInspection, now: datetime, *, owed: Collection[str],
            chiefs_assisted: Collection[str], track_span: tuple[datetime, datetime] | None = None) -> list[Notice]:
    """What to point out about an inspection: reaches outside what the unit owes (`owed`, from
    `owed_reaches`), a chief the unit does not assist, a quarter already over, a late report of a major
    problem, a route track whose times do not match the inspection's."""
    found: list[Notice] = []
    outside = [c for c in inspection.reach_codes if c not in owed]
    if outside:
        found.append(Notice("outside_duty",
                            f"这些河段不在本单位本季度应暗访的河段里：{'、'.join(outside)}。记录可以保存，但不计入本单位的覆盖率。",
                            f"These reaches are not among those the unit must inspect this quarter: "
                            f"{', '.join(outside)}. The record is kept but does not count towards the unit's "
                            "coverage."))
    if inspection.chief_uuid and inspection.chief_uuid not in chiefs_assisted:
        found.append(Notice("chief_not_assisted", f"本单位不是{inspection.chief_name or '这位河长'}的对口联系单位。",
                            f"The unit is not the liaison unit of {inspection.chief_name or 'this chief'}."))
    period = inspection.period
    if period.has_ended(now):
        days = (now.astimezone(CHINA_TZ).date() - period.end.date()).days + 1
        found.append(Notice("recorded_late",
                            f"{period.label('zh')}已经结束 {days} 天，这次暗访补记在该季度。",
                            f"{period.label('en')} ended {days} day(s) ago: this inspection is recorded late for it."))
    escalation, end = inspection.escalation, inspection.ended_at
    if inspection.major and escalation is not None and end is not None and escalation.at - end > ESCALATE_WITHIN:
        found.append(Notice("escalated_late", "重大问题应当立即报告：这次报告晚于暗访结束 24 小时以上。",
                            "Major problems are to be reported at once: this report came more than 24 hours "
                            "after the inspection ended."))
    start = inspection.started_at
    if track_span is not None and start is not None and end is not None:
        first, last = track_span
        if last < start - timedelta(hours=1) or first > end + timedelta(hours=1):
            found.append(Notice("track_mismatch",
                                f"路线轨迹的时间（{_when(first)}—{_when(last)}）与暗访时间对不上。",
                                f"The route track's times ({_when(first)} to {_when(last)}) do not match the "
                                "inspection's."))
    return found


# ---- the register over time -------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterLink:
    """One link of the register over the time it held: a unit assists a chief (holder = unit uuid,
    held = chief uuid) or a chief holds a reach (holder = chief uuid, held = reach code).
    `since` None: from before this laptop kept history; `until` None: still held. [since, until)."""

    holder: str
    held: str
    since: datetime | None = None
    until: datetime | None = None

    def holds_at(self, moment: datetime) -> bool:
        return (self.since is None or self.since <= moment) and (self.until is None or moment < self.until)


@dataclass(frozen=True)
class RegisterHistory:
    """The links a unit's duty is computed from: `assists` (unit → chief), `holds` (chief → reach)."""

    assists: tuple[RegisterLink, ...] = ()
    holds: tuple[RegisterLink, ...] = ()

    def chiefs_at(self, units: Collection[str], moment: datetime) -> set[str]:
        return {link.held for link in self.assists if link.holder in units and link.holds_at(moment)}

    def owed_at(self, units: Collection[str], moment: datetime) -> dict[str, frozenset[str]]:
        """Reach code → the chiefs (assisted by `units`) holding it at `moment`."""
        chiefs = self.chiefs_at(units, moment)
        owed: dict[str, set[str]] = {}
        for link in self.holds:
            if link.holder in chiefs and link.holds_at(moment):
                owed.setdefault(link.held, set()).add(link.holder)
        return {code: frozenset(holders) for code, holders in owed.items()}

    def owed_since(self, units: Collection[str], reach_code: str, moment: datetime) -> datetime | None:
        """Since when the reach, owed at `moment`, has been owed without a break (None: since ever).

        Whether it is owed changes only where a link of `units` to a chief, or of a chief to this
        reach, starts or ends: walk back through those points while it was owed just before each.
        """
        links = [*(a for a in self.assists if a.holder in units), *(h for h in self.holds if h.held == reach_code)]
        points = sorted({t for link in links for t in (link.since, link.until) if t is not None and t <= moment},
                        reverse=True)
        for point in points:
            if reach_code not in self.owed_at(units, point - timedelta(microseconds=1)):
                return point
        return None


def duty_moment(quarter: Period, now: datetime) -> datetime:
    """The moment a quarter's duty is read at: its last instant, or now while it is still running."""
    last = quarter.end - timedelta(microseconds=1)
    return min(last, now)


def owed_reaches(units: Collection[str], quarter: Period, history: RegisterHistory,
                 now: datetime) -> dict[str, frozenset[str]]:
    """Reach code → chiefs: what `units` owe for `quarter` (see the module's rule)."""
    return history.owed_at(units, duty_moment(quarter, now))


# ---- coverage ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReachCoverage:
    """One owed reach in one quarter."""

    reach_code: str
    chiefs: frozenset[str]  # the assisted chiefs holding it at the duty moment
    covered_by: tuple[str, ...]  # submitted inspections by the unit that visited it in the quarter
    planned: tuple[str, ...]  # drafts for this quarter that list it
    joined: datetime | None  # when it became owed, if that was inside the quarter (added mid-quarter)

    @property
    def covered(self) -> bool:
        return bool(self.covered_by)


@dataclass(frozen=True)
class QuarterCoverage:
    """A unit's coverage of one quarter."""

    quarter: Period
    lines: tuple[ReachCoverage, ...]
    days_left: int  # local calendar days left, today included; 0 once over
    final: bool  # the quarter is over: the register is read at its end, no longer as of now
    visited_outside: tuple[str, ...] = field(default=())  # reaches visited in the quarter but not owed

    @property
    def required(self) -> int:
        return len(self.lines)

    @property
    def covered(self) -> int:
        return sum(line.covered for line in self.lines)

    @property
    def uncovered(self) -> tuple[ReachCoverage, ...]:
        return tuple(line for line in self.lines if not line.covered)

    @property
    def complete(self) -> bool:
        return not self.uncovered

    @property
    def missed(self) -> bool:
        """Over with reaches never inspected (the unit failed its duty that quarter)."""
        return self.final and not self.complete

    @property
    def reminder(self) -> int | None:
        """30, 14 or 3 when that few days (or fewer) are left and reaches are still uncovered."""
        if self.final or self.complete:
            return None
        return min((d for d in REMINDER_DAYS if self.days_left <= d), default=None)


def coverage(units: Collection[str], quarter: Period, history: RegisterHistory,
             inspections: Iterable[CovertInspection], now: datetime) -> QuarterCoverage:
    """Which owed reaches `units` (a liaison unit's register uuids) covered in `quarter`.

    `inspections` may hold any (other units', other quarters', drafts): only submitted ones of `units`
    dated in the quarter cover, and drafts recorded for the quarter are shown as planned.
    """
    owed = owed_reaches(units, quarter, history, now)
    covered: dict[str, list[str]] = {}
    planned: dict[str, list[str]] = {}
    for inspection in sorted(inspections, key=lambda i: (i.started_at or quarter.start, i.uuid)):
        if inspection.unit_uuid not in units:
            continue
        if inspection.is_submitted:
            if inspection.started_at is None or not quarter.contains(inspection.started_at):
                continue
            target = covered
        elif inspection.quarter == quarter.key:
            target = planned
        else:
            continue
        for code in inspection.reach_codes:
            target.setdefault(code, []).append(inspection.uuid)
    moment = duty_moment(quarter, now)
    lines = []
    for code in sorted(owed):
        since = history.owed_since(units, code, moment)
        lines.append(ReachCoverage(code, owed[code], tuple(covered.get(code, ())), tuple(planned.get(code, ())),
                                   since if since is not None and since > quarter.start else None))
    return QuarterCoverage(quarter, tuple(lines), quarter.days_left(now), quarter.has_ended(now),
                           tuple(sorted(set(covered) - set(owed))))


def coverage_history(units: Collection[str], history: RegisterHistory, inspections: Sequence[CovertInspection],
                     now: datetime, *, since: datetime) -> list[QuarterCoverage]:
    """Every quarter from the one containing `since` (e.g. when the liaison profile was made) to the
    current one, oldest first."""
    quarters = [quarter_of(since)]
    current = quarter_of(now)
    while quarters[-1] < current:
        quarters.append(quarters[-1].next())
    return [coverage(units, q, history, inspections, now) for q in quarters]
