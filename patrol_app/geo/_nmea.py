"""NMEA 0183 logs (GPS/BeiDou receivers and loggers): RMC and GGA sentences from any talker.

RMC carries the date, GGA the elevation; a receiver usually sends both for each fix, so consecutive
sentences with the same time of day are one point. GGA only knows the time of day: its date comes
from the RMC before it, rolled forward past midnight, or, for GGAs logged before the first RMC, from
the first RMC after them (a log is one continuous stream, so that date is right up to a midnight).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pynmea2

from patrol_app.geo._common import RawTrack, too_many_points
from patrol_app.geo.track import Note

_HALF_DAY = 43200.0


@dataclass
class _Fix:
    tod: time
    lat: float
    lon: float
    ele: float | None
    day: date | None


def _seconds(t: time) -> float:
    return t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6


def _position(msg: pynmea2.NMEASentence) -> tuple[float, float] | None:
    """Signed lat/lon, or None: pynmea2 turns an empty field into 0.0, which would be a false fix."""
    if not (msg.lat and msg.lon) or msg.lat_dir not in ("N", "S") or msg.lon_dir not in ("E", "W"):
        return None
    try:
        return float(msg.latitude), float(msg.longitude)
    except (ValueError, TypeError):
        return None


def _float(value: object) -> float | None:
    try:
        return None if value in (None, "") else float(value)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return None


def read(data: bytes, *, max_points: int) -> RawTrack:
    text = data.decode("ascii", errors="replace")  # NMEA is ASCII; junk bytes then fail their checksum
    fixes: list[_Fix] = []
    undated: list[_Fix] = []  # fixes before the first date; dated backwards from it
    last: _Fix | None = None  # the latest fix with a date
    bad = no_fix = backfilled = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            msg = pynmea2.parse(line, check=True)
        except pynmea2.SentenceTypeError:
            continue  # a well-formed sentence we do not use
        except (ValueError, TypeError, IndexError, AttributeError):  # ParseError/ChecksumError are ValueErrors
            bad += 1
            continue
        is_rmc, is_gga = isinstance(msg, pynmea2.RMC), isinstance(msg, pynmea2.GGA)
        if not (is_rmc or is_gga):
            continue
        if is_rmc and msg.status != "A":
            no_fix += 1
            continue
        if is_gga:
            quality = _float(msg.gps_qual)
            if quality is None or quality <= 0:
                no_fix += 1
                continue
        tod, pos = msg.timestamp, _position(msg)
        day = msg.datestamp if is_rmc else None
        if not isinstance(tod, time) or pos is None or (is_rmc and not isinstance(day, date)):
            bad += 1
            continue
        tod = tod.replace(tzinfo=None)
        ele = _float(msg.altitude) if is_gga else None
        new = not (fixes and fixes[-1].tod == tod and (day is None or fixes[-1].day in (None, day)))
        if new:
            fix = _Fix(tod, pos[0], pos[1], ele, None)
            fixes.append(fix)
            if len(fixes) > max_points:
                raise too_many_points(max_points)
        else:  # the other sentence of the same fix
            fix = fixes[-1]
            fix.ele = ele if ele is not None else fix.ele
        if day is None and fix.day is None and last is not None and last.day is not None:
            day = last.day + timedelta(days=1) if _seconds(tod) < _seconds(last.tod) - _HALF_DAY else last.day
        if day is not None:
            fix.day = day  # an RMC's own date wins over one rolled forward for its GGA
            if undated and last is None:
                backfilled += _backfill(undated, fix)
            last = fix
        elif new:
            undated.append(fix)
    raw = RawTrack()
    raw.segments = [[(f.lat, f.lon, _moment(f), f.ele) for f in fixes]] if fixes else []
    _notes(raw, bad=bad, no_fix=no_fix, backfilled=backfilled, undated=sum(1 for f in fixes if f.day is None))
    return raw


def _backfill(undated: list[_Fix], first: _Fix) -> int:
    """Date fixes logged before the first RMC from that RMC, stepping back a day across a midnight."""
    assert first.day is not None
    day, after = first.day, _seconds(first.tod)
    count = 0
    for fix in reversed(undated):
        if fix is first:
            continue
        if _seconds(fix.tod) > after + _HALF_DAY:
            day -= timedelta(days=1)
        fix.day, after = day, _seconds(fix.tod)
        count += 1
    undated.clear()
    return count


def _moment(fix: _Fix) -> datetime | None:
    return None if fix.day is None else datetime.combine(fix.day, fix.tod, tzinfo=UTC)


def _notes(raw: RawTrack, *, bad: int, no_fix: int, backfilled: int, undated: int) -> None:
    if bad:
        raw.notes.append(Note("nmea_bad_lines", f"跳过了 {bad} 行校验和错误或读不懂的语句。",
                              f"Skipped {bad} line(s) with a bad checksum or that could not be read."))
    if no_fix:
        raw.notes.append(Note("nmea_no_fix", f"跳过了 {no_fix} 条未定位的语句（RMC 状态 V 或 GGA 质量 0）。",
                              f"Skipped {no_fix} sentence(s) without a position fix (RMC status V or GGA quality 0)."))
    if backfilled:
        raw.notes.append(Note("nmea_date_backfilled", f"{backfilled} 个 GGA 点在第一条 RMC 之前，日期取自该 RMC。",
                              f"{backfilled} GGA point(s) came before the first RMC; their date was taken from it."))
    if undated:
        raw.notes.append(Note("nmea_no_date", f"{undated} 个点没有日期（日志里没有 RMC 语句），这些点没有时间。",
                              f"{undated} point(s) have no date (the log has no RMC sentence), so they have no time."))
