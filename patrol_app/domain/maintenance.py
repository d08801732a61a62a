"""Maintenance crews (管护单位, 物业化管护): work logs with before/after photos, contracts, monthly summaries.

Pure Python: no Qt, no SQL; "now" is always passed in. The store (`store/maintenance.py`) keeps logs
(syncable kind `maintenance_log`, written by the crew) and contracts (kind `contract`, written by the
city office and received from it); the GUI and the monthly report read what this module computes.

The plan (二.5) hands river upkeep to contracted crews and public-welfare posts (公益性岗位): floating
rubbish (清漂), bank cleaning (保洁), weeding (除草), small repairs (小修), signboards (公示牌维护). A crew
is paid on evidence: each log says what was done where and when, by whom, in what quantities, with
photos in pairs, the same spot before and after. A log can also be the rectification (整改完成) of a
problem assigned to the crew: the store then adds the rectified event, with the log's after-photos, to
the problem through `domain.problems` (the same rules as a crew's 整改完成 on the problems page).

Two kinds of "no":
- `check_log` refuses what cannot be recorded at all (no reach, no work, times the wrong way round, a
  quantity that is not a number, a unit that does not fit the work, a photo used twice).
- `notices` says what a payment check would query — a negative or implausibly large quantity, a day
  outside the contract's period or a reach outside its reaches, an after-photo whose camera time is
  before its before-photo's, a photo not taken on the day — without refusing: the crew may save it
  with a reason, which travels with the log to the office (`warnings`, `warning_reason`).

The monthly summary (`month_summary`) counts, per contract requirement, the days the work was done
(several logs on one day are one time: splitting a day's work does not make it more) and the
quantities in the requirement's unit; a contract that starts or ends inside the month owes that
month's share, rounded up for days and pro rata for quantities.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from patrol_app.domain.enums import NamedEnum
from patrol_app.domain.periods import CHINA_TZ, Period, PeriodKind
from patrol_app.domain.refusal import Refusal
from patrol_app.domain.registry import REACH_CODE

MAX_TEXT = 2000
MAX_WORKERS = 50
MAX_LINES = 20
MAX_PAIRS = 40
MAX_DURATION = timedelta(hours=24)  # one log is one day's work on one reach
CLOCK_MARGIN = timedelta(minutes=10)
PHOTO_SLACK = timedelta(hours=12)  # a photo taken this long before the start or after the end is "not that day"
QUANTITY_LIMIT = 1e9  # beyond any unit: a typing accident, refused outright


class WorkUnit(NamedEnum):
    """The units quantities are recorded in."""

    KG = ("kg", "千克", "kg")
    M3 = ("m3", "立方米", "m³")
    M = ("m", "米", "m")
    M2 = ("m2", "平方米", "m²")
    PLACE = ("place", "处", "place(s)")
    BOARD = ("board", "块", "board(s)")


class WorkItem(NamedEnum):
    """What a crew does (the plan's 物业化管护 tasks)."""

    FLOATING = ("floating", "清漂", "Floating rubbish removal")
    BANK = ("bank_cleaning", "保洁", "Bank cleaning")
    WEEDING = ("weeding", "除草", "Weeding")
    REPAIR = ("repair", "小修", "Small repairs")
    SIGNBOARD = ("signboard", "公示牌维护", "Signboard upkeep")

    @property
    def units(self) -> tuple[WorkUnit, ...]:
        """The units this work is measured in, the usual one first."""
        return UNITS[self]


UNITS: dict[WorkItem, tuple[WorkUnit, ...]] = {
    WorkItem.FLOATING: (WorkUnit.KG, WorkUnit.M3),
    WorkItem.BANK: (WorkUnit.M,),
    WorkItem.WEEDING: (WorkUnit.M2,),
    WorkItem.REPAIR: (WorkUnit.PLACE,),
    WorkItem.SIGNBOARD: (WorkUnit.BOARD,),
}
# What one crew plausibly does in one log (a day on one reach). More is said, not refused: it may be a
# typing slip (5000 for 50.00) or a real exceptional day (after a flood), which the crew explains.
PLAUSIBLE: dict[WorkUnit, float] = {
    WorkUnit.KG: 5_000, WorkUnit.M3: 50, WorkUnit.M: 20_000, WorkUnit.M2: 50_000,
    WorkUnit.PLACE: 30, WorkUnit.BOARD: 30,
}


@dataclass(frozen=True)
class WorkLine:
    """One kind of work in a log, with its quantity."""

    item: WorkItem
    quantity: float
    unit: WorkUnit

    def text(self, language: str) -> str:
        return f"{self.item.name_in(language)} {format_quantity(self.quantity)} {self.unit.name_in(language)}"


@dataclass(frozen=True)
class PhotoPair:
    """The same spot before and after the work (photo uuids; one side may be missing)."""

    before: str | None = None
    after: str | None = None
    caption: str = ""


@dataclass(frozen=True)
class MaintenanceLog:
    """One day's work of a crew on one reach (管护日志).

    `contract_uuid` names the contract the work is done under; without one, `post` names the
    public-welfare post (公益性岗位) or the work order. `problem_uuid`: the problem this work rectifies
    (整改); the store records `rectify_event_uuid` once the rectified event has been added.
    """

    uuid: str
    crew_unit: str
    reach_code: str
    started_at: datetime
    ended_at: datetime
    work: tuple[WorkLine, ...]
    workers: tuple[str, ...]
    recorded_by_uuid: str
    recorded_by_name: str
    contract_uuid: str | None = None
    post: str = ""
    pairs: tuple[PhotoPair, ...] = ()
    notes: str = ""
    problem_uuid: str | None = None
    rectify_event_uuid: str | None = None
    warnings: tuple[str, ...] = ()  # the notice codes the crew saved it with
    warning_reason: str = ""  # why it is right all the same

    @property
    def day(self) -> date:
        return self.started_at.astimezone(CHINA_TZ).date()

    @property
    def after_photos(self) -> tuple[str, ...]:
        return tuple(p.after for p in self.pairs if p.after)

    @property
    def photos(self) -> tuple[str, ...]:
        return tuple(u for p in self.pairs for u in (p.before, p.after) if u)


@dataclass(frozen=True)
class Requirement:
    """What a contract asks for per month: on at least `times` days, and/or `quantity` in `unit`."""

    item: WorkItem
    times: int = 0
    quantity: float = 0.0
    unit: WorkUnit | None = None

    def text(self, language: str) -> str:
        zh = language.startswith("zh")
        parts = []
        if self.times:
            parts.append(f"每月不少于 {self.times} 天" if zh else f"at least {self.times} day(s) a month")
        if self.quantity and self.unit is not None:
            amount = f"{format_quantity(self.quantity)} {self.unit.name_in(language)}"
            parts.append(f"不少于 {amount}" if zh else f"at least {amount}")
        return f"{self.item.name_in(language)}：{'，'.join(parts)}" if zh else \
            f"{self.item.name_in(language)}: {', '.join(parts)}"


@dataclass(frozen=True)
class Contract:
    """A maintenance contract (管护合同), owned by the office: who, which reaches, when, what each month."""

    uuid: str
    number: str
    name: str
    crew_unit: str
    reach_codes: tuple[str, ...]
    starts_on: date
    ends_on: date  # the last day it covers
    requirements: tuple[Requirement, ...] = ()
    client: str = ""  # 甲方: who pays (a township, the county office)
    notes: str = ""
    demo: bool = False

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def months(self) -> list[Period]:
        """Every calendar month the contract touches, in order."""
        first = Period.containing(datetime(self.starts_on.year, self.starts_on.month, 1, 12, tzinfo=CHINA_TZ),
                                  PeriodKind.MONTH)
        months = [first]
        while months[-1].end.date() <= self.ends_on:
            months.append(months[-1].next())
        return months


@dataclass(frozen=True)
class LogNotice:
    """Worth querying before payment, but not a reason to refuse: the crew saves it with a reason."""

    code: str
    zh: str
    en: str

    def text(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


def format_quantity(value: float) -> str:
    """12, 12.5, 0.25: no trailing zeros, at most two decimals."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _when(moment: datetime) -> str:
    return moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def check_log(log: MaintenanceLog, now: datetime) -> None:
    """What a log must get right to be recorded at all. Raises Refusal (Chinese and English)."""
    if not log.crew_unit.strip():
        raise Refusal("need_unit", "日志要记在一个管护单位名下，请在设置里填写本人的单位。",
                      "A log belongs to a maintenance crew: fill in your unit in Settings.")
    if not log.reach_code:
        raise Refusal("need_reach", "请选择在哪个河段作业。", "Choose the reach the work was done on.")
    if not REACH_CODE.match(log.reach_code):
        raise Refusal("bad_reach", f"河段编码不对：{log.reach_code}", f"Not a reach code: {log.reach_code}")
    if not log.contract_uuid and not log.post.strip():
        raise Refusal("need_contract", "请选择管护合同；没有合同的（公益性岗位），请写明岗位或任务来源。",
                      "Choose the contract; without one (a public-welfare post), name the post or work order.")
    for moment in (log.started_at, log.ended_at):
        if moment.tzinfo is None:
            raise ValueError("log times must carry their zone")
    if log.ended_at < log.started_at:
        raise Refusal("end_before_start", "结束时间早于开始时间。", "The end time is before the start time.")
    if log.ended_at - log.started_at > MAX_DURATION:
        raise Refusal("too_long", "一条日志记一天的作业；第二天的作业请另记一条。",
                      "One log is one day's work: record the next day as another log.")
    if log.started_at - now > CLOCK_MARGIN:
        raise Refusal("in_future",
                      f"作业开始时间 {_when(log.started_at)} 晚于电脑现在的时间 {_when(now)}，请检查日期和时间。",
                      f"The work starts at {_when(log.started_at)}, later than the computer's time "
                      f"({_when(now)}): check the date and time.")
    _check_work(log.work)
    workers = [w for w in log.workers if w.strip()]
    if not workers or len(workers) != len(log.workers):
        raise Refusal("need_workers", "请填写作业人员的姓名。", "Enter the names of the workers.")
    if len(workers) > MAX_WORKERS:
        raise Refusal("too_many_workers", f"作业人员最多 {MAX_WORKERS} 人。", f"At most {MAX_WORKERS} workers.")
    if len(log.pairs) > MAX_PAIRS:
        raise Refusal("too_many_pairs", f"一条日志最多 {MAX_PAIRS} 组照片。",
                      f"At most {MAX_PAIRS} photo pairs in a log.")
    seen: set[str] = set()
    for number, pair in enumerate(log.pairs, start=1):
        if not pair.before and not pair.after:
            raise Refusal("empty_pair", f"第 {number} 组照片是空的：请选照片，或删去这一组。",
                          f"Photo pair {number} is empty: choose a photo or remove the pair.")
        for uuid in (pair.before, pair.after):
            if uuid and uuid in seen:
                raise Refusal("photo_twice", "同一张照片用了两次：整改前和整改后要用不同的照片。",
                              "The same photo is used twice: before and after need different photos.")
            if uuid:
                seen.add(uuid)
    for text in (log.notes, log.warning_reason, log.post, *(p.caption for p in log.pairs)):
        if len(text) > MAX_TEXT:
            raise Refusal("text_too_long", f"说明不能超过 {MAX_TEXT} 字。",
                          f"A text cannot be longer than {MAX_TEXT} characters.")
    if log.problem_uuid:
        if not log.notes.strip():
            raise Refusal("need_note", "这条日志是问题的整改：请在说明里简单写一下做了什么。",
                          "This log rectifies a problem: say briefly in the notes what was done.")
        if not log.after_photos and not log.warning_reason.strip():
            raise Refusal("need_after_photo", "整改问题要附整改后的照片；确实没有照片时，请在原因栏写明。",
                          "Rectifying a problem needs a photo after the work, or a reason why there is none.")


def _check_work(work: Sequence[WorkLine]) -> None:
    if not work:
        raise Refusal("need_work", "请至少填一项作业内容和数量。", "Enter at least one kind of work and its quantity.")
    if len(work) > MAX_LINES:
        raise Refusal("too_many_lines", f"作业内容最多 {MAX_LINES} 项。", f"At most {MAX_LINES} kinds of work.")
    pairs = [(line.item, line.unit) for line in work]
    if len(set(pairs)) != len(pairs):
        raise Refusal("item_twice", "同一项作业（同一单位）填了两次，请合并成一行。",
                      "The same work in the same unit is listed twice: put it in one line.")
    for line in work:
        if line.unit not in line.item.units:
            units = "、".join(u.zh for u in line.item.units)
            raise Refusal("wrong_unit", f"「{line.item.zh}」的数量要用{units}计。",
                          f"'{line.item.en}' is measured in {', '.join(u.en for u in line.item.units)}.")
        if not math.isfinite(line.quantity) or abs(line.quantity) > QUANTITY_LIMIT:
            raise Refusal("not_a_number", f"「{line.item.zh}」的数量不是一个数。",
                          f"The quantity of '{line.item.en}' is not a number.")
        if line.quantity == 0:
            raise Refusal("need_quantity", f"请填写「{line.item.zh}」的数量（没做这项就删去这一行）。",
                          f"Enter the quantity of '{line.item.en}' (remove the line if it was not done).")


def notices(log: MaintenanceLog, *, contract: Contract | None,
            photo_times: Mapping[str, datetime | None]) -> list[LogNotice]:
    """What a payment check would query in this log (see the module's doc). `photo_times`: each photo's
    camera time (EXIF, aware), None when the photo has none."""
    found: list[LogNotice] = []
    for line in log.work:
        amount = f"{format_quantity(line.quantity)} {line.unit.zh}"
        amount_en = f"{format_quantity(line.quantity)} {line.unit.en}"
        if line.quantity < 0:
            found.append(LogNotice(
                "negative_quantity",
                f"「{line.item.zh}」的数量是负数（{amount}）。负数只用于更正以前多报的数量，请在原因栏写明更正的是哪一天的日志。",
                f"The quantity of '{line.item.en}' is negative ({amount_en}). A negative quantity only corrects an "
                "earlier log that reported too much: say in the reason which day's log it corrects."))
        elif line.quantity > PLAUSIBLE[line.unit]:
            limit = f"{format_quantity(PLAUSIBLE[line.unit])} {line.unit.zh}"
            limit_en = f"{format_quantity(PLAUSIBLE[line.unit])} {line.unit.en}"
            found.append(LogNotice(
                "absurd_quantity",
                f"「{line.item.zh}」{amount} 远超一天能完成的量（一般不超过 {limit}）。"
                "请核对是否多输了位数；确实如此的，请写明原因。",
                f"'{line.item.en}' {amount_en} is far more than a day's work (usually at most {limit_en}). Check "
                "for a slip of the keyboard; if it is right, give the reason."))
    if contract is not None:
        if not contract.covers(log.day):
            found.append(LogNotice(
                "outside_contract",
                f"作业日期 {log.day.isoformat()} 不在合同「{contract.name}」的期限"
                f"（{contract.starts_on.isoformat()} 至 "
                f"{contract.ends_on.isoformat()}）内，这条日志在付款核查时可能不予认可。",
                f"The work date {log.day.isoformat()} is outside the period of the contract '{contract.name}' "
                f"({contract.starts_on.isoformat()} to {contract.ends_on.isoformat()}): a payment check may not "
                "accept this log."))
        if log.reach_code not in contract.reach_codes:
            found.append(LogNotice(
                "reach_not_in_contract", f"河段 {log.reach_code} 不在合同「{contract.name}」的管护范围内。",
                f"The reach {log.reach_code} is not one the contract '{contract.name}' covers."))
        if contract.crew_unit.strip() != log.crew_unit.strip():
            found.append(LogNotice(
                "other_unit", f"合同「{contract.name}」的管护单位是{contract.crew_unit}，不是{log.crew_unit}。",
                f"The contract '{contract.name}' is {contract.crew_unit}'s, not {log.crew_unit}'s."))
    early, late = log.started_at - PHOTO_SLACK, log.ended_at + PHOTO_SLACK
    for number, pair in enumerate(log.pairs, start=1):
        before = photo_times.get(pair.before) if pair.before else None
        after = photo_times.get(pair.after) if pair.after else None
        if before is not None and after is not None and after < before:
            found.append(LogNotice(
                "after_before_before",
                f"第 {number} 组照片：整改后的照片拍摄时间（{_when(after)}）早于整改前的照片（{_when(before)}）。"
                "请检查是否放反了；相机时间不准的，请写明原因。",
                f"Photo pair {number}: the after-photo was taken ({_when(after)}) before the before-photo "
                f"({_when(before)}). Check whether they are swapped; if the camera's clock is wrong, say so."))
        for side, when in (("整改前", before), ("整改后", after)):
            if when is not None and not early <= when <= late:
                found.append(LogNotice(
                    "photo_not_that_day",
                    f"第 {number} 组{side}照片拍摄于 {_when(when)}，不是作业当天（{_when(log.started_at)}）拍的。",
                    f"Photo pair {number}: the {'before' if side == '整改前' else 'after'}-photo was taken at "
                    f"{_when(when)}, not on the day of the work ({_when(log.started_at)})."))
    return found


# ---- the monthly summary ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """One requirement of a contract in one month: what was owed, what was done."""

    requirement: Requirement
    times_required: int
    quantity_required: float
    days: int  # days in the month with this work (one day however many logs)
    quantity: float  # in the requirement's unit

    @property
    def met(self) -> bool:
        return self.days >= self.times_required and (
            self.requirement.unit is None or self.quantity >= self.quantity_required - 1e-9)


@dataclass(frozen=True)
class MonthSummary:
    """A contract's month: each requirement's progress, all quantities, the logs and their evidence."""

    contract: Contract
    month: Period
    share: float  # the part of the month the contract covers (1.0 for a whole month)
    progress: tuple[Progress, ...]
    totals: tuple[tuple[WorkItem, WorkUnit, float], ...]  # every item and unit worked, summed
    days_by_item: dict[WorkItem, int]
    logs: tuple[MaintenanceLog, ...]  # the contract's logs dated in the month, oldest first
    rectified: tuple[str, ...] = field(default=())  # problems the month's logs rectified

    @property
    def met(self) -> bool:
        return all(p.met for p in self.progress)

    @property
    def work_days(self) -> int:
        return len({log.day for log in self.logs})

    @property
    def photo_pairs(self) -> int:
        return sum(len(log.pairs) for log in self.logs)

    @property
    def without_photos(self) -> tuple[MaintenanceLog, ...]:
        return tuple(log for log in self.logs if not log.photos)

    @property
    def with_warnings(self) -> tuple[MaintenanceLog, ...]:
        return tuple(log for log in self.logs if log.warnings)


def month_of(moment: datetime) -> Period:
    return Period.containing(moment, PeriodKind.MONTH)


def month_from_key(key: str) -> Period:
    """`2026-11` → that month. Raises Refusal for anything else."""
    try:
        year, month = (int(part) for part in key.split("-"))
        return month_of(datetime(year, month, 1, 12, tzinfo=CHINA_TZ))
    except (ValueError, TypeError):
        raise Refusal("bad_month", f"月份写法不对：{key!r}（应为 2026-11 这样）。",
                      f"Not a month: {key!r} (expected something like 2026-11).") from None


def month_summary(contract: Contract, month: Period, logs: Iterable[MaintenanceLog]) -> MonthSummary:
    """What the contract's logs dated in `month` add up to (logs of other contracts or months are left out)."""
    chosen = sorted((log for log in logs if log.contract_uuid == contract.uuid and month.contains(log.started_at)),
                    key=lambda log: (log.started_at, log.uuid))
    first, last = month.start.date(), month.end.date() - timedelta(days=1)
    covered = (min(last, contract.ends_on) - max(first, contract.starts_on)).days + 1
    share = max(0, covered) / ((last - first).days + 1)
    totals: dict[tuple[WorkItem, WorkUnit], float] = {}
    days: dict[WorkItem, set[date]] = {}
    for log in chosen:
        for line in log.work:
            key = (line.item, line.unit)
            totals[key] = round(totals.get(key, 0.0) + line.quantity, 6)
            if line.quantity > 0:
                days.setdefault(line.item, set()).add(log.day)
    progress = tuple(
        Progress(req, math.ceil(req.times * share - 1e-9), round(req.quantity * share, 2),
                 len(days.get(req.item, ())), round(totals.get((req.item, req.unit), 0.0), 2) if req.unit else 0.0)
        for req in contract.requirements)
    order = {item: n for n, item in enumerate(WorkItem)}
    return MonthSummary(
        contract=contract, month=month, share=share, progress=progress,
        totals=tuple((item, unit, round(value, 2)) for (item, unit), value in
                     sorted(totals.items(), key=lambda kv: (order[kv[0][0]], kv[0][1].code))),
        days_by_item={item: len(d) for item, d in days.items()}, logs=tuple(chosen),
        rectified=tuple(dict.fromkeys(log.problem_uuid for log in chosen
                                      if log.problem_uuid and log.rectify_event_uuid)))
