"""Beijing wall-clock values for the forms' date and time fields, and names typed into one field."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QTime

from patrol_app.domain.periods import CHINA_TZ


def qdate(moment: datetime) -> QDate:
    """The Beijing date of an aware moment."""
    local = moment.astimezone(CHINA_TZ)
    return QDate(local.year, local.month, local.day)


def qtime(moment: datetime) -> QTime:
    """The Beijing time of day of an aware moment, to the minute."""
    local = moment.astimezone(CHINA_TZ)
    return QTime(local.hour, local.minute)


def local_at(day: QDate, clock: QTime) -> datetime:
    """A date field and a time field, read as Beijing time."""
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(), tzinfo=CHINA_TZ)


def split_names(text: str) -> tuple[str, ...]:
    """People as typed: separated by 、，, ; or spaces."""
    for sep in ("，", ",", "；", ";", " ", "\u3000"):
        text = text.replace(sep, "、")
    return tuple(n.strip() for n in text.split("、") if n.strip())
