"""Demo data: fictional people and records on the seeded registry, for trying and timing the app.

`small` shows every feature on the shipped demo reaches. `large` adds 1,000+ demo reaches and
100,000+ patrols over three years, for speed tests. Every person is fictional; everything added is
flagged `demo` or written as an ordinary record of the demo device. Writes go through the same
write path as real records, so demo patrols wait in the outbox like real ones.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from patrol_app.domain.enums import Level, Role
from patrol_app.domain.ids import utc_now
from patrol_app.store import Store
from patrol_app.store.schema import insert_demo_registry

Progress = Callable[[str, int, int], None]


LARGE_PHOTOS = 50_000
LARGE_PROBLEMS = 100_000


class DataDirNotEmpty(Exception):
    """The demo only fills a data folder nobody has used yet."""


@dataclass(frozen=True)
class DemoSummary:
    size: str
    seed: int
    reaches_added: int
    profiles: int
    patrols: int
    photos: int
    problems: int
    seconds: float


SURNAMES = "张王李赵刘陈杨黄周吴郑孙马朱胡郭何高林罗宋梁韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = [
    "建国",
    "秀英",
    "国强",
    "丽娟",
    "志刚",
    "桂兰",
    "海涛",
    "玉梅",
    "军",
    "红霞",
    "德明",
    "春花",
    "新民",
    "晓燕",
    "振华",
    "淑芬",
    "卫东",
    "金凤",
    "长松",
    "爱萍",
]
VILLAGE_STEMS = [
    "李庄",
    "王营",
    "张湾",
    "刘岗",
    "赵寨",
    "孙店",
    "高桥",
    "马楼",
    "黄庄",
    "周营",
    "陈湾",
    "吴岗",
    "郭庄",
    "杨寨",
    "何店",
    "朱楼",
]


STAGING = ".demo-staging"
# What a data folder's demo consists of, besides the database: the photo library's folders.
LIBRARY_FOLDERS = ("photos", "uploads", "thumbs")


@contextlib.contextmanager
def exclusive(data_dir: Path) -> Iterator[None]:
    """Hold the data folder's import lock for the whole demo: the demo imports photos and writes
    thousands of rows, so an import that started meanwhile made it stop half-way (issue 12). Either
    the demo or the import is refused before it writes anything (`ImportBusy`)."""
    from filelock import FileLock, Timeout

    from patrol_app.media.importer import ImportBusy

    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(data_dir / ".import.lock"), timeout=0, is_singleton=True)
    try:
        lock.acquire()
    except Timeout:
        raise ImportBusy() from None
    try:
        yield
    finally:
        lock.release()


def fill_folder(data_dir: Path, *, size: str = "small", seed: int = 1,
                progress: Progress | None = None) -> DemoSummary:
    """Fill an unused data folder with demo data, all or nothing.

    The demo is built in a staging folder inside the data folder (same file system) and moved into
    place only when it is complete; the database file is moved last, so that rename is the moment
    the demo exists. A demo killed before it leaves only the staging folder (the next demo deletes
    it) and at worst photo-library files without records (the next demo reuses them, `check` lists
    them as notices). The data folder keeps no records of its own (that is checked first), so its
    empty database is replaced whole, device id included: the demo's records and its device agree.
    """
    from patrol_app.paths import database_path
    from patrol_app.store import open_store

    open_store(data_dir, verify=True).close()  # refuses what is not ours before writing anything
    with exclusive(data_dir):
        with open_store(data_dir, verify=True) as store:
            if store.upkeep.has_user_data():
                raise DataDirNotEmpty(str(data_dir))
        staging = data_dir / STAGING
        shutil.rmtree(staging, ignore_errors=True)  # a killed demo's leftovers: ours, never published
        try:
            with open_store(staging) as demo_store:
                summary = fill(demo_store, size=size, seed=seed, progress=progress)
        except BaseException:  # Ctrl-C or a failure: the unpublished demo is thrown away whole
            shutil.rmtree(staging, ignore_errors=True)
            raise
        # Closing the last connection checkpoints the WAL into the file and removes it; a -wal left
        # behind would mean the moved file is missing its last pages.
        if database_path(staging).with_name("patrol.db-wal").exists():
            raise RuntimeError("the demo database kept a write-ahead log after closing")
        for folder in LIBRARY_FOLDERS:
            _move_into(staging / folder, data_dir / folder)
        _fsync_dir(data_dir)
        for suffix in ("-wal", "-shm"):  # of the closed, empty database being replaced
            database_path(data_dir).with_name("patrol.db" + suffix).unlink(missing_ok=True)
        os.replace(database_path(staging), database_path(data_dir))
        _fsync_dir(data_dir)
        shutil.rmtree(staging, ignore_errors=True)
    return summary


def _move_into(source: Path, target: Path) -> None:
    """Move a library folder into place: renamed whole when the target has none (the usual case, and
    O(1) even for the large demo's 150,000 files), else file by file (content-addressed names: a
    file already there is the same photo)."""
    if not source.is_dir():
        return
    if not target.exists():
        os.replace(source, target)
        return
    for path in sorted(source.rglob("*")):
        if path.is_file():
            dest = target / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, dest)


def _fsync_dir(folder: Path) -> None:
    """Make the renames in `folder` durable before the next step counts on them (POSIX; Windows has
    no directory handles to sync, and NTFS journals renames itself)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fill(
    store: Store,
    *,
    size: str = "small",
    seed: int = 1,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an unused data folder with demo data; refuses one that already has profiles or records."""
    started = datetime.now(UTC)
    if store.upkeep.has_user_data():
        raise DataDirNotEmpty(str(store.data_dir))
    rng = random.Random(seed)
    now = now or utc_now()
    report = progress or (lambda stage, done, total: None)

    added = 0
    if size == "large":
        report("reaches", 0, 1)
        added = _add_large_registry(store, rng, count=1000)
    profiles = _add_profiles(store)
    profile_count = store.profiles.count()
    years = 3 if size == "large" else 1
    from patrol_app import demo_patrols

    reaches = store.registry.reaches()
    patrollers = demo_patrols.patroller_map(store, reaches, profiles, rng)
    total = demo_patrols.add(store, rng, reaches, patrollers, now, years, report)
    from patrol_app import demo_photos

    report("photos", 0, 1)
    photos = demo_photos.add_small(store, rng)
    if size == "large":
        photos += demo_photos.add_bulk(store, rng, LARGE_PHOTOS, years, now)
    from patrol_app import demo_problems

    problems = demo_problems.add_small(store, rng, now, report)
    if size == "large":
        problems += demo_problems.add_bulk(store, rng, LARGE_PROBLEMS, years, now, report)
    report("done", 1, 1)
    seconds = (datetime.now(UTC) - started).total_seconds()
    return DemoSummary(size, seed, added, profile_count, total, photos, problems, round(seconds, 2))


def _add_profiles(store: Store) -> dict[str, tuple[str, str, str, str]]:
    """Four fictional local users; returns who patrols which reach: {reach_code: (uuid, name, role, level)}."""
    reaches = store.registry.reaches()
    by_township: dict[str, list[str]] = {}
    for r in reaches:
        if r.demo:
            by_township.setdefault(r.township, []).append(r.code)
    xiatang = by_township.get("下汤镇", [])[:2] or [reaches[0].code]
    lushan = [r.code for r in reaches if r.county_code == "410423"][:6]
    chief = store.profiles.save(
        name="李德明",
        role=Role.CHIEF,
        level=Level.VILLAGE,
        unit="鲁山县下汤镇林庄村（示例）",
        reach_codes=xiatang,
        make_current=False,
    )
    store.profiles.save(
        name="赵春花",
        role=Role.CHIEF,
        level=Level.TOWNSHIP,
        unit="鲁山县下汤镇人民政府（示例）",
        reach_codes=by_township.get("下汤镇", xiatang),
        make_current=False,
    )
    patroller = store.profiles.save(
        name="孙卫东",
        role=Role.PATROLLER,
        level=None,
        unit="鲁山县下汤镇巡河队（示例）",
        reach_codes=xiatang,
        make_current=False,
    )
    store.profiles.save(
        name="周爱萍",
        role=Role.LIAISON_INSPECTOR,
        level=None,
        unit="鲁山县水利局（示例）",
        reach_codes=lushan,
        make_current=False,
    )
    store.profiles.make_current(chief.uuid)
    walkers = ((chief.uuid, chief.name, Role.CHIEF.code, Level.VILLAGE.code),
               (patroller.uuid, patroller.name, Role.PATROLLER.code, Level.VILLAGE.code))
    return {code: walkers[i % 2] for i, code in enumerate(xiatang)}


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _add_large_registry(store: Store, rng: random.Random, count: int) -> int:
    """`count` more demo village reaches spread over the real counties and waterbodies."""
    counties = [d.code for d in store.registry.divisions() if d.parent_code == "410400"]
    waterbodies = [(w.code, w.name) for w in store.registry.waterbodies()]
    next_seq = {c: store.registry.last_reach_sequence(c) + 1 for c in counties}
    reaches, chiefs = [], []
    for i in range(count):
        county = counties[i % len(counties)]
        wb_code, wb_name = waterbodies[i % len(waterbodies)]
        seq = next_seq[county]
        next_seq[county] += 1
        code = f"{county}{seq:06d}"
        village = f"{rng.choice(VILLAGE_STEMS)}{seq}村"
        township = f"示例{['东', '西', '南', '北', '中'][i % 5]}镇"
        lon0, lat0 = 112.6 + rng.random() * 0.9, 33.3 + rng.random() * 0.8
        pts = [[round(lon0 + k * 0.004, 5), round(lat0 + rng.uniform(-0.001, 0.001), 5)] for k in range(6)]
        reaches.append(
            {
                "code": code,
                "name": f"{wb_name}{township}{village}段",
                "waterbody": wb_code,
                "county": county,
                "township": township,
                "village": village,
                "length_m": 1850,
                "geometry": pts,
            }
        )
        chiefs.append(
            {
                "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"patrol-demo-large:{code}")),
                "name": _name(rng),
                "level": "village",
                "title": f"{village}党支部书记",
                "reaches": [code],
            }
        )
    with store.write() as conn:
        insert_demo_registry(conn, {"reaches": reaches, "chiefs": chiefs, "liaison_units": []})
    return len(reaches)


def describe(summary: DemoSummary) -> str:
    return json.dumps(summary.__dict__, ensure_ascii=False)
