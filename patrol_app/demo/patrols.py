"""Demo patrols: about one a week per reach, with realistic gaps, short (invalid) ones and drafts.

Recent patrols of the demo profile's own reaches walk the reach's line with a GPS track (5 s fixes,
a few metres of noise, now and then a pause), so the editor, the track view and the checks have
something real to show; older ones carry their distance alone, as patrols logged without a tracker.
Every patrol is written through the same path as a real one (records + outbox) with its flags.
"""

from __future__ import annotations

import math
import random
import uuid as uuidlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from patrol_app.demo.shared import Progress, person_name
from patrol_app.domain.enums import Level, PatrolMode
from patrol_app.domain.ids import iso_utc
from patrol_app.domain.patrols import CHECKLIST, CheckResult, PatrolForm, Weather
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.registry import Reach
from patrol_app.geo.track import Track, TrackPoint
from patrol_app.patrolling import analyse, patrol_values, rule_for, track_values
from patrol_app.store import Store, records

TRACKED_WEEKS = 12  # how far back the demo profile's patrols have tracks
SPEED_MPS = {"foot": 1.2, "vehicle": 8.0, "boat": 3.0, "drone": 6.0}


@dataclass(frozen=True)
class Patroller:
    profile_uuid: str | None
    name: str
    role: str
    level: str


def add(store: Store, rng: random.Random, reaches: list[Reach], patrollers: dict[str, Patroller], now: datetime,
        years: int, report: Progress) -> int:
    """Write the demo patrols (and tracks) of these reaches; returns how many patrols."""
    rule = rule_for(store, Level.VILLAGE.code)
    device = store.device_id
    patrols: list[tuple[str, str, dict]] = []
    tracks: list[tuple[str, str, dict]] = []
    written = 0
    for i, reach in enumerate(reaches):
        if i % 50 == 0:
            report("patrols", i, len(reaches))
        who = patrollers[reach.code]
        for start, duration, distance, mode, draft in _schedule(rng, now, years):
            tracked = who.profile_uuid is not None and now - start < timedelta(weeks=TRACKED_WEEKS) and len(
                reach.geometry) >= 2
            track = None
            if tracked:
                # Now and then what the checks are for: a walk logged at driving speed, a GPS jump.
                odd = rng.choice(("fast", "jump", None, None, None, None, None, None))
                track = _walk(rng, reach.geometry, start, duration, "vehicle" if odd == "fast" else mode)
                if odd == "fast":
                    mode = PatrolMode.FOOT.code
                if odd == "jump":
                    track = _jump(rng, track)
            end = start + timedelta(seconds=duration)
            form = PatrolForm(
                reach_code=reach.code, patroller_name=who.name, started_at=start, ended_at=end, mode=mode,
                weather=rng.choice([w.code for w in Weather][:4] * 3 + [w.code for w in Weather]),
                checklist=_checklist(rng), notes=_note(rng), profile_uuid=who.profile_uuid, patroller_role=who.role,
                rule_level=who.level,
            )
            analysis = analyse(track, mode=mode, rule=rule, reach_line=reach.geometry if track else (),
                               started_at=start, ended_at=end, manual_distance_m=None if track else distance)
            patrol_uuid = str(uuidlib.UUID(int=rng.getrandbits(128), version=4))
            track_uuid = None
            created = end + timedelta(minutes=rng.randrange(5, 600))
            created = min(created, now)
            if track is not None:
                track_uuid = str(uuidlib.UUID(int=rng.getrandbits(128), version=4))
                name = f"{start.astimezone(CHINA_TZ):%Y%m%d_%H%M}.gpx"
                values = track_values(track, file_sha256=None, file_name=name, crs_in="wgs84")
                tracks.append((track_uuid, iso_utc(created), {**values, "patrol_uuid": patrol_uuid}))
            values = patrol_values(form, analysis, track_uuid)
            values |= {"status": "draft" if draft else "final", "finalised_at": None if draft else iso_utc(created)}
            patrols.append((patrol_uuid, iso_utc(created), values))
        if len(patrols) > 20_000:
            written += _flush(store, device, patrols, tracks)
    written += _flush(store, device, patrols, tracks)
    return written


def _flush(store: Store, device: str, patrols: list, tracks: list) -> int:
    with store.write() as conn:
        n = records.insert_given(conn, device, records.PATROL, patrols)
        records.insert_given(conn, device, records.TRACK, tracks)
    patrols.clear()
    tracks.clear()
    return n


def _schedule(rng: random.Random, now: datetime, years: int) -> Iterator[tuple[datetime, int, int, str, bool]]:
    """(start, duration s, distance m, mode, draft) of one reach's patrols, oldest first, all ended by `now`."""
    local_now = now.astimezone(CHINA_TZ)
    this_monday = (local_now - timedelta(days=local_now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    modes = [PatrolMode.FOOT.code] * 6 + [PatrolMode.VEHICLE.code] * 2 + [PatrolMode.BOAT.code, PatrolMode.DRONE.code]
    diligence = rng.choice((0.97, 0.9, 0.8, 0.6))  # some chiefs keep up, some do not
    for week in range(52 * years, -1, -1):
        monday = this_monday - timedelta(weeks=week)
        if rng.random() > diligence:
            continue
        start = monday + timedelta(days=rng.randrange(7), hours=rng.choice((7, 8, 9, 15, 16, 17)),
                                   minutes=rng.randrange(60))
        short = rng.random() < 0.06
        duration = rng.randrange(240, 540) if short else rng.randrange(1500, 5400)
        if start + timedelta(seconds=duration) > local_now:
            continue
        distance = rng.randrange(300, 900) if short else rng.randrange(1500, 6500)
        yield start.astimezone(CHINA_TZ), duration, distance, rng.choice(modes), week == 0 and rng.random() < 0.3


def _checklist(rng: random.Random) -> dict[str, str]:
    found = rng.random() < 0.12
    marked = rng.choice(CHECKLIST).code if found else None
    return {item.code: CheckResult.PROBLEM.code if item.code == marked else CheckResult.NORMAL.code
            for item in CHECKLIST}


NOTES = ["", "", "", "河面清洁，岸坡完好。", "公示牌字迹清楚。", "上游来水较大，已提醒村民注意安全。",
         "沿岸有少量落叶，已安排保洁员清理。", "与保洁员一同巡查。"]


def _note(rng: random.Random) -> str:
    return rng.choice(NOTES)


def _walk(rng: random.Random, line: tuple[tuple[float, float], ...], start: datetime, duration: int,
          mode: str) -> Track:
    """A GPS track along part of the reach line (lon, lat pairs), at the mode's pace, with noise and pauses."""
    lat0 = sum(p[1] for p in line) / len(line)
    kx, ky = 111_320.0 * math.cos(math.radians(lat0)), 110_540.0
    xy = [(lon * kx, lat * ky) for lon, lat in line]
    cum = [0.0]
    for (x1, y1), (x2, y2) in zip(xy, xy[1:], strict=False):
        cum.append(cum[-1] + math.hypot(x2 - x1, y2 - y1))
    total = cum[-1]
    length = min(total, SPEED_MPS.get(mode, 1.2) * rng.uniform(0.8, 1.2) * duration)
    pace = length / duration  # metres per second while moving, so the walk takes the whole patrol
    offset = rng.uniform(0, total - length)
    back = rng.random() < 0.5
    points, walked, step = [], 0.0, 5
    for t in range(0, duration + 1, step):
        along = offset + (length - walked if back else walked)
        k = max(1, next((j for j, c in enumerate(cum) if c >= along), len(cum) - 1))
        f = (along - cum[k - 1]) / max(cum[k] - cum[k - 1], 1e-9)
        x = xy[k - 1][0] + (xy[k][0] - xy[k - 1][0]) * f + rng.gauss(0, 3)
        y = xy[k - 1][1] + (xy[k][1] - xy[k - 1][1]) * f + rng.gauss(0, 3)
        moment = (start + timedelta(seconds=t)).astimezone(UTC)
        points.append(TrackPoint(round(y / ky, 7), round(x / kx, 7), moment, round(rng.uniform(80, 95), 1), 0, "gpx"))
        if rng.random() > 0.03:  # now and then a pause: looking at an outlet, talking to a villager
            walked = min(length, walked + pace * step * 1.03)
    return Track(tuple(points), "gpx", "")


def _jump(rng: random.Random, track: Track) -> Track:
    """One fix thrown ~2 km off, as a receiver does when it loses the sky for a moment."""
    points = list(track.points)
    k = rng.randrange(len(points) // 4, 3 * len(points) // 4)
    p = points[k]
    points[k] = TrackPoint(p.lat + 0.018, p.lon + 0.004, p.time, p.ele, p.segment, p.source)
    return Track(tuple(points), track.format, track.name)


def patroller_map(store: Store, reaches: list[Reach], profiles: dict[str, tuple[str, str, str, str]],
                  rng: random.Random) -> dict[str, Patroller]:
    """Who patrols each reach: the demo profile where it has one, else the registry's village chief."""
    names = store.registry.village_chief_names()
    out = {}
    for reach in reaches:
        if reach.code in profiles:
            uuid, name, role, level = profiles[reach.code]
            out[reach.code] = Patroller(uuid, name, role, level)
        else:
            out[reach.code] = Patroller(None, names.get(reach.code) or person_name(rng), "chief", "village")
    return out
