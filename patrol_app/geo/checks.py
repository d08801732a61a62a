"""What a reviewer should know about a patrol's track: explanations, never silent rejections.

Each `Flag` is a full sentence with the numbers, Chinese first, so a village chief reads why a patrol
may not count as valid (有效巡河) and the office decides. Nothing here refuses a patrol.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely

from patrol_app.geo.measure import SUSTAINED_S, TrackStats, geodesic_m, step_lengths_m, sustained_speed
from patrol_app.geo.track import Track

SPEED_LIMITS_MPS = {"foot": 3.0, "vehicle": 35.0, "boat": 15.0, "drone": 25.0}
MODE_NAMES = {"foot": ("步行", "on foot"), "vehicle": ("车辆", "by vehicle"), "boat": ("船只", "by boat"),
              "drone": ("无人机", "by drone")}
MIN_POINTS = 5
JUMP_M = 500.0  # a step this long with an implied speed over twice the mode's limit is a jump
JUMP_UNTIMED_M = 1000.0  # without times, a step this long is a jump
MAX_JUMP_FLAGS = 3  # then one summary flag: a noisy track should not bury the other flags
LOW_COVERAGE = 0.5
FAR_SHARE = 0.5
_EARTH_R = 6371008.8  # mean radius: the local projection only needs to be right to a fraction of a percent


@dataclass(frozen=True)
class Flag:
    code: str
    zh: str
    en: str
    severity: str  # 'info' | 'warning'
    at: tuple[float, float] | None = None  # (lat, lon) where it happened, for drawing


@dataclass(frozen=True)
class ReachFit:
    coverage: float | None  # share (0..1) of the reach line within buffer_m of the track; None: no line
    median_distance_m: float | None  # median distance of the track's points from the reach line
    far_share: float | None  # share of the track's points farther than far_m from the line
    buffer_m: float = 100.0
    far_m: float = 500.0


def reach_fit(track: Track, reach_line: Sequence[tuple[float, float]], *, buffer_m: float = 100.0,
              far_m: float = 500.0) -> ReachFit:
    """How well a track follows its reach; `reach_line` is (lon, lat) pairs, GeoJSON order.

    Works in metres on an equirectangular projection centred on the line: over a reach (tens of km at
    most) its scale error is far below the 100 m buffer, and it needs no projection library. Each
    track segment is buffered on its own (a lone point as a point), so a gap between segments is not
    bridged and does not count as covered.
    """
    line_ll = [(float(x), float(y)) for x, y in reach_line]
    if len(line_ll) < 2:
        return ReachFit(None, None, None, buffer_m, far_m)
    lon0 = sum(x for x, _ in line_ll) / len(line_ll)
    lat0 = sum(y for _, y in line_ll) / len(line_ll)
    kx = math.radians(1) * _EARTH_R * math.cos(math.radians(lat0))
    ky = math.radians(1) * _EARTH_R
    line = shapely.LineString([((x - lon0) * kx, (y - lat0) * ky) for x, y in line_ll])
    if line.length == 0 or not track.points:
        return ReachFit(None, None, None, buffer_m, far_m)
    xy = np.array([((p.lon - lon0) * kx, (p.lat - lat0) * ky) for p in track.points])
    parts = []
    for seg in track.segment_points():
        coords = [((p.lon - lon0) * kx, (p.lat - lat0) * ky) for p in seg]
        geom = shapely.Point(coords[0]) if len(set(coords)) < 2 else shapely.LineString(coords).simplify(1.0)
        parts.append(geom.buffer(buffer_m))
    covered = shapely.union_all(parts).intersection(line).length
    distances = shapely.distance(line, shapely.points(xy))
    return ReachFit(
        coverage=min(1.0, covered / line.length),
        median_distance_m=float(np.median(distances)),
        far_share=float(np.mean(distances > far_m)),
        buffer_m=buffer_m,
        far_m=far_m,
    )


def _duration_text(seconds: int) -> tuple[str, str]:
    minutes, rest = divmod(max(0, seconds), 60)
    if minutes == 0:
        return f"{rest} 秒", f"{rest} s"
    if rest == 0:
        return f"{minutes} 分钟", f"{minutes} min"
    return f"{minutes} 分 {rest} 秒", f"{minutes} min {rest} s"


def _distance_text(metres: float) -> tuple[str, str]:
    if metres < 1000:
        return f"{math.floor(metres)} 米", f"{math.floor(metres)} m"
    km = f"{math.floor(metres / 10) / 100:g}"  # cut, not rounded: 999.7 m must not read as "1 km"
    return f"{km} 公里", f"{km} km"


def _kmh(mps: float, *, whole: bool = False) -> str:
    """km/h for people: a measured speed above 10 km/h to the unit (GPS is no better), a limit as set."""
    kmh = mps * 3.6
    return f"{kmh:.0f}" if whole and kmh >= 10 else f"{kmh:.1f}".removesuffix(".0")


def check_track(track: Track, stats: TrackStats, *, mode: str, min_duration_s: int, min_distance_m: int,
                fit: ReachFit | None = None) -> list[Flag]:
    """Flags for one patrol. `stats` may carry a duration the patroller corrected; it is taken as given."""
    if mode not in SPEED_LIMITS_MPS:
        raise ValueError(f"mode must be one of {sorted(SPEED_LIMITS_MPS)}, not {mode!r}")
    limit = SPEED_LIMITS_MPS[mode]
    mode_zh, mode_en = MODE_NAMES[mode]
    flags: list[Flag] = []
    if stats.points < MIN_POINTS:
        flags.append(Flag("too_few_points", f"轨迹只有 {stats.points} 个点，太少，看不出走过的路线。",
                          f"The track has only {stats.points} point(s), too few to show the route.", "warning"))
    if not any(p.time is not None for p in track.points):
        flags.append(Flag("no_times", "轨迹没有时间，无法从轨迹算出巡河用时。",
                          "The track has no times, so the patrol's duration cannot be measured from it.", "warning"))
    if stats.duration_s is not None and stats.duration_s < min_duration_s:
        took_zh, took_en = _duration_text(stats.duration_s)
        need_zh, need_en = _duration_text(min_duration_s)
        flags.append(Flag("too_short_time", f"用时 {took_zh}，少于有效巡河要求的 {need_zh}。",
                          f"Took {took_en}, less than the {need_en} a valid patrol needs.", "warning"))
    if stats.distance_m < min_distance_m:
        went_zh, went_en = _distance_text(stats.distance_m)
        need_zh, need_en = _distance_text(min_distance_m)
        flags.append(Flag("too_short_distance", f"里程 {went_zh}，少于有效巡河要求的 {need_zh}。",
                          f"Covered {went_en}, less than the {need_en} a valid patrol needs.", "warning"))
    backwards = _time_backwards(track)
    if backwards is not None:
        i, seconds = backwards
        back_zh, back_en = _duration_text(round(seconds))
        p = track.points[i]
        flags.append(Flag(
            "time_backwards",
            f"轨迹的时间有倒退（有一个点比前一个点早 {back_zh}），可能是设备时钟或时区设置不对；"
            "用时按最早和最晚的时间算，可能不准，请核对开始和结束时间。",
            f"The track's time goes backwards (one fix is {back_en} earlier than the one before): the device's "
            "clock or time zone may be wrong, so the duration from the track may be off. Check the start and end.",
            "warning", (p.lat, p.lon)))
    steps = step_lengths_m(track.points)
    jumps = _jumps(track, steps, limit)
    flags.extend(_jump_flags(track, steps, jumps))
    speed, at = stats.max_speed_mps, None  # a patrol without a track brings only its stats
    if track.points:
        # A jump is a glitch or a gap, judged above; left in, it would also read as a burst of speed.
        skip = set(jumps)
        fastest = sustained_speed(track.points, [None if i in skip else d for i, d in enumerate(steps)])
        speed, at = (fastest[0], track.points[fastest[1]]) if fastest else (None, None)
    if speed is not None and speed > limit:
        flags.append(Flag(
            "speed_for_mode",
            f"轨迹有 {SUSTAINED_S:.0f} 秒以上保持 {_kmh(speed, whole=True)} 公里/小时，超过{mode_zh}巡河的合理上限"
            f" {_kmh(limit)} 公里/小时。",
            f"The track keeps up {_kmh(speed, whole=True)} km/h for {SUSTAINED_S:.0f} s or more, faster than a patrol "
            f"{mode_en} can go ({_kmh(limit)} km/h).",
            "warning", None if at is None else (at.lat, at.lon)))
    if fit is not None and fit.coverage is not None and fit.coverage < LOW_COVERAGE:
        share = round(fit.coverage * 100)
        flags.append(Flag("low_coverage", f"轨迹只覆盖了河段的 {share}%（轨迹两侧 {fit.buffer_m:.0f} 米内）。",
                          f"The track covers only {share}% of the reach (within {fit.buffer_m:.0f} m of the track).",
                          "info"))
    if fit is not None and fit.far_share is not None and fit.far_share > FAR_SHARE:
        share = round(fit.far_share * 100)
        flags.append(Flag("far_from_reach", f"轨迹的 {share}% 离河段超过 {fit.far_m:.0f} 米，大部分不在河边。",
                          f"{share}% of the track is more than {fit.far_m:.0f} m from the reach: most of it is "
                          "not along the river.", "warning"))
    return flags


def _jumps(track: Track, steps: Sequence[float | None], limit: float) -> list[int]:
    """Indices of points reached by a jump: a step too long for the time it took (or too long at all)."""
    out = []
    points = track.points
    for i, d in enumerate(steps):
        if d is None or d <= JUMP_M:
            continue
        a, b = points[i - 1].time, points[i].time
        dt = (b - a).total_seconds() if a is not None and b is not None else None
        if dt is None or dt < 0:
            if d > JUMP_UNTIMED_M:
                out.append(i)
        elif dt == 0 or d / dt > 2 * limit:
            out.append(i)
    return out


def _time_backwards(track: Track) -> tuple[int, float] | None:
    """The largest step back in time between consecutive fixes of one segment: (index, seconds), if any."""
    worst: tuple[int, float] | None = None
    points = track.points
    for i in range(1, len(points)):
        a, b = points[i - 1], points[i]
        if a.segment != b.segment or a.time is None or b.time is None:
            continue
        back = (a.time - b.time).total_seconds()
        if back > 1 and (worst is None or back > worst[1]):
            worst = (i, back)
    return worst


def _spike(track: Track, steps: Sequence[float | None], jumps: set[int], i: int) -> bool:
    """Point i alone is off: jumps lead to it and back from it, and its neighbours are close together."""
    points = track.points
    if i + 1 not in jumps or i + 1 >= len(points) or steps[i + 1] is None:
        return False
    before, after = points[i - 1], points[i + 1]
    return geodesic_m((before.lat, before.lon), (after.lat, after.lon)) <= JUMP_M


def _jump_flags(track: Track, steps: Sequence[float | None], jumps: list[int]) -> list[Flag]:
    flags = []
    found, skip = set(jumps), set()
    shown = 0
    for i in jumps:
        if i in skip:
            continue
        if shown == MAX_JUMP_FLAGS:
            break
        shown += 1
        if _spike(track, steps, found, i):  # one stray fix: out and back is one glitch, not two jumps
            skip.add(i + 1)
            p = track.points[i]
            off_zh, off_en = _distance_text(min(steps[i] or 0.0, steps[i + 1] or 0.0))
            extra_zh, extra_en = _distance_text((steps[i] or 0.0) + (steps[i + 1] or 0.0))
            flags.append(Flag(
                "spike",
                f"有一个定位点偏离轨迹约 {off_zh}（定位漂移），里程因此多算了约 {extra_zh}。",
                f"One GPS fix is about {off_en} off the track (a glitch); it adds about {extra_en} to the distance.",
                "warning", (p.lat, p.lon)))
            continue
        a, b = track.points[i - 1], track.points[i]
        d_zh, d_en = _distance_text(steps[i] or 0.0)
        when = ""
        if a.time is not None and b.time is not None:
            when = f"{(b.time - a.time).total_seconds():.0f}"
        flags.append(Flag(
            "jump",
            f"轨迹在{' ' + when + ' 秒内' if when else '相邻两点之间'}跳了 {d_zh}，可能是定位漂移或中途关了记录。",
            f"The track jumps {d_en}" + (f" in {when} s" if when else " between two points")
            + ": a GPS glitch, or recording was paused.",
            "warning", (b.lat, b.lon)))
    left = [i for i in jumps if i not in skip]
    if len(left) > shown:
        more = len(left) - shown
        flags.append(Flag("jump", f"另外还有 {more} 处类似的跳点。", f"There are {more} more such jumps.", "warning"))
    return flags
