"""Is the laptop's clock behind? Judged from times the laptop did not make: GPS times in photos and
tracks, and the cameras' own clocks. Pure Python (no Qt, no SQL); "now" is always passed in.

Why it matters: every record takes its created_at/updated_at from the laptop clock, the sync orders
versions by them and the office audits them. A laptop whose clock battery died (it wakes up in 2017)
makes a patrol look older than the photos in it.

What a time proves: a photo or track point cannot have been recorded after the moment it is imported,
so the true "now" is at least its time, and a laptop clock earlier than that is behind by at least
the difference. Only the margins differ:

- GPS times (a photo's GPSDateStamp/GPSTimeStamp, a track point's time) come from the satellites in
  UTC. A GPS time is often stale (the last fix, minutes old), which only makes it earlier and so can
  never raise a false alarm; 10 minutes covers a laptop clock that has drifted a little, which harms
  nothing. One known fault remains: some phones write their local time into the GPS tag, which puts it
  up to 14 hours in the future. That is recognised on the photo itself: its camera time agrees with
  the laptop while its GPS time sits within 14 hours of the camera time. Such a GPS time is not used.
- Camera times (DateTimeOriginal) come from a clock someone set by hand, with a time zone we may have
  had to assume (China Standard Time when the photo has none: wrong by up to 6 hours towards the future
  for a photo taken east of China). One day covers any zone mistake and months of drift.

A clock running AHEAD is not judged here: importing old photos or tracks is normal, so no file can
show that the laptop is too late. Only a live clock can (the office server's answer at sync time).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from patrol_app.domain.ids import iso_utc
from patrol_app.domain.periods import CHINA_TZ

GPS_MARGIN = timedelta(minutes=10)
CAMERA_MARGIN = timedelta(days=1)
# A GPS tag holding local time instead of UTC is off by the zone offset: at most 14 hours (UTC+14).
LOCAL_TIME_SLIP = timedelta(hours=14) + GPS_MARGIN

Subject = Literal["photo", "track"]


@dataclass(frozen=True)
class TimeEvidence:
    """The times one photo or one track brings; either may be missing. Both must carry their zone."""

    gps: datetime | None = None
    camera: datetime | None = None
    subject: Subject = "photo"


@dataclass(frozen=True)
class ClockWarning:
    """The laptop clock is behind `behind_s` seconds at least, as `evidence` ("gps" or "camera") shows."""

    behind_s: int
    evidence: Literal["gps", "camera"]
    subject: Subject
    seen: datetime  # the latest trustworthy time of that kind
    now: datetime  # the laptop clock when it was judged

    @property
    def message_zh(self) -> str:
        seen, now = _when_zh(self.seen, self.behind_s), _when_zh(self.now, self.behind_s)
        thing = "照片" if self.subject == "photo" else "轨迹"
        if self.evidence == "gps":
            first = (f"电脑的时钟慢了：{thing}里卫星定位记下的时间是 {seen}，"
                     f"比电脑现在的时间（{now}）晚了{_amount_zh(self.behind_s)}。")
        else:
            first = (f"电脑的时钟可能慢了：{thing}的拍摄时间是 {seen}，"
                     f"比电脑现在的时间（{now}）晚了{_amount_zh(self.behind_s)}。")
        return (first + "不改的话，新写的巡河记录会记成错误的日期。"
                "请在 Windows 设置里把日期和时间改正（开始 → 设置 → 时间和语言 → 日期和时间，"
                "打开“自动设置时间”，或者手动改成今天的日期和时间），再继续记录。")

    @property
    def message_en(self) -> str:
        seen, now = _when_en(self.seen, self.behind_s), _when_en(self.now, self.behind_s)
        thing = "photos" if self.subject == "photo" else "track"
        if self.evidence == "gps":
            first = (f"This computer's clock is behind: the GPS time in the {thing} is {seen}, "
                     f"{_amount_en(self.behind_s)} later than the computer's date ({now}).")
        else:
            first = (f"This computer's clock may be behind: the {thing} were taken on {seen}, "
                     f"{_amount_en(self.behind_s)} later than the computer's date ({now}).")
        return (first + " Until it is fixed, new patrol records get the wrong date. "
                "Correct the date and time in Windows Settings (Start → Settings → Time & language → "
                "Date & time: turn on \"Set time automatically\", or set today's date and time by hand), "
                "then go on recording.")

    def to_json(self) -> dict[str, Any]:
        return {"behind_s": self.behind_s, "evidence": self.evidence, "subject": self.subject,
                "seen": iso_utc(self.seen), "now": iso_utc(self.now),
                "message_zh": self.message_zh, "message_en": self.message_en}


def clock_behind(now: datetime, evidence: Iterable[TimeEvidence]) -> ClockWarning | None:
    """A warning when the evidence shows `now` (the laptop clock) is behind, else None.

    GPS evidence wins over camera evidence when both show the clock behind, because it is the one to
    trust; the amount is the largest lead of that kind, as the true time is at least the latest one.
    Raises ValueError for a time without a zone (it cannot be compared honestly).
    """
    _aware(now)
    best: dict[str, tuple[datetime, Subject]] = {}  # per kind: the latest time that shows it, and from what

    def offer(kind: str, moment: datetime, margin: timedelta, subject: Subject) -> None:
        if moment - now > margin and (kind not in best or moment > best[kind][0]):
            best[kind] = (moment, subject)

    for item in evidence:
        camera, gps = item.camera, item.gps
        if camera is not None:
            _aware(camera)
            offer("camera", camera, CAMERA_MARGIN, item.subject)
        if gps is not None:
            _aware(gps)
            if camera is not None and camera - now <= GPS_MARGIN and abs(gps - camera) <= LOCAL_TIME_SLIP:
                continue  # local time in the GPS tag (see the module's note), not a wrong laptop
            offer("gps", gps, GPS_MARGIN, item.subject)
    for kind in ("gps", "camera"):
        if kind in best:
            seen, subject = best[kind]
            return ClockWarning(int((seen - now).total_seconds()), kind, subject, seen, now)  # type: ignore[arg-type]
    return None


def _aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a time without a zone cannot be compared: {moment!r}")


_DAY, _YEAR = 86_400, 365.25 * 86_400


def _units(seconds: int) -> tuple[int, str]:
    """The one unit a person reads the gap in: years from a year on, then days, hours, minutes."""
    if seconds >= _YEAR:
        return round(seconds / _YEAR), "year"
    if seconds >= _DAY:
        return round(seconds / _DAY), "day"
    if seconds >= 3600:
        return round(seconds / 3600), "hour"
    return max(1, round(seconds / 60)), "minute"


def _amount_zh(seconds: int) -> str:
    n, unit = _units(seconds)
    return f"约 {n} " + {"year": "年", "day": "天", "hour": "小时", "minute": "分钟"}[unit]


def _amount_en(seconds: int) -> str:
    n, unit = _units(seconds)
    return f"about {n} {unit}{'' if n == 1 else 's'}"


def _when_zh(moment: datetime, gap_s: int) -> str:
    local = moment.astimezone(CHINA_TZ)  # shown in China's time, like every other time in the app
    day = f"{local.year}年{local.month}月{local.day}日"
    return day + local.strftime(" %H:%M") if gap_s < 2 * _DAY else day  # a short gap: the date alone hides it


def _when_en(moment: datetime, gap_s: int) -> str:
    return moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M" if gap_s < 2 * _DAY else "%Y-%m-%d")
