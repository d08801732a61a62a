"""Patrol records (巡河记录): what one patrol of one reach says, and when it may be finalised.

A patrol is a draft until its patroller finalises it; from then on it is locked. A later correction
is a revision: a new version of the record with a reason, and the version it replaces kept as a
`PatrolRevision` that goes to the office too — never a silent edit. Whether a patrol counts as valid
(有效巡河) is decided by the rules (domain/rules.py) from its duration and distance; the track checks
(geo/checks.py) only explain, they never reject.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

from patrol_app.domain.enums import Level, NamedEnum, PatrolMode, Role
from patrol_app.domain.refusal import Refusal

# A patrol longer than this is a mistake (a device left recording, a wrong end date), not a patrol.
MAX_DURATION = timedelta(hours=16)
# Laptop clocks drift; an end a few minutes "in the future" is not worth refusing.
CLOCK_SLACK = timedelta(minutes=10)
# Photos taken this long before the start or after the end are still offered for a patrol.
PHOTO_WINDOW_TOLERANCE = timedelta(minutes=30)


class Weather(NamedEnum):
    SUNNY = ("sunny", "晴", "Sunny")
    CLOUDY = ("cloudy", "多云", "Cloudy")
    OVERCAST = ("overcast", "阴", "Overcast")
    RAIN = ("rain", "雨", "Rain")
    SNOW = ("snow", "雪", "Snow")
    FOG = ("fog", "雾", "Fog")
    WIND = ("wind", "大风", "Strong wind")


class PatrolStatus(Enum):
    DRAFT = "draft"
    FINAL = "final"


class CheckResult(NamedEnum):
    NORMAL = ("normal", "正常", "Normal")
    PROBLEM = ("problem", "有问题", "Problem")


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the standard patrol checklist, and the problem item a finding there usually is."""

    code: str
    zh: str
    en: str
    problem_item: str  # a `category.item` code of domain.enums.PROBLEM_ITEMS, to pre-fill a report

    def name_in(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


# Derived from the problem categories (清四乱, 排污口, 黑臭, 清漂, 禁渔, 行洪, 工程与公示牌, 取水).
CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem("floating", "水面漂浮物", "Floating rubbish on the water", "floating.rubbish"),
    ChecklistItem("dumping", "岸边垃圾、乱堆乱放", "Rubbish or waste dumped on the banks", "dumping.garbage"),
    ChecklistItem("mining", "非法采砂取土", "Illegal sand mining or earth taking", "mining.sand"),
    ChecklistItem("outfall", "入河排污口排放", "Sewage outlets discharging", "outfall.abnormal_discharge"),
    ChecklistItem("water", "水体颜色、气味", "Water colour and smell", "black_odorous.colour"),
    ChecklistItem("fishing", "电毒炸鱼、违规捕捞", "Illegal fishing", "fishing.electric_poison_blast"),
    ChecklistItem("occupation", "乱占乱建", "Illegal occupation or building", "building.structure"),
    ChecklistItem("flood", "妨碍行洪", "Obstruction of the flood channel", "flood.obstruction"),
    ChecklistItem("signboard", "河长公示牌", "River chief signboard", "works.signboard"),
    ChecklistItem("works", "水利工程设施", "Water works and embankments", "works.damaged_works"),
    ChecklistItem("intake", "违法取水", "Illegal water intake", "intake.unpermitted"),
)
CHECKLIST_CODES = tuple(item.code for item in CHECKLIST)


@dataclass(frozen=True)
class PatrolForm:
    """What the patroller fills in. Times are aware; the checklist maps item code → CheckResult code.

    `on_behalf_of_*` is set when a chief's assistant (河长助理) patrols for the chief: the patrol counts
    for the chief's reach and says who walked it.
    """

    reach_code: str
    patroller_name: str
    started_at: datetime
    ended_at: datetime
    mode: str = PatrolMode.FOOT.code
    weather: str = ""
    checklist: dict[str, str] = field(default_factory=dict)
    notes: str = ""
    profile_uuid: str | None = None
    patroller_role: str = ""
    rule_level: str = Level.VILLAGE.code
    on_behalf_of_uuid: str | None = None
    on_behalf_of_name: str = ""

    @property
    def duration_s(self) -> int:
        return max(0, int((self.ended_at - self.started_at).total_seconds()))


def validate_form(form: PatrolForm, now: datetime) -> None:
    """Refuse a form that cannot be saved even as a draft."""
    if not form.reach_code:
        raise Refusal("patrol_no_reach", "请选择巡查的河段。", "Choose the reach you patrolled.")
    if not form.patroller_name.strip():
        raise Refusal("patrol_no_patroller", "请填写巡河人。", "Fill in who patrolled.")
    if form.started_at.tzinfo is None or form.ended_at.tzinfo is None:
        raise ValueError("patrol times must be aware")
    if form.ended_at < form.started_at:
        raise Refusal("patrol_end_before_start", "结束时间早于开始时间，请检查。",
                      "The end is before the start: check the times.")
    if form.ended_at - form.started_at > MAX_DURATION:
        hours = int(MAX_DURATION.total_seconds() // 3600)
        raise Refusal("patrol_too_long", f"一次巡河不能超过 {hours} 小时，请检查开始和结束时间。",
                      f"A patrol cannot last more than {hours} hours: check the start and end.")
    if form.started_at > now + CLOCK_SLACK:
        raise Refusal("patrol_in_future", "开始时间在将来，请检查时间或电脑时钟。",
                      "The start is in the future: check the time or the computer's clock.")
    if form.mode not in {m.code for m in PatrolMode}:
        raise ValueError(f"unknown patrol mode {form.mode!r}")
    if form.weather and form.weather not in {w.code for w in Weather}:
        raise ValueError(f"unknown weather {form.weather!r}")
    unknown = set(form.checklist) - set(CHECKLIST_CODES)
    if unknown:
        raise ValueError(f"unknown checklist items {sorted(unknown)}")
    if set(form.checklist.values()) - {r.code for r in CheckResult}:
        raise ValueError("checklist results must be 'normal' or 'problem'")
    if form.on_behalf_of_name.strip() and form.patroller_role != Role.CHIEF_ASSISTANT.code:
        raise Refusal("patrol_on_behalf_not_assistant", "只有河长助理可以代河长巡河。",
                      "Only a chief's assistant can patrol on a chief's behalf.")


def validate_final(form: PatrolForm, now: datetime) -> None:
    """Refuse finalising a patrol that is not complete: what a finalised record must say."""
    validate_form(form, now)
    if form.ended_at > now + CLOCK_SLACK:
        raise Refusal("patrol_not_ended", "巡河还没有结束（结束时间在将来），结束后再提交。",
                      "The patrol has not ended yet (its end is in the future): finalise it afterwards.")
    missing = [item for item in CHECKLIST if item.code not in form.checklist]
    if missing:
        names = "、".join(item.zh for item in missing[:4]) + ("等" if len(missing) > 4 else "")
        raise Refusal(
            "patrol_checklist_incomplete",
            f"检查项还有 {len(missing)} 项没有填写（{names}），请逐项选择“正常”或“有问题”。",
            f"{len(missing)} checklist item(s) are not answered yet: mark each one Normal or Problem.",
        )


def problem_items_marked(checklist: dict[str, str]) -> list[ChecklistItem]:
    """Checklist lines marked as a problem, in checklist order."""
    return [item for item in CHECKLIST if checklist.get(item.code) == CheckResult.PROBLEM.code]


def validate_revision_reason(reason: str) -> None:
    if len(reason.strip()) < 2:
        raise Refusal("patrol_revision_no_reason", "修改已提交的巡河记录，请写明修改原因。",
                      "Changing a finalised patrol needs a reason: write why.")
