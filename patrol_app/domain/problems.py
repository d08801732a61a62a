"""Problems (问题) and their append-only event log (处置记录): 发现一处、整治一处、销号一处.

A problem's facts (what, where, when found, by whom) are written once. Everything that happens to it
afterwards is a `ProblemEvent`, and its current state is never stored as the truth: it is folded from
the events. That is what lets devices that worked offline merge without conflicts:

- Every event carries `seq`, one more than the highest `seq` its device knew for that problem when
  it was made, so an event always sorts after the events it was based on (a Lamport clock), whatever
  the devices' wall clocks say. Events made concurrently on two devices share a `seq` and are
  ordered by time, then uuid: a total order every device computes the same way.
- Merging is the union of the logs by uuid, then one fold in that order. An event that is no longer
  allowed where it lands (two devices both verified, or one returned the task while the other
  rectified it) is kept in the log, shown in the timeline as not applied with the reason, and
  changes nothing. No event is ever lost and every device reaches the same state.

    reported ─交办→ assigned ─签收→ rectifying ─整改完成→ rectified ─核查通过→ verified ─销号→ closed
       │  ↖──────── 退回 ───────────┘                       │ 核查不通过 (重办) → rectifying
       ├─ 自行处置 (fixed on the spot) ──────────────────→ rectified
       └─ 作废 (duplicate or not a problem) → dismissed
    side events that keep the state: 反馈 feedback, 催办 urge, 延期 extend (a later deadline)

Verification and rework are done by someone other than whoever rectified. A problem is overdue
(超期) while it is assigned or being rectified and its deadline (a local date in China) has passed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from types import SimpleNamespace
from typing import Protocol

from patrol_app.domain.enums import PROBLEM_ITEMS, NamedEnum, Role
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.refusal import Refusal

MAX_DESCRIPTION = 2000
MAX_NOTE = 2000


class Severity(NamedEnum):
    GENERAL = ("general", "一般", "Minor")
    SERIOUS = ("serious", "较严重", "Serious")
    MAJOR = ("major", "重大", "Major")


class Urgency(NamedEnum):
    NORMAL = ("normal", "一般", "Normal")
    URGENT = ("urgent", "加急", "Urgent")
    CRITICAL = ("critical", "紧急", "Critical")


class ProblemSource(NamedEnum):
    PATROL = ("patrol", "巡河", "Patrol")
    COVERT = ("covert", "暗访", "Covert inspection")
    COMPLAINT = ("complaint", "群众投诉", "Public complaint")
    SUPERIOR = ("superior", "上级交办", "Assigned from above")
    MEDIA = ("media", "媒体", "Media report")
    MAINTENANCE = ("maintenance", "管护", "Maintenance crew")


class ProblemState(NamedEnum):
    REPORTED = ("reported", "待交办", "Awaiting assignment")
    ASSIGNED = ("assigned", "已交办", "Assigned")
    RECTIFYING = ("rectifying", "整改中", "Being rectified")
    RECTIFIED = ("rectified", "待核查", "Awaiting verification")
    VERIFIED = ("verified", "已核查", "Verified")
    CLOSED = ("closed", "已销号", "Closed")
    DISMISSED = ("dismissed", "已作废", "Dismissed")

    @property
    def is_open(self) -> bool:
        return self not in (ProblemState.CLOSED, ProblemState.DISMISSED)

    @property
    def has_deadline(self) -> bool:
        """States in which the assignee is working against the deadline."""
        return self in (ProblemState.ASSIGNED, ProblemState.RECTIFYING)


class Action(NamedEnum):
    REPORT = ("report", "上报", "Report")
    ASSIGN = ("assign", "交办", "Assign")
    ACCEPT = ("accept", "签收", "Accept")
    RETURN = ("return", "退回", "Return")
    FEEDBACK = ("feedback", "反馈", "Feedback")
    URGE = ("urge", "催办", "Urge")
    EXTEND = ("extend", "延期", "Extend deadline")
    RECTIFY = ("rectify", "整改完成", "Rectified")
    SELF_HANDLE = ("self_handle", "自行处置", "Fixed on the spot")
    VERIFY = ("verify", "核查通过", "Verified")
    REWORK = ("rework", "核查不通过（重办）", "Failed verification (rework)")
    CLOSE = ("close", "销号", "Close")
    DISMISS = ("dismiss", "作废", "Dismiss")


# Who may do what. Assigning, chasing, checking and closing belong to the chiefs (and the assistants
# who do their paperwork) and to the liaison units, which the plan tells to "反馈、交办" what they find.
_OVERSEERS = frozenset({Role.CHIEF, Role.CHIEF_ASSISTANT, Role.LIAISON_INSPECTOR, Role.OFFICE})
_ON_SITE = frozenset({Role.CHIEF, Role.CHIEF_ASSISTANT, Role.PATROLLER, Role.MAINTENANCE})
_ANYONE = frozenset(Role)

ROLES: dict[Action, frozenset[Role]] = {
    Action.REPORT: _ANYONE,
    Action.ASSIGN: _OVERSEERS,
    Action.ACCEPT: _ANYONE,
    Action.RETURN: _ANYONE,
    Action.FEEDBACK: _ANYONE,
    Action.URGE: _OVERSEERS,
    Action.EXTEND: _OVERSEERS,
    Action.RECTIFY: _ANYONE,
    Action.SELF_HANDLE: _ON_SITE,
    Action.VERIFY: _OVERSEERS,
    Action.REWORK: _OVERSEERS,
    Action.CLOSE: _OVERSEERS,
    Action.DISMISS: _OVERSEERS,
}

_S = ProblemState
TRANSITIONS: dict[Action, dict[ProblemState | None, ProblemState]] = {
    Action.REPORT: {None: _S.REPORTED},
    Action.ASSIGN: {_S.REPORTED: _S.ASSIGNED},
    Action.ACCEPT: {_S.ASSIGNED: _S.RECTIFYING},
    Action.RETURN: {_S.ASSIGNED: _S.REPORTED, _S.RECTIFYING: _S.REPORTED},
    Action.FEEDBACK: {s: s for s in (_S.ASSIGNED, _S.RECTIFYING, _S.RECTIFIED)},
    Action.URGE: {s: s for s in (_S.ASSIGNED, _S.RECTIFYING)},
    Action.EXTEND: {s: s for s in (_S.ASSIGNED, _S.RECTIFYING)},
    Action.RECTIFY: {_S.ASSIGNED: _S.RECTIFIED, _S.RECTIFYING: _S.RECTIFIED},
    Action.SELF_HANDLE: {_S.REPORTED: _S.RECTIFIED},
    Action.VERIFY: {_S.RECTIFIED: _S.VERIFIED},
    Action.REWORK: {_S.RECTIFIED: _S.RECTIFYING},
    Action.CLOSE: {_S.VERIFIED: _S.CLOSED},
    Action.DISMISS: {_S.REPORTED: _S.DISMISSED},
}

# Evidence: an "after" photo proves rectification, unless the actor says why there is none.
NEEDS_AFTER_PHOTO = frozenset({Action.RECTIFY, Action.SELF_HANDLE})
NEEDS_REASON = frozenset({Action.RETURN, Action.EXTEND, Action.REWORK, Action.DISMISS})
NEEDS_NOTE = frozenset({Action.FEEDBACK, Action.RECTIFY, Action.SELF_HANDLE})


@dataclass(frozen=True)
class Actor:
    """Who did something: the profile's id, name, role and unit as they were at the time."""

    uuid: str
    name: str
    role: Role
    unit: str = ""

    def label(self, language: str) -> str:
        unit = f"（{self.unit}）" if language.startswith("zh") else f" ({self.unit})"
        return f"{self.name}{unit if self.unit else ''}"


@dataclass(frozen=True)
class Problem:
    """The facts of a problem as found. Never edited: what happens later is in its events."""

    uuid: str
    code: str  # category.item, see enums.PROBLEM_ITEMS
    description: str
    severity: Severity
    urgency: Urgency
    source: ProblemSource
    reach_code: str
    found_at: datetime
    found_by: Actor
    lat: float | None = None
    lon: float | None = None
    position_source: str | None = None  # exif | track | manual | None
    patrol_uuid: str | None = None

    @property
    def category(self) -> str:
        return self.code.split(".", 1)[0]


def validate_problem(problem: Problem, now: datetime) -> None:
    """Raise Refusal for facts that cannot be recorded."""
    if problem.code not in PROBLEM_ITEMS:
        raise Refusal("unknown_code", f"未知的问题类型：{problem.code}", f"unknown problem type: {problem.code}")
    if not problem.description.strip():
        raise Refusal("need_description", "请写一句话说明发现了什么问题。", "Say in a sentence what the problem is.")
    if len(problem.description) > MAX_DESCRIPTION:
        raise Refusal("description_too_long", f"问题描述不能超过 {MAX_DESCRIPTION} 字。",
                      f"The description cannot be longer than {MAX_DESCRIPTION} characters.")
    if not problem.reach_code:
        raise Refusal("need_reach", "请选择问题所在的河段。", "Choose the reach where the problem is.")
    if problem.found_at.tzinfo is None:
        raise ValueError("found_at must carry its zone")
    if (problem.found_at - now).total_seconds() > 600:
        raise Refusal("found_in_future", "发现时间不能晚于现在，请检查电脑时间和填写的时间。",
                      "The time found cannot be in the future: check the laptop's clock and the time entered.")
    if (problem.lat is None) != (problem.lon is None):
        raise Refusal("half_position", "位置需要同时有纬度和经度。", "A position needs both latitude and longitude.")
    if problem.lat is not None and problem.lon is not None:
        bad = not (math.isfinite(problem.lat) and math.isfinite(problem.lon))
        if bad or abs(problem.lat) > 90 or abs(problem.lon) > 180 or (problem.lat == 0 and problem.lon == 0):
            raise Refusal("bad_position", "位置不正确（纬度 −90…90，经度 −180…180）。",
                          "The position is not valid (latitude −90…90, longitude −180…180).")


@dataclass(frozen=True)
class ProblemEvent:
    """One step of a problem's life. Append-only: never edited, never deleted."""

    uuid: str
    problem_uuid: str
    seq: int
    action: Action
    at: datetime
    actor: Actor
    note: str = ""
    reason: str = ""  # why: returned, extended, rework, dismissed, or why there is no after photo
    assignee_unit: str = ""
    assignee_person: str = ""
    deadline: date | None = None
    photos: tuple[str, ...] = ()  # photo uuids: "before" on report, "after" on rectify / self-handle

    @property
    def order_key(self) -> tuple[int, datetime, str]:
        return (self.seq, self.at, self.uuid)


@dataclass(frozen=True)
class Step:
    """An event as the fold saw it: applied, or kept but not applied (and why)."""

    event: ProblemEvent
    refusal: Refusal | None = None

    @property
    def applied(self) -> bool:
        return self.refusal is None


@dataclass(frozen=True)
class ProblemStatus:
    """The current state of one problem, folded from its events."""

    problem_uuid: str
    state: ProblemState | None = None  # None: no report event yet (not arrived from the other device)
    assignee_unit: str = ""
    assignee_person: str = ""
    deadline: date | None = None
    assigned_by: Actor | None = None
    rectified_by: Actor | None = None
    verified_by: Actor | None = None
    reported_at: datetime | None = None
    assigned_at: datetime | None = None
    rectified_at: datetime | None = None
    closed_at: datetime | None = None
    last_event_at: datetime | None = None
    rework_count: int = 0
    extension_count: int = 0
    urge_count: int = 0
    head: str | None = None  # uuid of the last event folded (applied or not): what a view was based on
    max_seq: int = 0
    steps: tuple[Step, ...] = field(default=())

    def is_overdue(self, now: datetime) -> bool:
        return self.days_overdue(now) > 0

    def days_overdue(self, now: datetime) -> int:
        """Whole days past the deadline (0 if not overdue), counted in China's calendar."""
        if self.state is None or not self.state.has_deadline or self.deadline is None:
            return 0
        return max(0, (local_date(now) - self.deadline).days)

    def next_seq(self) -> int:
        return self.max_seq + 1


def local_date(moment: datetime) -> date:
    return moment.astimezone(CHINA_TZ).date()


def _refuse_state(action: Action, state: ProblemState | None) -> Refusal:
    if state is None:
        return Refusal("not_reported", f"这个问题还没有上报记录，不能{action.zh}。",
                       f"This problem has no report yet: '{action.en}' is not possible.")
    if action is Action.REPORT:
        return Refusal("already_reported", "这个问题已经上报过了。", "This problem has already been reported.")
    return Refusal(
        "wrong_state",
        f"问题现在是「{state.zh}」，不能{action.zh}。",
        f"The problem is now '{state.en}': '{action.en}' is not possible.",
    )


class _Folded(Protocol):
    @property
    def state(self) -> ProblemState | None: ...
    @property
    def rectified_by(self) -> Actor | None: ...
    @property
    def deadline(self) -> date | None: ...


def check(status: _Folded, event: ProblemEvent) -> Refusal | None:
    """The rules every device applies when it folds an event: state, role, people, deadline.

    Deterministic in the event and the state it lands on, so every device folds a merged log the
    same way. (Evidence and required wording are checked once, when the event is made: see `decide`.)
    """
    action, actor = event.action, event.actor
    if status.state not in TRANSITIONS[action]:
        return _refuse_state(action, status.state)
    if actor.role not in ROLES[action]:
        return Refusal(
            "role",
            f"「{actor.role.zh}」不能{action.zh}，请由河长、河长助理或对口联系单位办理。",
            f"A {actor.role.en.lower()} cannot do '{action.en}': a river chief, assistant or liaison unit can.",
        )
    rectifier = status.rectified_by
    if action in (Action.VERIFY, Action.REWORK) and rectifier is not None and rectifier.uuid == actor.uuid:
        return Refusal(
            "same_person",
            f"核查要由整改人以外的人来做（整改人：{rectifier.name}）。",
            f"Verification must be done by someone other than who rectified it ({rectifier.name}).",
        )
    if action is Action.ASSIGN:
        if not (event.assignee_unit.strip() or event.assignee_person.strip()):
            return Refusal("need_assignee", "请填写交办给哪个单位或哪个人。",
                           "Say which unit or person the problem is assigned to.")
        if event.deadline is None:
            return Refusal("need_deadline", "请填写整改期限。", "Give a deadline for the rectification.")
    deadline = event.deadline
    if action in (Action.ASSIGN, Action.EXTEND, Action.REWORK) and deadline and deadline < local_date(event.at):
        return Refusal(
            "deadline_past",
            f"整改期限 {deadline.isoformat()} 已经过去了，请选今天或以后的日期。",
            f"The deadline {deadline.isoformat()} is in the past: choose today or a later date.",
        )
    if action is Action.REWORK and event.deadline is None and status.deadline is None:
        return Refusal("need_deadline", "请给重新整改定一个期限。", "Give a deadline for the rework.")
    if action is Action.EXTEND:
        if event.deadline is None:
            return Refusal("need_deadline", "请填写新的整改期限。", "Give the new deadline.")
        if status.deadline is not None and event.deadline <= status.deadline:
            return Refusal(
                "deadline_not_later",
                f"延期后的期限要晚于原期限 {status.deadline.isoformat()}。",
                f"The new deadline must be later than the current one ({status.deadline.isoformat()}).",
            )
    return None


def apply(status: ProblemStatus, event: ProblemEvent) -> ProblemStatus:
    """The status after one allowed event (call `check` first)."""
    work = _working(status)
    _apply(work, event)
    return replace(status, **vars(work))


# The fields the fold computes; everything else in ProblemStatus is bookkeeping around them.
_FOLDED = tuple(f.name for f in fields(ProblemStatus) if f.name not in ("problem_uuid", "head", "max_seq", "steps"))


def _working(status: ProblemStatus | None = None) -> SimpleNamespace:
    """A mutable copy of the folded fields while a log is folded (one object instead of one per event)."""
    source = status if status is not None else ProblemStatus("")
    return SimpleNamespace(**{name: getattr(source, name) for name in _FOLDED})


def _apply(s: SimpleNamespace, event: ProblemEvent) -> None:
    action, at = event.action, event.at
    s.state = TRANSITIONS[action][s.state]
    s.last_event_at = at
    if action is Action.REPORT:
        s.reported_at = at
    elif action is Action.ASSIGN:
        s.assignee_unit, s.assignee_person = event.assignee_unit.strip(), event.assignee_person.strip()
        s.deadline, s.assigned_by, s.assigned_at = event.deadline, event.actor, at
    elif action is Action.RETURN:
        s.assignee_unit, s.assignee_person, s.deadline, s.assigned_by, s.assigned_at = "", "", None, None, None
    elif action is Action.EXTEND:
        s.deadline = event.deadline
        s.extension_count += 1
    elif action is Action.URGE:
        s.urge_count += 1
    elif action is Action.RECTIFY:
        s.rectified_by, s.rectified_at = event.actor, at
    elif action is Action.SELF_HANDLE:  # whoever fixed it on the spot answers for it if the check fails
        s.rectified_by, s.rectified_at = event.actor, at
        s.assignee_unit, s.assignee_person = event.actor.unit, event.actor.name
    elif action is Action.VERIFY:
        s.verified_by = event.actor
    elif action is Action.REWORK:
        s.rework_count += 1
        s.rectified_by, s.rectified_at = None, None
        s.deadline = event.deadline or s.deadline
    elif action in (Action.CLOSE, Action.DISMISS):
        s.closed_at = at


def fold(problem_uuid: str, events: Iterable[ProblemEvent]) -> ProblemStatus:
    """The current status from any collection of this problem's events (duplicates by uuid ignored)."""
    unique = {e.uuid: e for e in events if e.problem_uuid == problem_uuid}
    work = _working()
    steps: list[Step] = []
    max_seq = 0
    for event in sorted(unique.values(), key=lambda e: e.order_key):
        refusal = check(work, event)
        if refusal is None:
            _apply(work, event)
        steps.append(Step(event, refusal))
        max_seq = max(max_seq, event.seq)
    head = steps[-1].event.uuid if steps else None
    return ProblemStatus(problem_uuid, **vars(work), head=head, max_seq=max_seq, steps=tuple(steps))


def decide(
    status: ProblemStatus,
    action: Action,
    actor: Actor,
    at: datetime,
    *,
    uuid: str,
    note: str = "",
    reason: str = "",
    assignee_unit: str = "",
    assignee_person: str = "",
    deadline: date | None = None,
    photos: Iterable[str] = (),
) -> ProblemEvent:
    """Make the next event for a user's action, or raise Refusal saying why it cannot be done."""
    event = ProblemEvent(
        uuid=uuid, problem_uuid=status.problem_uuid, seq=status.next_seq(), action=action, at=at, actor=actor,
        note=note.strip(), reason=reason.strip(), assignee_unit=assignee_unit.strip(),
        assignee_person=assignee_person.strip(), deadline=deadline, photos=tuple(dict.fromkeys(photos)),
    )
    refusal = check(status, event)
    if refusal is not None:
        raise refusal
    if len(event.note) > MAX_NOTE or len(event.reason) > MAX_NOTE:
        raise Refusal("note_too_long", f"说明不能超过 {MAX_NOTE} 字。",
                      f"Notes cannot be longer than {MAX_NOTE} characters.")
    if action in NEEDS_REASON and not event.reason:
        raise Refusal("need_reason", f"请写明{action.zh}的原因。", f"Give the reason ('{action.en}').")
    if action in NEEDS_NOTE and not event.note:
        raise Refusal("need_note", "请简单写一下做了什么。", "Say briefly what was done.")
    if action in NEEDS_AFTER_PHOTO and not event.photos and not event.reason:
        raise Refusal(
            "need_after_photo",
            "请至少附一张整改后的照片；确实没有照片时，请写明原因。",
            "Attach at least one photo taken after the work, or say why there is none.",
        )
    return event


def allowed_actions(status: ProblemStatus, actor: Actor, now: datetime) -> dict[Action, Refusal | None]:
    """For each action other than reporting: None if this actor may start it now, else why not.

    Only the rules that do not depend on what the user will type (state, role, who rectified).
    """
    result: dict[Action, Refusal | None] = {}
    for action in Action:
        if action is Action.REPORT:
            continue
        probe = ProblemEvent("", status.problem_uuid, status.next_seq(), action, now, actor,
                             assignee_unit="-", deadline=_probe_deadline(status, action, now))
        result[action] = check(status, probe)
    return result


def _probe_deadline(status: ProblemStatus, action: Action, now: datetime) -> date | None:
    if action is Action.EXTEND:
        return date.max
    if action in (Action.ASSIGN, Action.REWORK):
        return local_date(now)
    return None
