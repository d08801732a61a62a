"""Demo covert inspections (暗访检查): a year of them by the demo's liaison unit, through `store.covert`.

The demo's liaison profile (周爱萍, 鲁山县水利局（示例）) assists the county chief 高淑芬, who holds six
reaches. Every quarter since the profile was made, the unit visits reaches in one- to three-reach
inspections: most quarters all six, one past quarter misses a reach (a missed cell in the coverage
history), the current quarter is half done with one reach planned (a draft). Findings become problems
with source 暗访 by submitting, then live on through `store.problems.act` along the problem demo's
plans, so every state turns up; one finding is major and escalated to the chief, and a later
回头看 goes back to it. Each inspection is saved as a draft and submitted at the time it was made
(`now=`), as the unit would have done, with the liaison profile current; the current profile is put
back afterwards, so nothing covert shows until the user switches to the liaison profile.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from patrol_app.demo import problems as demo_problems
from patrol_app.demo.shared import Progress
from patrol_app.domain.covert import (
    CovertFinding,
    CovertInspection,
    Escalation,
    InspectionMethod,
    quarter_of,
)
from patrol_app.domain.enums import Role
from patrol_app.domain.periods import CHINA_TZ, Period
from patrol_app.domain.problems import Actor, ProblemSource, ProblemState, Severity, fold
from patrol_app.domain.registry import Profile
from patrol_app.resources import load_json
from patrol_app.store import Store

_S = ProblemState
_P = demo_problems._Plan
_CONCLUSIONS_CLEAN = (
    "河道水面整洁，岸坡无垃圾，河长公示牌信息准确，巡河记录齐全。",
    "抽查河段总体情况较好，未发现明显问题；村级巡河员能说清所巡河段和职责。",
    "河道畅通，无乱占乱建现象；保洁人员在岗，保洁效果较好。",
)
_CONCLUSIONS_FOUND = (
    "河段总体情况一般，发现问题已现场拍照取证，交县河长办督促整改。",
    "部分河段保洁不到位，存在问题，要求限期整改并反馈。",
    "发现问题较多，河长巡河不够深入，建议加强村级巡河。",
)
_MAJOR_CONCLUSION = "发现重大问题，情况严重，已立即向县级河长报告，请相关部门依法查处。"
_TOLD = "电话报告后当面汇报，县级河长已批示查处"
_FOLLOW_UP = "回头看：上次暗访发现的问题已整治，现场未见复发，整改到位。"
_FOLLOW_UP_FOUND = "回头看：上次暗访发现的问题已基本整改；本次又发现新问题，已拍照取证，要求限期整改。"
_INSPECTORS = ("周爱萍", "钱立新", "孙晓燕", "马志强")
_METHODS = (
    (InspectionMethod.ON_SITE,),
    (InspectionMethod.ON_SITE, InspectionMethod.INTERVIEWS),
    (InspectionMethod.ON_SITE, InspectionMethod.DRONE),
    (InspectionMethod.ON_SITE, InspectionMethod.RECORDS, InspectionMethod.INTERVIEWS),
)
# How findings live on after submission: the newest first (still open), then older ones (mostly done);
# every state of a problem turns up.
_NEWEST = (_P(_S.REPORTED), _P(_S.ASSIGNED), _P(_S.RECTIFYING), _P(_S.RECTIFIED), _P(_S.VERIFIED))
_OLDER = (_P(), _P(_S.DISMISSED), _P(_S.ASSIGNED, overdue=True), _P(_S.RECTIFYING, overdue=True), _P(rework=True),
          _P(late=True), _P(feedback=True), _P())


def add(store: Store, rng: random.Random, now: datetime, since: datetime,
        report: Progress | None = None) -> tuple[int, int]:
    """A year of inspections by the demo's liaison unit; returns (inspections, findings) submitted."""
    report = report or (lambda stage, done, total: None)
    liaison = next((p for p in store.profiles.all() if p.role is Role.LIAISON_INSPECTOR), None)
    if liaison is None:
        return 0, 0
    previous = store.profiles.current()
    store.profiles.make_current(liaison.uuid)
    try:
        return _add(store, rng, now, since, liaison, report)
    finally:
        if previous is not None:
            store.profiles.make_current(previous.uuid)


def _add(store: Store, rng: random.Random, now: datetime, since: datetime, liaison: Profile,
         report: Progress) -> tuple[int, int]:
    units = store.covert.units_for(liaison)
    if not units:
        return 0, 0
    unit = units[0]
    unit_ids = {u.uuid for u in units}
    chiefs = {c["uuid"]: c["name"] for c in load_json("registry", "pingdingshan.json")["demo"]["chiefs"]}
    me = Actor(liaison.uuid, liaison.name, liaison.role, liaison.unit)
    world = demo_problems._World(store)
    reaches = {r.code: r for r in world.reaches}
    quarters = quarters_since(since, now)
    cutoff = now - timedelta(minutes=1)
    inspections = findings = 0
    lives: list[tuple[CovertInspection, datetime]] = []  # submitted, with when
    major_done: CovertInspection | None = None
    latest = since  # the last submission: the next one is later (store.covert refuses a clock gone back)
    for n, quarter in enumerate(quarters):
        report("covert", n, len(quarters))
        owed = [line.reach_code for line in store.covert.coverage(unit_ids, quarter, now=now).lines]
        if not owed:
            continue
        first = max(quarter.start, since) + timedelta(days=1)
        last = min(quarter.end, now) - timedelta(days=1)
        current = quarter.contains(now)
        todo = list(owed)
        rng.shuffle(todo)
        if current:
            plan_only, todo = todo[len(todo) // 2:], todo[: len(todo) // 2]
        elif n == 1:  # one past quarter misses a reach: a missed cell in the coverage history
            plan_only, todo = [], todo[1:]
        else:
            plan_only = []
        visits = _groups(rng, sorted(todo))
        if last - first < timedelta(days=2):
            visits = []
        days = sorted(_day(rng, first, last) for _ in visits)
        major_here = major_done is None and n == len(quarters) - 2 and bool(visits)
        for k, (codes, day) in enumerate(zip(visits, days, strict=True)):
            chief_uuid = unit.chief_uuids[0] if unit.chief_uuids else ""
            start = max(day, latest.astimezone(CHINA_TZ).replace(hour=day.hour, minute=day.minute) + timedelta(days=1))
            if start > last:  # no working day left in the quarter for this visit: its reaches stay uncovered
                break
            end = start + timedelta(hours=rng.choice((2, 3, 4)))
            major = major_here and k == 0
            count = 1 if major else rng.choice((0, 1, 1, 2))
            found = []
            for j in range(count):
                reach = reaches[codes[j % len(codes)]]
                at = start + (end - start) * (j + 1) / (count + 1)
                problem = world.problem(rng, reach, ProblemSource.COVERT, at, major=major)
                # Only the one major inspection has a major finding (a major one must be escalated).
                severity = problem.severity if major or problem.severity is not Severity.MAJOR else Severity.SERIOUS
                found.append(CovertFinding(
                    uuid=problem.uuid, code=problem.code, description=problem.description, reach_code=reach.code,
                    found_at=at, severity=severity, urgency=problem.urgency, lat=problem.lat,
                    lon=problem.lon, position_source=problem.position_source))
            told = start + timedelta(hours=rng.uniform(0.5, 1.5)) if major else None
            conclusion = _MAJOR_CONCLUSION if major else rng.choice(_CONCLUSIONS_FOUND if found else _CONCLUSIONS_CLEAN)
            inspection = CovertInspection(
                uuid=demo_problems._uuid7(rng, start), unit_uuid=unit.uuid, unit_name=unit.name, quarter=quarter.key,
                chief_uuid=chief_uuid, chief_name=chiefs.get(chief_uuid, ""), reach_codes=tuple(codes),
                started_at=start, ended_at=end, inspectors=(_INSPECTORS[0], rng.choice(_INSPECTORS[1:])),
                methods=rng.choice(_METHODS), conclusion=conclusion, major=major,
                escalation=Escalation(chiefs.get(chief_uuid, "县级河长"), told, _TOLD, chief_uuid) if told else None,
                findings=tuple(found))
            if major_done is not None and current and k == 0:  # the 回头看 of the major finding
                inspection = replace(inspection, follows_up=major_done.uuid, rechecked=major_done.finding_uuids,
                                     conclusion=_FOLLOW_UP_FOUND if found else _FOLLOW_UP)
            submitted_at = min(max(end, told or end) + timedelta(minutes=rng.randrange(20, 180)), cutoff)
            latest = submitted_at
            store.covert.save_draft(inspection, now=start)
            done = store.covert.submit(inspection.uuid, me, now=submitted_at)
            if major:
                major_done = done
            lives.append((done, submitted_at))
            inspections += 1
            findings += len(found)
        if current and plan_only:  # the rest of the quarter, planned: a draft without a date yet
            chief_uuid = unit.chief_uuids[0] if unit.chief_uuids else ""
            store.covert.save_draft(CovertInspection(
                uuid=demo_problems._uuid7(rng, now - timedelta(days=1)), unit_uuid=unit.uuid, unit_name=unit.name,
                quarter=quarter.key, chief_uuid=chief_uuid, chief_name=chiefs.get(chief_uuid, ""),
                reach_codes=tuple(sorted(plan_only[:2])), inspectors=(_INSPECTORS[0],)), now=now - timedelta(days=1))
    _live_on(store, rng, world, lives, now)
    report("covert", len(quarters), len(quarters))
    return inspections, findings


def _groups(rng: random.Random, codes: Sequence[str]) -> list[list[str]]:
    """The reaches in visits of one to three neighbouring reaches."""
    out, i = [], 0
    while i < len(codes):
        size = rng.choice((1, 2, 2, 3))
        out.append(list(codes[i:i + size]))
        i += size
    return out


def _day(rng: random.Random, first: datetime, last: datetime) -> datetime:
    """A working morning between `first` and `last`, Beijing time."""
    day = (first + (last - first) * rng.random()).astimezone(CHINA_TZ)
    return day.replace(hour=rng.choice((8, 9, 10)), minute=rng.choice((0, 15, 30, 45)), second=0, microsecond=0)


def _live_on(store: Store, rng: random.Random, world: demo_problems._World,
             lives: list[tuple[CovertInspection, datetime]], now: datetime) -> None:
    """Each finding's rectification after its submission, through `store.problems.act`. A life that the
    present cuts off before its plan's end is drawn again (as the problem demo does)."""
    cutoff = now - timedelta(minutes=1)
    found = sorted(((at, f.uuid, f.reach_code) for inspection, at in lives for f in inspection.findings),
                   reverse=True)
    reaches = {r.code: r for r in world.reaches}
    for n, (submitted_at, uuid, reach_code) in enumerate(found):
        plan = _NEWEST[n] if n < len(_NEWEST) else _OLDER[(n - len(_NEWEST)) % len(_OLDER)]
        problem = store.problems.get(uuid)
        if problem is None:
            continue
        events: list = []
        for _ in range(40):
            life = demo_problems._life(rng, problem, world.cast(reaches[reach_code]), plan, submitted_at, now)
            events = [e for e in life if e.at <= cutoff]
            if fold(uuid, events).state is plan.end:
                break
        head = store.problems.status(uuid).head
        for e in events[1:]:  # the report was made by submitting
            head = store.problems.act(
                uuid, head, e.action, e.actor, now=e.at, note=e.note, reason=e.reason, assignee_unit=e.assignee_unit,
                assignee_person=e.assignee_person, deadline=e.deadline, photos=e.photos).head


def quarters_since(since: datetime, now: datetime) -> list[Period]:
    """The quarters from the one containing `since` to the current one (what the demo fills)."""
    out = [quarter_of(since)]
    while out[-1] < quarter_of(now):
        out.append(out[-1].next())
    return out
