"""Demo maintenance crew (管护单位, issue 16): a crew profile, its contract and three months of work logs.

The crew (刘长松 of the contracted 保洁公司 that the problem demo already names for the village chief's
reaches) works those reaches under a contract the office would send (made up here and flagged demo):
清漂, 保洁, 除草 and 公示牌维护 each month, with required days and quantities. About three days a week
it logs a morning's or an afternoon's work; the most recent logs and every rectification carry a
before/after photo pair (drawn scenes, the same spot with and without rubbish, imported through the real
importer). The village chief reports problems on those reaches and assigns them (交办) to the crew; the
crew's logs rectify them through `store.maintenance.save` (so each gets its 整改完成 with the after-photo),
the township chief verifies and closes the older ones, one waits for checking and one is still to do.
One log corrects an earlier one with a negative quantity and says why. The past months are mostly met,
one requirement falls short in one of them; the current month is in progress.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw

from patrol_app.demo import problems as demo_problems
from patrol_app.demo.photos import _exif, river_scene
from patrol_app.demo.shared import Progress
from patrol_app.domain.enums import Level, Role
from patrol_app.domain.ids import iso_utc
from patrol_app.domain.maintenance import (
    Contract,
    MaintenanceLog,
    PhotoPair,
    Requirement,
    WorkItem,
    WorkLine,
    WorkUnit,
    month_of,
)
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import Action, Actor, Problem, ProblemSource, Severity, Urgency, local_date
from patrol_app.domain.registry import Profile, Reach
from patrol_app.media.importer import PhotoImporter
from patrol_app.store import Store
from patrol_app.store.maintenance import insert_demo_contract

CREW_NAME = "刘长松"
WORKERS = ("刘长松", "王大军", "陈桂兰", "赵新民")
_KG, _M, _M2 = WorkUnit.KG, WorkUnit.M, WorkUnit.M2
# Problems found on the crew's reaches and handed to it: (code, what was seen, what the crew did).
_ASSIGNED = (
    ("floating.rubbish", "拦河闸前聚集漂浮垃圾约二十平方米，以塑料瓶和泡沫为主", "打捞闸前漂浮垃圾，装袋运至转运站"),
    ("dumping.garbage", "村口桥下河滩堆放生活垃圾约两立方米", "清运桥下生活垃圾，河滩已平整"),
    ("works.signboard", "河长公示牌被风刮倒，信息看不清", "扶正加固公示牌，擦洗牌面"),
    ("floating.plastic", "岸边水草上缠挂大量塑料袋", "清除水草上的塑料垃圾"),
)


@dataclass(frozen=True)
class Added:
    logs: int
    photos: int
    problems: int


def add(store: Store, rng: random.Random, now: datetime, report: Progress | None = None) -> Added:
    """The demo crew's profile, contract and about three months of logs; returns what was added."""
    report = report or (lambda stage, done, total: None)
    chief = next((p for p in store.profiles.all() if p.role is Role.CHIEF and p.level is Level.VILLAGE), None)
    township = next((p for p in store.profiles.all() if p.role is Role.CHIEF and p.level is Level.TOWNSHIP), None)
    if chief is None or not chief.reach_codes:
        return Added(0, 0, 0)
    world = demo_problems._World(store)
    reaches = {r.code: r for r in world.reaches}
    mine = [reaches[c] for c in chief.reach_codes if c in reaches]
    unit = world.cast(mine[0]).crew.unit  # the company the problem demo hands the chief's reaches' rubbish to
    local = now.astimezone(CHINA_TZ)
    first_month = month_of(local - timedelta(days=80)).start  # the contract began three months ago
    profile = store.profiles.save(name=CREW_NAME, role=Role.MAINTENANCE, level=None, unit=unit,
                                  reach_codes=[r.code for r in mine], make_current=False,
                                  created_at=first_month - timedelta(days=3))
    crew = Actor(profile.uuid, profile.name, Role.MAINTENANCE, profile.unit)
    start = first_month.date()
    contract = Contract(
        uuid=demo_problems._uuid7(rng, first_month - timedelta(days=10)),
        number=f"LS-GH-{start.year}-{start.month:02d}", name=f"{mine[0].name.split('镇')[0]}镇段河道保洁",
        crew_unit=unit, reach_codes=tuple(r.code for r in mine), starts_on=start,
        ends_on=date(start.year + 1, start.month, 1) - timedelta(days=1),
        requirements=(Requirement(WorkItem.FLOATING, 8, 300, _KG), Requirement(WorkItem.BANK, 10, 6000, _M),
                      Requirement(WorkItem.WEEDING, 2, 1500, _M2), Requirement(WorkItem.SIGNBOARD, 1)),
        client=f"{world.counties.get(mine[0].county_code, '')}{mine[0].township}人民政府（示例）", demo=True)
    with store.write() as conn:
        insert_demo_contract(conn, contract, at=iso_utc(first_month - timedelta(days=10)))
    days = _work_days(rng, first_month, now)
    problems = _problems(store, rng, world, chief, mine, days, now)
    photo_days = set(days[-8:]) | {day for day, _ in problems}
    photos = _photos(store, rng, [d for d in days if d in photo_days], mine)
    fixed_by = {day: problem for day, problem in problems}
    short_month = month_of(days[len(days) // 3]) if days else None  # one month falls short of 保洁 days
    corrected = False
    for n, day in enumerate(days):
        report("maintenance", n, len(days))
        month = month_of(day)
        reach = mine[n % len(mine)]
        problem = fixed_by.get(day)
        if problem is not None:
            reach = reaches.get(problem.reach_code, reach)
        end = day + timedelta(hours=rng.choice((3, 3.5, 4)))
        first_of_month = n == 0 or month_of(days[n - 1]) != month
        work = _work(rng, day, first_of_month, skip_bank=month == short_month and n % 2 == 0)
        reason, notes = "", ""
        if not corrected and month == short_month and not first_of_month:  # a correction of an earlier log, explained
            work = (WorkLine(WorkItem.FLOATING, -round(rng.uniform(10, 25), 1), _KG),)
            reason = f"更正 {days[n - 2]:%m月%d日} 日志多报的清漂数量（过磅单为准）"
            notes = "更正前日清漂数量"
            corrected = True
        pairs = photos.get(day, ())
        if problem is not None:
            notes = next(fix for code, _, fix in _ASSIGNED if code == problem.code)
        log = MaintenanceLog(
            uuid=demo_problems._uuid7(rng, end), crew_unit=unit, reach_code=reach.code, started_at=day, ended_at=end,
            work=work, workers=(WORKERS[0], *rng.sample(WORKERS[1:], rng.choice((1, 2)))), recorded_by_uuid="",
            recorded_by_name="", contract_uuid=contract.uuid, pairs=pairs, notes=notes,
            problem_uuid=problem.uuid if problem is not None else None, warning_reason=reason)
        store.maintenance.save(log, actor=crew, now=end + timedelta(minutes=rng.randrange(10, 90)))
    _check_and_close(store, rng, township or chief, [p for _, p in problems], now)
    report("maintenance", len(days), len(days))
    reported = len(_ASSIGNED) if problems else 0
    return Added(len(days), sum(2 for pairs in photos.values() for _ in pairs), reported)


def _work_days(rng: random.Random, first: datetime, now: datetime) -> list[datetime]:
    """About three working mornings or afternoons a week from `first` until a few hours ago, Beijing time."""
    out = []
    day = first.astimezone(CHINA_TZ).replace(hour=0, minute=0, second=0, microsecond=0)
    last = now - timedelta(hours=6)
    while day < last:
        if day.weekday() != 6 and rng.random() < 0.5:
            at = day.replace(hour=rng.choice((7, 8, 14)), minute=rng.choice((0, 30)))
            if at + timedelta(hours=4) < last:
                out.append(at)
        day += timedelta(days=1)
    return out


def _work(rng: random.Random, day: datetime, first_of_month: bool, *, skip_bank: bool) -> tuple[WorkLine, ...]:
    lines = [WorkLine(WorkItem.FLOATING, round(rng.uniform(20, 75), 1), _KG)]
    if not skip_bank:
        lines.append(WorkLine(WorkItem.BANK, rng.randrange(400, 1000, 50), _M))
    if 4 <= day.day <= 8 or 18 <= day.day <= 22:  # weeding twice a month
        lines.append(WorkLine(WorkItem.WEEDING, rng.randrange(800, 1600, 100), _M2))
    if first_of_month:  # the signboards are looked after at the start of each month
        lines.append(WorkLine(WorkItem.SIGNBOARD, rng.choice((1, 2)), WorkUnit.BOARD))
    if rng.random() < 0.1:
        lines.append(WorkLine(WorkItem.REPAIR, 1, WorkUnit.PLACE))
    return tuple(lines)


def _problems(store: Store, rng: random.Random, world: demo_problems._World, chief: Profile, mine: list[Reach],
              days: list[datetime], now: datetime) -> list[tuple[datetime, Problem]]:
    """Problems the village chief finds and assigns to the crew: all but the newest are fixed by a log a
    day or three later (returned with that log's day); the newest waits for the crew."""
    me = Actor(chief.uuid, chief.name, chief.role, chief.unit)
    unit = world.cast(mine[0]).crew.unit
    if len(days) < 12:
        return []
    fixing_days = [days[len(days) // 4], days[len(days) // 2], days[-4]]
    out = []
    for n, (code, seen, _) in enumerate(_ASSIGNED):
        if n < len(fixing_days):
            fix = fixing_days[n]
            found = fix - timedelta(days=rng.choice((1, 2, 3)), hours=rng.randrange(1, 4))
        else:
            fix, found = None, now - timedelta(hours=30)
        reach = mine[n % len(mine)]
        lon, lat = reach.geometry[n % len(reach.geometry)] if reach.geometry else (None, None)
        problem = Problem(demo_problems._uuid7(rng, found), code, seen, Severity.GENERAL, Urgency.NORMAL,
                          ProblemSource.PATROL, reach.code, found, me, lat, lon, "manual" if lat is not None else None)
        status = store.problems.report(problem, now=found + timedelta(minutes=20))
        assigned = found + timedelta(hours=1)
        store.problems.act(problem.uuid, status.head, Action.ASSIGN, me, now=assigned, assignee_unit=unit,
                           deadline=local_date(assigned) + timedelta(days=5))
        if fix is not None:
            out.append((fix, problem))
    return out


def _check_and_close(store: Store, rng: random.Random, checker: Profile, fixed: list[Problem], now: datetime) -> None:
    """The township chief checks (核查) the older rectifications and closes (销号) them; the newest waits."""
    me = Actor(checker.uuid, checker.name, checker.role, checker.unit)
    for problem in fixed[:-1]:
        status = store.problems.status(problem.uuid)
        at = (status.last_event_at or now) + timedelta(days=1, hours=rng.randrange(1, 5))
        if at + timedelta(hours=2) >= now:
            continue
        status = store.problems.act(problem.uuid, status.head, Action.VERIFY, me, now=at, note="现场核查，已清理干净")
        store.problems.act(problem.uuid, status.head, Action.CLOSE, me, now=at + timedelta(hours=1),
                           note="整改到位，同意销号")


def _photos(store: Store, rng: random.Random, days: list[datetime],
            mine: list[Reach]) -> dict[datetime, tuple[PhotoPair, ...]]:
    """A before/after pair for each of `days`: one drawn scene, with rubbish and without, shot at the start
    and near the end of the work, imported through the real importer."""
    made: dict[str, tuple[datetime, str]] = {}
    with tempfile.TemporaryDirectory(prefix="patrol-demo-crew-") as folder:
        for n, day in enumerate(days):
            reach = mine[n % len(mine)]
            lon, lat = reach.geometry[n % len(reach.geometry)] if reach.geometry else (113.0, 33.7)
            seed = rng.randrange(1 << 30)
            after_scene = river_scene(random.Random(seed), (800, 600))
            before_scene = _littered(after_scene, random.Random(seed + 1))
            for side, scene, when in (("before", before_scene, day + timedelta(minutes=rng.randrange(3, 15))),
                                      ("after", after_scene, day + timedelta(hours=2, minutes=rng.randrange(0, 50)))):
                name = f"IMG_{when:%Y%m%d_%H%M%S}_{side}.jpg"
                position = (lat + rng.gauss(0, 3e-5), lon + rng.gauss(0, 3e-5))
                scene.save(Path(folder) / name, "JPEG", quality=85, exif=_exif(when, position, rng).tobytes())
                made[name] = (day, side)
        summary = PhotoImporter(store).run([Path(folder)])
    sides: dict[datetime, dict[str, str]] = {}
    for result in summary.results:
        if result.photo_uuid is not None:
            day, side = made[Path(result.path).name]
            sides.setdefault(day, {})[side] = result.photo_uuid
    return {day: (PhotoPair(s.get("before"), s.get("after"), "拦河闸前" if n % 2 else "村口桥下"),)
            for n, (day, s) in enumerate(sorted(sides.items()))}


def _littered(scene: Image.Image, rng: random.Random) -> Image.Image:
    """The same spot before the work: rubbish floating near the bank and on the bank."""
    out = scene.copy()
    draw = ImageDraw.Draw(out)
    w, h = out.size
    for _ in range(rng.randrange(30, 50)):
        x, y = rng.randrange(w // 6, w), rng.randrange(int(h * 0.58), h - 10)
        size = rng.randrange(12, 36)
        colour = rng.choice(((235, 235, 230), (220, 60, 50), (60, 120, 220), (245, 245, 245), (200, 190, 60)))
        draw.rectangle([x, y, x + size, y + size // 2], fill=colour)
    return out
